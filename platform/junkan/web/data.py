"""Where the dashboard pages get their numbers: the only module they call for data.

Today it reads the live OLTP tables (``flows``, ``organizations``, current record versions)
and runs the pure analytics core over them. When the snapshot-based analytics services land
(``junkan.flows``), each function here is re-pointed at them; the pages do not change.

Rules the pages rely on:
- Flow aggregates are disclosure-protected (``analytics.disclosure.protect``) for the viewer;
  the public dashboard passes ``Viewer()`` and so only ever sees protected cells.
- Indicators use ``public`` records only: they are not cell tables that disclosure control
  could protect, so nothing non-public goes into them.
- Numbers name their source; until snapshots exist that is the live database
  (``SNAPSHOT_LIVE``) and its data date.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

import duckdb
import orjson
import pandas as pd
import pyarrow as pa
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from junkan.analytics import export
from junkan.analytics.aggregate import TOTAL, UNIT_FACTORS, FlowQuery, aggregate
from junkan.analytics.disclosure import DisclosureRules, Viewer, protect
from junkan.analytics.sankey import sankey as build_sankey
from junkan.members.models import Organization
from junkan.submissions.models import Flow, Record, RecordVersion, Submission
from junkan.web.pages import indicator_figures
from junkan_connect.vocab.codes import code_list

SNAPSHOT_LIVE = 0  # no snapshot yet: the live database
NATIONAL = "JP"
RULES = DisclosureRules()
DIMS = ("material", "from_stage", "to_stage")
_FLOW_COLUMNS = ("record_id", "material", "from_stage", "to_stage", "period", "year", "region")
_FLOW_COLUMNS += ("prefecture", "recovery_type", "disclosure", "mass_kg")


@dataclass(frozen=True)
class FlowFilters:
    material: str | None = None  # a material code or any broader (category) code
    period: str | None = None  # "FY2023"; views are per fiscal year (sums over years could be
    # subtracted from each other to reveal hidden cells)
    region: str | None = None  # "JP", a prefecture (2 digits) or a municipality (6 digits)
    stage: str | None = None  # either end of a flow
    unit: str = "t"


@dataclass
class FlowView:
    filters: FlowFilters
    nodes: list[dict]
    links: list[dict]
    hidden_links: int
    nodes_with_hidden_links: list[str]
    cells: pd.DataFrame  # protected from_stage × to_stage cells (client-safe columns only)
    rule_version: str = RULES.version


@dataclass
class Options:
    periods: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)


# --- cache ------------------------------------------------------------------------------


class _Cache:
    """Results kept while the data stay the same.

    The store is append-only (a change writes a new version and bumps ``updated_at``), so the
    database URL with the latest update time and count of records and of organisations name
    one state of the data.
    Only public views are cached: a viewer-specific result is never shared.
    """

    def __init__(self, size: int = 128) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._size = size

    def get(self, session: Session, key: tuple, compute: Callable[[], Any]) -> Any:
        full = (*_data_version(session), *key)
        with self._lock:
            if full in self._items:
                self._items.move_to_end(full)
                return self._items[full]
        value = compute()
        with self._lock:
            self._items[full] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


_cache = _Cache()


def _data_version(session: Session) -> tuple:
    # Organisations count too: a changed enterprise group changes what disclosure allows.
    records = session.execute(select(func.max(Record.updated_at), func.count(Record.id))).one()
    orgs = session.execute(
        select(func.max(Organization.updated_at), func.count(Organization.id))
    ).one()
    return (str(session.get_bind().url), *map(str, records), *map(str, orgs))


# --- flows ------------------------------------------------------------------------------


@cache
def _material_category() -> dict[str, str]:
    materials = code_list("materials")
    top = {}
    for code in materials:
        ancestors = materials.ancestors(code.code)
        top[code.code] = ancestors[-1].code if ancestors else code.code
    return top


def _descendants(code: str) -> tuple[str, ...]:
    """``code`` and every material below it in the hierarchy."""
    materials = code_list("materials")
    if code not in materials:
        return (code,)
    below = (c.code for c in materials if code in {a.code for a in materials.ancestors(c.code)})
    return (code, *below)


def flow_frame(session: Session) -> pd.DataFrame:
    """Current flows with the enterprise group of their reporter (disclosure's unit).

    Shared between requests while the data do not change: treat it as read-only.
    """
    return _cache.get(session, ("frame",), lambda: _load_flow_frame(session))


def _load_flow_frame(session: Session) -> pd.DataFrame:
    group = func.coalesce(Organization.group_id, Organization.id)
    stmt = select(
        *(getattr(Flow, c) for c in _FLOW_COLUMNS),
        Flow.organization_id.label("owner_org"),
        group.label("group_id"),
        Organization.kind.label("reporter_kind"),
    ).join(Organization, Organization.id == Flow.organization_id)
    rows = session.execute(stmt).all()
    frame = pd.DataFrame(rows, columns=[*_FLOW_COLUMNS, "owner_org", "group_id", "reporter_kind"])
    categories = _material_category()
    frame["material_category"] = [categories.get(m, m) for m in frame["material"]]
    frame["mass_kg"] = frame["mass_kg"].astype(float)
    frame["year"] = frame["year"].astype("int64")
    return frame


def options(frame: pd.DataFrame) -> Options:
    """What the filters can offer: only values present in the data."""
    regions = set(frame["region"]) | {p for p in frame["prefecture"].dropna()}
    materials = set(frame["material"]) | set(frame["material_category"])
    return Options(
        periods=sorted(set(frame["period"]), reverse=True),
        regions=sorted(regions, key=lambda r: (r != NATIONAL, len(r), r)),
        materials=sorted(materials),
        stages=sorted(set(frame["from_stage"]) | set(frame["to_stage"])),
    )


def region_periods(frame: pd.DataFrame, region: str) -> list[str]:
    """Fiscal years with flows in ``region`` (a prefecture includes its municipalities)."""
    inside = (
        frame["region"].str.startswith(region) if region != NATIONAL else frame["region"] == region
    )
    return sorted(set(frame.loc[inside, "period"]), reverse=True)


def region_names(session: Session) -> dict[str, tuple[str, str | None]]:
    """Municipality names (ja, en) from the member municipalities' profiles."""
    stmt = select(Organization.municipality_code, Organization.name_ja, Organization.name_en)
    stmt = stmt.where(Organization.municipality_code.is_not(None))
    return {code: (ja, en) for code, ja, en in session.execute(stmt).all()}


def default_filters(frame: pd.DataFrame) -> FlowFilters:
    """The busiest non-national prefecture in its latest year (the demo region by default)."""
    if frame.empty:
        return FlowFilters()
    regional = frame[frame["region"] != NATIONAL]
    if regional.empty:
        latest = frame["period"].max()
        return FlowFilters(region=NATIONAL, period=latest)
    prefecture = regional["prefecture"].value_counts().idxmax()
    period = regional.loc[regional["prefecture"] == prefecture, "period"].max()
    return FlowFilters(region=prefecture, period=period)


def _base_query(period: str, region: str | None) -> FlowQuery:
    region = region or ""
    return FlowQuery(
        group_by=DIMS,
        period_from=period,
        period_to=period,
        regions=(region,) if region and len(region) != 2 else (),
        prefectures=(region,) if len(region) == 2 else (),
        unit="kg",
        margins=True,
    )


def protected_table(
    frame: pd.DataFrame, period: str, region: str | None, viewer: Viewer | None = None
) -> pd.DataFrame:
    """Material × from-stage × to-stage cells of one fiscal year and region, with every margin,
    protected together.

    Every view of the flows page (all materials, one material, a category, one stage) is cut
    from this one table, so no two views can be subtracted to reveal a hidden cell: the
    secondary suppression already holds for all margins at once.
    """
    con = duckdb.connect()
    con.register("flows_view", frame)
    viewer = viewer or Viewer()
    cells = aggregate("flows_view", _base_query(period, region), con, viewer_org=viewer.org)
    con.close()
    if cells.empty:
        return cells
    return protect(cells, DIMS, RULES, viewer)


def _cut(table: pd.DataFrame, filters: FlowFilters) -> pd.DataFrame:
    """The from × to cells of one material, a category (sum of its materials) or all."""
    inner = (table["from_stage"] != TOTAL) & (table["to_stage"] != TOTAL)
    if filters.stage:
        inner &= (table["from_stage"] == filters.stage) | (table["to_stage"] == filters.stage)
    if not filters.material:
        cells = table[inner & (table["material"] == TOTAL)]
    else:
        cells = table[inner & table["material"].isin(_descendants(filters.material))]
        cells = _sum_published(cells)
    factor = UNIT_FACTORS[filters.unit]
    cells = cells.drop(columns="material").reset_index(drop=True)
    cells["value"] = cells["value"] * factor
    return cells


def _sum_published(cells: pd.DataFrame) -> pd.DataFrame:
    """Cells of several materials added up per edge; an edge with any hidden part stays hidden
    (a sum of published cells tells nothing new; one with a hidden part would)."""
    if cells["material"].nunique() <= 1:
        return cells
    grouped = cells.groupby(["from_stage", "to_stage"], sort=True)
    out = grouped.agg(
        value=("value", "sum"),
        suppressed=("suppressed", "any"),
        rule_version=("rule_version", "first"),
    ).reset_index()
    out["value"] = out["value"].where(~out["suppressed"])
    out["suppression"] = out["suppressed"].map({True: "part", False: None})
    out["contributors_band"] = None
    out["material"] = None
    return out


def flow_view(session: Session, filters: FlowFilters, viewer: Viewer | None = None) -> FlowView:
    """The protected view for ``filters``; public tables are cached while the data stay."""
    frame = flow_frame(session)
    if filters.period is None:
        return build_flow_view(pd.DataFrame(), filters)
    if viewer is None or viewer == Viewer():
        key = ("table", filters.period, filters.region)
        table = _cache.get(
            session, key, lambda: protected_table(frame, filters.period, filters.region)
        )
    else:
        table = protected_table(frame, filters.period, filters.region, viewer)
    return build_flow_view(table, filters)


_CELL_COLUMNS = ["from_stage", "to_stage", "value", "suppressed", "suppression"]
_CELL_COLUMNS += ["contributors_band", "rule_version"]


def build_flow_view(table: pd.DataFrame, filters: FlowFilters) -> FlowView:
    """The from × to cells for ``filters`` cut from a protected table, and their Sankey."""
    cells = _cut(table, filters) if not table.empty else pd.DataFrame(columns=_CELL_COLUMNS)
    if cells.empty:
        return FlowView(filters, [], [], 0, [], cells)
    built = build_sankey(cells)
    return FlowView(
        filters,
        built["nodes"],
        built["links"],
        built["hidden_links"],
        built["nodes_with_hidden_links"],
        cells,
    )


def export_table(view: FlowView) -> pa.Table:
    """The view's cells in the export schema, with the filters written into their columns."""
    cells = view.cells.copy()
    f = view.filters
    if f.material:
        column = "material_category" if f.material in _material_category().values() else "material"
        cells[column] = f.material
    if f.period:
        cells["period"] = f.period
    if f.region:
        cells["prefecture" if len(f.region) == 2 else "region"] = f.region
    return export.aggregate_table(cells, unit=f.unit, snapshot_id=SNAPSHOT_LIVE)


def export_csv(view: FlowView) -> str:
    return export.to_csv(export_table(view).to_pandas())


# --- records held as JSON (statistics, targets, reports) --------------------------------


def public_records(session: Session, record_type: str) -> list[dict]:
    """Current versions of public records of one type, as their JSON-LD bodies."""
    stmt = (
        select(RecordVersion.body)
        .join(
            Record,
            and_(Record.id == RecordVersion.record_id, Record.version == RecordVersion.version),
        )
        .where(Record.record_type == record_type, Record.disclosure == "public")
    )
    return [orjson.loads(body) for body in session.scalars(stmt)]


def region_statistics(session: Session) -> dict[tuple[str, int], dict]:
    out = {}
    for body in public_records(session, "RegionStatistics"):
        out[(body["region"], _year(body["period"]))] = body
    return out


def _year(period: str) -> int:
    return int(period[2:6]) if period.startswith("FY") else int(period[:4])


# --- indicators -------------------------------------------------------------------------


def national_indicators(session: Session) -> list[dict]:
    """Japan's material-cycle indicators per fiscal year, from public national flows."""
    return _cache.get(session, ("national",), lambda: _national_indicators(session))


def _national_indicators(session: Session) -> list[dict]:
    frame = flow_frame(session)
    national = frame[(frame["region"] == NATIONAL) & (frame["disclosure"] == "public")]
    stats = region_statistics(session)
    rows = []
    for year in sorted(set(national["year"])):
        flows = national[national["year"] == year]
        gdp = stats.get((NATIONAL, int(year)), {}).get("gdpMillionYen")
        rows.append({"year": int(year), **indicator_figures.national_results(flows, gdp)})
    return rows


def regions(session: Session) -> list[dict]:
    """Municipal waste indicators per region and fiscal year, from public municipal flows."""
    return _cache.get(session, ("regions",), lambda: _regions(session))


def _regions(session: Session) -> list[dict]:
    frame = flow_frame(session)
    stats = region_statistics(session)
    public = frame[(frame["disclosure"] == "public") & (frame["reporter_kind"] == "municipality")]
    rows = []
    for (region, year), flows in public.groupby(["region", "year"]):
        population = stats.get((region, int(year)), {}).get("population")
        rows.append(
            {
                "region": region,
                "year": int(year),
                **indicator_figures.msw_results(flows, int(year), population),
            }
        )
    return sorted(rows, key=lambda r: (r["region"], r["year"]))


def data_info(session: Session) -> dict:
    """What the numbers come from: until snapshots exist, the live database as of its last write."""
    latest, count = session.execute(select(func.max(Record.updated_at), func.count())).one()
    return {
        "snapshot": SNAPSHOT_LIVE,
        "data_date": latest.date().isoformat() if isinstance(latest, datetime) else None,
        "records": count,
        "rule_version": RULES.version,
    }


# --- members and data quality -------------------------------------------------------------


def members(session: Session) -> list[dict]:
    """The public directory with each member's public targets and latest public follow-up."""
    targets: dict[str, list[dict]] = {}
    for target in public_records(session, "Target"):
        targets.setdefault(target["owner"], []).append(target)
    latest: dict[str, dict] = {}
    for report in public_records(session, "FollowUpReport"):
        seen = latest.get(report["target"])
        if seen is None or report["period"] > seen["period"]:
            latest[report["target"]] = report
    out = []
    for org in session.scalars(
        select(Organization).order_by(Organization.kind, Organization.name_ja)
    ):
        own = sorted(targets.get(org.iri, []), key=lambda t: t["targetYear"])
        out.append(
            {
                "id": org.id,
                "kind": org.kind,
                "name_ja": org.name_ja,
                "name_en": org.name_en,
                "prefecture": org.prefecture_code,
                "member_since": org.member_since.isoformat() if org.member_since else None,
                "targets": [t | {"latest": latest.get(t["@id"])} for t in own],
            }
        )
    return out


def data_quality(session: Session, organization_id: str | None, limit: int = 30) -> list[dict]:
    """Latest submissions with their validation reports: one member's, or all (``None``)."""
    stmt = select(Submission, Organization.name_ja, Organization.name_en).join(
        Organization, Organization.id == Submission.organization_id
    )
    if organization_id is not None:
        stmt = stmt.where(Submission.organization_id == organization_id)
    stmt = stmt.order_by(Submission.received_at.desc()).limit(limit)
    out = []
    for sub, name_ja, name_en in session.execute(stmt).all():
        report = orjson.loads(sub.report) if sub.report else {"items": []}
        out.append(
            {
                "id": sub.id,
                "name_ja": name_ja,
                "name_en": name_en,
                "received_at": sub.received_at.isoformat(timespec="seconds"),
                "status": sub.status,
                "received": sub.received,
                "valid": sub.valid,
                "invalid": sub.invalid,
                "errors": sub.errors,
                "warnings": sub.warnings,
                "items": report.get("items", [])[:20],
            }
        )
    return out
