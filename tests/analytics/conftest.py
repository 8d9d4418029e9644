"""Shared builders for the analytics tests: small flow tables with sane defaults."""

from __future__ import annotations

import itertools

import pyarrow as pa
import pytest

from junkan.analytics.aggregate import parquet_source
from junkan.analytics.snapshot_io import FLOW_SCHEMA, parquet_glob, write_snapshot

_DEFAULTS = {
    "owner_org": "org-a",
    "disclosure": "confidential",
    "material": "steel",
    "material_category": "metal",
    "from_stage": "production",
    "to_stage": "use",
    "period": "FY2023",
    "region": "13",
    "prefecture": "13",
    "recovery_type": None,
    "flow_class": "product",
    "origin": None,
    "mass_kg": 1.0,
    "uncertainty": None,
    "data_quality": "measured",
}


def flow_table(rows: list[dict]) -> pa.Table:
    """Rows with defaults filled in; group_id defaults to owner_org, year to the period's."""
    counter = itertools.count(1)
    full = []
    for row in rows:
        merged = {**_DEFAULTS, **row}
        merged.setdefault("record_id", f"rec-{next(counter)}")
        merged.setdefault("group_id", merged["owner_org"])
        merged.setdefault("year", int(merged["period"][-4:]))
        full.append(merged)
    return pa.Table.from_pylist(full, schema=FLOW_SCHEMA)


@pytest.fixture
def make_flows():
    return flow_table


@pytest.fixture
def snapshot_source(tmp_path):
    """Write rows as a snapshot and return the DuckDB table expression over it."""

    def build(rows: list[dict]) -> str:
        root = tmp_path / "snapshots"
        sid = write_snapshot(root, flow_table(rows))
        return parquet_source(parquet_glob(root, sid))

    return build
