"""The indicator catalogue served by ``GET /api/v1/indicators``: code, names, formula, unit,
source and which parameters select the boundary. docs/indicators.md explains each in words."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class IndicatorDefinition:
    code: str
    name_en: str
    name_ja: str
    formula: str
    unit: str
    framework: str
    boundary: str  # which query parameters select what the number is about

    def as_dict(self) -> dict:
        return asdict(self)


_NATIONAL = "Fundamental Plan for a Sound Material-Cycle Society (MOE)"
_MSW = "MOE municipal solid waste survey (一般廃棄物処理実態調査)"
DEFINITIONS = {
    d.code: d
    for d in (
        IndicatorDefinition(
            "jp.cyc_in", "Input-side cyclical use rate", "入口側の循環利用率",
            "cyclical use / (cyclical use + natural resource input)", "%", _NATIONAL,
            "region (JP), period",
        ),
        IndicatorDefinition(
            "jp.cyc_out", "Output-side cyclical use rate", "出口側の循環利用率",
            "cyclical use / waste etc. generated", "%", _NATIONAL, "region (JP), period",
        ),
        IndicatorDefinition(
            "jp.fd", "Final disposal", "最終処分量", "sum of flows into final_disposal", "t",
            _NATIONAL, "region (JP), period",
        ),
        IndicatorDefinition(
            "jp.rp", "Resource productivity", "資源生産性",
            "real GDP / natural resource input (GDP from RegionStatistics)", "万円/t",
            _NATIONAL, "region (JP), period",
        ),
        IndicatorDefinition(
            "jp.nrc_per_capita", "Natural resource consumption per person",
            "一人当たり天然資源消費量",
            "(natural resource input - exports) / population (RegionStatistics)",
            "t/person/yr", _NATIONAL, "region (JP), period",
        ),
        IndicatorDefinition(
            "jp.msw.total_discharge", "Municipal waste total discharge", "ごみ総排出量",
            "planned collection + direct delivery + group collection", "t", _MSW,
            "region (municipality code), period",
        ),
        IndicatorDefinition(
            "jp.msw.per_capita", "Municipal waste per person per day",
            "1人1日当たりごみ排出量",
            "total discharge / population / days in the fiscal year", "g/person/day", _MSW,
            "region (municipality code), period",
        ),
        IndicatorDefinition(
            "jp.msw.recycling_rate", "Municipal waste recycling rate", "リサイクル率",
            "total recycled / (total treated + group collection)", "%", _MSW,
            "region (municipality code), period",
        ),
        IndicatorDefinition(
            "jp.msw.final_disposal", "Municipal waste final disposal", "最終処分量",
            "direct final disposal + final disposal of treatment residues", "t", _MSW,
            "region (municipality code), period",
        ),
        IndicatorDefinition(
            "emf.mci", "Material Circularity Indicator", "マテリアル循環指標",
            "max(0, 1 - LFI * 0.9/X), LFI = (V + W) / (2M + (WF - WC)/2)", "1",
            "Ellen MacArthur Foundation MCI (2019)", "product (record id or IRI)",
        ),
        IndicatorDefinition(
            "emf.mci.company", "Material Circularity Indicator of a company", "企業MCI",
            "unit-mass-weighted mean of the company's product MCIs", "1",
            "Ellen MacArthur Foundation MCI (2019)", "organization",
        ),
        IndicatorDefinition(
            "wbcsd.cti.circ_in", "% circular inflow", "循環インフロー率",
            "recycled + reused + renewable share of product material inflow", "%",
            "WBCSD Circular Transition Indicators v4", "organization",
        ),
        IndicatorDefinition(
            "wbcsd.cti.circ_out", "% circular outflow", "循環アウトフロー率",
            "sum(mass x recovery potential x actual recovery) / outflow mass", "%",
            "WBCSD Circular Transition Indicators v4", "organization",
        ),
        IndicatorDefinition(
            "eu.cmu", "Circular material use rate", "循環資源利用率（EU）",
            "U / (DMC + U), U = RCV_R - IMP_w + EXP_w", "%", "Eurostat cei_srm030",
            "region, period",
        ),
        *[
            IndicatorDefinition(
                f"eu.batt.rc.{metal.lower()}", f"Battery recycled content ({metal})",
                f"電池の再生材含有率（{metal}）",
                "recovered metal / metal in the battery's active materials (Pb: whole battery)",
                "%", "EU Battery Regulation 2023/1542 Art. 8", "product, period (year)",
            )
            for metal in ("Co", "Li", "Ni", "Pb")
        ],
    )
}  # fmt: skip
