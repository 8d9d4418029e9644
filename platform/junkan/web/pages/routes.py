"""The public dashboard: server-rendered pages over ``junkan.web.data``.

Every number comes from ``junkan.web.data`` (disclosure-protected for the public); this
module only chooses the language, parses filters and renders templates.
"""

from __future__ import annotations

import io
from typing import Annotated

import pyarrow.parquet as pq
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from junkan.auth.principal import Principal
from junkan.errors import NotFound
from junkan.web import data
from junkan.web.deps import UnitOfWorkRoute, get_session, optional_principal, public
from junkan.web.pages import assets
from junkan.web.pages.charts import indicator_figure, sankey_figure
from junkan.web.pages.indicator_catalogue import INDICATORS, MUNICIPAL_CODES, NATIONAL_CODES
from junkan.web.pages.rendering import Page, choose_lang, render

router = APIRouter(route_class=UnitOfWorkRoute, tags=["dashboard"], include_in_schema=False)
router.include_router(assets.router)
Public = Depends(public)
Db = Annotated[Session, Depends(get_session)]
# Rec 20 unit codes that read better as symbols in a table.
UNIT_SYMBOLS = {"P1": "%", "TNE": "t", "KGM": "kg", "KTN": "kt"}
Text = Annotated[str | None, Query(max_length=40)]


def _page(request: Request, session: Session) -> Page:
    return Page(request, choose_lang(request), data.region_names(session))


def _series(rows: list[dict], code: str) -> list[tuple[int, float]]:
    return [(r["year"], r[code].value) for r in rows if r[code].value is not None]


@router.get("/", dependencies=[Public])
def overview(request: Request, session: Db) -> Response:
    page = _page(request, session)
    national = data.national_indicators(session)
    charts = [
        (INDICATORS[code], indicator_figure(page, INDICATORS[code], _series(national, code)))
        for code in NATIONAL_CODES
    ]
    latest = {}
    for row in data.regions(session):
        latest[row["region"]] = row  # rows are sorted by year: the last one wins
    return render(
        page,
        "overview.html",
        charts=charts if national else [],
        national=national,
        regional=list(latest.values()),
        municipal=[INDICATORS[c] for c in MUNICIPAL_CODES],
        info=data.data_info(session),
    )


def _filters(frame, material, period, region, stage, unit) -> data.FlowFilters:
    """Filters from the query; absent ones take the default view, unknown values are dropped."""
    base = data.default_filters(frame)
    opts = data.options(frame)

    def pick(value: str | None, allowed: list[str], default: str | None) -> str | None:
        if value is None:
            return default
        return value if value in allowed else None

    # One fiscal year and one region at a time: totals over several could be subtracted from
    # the single ones to reveal hidden cells.
    return data.FlowFilters(
        material=pick(material, opts.materials, None),
        period=period if period in opts.periods else base.period,
        region=region if region in opts.regions else base.region,
        stage=pick(stage, opts.stages, None),
        unit=unit if unit in ("kg", "t") else "t",
    )


def _flow_view(session: Session, material, period, region, stage, unit):
    frame = data.flow_frame(session)
    filters = _filters(frame, material, period, region, stage, unit)
    return frame, data.flow_view(session, filters)


@router.get("/flows", dependencies=[Public])
def flows(
    request: Request,
    session: Db,
    material: Text = None,
    period: Text = None,
    region: Text = None,
    stage: Text = None,
    unit: Text = None,
) -> Response:
    page = _page(request, session)
    frame, view = _flow_view(session, material, period, region, stage, unit)
    return render(
        page,
        "flows.html",
        view=view,
        sankey_spec=sankey_figure(page, view) if view.links else None,
        options=data.options(frame),
        info=data.data_info(session),
    )


@router.get("/flows/download.{fmt}", dependencies=[Public])
def download(
    session: Db,
    fmt: str,
    material: Text = None,
    period: Text = None,
    region: Text = None,
    stage: Text = None,
    unit: Text = None,
) -> Response:
    if fmt not in ("csv", "parquet"):
        raise NotFound()
    _, view = _flow_view(session, material, period, region, stage, unit)
    name = "junkan-flows-" + "-".join(
        v for v in (view.filters.region, view.filters.period, view.filters.material) if v
    )
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    if fmt == "csv":
        body = data.export_csv(view).encode("utf-8")
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
    buffer = io.BytesIO()
    pq.write_table(data.export_table(view), buffer, compression="zstd")
    return Response(buffer.getvalue(), media_type="application/vnd.apache.parquet", headers=headers)


@router.get("/regions", dependencies=[Public])
def regions(request: Request, session: Db) -> Response:
    page = _page(request, session)
    return render(
        page,
        "regions.html",
        rows=data.regions(session),
        municipal=[INDICATORS[c] for c in MUNICIPAL_CODES],
        info=data.data_info(session),
    )


@router.get("/regions/{code}", dependencies=[Public])
def region(request: Request, session: Db, code: str, period: Text = None) -> Response:
    page = _page(request, session)
    frame = data.flow_frame(session)
    # A prefecture's page lists its municipalities.
    rows = [r for r in data.regions(session) if r["region"].startswith(code)]
    opts = data.options(frame)
    if code not in opts.regions and code not in {r["region"] for r in rows}:
        raise NotFound()
    periods = data.region_periods(frame, code)
    chosen = period if period in periods else (periods[0] if periods else None)
    view = data.flow_view(session, data.FlowFilters(region=code, period=chosen))
    return render(
        page,
        "region.html",
        code=code,
        rows=rows,
        periods=periods,
        view=view,
        sankey_spec=sankey_figure(page, view) if view.links else None,
        municipal=[INDICATORS[c] for c in MUNICIPAL_CODES],
        info=data.data_info(session),
    )


@router.get("/members", dependencies=[Public])
def members(request: Request, session: Db) -> Response:
    page = _page(request, session)
    by_kind: dict[str, list[dict]] = {}
    for member in data.members(session):
        by_kind.setdefault(member["kind"], []).append(member)
    return render(
        page,
        "members.html",
        by_kind=by_kind,
        indicator_name=lambda code: (
            INDICATORS[code].text("name", page.lang) if code in INDICATORS else code
        ),
        unit=lambda code: UNIT_SYMBOLS.get(code) or page.label("units", code),
    )


@router.get("/indicators", dependencies=[Public])
def indicators(request: Request, session: Db) -> Response:
    return render(_page(request, session), "indicators.html", indicators=INDICATORS.values())


@router.get("/indicators/{code}", dependencies=[Public])
def indicator(request: Request, session: Db, code: str, region: Text = None) -> Response:
    definition = INDICATORS.get(code)
    if definition is None:
        raise NotFound()
    page = _page(request, session)
    if definition.scope == "national":
        rows = [r | {"region": "JP"} for r in data.national_indicators(session)]
    else:
        rows = [r for r in data.regions(session) if region in (None, r["region"])]
    return render(
        page,
        "indicator.html",
        definition=definition,
        rows=rows,
        info=data.data_info(session),
    )


@router.get("/data-quality")
def data_quality(
    request: Request,
    session: Db,
    principal: Annotated[Principal | None, optional_principal()],
) -> Response:
    page = _page(request, session)
    if principal is None or principal.role not in ("member", "secretariat"):
        note = "quality.need_key" if principal is None else "quality.analyst"
        return render(page, "data_quality.html", note=note, submissions=None)
    org = None if principal.is_secretariat else principal.organization_id
    return render(page, "data_quality.html", note=None, submissions=data.data_quality(session, org))
