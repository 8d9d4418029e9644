"""International circularity metrics: EMF MCI, WBCSD CTI, Eurostat CMU, EU battery content.

Each returns :class:`~junkan.analytics.indicators.IndicatorResult` with its inputs in the
lineage. Fractions in, fractions out for MCI (0–1, as EMF publishes it); percentages for the
others, as their frameworks do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import pandas as pd

from junkan.analytics import stages as st
from junkan.analytics.indicators import IndicatorResult, sum_flows

# --- Ellen MacArthur Foundation Material Circularity Indicator -----------------------------


@dataclass(frozen=True)
class ProductCircularity:
    """One product model's MCI inputs (fractions 0–1; mass in kg)."""

    product_id: str
    mass_kg: float
    recycled_in: float = 0.0  # F_R
    reused_in: float = 0.0  # F_U
    sustainable_bio_in: float = 0.0  # F_S
    collected_for_recycling: float = 0.0  # C_R
    collected_for_reuse: float = 0.0  # C_U
    collected_for_composting: float = 0.0  # C_C
    collected_for_energy: float = 0.0  # C_E
    recycling_efficiency_eol: float = 1.0  # E_C
    recycling_efficiency_feedstock: float = 1.0  # E_F
    lifetime_ratio: float = 1.0  # L / L_av
    intensity_ratio: float = 1.0  # U / U_av


def _mci_parts(p: ProductCircularity) -> dict:
    m = p.mass_kg
    if p.recycled_in > 0 and p.recycling_efficiency_feedstock <= 0:
        raise ValueError("E_F must be positive when there is recycled input")
    v = m * (1 - p.recycled_in - p.reused_in - p.sustainable_bio_in)
    collected = (
        p.collected_for_recycling
        + p.collected_for_reuse
        + p.collected_for_composting
        + p.collected_for_energy
    )
    w0 = m * (1 - collected)
    wc = m * (1 - p.recycling_efficiency_eol) * p.collected_for_recycling
    wf = 0.0
    if p.recycled_in > 0:
        ef = p.recycling_efficiency_feedstock
        wf = m * (1 - ef) * p.recycled_in / ef
    w = w0 + (wf + wc) / 2
    return {"V": v, "W0": w0, "WC": wc, "WF": wf, "W": w}


def mci_product(p: ProductCircularity) -> IndicatorResult:
    """MCI = max(0, 1 − LFI · 0.9/X), X = (L/L_av)(U/U_av).

    LFI uses EMF's full denominator 2M + (W_F − W_C)/2, not the simplified 2M, so a product
    made and recovered entirely by recycling at 100 % efficiency scores exactly 1.
    """
    parts = _mci_parts(p)
    m = p.mass_kg
    lfi = (parts["V"] + parts["W"]) / (2 * m + (parts["WF"] - parts["WC"]) / 2)
    x = p.lifetime_ratio * p.intensity_ratio
    if x <= 0:
        raise ValueError("lifetime and intensity ratios must be positive")
    value = max(0.0, 1 - lfi * 0.9 / x)
    lineage = {
        "inputs": asdict(p),
        **parts,
        "LFI": lfi,
        "X": x,
        "F(X)": 0.9 / x,
        "lfi_denominator": "2M + (WF - WC)/2",
    }
    return IndicatorResult("emf.mci", value, "1", lineage)


def mci_company(products: Iterable[tuple[ProductCircularity, float]]) -> IndicatorResult:
    """Mass-weighted mean MCI; the weight is mass placed on the market (kg) per product."""
    results, total, weighted = [], 0.0, 0.0
    for product, mass_on_market in products:
        r = mci_product(product)
        results.append(
            {"product_id": product.product_id, "mci": r.value, "mass_on_market_kg": mass_on_market}
        )
        total += mass_on_market
        weighted += mass_on_market * r.value
    value = None if total == 0 else weighted / total
    return IndicatorResult(
        "emf.mci.company", value, "1", {"products": results, "weighting": "mass on market"}
    )


# --- WBCSD Circular Transition Indicators ---------------------------------------------------


@dataclass(frozen=True)
class CtiInflow:
    mass_kg: float
    recycled: float = 0.0  # fractions of the mass
    reused: float = 0.0
    renewable_sustainable: float = 0.0  # renewable and managed within regeneration rates
    record_id: str | None = None


@dataclass(frozen=True)
class CtiOutflow:
    mass_kg: float
    recovery_potential: float  # designed for reuse/recycling/biodegradation (fraction)
    actual_recovery: float  # share actually recovered (fraction)
    record_id: str | None = None


def cti(org: str, inflows: list[CtiInflow], outflows: list[CtiOutflow]) -> dict:
    """% circular inflow, % circular outflow and their mass-weighted mean for one org."""
    in_mass = sum(f.mass_kg for f in inflows)
    in_circ = sum(
        f.mass_kg * min(1.0, f.recycled + f.reused + f.renewable_sustainable) for f in inflows
    )
    out_mass = sum(f.mass_kg for f in outflows)
    out_circ = sum(f.mass_kg * f.recovery_potential * f.actual_recovery for f in outflows)
    pct_in = None if in_mass == 0 else 100 * in_circ / in_mass
    pct_out = None if out_mass == 0 else 100 * out_circ / out_mass
    both = in_mass + out_mass
    pct_mc = None if both == 0 else 100 * (in_circ + out_circ) / both
    base = {
        "org": org,
        "inflow_records": [f.record_id for f in inflows],
        "outflow_records": [f.record_id for f in outflows],
    }
    return {
        "wbcsd.cti.circ_in": IndicatorResult(
            "wbcsd.cti.circ_in",
            pct_in,
            "%",
            {**base, "inflow_kg": in_mass, "circular_inflow_kg": in_circ},
        ),
        "wbcsd.cti.circ_out": IndicatorResult(
            "wbcsd.cti.circ_out",
            pct_out,
            "%",
            {**base, "outflow_kg": out_mass, "circular_outflow_kg": out_circ},
        ),
        "wbcsd.cti.material_circularity": IndicatorResult(
            "wbcsd.cti.material_circularity", pct_mc, "%", base
        ),
    }


# --- Eurostat circular material use rate ----------------------------------------------------


def cmu_rate(
    dmc_t: float,
    recovered_r2_r11_t: float,
    imported_waste_t: float,
    exported_waste_t: float,
    lineage: dict | None = None,
) -> IndicatorResult:
    """CMU = U ÷ (DMC + U), with U = RCV_R − IMP_w + EXP_w, in %."""
    u = recovered_r2_r11_t - imported_waste_t + exported_waste_t
    m = dmc_t + u
    value = None if m == 0 else 100 * u / m
    figures = {
        "DMC_t": dmc_t,
        "RCV_R_t": recovered_r2_r11_t,
        "IMP_w_t": imported_waste_t,
        "EXP_w_t": exported_waste_t,
        "U_t": u,
    }
    return IndicatorResult("eu.cmu", value, "%", {**figures, **(lineage or {})})


def cmu_from_flows(flows: pd.DataFrame, region: str = "JP") -> IndicatorResult:
    """CMU for a region ('JP', a prefecture code or a municipality code).

    RCV_R is waste entering domestic R2–R11 operations (``RECYCLING_RECOVERY_TYPES``, any
    origin, not exported); IMP_w/EXP_w are waste flows from import / to export destined for
    those operations; DMC = domestic extraction + imports − exports.
    """
    flows = _in_region(flows, region)
    recycling = flows["recovery_type"].isin(st.RECYCLING_RECOVERY_TYPES)
    waste = flows["flow_class"] == "waste"
    dmc = (
        sum_flows(flows, source=st.DOMESTIC_EXTRACTION).tonnes
        + sum_flows(flows, source=st.IMPORT).tonnes
        - sum_flows(flows, target=st.EXPORT).tonnes
    )
    rcv = sum_flows(flows, mask=recycling & (flows["to_stage"] != st.EXPORT))
    imp = sum_flows(flows, source=st.IMPORT, mask=recycling & waste)
    exp = sum_flows(flows, target=st.EXPORT, mask=recycling & waste)
    lineage = {
        "region": region,
        "records": {
            "RCV_R": list(rcv.records),
            "IMP_w": list(imp.records),
            "EXP_w": list(exp.records),
        },
    }
    return cmu_rate(dmc, rcv.tonnes, imp.tonnes, exp.tonnes, lineage)


def _in_region(flows: pd.DataFrame, region: str) -> pd.DataFrame:
    if region == "JP":
        return flows
    if len(region) == 2:
        return flows[flows["prefecture"] == region]
    return flows[flows["region"] == region]


# --- EU Battery Regulation recycled content (Art. 8) ----------------------------------------

BATTERY_METALS = ("Co", "Li", "Ni", "Pb")
BATTERY_MINIMUMS = {
    "2031-08-18": {"Co": 16.0, "Li": 6.0, "Ni": 6.0, "Pb": 85.0},
    "2036-08-18": {"Co": 26.0, "Li": 12.0, "Ni": 15.0, "Pb": 85.0},
}


def battery_recycled_content(components: pd.DataFrame) -> list[IndicatorResult]:
    """Recycled share per battery model, year and metal.

    ``components``: model, year, metal (Co/Li/Ni/Pb), metal_kg (in active materials; for Pb,
    in the whole battery), recovered_kg (from manufacturing or post-consumer waste),
    record_id. The lineage shows the regulation's minimums for comparison.
    """
    unknown = set(components["metal"]) - set(BATTERY_METALS)
    if unknown:
        raise ValueError(f"unknown battery metals: {sorted(unknown)}")
    out = []
    for (model, year, metal), rows in components.groupby(["model", "year", "metal"], sort=True):
        total = float(rows["metal_kg"].sum())
        recovered = float(rows["recovered_kg"].sum())
        value = None if total == 0 else 100 * recovered / total
        lineage = {
            "model": model,
            "year": int(year),
            "metal": metal,
            "metal_kg": total,
            "recovered_kg": recovered,
            "records": list(rows["record_id"]),
            "minimums_pct": {d: m[metal] for d, m in BATTERY_MINIMUMS.items()},
        }
        out.append(IndicatorResult(f"eu.batt.rc.{metal.lower()}", value, "%", lineage))
    return out
