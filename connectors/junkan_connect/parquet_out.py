"""Records as a Parquet table that the hub's Parquet submission path reads back.

The layout (documented in docs/connectors.md): one row per record; nested objects become
dotted columns (``mass.value``, ``mass.unit``); lists stay lists (a product's
``composition`` is a list of structs); ``@context``, ``@type`` and ``@id`` are ordinary
string columns. A property a record does not have is null, and the hub leaves nulls out.
Needs pyarrow (the ``parquet`` extra); the table is built in memory, so very large
conversions are better written as JSON Lines and pushed in batches.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

EXTRA_HINT = "writing Parquet needs pyarrow: pip install 'junkan-connect[parquet]'"


class ParquetUnavailable(RuntimeError):
    code = "parquet-unavailable"


class UnsupportedStructure(ValueError):
    code = "unsupported-structure"


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects → dotted keys; lists and scalars unchanged."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if "." in key:
            raise UnsupportedStructure(f"property {prefix + key!r} has a dot in its name")
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = value
    return flat


def write_parquet(records: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write ``records`` to ``path``; returns how many were written."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ParquetUnavailable(EXTRA_HINT) from exc
    rows = [flatten(r) for r in records]
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    arrays = {}
    for name in columns:
        values = [row.get(name) for row in rows]
        try:
            arrays[name] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise UnsupportedStructure(f"column {name!r} mixes kinds of values: {exc}") from exc
    table = pa.table(arrays) if arrays else pa.table({"@id": pa.array([], pa.string())})
    table = table.replace_schema_metadata({b"junkan.records": b"flat/1"})
    pq.write_table(table, str(path), compression="zstd")
    return len(rows)
