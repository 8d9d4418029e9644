"""``GET /api/v1/export/{dataset}``: the same numbers the API shows, as files.

flows: protected aggregate cells (``export.AGGREGATE_SCHEMA``); products: public passports
only, whoever asks (a download is a publication); indicators: the flow-based indicators of
one region and period, withheld values staying null.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from junkan.analytics import export as analytics_export
from junkan.errors import NotFound
from junkan.flows import indicators as ind
from junkan.flows.formats import frame_table

PRODUCT_EXPORT = pa.schema(
    [
        ("iri", pa.string()),
        ("gtin", pa.string()),
        ("model_number", pa.string()),
        ("name_ja", pa.string()),
        ("name_en", pa.string()),
        ("category", pa.string()),
        ("unit_mass_kg", pa.float64()),
        ("recyclable", pa.float64()),
        ("snapshot_id", pa.int64()),
    ],
    metadata={b"junkan.schema": b"products/1"},
)
INDICATOR_EXPORT = pa.schema(
    [
        ("code", pa.string()),
        ("region", pa.string()),
        ("period", pa.string()),
        ("value", pa.float64()),
        ("unit", pa.string()),
        ("suppressed", pa.bool_()),
        ("snapshot_id", pa.int64()),
    ],
    metadata={b"junkan.schema": b"indicators/1"},
)


def export_flows(service, principal, request: dict) -> tuple[pa.Table, dict]:
    from junkan.flows.service import Page

    result = service.aggregate(principal, request["query"], Page(limit=request["max_cells"]))
    table = analytics_export.aggregate_table(
        result.cells, unit=result.unit, snapshot_id=result.snapshot_id
    )
    return table, {"snapshot_id": result.snapshot_id, "rule_version": result.rule_version}


def export_products(service, principal, request: dict) -> tuple[pa.Table, dict]:
    snap = service.reader.current()
    products = snap.side("products")
    public = products[products["disclosure"] == "public"].copy()
    public["snapshot_id"] = snap.id
    return frame_table(public, PRODUCT_EXPORT), {"snapshot_id": snap.id}


def export_indicators(service, principal, request: dict) -> tuple[pa.Table, dict]:
    from junkan.flows.service import viewer_of

    snap = service.reader.current()
    params = request["params"]
    codes = [*sorted(ind.NATIONAL if params.get("region") == "JP" else ind.MSW), "eu.cmu"]
    rows = []
    for code in codes:
        for r in ind.compute(snap, viewer_of(principal), service.rules, code, params):
            rows.append(
                {
                    "code": r["code"],
                    "region": params.get("region"),
                    "period": params.get("period"),
                    "value": r["value"],
                    "unit": r["unit"],
                    "suppressed": r["suppressed"],
                    "snapshot_id": snap.id,
                }
            )
    frame = pd.DataFrame(rows, columns=INDICATOR_EXPORT.names)
    return frame_table(frame, INDICATOR_EXPORT), {"snapshot_id": snap.id}


DATASETS = {"flows": export_flows, "products": export_products, "indicators": export_indicators}


def export(service, principal, dataset: str, request: dict) -> tuple[pa.Table, dict]:
    if dataset not in DATASETS:
        raise NotFound()
    return DATASETS[dataset](service, principal, request)
