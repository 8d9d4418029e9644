"""Mass balance per process node, material and period.

Imbalance = inputs − outputs − stock change. A process with no inputs (a source) or no
outputs (a sink) is a system boundary, not a balanced process, so it gets no relative
imbalance: flagging the national economy's imports as "unbalanced" would be noise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

KEYS = ("node", "material", "period")


def mass_balance(flows: pd.DataFrame, stock_changes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Balance table from flows (from_stage, to_stage, material, period, mass_kg).

    ``stock_changes`` has columns node, material, period, stock_change_kg (positive = stock
    grows). Returns node, material, period, inputs_kg, outputs_kg, stock_change_kg,
    imbalance_kg, relative_imbalance and is_boundary.
    """
    keys = list(KEYS)
    inputs = _sum_by(flows, "to_stage", "inputs_kg")
    outputs = _sum_by(flows, "from_stage", "outputs_kg")
    table = inputs.merge(outputs, on=keys, how="outer")
    if stock_changes is not None and len(stock_changes):
        stock = stock_changes.groupby(keys, dropna=False, as_index=False)["stock_change_kg"].sum()
        table = table.merge(stock, on=keys, how="outer")
    else:
        table["stock_change_kg"] = 0.0
    table = table.fillna({"inputs_kg": 0.0, "outputs_kg": 0.0, "stock_change_kg": 0.0})
    table["imbalance_kg"] = table["inputs_kg"] - table["outputs_kg"] - table["stock_change_kg"]
    table["is_boundary"] = (table["inputs_kg"] == 0) | (table["outputs_kg"] == 0)
    # Relative to the larger side, so a missing output and a missing input read the same.
    scale = np.maximum(table["inputs_kg"].abs(), table["outputs_kg"].abs())
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(scale > 0, table["imbalance_kg"] / scale, 0.0)
    table["relative_imbalance"] = np.where(table["is_boundary"], np.nan, rel)
    return table.sort_values(keys).reset_index(drop=True)


def _sum_by(flows: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
    grouped = flows.groupby([column, "material", "period"], dropna=False, as_index=False)
    out = grouped["mass_kg"].sum().rename(columns={column: "node", "mass_kg": name})
    return out


def unbalanced(table: pd.DataFrame, tolerance: float = 0.05) -> pd.DataFrame:
    """Internal processes whose relative imbalance exceeds ``tolerance``."""
    mask = ~table["is_boundary"] & (table["relative_imbalance"].abs() > tolerance)
    return table[mask]
