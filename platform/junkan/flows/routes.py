"""HTTP routes of flow analytics. One service call per handler; every number names its
snapshot. Anyone may read aggregates (protected); a key shows a member its own cells."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from sqlalchemy.orm import Session

from junkan.analytics.aggregate import FlowQuery
from junkan.auth.principal import Principal
from junkan.flows import formats
from junkan.flows.indicator_defs import DEFINITIONS
from junkan.flows.service import AnalyticsService, Page
from junkan.web.deps import (
    ANY_ROLE,
    MAX_OFFSET,
    UnitOfWorkRoute,
    get_session,
    optional_principal,
    require,
)

router = APIRouter(prefix="/api/v1", route_class=UnitOfWorkRoute, tags=["flows"])

Caller = Annotated[Principal | None, optional_principal()]
AnyMember = Annotated[Principal, require(*ANY_ROLE)]
DbSession = Annotated[Session, Depends(get_session)]
Texts = Annotated[list[str] | None, Query()]


def _split(values: list[str] | None) -> tuple[str, ...]:
    """Repeated parameters and comma-separated lists both work: ?m=a&m=b or ?m=a,b."""
    return tuple(v.strip() for item in values or () for v in item.split(",") if v.strip())


def flow_query(
    group_by: Texts = None,
    period_from: Annotated[str | None, Query(max_length=10)] = None,
    period_to: Annotated[str | None, Query(max_length=10)] = None,
    material: Texts = None,
    material_category: Texts = None,
    region: Texts = None,
    prefecture: Texts = None,
    from_stage: Texts = None,
    to_stage: Texts = None,
    stage: Texts = None,
    recovery_type: Texts = None,
    unit: Annotated[str, Query(max_length=4)] = "kg",
) -> FlowQuery:
    return FlowQuery(
        group_by=_split(group_by),
        period_from=period_from,
        period_to=period_to,
        materials=_split(material),
        material_categories=_split(material_category),
        regions=_split(region),
        prefectures=_split(prefecture),
        from_stages=_split(from_stage),
        to_stages=_split(to_stage),
        stages=_split(stage),
        recovery_types=_split(recovery_type),
        unit=unit,
    )


Filters = Annotated[FlowQuery, Depends(flow_query)]


def _service(request: Request, session: Session) -> AnalyticsService:
    state = request.app.state
    return AnalyticsService(session, state.snapshot_reader, state.disclosure_rules)


def _page(request: Request, limit: int | None, offset: int) -> Page:
    """Page sizes and offsets are clamped, not refused: a too-large limit gets the largest
    page, an offset past any data an empty one."""
    largest = request.app.state.settings.max_aggregate_cells
    wanted = largest if limit is None else limit
    return Page(limit=min(max(wanted, 1), largest), offset=min(max(offset, 0), MAX_OFFSET))


@router.get("/flows/aggregate")
def aggregate(
    request: Request,
    principal: Caller,
    session: DbSession,
    query: Filters,
    limit: int | None = None,
    offset: int = 0,
    format: Annotated[str | None, Query(max_length=10)] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    """Aggregated flows with disclosure control (JSON, CSV or Parquet)."""
    kind = formats.negotiate(format, accept)
    service = _service(request, session)
    result = service.aggregate(principal, query, _page(request, limit, offset))
    meta = {
        "snapshot_id": result.snapshot_id,
        "unit": result.unit,
        "rule_version": result.rule_version,
    }
    if kind != "json":
        from junkan.analytics.export import aggregate_table

        table = aggregate_table(result.cells, unit=result.unit, snapshot_id=result.snapshot_id)
        return formats.table_response(table, kind, "AggregateCell", meta)
    body = meta | {
        "group_by": list(query.group_by),
        "total": result.total_cells,
        "limit": result.page.limit,
        "offset": result.page.offset,
        "cells": formats.rows(result.cells),
    }
    return _json(body)


@router.get("/flows/sankey")
def flow_sankey(
    request: Request, principal: Caller, session: DbSession, query: Filters
) -> Response:
    """Nodes and links; hidden (suppressed) links are counted, never drawn."""
    return _json(_service(request, session).sankey(principal, query))


@router.get("/flows")
def raw_flows(
    request: Request,
    principal: AnyMember,
    session: DbSession,
    mine: bool = False,
    organization: Annotated[str | None, Query(max_length=32)] = None,
    limit: int | None = None,
    offset: int = 0,
) -> Response:
    """Raw flows: your own (mine=true), or public ones; the secretariat sees all."""
    page = _page(request, limit, offset)
    return _json(_service(request, session).raw_flows(principal, mine, organization, page))


@router.get("/balance")
def balance(request: Request, principal: Caller, session: DbSession, query: Filters) -> Response:
    """Inputs, outputs and imbalance per process node, material and period."""
    return _json(_service(request, session).balance(principal, query))


@router.get("/balance/reconcile")
def reconcile(request: Request, principal: Caller, session: DbSession, query: Filters) -> Response:
    """Weighted least-squares reconciliation of the visible links, with a chi-square test."""
    return _json(_service(request, session).reconcile(principal, query))


@router.get("/indicators")
def list_indicators(_: Caller) -> list[dict]:
    """Every indicator the hub computes, with formula, unit and source."""
    return [d.as_dict() for d in DEFINITIONS.values()]


@router.get("/indicators/{code}")
def indicator(
    code: str,
    request: Request,
    principal: Caller,
    session: DbSession,
    region: Annotated[str | None, Query(max_length=6)] = None,
    period: Annotated[str | None, Query(max_length=10)] = None,
    product: Annotated[str | None, Query(max_length=2048)] = None,
    organization: Annotated[str | None, Query(max_length=32)] = None,
) -> Response:
    """One indicator for a boundary, with its lineage."""
    params = {"region": region, "period": period, "product": product, "organization": organization}
    service = _service(request, session)
    return _json(service.indicator(principal, code, params))


@router.get("/export/{dataset}")
def export_dataset(
    dataset: str,
    request: Request,
    principal: Caller,
    session: DbSession,
    query: Filters,
    format: Annotated[Literal["parquet", "csv", "jsonld", "ttl"] | None, Query()] = None,
    accept: Annotated[str | None, Header()] = None,
    region: Annotated[str | None, Query(max_length=6)] = None,
    period: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    """flows, products or indicators as Parquet (default), CSV, JSON-LD or Turtle."""
    kind = formats.negotiate(format, accept)
    kind = "parquet" if kind == "json" else kind
    spec = {
        "query": query,
        "max_cells": request.app.state.settings.max_aggregate_cells,
        "params": {"region": region, "period": period},
    }
    service = _service(request, session)
    table, meta = service.export(principal, dataset, spec)
    return formats.table_response(table, kind, dataset, meta)


def _json(body) -> Response:
    import orjson

    return Response(
        orjson.dumps(body, option=orjson.OPT_SERIALIZE_NUMPY), media_type="application/json"
    )
