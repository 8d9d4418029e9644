"""The vocabulary's artefacts as the hub serves them: read from the installed SDK, never fetched."""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass
from functools import cache

from junkan.errors import NotFound
from junkan_connect.vocab import RECORD_TYPES, code_list, read_text
from junkan_connect.vocab.codes import to_csv
from junkan_connect.vocab.resources import code_schemes

TURTLE = "text/turtle"
JSONLD = "application/ld+json"
SCHEMA_ID = "https://w3id.org/junkan/json-schema/v1/"


@dataclass(frozen=True)
class Artefact:
    body: bytes
    media_type: str

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:32] + '"'


@cache
def context() -> Artefact:
    return Artefact(read_text("context-v1.jsonld").encode(), JSONLD)


@cache
def vocabulary_turtle() -> Artefact:
    return Artefact(read_text("vocab.ttl").encode(), TURTLE)


@cache
def vocabulary_jsonld() -> Artefact:
    from rdflib import Graph

    graph = Graph().parse(data=read_text("vocab.ttl"), format="turtle")
    return Artefact(graph.serialize(format="json-ld", indent=1).encode(), JSONLD)


@cache
def vocabulary_html() -> Artefact:
    """A plain bilingual page of classes and their properties (the docs hold more)."""
    schema = json.loads(read_text("junkan.schema.json"))["$defs"]
    parts = [
        "<!doctype html><html lang='ja'><head><meta charset='utf-8'>",
        "<title>Junkan vocabulary / 循環 語彙</title></head><body>",
        "<h1>Junkan vocabulary v1 / 循環 語彙</h1>",
        "<p>Namespace <code>https://w3id.org/junkan/ns#</code>. Also as ",
        "<a href='/ns?format=ttl'>Turtle</a> and <a href='/ns?format=jsonld'>JSON-LD</a>; ",
        "context <a href='/contexts/v1.jsonld'>/contexts/v1.jsonld</a>.</p>",
    ]
    for name in sorted(schema):
        definition = schema[name]
        parts.append(f"<h2 id='{html.escape(name)}'>{html.escape(name)}</h2>")
        if definition.get("description"):
            parts.append(f"<p>{html.escape(definition['description'])}</p>")
        required = set(definition.get("required", []))
        items = "".join(
            f"<li><code>{html.escape(p)}</code>{' (required)' if p in required else ''}</li>"
            for p in sorted(definition.get("properties", {}))
        )
        parts.append(f"<ul>{items}</ul>")
    parts.append("</body></html>")
    return Artefact("".join(parts).encode(), "text/html; charset=utf-8")


@cache
def shapes(name: str) -> Artefact:
    if name != "junkan":
        raise NotFound()
    return Artefact(read_text("shapes.ttl").encode(), TURTLE)


@cache
def json_schema(name: str) -> Artefact:
    """`junkan`: every record type; a record type's name: that type alone."""
    document = json.loads(read_text("junkan.schema.json"))
    if name != "junkan":
        if name not in RECORD_TYPES:
            raise NotFound()
        document = {
            "$schema": document["$schema"],
            "$id": f"{SCHEMA_ID}{name}.json",
            "title": f"Junkan {name} (v1)",
            "$ref": f"#/$defs/{name}",
            "$defs": document["$defs"],
        }
    return Artefact(
        json.dumps(document, ensure_ascii=False, indent=1).encode(), "application/schema+json"
    )


def schemes() -> list[dict[str, str]]:
    return [
        {"scheme": s, "jsonld": f"/codes/{s}", "csv": f"/codes/{s}?format=csv"}
        for s in code_schemes()
    ]


@cache
def codes(scheme: str, as_csv: bool) -> Artefact:
    if scheme not in code_schemes():
        raise NotFound()
    if as_csv:
        return Artefact(to_csv(scheme).encode("utf-8"), "text/csv; charset=utf-8")
    code_list(scheme)  # fails loudly if the artefact is broken
    return Artefact(read_text(f"codes/{scheme}.json").encode(), JSONLD)
