"""Linear-programming audit of a suppressed table with margins.

The attacker is an outside analyst who sees every published cell and margin and knows that
flows are non-negative. For each primary-suppressed cell we minimise and maximise its value
subject to the additive margin relations; the feasible interval must reach at least p·x1 on
each side of the true value, or the cell counts as disclosed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linprog
from scipy.sparse import lil_matrix

from junkan.analytics.aggregate import TOTAL


@dataclass(frozen=True)
class AuditResult:
    row: int
    value: float
    lower: float
    upper: float
    required: float

    @property
    def ok(self) -> bool:
        slack = 1e-7 * max(abs(self.value), 1.0)
        return (
            self.upper >= self.value + self.required - slack
            and self.lower <= self.value - self.required + slack
        )


def margin_lines(cells: pd.DataFrame, dims) -> list[tuple[int, list[int]]]:
    """The additive relations of a table with margins: (total row, member rows) pairs.

    For every cell and every dimension in which it is not a total, the cell belongs to the line
    whose total has that dimension set to ``TOTAL``. Lines whose total is absent from the table
    are not relations an outsider can use, so they are skipped.
    """
    dims = list(dims)
    if not dims:
        return []
    keys = list(cells[dims].itertuples(index=False, name=None))
    index = {k: i for i, k in enumerate(keys)}
    lines: dict[tuple[int, int], list[int]] = {}
    for i, key in enumerate(keys):
        for d, value in enumerate(key):
            if value == TOTAL:
                continue
            t = index.get((*key[:d], TOTAL, *key[d + 1 :]))
            if t is not None:
                lines.setdefault((t, d), []).append(i)
    return [(t, members) for (t, _d), members in lines.items()]


def audit(
    cells: pd.DataFrame, dims, hidden: np.ndarray, primary: np.ndarray, rules
) -> list[AuditResult]:
    """Feasible interval of every primary cell given the published table."""
    cells = cells.reset_index(drop=True)
    rows = np.flatnonzero(hidden)
    col = {r: j for j, r in enumerate(rows)}
    values = cells["value"].to_numpy(dtype=float)
    a_eq, b_eq = _equations(margin_lines(cells, dims), hidden, col, values)
    nonneg = (values >= 0) & ~cells["has_negative"].to_numpy(dtype=bool)
    bounds = [(0.0, None) if nonneg[r] else (None, None) for r in rows]
    x1 = cells["x1"].to_numpy(dtype=float)
    results = []
    for r in np.flatnonzero(primary):
        lower, upper = _interval(col[r], len(rows), a_eq, b_eq, bounds)
        results.append(AuditResult(int(r), values[r], lower, upper, rules.p * x1[r]))
    return results


def _equations(lines, hidden, col, values):
    """Each line: sum of members minus total = 0, published parts moved to the right."""
    used = [(t, m) for t, m in lines if hidden[t] or any(hidden[i] for i in m)]
    if not used:
        return None, None
    a = lil_matrix((len(used), len(col)))
    b = np.zeros(len(used))
    for k, (total, members) in enumerate(used):
        for i, sign in [(total, -1.0)] + [(m, 1.0) for m in members]:
            if hidden[i]:
                a[k, col[i]] += sign
            else:
                b[k] -= sign * values[i]
    return a.tocsr(), b


def _interval(j: int, n: int, a_eq, b_eq, bounds) -> tuple[float, float]:
    if a_eq is None:
        low = bounds[j][0]
        return (-np.inf if low is None else low), np.inf
    c = np.zeros(n)
    c[j] = 1.0
    ends = []
    for sign in (1.0, -1.0):
        res = linprog(sign * c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if res.status == 3:  # unbounded in this direction
            ends.append(-sign * np.inf)
        elif res.status != 0:
            raise RuntimeError(f"disclosure audit LP failed: {res.message}")
        else:
            ends.append(sign * res.fun)
    return ends[0], ends[1]
