"""Mutations of valid records for the differential test (fast validator vs SHACL oracle)."""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator

from junkan_connect.vocab import CONTEXT_URL, context_document

ENVELOPE = ("@context", "@id", "@type")
FRACTIONS = {
    "massFraction",
    "recycledFractionPreConsumer",
    "recycledFractionPostConsumer",
    "reusedFraction",
    "renewableFraction",
    "concentration",
    "recyclableFraction",
    "collectionFractionRecycling",
    "recyclingEfficiency",
    "feedstockRecyclingEfficiency",
}


def _flip(value: object) -> object:
    """A value of another JSON type."""
    if isinstance(value, str):
        return 42
    if isinstance(value, bool):
        return "true"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return value[0] if value else "x"
    return "x"


def _top_level(doc: dict) -> Iterator[tuple[str, dict]]:
    for key in doc:
        yield f"drop {key}", {k: v for k, v in doc.items() if k != key}
        if key not in ENVELOPE:
            yield f"flip {key}", {**doc, key: _flip(doc[key])}
            yield f"null {key}", {**doc, key: None}
    yield "unknown key", {**doc, "weight": 1}
    yield "unknown keyword @index", {**doc, "@index": "x"}
    yield "type as list", {**doc, "@type": [doc.get("@type")]}


def _smuggling(doc: dict) -> Iterator[tuple[str, dict]]:
    body = {k: v for k, v in doc.items() if k != "@context"}
    yield (
        "inline context added",
        {**doc, "@context": [CONTEXT_URL, {"x": "https://evil.example/x"}]},
    )
    yield "context inlined", {**doc, "@context": context_document()["@context"]}
    yield "context as list", {**doc, "@context": [CONTEXT_URL]}
    yield "remote context", {**doc, "@context": "https://evil.example/c.jsonld"}
    yield "@graph wrapper", {"@context": CONTEXT_URL, "@graph": [body]}
    yield "@included", {**doc, "@included": [{"@id": "https://evil.example/n", "weight": 1}]}
    yield "@reverse", {**doc, "@reverse": {"reporter": {"@id": "https://evil.example/r"}}}
    yield "relative @id", {**doc, "@id": "flows/1"}
    yield "unknown @type", {**doc, "@type": "Quantity"}


def _nested_paths(node: object, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    if isinstance(node, dict):
        if path:
            yield path, node
        for k, v in node.items():
            if not k.startswith("@"):
                yield from _nested_paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _nested_paths(v, (*path, i))


def _set(doc: dict, path: tuple, value: object) -> dict:
    out = copy.deepcopy(doc)
    target = out
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return out


def _get(doc: dict, path: tuple) -> object:
    for step in path:
        doc = doc[step]
    return doc


def _nested(doc: dict) -> Iterator[tuple[str, dict]]:
    for path, node in list(_nested_paths(doc)):
        where = "/".join(map(str, path))
        if "value" in node and "unit" in node:
            yield f"{where} unit XYZ", _set(doc, (*path, "unit"), "XYZ")
            yield f"{where} unit LTR", _set(doc, (*path, "unit"), "LTR")
            yield f"{where} unit KGM", _set(doc, (*path, "unit"), "KGM")
            yield f"{where} value NaN", _set(doc, (*path, "value"), math.nan)
            yield f"{where} value inf", _set(doc, (*path, "value"), math.inf)
            yield f"{where} value true", _set(doc, (*path, "value"), True)
            yield f"{where} value -1", _set(doc, (*path, "value"), -1)
            yield f"{where} value 0", _set(doc, (*path, "value"), 0)
        yield f"{where} unknown key", _set(doc, (*path, "weight"), 1)
        yield f"{where} nested @id", _set(doc, (*path, "@id"), "https://evil.example/n")
        yield f"{where} nested @type", _set(doc, (*path, "@type"), "MaterialFlow")
        for key in node:
            if key in FRACTIONS:
                yield f"{where}/{key} 1.5", _set(doc, (*path, key), 1.5)
                yield f"{where}/{key} -0.1", _set(doc, (*path, key), -0.1)
                yield f"{where}/{key} 1", _set(doc, (*path, key), 1)


def _values(doc: dict) -> Iterator[tuple[str, dict]]:
    for key, value in doc.items():
        if key in FRACTIONS:
            for bad in (1.5, -0.1, 1, 0, math.nan):
                yield f"{key} {bad}", {**doc, key: bad}
        if key in ("region",):
            for region in ("131017", "131016", "48", "JP", "13", "1310", "jp"):
                yield f"region {region}", {**doc, key: region}
        if key == "period":
            for period in ("2023", "FY2023", "2023-04", "2023-13", "FY23", "2023-4"):
                yield f"period {period}", {**doc, key: period}
        if isinstance(value, dict) and set(value) <= {"ja", "en"}:
            for bad in (
                {},
                {"fr": "x"},
                {"ja": ""},
                {"ja": 5},
                {"en": "only english"},
                {"JA": "x"},
                {"ja-JP": "x"},
                {"ja": "改行\nあり"},
            ):
                yield f"{key} {bad}", {**doc, key: bad}
        if isinstance(value, list):
            yield f"{key} empty list", {**doc, key: []}
            yield f"{key} scalar", {**doc, key: value[0]}
    for key in ("@id", "period", "region", "reporter", "material", "gtin", "asOf", "website"):
        if isinstance(doc.get(key), str):
            yield f"{key} trailing newline", {**doc, key: doc[key] + "\n"}
    if "corporateNumber" in doc:
        for number in ("7000012050002", "7000012050003", "700001205000", "0000012050002"):
            yield f"corporateNumber {number}", {**doc, "corporateNumber": number}


def mutations(doc: dict) -> Iterator[tuple[str, dict]]:
    yield "unchanged", doc
    yield from _top_level(doc)
    yield from _smuggling(doc)
    yield from _nested(doc)
    yield from _values(doc)
