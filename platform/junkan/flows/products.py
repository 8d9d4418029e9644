"""Product-passport indicators: EMF MCI, battery recycled content and WBCSD CTI.

Inputs come from the snapshot's products and components. A product's recycled (F_R), reused
(F_U) and sustainable bio-based (F_S) input fractions are the mass-fraction-weighted sums over
its components. CTI here is the product-passport reading: inflow = the products' material
(weighted by unit mass, since the hub holds no market volumes yet), recovery potential = the
recyclable fraction, actual recovery = the collection fractions for recycling, reuse and
composting.
"""

from __future__ import annotations

import pandas as pd

from junkan.analytics import circularity as circ
from junkan.analytics.disclosure import Viewer
from junkan.errors import InvalidRequest, NotFound
from junkan.flows.indicator_defs import DEFINITIONS
from junkan.flows.reader import Snapshot

METALS = {"cobalt": "Co", "lithium": "Li", "nickel": "Ni", "lead": "Pb"}


def visible_products(snap: Snapshot, viewer: Viewer) -> pd.DataFrame:
    products = snap.side("products")
    if viewer.secretariat:
        return products
    mine = products["owner_org"] == viewer.org if viewer.org else False
    return products[(products["disclosure"] == "public") | mine]


def _find(snap: Snapshot, viewer: Viewer, ref: str | None) -> pd.Series:
    if not ref:
        raise InvalidRequest("This indicator needs product=.", code="missing-boundary")
    products = visible_products(snap, viewer)
    hit = products[(products["record_id"] == ref) | (products["iri"] == ref)]
    if hit.empty:
        raise NotFound()  # a foreign confidential passport looks exactly like a missing one
    return hit.iloc[0]


def _fractions(snap: Snapshot, record_id: str) -> dict:
    comps = snap.side("components")
    comps = comps[comps["record_id"] == record_id].fillna(0.0)
    frac = comps["mass_fraction"]
    return {
        "recycled_in": float((frac * (comps["recycled_pre"] + comps["recycled_post"])).sum()),
        "reused_in": float((frac * comps["reused"]).sum()),
        "sustainable_bio_in": float((frac * comps["renewable"]).sum()),
    }


def circularity_inputs(snap: Snapshot, product: pd.Series) -> circ.ProductCircularity:
    return circ.ProductCircularity(
        product_id=product["record_id"],
        mass_kg=float(product["unit_mass_kg"] or 1.0),  # MCI is scale-free; 1 kg if unknown
        **_fractions(snap, product["record_id"]),
        collected_for_recycling=float(product["c_r"]),
        collected_for_reuse=float(product["c_u"]),
        collected_for_composting=float(product["c_c"]),
        collected_for_energy=float(product["c_e"]),
        recycling_efficiency_eol=float(product["e_c"]),
        recycling_efficiency_feedstock=float(product["e_f"]),
        lifetime_ratio=float(product["lifetime_ratio"]),
        intensity_ratio=float(product["intensity_ratio"]),
    )


def _result(snap: Snapshot, result, **extra) -> dict:
    out = result.as_dict() | {"definition": DEFINITIONS.get(result.code, DEFINITIONS["emf.mci"])}
    out["definition"] = out["definition"].as_dict()
    out["lineage"] = dict(result.lineage) | {"snapshot_id": snap.id} | extra
    out["suppressed"] = False
    return out


def product_indicator(snap: Snapshot, viewer: Viewer, code: str, params: dict) -> list[dict]:
    if code == "emf.mci":
        product = _find(snap, viewer, params.get("product"))
        result = circ.mci_product(circularity_inputs(snap, product))
        return [_result(snap, result, records=[product["record_id"]])]
    if code.startswith("eu.batt.rc."):
        return _battery(snap, viewer, code, params)
    return _organisation(snap, viewer, code, params)


def _battery(snap: Snapshot, viewer: Viewer, code: str, params: dict) -> list[dict]:
    product = _find(snap, viewer, params.get("product"))
    comps = snap.side("components")
    comps = comps[(comps["record_id"] == product["record_id"]) & comps["material"].isin(METALS)]
    unit_mass = float(product["unit_mass_kg"] or 0.0)
    metal_kg = comps["mass_kg"].fillna(comps["mass_fraction"] * unit_mass)
    recycled = comps["recycled_pre"].fillna(0.0) + comps["recycled_post"].fillna(0.0)
    table = pd.DataFrame(
        {
            "model": product["model_number"] or product["iri"],
            "year": int(product["year"]),
            "metal": comps["material"].map(METALS),
            "metal_kg": metal_kg,
            "recovered_kg": metal_kg * recycled,
            "record_id": product["record_id"],
        }
    )
    results = circ.battery_recycled_content(table) if len(table) else []
    return [_result(snap, r) for r in results if r.code == code]


def _organisation(snap: Snapshot, viewer: Viewer, code: str, params: dict) -> list[dict]:
    org = params.get("organization")
    if not org:
        raise InvalidRequest("This indicator needs organization=.", code="missing-boundary")
    products = visible_products(snap, viewer)
    products = products[products["owner_org"] == org]
    if products.empty:
        raise NotFound()
    inputs = [circularity_inputs(snap, p) for _, p in products.iterrows()]
    scope = "all products" if viewer.secretariat or viewer.org == org else "public products"
    if code == "emf.mci.company":
        result = circ.mci_company((p, p.mass_kg) for p in inputs)
        return [_result(snap, result, scope=scope, weighting="unit mass")]
    inflows = [
        circ.CtiInflow(p.mass_kg, p.recycled_in, p.reused_in, p.sustainable_bio_in, p.product_id)
        for p in inputs
    ]
    outflows = [
        circ.CtiOutflow(
            p.mass_kg,
            float(row["recyclable"]) if pd.notna(row["recyclable"]) else 0.0,
            min(
                1.0, p.collected_for_recycling + p.collected_for_reuse + p.collected_for_composting
            ),
            p.product_id,
        )
        for p, (_, row) in zip(inputs, products.iterrows(), strict=True)
    ]
    results = circ.cti(org, inflows, outflows)
    return [_result(snap, results[code], scope=scope)]
