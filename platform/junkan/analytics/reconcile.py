"""Weighted least-squares data reconciliation of linear mass balances.

Measured flows x with covariance Σ must satisfy A·x = 0 (one row per balanced process, stock
change written as an explicit flow). The reconciled estimate is the closest point on the
constraint plane in the Σ⁻¹ metric:

    x̂ = x − ΣAᵀ(AΣAᵀ)⁻¹Ax          Σ̂ = Σ − ΣAᵀ(AΣAᵀ)⁻¹AΣ

The residual r = Ax gives the global test rᵀ(AΣAᵀ)⁻¹r ~ χ²(rank A): a small p-value says the
reported data do not fit the balances within their stated uncertainties. Normalised
adjustments (adjustment ÷ its own standard deviation) point at the likely gross errors.
Unmeasured flows are removed by projecting the constraints onto the null space of their
columns, then recovered from the reconciled measured flows when they are observable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import linalg, stats


@dataclass(frozen=True)
class Reconciliation:
    values: np.ndarray  # reconciled measured flows
    covariance: np.ndarray
    adjustments: np.ndarray  # x - x̂
    normalized_adjustments: np.ndarray
    gross_errors: np.ndarray  # bool per measured flow
    chi2: float
    dof: int
    p_value: float
    passed: bool
    unmeasured: np.ndarray | None = None  # estimates of the unmeasured flows, if any

    @property
    def std(self) -> np.ndarray:
        return np.sqrt(np.clip(np.diag(self.covariance), 0.0, None))


def covariance_from(x: np.ndarray, std=None, rel=None, cov=None) -> np.ndarray:
    """Σ from absolute standard deviations, relative uncertainties or a full matrix."""
    if cov is not None:
        return np.asarray(cov, dtype=float)
    if std is None:
        if rel is None:
            raise ValueError("give std, rel or cov")
        std = np.abs(x) * np.asarray(rel, dtype=float)
    return np.diag(np.square(np.asarray(std, dtype=float)))


def reconcile(x, a, *, std=None, rel=None, cov=None, alpha: float = 0.05) -> Reconciliation:
    """Reconcile measured flows ``x`` against constraints ``a @ x = 0``."""
    x = np.asarray(x, dtype=float)
    a = np.atleast_2d(np.asarray(a, dtype=float))
    sigma = covariance_from(x, std, rel, cov)
    a = _independent_rows(a)
    if a.shape[0] == 0:
        return _no_redundancy(x, sigma)
    r = a @ x
    s = a @ sigma @ a.T
    s_inv = linalg.pinvh(s)
    gain = sigma @ a.T @ s_inv  # ΣAᵀ(AΣAᵀ)⁻¹
    adjust = gain @ r
    cov_adjust = gain @ a @ sigma
    x_hat = x - adjust
    sigma_hat = sigma - cov_adjust
    chi2 = float(r @ s_inv @ r)
    dof = int(a.shape[0])
    p_value = float(stats.chi2.sf(chi2, dof))
    z = _normalise(adjust, cov_adjust)
    critical = stats.norm.ppf(1 - alpha / 2)
    return Reconciliation(
        x_hat, sigma_hat, adjust, z, np.abs(z) > critical, chi2, dof, p_value, p_value >= alpha
    )


def _normalise(adjust: np.ndarray, cov_adjust: np.ndarray) -> np.ndarray:
    var = np.clip(np.diag(cov_adjust), 0.0, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(var > 0, adjust / np.sqrt(var), 0.0)
    return z


def _independent_rows(a: np.ndarray, tol: float = 1e-10) -> np.ndarray:
    """Drop redundant balance rows: χ² degrees of freedom are the rank, not the row count."""
    if a.size == 0:
        return a
    _q, r, perm = linalg.qr(a.T, mode="economic", pivoting=True)
    diag = np.abs(np.diag(r))
    rank = int((diag > tol * max(diag.max(initial=0.0), 1.0)).sum())
    return a[np.sort(perm[:rank])]


def _no_redundancy(x: np.ndarray, sigma: np.ndarray) -> Reconciliation:
    zero = np.zeros_like(x)
    return Reconciliation(x.copy(), sigma.copy(), zero, zero, zero.astype(bool), 0.0, 0, 1.0, True)


def reconcile_with_unmeasured(
    x, a_measured, a_unmeasured, *, std=None, rel=None, cov=None, alpha: float = 0.05
) -> Reconciliation:
    """Reconcile when some flows are not measured: A·x + B·y = 0.

    Multiplying the balances by a basis P of the left null space of B (PB = 0) removes y and
    leaves the redundant equations P·A·x = 0 for the measured flows. y then follows from
    B·y = −A·x̂ by least squares; it is unique only if B has full column rank (every
    unmeasured flow observable), otherwise a ``ValueError`` says so.
    """
    a = np.atleast_2d(np.asarray(a_measured, dtype=float))
    b = np.atleast_2d(np.asarray(a_unmeasured, dtype=float))
    if np.linalg.matrix_rank(b) < b.shape[1]:
        raise ValueError("some unmeasured flows are not observable from the balances")
    p = linalg.null_space(b.T).T  # rows span the left null space of B
    reduced = p @ a if p.size else np.zeros((0, a.shape[1]))
    result = reconcile(x, reduced, std=std, rel=rel, cov=cov, alpha=alpha)
    y, *_ = np.linalg.lstsq(b, -a @ result.values, rcond=None)
    return Reconciliation(**{**result.__dict__, "unmeasured": y})


def incidence_matrix(flows: list[tuple[str, str]], balanced: list[str]) -> np.ndarray:
    """Balance rows for ``balanced`` processes: +1 for a flow into it, −1 for one out of it."""
    a = np.zeros((len(balanced), len(flows)))
    row = {node: i for i, node in enumerate(balanced)}
    for j, (src, dst) in enumerate(flows):
        if dst in row:
            a[row[dst], j] += 1.0
        if src in row:
            a[row[src], j] -= 1.0
    return a


def reconcile_flows(flows, balanced: list[str] | None = None, alpha: float = 0.05):
    """Reconcile a flow table (from_stage, to_stage, mass_kg, uncertainty) in one go.

    ``uncertainty`` is the relative standard uncertainty; a flow without one is treated as
    unmeasured and estimated from the balances. ``balanced`` defaults to every node with both
    inflows and outflows (sources and sinks are the system boundary). Returns a copy with
    reconciled_kg, reconciled_std_kg, adjustment_z and gross_error; the global test is in
    ``.attrs`` (chi2, dof, p_value, passed).
    """
    flows = flows.reset_index(drop=True)
    edges = list(zip(flows["from_stage"], flows["to_stage"], strict=True))
    if balanced is None:
        sources, targets = {s for s, _ in edges}, {t for _, t in edges}
        balanced = sorted(sources & targets)
    a = incidence_matrix(edges, balanced)
    rel = flows["uncertainty"].to_numpy(dtype=float)
    measured = np.isfinite(rel) & (rel > 0)
    x = flows["mass_kg"].to_numpy(dtype=float)
    if measured.all():
        res = reconcile(x, a, rel=rel, alpha=alpha)
    else:
        res = reconcile_with_unmeasured(
            x[measured], a[:, measured], a[:, ~measured], rel=rel[measured], alpha=alpha
        )
    out = flows.copy()
    out["reconciled_kg"] = np.nan
    out["reconciled_std_kg"] = np.nan
    out["adjustment_z"] = np.nan
    out["gross_error"] = False
    out.loc[measured, "reconciled_kg"] = res.values
    out.loc[measured, "reconciled_std_kg"] = res.std
    out.loc[measured, "adjustment_z"] = res.normalized_adjustments
    out.loc[measured, "gross_error"] = res.gross_errors
    if res.unmeasured is not None:
        out.loc[~measured, "reconciled_kg"] = res.unmeasured
    out.attrs.update(
        chi2=res.chi2, dof=res.dof, p_value=res.p_value, passed=res.passed, balanced=list(balanced)
    )
    return out
