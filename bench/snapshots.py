"""Snapshot and API benchmark (not a test): prints figures.

    PYTHONPATH=platform python bench/snapshots.py --rows 1000000
    PYTHONPATH=platform python bench/snapshots.py --rows 1000000 \
        --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres

Fills a freshly migrated store (SQLite file, or a new PostgreSQL database) with ``--rows``
flows at the driver level (the benchmark measures the snapshot build, not ingest), then:
  * times ``build_snapshot`` (best of ``--repeat``), targets ≤ 10 s SQLite, ≤ 4 s PostgreSQL;
  * serves the hub in-process and times ``GET /api/v1/flows/aggregate`` for several query
    shapes on that snapshot (p50/p99 over ``--requests`` each), target p99 ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from junkan.db import bulk, migrate
from junkan.db.engine import make_engine
from junkan.db.uow import Database
from junkan.flows.snapshots import build_snapshot
from junkan.submissions.models import Flow, Record

N_ORGS, N_GROUPS = 3000, 900
MATERIALS = ["pet", "hdpe", "pp", "iron_steel", "aluminium", "copper", "paper", "glass"]
MATERIALS += ["wood", "food_waste", "concrete", "textiles", "cobalt", "lithium", "mixed_msw"]
STAGES = ["collection", "sorting", "recycling", "manufacturing", "use", "incineration"]
STAGES += ["landfill", "energy_recovery", "reuse", "distribution", "pre_treatment"]
RECOVERY = ["recycling_mechanical", "recycling_chemical", "energy_recovery", "landfill", None]
PREFS = [f"{i:02d}" for i in range(1, 48)]
QUERIES = [
    {"group_by": "material"},
    {"group_by": "material,period"},
    {"group_by": "from_stage,to_stage", "period_from": "FY2022", "period_to": "FY2022"},
    {"group_by": "material_category,prefecture", "unit": "t"},
    {"group_by": "material,to_stage", "material_category": "plastics"},
]


def _organizations(conn, now: str) -> None:
    rows = []
    for i in range(N_ORGS):
        parent = f"org{i % N_GROUPS:028d}" if i >= N_GROUPS else None
        rows.append((f"org{i:028d}", f"https://bench.example/org/{i}", "company", f"社{i}", parent))
    conn.exec_driver_sql(
        "INSERT INTO organizations (id, iri, kind, name_ja, group_id, created_at, updated_at,"
        f" version) VALUES ({_marks(conn, 5)}, '{now}', '{now}', 1)",
        rows,
    )


def _marks(conn, n: int) -> str:
    return ", ".join(["?" if conn.dialect.paramstyle == "qmark" else "%s"] * n)


def fill(engine, rows: int, chunk: int = 100_000) -> None:
    rng = np.random.default_rng(7)
    now = "2026-11-28 00:00:00.000000" if engine.dialect.name == "sqlite" else "2026-11-28"
    with engine.begin() as conn:
        _organizations(conn, now)
    record_cols = [c.name for c in Record.__table__.columns]
    flow_cols = [c.name for c in Flow.__table__.columns]
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        org = (rng.zipf(1.3, n) - 1) % N_ORGS
        year = rng.integers(2014, 2024, n)
        ids = [uuid.UUID(int=start + i).hex for i in range(n)]
        records, flows = [], []
        for i in range(n):
            org_id = f"org{org[i]:028d}"
            disclosure = ("public", "members", "confidential")[i % 3]
            records.append(_record_row(record_cols, ids[i], org_id, disclosure, now))
            flows.append(_flow_row(rng, ids[i], org_id, int(year[i]), disclosure, i))
        with engine.begin() as conn:
            bulk.insert_rows(conn, Record.__table__, record_cols, records)
            bulk.insert_rows(conn, Flow.__table__, flow_cols, flows)


def _record_row(cols, record_id, org_id, disclosure, now) -> tuple:
    values = {
        "id": record_id,
        "iri": f"https://bench.example/flow/{record_id}",
        "organization_id": org_id,
        "record_type": "MaterialFlow",
        "source_system": None,
        "source_record_id": None,
        "disclosure": disclosure,
        "version": 1,
        "content_hash": "0" * 64,
        "created_at": now,
        "updated_at": now,
    }
    return tuple(values[c] for c in cols)


def _flow_row(rng, record_id, org_id, year, disclosure, i) -> tuple:
    pref = PREFS[i % 47]
    mass = float(rng.lognormal(8.0, 2.0))
    return (
        record_id, org_id, MATERIALS[i % len(MATERIALS)], STAGES[i % len(STAGES)],
        STAGES[(i * 7 + 3) % len(STAGES)], f"FY{year}", year, f"{pref}1000", pref, None,
        RECOVERY[i % len(RECOVERY)], "waste", "post_consumer", "measured", 0.05, disclosure,
        mass, mass / 1000, "TNE",
    )  # fmt: skip


def time_builds(engine, root: Path, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        manifest = build_snapshot(engine, root, keep=2)
        times.append(time.perf_counter() - started)
        print(f"  snapshot {manifest['id']}: {manifest['rows']:,} rows in {times[-1]:.2f} s")
    return times


def time_api(url: str, data_dir: Path, requests: int) -> None:
    from fastapi.testclient import TestClient

    from junkan.app import create_app
    from junkan.settings import Settings

    settings = Settings(data_dir=data_dir, database_url=url, log_level="WARNING")
    app = create_app(settings)
    client = TestClient(app)
    started = time.perf_counter()
    client.get("/api/v1/flows/aggregate")
    print(
        f"  first request (loads the snapshot into memory): {time.perf_counter() - started:.2f} s"
    )
    for cache, label in ((0, "cold: no result cache"), (256, "warm: per-snapshot cache")):
        app.state.snapshot_reader.max_cached = cache
        print(f" {label}")
        _time_queries(client, requests)


def _time_queries(client, requests: int) -> None:
    for params in QUERIES:
        first = client.get("/api/v1/flows/aggregate", params=params)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get("/api/v1/flows/aggregate", params=params)
            times.append((time.perf_counter() - started) * 1000)
        cells = len(response.json().get("cells", [])) if response.status_code == 200 else 0
        p99 = float(np.percentile(times, 99))
        print(
            f"  {params}: HTTP {first.status_code}, {cells} cells, "
            f"p50 {statistics.median(times):.0f} ms, p99 {p99:.0f} ms"
        )


def _postgres_database(admin_url: str) -> str:
    name = f"junkan_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--postgres", help="admin URL; a new database is created on it")
    parser.add_argument("--existing", help="URL of a store an earlier run filled")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="junkan-bench-"))
    if args.existing:
        url = args.existing  # a store filled by an earlier run: skip the slow fill
    elif args.postgres:
        url = _postgres_database(args.postgres)
    else:
        url = f"sqlite:///{work}/junkan.db"
    engine = make_engine(url)
    backend = engine.dialect.name
    if not args.existing:
        migrate.upgrade(engine)
        started = time.perf_counter()
        fill(engine, args.rows)
        print(f"{backend}: filled {args.rows:,} flows in {time.perf_counter() - started:.1f} s")
    print(f"{backend}: {url.rsplit('/', 1)[-1]}, load average {os.getloadavg()[0]:.1f}")
    builds = time_builds(Database(engine).engine, work / "snapshots", args.repeat)
    target = 10.0 if backend == "sqlite" else 4.0
    print(f"snapshot build best {min(builds):.2f} s (target ≤ {target:g} s)")
    print("GET /api/v1/flows/aggregate (anonymous, disclosure control on):")
    time_api(url, work, args.requests)
    engine.dispose()


if __name__ == "__main__":
    main()
