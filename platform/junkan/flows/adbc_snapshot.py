"""Build a snapshot of a SQLite store through the ADBC SQLite driver, in a child process.

    python -m junkan.flows.adbc_snapshot <database file> <snapshot root> <side dir>

prints ``{"id": <snapshot id>}``. ADBC hands the flows over straight into Arrow, about three
times faster than Python's sqlite3 driver. Flows, the organisation map and the side tables
are all read on one ADBC connection inside one read transaction (autocommit off), so under
WAL they describe the same moment whatever other connections commit meanwhile.

Why a child process: the driver links its own copy of SQLite. Two SQLite libraries in one
process must not open the same database file, because POSIX advisory locks belong to the
process: one library closing its descriptor silently drops the locks the other holds (see
"How To Corrupt An SQLite Database File", multiple copies of SQLite). The hub's own
connections live in the parent, the ADBC one only ever in the child.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa

from junkan.analytics import snapshot_io
from junkan.flows import side_tables
from junkan.flows.snapshots import _FLOW_SQL, _GROUPS_SQL, _ORDER, BATCH_ROWS, _batch_table

# The driver infers each column's Arrow type from the first batch and fails on a later value
# of another type; a column that is NULL throughout the first batch would be taken as int64.
# A leading row with a typed value in every column fixes the types; it is dropped again.
WITNESS = "~witness~"  # never a record id (those are 32 hex digits)
_WITNESS_SQL = (
    "SELECT "
    + ", ".join(
        "0" if name == "year" else "0.0" if name in ("mass_kg", "uncertainty") else f"'{WITNESS}'"
        for name in _ORDER
    )
    + f"\nUNION ALL\n{_FLOW_SQL}"
)
_BATCH_ROWS_OPTION = "adbc.sqlite.query.batch_rows"
_WHOLE = str(1 << 30)  # small side queries come back as one batch: types inferred over all rows


def _cursor(connection, batch_rows: str):
    cursor = connection.cursor()
    cursor.adbc_statement.set_options(**{_BATCH_ROWS_OPTION: batch_rows})
    return cursor


def _fetch(connection, sql: str) -> list:
    cursor = _cursor(connection, _WHOLE)
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def _groups(connection) -> tuple[pa.Array, pa.Array]:
    cursor = _cursor(connection, _WHOLE)
    try:
        cursor.execute(_GROUPS_SQL)
        table = cursor.fetch_arrow_table()
    finally:
        cursor.close()
    return tuple(table.column(i).combine_chunks().cast(pa.string()) for i in (0, 1))


def _flow_batches(connection, groups) -> Iterator[pa.Table]:
    cursor = _cursor(connection, str(BATCH_ROWS))
    try:
        cursor.execute(_WITNESS_SQL)
        first = True
        for batch in cursor.fetch_record_batch():
            if first:
                if batch.num_rows == 0 or batch.column(0)[0].as_py() != WITNESS:
                    raise RuntimeError("ADBC snapshot: the typed witness row did not come first")
                batch, first = batch.slice(1), False
            if batch.num_rows:
                yield _batch_table({name: batch.column(i) for i, name in enumerate(_ORDER)}, groups)
    finally:
        cursor.close()


def build(database: Path, root: Path, side: Path) -> int:
    import adbc_driver_sqlite.dbapi as adbc

    with adbc.connect(str(database)) as connection:  # autocommit off: one read transaction
        try:
            _fetch(connection, "PRAGMA busy_timeout = 10000")  # as the hub's own connections
            side_counts = side_tables.write(lambda sql: _fetch(connection, sql), side)
            return snapshot_io.write_snapshot(
                root,
                _flow_batches(connection, _groups(connection)),
                metadata={"side": side.name, **side_counts, "built_at": time.time()},
            )
        finally:
            connection.rollback()


def main(argv: list[str]) -> None:
    database, root, side = (Path(a) for a in argv)
    print(json.dumps({"id": build(database, root, side)}))


if __name__ == "__main__":
    main(sys.argv[1:])
