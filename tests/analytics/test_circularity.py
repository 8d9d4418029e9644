import pandas as pd
import pytest

from junkan.analytics import stages as st
from junkan.analytics.circularity import (
    CtiInflow,
    CtiOutflow,
    ProductCircularity,
    battery_recycled_content,
    cmu_from_flows,
    cmu_rate,
    cti,
    mci_company,
    mci_product,
)

# A 10 kg product, half recycled input (E_F 0.9), 60 % collected for recycling (E_C 0.8).
# By hand:  V = 10·0.5 = 5;  W0 = 10·0.4 = 4;  WC = 10·0.2·0.6 = 1.2;
#           WF = 10·0.1·0.5/0.9 = 0.5556;  W = 4 + (0.5556 + 1.2)/2 = 4.8778
#           LFI = (5 + 4.8778)/(20 + (0.5556 − 1.2)/2) = 9.8778/19.6778 = 0.50197
#           MCI = 1 − 0.50197·0.9 = 0.54823
WORKED = ProductCircularity(
    "p1",
    10.0,
    recycled_in=0.5,
    collected_for_recycling=0.6,
    recycling_efficiency_eol=0.8,
    recycling_efficiency_feedstock=0.9,
)


def test_mci_worked_example():
    r = mci_product(WORKED)
    assert r.lineage["W"] == pytest.approx(4.87778, abs=1e-5)
    assert r.lineage["LFI"] == pytest.approx(0.50197, abs=1e-5)
    assert r.value == pytest.approx(0.54823, abs=1e-5)


def test_mci_bounds_and_utility():
    linear = ProductCircularity("lin", 1.0)
    assert mci_product(linear).value == pytest.approx(0.1)  # LFI 1 -> 1 − 0.9
    perfect = ProductCircularity("loop", 1.0, recycled_in=1.0, collected_for_recycling=1.0)
    assert mci_product(perfect).value == pytest.approx(1.0)
    short = ProductCircularity("short", 1.0, lifetime_ratio=0.5)
    assert mci_product(short).value == 0.0  # floored
    longer = ProductCircularity("long", 1.0, lifetime_ratio=2.0)
    assert mci_product(longer).value == pytest.approx(1 - 0.45)


def test_mci_company_is_mass_weighted():
    linear = ProductCircularity("lin", 1.0)
    r = mci_company([(WORKED, 3000.0), (linear, 1000.0)])
    assert r.value == pytest.approx((0.54823 * 3 + 0.1) / 4, abs=1e-5)


def test_cti_percentages():
    inflows = [CtiInflow(60.0, recycled=0.5), CtiInflow(40.0, renewable_sustainable=1.0)]
    outflows = [CtiOutflow(50.0, 0.8, 0.5), CtiOutflow(30.0, 0.0, 1.0)]
    r = cti("org-1", inflows, outflows)
    assert r["wbcsd.cti.circ_in"].value == pytest.approx(70.0)  # 30 + 40 of 100
    assert r["wbcsd.cti.circ_out"].value == pytest.approx(25.0)  # 20 of 80
    assert r["wbcsd.cti.material_circularity"].value == pytest.approx(100 * 90 / 180)


def test_cmu_rate_formula_and_flows():
    r = cmu_rate(
        dmc_t=900.0, recovered_r2_r11_t=120.0, imported_waste_t=30.0, exported_waste_t=10.0
    )
    assert r.value == pytest.approx(100 * 100 / 1000)
    frame = pd.DataFrame(
        [
            ("a", st.DOMESTIC_EXTRACTION, "production", None, "product", 600e3, "13"),
            ("b", st.IMPORT, "production", None, "product", 400e3, "13"),
            ("c", "production", st.EXPORT, None, "product", 100e3, "13"),
            ("d", "collection", st.RECYCLING, "recycling_mechanical", "waste", 120e3, "13"),
            ("e", st.IMPORT, st.RECYCLING, "recycling_mechanical", "waste", 30e3, "13"),
            ("f", "collection", st.EXPORT, "recycling_mechanical", "waste", 10e3, "13"),
            ("g", st.DOMESTIC_EXTRACTION, "production", None, "product", 999e3, "27"),
        ],
        columns=[
            "record_id",
            "from_stage",
            "to_stage",
            "recovery_type",
            "flow_class",
            "mass_kg",
            "prefecture",
        ],
    )
    frame["region"] = frame["prefecture"]
    r = cmu_from_flows(frame, "13")
    # DMC = 600 + 430 − 110 = 920; RCV_R = 150; U = 150 − 30 + 10 = 130.
    assert r.lineage["DMC_t"] == pytest.approx(920.0)
    assert r.value == pytest.approx(100 * 130 / 1050)
    assert r.lineage["records"]["IMP_w"] == ["e"]


def test_battery_recycled_content():
    comps = pd.DataFrame(
        [
            ("M1", 2031, "Co", 10.0, 2.0, "r1"),
            ("M1", 2031, "Co", 10.0, 1.0, "r2"),
            ("M1", 2031, "Li", 4.0, 0.2, "r3"),
            ("M1", 2032, "Pb", 0.0, 0.0, "r4"),
        ],
        columns=["model", "year", "metal", "metal_kg", "recovered_kg", "record_id"],
    )
    out = {(r.lineage["year"], r.code): r for r in battery_recycled_content(comps)}
    assert out[(2031, "eu.batt.rc.co")].value == pytest.approx(15.0)
    assert out[(2031, "eu.batt.rc.co")].lineage["minimums_pct"]["2031-08-18"] == 16.0
    assert out[(2031, "eu.batt.rc.li")].value == pytest.approx(5.0)
    assert out[(2032, "eu.batt.rc.pb")].value is None
    with pytest.raises(ValueError, match="unknown"):
        battery_recycled_content(comps.assign(metal="Mn"))
