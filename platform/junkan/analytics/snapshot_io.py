"""Numbered, immutable Parquet snapshots of the flow table.

A snapshot is a directory ``<root>/<id:08d>/`` holding a Hive-partitioned (``period=…``),
zstd-compressed Parquet dataset plus a ``_SNAPSHOT.json`` manifest. It is written under a
temporary name and renamed into place, so readers only ever see complete snapshots and the
previous one stays readable while the next is being built.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds

MANIFEST = "_SNAPSHOT.json"
SCHEMA_VERSION = "flows/1"

FLOW_SCHEMA = pa.schema(
    [
        ("record_id", pa.string()),
        ("owner_org", pa.string()),
        ("group_id", pa.string()),
        ("disclosure", pa.string()),
        ("material", pa.string()),
        ("material_category", pa.string()),
        ("from_stage", pa.string()),
        ("to_stage", pa.string()),
        ("period", pa.string()),
        ("year", pa.int32()),
        ("region", pa.string()),
        ("prefecture", pa.string()),
        ("recovery_type", pa.string()),
        ("flow_class", pa.string()),
        ("origin", pa.string()),
        ("mass_kg", pa.float64()),
        ("uncertainty", pa.float64()),
        ("data_quality", pa.string()),
    ]
)


# Parquet dictionary pages for every column but those whose values are (nearly) all distinct:
# hashing a million record ids only to give the dictionary up costs a tenth of a build.
DICTIONARY_COLUMNS = [n for n in FLOW_SCHEMA.names if n not in ("record_id", "mass_kg")]


class SnapshotSchemaError(ValueError):
    """The table handed to :func:`write_snapshot` does not match the agreed flow schema."""

    code = "snapshot-schema-mismatch"


def _conform(table: pa.Table | pa.RecordBatch) -> pa.Table:
    """Select and order the agreed columns, casting where it is lossless.

    Dictionary-encoded string columns are kept as they are: they are how a large snapshot
    stays small in memory, and Parquet stores them as ordinary strings.
    """
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    missing = [f.name for f in FLOW_SCHEMA if f.name not in table.column_names]
    if missing:
        raise SnapshotSchemaError(f"missing columns: {', '.join(missing)}")
    columns, fields = [], []
    for field in FLOW_SCHEMA:
        col = table.column(field.name)
        if pa.types.is_dictionary(col.type) and pa.types.is_string(col.type.value_type):
            if not pa.types.is_string(field.type):
                raise SnapshotSchemaError(f"{field.name}: dictionary strings for {field.type}")
            fields.append(pa.field(field.name, col.type))
        else:
            try:
                col = col.cast(field.type, safe=True)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                raise SnapshotSchemaError(f"{field.name}: {exc}") from exc
            fields.append(field)
        columns.append(col)
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


def snapshot_ids(root: Path) -> list[int]:
    """Ids of the complete snapshots under ``root`` in ascending order."""
    root = Path(root)
    if not root.is_dir():
        return []
    ids = []
    for entry in root.iterdir():
        if entry.name.isdigit() and (entry / MANIFEST).is_file():
            ids.append(int(entry.name))
    return sorted(ids)


def latest_snapshot_id(root: Path) -> int | None:
    """The newest complete snapshot, or ``None`` when there is none yet."""
    ids = snapshot_ids(root)
    return ids[-1] if ids else None


def snapshot_dir(root: Path, snapshot_id: int) -> Path:
    return Path(root) / f"{snapshot_id:08d}"


def parquet_glob(root: Path, snapshot_id: int) -> str:
    """The glob DuckDB (or any Hive-aware reader) uses to read one snapshot."""
    return str(snapshot_dir(root, snapshot_id) / "**" / "*.parquet")


def write_snapshot(
    root: Path,
    data: pa.Table | Iterable[pa.Table | pa.RecordBatch],
    *,
    metadata: dict | None = None,
) -> int:
    """Write ``data`` as the next numbered snapshot and return its id.

    ``data`` may be one table or an iterable of tables/batches (so a 10 M-row snapshot can be
    streamed period by period without holding it all in memory).
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{uuid.uuid4().hex}"
    try:
        rows = _write_dataset(tmp, data)
        manifest = {"schema": SCHEMA_VERSION, "rows": rows, **(metadata or {})}
        (tmp / MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
        return _publish(root, tmp)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _write_dataset(target: Path, data) -> int:
    batches = [data] if isinstance(data, pa.Table | pa.RecordBatch) else data
    rows = 0
    target.mkdir(parents=True)
    for part, item in enumerate(batches):
        table = _conform(item)
        if table.num_rows == 0:
            continue
        rows += table.num_rows
        ds.write_dataset(
            table,
            target,
            format="parquet",
            partitioning=ds.partitioning(pa.schema([("period", pa.string())]), flavor="hive"),
            basename_template=f"part-{part:05d}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
            file_options=ds.ParquetFileFormat().make_write_options(
                compression="zstd", use_dictionary=DICTIONARY_COLUMNS
            ),
            max_rows_per_group=1 << 20,
        )
    return rows


def _publish(root: Path, tmp: Path) -> int:
    """Rename the finished temp dir to the next free id.

    ``os.rename`` onto an existing non-empty directory fails, so two concurrent builders can
    never both claim one id: the loser simply takes the next number.
    """
    for _ in range(1000):
        next_id = (latest_snapshot_id(root) or 0) + 1
        while snapshot_dir(root, next_id).exists():
            next_id += 1
        try:
            os.rename(tmp, snapshot_dir(root, next_id))
            return next_id
        except OSError:
            continue
    raise RuntimeError("could not allocate a snapshot id")


def read_manifest(root: Path, snapshot_id: int) -> dict:
    return json.loads((snapshot_dir(root, snapshot_id) / MANIFEST).read_text(encoding="utf-8"))
