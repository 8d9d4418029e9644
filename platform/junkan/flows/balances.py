"""Mass balance and reconciliation over protected aggregates.

Both are computed from the cells the viewer may see, never from raw flows: a node's
imbalance is the difference of two published sums, and reconciliation drops hidden links
(and does not balance nodes touching them), because estimating a hidden link from the
balances would be exactly the derivation disclosure control forbids.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from junkan.analytics import aggregate as agg
from junkan.analytics.reconcile import reconcile_flows
from junkan.auth.principal import Principal
from junkan.errors import InvalidRequest
from junkan.flows.service import FlowAnalytics, Page

_ALL = Page(limit=10_000_000)
_KEYS = ["node", "material", "period"]


def _side(analytics: FlowAnalytics, principal, query, column: str, name: str) -> pd.DataFrame:
    result = analytics.aggregate(
        principal, replace(query, group_by=(column, "material", "period"), unit="kg"), _ALL
    )
    cells = result.cells.rename(columns={column: "node", "value": f"{name}_kg"})
    cells[f"{name}_suppressed"] = cells["suppressed"]
    return cells[[*_KEYS, f"{name}_kg", f"{name}_suppressed"]], result.snapshot_id


def balance(analytics: FlowAnalytics, principal: Principal | None, query: agg.FlowQuery) -> dict:
    inputs, snapshot_id = _side(analytics, principal, query, "to_stage", "inputs")
    outputs, _ = _side(analytics, principal, query, "from_stage", "outputs")
    answer = {"snapshot_id": snapshot_id, "unit": "kg", "rule_version": analytics.rules.version}
    if inputs.empty and outputs.empty:
        # No flow matches the filters (pandas cannot join two empty Arrow-backed key columns).
        return answer | {"rows": []}
    table = inputs.merge(outputs, on=_KEYS, how="outer")
    for name in ("inputs", "outputs"):
        absent = table[f"{name}_suppressed"].isna()
        table.loc[absent, f"{name}_kg"] = 0.0  # no flow at all, as opposed to a hidden one
        table[f"{name}_suppressed"] = table[f"{name}_suppressed"].fillna(False).astype(bool)
    hidden = table["inputs_suppressed"] | table["outputs_suppressed"]
    table["imbalance_kg"] = (table["inputs_kg"] - table["outputs_kg"]).where(~hidden)
    table["is_boundary"] = (table["inputs_kg"] == 0) | (table["outputs_kg"] == 0)
    scale = np.maximum(table["inputs_kg"].abs(), table["outputs_kg"].abs())
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = table["imbalance_kg"] / scale.where(scale > 0)
    table["relative_imbalance"] = rel.where(~table["is_boundary"])
    table = table.sort_values(_KEYS).reset_index(drop=True)
    return answer | {"rows": _records(table)}


def _link_uncertainty(analytics: FlowAnalytics, query: agg.FlowQuery) -> pd.DataFrame:
    """Relative standard uncertainty per link, from the flows' stated ones (independent)."""
    snap = analytics.reader.current()
    where, params = agg._where(agg.FlowQuery(group_by=(), **_filters(query)))
    sql = f"""
        SELECT from_stage, to_stage,
               sqrt(sum(power(uncertainty * mass_kg, 2))) / nullif(abs(sum(mass_kg)), 0) AS rel,
               bool_and(uncertainty IS NOT NULL) AS all_measured
        FROM {snap.source} WHERE {where} GROUP BY from_stage, to_stage"""
    return snap.con.sql(sql, params=params).to_arrow_table().to_pandas()


def _filters(query: agg.FlowQuery) -> dict:
    names = ("period_from", "period_to", "materials", "material_categories", "regions")
    names += ("prefectures", "from_stages", "to_stages", "stages", "recovery_types")
    return {n: getattr(query, n) for n in names}


def reconcile(analytics: FlowAnalytics, principal: Principal | None, query: agg.FlowQuery) -> dict:
    query = replace(query, group_by=("from_stage", "to_stage"), unit="kg")
    result = analytics.aggregate(principal, query, _ALL)
    cells = result.cells
    hidden_nodes = set(cells.loc[cells["suppressed"], "from_stage"]) | set(
        cells.loc[cells["suppressed"], "to_stage"]
    )
    links = cells[~cells["suppressed"]].merge(
        _link_uncertainty(analytics, query), on=["from_stage", "to_stage"], how="left"
    )
    links = links.rename(columns={"value": "mass_kg"})
    links["uncertainty"] = links["rel"].where(links["all_measured"].fillna(False).astype(bool))
    balanced = sorted((set(links["from_stage"]) & set(links["to_stage"])) - hidden_nodes)
    try:
        out = reconcile_flows(links[["from_stage", "to_stage", "mass_kg", "uncertainty"]], balanced)
    except (ValueError, np.linalg.LinAlgError) as exc:
        raise InvalidRequest(str(exc), code="not-reconcilable") from exc
    return {
        "snapshot_id": result.snapshot_id,
        "unit": "kg",
        "rule_version": result.rule_version,
        "balanced_nodes": balanced,
        "hidden_links": int(cells["suppressed"].sum()),
        "global_test": {k: _plain(out.attrs[k]) for k in ("chi2", "dof", "p_value", "passed")},
        "links": _records(out),
    }


def _plain(value):
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [
        {k: _plain(v) for k, v in row.items()}
        for row in frame.astype(object).where(frame.notna(), None).to_dict("records")
    ]
