"""Disclosure control: planted sensitive cells must all be hidden, and stay underivable."""

import numpy as np
import pandas as pd
import pytest

from junkan.analytics.aggregate import TOTAL, FlowQuery, aggregate
from junkan.analytics.disclosure import (
    DisclosureRules,
    Viewer,
    audit,
    contributor_band,
    differencing_risk,
    primary_mask,
    protect,
    published_share,
    secondary_suppression,
)

RULES = DisclosureRules()
MATERIALS = [
    "steel",
    "paper",
    "glass",
    "plastic",
    "wood",
    "copper",
    "aluminium",
    "textile",
    "rubber",
    "food",
]
STAGES = ["recycling", "incineration", "landfill", "reuse", "composting"]


def cell_frame(**cols):
    base = {"has_negative": False, "has_nonpublic": True, "viewer_owns": False}
    return pd.DataFrame({**{k: [v] * len(cols["x1"]) for k, v in base.items()}, **cols})


@pytest.mark.parametrize(
    ("contributors", "x1", "x2", "total", "sensitive"),
    [
        (1, 100, 0, 100, True),  # one group
        (2, 60, 40, 100, True),  # two groups
        (4, 95, 2, 100, True),  # 95 % dominance: 3 left < 14.25
        (3, 40, 30, 100, False),  # 30 left >= 6
    ],
)
def test_primary_rule_cases(contributors, x1, x2, total, sensitive):
    cells = cell_frame(
        contributors=[contributors], x1=[x1], x2=[x2], abs_total=[total], value=[total]
    )
    assert bool(primary_mask(cells, RULES)[0]) is sensitive


def test_p_rule_boundary_is_inclusive():
    # X - x1 - x2 == 0.15 x1 exactly passes; a hair less fails.
    cells = cell_frame(
        contributors=[3, 3],
        x1=[80.0, 80.0],
        x2=[8.0, 8.1],
        abs_total=[100.0, 100.0],
        value=[100.0, 100.0],
    )
    assert list(primary_mask(cells, RULES)) == [False, True]


def test_signed_cells_need_five_groups_on_absolute_values():
    cells = cell_frame(
        contributors=[4, 5, 5],
        x1=[50.0, 50.0, 50.0],
        x2=[40.0, 40.0, 40.0],
        abs_total=[160.0, 190.0, 100.0],
        value=[20.0, 30.0, 10.0],
    )
    cells["has_negative"] = True
    # 4 groups fail on count alone; 5 groups pass when the absolute remainder is large enough
    # (100 - 50 - 40 = 10 >= 7.5), even though the net value is small.
    assert list(primary_mask(cells, RULES)) == [True, False, False]
    unsigned = cells.assign(has_negative=False)
    assert list(primary_mask(unsigned, RULES, signed=True)) == [True, False, False]
    assert not primary_mask(unsigned, RULES)[0]


def test_public_only_cells_are_never_suppressed():
    cells = cell_frame(contributors=[1], x1=[5.0], x2=[0.0], abs_total=[5.0], value=[5.0])
    cells["has_nonpublic"] = False
    assert not primary_mask(cells, RULES)[0]


def test_bands():
    assert list(contributor_band([1, 2, 3, 4, 5, 9, 10, 250])) == [
        "1-2",
        "1-2",
        "3-4",
        "3-4",
        "5-9",
        "5-9",
        "10+",
        "10+",
    ]


def test_differencing_guard():
    base = {"g1", "g2", "g3", "g4", "g5"}
    assert differencing_risk(base, base | {"g6"})
    assert differencing_risk(base, base - {"g1", "g2"})
    assert differencing_risk(base, (base - {"g1"}) | {"g9"})
    assert not differencing_risk(base, base)
    assert not differencing_risk(base, base | {"g6", "g7", "g8"})


# --- the planted corpus -----------------------------------------------------------------


def planted_rows(seed: int = 7) -> tuple[list[dict], set[tuple[str, str]]]:
    """A material x stage table, mostly safe, with planted sensitive cells."""
    rng = np.random.default_rng(seed)
    rows = []
    for m in MATERIALS:
        for s in STAGES:
            for g in range(int(rng.integers(5, 9))):
                rows.append(
                    {
                        "owner_org": f"{m}-{s}-{g}",
                        "material": m,
                        "to_stage": s,
                        "mass_kg": float(rng.uniform(80, 120)),
                    }
                )
    planted = {
        ("steel", "reuse"): [("solo", 500.0)],
        ("paper", "reuse"): [("p1", 300.0), ("p2", 200.0)],
        ("glass", "reuse"): [("big", 9500.0), ("s1", 200.0), ("s2", 200.0), ("s3", 100.0)],
        ("wood", "reuse"): [("site1", 100.0), ("site2", 120.0), ("site3", 90.0)],
    }
    for (m, s), contributions in planted.items():
        rows = [r for r in rows if not (r["material"] == m and r["to_stage"] == s)]
        for org, mass in contributions:
            rows.append(
                {
                    "owner_org": org,
                    "material": m,
                    "to_stage": s,
                    "mass_kg": mass,
                    "group_id": "G-wood" if m == "wood" else org,
                }
            )
    return rows, set(planted)


def test_planted_corpus_fully_protected(snapshot_source, capsys):
    rows, planted = planted_rows()
    src = snapshot_source(rows)
    dims = ("material", "to_stage")
    cells = aggregate(src, FlowQuery(group_by=dims, margins=True))
    primary = primary_mask(cells, RULES)
    keys = set(zip(cells["material"], cells["to_stage"], strict=True))
    flagged = {k for k, p in zip(keys_in_order(cells), primary, strict=True) if p}
    assert planted <= keys and planted <= flagged
    out = protect(cells, dims, RULES, Viewer())
    hidden = out["suppressed"].to_numpy()
    assert hidden[primary].all(), "a primary cell was published"
    assert out.loc[hidden, "value"].isna().all()
    # The margins must not give any primary cell back: LP audit over the published table.
    results = audit(cells, dims, hidden, primary, RULES)
    assert results and all(r.ok for r in results), [r for r in results if not r.ok]
    share = published_share(out)
    with capsys.disabled():
        print(
            f"\nplanted corpus: {int(primary.sum())} primary, "
            f"{int(hidden.sum() - primary.sum())} secondary, published share {share:.1%}"
        )
    assert 0.0 < share < 1.0


def keys_in_order(cells):
    return list(zip(cells["material"], cells["to_stage"], strict=True))


def test_audit_sees_through_weak_suppression_patterns():
    dims = ("m", "s")
    table = {("a", "x"): 100.0, ("a", "y"): 1.0, ("b", "x"): 1.0, ("b", "y"): 500.0}
    cells = margin_table(table, dims)
    key = list(zip(cells["m"], cells["s"], strict=True))
    primary = np.array([k == ("a", "x") for k in key])
    cells.loc[primary, ["contributors", "x1", "x2"]] = [1, 100.0, 0.0]
    alone = primary.copy()
    assert not audit(cells, dims, alone, primary, RULES)[0].ok
    # The textbook rectangle, but the partners are tiny: a-x can fall to 0, yet can rise by
    # only 1 kg, so an intruder gets a tight upper bound.
    rectangle = np.array([k in {("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")} for k in key])
    result = audit(cells, dims, rectangle, primary, RULES)[0]
    assert not result.ok and result.upper == pytest.approx(101.0)
    protected = secondary_suppression(cells, dims, primary, RULES)
    assert all(r.ok for r in audit(cells, dims, protected, primary, RULES))


@pytest.mark.parametrize("seed", range(6))
def test_random_tables_pass_the_audit(seed):
    rng = np.random.default_rng(seed)
    dims = ("m", "s")
    table = {
        (f"m{i}", f"s{j}"): float(rng.choice([1.0, 20.0, 100.0, 900.0]))
        for i in range(int(rng.integers(2, 6)))
        for j in range(int(rng.integers(2, 6)))
    }
    cells = margin_table(table, dims)
    inner = ((cells["m"] != TOTAL) & (cells["s"] != TOTAL)).to_numpy()
    primary = inner & (rng.random(len(cells)) < 0.25)
    cells.loc[primary, "x1"] = cells.loc[primary, "value"] * 0.9
    hidden = secondary_suppression(cells, dims, primary, RULES)
    assert hidden[primary].all()
    assert all(r.ok for r in audit(cells, dims, hidden, primary, RULES))


def margin_table(table: dict, dims) -> pd.DataFrame:
    """Cells plus all margins of a small 2-D table, each cell with many contributors."""
    rows = {}
    for (m, s), v in table.items():
        for key in [(m, s), (m, TOTAL), (TOTAL, s), (TOTAL, TOTAL)]:
            rows[key] = rows.get(key, 0.0) + v
    frame = pd.DataFrame([(*k, v) for k, v in rows.items()], columns=[*dims, "value"])
    return frame.assign(
        contributors=10,
        x1=frame["value"] / 10,
        x2=frame["value"] / 10,
        abs_total=frame["value"],
        has_negative=False,
        has_nonpublic=True,
        viewer_owns=False,
    )


def test_negative_net_flows_with_four_groups_are_hidden(snapshot_source):
    rows = [
        {"owner_org": f"o{i}", "to_stage": "stock", "mass_kg": v}
        for i, v in enumerate([100.0, -50.0, 30.0, -20.0])
    ]
    cells = aggregate(snapshot_source(rows), FlowQuery(group_by=("to_stage",)))
    out = protect(cells, ("to_stage",), RULES)
    assert out["suppressed"].all() and out["value"].isna().all()


def test_viewer_exemptions(snapshot_source):
    rows = [
        {"owner_org": "solo", "material": "steel"},
        *[{"owner_org": f"o{i}", "material": "paper", "mass_kg": 10.0} for i in range(5)],
    ]
    src = snapshot_source(rows)
    q = FlowQuery(group_by=("material",))
    dims = ("material",)
    anon = aggregate(src, q)
    public = protect(anon, dims, RULES).set_index("material")
    owner = protect(aggregate(src, q, viewer_org="solo"), dims, RULES, Viewer(org="solo"))
    owner = owner.set_index("material")
    other = protect(aggregate(src, q, viewer_org="o1"), dims, RULES, Viewer(org="o1"))
    other = other.set_index("material")
    admin = protect(anon, dims, RULES, Viewer(secretariat=True)).set_index("material")
    assert public.loc["steel", "suppressed"] and other.loc["steel", "suppressed"]
    assert not owner.loc["steel", "suppressed"] and not admin.loc["steel", "suppressed"]
    assert owner.loc["steel", "value"] == pytest.approx(1.0)
    assert not public.loc["paper", "suppressed"]
    # Cells computed for one viewer never exempt another.
    stolen = protect(aggregate(src, q, viewer_org="solo"), dims, RULES, Viewer(org="o1"))
    assert stolen.set_index("material").loc["steel", "suppressed"]


def test_lp_audit_tolerates_float_rounding_in_margins(monkeypatch):
    import junkan.analytics.disclosure_audit as da

    monkeypatch.setattr(da._ShiftProver, "prove", lambda self, j, need: None)  # force the LP
    dims = ("m", "s")
    table = {("a", "x"): 4e10, ("a", "y"): 3e10, ("b", "x"): 2e10, ("b", "y"): 5e10}
    cells = margin_table(table, dims)
    # Row totals and column totals that disagree in the last bits, as margins summed in a
    # different order do: an exact-equality LP calls the true table infeasible.
    row_a = ((cells["m"] == "a") & (cells["s"] == TOTAL)).to_numpy()
    cells.loc[row_a, "value"] += 1e-3
    inner = ((cells["m"] != TOTAL) & (cells["s"] != TOTAL)).to_numpy()
    primary = inner & (cells["m"] == "a").to_numpy() & (cells["s"] == "x").to_numpy()
    results = audit(cells, dims, inner, primary, RULES)
    assert results[0].ok and results[0].upper == pytest.approx(6e10, rel=1e-8)


def test_output_has_no_internal_columns_and_records_rule_version(snapshot_source):
    rows = [{"owner_org": f"o{i}", "mass_kg": 10.0 + i} for i in range(6)]
    cells = aggregate(snapshot_source(rows), FlowQuery(group_by=("material",)))
    rules = DisclosureRules(p=0.2, name="test")
    out = protect(cells, ("material",), rules)
    assert set(out.columns) == {
        "material",
        "value",
        "suppressed",
        "suppression",
        "contributors_band",
        "rule_version",
    }
    assert out["rule_version"].iloc[0] == rules.version
    assert "p20" in rules.version and rules.version != RULES.version


@pytest.mark.parametrize("seed", range(8))
def test_fast_proof_never_disagrees_with_the_lp(seed, monkeypatch):
    import junkan.analytics.disclosure_audit as da

    rng = np.random.default_rng(100 + seed)
    dims = ("m", "s")
    table = {(f"m{i}", f"s{j}"): float(rng.lognormal(4, 2)) for i in range(5) for j in range(4)}
    cells = margin_table(table, dims)
    inner = ((cells["m"] != TOTAL) & (cells["s"] != TOTAL)).to_numpy()
    primary = inner & (rng.random(len(cells)) < 0.3)
    cells.loc[primary, "x1"] = cells.loc[primary, "value"] * rng.uniform(0.5, 1.0)
    hidden = primary | (rng.random(len(cells)) < 0.3)
    fast = [r.ok for r in audit(cells, dims, hidden, primary, RULES)]
    monkeypatch.setattr(da._ShiftProver, "prove", lambda self, j, need: None)
    exact = [r.ok for r in audit(cells, dims, hidden, primary, RULES)]
    assert fast == exact


def test_drop_margins_returns_inner_cells_protected_as_if_margins_were_shown(snapshot_source):
    rows, planted = planted_rows()
    dims = ("material", "to_stage")
    cells = aggregate(snapshot_source(rows), FlowQuery(group_by=dims, margins=True))
    full = protect(cells, dims, RULES)
    inner = protect(cells, dims, RULES, drop_margins=True)
    assert not (inner[list(dims)] == TOTAL).any().any()
    merged = inner.merge(full, on=list(dims), suffixes=("", "_full"))
    assert len(merged) == len(inner) and (merged["suppressed"] == merged["suppressed_full"]).all()
    assert {
        k for k, s in zip(keys_in_order(inner), inner["suppressed"], strict=True) if s
    } >= planted


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_three_way_table_with_all_margins_passes_the_audit(snapshot_source, seed):
    rng = np.random.default_rng(seed)
    rows = [
        {
            "owner_org": f"o{int(rng.zipf(1.5)) % 12}",
            "material": MATERIALS[int(rng.integers(0, 4))],
            "to_stage": STAGES[int(rng.integers(0, 3))],
            "period": f"FY{2021 + int(rng.integers(0, 2))}",
            "mass_kg": float(rng.lognormal(3, 1.5)),
            "disclosure": "public" if rng.random() < 0.2 else "confidential",
        }
        for _ in range(90)
    ]
    dims = ("material", "to_stage", "period")
    cells = aggregate(snapshot_source(rows), FlowQuery(group_by=dims, margins=True))
    primary = primary_mask(cells, RULES)
    out = protect(cells, dims, RULES)
    hidden = out["suppressed"].to_numpy()
    assert primary.any() and hidden[primary].all()
    assert all(r.ok for r in audit(cells, dims, hidden, primary, RULES))
