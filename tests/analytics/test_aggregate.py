import pytest

from junkan.analytics.aggregate import (
    TOTAL,
    FlowQuery,
    InvalidQuery,
    QueryTooComplex,
    aggregate,
    contributor_groups,
)

ROWS = [
    {"owner_org": "a1", "group_id": "A", "material": "steel", "mass_kg": 600.0},
    {"owner_org": "a2", "group_id": "A", "material": "steel", "mass_kg": 400.0},
    {"owner_org": "b", "material": "steel", "mass_kg": 300.0, "disclosure": "public"},
    {"owner_org": "c", "material": "steel", "mass_kg": 100.0, "period": "FY2021"},
    {"owner_org": "b", "material": "paper", "mass_kg": 50.0, "disclosure": "public"},
    {"owner_org": "d", "material": "paper", "mass_kg": -20.0, "to_stage": "stock"},
]


def by_key(frame, key):
    return {row[key]: row for row in frame.to_dict("records")}


def test_cells_carry_group_counts_and_top_two(snapshot_source):
    src = snapshot_source(ROWS)
    cells = by_key(aggregate(src, FlowQuery(group_by=("material",))), "material")
    steel = cells["steel"]
    assert steel["value"] == pytest.approx(1400.0)
    # a1 and a2 are one enterprise group: 1000, then b 300, then c 100.
    assert steel["contributors"] == 3
    assert (steel["x1"], steel["x2"]) == pytest.approx((1000.0, 300.0))
    assert steel["has_nonpublic"] and not steel["has_negative"]
    assert not steel["viewer_owns"]
    paper = cells["paper"]
    assert paper["value"] == pytest.approx(30.0)
    assert paper["abs_total"] == pytest.approx(70.0)
    assert paper["has_negative"]


def test_viewer_owns_only_cells_entirely_its_own(snapshot_source):
    src = snapshot_source(ROWS)
    q = FlowQuery(group_by=("material", "period"))
    cells = aggregate(src, q, viewer_org="c").set_index(["material", "period"])
    assert cells.loc[("steel", "FY2021"), "viewer_owns"]
    assert cells.loc[("steel", "FY2021"), "contributors"] == 1
    assert not cells.loc[("steel", "FY2023"), "viewer_owns"]
    # a1 alone does not own the steel FY2023 cell, even though its group dominates it
    a1 = aggregate(src, q, viewer_org="a1").set_index(["material", "period"])
    assert not a1["viewer_owns"].any()
    assert cells.attrs["viewer_org"] == "c"


def test_unit_tonnes_and_filters(snapshot_source):
    src = snapshot_source(ROWS)
    q = FlowQuery(
        group_by=("material",),
        unit="t",
        period_from="FY2022",
        period_to="FY2023",
        materials=("steel",),
    )
    cells = aggregate(src, q)
    assert list(cells["material"]) == ["steel"]
    assert cells["value"].iloc[0] == pytest.approx(1.3)
    staged = aggregate(src, FlowQuery(group_by=("material",), stages=("stock",)))
    assert list(staged["material"]) == ["paper"]


def test_margins_hold_every_total(snapshot_source):
    src = snapshot_source(ROWS)
    cells = aggregate(src, FlowQuery(group_by=("material", "period"), margins=True))
    total = cells[(cells["material"] == TOTAL) & (cells["period"] == TOTAL)].iloc[0]
    assert total["value"] == pytest.approx(1430.0)
    assert total["contributors"] == 4  # A, b, c, d
    steel_all = cells[(cells["material"] == "steel") & (cells["period"] == TOTAL)].iloc[0]
    assert steel_all["value"] == pytest.approx(1400.0)
    # Group A's two sites are summed before ranking in the margin too.
    assert steel_all["x1"] == pytest.approx(1000.0)


@pytest.mark.parametrize(
    "group_by",
    [("material", "period", "region", "to_stage"), ("owner_org",), ("material", "material")],
)
def test_query_too_complex(group_by):
    with pytest.raises(QueryTooComplex) as err:
        aggregate("unused", FlowQuery(group_by=group_by))
    assert err.value.code == "query-too-complex"


def test_reversed_period_range_and_bad_unit():
    with pytest.raises(InvalidQuery):
        aggregate("unused", FlowQuery(group_by=(), period_from="FY2023", period_to="FY2020"))
    with pytest.raises(InvalidQuery):
        aggregate("unused", FlowQuery(group_by=(), unit="lb"))


def test_contributor_groups_for_one_cell(snapshot_source):
    src = snapshot_source(ROWS)
    q = FlowQuery(group_by=("material",))
    assert contributor_groups(src, q, {"material": "steel"}) == {"A", "b", "c"}
    assert contributor_groups(src, q, {"material": TOTAL}) == {"A", "b", "c", "d"}
