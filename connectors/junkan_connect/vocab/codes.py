"""Code-list lookup: materials, stages, recovery types, units, prefectures and the small enums."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from junkan_connect.vocab.resources import code_schemes, read_json


class UnknownCodeError(KeyError):
    """The code is not in the code list."""


@dataclass(frozen=True)
class Code:
    scheme: str
    code: str
    iri: str
    label_en: str
    label_ja: str
    broader: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)

    def label(self, lang: str = "ja") -> str:
        return self.label_ja if lang == "ja" else self.label_en


@dataclass(frozen=True)
class CodeList:
    scheme: str
    iri: str
    label_en: str
    label_ja: str
    codes: dict[str, Code]

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __iter__(self):
        return iter(self.codes.values())

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, code: str) -> Code:
        try:
            return self.codes[code]
        except KeyError:
            raise UnknownCodeError(f"{code!r} is not in code list {self.scheme!r}") from None

    def ancestors(self, code: str) -> list[Code]:
        """Broader concepts, nearest first (e.g. pet → plastics)."""
        out = []
        current = self.get(code)
        while current.broader:
            current = self.get(current.broader.rsplit("/", 1)[1])
            out.append(current)
        return out


_RESERVED = {"@context", "id", "type", "code", "label", "broader"}


def _code(scheme: str, item: dict[str, Any]) -> Code:
    attrs = {k: v for k, v in item.items() if k not in _RESERVED}
    return Code(
        scheme=scheme,
        code=item["code"],
        iri=item["id"],
        label_en=item["label"]["en"],
        label_ja=item["label"]["ja"],
        broader=item.get("broader"),
        attributes=attrs,
    )


@cache
def code_list(scheme: str) -> CodeList:
    """A code list by scheme name, e.g. `code_list("materials")`."""
    if scheme not in code_schemes():
        raise UnknownCodeError(f"no code list {scheme!r}")
    doc = read_json(f"codes/{scheme}.json")
    codes = {item["code"]: _code(scheme, item) for item in doc["concepts"]}
    return CodeList(
        scheme=scheme,
        iri=doc["id"],
        label_en=doc["label"]["en"],
        label_ja=doc["label"]["ja"],
        codes=codes,
    )


def is_code(scheme: str, code: object) -> bool:
    return code in code_list(scheme)


def lookup(scheme: str, code: str) -> Code:
    return code_list(scheme).get(code)


def prefecture_name(code: str, lang: str = "ja") -> str:
    """Name of a prefecture from its JIS X 0401 code, or from a municipality code's prefix."""
    return lookup("prefectures", code[:2]).label(lang)


def to_csv(scheme: str) -> str:
    """A code list as CSV (code, labels, broader code, attributes) for `/codes/{scheme}`."""

    codes = list(code_list(scheme))
    extra = sorted({key for code in codes for key in code.attributes})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "label_ja", "label_en", "broader", *extra])
    for code in codes:
        broader = code.broader.rsplit("/", 1)[1] if code.broader else ""
        values = [code.attributes.get(key, "") for key in extra]
        writer.writerow([code.code, code.label_ja, code.label_en, broader, *values])
    return out.getvalue()
