"""A snapshot built while another connection writes describes one consistent moment.

A writer commits flows and region statistics in lockstep (every transaction adds as many of
one as of the other), so at every committed moment the two counts are equal. The snapshot
reads the side tables first and the flows afterwards; if the two reads were not inside one
read transaction (SQLite: one connection under WAL; PostgreSQL: REPEATABLE READ), commits
landing between them would leave more flows than regions in the manifest.
"""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, insert, select

from junkan.db import migrate
from junkan.db.engine import WRITE_OPTION, make_engine
from junkan.flows import snapshots
from junkan.flows.snapshots import build_snapshot
from junkan.members.models import Organization
from junkan.submissions.models import Flow, Record, RecordVersion, Submission

ORG = "o" * 32
SUBMISSION = "s" * 32
NOW = datetime(2026, 11, 29, tzinfo=UTC)


def _seed(conn) -> None:
    conn.execute(
        insert(Organization.__table__),
        [dict(id=ORG, iri="https://t.example/org", kind="company", name_ja="社", group_id=None,
              created_at=NOW, updated_at=NOW, version=1)],
    )  # fmt: skip
    conn.execute(
        insert(Submission.__table__),
        [dict(id=SUBMISSION, organization_id=ORG, key_id=None, received_at=NOW,
              completed_at=NOW, format="t", content_type="t", body_sha256="0" * 64,
              body_bytes=0, mode="upsert", dry_run=False, status="done")],
    )  # fmt: skip


def _record(record_id: str, record_type: str) -> dict:
    return dict(
        id=record_id, iri=f"https://t.example/r/{record_id}", organization_id=ORG,
        record_type=record_type, source_system=None, source_record_id=None,
        disclosure="public", version=1, content_hash="0" * 64, created_at=NOW, updated_at=NOW,
    )  # fmt: skip


def _pairs(conn, n: int) -> None:
    """n flows and n region statistics, in the caller's transaction."""
    flows, regions = [uuid.uuid4().hex for _ in range(n)], [uuid.uuid4().hex for _ in range(n)]
    conn.execute(
        insert(Record.__table__),
        [_record(f, "MaterialFlow") for f in flows]
        + [_record(r, "RegionStatistics") for r in regions],
    )
    conn.execute(
        insert(Flow.__table__),
        [dict(record_id=f, organization_id=ORG, material="pet", from_stage="collection",
              to_stage="sorting", period="FY2022", year=2022, region="131001",
              prefecture="13", facility=None, recovery_type=None, flow_class=None, origin=None,
              data_quality=None, uncertainty=None, disclosure="public", mass_kg=1.0,
              mass_value=1.0, mass_unit="KGM") for f in flows],
    )  # fmt: skip
    body = json.dumps({"region": "13", "period": "FY2022", "population": 1})
    conn.execute(
        insert(RecordVersion.__table__),
        [dict(record_id=r, version=1, submission_id=SUBMISSION, content_hash="0" * 64,
              body=body, valid_from=NOW) for r in regions],
    )  # fmt: skip


def _count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Flow.__table__)).scalar_one()


_PG = pytest.mark.postgres
# (backend, adbc_min_rows, pg_read): pg_read only chooses among PostgreSQL paths, so SQLite
# runs each of its two read paths once (no case that would only skip under strict CI).
_READ_PATHS = [
    pytest.param("sqlite", 0, "adbc", id="sqlite-adbc"),
    pytest.param("sqlite", None, "adbc", id="sqlite-default"),
    *(
        pytest.param("postgresql", rows, read, id=f"postgresql-{label}-{read}", marks=_PG)
        for rows, label in ((0, "adbc"), (None, "default"))
        for read in ("adbc", "copy")
    ),
]


@pytest.mark.parametrize(("backend", "adbc_min_rows", "pg_read"), _READ_PATHS, indirect=["backend"])
def test_a_snapshot_built_during_writes_matches_one_moment(
    backend, tmp_path, adbc_min_rows, pg_read, monkeypatch
):
    """On SQLite, `adbc` forces the ADBC child process; `default` reads this small store in
    process. On PostgreSQL `pg_read` picks the flow read: the ADBC driver on a second
    connection that imports the exported snapshot, or COPY as CSV on the same connection."""
    monkeypatch.setattr(snapshots, "_adbc_postgres_available", lambda: pg_read == "adbc")
    options = {} if adbc_min_rows is None else {"adbc_min_rows": adbc_min_rows}
    engine = make_engine(backend.url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        _seed(conn)
        for _ in range(10):
            _pairs(conn, 2000)  # enough rows that the flow read takes a while
    stop, errors = threading.Event(), []

    def write() -> None:
        writer = engine.execution_options(**{WRITE_OPTION: True})
        try:
            while not stop.is_set():
                with writer.begin() as conn:
                    _pairs(conn, 20)
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    try:
        manifests, counts = [], [_count(engine)]
        for _ in range(3):
            manifests.append(build_snapshot(engine, tmp_path / "snapshots", keep=3, **options))
            counts.append(_count(engine))
    finally:
        stop.set()
        thread.join(30)
        engine.dispose()
    assert not errors, errors
    for before, manifest, after in zip(counts, manifests, counts[1:], strict=False):
        assert manifest["rows"] == manifest["regions"], manifest
        assert before <= manifest["rows"] <= after
    assert counts[-1] > counts[0]  # the writer really committed while snapshots were built


def test_adbc_and_in_process_reads_give_the_same_snapshot(tmp_path):
    """The demo region (nulls in many columns, several kinds of records) read both ways."""
    import pyarrow.parquet as pq

    from junkan.analytics import snapshot_io
    from junkan.db.uow import Database
    from junkan.demo import load_demo
    from junkan.flows.snapshots import read_side
    from junkan.settings import Settings

    settings = Settings(data_dir=tmp_path / "data", log_format="text")
    engine = make_engine(settings.effective_database_url())
    migrate.upgrade(engine)
    database = Database(engine)
    try:
        load_demo(database, settings)
        built = {
            name: build_snapshot(engine, tmp_path / name, adbc_min_rows=threshold)
            for name, threshold in (("adbc", 0), ("python", 10**12))
        }
    finally:
        database.dispose()
    tables = {}
    for name, manifest in built.items():
        root = tmp_path / name
        table = pq.read_table(snapshot_io.snapshot_dir(root, manifest["id"]))
        tables[name] = table.sort_by("record_id")
        assert manifest["rows"] > 400
        for side in ("regions",):
            side_table = read_side(root, manifest, side)
            tables[f"{name}-{side}"] = side_table.sort_by(side_table.column_names[0])
    assert tables["adbc"].schema == tables["python"].schema
    assert tables["adbc"].equals(tables["python"])
    assert tables["adbc-regions"].equals(tables["python-regions"])
    keys = {k: v for k, v in built["adbc"].items() if k not in ("seconds", "built_at", "side")}
    assert keys == {k: v for k, v in built["python"].items() if k in keys}


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=_PG)], indirect=True)
def test_adbc_and_copy_reads_of_postgresql_give_the_same_snapshot(
    backend, tmp_path, monkeypatch, caplog
):
    """The demo region read through the ADBC driver, through COPY as CSV, and by COPY after
    the driver failed to connect: same tables."""
    import pyarrow.parquet as pq

    from junkan.analytics import snapshot_io
    from junkan.db.uow import Database
    from junkan.demo import load_demo
    from junkan.settings import Settings

    settings = Settings(data_dir=tmp_path / "data", database_url=backend.url, log_format="text")
    engine = make_engine(backend.url)
    migrate.upgrade(engine)
    database = Database(engine)
    tables = {}
    try:
        load_demo(database, settings)
        for name in ("adbc", "copy", "unreachable"):
            monkeypatch.setattr(snapshots, "_adbc_postgres_available", lambda n=name: n != "copy")
            if name == "unreachable":  # the driver cannot connect: COPY on the same connection
                monkeypatch.setattr(snapshots, "_libpq_conninfo", lambda _: "host=/nonexistent")
            manifest = build_snapshot(engine, tmp_path / name)
            table = pq.read_table(snapshot_io.snapshot_dir(tmp_path / name, manifest["id"]))
            tables[name] = table.sort_by("record_id")
            assert manifest["rows"] > 400
    finally:
        database.dispose()
    assert tables["adbc"].schema == tables["copy"].schema
    assert tables["adbc"].equals(tables["copy"])
    assert tables["unreachable"].equals(tables["copy"])
    assert "ADBC could not connect" in caplog.text
