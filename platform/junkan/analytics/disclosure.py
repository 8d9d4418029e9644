"""Statistical disclosure control for aggregated flow tables.

Primary suppression marks cells that are sensitive on their own (too few enterprise groups,
or a dominant contributor under the p%-rule). Secondary suppression then hides further cells
so that no primary cell can be recovered from what is published together with the margins.
An LP audit (``audit``) computes, for each primary cell, the interval an outside analyst can
derive from the published table, and checks it is wide enough.

Only cells holding at least one non-public contribution are ever suppressed: a cell made of
public records only can be rebuilt from the open data anyway, so hiding it protects nothing
(and, for the same reason, it can never serve as a complementary suppression).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from junkan.analytics.aggregate import TOTAL
from junkan.analytics.disclosure_audit import AuditResult, audit, margin_lines

PUBLIC_COLUMNS = ("value", "suppressed", "suppression", "contributors_band", "rule_version")
BANDS = ((1, 2, "1-2"), (3, 4, "3-4"), (5, 9, "5-9"), (10, None, "10+"))


@dataclass(frozen=True)
class DisclosureRules:
    """Rule parameters; the hub maps its settings onto this."""

    min_groups: int = 3
    p: float = 0.15
    min_groups_signed: int = 5
    min_group_difference: int = 3
    name: str = "junkan-sdc"

    @property
    def version(self) -> str:
        """Recorded on every cell, so a published number says which rule passed it."""
        return (
            f"{self.name}/n{self.min_groups}-p{self.p * 100:g}"
            f"-s{self.min_groups_signed}-d{self.min_group_difference}"
        )


@dataclass(frozen=True)
class Viewer:
    """Who is looking: the secretariat sees everything, an owner its own cells."""

    org: str | None = None
    secretariat: bool = False


def primary_mask(cells: pd.DataFrame, rules: DisclosureRules, signed: bool = False) -> np.ndarray:
    """Cells that are sensitive on their own.

    A cell is signed (can be negative) when ``signed`` says the measure is, or when any group
    contribution in it is negative; then the rule runs on absolute values and needs
    ``min_groups_signed`` groups. ``x1``/``x2``/``abs_total`` are absolute already.
    """
    n = cells["contributors"].to_numpy()
    x1 = cells["x1"].to_numpy(dtype=float)
    x2 = cells["x2"].to_numpy(dtype=float)
    total = cells["abs_total"].to_numpy(dtype=float)
    is_signed = cells["has_negative"].to_numpy(dtype=bool) | signed
    needed = np.where(is_signed, rules.min_groups_signed, rules.min_groups)
    # The second-largest contributor knows x2 and can bound x1 by X - x2; the remainder
    # X - x1 - x2 is its uncertainty, which must be at least p of x1.
    dominated = (total - x1 - x2) < rules.p * x1 - 1e-9 * np.maximum(total, 1.0)
    sensitive = (n < needed) | dominated
    return sensitive & cells["has_nonpublic"].to_numpy(dtype=bool)


def contributor_band(counts) -> np.ndarray:
    """Counts turned into coarse bands: exact counts of small cells help an intruder."""
    counts = np.asarray(counts)
    out = np.full(counts.shape, None, dtype=object)
    for low, high, label in BANDS:
        hit = counts >= low if high is None else (counts >= low) & (counts <= high)
        out[hit] = label
    return out


def differencing_risk(
    previous: frozenset[str] | set[str],
    new: frozenset[str] | set[str],
    rules: DisclosureRules = DisclosureRules(),
) -> bool:
    """True when answering ``new`` after ``previous`` (same cell) would disclose.

    Two totals whose contributor sets differ by one or two groups give, by subtraction, the
    contribution of those groups. We use the symmetric difference: a swap of one group for
    another still tells the difference between two named contributions. Identical sets
    disclose nothing new.
    """
    diff = len(set(previous) ^ set(new))
    return 0 < diff < rules.min_group_difference


def protect(
    cells: pd.DataFrame,
    dims: tuple[str, ...] | list[str],
    rules: DisclosureRules = DisclosureRules(),
    viewer: Viewer | None = None,
    *,
    signed: bool = False,
    audit_lp: bool = True,
    drop_margins: bool = False,
) -> pd.DataFrame:
    """Apply primary and secondary suppression and return only client-safe columns.

    ``cells`` is the output of ``aggregate.aggregate``; pass ``margins=True`` there when the
    table will be shown with totals, so secondary suppression can see the margin relations.
    Suppressed values are NaN; the internal columns are dropped. ``drop_margins`` protects as
    if the margins were published (they can be asked for by a coarser query) and then
    returns the inner cells only.
    """
    viewer = viewer or Viewer()
    attrs = dict(cells.attrs)
    cells = cells.reset_index(drop=True)
    cells.attrs.update(attrs)
    primary = primary_mask(cells, rules, signed)
    hidden = secondary_suppression(cells, dims, primary, rules, audit_lp=audit_lp)
    visible = _viewer_sees(cells, viewer)
    suppressed = hidden & ~visible
    kind = np.where(primary, "primary", np.where(hidden, "secondary", None))
    out = cells[list(dims)].copy()
    out["value"] = cells["value"].where(~suppressed)
    out["suppressed"] = suppressed
    out["suppression"] = np.where(suppressed, kind, None)
    out["contributors_band"] = np.where(suppressed, None, contributor_band(cells["contributors"]))
    out["rule_version"] = rules.version
    if drop_margins and len(dims):
        inner = (cells[list(dims)] != TOTAL).all(axis=1).to_numpy()
        out = out[inner].reset_index(drop=True)
    return out


def _viewer_sees(cells: pd.DataFrame, viewer: Viewer) -> np.ndarray:
    if viewer.secretariat:
        return np.ones(len(cells), dtype=bool)
    if viewer.org is None:
        return np.zeros(len(cells), dtype=bool)
    if cells.attrs.get("viewer_org") != viewer.org or "viewer_owns" not in cells:
        # Ownership was computed for someone else (or not at all): exempt nothing.
        return np.zeros(len(cells), dtype=bool)
    # A cell entirely made of the viewer's own records tells it nothing it does not know.
    return cells["viewer_owns"].to_numpy(dtype=bool)


def published_share(protected: pd.DataFrame) -> float:
    """Share of cells published (for reporting how much a rule costs)."""
    if len(protected) == 0:
        return 1.0
    return float((~protected["suppressed"]).mean())


# --- secondary suppression -------------------------------------------------------------


def secondary_suppression(
    cells: pd.DataFrame,
    dims,
    primary: np.ndarray,
    rules: DisclosureRules,
    *,
    audit_lp: bool = True,
    max_rounds: int = 50,
) -> np.ndarray:
    """Extend ``primary`` so no suppressed cell is the only hidden one in a margin line.

    First a line heuristic (every line with a hidden cell gets at least two, the partner chosen
    just large enough to cover the needed protection); then, with ``audit_lp``, the LP audit
    is run and any primary cell still too narrowly bounded gets another partner, until clean.
    """
    hidden = primary.copy()
    lines = margin_lines(cells, dims)
    if not lines:
        return hidden
    value = cells["value"].abs().to_numpy(dtype=float)
    candidate = cells["has_nonpublic"].to_numpy(dtype=bool)
    need = np.where(primary, rules.p * cells["x1"].to_numpy(dtype=float), 0.0)
    to_check = primary
    for _ in range(max_rounds):
        _close_singletons(lines, hidden, candidate, value, need)
        if not audit_lp:
            return hidden
        # Hiding more cells only widens every feasible interval, so a cell that passed once
        # stays safe: re-audit just the ones that failed.
        failing = [r.row for r in audit(cells, dims, hidden, to_check, rules) if not r.ok]
        if not failing:
            return hidden
        to_check = np.zeros_like(primary)
        to_check[failing] = True
        if not _widen(lines, failing, hidden, candidate, value):
            break
    return _last_resort(cells, dims, lines, hidden, primary, candidate, rules)


def _last_resort(cells, dims, lines, hidden, primary, candidate, rules) -> np.ndarray:
    """Could not prove safety with a few partners: hide every non-public cell in the lines of
    primary cells, and if the audit still objects, every non-public cell. Loses information,
    never leaks."""
    for total, members in lines:
        group = [total, *members]
        if any(primary[i] for i in group):
            hidden[[i for i in group if candidate[i]]] = True
    if not all(r.ok for r in audit(cells, dims, hidden, primary, rules)):
        hidden |= candidate
    return hidden


def _close_singletons(lines, hidden, candidate, value, need) -> None:
    changed = True
    while changed:
        changed = False
        for total, members in lines:
            group = [total, *members]
            shown = [i for i in group if not hidden[i]]
            if len(group) - len(shown) != 1:
                continue
            lone = next(i for i in group if hidden[i])
            options = [i for i in shown if candidate[i]]
            if not options:
                continue  # only public cells left: the lone cell is public-derived anyway
            partner = _pick_partner(options, value, need[lone])
            hidden[partner] = True
            need[partner] = max(need[partner], need[lone])
            changed = True


def _pick_partner(options: list[int], value: np.ndarray, required: float) -> int:
    """Smallest cell that still covers the protection needed; else the largest available."""
    big_enough = [i for i in options if value[i] >= required]
    if big_enough:
        return min(big_enough, key=lambda i: value[i])
    return max(options, key=lambda i: value[i])


def _widen(lines, failing, hidden, candidate, value) -> bool:
    """Hide the largest still-published candidate in every line of each failing cell.

    One more cell per line gives each line a second way to absorb a shift; doing all lines
    at once converges in a few rounds instead of one cell per round.
    """
    added = False
    failing = set(failing)
    for total, members in lines:
        group = [total, *members]
        if failing.isdisjoint(group):
            continue
        options = [i for i in group if candidate[i] and not hidden[i]]
        if options:
            hidden[max(options, key=lambda i: value[i])] = True
            added = True
    return added


__all__ = [
    "BANDS",
    "PUBLIC_COLUMNS",
    "AuditResult",
    "DisclosureRules",
    "Viewer",
    "audit",
    "contributor_band",
    "differencing_risk",
    "margin_lines",
    "primary_mask",
    "protect",
    "published_share",
    "secondary_suppression",
]
