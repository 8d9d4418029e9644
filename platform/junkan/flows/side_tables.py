"""The snapshot's small datasets: products, their components and region statistics.

The derived ``products`` table keeps only what lists need; the MCI inputs (collection
fractions, efficiencies, lifetimes) live in the record bodies, so the current version's body
is read here once per build rather than on every indicator request.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

if TYPE_CHECKING:  # not imported at run time: the ADBC snapshot child never needs it
    from sqlalchemy import Connection

_PRODUCTS_SQL = """
SELECT p.record_id, r.iri, p.organization_id, COALESCE(o.group_id, o.id), p.disclosure,
       p.gtin, p.model_number, p.name_ja, p.name_en, p.category, p.unit_mass_kg,
       v.body, v.valid_from
FROM products p
JOIN organizations o ON o.id = p.organization_id
JOIN records r ON r.id = p.record_id
JOIN record_versions v ON v.record_id = r.id AND v.version = r.version
"""
_COMPONENTS_SQL = """
SELECT record_id, position, material, mass_fraction, mass_kg, recycled_pre, recycled_post,
       reused, renewable
FROM product_components
"""
_REGIONS_SQL = """
SELECT r.id, r.disclosure, v.body
FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version = r.version
WHERE r.record_type = 'RegionStatistics'
"""
# Body key → (column, default). Defaults follow EMF: nothing collected, perfect efficiency,
# lifetime and intensity equal to the industry average.
_MCI_KEYS = {
    "collectionFractionRecycling": ("c_r", 0.0),
    "collectionFractionReuse": ("c_u", 0.0),
    "collectionFractionComposting": ("c_c", 0.0),
    "collectionFractionEnergyRecovery": ("c_e", 0.0),
    "recyclingEfficiency": ("e_c", 1.0),
    "feedstockRecyclingEfficiency": ("e_f", 1.0),
    "recyclableFraction": ("recyclable", None),
}
PRODUCT_SCHEMA = pa.schema(
    [
        ("record_id", pa.string()),
        ("iri", pa.string()),
        ("owner_org", pa.string()),
        ("group_id", pa.string()),
        ("disclosure", pa.string()),
        ("gtin", pa.string()),
        ("model_number", pa.string()),
        ("name_ja", pa.string()),
        ("name_en", pa.string()),
        ("category", pa.string()),
        ("unit_mass_kg", pa.float64()),
        ("year", pa.int32()),
        *[(col, pa.float64()) for col, _ in _MCI_KEYS.values()],
        ("lifetime_ratio", pa.float64()),
        ("intensity_ratio", pa.float64()),
    ]
)
COMPONENT_SCHEMA = pa.schema(
    [
        ("record_id", pa.string()),
        ("position", pa.int32()),
        ("material", pa.string()),
        ("mass_fraction", pa.float64()),
        ("mass_kg", pa.float64()),
        ("recycled_pre", pa.float64()),
        ("recycled_post", pa.float64()),
        ("reused", pa.float64()),
        ("renewable", pa.float64()),
    ]
)
REGION_SCHEMA = pa.schema(
    [
        ("record_id", pa.string()),
        ("disclosure", pa.string()),
        ("region", pa.string()),
        ("period", pa.string()),
        ("population", pa.float64()),
        ("gdp_million_yen", pa.float64()),
        ("gdp_base_year", pa.int32()),
        ("gdp_kind", pa.string()),
    ]
)


def _ratio(body: dict, value: str, average: str) -> float:
    """L/L_av (or U/U_av); 1 when either side is missing or the average is zero."""
    own, avg = body.get(value), body.get(average)
    return own / avg if own is not None and avg else 1.0


def _product_row(row) -> dict:
    body = json.loads(row[11])
    out = dict(zip(PRODUCT_SCHEMA.names[:11], row[:11], strict=True))
    out["year"] = int(str(row[12])[:4])
    for key, (column, default) in _MCI_KEYS.items():
        out[column] = body.get(key, default)
    out["lifetime_ratio"] = _ratio(body, "expectedLifetime", "industryAverageLifetime")
    out["intensity_ratio"] = _ratio(body, "useIntensity", "industryAverageUseIntensity")
    return out


def _region_row(row) -> dict:
    body = json.loads(row[2])
    gdp = body.get("gdpMillionYen")
    return {
        "record_id": row[0],
        "disclosure": row[1],
        "region": body.get("region"),
        "period": body.get("period"),
        "population": body.get("population"),
        "gdp_million_yen": float(gdp) if gdp is not None else None,
        "gdp_base_year": body.get("gdpBaseYear"),
        "gdp_kind": body.get("gdpKind"),
    }


Fetch = Callable[[str], list]


def write(source: Connection | Fetch, target: Path) -> dict:
    """Write products, components and regions Parquet files into ``target``; return counts.

    ``source`` is a SQLAlchemy connection or a function running one query and returning its
    rows as tuples (how the ADBC reader hands over the connection its flows come from).
    """
    if hasattr(source, "exec_driver_sql"):  # a SQLAlchemy connection
        rows = lambda sql: list(source.exec_driver_sql(sql))  # noqa: E731
    else:
        rows = source
    target.mkdir(parents=True)
    products = [_product_row(r) for r in rows(_PRODUCTS_SQL)]
    components = [dict(zip(COMPONENT_SCHEMA.names, r, strict=True)) for r in rows(_COMPONENTS_SQL)]
    regions = [_region_row(r) for r in rows(_REGIONS_SQL)]
    for name, rows, schema in (
        ("products", products, PRODUCT_SCHEMA),
        ("components", components, COMPONENT_SCHEMA),
        ("regions", regions, REGION_SCHEMA),
    ):
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), target / f"{name}.parquet")
    return {"products": len(products), "components": len(components), "regions": len(regions)}
