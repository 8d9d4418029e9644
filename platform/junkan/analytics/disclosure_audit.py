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
from scipy.sparse import lil_matrix, vstack

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
    if not dims or not (cells[dims] == TOTAL).to_numpy().any():
        return []  # no margins shown, no relations to exploit
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
    basis = _null_space(a_eq, len(rows))
    shifts = _ShiftProver(basis, values[rows], nonneg[rows]) if basis is not None else None
    results = []
    for r in np.flatnonzero(primary):
        need = rules.p * x1[r]
        proof = shifts.prove(col[r], need) if shifts is not None else None
        if proof is not None:
            results.append(
                AuditResult(int(r), values[r], values[r] - proof, values[r] + proof, need)
            )
            continue
        lower, upper = _interval(col[r], len(rows), a_eq, b_eq, bounds)
        results.append(AuditResult(int(r), values[r], lower, upper, need))
    return results


def _null_space(a_eq, n: int) -> np.ndarray | None:
    """Directions in which the hidden cells can move together without changing any margin."""
    if a_eq is None:
        return np.eye(n)
    if n > 3000:  # dense SVD gets slow; every cell then goes to the LP
        return None
    from scipy.linalg import null_space

    return null_space(a_eq.toarray())


class _ShiftProver:
    """A cheap sufficient check that saves two LPs per protected cell.

    Pick a direction d in the null space of the margin equations with d_j = 1, spreading the
    movement over cells in proportion to their size (weighted least norm). If every
    non-negative cell it moves can absorb a shift of need·|d_k| both ways, the true table
    shifted by ±need along d agrees with everything published, so cell j is protected by at
    least ``need`` on each side. Anything this cannot prove goes to the exact LP.
    """

    def __init__(self, basis: np.ndarray, values: np.ndarray, nonneg: np.ndarray) -> None:
        self.basis = basis
        self.values = np.abs(values)
        self.nonneg = nonneg
        # Cells that may be negative have no bound to respect: almost free to move.
        penalty = np.where(nonneg, 1.0 / np.maximum(self.values, 1e-12) ** 2, 1e-12)
        self.m_inv = np.linalg.pinv(basis.T @ (penalty[:, None] * basis))

    def prove(self, j: int, need: float) -> float | None:
        if need <= 0:
            return 0.0
        row = self.basis[j]
        weight = float(row @ self.m_inv @ row)
        if weight < 1e-12:
            return None  # cell j is pinned by the margins: the LP will report it
        d = self.basis @ (self.m_inv @ row) / weight
        moved = self.nonneg & (np.abs(d) > 1e-9)
        if np.all(self.values[moved] >= need * np.abs(d[moved]) * (1 + 1e-9)):
            return need
        return None


def _equations(lines, hidden, col, values):
    """Each line: sum of members minus total = 0, published parts moved to the right.

    Margins are floating-point sums computed in some order, so a line closes only to within
    rounding; each equation gets a tolerance of a few ulps of its magnitude, otherwise the LP
    can find the true table itself "infeasible". Everything is scaled to O(1) for HiGHS.
    """
    used = [(t, m) for t, m in lines if hidden[t] or any(hidden[i] for i in m)]
    if not used:
        return None, None
    scale = float(np.max(np.abs(values))) or 1.0
    a = lil_matrix((len(used), len(col)))
    b = np.zeros(len(used))
    tol = np.zeros(len(used))
    for k, (total, members) in enumerate(used):
        for i, sign in [(total, -1.0)] + [(m, 1.0) for m in members]:
            tol[k] += abs(values[i])
            if hidden[i]:
                a[k, col[i]] += sign
            else:
                b[k] -= sign * values[i]
    return a.tocsr(), (b / scale, 1e-9 * tol / scale + 1e-12, scale)


def _interval(j: int, n: int, a_eq, rhs, bounds) -> tuple[float, float]:
    if a_eq is None:
        low = bounds[j][0]
        return (-np.inf if low is None else low), np.inf
    b, tol, scale = rhs
    a_ub = vstack([a_eq, -a_eq]).tocsr()
    b_ub = np.concatenate([b + tol, -b + tol])
    c = np.zeros(n)
    c[j] = 1.0
    ends = []
    for sign in (1.0, -1.0):
        res = linprog(sign * c, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
        if res.status == 3:  # unbounded in this direction
            ends.append(-sign * np.inf)
        elif res.status != 0:
            raise RuntimeError(f"disclosure audit LP failed: {res.message}")
        else:
            ends.append(sign * res.fun * scale)
    return ends[0], ends[1]
