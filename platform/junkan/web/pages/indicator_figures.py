"""Indicator results from a frame of flows: the national account and the MOE survey mapping.

Pure functions over pandas (no I/O), called by ``junkan.web.data`` with public flows only.
"""

from __future__ import annotations

import pandas as pd

from junkan.analytics import indicators as ind


def _both(result: ind.IndicatorResult, *figures: ind.Figure) -> ind.IndicatorResult:
    """A rate needs every figure it divides: a year that reports only one side gets no value."""
    if all(f.tonnes > 0 for f in figures):
        return result
    return ind.IndicatorResult(result.code, None, result.unit, result.lineage)


def national_results(flows: pd.DataFrame, gdp_million_yen: float | None) -> dict:
    """The core's national indicators, with one adaptation for partial historical years.

    Some published years give natural resource input only as the flow on to total material
    input; in MOE's figure everything entering that node leaves towards total material input,
    so that flow stands in for the node's inflow when the inflow is not reported.
    """
    fig = ind.national_figures(flows)
    if fig.natural_resource_input.tonnes == 0:
        nri = ind.sum_flows(flows, source="natural_resource_input", target="total_material_input")
        fig = ind.NationalFigures(**{**fig.__dict__, "natural_resource_input": nri})
    nri, cu, wg = fig.natural_resource_input, fig.cyclical_use, fig.waste_generation
    out = {
        "jp.cyc_in": _both(ind.input_cyclical_use_rate(fig), cu, nri),
        "jp.cyc_out": _both(ind.output_cyclical_use_rate(fig), cu, wg),
        "jp.fd": _both(ind.final_disposal(fig), fig.final_disposal),
    }
    rp = ind.IndicatorResult("jp.rp", None, "万円/t", {"gdp_yen": None})
    if gdp_million_yen:
        rp = _both(ind.resource_productivity(fig, gdp_million_yen * 1e6), nri)
    out["jp.rp"] = rp
    return out


def msw_results(flows: pd.DataFrame, year: int, population: float | None) -> dict:
    """MOE survey figures from the flows municipalities report, read as the API reads them
    (the vocabulary's municipal-waste stages; docs/indicators.md)."""
    m = ind.msw_figures(flows, year, population or 0)
    return {
        "population": population,
        "jp.msw.total_discharge": ind.msw_total_discharge(m),
        "jp.msw.per_capita": ind.msw_per_capita_per_day(m),
        "jp.msw.recycling_rate": ind.msw_recycling_rate(m),
        "jp.msw.final_disposal": ind.msw_final_disposal(m),
    }
