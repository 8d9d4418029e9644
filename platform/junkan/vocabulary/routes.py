"""Public, cacheable routes for the vocabulary, its context, shapes, JSON Schema and code lists."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import Response

from junkan.vocabulary import service
from junkan.web.deps import UnitOfWorkRoute, public

router = APIRouter(route_class=UnitOfWorkRoute, tags=["vocabulary"], dependencies=[Depends(public)])
CACHE = "public, max-age=3600"
IfNoneMatch = Annotated[str | None, Header()]


def _send(artefact: service.Artefact, if_none_match: str | None) -> Response:
    headers = {"ETag": artefact.etag, "Cache-Control": CACHE, "Vary": "Accept"}
    if if_none_match and artefact.etag in {t.strip() for t in if_none_match.split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(artefact.body, media_type=artefact.media_type, headers=headers)


def _negotiate(accept: str, fmt: str | None) -> str:
    if fmt:
        return {"ttl": "turtle", "turtle": "turtle", "jsonld": "jsonld", "html": "html"}.get(
            fmt, "turtle"
        )
    accept = accept.lower()
    for media, kind in (
        ("text/html", "html"),
        ("application/ld+json", "jsonld"),
        ("application/json", "jsonld"),
        ("text/turtle", "turtle"),
    ):
        if media in accept:
            return kind
    return "turtle"


@router.get("/ns")
def vocabulary(
    accept: Annotated[str, Header()] = "",
    format: Annotated[Literal["ttl", "turtle", "jsonld", "html"] | None, Query()] = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The vocabulary: Turtle, JSON-LD or HTML by `Accept` (or `?format=`)."""
    kind = _negotiate(accept, format)
    artefact = {
        "turtle": service.vocabulary_turtle,
        "jsonld": service.vocabulary_jsonld,
        "html": service.vocabulary_html,
    }[kind]()
    return _send(artefact, if_none_match)


@router.get("/contexts/v1.jsonld")
def context(if_none_match: IfNoneMatch = None) -> Response:
    """The pinned JSON-LD context every record names."""
    return _send(service.context(), if_none_match)


@router.get("/shapes/{name}.ttl")
def shapes(name: str, if_none_match: IfNoneMatch = None) -> Response:
    """SHACL shapes (`junkan`: all record types, closed)."""
    return _send(service.shapes(name), if_none_match)


@router.get("/json-schema/{name}.json")
def json_schema(name: str, if_none_match: IfNoneMatch = None) -> Response:
    """JSON Schema: `junkan` for any record, or one record type such as `MaterialFlow`."""
    return _send(service.json_schema(name), if_none_match)


@router.get("/codes")
def code_lists() -> list[dict[str, str]]:
    """The published code lists."""
    return service.schemes()


@router.get("/codes/{scheme}")
def code_list(
    scheme: str,
    accept: Annotated[str, Header()] = "",
    format: Annotated[Literal["jsonld", "csv"] | None, Query()] = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """One code list as SKOS JSON-LD, or CSV (`?format=csv` or `Accept: text/csv`)."""
    as_csv = format == "csv" or (format is None and "text/csv" in accept.lower())
    return _send(service.codes(scheme, as_csv), if_none_match)
