"""Build analytics snapshots from the OLTP store.

Flows are read in streaming batches at the driver level (no ORM: a million rows through the
ORM would take minutes), joined to their enterprise group, given a material category and
written with ``analytics.snapshot_io.write_snapshot``. Products with their components and the
region statistics (population, GDP) go into a side directory named by the manifest, written
*before* the flows snapshot is published, so a snapshot is complete the moment it appears.

Material category = the top-level concept of the vocabulary's materials hierarchy (pet →
plastics, cobalt → metals), not MOE's four resource categories: it keeps plastics and
textiles apart, which the MOE grouping (both "fossil"/"biomass") would merge.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from junkan.analytics import snapshot_io
from junkan.flows import side_tables
from junkan_connect.vocab.codes import code_list

if TYPE_CHECKING:  # not imported at run time: the ADBC snapshot child never needs it
    from sqlalchemy import Connection, Engine

log = logging.getLogger("junkan.flows")
BATCH_ROWS = 200_000
SIDE_DIR = "_side"
# No join: the enterprise group is looked up in Arrow from a small organisation map, which
# costs less than making SQLite join a million rows.
_GROUPS_SQL = "SELECT id, COALESCE(group_id, id) FROM organizations"
_ORDER = [
    "record_id",
    "owner_org",
    "disclosure",
    "material",
    "from_stage",
    "to_stage",
    "period",
    "year",
    "region",
    "prefecture",
    "recovery_type",
    "flow_class",
    "origin",
    "mass_kg",
    "uncertainty",
    "data_quality",
]
# Every read path matches columns to _ORDER by position, so the query is written from it.
_FLOW_SQL = (
    "SELECT "
    + ", ".join("organization_id" if name == "owner_org" else name for name in _ORDER)
    + " FROM flows"
)
_TYPES = {f.name: f.type for f in snapshot_io.FLOW_SCHEMA}


@cache
def material_categories() -> tuple[pa.Array, pa.Array]:
    """(codes, top-level category per code) from the vocabulary, for a vectorised lookup."""
    materials = code_list("materials")
    codes, tops = [], []
    for concept in materials:
        ancestors = materials.ancestors(concept.code)
        codes.append(concept.code)
        tops.append(ancestors[-1].code if ancestors else concept.code)
    return pa.array(codes, pa.string()), pa.array(tops, pa.string())


def categorise(materials: pa.Array) -> pa.Array:
    codes, tops = material_categories()
    return pc.take(tops, pc.index_in(materials, value_set=codes))


def group_map(connection: Connection) -> tuple[pa.Array, pa.Array]:
    """(organisation ids, their enterprise group ids): a group is the parent or itself."""
    rows = list(connection.exec_driver_sql(_GROUPS_SQL))
    return pa.array([r[0] for r in rows], pa.string()), pa.array([r[1] for r in rows], pa.string())


def _batch_table(columns: dict[str, pa.Array], groups: tuple[pa.Array, pa.Array]) -> pa.Table:
    orgs, parents = groups
    columns["group_id"] = pc.take(parents, pc.index_in(columns["owner_org"], value_set=orgs))
    columns["material_category"] = categorise(columns["material"])
    return pa.table(columns)


def _sqlite_batches(connection: Connection, groups) -> Iterator[pa.Table]:
    cursor = connection.connection.cursor()
    try:
        cursor.execute(_FLOW_SQL)
        while rows := cursor.fetchmany(BATCH_ROWS):
            # One C-level copy into a 2-D object array, then a column slice per Arrow array:
            # about three times faster than transposing the tuples with zip(*rows).
            cells = np.array(rows, dtype=object)
            yield _batch_table(
                {name: pa.array(cells[:, i], _TYPES[name]) for i, name in enumerate(_ORDER)},
                groups,
            )
    finally:
        cursor.close()


def _postgres_batches(connection: Connection, groups) -> Iterator[pa.Table]:
    """COPY … TO STDOUT through a pipe into Arrow's streaming CSV reader.

    COPY is several times faster than fetching tuples through the driver. A thread feeds the
    COPY into a pipe while this one parses and the caller writes Parquet, so the server
    formatting CSV and the client parsing it run at the same time (they took turns through a
    spool file before); the pipe keeps memory flat however many rows there are.
    """
    import pyarrow.csv as pacsv

    statement = f"COPY ({_FLOW_SQL}) TO STDOUT WITH (FORMAT csv)"
    read_fd, write_fd = os.pipe()
    outcome: dict = {"bytes": 0}

    def feed() -> None:
        try:
            with (
                open(write_fd, "wb") as out,
                connection.connection.cursor() as cursor,
                cursor.copy(statement) as copy,
            ):
                for chunk in copy:
                    out.write(chunk)
                    outcome["bytes"] += len(chunk)
        except BaseException as exc:  # re-raised in the reading thread
            outcome["error"] = exc

    feeder = threading.Thread(target=feed, name="snapshot-copy", daemon=True)
    source = open(read_fd, "rb")  # noqa: SIM115 (closed in finally, after the reader)
    feeder.start()
    try:
        convert = pacsv.ConvertOptions(
            column_types={name: _TYPES[name] for name in _ORDER},
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        )
        try:
            reader = pacsv.open_csv(
                source,
                read_options=pacsv.ReadOptions(column_names=_ORDER, block_size=16 << 20),
                convert_options=convert,
            )
        except pa.ArrowInvalid:
            feeder.join()
            if "error" in outcome:
                raise outcome["error"] from None
            if outcome["bytes"] == 0:
                return  # Arrow's CSV reader refuses empty input; no flows, no batches
            raise
        for batch in reader:
            yield _batch_table({name: batch.column(name) for name in _ORDER}, groups)
    finally:
        source.close()  # a feeder still writing gets a broken pipe and stops
        feeder.join()
    if "error" in outcome:  # a COPY cut short looks like a short CSV: never publish that
        raise outcome["error"]


def _libpq_conninfo(connection: Connection) -> str:
    """The libpq connection string of ``connection``'s psycopg connection (with password)."""
    from psycopg.conninfo import make_conninfo

    info = connection.connection.dbapi_connection.info
    return make_conninfo(info.dsn, password=info.password) if info.password else info.dsn


def _adbc_postgres_batches(connection: Connection, groups) -> Iterator[pa.Table]:
    """The flows through the ADBC PostgreSQL driver, inside ``connection``'s snapshot.

    The driver reads binary COPY output straight into Arrow in C++: the COPY-as-CSV path
    spends as much client time again on Python per row (psycopg hands over one message per
    row) and on parsing text, and makes the server format every float as text. ADBC needs
    its own connection; it imports the snapshot ``connection`` exports
    (``pg_export_snapshot`` / ``SET TRANSACTION SNAPSHOT``), so flows and side tables still
    describe one moment. A thread reads ahead while the caller writes Parquet.
    """
    import adbc_driver_postgresql.dbapi as adbc

    snapshot = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
    ready: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()
    done = object()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    conninfo = _libpq_conninfo(connection)

    def read() -> None:
        try:
            reader = adbc.connect(conninfo)  # autocommit off
        except Exception as exc:
            put(_Unreachable(exc))
            return
        try:
            with reader:
                try:
                    with reader.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                        cursor.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
                        cursor.execute(_FLOW_SQL)
                        pending, rows = [], 0
                        for batch in cursor.fetch_record_batch():
                            pending.append(batch)
                            rows += batch.num_rows
                            if rows >= BATCH_ROWS:
                                if not put(pa.Table.from_batches(pending)):
                                    return
                                pending, rows = [], 0
                        if rows and not put(pa.Table.from_batches(pending)):
                            return
                finally:
                    reader.rollback()
            put(done)
        except BaseException as exc:  # handed to the consuming thread
            put(exc)

    reader_thread = threading.Thread(target=read, name="snapshot-adbc", daemon=True)
    reader_thread.start()
    try:
        while (item := ready.get()) is not done:
            if isinstance(item, _Unreachable):
                # The driver could not connect as psycopg did (an authentication method or
                # option libpq-in-the-wheel lacks): read on this connection instead, still
                # inside the same transaction, so the snapshot is just as consistent.
                log.warning("ADBC could not connect (%s); reading flows by COPY", item.error)
                yield from _postgres_batches(connection, groups)
                return
            if isinstance(item, BaseException):
                raise item
            columns = {name: item.column(i) for i, name in enumerate(_ORDER)}
            yield _batch_table(columns, groups)
    finally:
        stop.set()  # a reader still running stops at its next batch
        reader_thread.join()


@dataclass
class _Unreachable:
    error: Exception


def _adbc_postgres_available() -> bool:
    try:
        import adbc_driver_postgresql.dbapi  # noqa: F401
    except ImportError:
        return False
    return True


def flow_batches(connection: Connection, *, adbc: bool | None = None) -> Iterator[pa.Table]:
    """The flows as Arrow tables; on PostgreSQL through ADBC when its driver is installed
    (``adbc=False`` forces the COPY-as-CSV path, ``True`` requires ADBC)."""
    groups = group_map(connection)
    if connection.dialect.name == "postgresql":
        if adbc if adbc is not None else _adbc_postgres_available():
            yield from _adbc_postgres_batches(connection, groups)
        else:
            yield from _postgres_batches(connection, groups)
    else:
        yield from _sqlite_batches(connection, groups)


# Below this many flow rows (estimated) a SQLite store is read in process: the ADBC child
# costs about a second to start, more than reading a small store takes.
ADBC_MIN_ROWS = 100_000


def build_snapshot(
    engine: Engine, root: Path, *, keep: int = 3, adbc_min_rows: int = ADBC_MIN_ROWS
) -> dict:
    """Build the next snapshot under ``root`` and return its manifest (with ``id``)."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    side = root / SIDE_DIR / uuid.uuid4().hex
    database = _sqlite_file(engine)
    if database is not None and _estimated_flows(engine) >= adbc_min_rows:
        snapshot_id = _build_with_adbc(database, root, side)
    else:
        snapshot_id = _build_in_process(engine, root, side)
    prune(root, keep)
    manifest = snapshot_io.read_manifest(root, snapshot_id)
    manifest["id"] = snapshot_id
    manifest["seconds"] = round(time.perf_counter() - started, 3)
    return manifest


def _estimated_flows(engine: Engine) -> int:
    """max(rowid) of the flows table: a logarithmic-time upper bound of its row count."""
    with engine.connect() as connection:
        return connection.exec_driver_sql("SELECT max(rowid) FROM flows").scalar() or 0


def _sqlite_file(engine: Engine) -> Path | None:
    """The database file of a file-backed SQLite store (the ADBC path), else ``None``."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None  # URI filenames: leave them to the driver that was configured for them
    return Path(database).resolve()


def _build_with_adbc(database: Path, root: Path, side: Path) -> int:
    """Run ``junkan.flows.adbc_snapshot`` in a child process (why: see that module)."""
    import junkan
    import junkan_connect

    paths = {str(Path(m.__file__).resolve().parent.parent) for m in (junkan, junkan_connect)}
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([*sorted(paths), env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    command = [sys.executable, "-m", "junkan.flows.adbc_snapshot", str(database), str(root)]
    done = subprocess.run(  # noqa: S603 (our interpreter and paths, no shell)
        [*command, str(side)], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"snapshot build failed: {done.stderr.strip()[-2000:]}")
    return int(json.loads(done.stdout.strip().splitlines()[-1])["id"])


def _build_in_process(engine: Engine, root: Path, side: Path) -> int:
    # One read transaction for flows and side tables, so they describe the same moment
    # (SQLite's WAL gives that by itself; PostgreSQL needs REPEATABLE READ).
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    with engine.connect().execution_options(**options) as connection:
        side_counts = side_tables.write(connection, side)
        return snapshot_io.write_snapshot(
            root,
            flow_batches(connection),
            metadata={"side": side.name, **side_counts, "built_at": time.time()},
        )


def prune(root: Path, keep: int) -> None:
    """Remove snapshots beyond the newest ``keep`` and side directories nobody names."""
    ids = snapshot_io.snapshot_ids(root)
    for old in ids[:-keep] if keep else []:
        shutil.rmtree(snapshot_io.snapshot_dir(root, old), ignore_errors=True)
    named = {snapshot_io.read_manifest(root, i).get("side") for i in snapshot_io.snapshot_ids(root)}
    side_root = root / SIDE_DIR
    if side_root.is_dir():
        cutoff = time.time() - 3600  # a side dir of a build still in progress is young
        for entry in side_root.iterdir():
            if entry.name not in named and entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry, ignore_errors=True)


def read_side(root: Path, manifest: dict, name: str) -> pa.Table:
    return pq.read_table(Path(root) / SIDE_DIR / manifest["side"] / f"{name}.parquet")


def describe(manifest: dict) -> str:
    return json.dumps(manifest, sort_keys=True)
