"""Japan's material-cycle indicators, computed from flows.

National indicators (Fundamental Plan for a Sound Material-Cycle Society) read the nodes of
MOE's material-flow account; municipal ones follow the MSW survey definitions. Every function
returns an :class:`IndicatorResult` whose lineage lists the figures and records it used, so a
published number can be traced back. International metrics live in ``circularity``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field

import pandas as pd

from junkan.analytics import stages as st

KG_PER_T = 1000.0


@dataclass(frozen=True)
class IndicatorResult:
    code: str
    value: float | None
    unit: str
    lineage: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"code": self.code, "value": self.value, "unit": self.unit, "lineage": self.lineage}


@dataclass(frozen=True)
class Figure:
    """A summed quantity (t) and the records it came from."""

    tonnes: float
    records: tuple[str, ...] = ()

    def cite(self) -> dict:
        return {"t": self.tonnes, "records": list(self.records)}


def sum_flows(flows: pd.DataFrame, *, source=None, target=None, mask=None) -> Figure:
    """Total mass (t) of flows leaving ``source`` and/or entering ``target`` stage(s)."""
    keep = pd.Series(True, index=flows.index)
    if source is not None:
        keep &= flows["from_stage"].isin([source] if isinstance(source, str) else source)
    if target is not None:
        keep &= flows["to_stage"].isin([target] if isinstance(target, str) else target)
    if mask is not None:
        keep &= mask
    picked = flows[keep]
    records = tuple(picked["record_id"].astype(str)) if "record_id" in picked else ()
    return Figure(float(picked["mass_kg"].sum()) / KG_PER_T, records)


def _ratio(
    code: str, num: Figure, den: Figure, unit: str, names: tuple[str, str], scale: float = 100.0
) -> IndicatorResult:
    value = None if den.tonnes == 0 else scale * num.tonnes / den.tonnes
    return IndicatorResult(code, value, unit, {names[0]: num.cite(), names[1]: den.cite()})


# --- national material-flow account ---------------------------------------------------------


@dataclass(frozen=True)
class NationalFigures:
    natural_resource_input: Figure
    domestic_extraction: Figure
    imports: Figure
    cyclical_use: Figure
    waste_generation: Figure
    final_disposal: Figure
    exports: Figure


def national_figures(flows: pd.DataFrame) -> NationalFigures:
    """The account's totals, each the sum of the flows entering (or leaving) its node."""
    domestic = sum_flows(flows, source=st.DOMESTIC_EXTRACTION, target=st.NATURAL_RESOURCE_INPUT)
    imports = sum_flows(flows, source=st.IMPORT, target=st.NATURAL_RESOURCE_INPUT)
    return NationalFigures(
        natural_resource_input=sum_flows(flows, target=st.NATURAL_RESOURCE_INPUT),
        domestic_extraction=domestic,
        imports=imports,
        cyclical_use=sum_flows(flows, target=st.CYCLICAL_USE),
        waste_generation=sum_flows(flows, target=st.WASTE_GENERATION),
        final_disposal=sum_flows(flows, target=st.FINAL_DISPOSAL),
        exports=sum_flows(flows, target=st.EXPORT),
    )


def resource_productivity(
    fig: NationalFigures, gdp_yen: float, gdp_vintage: str | None = None
) -> IndicatorResult:
    """GDP ÷ natural resource input, in 万円/t (10⁴ yen per tonne).

    GDP rebasing changes history, so the GDP vintage goes into the lineage.
    """
    nri = fig.natural_resource_input
    value = None if nri.tonnes == 0 else gdp_yen / 1e4 / nri.tonnes
    lineage = {"gdp_yen": gdp_yen, "gdp_vintage": gdp_vintage, "natural_resource_input": nri.cite()}
    return IndicatorResult("jp.rp", value, "万円/t", lineage)


def input_cyclical_use_rate(fig: NationalFigures) -> IndicatorResult:
    """Cyclical use ÷ (cyclical use + natural resource input), %."""
    den = Figure(
        fig.cyclical_use.tonnes + fig.natural_resource_input.tonnes,
        fig.cyclical_use.records + fig.natural_resource_input.records,
    )
    result = _ratio(
        "jp.cyc_in", fig.cyclical_use, den, "%", ("cyclical_use", "total_material_input")
    )
    result.lineage["natural_resource_input"] = fig.natural_resource_input.cite()
    return result


def output_cyclical_use_rate(fig: NationalFigures) -> IndicatorResult:
    """Cyclical use ÷ waste etc. generated (including water content), %."""
    return _ratio(
        "jp.cyc_out",
        fig.cyclical_use,
        fig.waste_generation,
        "%",
        ("cyclical_use", "waste_generation"),
    )


def final_disposal(fig: NationalFigures) -> IndicatorResult:
    return IndicatorResult(
        "jp.fd", fig.final_disposal.tonnes, "t", {"final_disposal": fig.final_disposal.cite()}
    )


def per_capita_natural_resource_consumption(
    fig: NationalFigures, population: float
) -> IndicatorResult:
    """(Natural resource input − exports) ÷ population, t/person/yr.

    The 5th plan's exact definition still needs checking against its annex (DOMAIN.md [?]);
    this is the DMC-like reading: domestic use excludes what is exported.
    """
    consumed = fig.natural_resource_input.tonnes - fig.exports.tonnes
    value = None if not population else consumed / population
    lineage = {
        "natural_resource_input": fig.natural_resource_input.cite(),
        "exports": fig.exports.cite(),
        "population": population,
    }
    return IndicatorResult("jp.nrc_per_capita", value, "t/person/yr", lineage)


def material_cycle_indicators(
    flows: pd.DataFrame, *, gdp_yen: float | None = None, population: float | None = None
) -> dict[str, IndicatorResult]:
    fig = national_figures(flows)
    out = [input_cyclical_use_rate(fig), output_cyclical_use_rate(fig), final_disposal(fig)]
    if gdp_yen is not None:
        out.append(resource_productivity(fig, gdp_yen))
    if population:
        out.append(per_capita_natural_resource_consumption(fig, population))
    return {r.code: r for r in out}


# --- municipal solid waste ------------------------------------------------------------------


@dataclass(frozen=True)
class MswFigures:
    """One municipality's (or the nation's) survey totals for one fiscal year, in t."""

    fiscal_year: int
    population: float
    planned_collection: Figure
    direct_delivery: Figure
    group_collection: Figure
    direct_recycling: Figure
    intermediate_treatment: Figure
    direct_final_disposal: Figure
    recycled_after_treatment: Figure
    final_disposal_after_treatment: Figure


def msw_figures(flows: pd.DataFrame, fiscal_year: int, population: float) -> MswFigures:
    """Survey totals from MSW flows tagged with the ``stages`` codes."""
    collected = list(st.MSW_COLLECTED)
    return MswFigures(
        fiscal_year=fiscal_year,
        population=population,
        planned_collection=sum_flows(flows, target=st.PLANNED_COLLECTION),
        direct_delivery=sum_flows(flows, target=st.DIRECT_DELIVERY),
        group_collection=sum_flows(flows, target=st.GROUP_COLLECTION),
        direct_recycling=sum_flows(flows, source=collected, target=st.DIRECT_RECYCLING),
        intermediate_treatment=sum_flows(flows, source=collected, target=st.INTERMEDIATE_TREATMENT),
        direct_final_disposal=sum_flows(flows, source=collected, target=st.LANDFILL),
        recycled_after_treatment=sum_flows(
            flows, source=st.INTERMEDIATE_TREATMENT, target=st.RECYCLING
        ),
        final_disposal_after_treatment=sum_flows(
            flows, source=st.INTERMEDIATE_TREATMENT, target=st.LANDFILL
        ),
    )


def days_in_fiscal_year(fiscal_year: int) -> int:
    """Japanese FY N runs 1 April N – 31 March N+1, so it holds 29 February of N+1."""
    return 366 if calendar.isleap(fiscal_year + 1) else 365


def _add(*figs: Figure) -> Figure:
    return Figure(sum(f.tonnes for f in figs), tuple(r for f in figs for r in f.records))


def msw_total_discharge(m: MswFigures) -> IndicatorResult:
    """ごみ総排出量 = planned collection + direct delivery + group collection, t."""
    total = _add(m.planned_collection, m.direct_delivery, m.group_collection)
    return IndicatorResult(
        "jp.msw.total_discharge", total.tonnes, "t", {"total_discharge": total.cite()}
    )


def msw_per_capita_per_day(m: MswFigures) -> IndicatorResult:
    """Total discharge ÷ population ÷ days in the FY, g/person/day."""
    total = msw_total_discharge(m).value
    days = days_in_fiscal_year(m.fiscal_year)
    value = None if not m.population else total * 1e6 / m.population / days
    lineage = {"total_discharge_t": total, "population": m.population, "days": days}
    return IndicatorResult("jp.msw.per_capita", value, "g/person/day", lineage)


def msw_recycling_rate(m: MswFigures) -> IndicatorResult:
    """総資源化量 ÷ (ごみ総処理量 + 集団回収量), %."""
    recycled = _add(m.direct_recycling, m.recycled_after_treatment, m.group_collection)
    treated = _add(m.direct_recycling, m.intermediate_treatment, m.direct_final_disposal)
    return _ratio(
        "jp.msw.recycling_rate",
        recycled,
        _add(treated, m.group_collection),
        "%",
        ("total_recycled", "total_treated_plus_group_collection"),
    )


def msw_final_disposal(m: MswFigures) -> IndicatorResult:
    """Direct final disposal + final disposal of treatment residues, t."""
    total = _add(m.direct_final_disposal, m.final_disposal_after_treatment)
    return IndicatorResult(
        "jp.msw.final_disposal", total.tonnes, "t", {"final_disposal": total.cite()}
    )
