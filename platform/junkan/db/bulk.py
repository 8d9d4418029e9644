"""Bulk writes and lookups at the driver level: no statement compilation per call.

The ingest path moves tens of thousands of rows per second; SQLAlchemy's per-row parameter
processing would cost more than the database itself. Values must already be in the form the
driver takes (use `db_value` for typed columns such as UtcDateTime).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Column, Connection, Table


def _placeholder(connection: Connection) -> str:
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"


def db_value(connection: Connection, column: Column, value: Any) -> Any:
    """`value` as the driver should receive it for `column` (runs the type's bind processor)."""
    processor = column.type.dialect_impl(connection.dialect).bind_processor(connection.dialect)
    return processor(value) if processor else value


def insert_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: list[tuple]
) -> None:
    if not rows:
        return
    names = ", ".join(columns)
    if connection.dialect.name == "postgresql":
        # COPY is PostgreSQL's fastest way in.
        statement = f"COPY {table.name} ({names}) FROM STDIN"
        with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join([_placeholder(connection)] * len(columns))
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", rows)


def update_rows(
    connection: Connection, table: Table, key: str, columns: Sequence[str], rows: list[tuple]
) -> None:
    """rows: (value for each of `columns`, then the key value)."""
    if not rows:
        return
    mark = _placeholder(connection)
    sets = ", ".join(f"{c} = {mark}" for c in columns)
    connection.exec_driver_sql(f"UPDATE {table.name} SET {sets} WHERE {key} = {mark}", rows)


def select_in(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    key: str,
    values: Iterable[Any],
    extra: Sequence[tuple[str, Any]] = (),
    chunk: int = 900,
) -> list[tuple]:
    """SELECT columns WHERE key IN (values) [AND column = value ...], chunked."""
    mark = _placeholder(connection)
    pending = list(values)
    found: list[tuple] = []
    for start in range(0, len(pending), chunk):
        part = pending[start : start + chunk]
        marks = ", ".join([mark] * len(part))
        sql = f"SELECT {', '.join(columns)} FROM {table.name} WHERE {key} IN ({marks})"
        params: list[Any] = list(part)
        for column, value in extra:
            sql += f" AND {column} = {mark}"
            params.append(value)
        found.extend(tuple(row) for row in connection.exec_driver_sql(sql, tuple(params)))
    return found


def delete_in(
    connection: Connection, table: Table, key: str, values: list[Any], chunk: int = 900
) -> None:
    mark = _placeholder(connection)
    for start in range(0, len(values), chunk):
        part = values[start : start + chunk]
        connection.exec_driver_sql(
            f"DELETE FROM {table.name} WHERE {key} IN ({', '.join([mark] * len(part))})",
            tuple(part),
        )
