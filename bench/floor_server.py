"""The floors for bench/ingest.py: parse a JSON array and insert rows, nothing else.

    python bench/floor_server.py DB PORT [one-table|hub-rows]

one-table: one row per flow in a table of nine columns (no keys, no indexes).
hub-rows: the rows the hub itself stores for a new flow (records, record_versions, flows),
in a database migrated with `junkan db upgrade` (same keys, indexes and foreign keys), with
the record as its version body and no checking at all. Both use WAL, synchronous=FULL and
one transaction per request, as the hub does.
"""

from __future__ import annotations

import itertools
import sqlite3
import sys
import time

import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

COLUMNS = (
    "id",
    "reporter",
    "material",
    "mass",
    "unit",
    "from_stage",
    "to_stage",
    "period",
    "region",
)
TO_KG = {"TNE": 1000.0, "KGM": 1.0}


def one_table_rows(records: list[dict]) -> list[tuple[str, list[tuple]]]:
    rows = [
        (
            r["@id"],
            r["reporter"],
            r["material"],
            r["mass"]["value"],
            r["mass"]["unit"],
            r["fromStage"],
            r["toStage"],
            r["period"],
            r["region"],
        )
        for r in records
    ]
    return [(f"INSERT INTO flows VALUES ({', '.join('?' * len(COLUMNS))})", rows)]


def hub_rows(records: list[dict], org: str, ids: itertools.count) -> list[tuple[str, list]]:
    stamp = time.strftime("%Y-%m-%d %H:%M:%S.000000")
    base = f"{time.time_ns() // 1_000_000:012x}"
    records_rows, versions, flows = [], [], []
    for r in records:
        rid = f"{base}{next(ids):020x}"
        body = orjson.dumps(r).decode()
        mass = r["mass"]
        records_rows.append(
            (rid, r["@id"], org, r["@type"], r.get("sourceSystem"), r.get("sourceRecordId"),
             r["disclosure"], 1, "0" * 64, stamp, stamp)
        )  # fmt: skip
        versions.append((rid, 1, "floor", "0" * 64, body, stamp))
        flows.append(
            (rid, org, r["material"], r["fromStage"], r["toStage"], r["period"],
             int(r["period"][2:]), r["region"], r["region"][:2], None, None, None, None,
             r.get("dataQuality"), r.get("uncertainty"), r["disclosure"],
             mass["value"] * TO_KG[mass["unit"]], mass["value"], mass["unit"])
        )  # fmt: skip
    return [
        (
            "INSERT INTO records (id, iri, organization_id, record_type, source_system, "
            "source_record_id, disclosure, version, content_hash, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            records_rows,
        ),
        (
            "INSERT INTO record_versions (record_id, version, submission_id, content_hash, "
            "body, valid_from) VALUES (?,?,?,?,?,?)",
            versions,
        ),
        (f"INSERT INTO flows VALUES ({', '.join('?' * 19)})", flows),
    ]


def _insert_placeholder(db: sqlite3.Connection, table: str, values: dict) -> None:
    """A row with the given values and a filler in every other NOT NULL column."""
    info = db.execute(f"PRAGMA table_info({table})").fetchall()
    row = {name: values.get(name, "x" if notnull else None) for _, name, _, notnull, *_ in info}
    marks = ", ".join("?" * len(row))
    db.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({marks})", list(row.values()))


def build(path: str, mode: str) -> Starlette:
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    ids = itertools.count()
    if mode == "hub-rows":
        db.execute("PRAGMA foreign_keys=ON")
        _insert_placeholder(db, "organizations", {"id": "floor", "iri": "https://floor.example"})
        _insert_placeholder(db, "submissions", {"id": "floor", "organization_id": "floor"})
    else:
        db.execute(f"CREATE TABLE flows ({', '.join(COLUMNS)})")

    async def ingest(request: Request) -> Response:
        records = orjson.loads(await request.body())
        if mode == "hub-rows":
            statements = hub_rows(records, "floor", ids)
        else:
            statements = one_table_rows(records)
        db.execute("BEGIN IMMEDIATE")
        for sql, rows in statements:
            db.executemany(sql, rows)
        db.execute("COMMIT")
        return Response(orjson.dumps({"stored": len(records)}), status_code=201)

    async def healthz(_: Request) -> Response:
        return Response(b"ok")

    return Starlette(
        routes=[Route("/ingest", ingest, methods=["POST"]), Route("/healthz", healthz)]
    )


if __name__ == "__main__":
    mode = sys.argv[3] if len(sys.argv) > 3 else "one-table"
    app = build(sys.argv[1], mode)
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
