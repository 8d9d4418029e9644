"""Rules of the analytics API: which snapshot, which viewer, what may be shown. Never commits.

Every aggregate goes through the same path: aggregate with margins (so secondary suppression
sees the totals an intruder could ask for), protect for the viewer, page, then let the
differencing guard check the published cells that hold non-public data.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from junkan.analytics import aggregate as agg
from junkan.analytics.disclosure import DisclosureRules, Viewer, protect
from junkan.analytics.sankey import sankey
from junkan.auth.principal import Principal
from junkan.errors import NotFound
from junkan.flows.errors import InvalidQuery, QueryTooComplex
from junkan.flows.guard import DifferencingGuard, cell_key, hash_groups
from junkan.flows.reader import Snapshot, SnapshotReader
from junkan.flows.repository import FlowsRepository


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int = 0


@dataclass
class AggregateResult:
    snapshot_id: int
    unit: str
    rule_version: str
    cells: pd.DataFrame  # client-safe columns only (disclosure.PUBLIC_COLUMNS + dims)
    total_cells: int
    page: Page


def viewer_of(principal: Principal | None) -> Viewer:
    if principal is None:
        return Viewer()
    return Viewer(org=principal.organization_id, secretariat=principal.is_secretariat)


def checked(query: agg.FlowQuery, max_group_by: int = agg.MAX_GROUP_BY) -> agg.FlowQuery:
    """The core's validation, turned into problem documents."""
    try:
        agg.validate(query, max_group_by)
        for period in (query.period_from, query.period_to):
            if period:
                agg.period_year(period)
    except agg.QueryTooComplex as exc:
        raise QueryTooComplex(str(exc)) from exc
    except agg.InvalidQuery as exc:
        raise InvalidQuery(str(exc)) from exc
    return query


class FlowAnalytics:
    def __init__(self, session: Session, reader: SnapshotReader, rules: DisclosureRules) -> None:
        self.session, self.reader, self.rules = session, reader, rules

    # --- aggregates ---------------------------------------------------------------------

    def aggregate(
        self, principal: Principal | None, query: agg.FlowQuery, page: Page
    ) -> AggregateResult:
        snap = self.reader.current()
        protected, raw = self.protected_cells(snap, principal, query)
        total = len(protected)
        window = slice(page.offset, page.offset + page.limit)
        protected = protected.iloc[window].reset_index(drop=True)
        raw = raw.iloc[window].reset_index(drop=True)
        self._guard(snap, principal, query, page, protected, raw)
        return AggregateResult(snap.id, query.unit, self.rules.version, protected, total, page)

    def protected_cells(
        self, snap: Snapshot, principal: Principal | None, query: agg.FlowQuery
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(protected inner cells, the matching raw inner cells with internal columns)."""
        query = checked(query)
        viewer = viewer_of(principal)
        key = ("cells", snap.id, query, viewer, self.rules)
        return self.reader.cached(key, lambda: self._protect(snap, viewer, query))

    def _protect(self, snap: Snapshot, viewer: Viewer, query: agg.FlowQuery):
        cells = agg.aggregate(
            snap.aggregate_source,
            replace(query, margins=True),
            snap.con,
            viewer_org=viewer.org,
            with_groups=True,
        )
        dims = list(query.group_by)
        protected = protect(cells, dims, self.rules, viewer, drop_margins=True)
        inner = cells.reset_index(drop=True)
        if dims:
            inner = inner[(inner[dims] != agg.TOTAL).all(axis=1).to_numpy()]
        return protected, inner.reset_index(drop=True)

    def _guard(self, snap, principal, query, page, protected, raw) -> None:
        """Published, non-public, not the viewer's own: those cells could be differenced."""
        viewer = viewer_of(principal)
        if viewer.secretariat or protected.empty:
            return
        risky = (~protected["suppressed"]).to_numpy() & raw["has_nonpublic"].to_numpy(bool)
        if viewer.org is not None and "viewer_owns" in raw:
            risky &= ~raw["viewer_owns"].to_numpy(bool)
        if not risky.any():
            return
        key = ("guard", snap.id, query, page, viewer, self.rules)
        cells = self.reader.cached(key, lambda: _guard_cells(snap, query, raw[risky]))
        DifferencingGuard(self.session, self.rules).check_hashed(cells)

    # --- Sankey -------------------------------------------------------------------------

    def sankey(self, principal: Principal | None, query: agg.FlowQuery) -> dict:
        query = replace(query, group_by=("from_stage", "to_stage"))
        result = self.aggregate(principal, query, Page(limit=1_000_000))
        data = sankey(result.cells)
        data.update(
            snapshot_id=result.snapshot_id, unit=query.unit, rule_version=result.rule_version
        )
        return data


def _guard_cells(snap: Snapshot, query: agg.FlowQuery, raw: pd.DataFrame) -> list[tuple]:
    """(cell key, contributor groups, their hash) per risky cell; pure, so cacheable."""
    dims = list(query.group_by)
    labels = raw[dims].to_dict("records") if dims else [{}]
    out = []
    for label, codes in zip(labels, raw["groups"], strict=True):
        groups = snap.group_list(codes)  # sorted: hash_groups' own sort is then cheap
        key = cell_key(dict(zip(dims, _label_tuple(label, dims), strict=True)))
        out.append((key, frozenset(groups), hash_groups(groups)))
    return out


def _label_tuple(label: dict, dims: list[str]) -> tuple:
    return tuple(None if _missing(label.get(d)) else label.get(d) for d in dims)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


class AnalyticsService(FlowAnalytics):
    """The one entry point routes call: aggregates plus balances, indicators, raw flows."""

    def raw_flows(
        self, principal: Principal, mine: bool, organization: str | None, page: Page
    ) -> dict:
        own = principal.organization_id
        if mine and organization not in (None, own):
            raise InvalidQuery("mine=true and organization= name different organisations")
        target = own if mine else organization
        if target is not None and target != own and not principal.is_secretariat:
            raise NotFound()  # another member's raw flows: as if they did not exist
        if target is not None and not FlowsRepository(self.session).organization_exists(target):
            raise NotFound()
        public_only = target is None and not principal.is_secretariat
        items, total = FlowsRepository(self.session).raw_flows(
            organization_id=target, public_only=public_only, limit=page.limit, offset=page.offset
        )
        return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}

    def balance(self, principal: Principal | None, query: agg.FlowQuery) -> dict:
        from junkan.flows import balances

        return balances.balance(self, principal, query)

    def reconcile(self, principal: Principal | None, query: agg.FlowQuery) -> dict:
        from junkan.flows import balances

        return balances.reconcile(self, principal, query)

    def indicator(self, principal: Principal | None, code: str, params: dict) -> dict:
        from junkan.flows import indicators

        snap = self.reader.current()
        results = indicators.compute(snap, viewer_of(principal), self.rules, code, params)
        return {"snapshot_id": snap.id, "code": code, "results": results}

    def export(self, principal: Principal | None, dataset: str, request: dict):
        from junkan.flows import exports

        return exports.export(self, principal, dataset, request)
