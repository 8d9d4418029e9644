"""Indicators computed from the current snapshot, with lineage and disclosure control.

Flow-based indicators (national, municipal, CMU) are ratios of sums. Each sum ("figure") is
checked like an aggregate cell: for anyone but the secretariat, a figure holding non-public
contributions must pass the minimum-groups and p%-rules (cells entirely the viewer's own
excepted), or the indicator's value is withheld. Lineage lists public record ids; non-public
ones are only counted, since their ids say who reported what.

Product indicators (MCI, battery recycled content, CTI) read product passports: a non-public
passport is visible to its owner and the secretariat only, and answers 404 to anyone else,
like any foreign record.
"""

from __future__ import annotations

import pandas as pd

from junkan.analytics import circularity as circ
from junkan.analytics import indicators as ind
from junkan.analytics import stages as st
from junkan.analytics.aggregate import FlowQuery, period_year
from junkan.analytics.disclosure import DisclosureRules, Viewer, primary_mask
from junkan.errors import InvalidRequest, NotFound
from junkan.flows import products as prod
from junkan.flows.indicator_defs import DEFINITIONS
from junkan.flows.reader import Snapshot
from junkan.flows.service import checked

NATIONAL = {"jp.cyc_in", "jp.cyc_out", "jp.fd", "jp.rp", "jp.nrc_per_capita"}
MSW = {"jp.msw.total_discharge", "jp.msw.per_capita", "jp.msw.recycling_rate"}
MSW |= {"jp.msw.final_disposal"}


def compute(
    snap: Snapshot, viewer: Viewer, rules: DisclosureRules, code: str, params: dict
) -> list[dict]:
    if code not in DEFINITIONS:
        raise NotFound()
    if code in NATIONAL or code in MSW or code == "eu.cmu":
        results = [_flow_indicator(snap, code, params)]
        return [_protect_flow_result(snap, viewer, rules, r, params) for r in results]
    return prod.product_indicator(snap, viewer, code, params)


def _boundary(snap: Snapshot, params: dict) -> pd.DataFrame:
    region, period = params.get("region"), params.get("period")
    if not region or not period:
        raise InvalidRequest("This indicator needs region= and period=.", code="missing-boundary")
    checked(FlowQuery(group_by=(), period_from=period, period_to=period))
    frame = snap.flows_frame("year = $year", {"year": period_year(period)})
    if region == "JP":
        return frame[frame["region"] == "JP"]
    return circ._in_region(frame, region)


def _statistics(snap: Snapshot, region: str, period: str) -> dict | None:
    stats = snap.side("regions")
    year = period_year(period)
    hits = stats[(stats["region"] == region) & (stats["period"].map(_year_or_none) == year)]
    return None if hits.empty else hits.iloc[-1].to_dict()


def _year_or_none(period) -> int | None:
    try:
        return period_year(period)
    except ValueError:
        return None


def _flow_indicator(snap: Snapshot, code: str, params: dict) -> ind.IndicatorResult:
    flows = _boundary(snap, params)
    stats = _statistics(snap, params["region"], params["period"])
    if code == "eu.cmu":
        return circ.cmu_from_flows(flows, params["region"])
    if code in NATIONAL:
        return _national(flows, code, stats)
    population = stats["population"] if stats else None
    figures = ind.msw_figures(flows, period_year(params["period"]), population or 0.0)
    fn = {
        "jp.msw.total_discharge": ind.msw_total_discharge,
        "jp.msw.per_capita": ind.msw_per_capita_per_day,
        "jp.msw.recycling_rate": ind.msw_recycling_rate,
        "jp.msw.final_disposal": ind.msw_final_disposal,
    }[code]
    return _with_stats(fn(figures), stats)


def _national(flows: pd.DataFrame, code: str, stats: dict | None) -> ind.IndicatorResult:
    fig = ind.national_figures(flows)
    if code == "jp.rp":
        gdp = stats.get("gdp_million_yen") if stats else None
        if gdp is None:
            return _with_stats(ind.IndicatorResult(code, None, "万円/t", {"gdp": None}), stats)
        vintage = f"{stats.get('gdp_kind') or ''} base {stats.get('gdp_base_year')}".strip()
        return _with_stats(ind.resource_productivity(fig, gdp * 1e6, vintage), stats)
    if code == "jp.nrc_per_capita":
        population = stats.get("population") if stats else None
        return _with_stats(ind.per_capita_natural_resource_consumption(fig, population), stats)
    return {
        "jp.cyc_in": ind.input_cyclical_use_rate,
        "jp.cyc_out": ind.output_cyclical_use_rate,
        "jp.fd": ind.final_disposal,
    }[code](fig)


def _with_stats(result: ind.IndicatorResult, stats: dict | None) -> ind.IndicatorResult:
    if stats:
        result.lineage["region_statistics_record"] = stats["record_id"]
    return result


# --- disclosure of flow-based results ---------------------------------------------------


def _figures(lineage) -> list[list[str]]:
    """Every record list in a lineage (a figure is a sum over those records)."""
    found = []
    if isinstance(lineage, dict):
        for key, value in lineage.items():
            if key == "records" and isinstance(value, list):
                found.append(value)
            else:
                found.extend(_figures(value))
    return found


def _figure_cell(flows: pd.DataFrame, records: list[str], viewer: Viewer) -> pd.DataFrame:
    rows = flows[flows["record_id"].isin(records)]
    groups = rows.groupby("group_id")["mass_kg"].sum().abs().sort_values(ascending=False)
    return pd.DataFrame(
        {
            "contributors": [len(groups)],
            "x1": [groups.iloc[0] if len(groups) else 0.0],
            "x2": [groups.iloc[1] if len(groups) > 1 else 0.0],
            "abs_total": [groups.sum()],
            "has_negative": [False],
            "has_nonpublic": [bool((rows["disclosure"] != "public").any())],
            "own": [bool(len(rows)) and bool((rows["owner_org"] == viewer.org).all())],
        }
    )


def _protect_flow_result(snap, viewer, rules, result: ind.IndicatorResult, params) -> dict:
    flows = _boundary(snap, params)
    out = result.as_dict() | {"definition": DEFINITIONS[result.code].as_dict()}
    out["lineage"] = _redact(result.lineage, flows, viewer)
    out["lineage"]["snapshot_id"] = snap.id
    out["lineage"]["unit_conversions"] = (
        "masses stored in kg at ingest (UN/ECE Rec 20); 1 t = 1000 kg"
    )
    out["suppressed"] = False
    if viewer.secretariat:
        return out
    for records in [*_figures(result.lineage), *_extra_figures(result.code, flows)]:
        cell = _figure_cell(flows, records, viewer)
        if cell["own"].iloc[0]:
            continue
        if primary_mask(cell, rules)[0]:
            out.update(value=None, suppressed=True)
            out["lineage"] = {"snapshot_id": snap.id, "withheld": "disclosure control"}
            break
    return out


def _extra_figures(code: str, flows: pd.DataFrame) -> list[list[str]]:
    """CMU's DMC is a plain number in the core's lineage; check the flows behind it too."""
    if code != "eu.cmu":
        return []
    dmc = flows["from_stage"].isin([st.DOMESTIC_EXTRACTION, st.IMPORT])
    dmc |= flows["to_stage"] == st.EXPORT
    return [list(flows.loc[dmc, "record_id"])]


def _redact(lineage, flows: pd.DataFrame, viewer: Viewer):
    if viewer.secretariat:
        return dict(lineage)
    public = set(flows.loc[flows["disclosure"] == "public", "record_id"])
    own = set(flows.loc[flows["owner_org"] == viewer.org, "record_id"]) if viewer.org else set()
    return _walk(lineage, public | own)


def _walk(node, shown: set[str], in_records: bool = False):
    if isinstance(node, list) and in_records:
        return {
            "shown": [r for r in node if r in shown],
            "other": sum(r not in shown for r in node),
        }
    if isinstance(node, dict):
        return {k: _walk(v, shown, in_records or k == "records") for k, v in node.items()}
    return node
