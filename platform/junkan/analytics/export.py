"""Exports: CSV that spreadsheets cannot turn into formulas, Parquet with a fixed schema.

Only client-safe columns are ever written: the schemas below are the whole contract, and a
frame carrying internal disclosure columns (x1, x2, contributor sets…) is refused rather than
silently trimmed, so a wiring mistake fails loudly.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from junkan.analytics.aggregate import GROUPABLE, INTERNAL_COLUMNS

EXPORT_SCHEMA_VERSION = "aggregate/1"
# Every groupable dimension is always present (null when not grouped by), so the file layout
# does not depend on the query.
AGGREGATE_SCHEMA = pa.schema(
    [
        *[pa.field(name, pa.string()) for name in GROUPABLE],
        pa.field("value", pa.float64()),
        pa.field("unit", pa.string(), nullable=False),
        pa.field("suppressed", pa.bool_(), nullable=False),
        pa.field("suppression", pa.string()),
        pa.field("contributors_band", pa.string()),
        pa.field("rule_version", pa.string(), nullable=False),
        pa.field("snapshot_id", pa.int64(), nullable=False),
    ],
    metadata={b"junkan.schema": EXPORT_SCHEMA_VERSION.encode()},
)
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


class UnsafeExport(ValueError):
    code = "unsafe-export"


def escape_cell(value) -> str:
    """Text for one CSV cell; text a spreadsheet would evaluate gets a leading apostrophe.

    Numbers are written as numbers (a negative stock change stays ``-5.0``); only strings
    are escaped, since only strings carry formulas.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(float(value)) if isinstance(value, float) else str(value)
    text = str(value)
    if text.startswith(_DANGEROUS):
        return "'" + text
    return text


def to_csv(frame: pd.DataFrame, target: Path | io.TextIOBase | None = None) -> str | None:
    """Write ``frame`` as RFC 4180 CSV (UTF-8); return the text when no target is given."""
    _refuse_internal(frame)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([escape_cell(c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([escape_cell(v) for v in row])
    text = buffer.getvalue()
    if target is None:
        return text
    if isinstance(target, str | Path):
        Path(target).write_text(text, encoding="utf-8", newline="")
    else:
        target.write(text)
    return None


def aggregate_table(protected: pd.DataFrame, *, unit: str, snapshot_id: int) -> pa.Table:
    """The protected cells (output of ``disclosure.protect``) in ``AGGREGATE_SCHEMA``."""
    _refuse_internal(protected)
    n = len(protected)
    columns = {}
    for field in AGGREGATE_SCHEMA:
        if field.name in protected.columns:
            columns[field.name] = [_null_nan(v) for v in protected[field.name].tolist()]
        elif field.name == "unit":
            columns[field.name] = [unit] * n
        elif field.name == "snapshot_id":
            columns[field.name] = [snapshot_id] * n
        else:
            columns[field.name] = [None] * n
    # Belt and braces: a suppressed cell never carries a value, whatever the caller passed.
    columns["value"] = [
        None if hidden or v is None or v != v else float(v)
        for v, hidden in zip(columns["value"], columns["suppressed"], strict=True)
    ]
    return pa.Table.from_pydict(columns, schema=AGGREGATE_SCHEMA)


def to_parquet(protected: pd.DataFrame, target: Path, *, unit: str, snapshot_id: int) -> None:
    pq.write_table(
        aggregate_table(protected, unit=unit, snapshot_id=snapshot_id), target, compression="zstd"
    )


def _null_nan(value):
    # pandas keeps missing strings as NaN; Arrow wants None.
    return None if isinstance(value, float) and math.isnan(value) else value


def _refuse_internal(frame: pd.DataFrame) -> None:
    leaked = sorted(set(frame.columns) & {*INTERNAL_COLUMNS, "groups", "group_id"})
    if leaked:
        raise UnsafeExport(f"internal columns must not be exported: {', '.join(leaked)}")
