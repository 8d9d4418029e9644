"""Language choice, labels and template rendering for the dashboard pages."""

from __future__ import annotations

import math
from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from junkan.web.pages.assets import PLOTLY_PATH, static_url
from junkan.web.pages.messages import message
from junkan_connect.vocab.codes import UnknownCodeError, code_list

LANGS = ("ja", "en")
TEMPLATES = Path(__file__).parent / "templates"
# Everything the pages load comes from this origin; Plotly needs inline styles for its SVG.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)

_env.globals.update(static_url=static_url, plotly_js=PLOTLY_PATH)


def choose_lang(request: Request) -> str:
    """``?lang=`` first, then the first supported language in Accept-Language, else Japanese."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    ranked = []
    for i, part in enumerate(request.headers.get("accept-language", "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        ranked.append((-q, i, tag.split("-")[0].lower()))
    for _, _, tag in sorted(ranked):
        if tag in LANGS:
            return tag
    return "ja"


def code_label(scheme: str, code: str | None, lang: str) -> str:
    if not code:
        return ""
    try:
        text = code_list(scheme).get(code).label(lang)
    except UnknownCodeError:
        return code
    # The vocabulary's English labels are lower case (they read well inside sentences).
    return text[:1].upper() + text[1:] if lang == "en" else text


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}"


class Page:
    """What every template gets: the language, a translator and URL helpers."""

    def __init__(self, request: Request, lang: str, region_names: dict[str, tuple[str, str]]):
        self.request = request
        self.lang = lang
        self.other_lang = "en" if lang == "ja" else "ja"
        self._region_names = region_names

    def t(self, key: str, **values: object) -> str:
        return message(key, self.lang, **values)

    def label(self, scheme: str, code: str | None) -> str:
        return code_label(scheme, code, self.lang)

    def labels(self, scheme: str, codes: list[str]) -> str:
        sep = "、" if self.lang == "ja" else ", "
        return sep.join(self.label(scheme, c) for c in codes)

    def region(self, code: str | None) -> str:
        if not code:
            return ""
        if code == "JP":
            return self.t("region.national")
        if code in self._region_names:
            ja, en = self._region_names[code]
            return ja if self.lang == "ja" or not en else en
        prefecture = code_label("prefectures", code[:2], self.lang)
        # A municipality that is not a member has no name here: its prefecture and code.
        return prefecture if len(code) == 2 else f"{prefecture} {code}"

    def url(self, path: str, **params: object) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")} | {"lang": self.lang}
        return f"{path}?{urlencode(query)}"

    def switch_url(self) -> str:
        """This page in the other language, keeping every other query parameter."""
        params = dict(self.request.query_params) | {"lang": self.other_lang}
        return f"{self.request.url.path}?{urlencode(params)}"


def render(page: Page, template: str, status_code: int = 200, **context: object) -> HTMLResponse:
    html = _env.get_template(template).render(page=page, t=page.t, fmt=fmt, **context)
    headers = {
        "Content-Security-Policy": CSP,
        "Content-Language": page.lang,
        "Vary": "Accept-Language",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    return HTMLResponse(html, status_code=status_code, headers=headers)
