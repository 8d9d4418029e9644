"""Static files of the dashboard, all served from this origin.

Plotly.js comes from the installed ``plotly`` Python package (its bundled ``plotly.min.js``),
so the pages never load a script from a CDN. The file name carries the package version, so
it can be cached for a year; it is gzip-compressed once, on first use.
"""

from __future__ import annotations

import gzip
import hashlib
from functools import cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from junkan.errors import NotFound
from junkan.web.deps import UnitOfWorkRoute, public

STATIC = Path(__file__).parent / "static"
PLOTLY_VERSION = version("plotly")
PLOTLY_PATH = f"/static/plotly-{PLOTLY_VERSION}.min.js"
FOREVER = "public, max-age=31536000, immutable"
_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
router = APIRouter(
    route_class=UnitOfWorkRoute, dependencies=[Depends(public)], include_in_schema=False
)


@cache
def _plotly() -> tuple[bytes, bytes]:
    raw = resources.files("plotly").joinpath("package_data/plotly.min.js").read_bytes()
    return raw, gzip.compress(raw, compresslevel=6, mtime=0)


@cache
def _static(name: str) -> tuple[bytes, str]:
    path = STATIC / name
    if path.suffix not in _TYPES or path.parent != STATIC or not path.is_file():
        raise NotFound()
    body = path.read_bytes()
    return body, hashlib.sha256(body).hexdigest()[:16]


def static_url(name: str) -> str:
    """URL of a static file with its content hash, so it can be cached for good."""
    return f"/static/{name}?v={_static(name)[1]}"


@router.get(PLOTLY_PATH)
def plotly_js(request: Request) -> Response:
    raw, packed = _plotly()
    headers = {"Cache-Control": FOREVER, "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(packed, media_type=_TYPES[".js"], headers=headers)
    return Response(raw, media_type=_TYPES[".js"], headers=headers)


@router.get("/static/{name}")
def static_file(name: str) -> Response:
    body, _ = _static(name)
    media = _TYPES[Path(name).suffix]
    return Response(body, media_type=media, headers={"Cache-Control": FOREVER})
