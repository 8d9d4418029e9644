"""The floor for bench/ingest.py: parse a JSON array and insert rows, nothing else."""

from __future__ import annotations

import sqlite3
import sys

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


def build(path: str) -> Starlette:
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(f"CREATE TABLE flows ({', '.join(COLUMNS)})")

    async def ingest(request: Request) -> Response:
        records = orjson.loads(await request.body())
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
        db.execute("BEGIN IMMEDIATE")
        db.executemany(f"INSERT INTO flows VALUES ({', '.join('?' * len(COLUMNS))})", rows)
        db.execute("COMMIT")
        return Response(orjson.dumps({"stored": len(rows)}), status_code=201)

    async def healthz(_: Request) -> Response:
        return Response(b"ok")

    return Starlette(
        routes=[Route("/ingest", ingest, methods=["POST"]), Route("/healthz", healthz)]
    )


if __name__ == "__main__":
    uvicorn.run(build(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
