import numpy as np
import pandas as pd
import pytest

from junkan.analytics.balance import mass_balance, unbalanced
from junkan.analytics.reconcile import (
    incidence_matrix,
    reconcile,
    reconcile_flows,
    reconcile_with_unmeasured,
)


def test_one_node_worked_example():
    # Inflow 100 ± 5 into a sorting plant, outflows 60 ± 3 and 30 ± 4 (by hand):
    #   r = 100 − 60 − 30 = 10;  AΣAᵀ = 25 + 9 + 16 = 50
    #   x̂ = x − ΣAᵀ·r/50 = (100 − 25·0.2, 60 + 9·0.2, 30 + 16·0.2) = (95, 61.8, 33.2)
    #   var(x̂₁) = 25 − 25²/50 = 12.5;  χ² = 10²/50 = 2 with 1 dof, p = 0.1573
    a = incidence_matrix([("source", "plant"), ("plant", "a"), ("plant", "b")], ["plant"])
    res = reconcile([100.0, 60.0, 30.0], a, std=[5.0, 3.0, 4.0])
    assert res.values == pytest.approx([95.0, 61.8, 33.2])
    assert res.covariance[0, 0] == pytest.approx(12.5)
    assert res.covariance[1, 1] == pytest.approx(9 - 81 / 50)
    assert (res.chi2, res.dof) == (pytest.approx(2.0), 1)
    assert res.p_value == pytest.approx(0.15730, abs=1e-4)
    assert res.passed and not res.gross_errors.any()
    # Every adjustment in a single balance has the same normalised size: |r|/√(AΣAᵀ).
    assert np.abs(res.normalized_adjustments) == pytest.approx([10 / np.sqrt(50)] * 3)
    assert a @ res.values == pytest.approx([0.0])


def test_gross_error_is_flagged_and_test_fails():
    # Two nodes in series; one flow is reported 50 % too high.
    flows = [("in", "p1"), ("p1", "p2"), ("p2", "out"), ("p1", "loss")]
    a = incidence_matrix(flows, ["p1", "p2"])
    x = np.array([100.0, 90.0, 135.0, 10.0])
    res = reconcile(x, a, rel=[0.02, 0.02, 0.02, 0.1])
    assert not res.passed and res.p_value < 0.001
    assert res.dof == 2
    assert a @ res.values == pytest.approx([0.0, 0.0], abs=1e-9)
    assert np.argmax(np.abs(res.normalized_adjustments)) in (1, 2)
    assert res.gross_errors.any()


def test_redundant_rows_do_not_inflate_dof():
    a = incidence_matrix([("s", "p"), ("p", "t")], ["p"])
    res = reconcile([10.0, 9.0], np.vstack([a, 2 * a]), std=[1.0, 1.0])
    assert res.dof == 1
    assert res.values == pytest.approx([9.5, 9.5])


def test_unmeasured_flow_is_estimated():
    # p: in(measured) -> p -> out1 (measured), out2 (unmeasured); q: out2 -> q -> end (measured)
    flows_m = [("s", "p"), ("p", "o1"), ("q", "e")]
    flows_u = [("p", "q")]
    nodes = ["p", "q"]
    res = reconcile_with_unmeasured(
        [100.0, 58.0, 38.0],
        incidence_matrix(flows_m, nodes),
        incidence_matrix(flows_u, nodes),
        std=[4.0, 2.0, 2.0],
    )
    # Eliminating y leaves one balance: 100 − 58 − 38 = 4 over variance 16 + 4 + 4 = 24.
    assert res.chi2 == pytest.approx(16 / 24)
    assert res.values == pytest.approx([100 - 16 * 4 / 24, 58 + 4 * 4 / 24, 38 + 4 * 4 / 24])
    assert res.unmeasured == pytest.approx([res.values[2]])


def test_unobservable_unmeasured_flows_are_refused():
    b = incidence_matrix([("p", "q"), ("p", "q")], ["p", "q"])
    with pytest.raises(ValueError, match="observable"):
        reconcile_with_unmeasured([1.0], np.zeros((2, 1)), b, std=[1.0])


def test_mass_balance_table():
    flows = pd.DataFrame(
        {
            "from_stage": ["import", "production", "production", "use"],
            "to_stage": ["production", "use", "waste", "waste"],
            "material": ["steel"] * 4,
            "period": ["FY2023"] * 4,
            "mass_kg": [100.0, 70.0, 20.0, 30.0],
        }
    )
    stock = pd.DataFrame(
        {"node": ["use"], "material": ["steel"], "period": ["FY2023"], "stock_change_kg": [40.0]}
    )
    table = mass_balance(flows, stock).set_index("node")
    assert table.loc["production", "imbalance_kg"] == pytest.approx(10.0)
    assert table.loc["production", "relative_imbalance"] == pytest.approx(0.1)
    assert table.loc["use", "imbalance_kg"] == pytest.approx(0.0)
    assert table.loc["import", "is_boundary"] and table.loc["waste", "is_boundary"]
    assert list(unbalanced(table.reset_index())["node"]) == ["production"]


def test_reconcile_flow_table_with_an_unmeasured_flow():
    flows = pd.DataFrame(
        {
            "from_stage": ["source", "plant", "plant", "sorter"],
            "to_stage": ["plant", "sink_a", "sorter", "sink_b"],
            "mass_kg": [100.0, 60.0, np.nan, 30.0],
            "uncertainty": [0.05, 0.05, np.nan, 4.0 / 30.0],
        }
    )
    out = reconcile_flows(flows)
    assert out.attrs["balanced"] == ["plant", "sorter"]
    # Eliminating the unmeasured plant->sorter flow leaves 100 − 60 − 30 = 10 over
    # variance 25 + 9 + 16 = 50: the one-node worked example again.
    assert out["reconciled_kg"].tolist() == pytest.approx([95.0, 61.8, 33.2, 33.2])
    assert out.attrs["chi2"] == pytest.approx(2.0) and out.attrs["dof"] == 1
    assert not out["gross_error"].any()
