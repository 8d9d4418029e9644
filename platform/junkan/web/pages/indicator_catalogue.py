"""Definitions of the indicators the dashboard shows (see docs/indicators.md), ja/en."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    name: tuple[str, str]  # (en, ja)
    formula: tuple[str, str]
    unit: str
    source: str
    scope: str  # "national" or "municipal"
    target_2030: float | None = None  # the 5th Fundamental Plan's FY2030 target (DOMAIN.md §2.2)
    display_scale: float = 1.0  # value × scale in the display unit
    display_unit: str | None = None

    def text(self, attr: str, lang: str) -> str:
        en, ja = getattr(self, attr)
        return ja if lang == "ja" else en

    @property
    def shown_unit(self) -> str:
        return self.display_unit or self.unit


_PLAN = "循環型社会形成推進基本計画 (5th Fundamental Plan, 2024)"
_MSW = "一般廃棄物処理実態調査 (MOE municipal solid waste survey) definitions"

INDICATORS: dict[str, IndicatorDef] = {
    d.code: d
    for d in (
        IndicatorDef(
            "jp.rp",
            ("Resource productivity", "資源生産性"),
            ("GDP ÷ natural resource input", "GDP ÷ 天然資源等投入量"),
            "万円/t",
            _PLAN,
            "national",
            target_2030=60.0,
        ),
        IndicatorDef(
            "jp.cyc_in",
            ("Input-side cyclical use rate", "入口側の循環利用率"),
            (
                "cyclical use ÷ (cyclical use + natural resource input) × 100",
                "循環利用量 ÷ (循環利用量 + 天然資源等投入量) × 100",
            ),
            "%",
            _PLAN,
            "national",
            target_2030=19.0,
        ),
        IndicatorDef(
            "jp.cyc_out",
            ("Output-side cyclical use rate", "出口側の循環利用率"),
            ("cyclical use ÷ waste etc. generated × 100", "循環利用量 ÷ 廃棄物等発生量 × 100"),
            "%",
            _PLAN,
            "national",
            target_2030=44.0,
        ),
        IndicatorDef(
            "jp.fd",
            ("Final disposal", "最終処分量"),
            (
                "landfilled municipal + industrial waste (flows into final disposal)",
                "一般廃棄物と産業廃棄物の埋立量（最終処分への流入）",
            ),
            "t",
            _PLAN,
            "national",
            target_2030=11.0,
            display_scale=1e-6,
            display_unit="Mt",
        ),
        IndicatorDef(
            "jp.msw.per_capita",
            ("Municipal waste per person per day", "1人1日当たりごみ排出量"),
            ("total discharge ÷ population ÷ days in the FY", "ごみ総排出量 ÷ 総人口 ÷ 年度の日数"),
            "g/person/day",
            _MSW,
            "municipal",
        ),
        IndicatorDef(
            "jp.msw.recycling_rate",
            ("Municipal waste recycling rate", "リサイクル率"),
            (
                "total recycled ÷ (total treated + group collection) × 100",
                "総資源化量 ÷ (ごみ総処理量 + 集団回収量) × 100",
            ),
            "%",
            _MSW,
            "municipal",
        ),
        IndicatorDef(
            "jp.msw.final_disposal",
            ("Municipal waste final disposal", "一般廃棄物の最終処分量"),
            (
                "direct final disposal + final disposal of treatment residue",
                "直接最終処分量 + 処理後最終処分量",
            ),
            "t",
            _MSW,
            "municipal",
        ),
    )
}
NATIONAL_CODES = tuple(c for c, d in INDICATORS.items() if d.scope == "national")
MUNICIPAL_CODES = tuple(c for c, d in INDICATORS.items() if d.scope == "municipal")
