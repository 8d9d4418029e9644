import pandas as pd
import pytest

from junkan.analytics import stages as st
from junkan.analytics.indicators import (
    days_in_fiscal_year,
    material_cycle_indicators,
    msw_figures,
    msw_final_disposal,
    msw_per_capita_per_day,
    msw_recycling_rate,
    msw_total_discharge,
    national_figures,
    resource_productivity,
)

MT = 1e9  # kg per million tonnes


def flows(edges):
    return pd.DataFrame(
        [
            {"record_id": f"r{i}", "from_stage": a, "to_stage": b, "mass_kg": v}
            for i, (a, b, v) in enumerate(edges)
        ],
        columns=["record_id", "from_stage", "to_stage", "mass_kg"],
    )


# MOE, 日本の物質フロー FY2006 (百万t): the national figure as a flow table.
FY2006 = [
    (st.DOMESTIC_EXTRACTION, st.NATURAL_RESOURCE_INPUT, 778 * MT),
    ("import_resources", st.IMPORT, 756 * MT),
    ("import_products", st.IMPORT, 57 * MT),
    (st.IMPORT, st.NATURAL_RESOURCE_INPUT, 813 * MT),
    (st.NATURAL_RESOURCE_INPUT, st.TOTAL_MATERIAL_INPUT, 1591 * MT),
    (st.CYCLICAL_USE, st.TOTAL_MATERIAL_INPUT, 228 * MT),
    (st.TOTAL_MATERIAL_INPUT, st.EXPORT, 170 * MT),
    (st.TOTAL_MATERIAL_INPUT, st.NET_ADDITION_TO_STOCK, 754 * MT),
    (st.TOTAL_MATERIAL_INPUT, st.ENERGY_CONSUMPTION, 494 * MT),
    (st.TOTAL_MATERIAL_INPUT, st.FOOD_CONSUMPTION, 91 * MT),
    (st.TOTAL_MATERIAL_INPUT, st.FERTILISER, 15 * MT),
    (st.TOTAL_MATERIAL_INPUT, st.WASTE_GENERATION, 293 * MT),
    (st.WATER_CONTENT, st.WASTE_GENERATION, 290 * MT),
    (st.WASTE_GENERATION, st.CYCLICAL_USE, 228 * MT),
    (st.WASTE_GENERATION, st.REDUCTION, 241 * MT),
    (st.WASTE_GENERATION, st.NATURAL_RETURN, 85 * MT),
    (st.WASTE_GENERATION, st.FINAL_DISPOSAL, 29 * MT),
]


def test_fy2006_national_account_reproduces_published_rates():
    result = material_cycle_indicators(flows(FY2006))
    assert round(result["jp.cyc_in"].value, 1) == 12.5
    assert round(result["jp.cyc_out"].value, 1) == 39.1
    assert result["jp.fd"].value == pytest.approx(29e6)
    fig = national_figures(flows(FY2006))
    assert fig.natural_resource_input.tonnes == pytest.approx(1591e6)
    assert fig.domestic_extraction.tonnes + fig.imports.tonnes == pytest.approx(1591e6)
    assert fig.waste_generation.tonnes == pytest.approx(583e6)


def test_lineage_names_the_records_used():
    result = material_cycle_indicators(flows(FY2006))["jp.cyc_out"]
    assert result.lineage["cyclical_use"]["records"] == ["r13"]
    assert sorted(result.lineage["waste_generation"]["records"]) == ["r11", "r12"]
    assert result.unit == "%"


def test_resource_productivity_and_per_capita():
    # 500 兆円 over 1,591 Mt = 5e14 / 1e4 / 1.591e9 万円/t.
    fig = national_figures(flows(FY2006))
    rp = resource_productivity(fig, gdp_yen=5e14, gdp_vintage="2015 base")
    assert rp.value == pytest.approx(5e10 / 1.591e9)
    assert rp.unit == "万円/t" and rp.lineage["gdp_vintage"] == "2015 base"
    out = material_cycle_indicators(flows(FY2006), population=127.8e6)
    assert out["jp.nrc_per_capita"].value == pytest.approx((1591e6 - 170e6) / 127.8e6)


def test_empty_account_gives_no_value_rather_than_zero_division():
    result = material_cycle_indicators(flows([]))
    assert result["jp.cyc_in"].value is None and result["jp.cyc_out"].value is None


KT10 = 1e7  # kg per 万t

# MOE municipal waste FY2014 (万t):
# 総処理 4,184 = 直接資源化 208 + 中間処理 3,924 + 直接最終処分 52;
# 処理残渣 833 = 再生利用 455 + 最終処分 378; 集団回収 250. The split of collected waste into
# planned collection and direct delivery is illustrative (only their sum, 4,182, is used).
MSW_FY2014 = [
    ("households", st.PLANNED_COLLECTION, 3900 * KT10),
    ("businesses", st.DIRECT_DELIVERY, 282 * KT10),
    ("households", st.GROUP_COLLECTION, 250 * KT10),
    (st.PLANNED_COLLECTION, st.DIRECT_RECYCLING, 208 * KT10),
    (st.PLANNED_COLLECTION, st.INTERMEDIATE_TREATMENT, 3924 * KT10),
    (st.DIRECT_DELIVERY, st.LANDFILL, 52 * KT10),
    (st.INTERMEDIATE_TREATMENT, st.RECYCLING, 455 * KT10),
    (st.INTERMEDIATE_TREATMENT, st.LANDFILL, 378 * KT10),
    (st.INTERMEDIATE_TREATMENT, "reduction", 3091 * KT10),
]


def test_msw_fy2014_recycling_rate():
    m = msw_figures(flows(MSW_FY2014), fiscal_year=2014, population=127e6)
    rate = msw_recycling_rate(m)
    assert round(rate.value, 1) == 20.6
    assert rate.lineage["total_recycled"]["t"] == pytest.approx(9.13e6)
    assert rate.lineage["total_treated_plus_group_collection"]["t"] == pytest.approx(44.34e6)
    assert msw_final_disposal(m).value == pytest.approx(4.30e6)
    assert msw_total_discharge(m).value == pytest.approx(44.32e6)


@pytest.mark.parametrize(("fy", "days"), [(2014, 365), (2015, 366), (2023, 366), (2024, 365)])
def test_fiscal_year_days(fy, days):
    assert days_in_fiscal_year(fy) == days


def test_per_capita_uses_fiscal_year_days():
    edges = [("households", st.PLANNED_COLLECTION, 1000e3)]  # 1,000 t
    leap = msw_per_capita_per_day(msw_figures(flows(edges), fiscal_year=2023, population=1e4))
    plain = msw_per_capita_per_day(msw_figures(flows(edges), fiscal_year=2022, population=1e4))
    assert leap.value == pytest.approx(1e9 / 1e4 / 366)
    assert plain.value == pytest.approx(1e9 / 1e4 / 365)
