"""Output formats of the analytics API: JSON, CSV (formula-safe), Parquet, JSON-LD, Turtle.

Everything passes through ``analytics.export``'s fixed schemas, which refuse frames that
still carry internal disclosure columns, so a wiring mistake fails instead of leaking.
"""

from __future__ import annotations

import io
import math

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from fastapi import Response

from junkan.analytics import export
from junkan.flows.errors import UnknownFormat

PARQUET = "application/vnd.apache.parquet"
CSV = "text/csv; charset=utf-8"
JSONLD = "application/ld+json"
TURTLE = "text/turtle; charset=utf-8"
_ACCEPT = {
    "text/csv": "csv",
    PARQUET: "parquet",
    "application/x-parquet": "parquet",
    JSONLD: "jsonld",
    "application/json": "json",
    "text/turtle": "ttl",
}
FORMATS = ("json", "csv", "parquet", "jsonld", "ttl")
CONTEXT = {
    "@vocab": "https://w3id.org/junkan/ns#",
    "snapshot_id": "https://w3id.org/junkan/ns#snapshot",
}


def negotiate(format: str | None, accept: str | None) -> str:
    """``format=`` wins over ``Accept``; JSON when neither says otherwise."""
    if format is not None:
        if format not in FORMATS:
            raise UnknownFormat(f"format must be one of {', '.join(FORMATS)}")
        return format
    for part in (accept or "").split(","):
        kind = part.split(";")[0].strip().lower()
        if kind in _ACCEPT:
            return _ACCEPT[kind]
    return "json"


def clean(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return clean(value.item())
    return value


def rows(frame: pd.DataFrame) -> list[dict]:
    return [{k: clean(v) for k, v in r.items()} for r in frame.to_dict("records")]


def table_response(table: pa.Table, kind: str, name: str, meta: dict) -> Response:
    """A table as CSV, Parquet, JSON-LD or Turtle (JSON is the route's own document)."""
    headers = {"Junkan-Snapshot-Id": str(meta["snapshot_id"])}
    if kind == "parquet":
        sink = io.BytesIO()
        pq.write_table(table, sink, compression="zstd")
        headers["Content-Disposition"] = f'attachment; filename="{name}.parquet"'
        return Response(sink.getvalue(), media_type=PARQUET, headers=headers)
    frame = table.to_pandas()
    if kind == "csv":
        headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return Response(export.to_csv(frame), media_type=CSV, headers=headers)
    graph = [{"@type": name, **row} for row in rows(frame)]
    body = {"@context": CONTEXT, **meta, "@graph": graph}
    if kind == "ttl":  # the same document as the JSON-LD export, as Turtle
        from junkan.flows.turtle import to_turtle

        headers["Content-Disposition"] = f'attachment; filename="{name}.ttl"'
        return Response(to_turtle(body), media_type=TURTLE, headers=headers)
    import orjson

    return Response(orjson.dumps(body), media_type=JSONLD, headers=headers)


def frame_table(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    data = {f.name: [clean(v) for v in frame[f.name].tolist()] for f in schema}
    return pa.Table.from_pydict(data, schema=schema)
