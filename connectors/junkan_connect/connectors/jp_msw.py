"""Japan's municipal solid waste survey tables (一般廃棄物処理実態調査 style) → MaterialFlow.

One row per municipality and fiscal year, quantities in tonnes per year, with the survey's
documented columns (Japanese headers; English aliases accepted):

  地方公共団体コード, 地方公共団体名, 年度,
  計画収集量_<区分> (可燃ごみ, 不燃ごみ, 資源ごみ, 粗大ごみ, 混合ごみ, その他 …), 直接搬入量,
  集団回収量, 直接焼却量, 直接最終処分量, 焼却以外の中間処理量, 直接資源化量,
  中間処理後再生利用量, 焼却残渣の埋立量, 処理残渣の埋立量

Each row becomes flows between the vocabulary's municipal-waste stages (the ``msw`` view of
the stage list, the same codes the hub's indicators read; docs/indicators.md):
  msw_generation → planned_collection   計画収集量 by category
  msw_generation → direct_delivery      直接搬入量
  msw_generation → group_collection     集団回収量 (counted as recycled by the survey)
  msw_treatment → intermediate_treatment   直接焼却量 (recoveryType incineration) and
                                           焼却以外の中間処理量
  msw_treatment → landfill              直接最終処分量
  msw_treatment → direct_recycling      直接資源化量
  intermediate_treatment → recycling    中間処理後再生利用量
  intermediate_treatment → landfill     焼却残渣の埋立量, 処理残渣の埋立量
``msw_treatment`` (ごみ総処理量) is the collected waste entering treatment: the survey does not
split treatment by collection route, so treatment flows leave from it rather than from
planned_collection or direct_delivery. The official recycling rate follows from flows alone:
  (直接資源化量 + 中間処理後再生利用量 + 集団回収量) ÷ (ごみ処理量 + 集団回収量),
  ごみ処理量 = 直接焼却量 + 直接最終処分量 + 焼却以外の中間処理量 + 直接資源化量.
Five-digit municipality codes get their JIS X 0402 check digit; fiscal years may be written
2023, FY2023, 令和5年度 or R5.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import Field

from junkan_connect.connector import Connector, ConnectorConfig, ItemError, Record, Skip
from junkan_connect.identifiers import is_valid_municipality_code, municipality_check_digit
from junkan_connect.records import as_number, mass, mint_iri, new_record
from junkan_connect.sources import Source, read_rows, source_name

# column → (fromStage, toStage, material)
TREATMENT = {
    "集団回収量": ("msw_generation", "group_collection", "mixed_msw"),
    "直接焼却量": ("msw_treatment", "intermediate_treatment", "mixed_msw"),
    "直接最終処分量": ("msw_treatment", "landfill", "mixed_msw"),
    "焼却以外の中間処理量": ("msw_treatment", "intermediate_treatment", "mixed_msw"),
    "直接資源化量": ("msw_treatment", "direct_recycling", "mixed_msw"),
    "中間処理後再生利用量": ("intermediate_treatment", "recycling", "mixed_msw"),
    "焼却残渣の埋立量": ("intermediate_treatment", "landfill", "incineration_ash"),
    "処理残渣の埋立量": ("intermediate_treatment", "landfill", "residues"),
}
COLLECTED = ("planned_collection", "direct_delivery")
COLLECTION_PREFIX = "計画収集量_"
DIRECT_DELIVERY = "直接搬入量"
ALIASES = {
    "municipality_code": "地方公共団体コード",
    "municipality": "地方公共団体名",
    "fiscal_year": "年度",
    "direct_delivery": "直接搬入量",
    "group_collection": "集団回収量",
    "direct_incineration": "直接焼却量",
    "direct_landfill": "直接最終処分量",
    "other_intermediate_treatment": "焼却以外の中間処理量",
    "direct_recycling": "直接資源化量",
    "recycling_after_treatment": "中間処理後再生利用量",
    "incineration_residue_landfilled": "焼却残渣の埋立量",
    "treatment_residue_landfilled": "処理残渣の埋立量",
}
TREATED = ("直接焼却量", "直接最終処分量", "焼却以外の中間処理量", "直接資源化量")
_ERAS = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988}
_ERA_YEAR = re.compile(r"^(令和|平成|R|H)\s*(\d{1,2}|元)\s*年?度?$")


def fiscal_year(text: str) -> str | None:
    """'2023' / 'FY2023' / '2023年度' / '令和5年度' / 'R5' → 'FY2023'."""
    value = text.strip().replace("年度", "").upper() if text else ""
    found = _ERA_YEAR.match(text.strip()) if text else None
    if found:
        year = 1 if found.group(2) == "元" else int(found.group(2))
        return f"FY{_ERAS[found.group(1)] + year}"
    value = value.removeprefix("FY")
    if value.isdigit() and len(value) == 4 and value[:2] in ("19", "20"):
        return f"FY{value}"
    return None


def municipality_code(text: str) -> str | None:
    digits = text.strip()
    if len(digits) == 5 and digits.isdigit():
        digits += str(municipality_check_digit(digits))
    return digits if len(digits) == 6 and is_valid_municipality_code(digits) else None


class JpMswConfig(ConnectorConfig):
    unit: str = Field("TNE", description="unit of the quantities (the survey uses t/year)")
    fiscal_year: str | None = Field(None, description="when the table has no 年度 column")
    balance_tolerance: float = Field(
        0.01, description="relative gap between collected and treated amounts reported as a warning"
    )


class JpMswConnector(Connector):
    name = "jp_msw"
    version = "0.1.0"
    description = "一般廃棄物処理実態調査-style municipal waste tables → MaterialFlow"
    Config = JpMswConfig
    config: JpMswConfig

    def read(self, source: Source) -> Iterator[Record]:
        name = source_name(source)
        header, rows = read_rows(source)
        header = [ALIASES.get(h, h) for h in header]
        if "地方公共団体コード" not in header:
            self.report.error(name, "missing-column", "no 地方公共団体コード column")
            return
        for line, row in rows:
            cells = {h: c.strip() for h, c in zip(header, row, strict=False) if h}
            yield from self.map_item(f"{name}:{line}", self._row, cells, f"{name}:{line}")

    def _row(self, cells: dict[str, str], location: str) -> list[Record]:
        region = municipality_code(cells.get("地方公共団体コード", ""))
        if region is None:
            raise ItemError(
                "invalid-municipality-code",
                f"{cells.get('地方公共団体コード')!r} is not a JIS X 0402 municipality code",
                "地方公共団体コード",
            )
        year = fiscal_year(cells.get("年度", "")) or self.config.fiscal_year
        if year is None:
            raise ItemError(
                "missing-period", "no 年度 value and no `fiscal_year` in config", "年度"
            )
        reporter = self.config.reporter or f"urn:jp-lg:{region}"
        amounts = self._amounts(cells, location)
        if not any(value > 0 for value, _ in amounts.values()):
            raise Skip("no-quantities", "the row has no quantity above zero")
        self._check_balance(amounts, location)
        return [
            self._flow(region, year, reporter, column, value, stages)
            for column, (value, stages) in amounts.items()
            if value > 0
        ]

    def _amounts(
        self, cells: dict[str, str], location: str
    ) -> dict[str, tuple[float, tuple[str, str, str]]]:
        amounts: dict[str, tuple[float, tuple[str, str, str]]] = {}
        for column, text in cells.items():
            if column.startswith(COLLECTION_PREFIX):
                stages = ("msw_generation", "planned_collection", "mixed_msw")
            elif column == DIRECT_DELIVERY:
                stages = ("msw_generation", "direct_delivery", "mixed_msw")
            elif column in TREATMENT:
                stages = TREATMENT[column]
            else:
                continue
            if text in ("", "-", "―", "－"):
                continue
            value = as_number(text)
            if value is None or value < 0:
                raise ItemError("invalid-value", f"{column} {text!r} is not a quantity", column)
            amounts[column] = (value, stages)
        return amounts

    def _check_balance(self, amounts: dict[str, Any], location: str) -> None:
        collected = sum(v for c, (v, s) in amounts.items() if s[1] in COLLECTED)
        treated = sum(amounts[c][0] for c in TREATED if c in amounts)
        if collected and abs(collected - treated) > self.config.balance_tolerance * collected:
            self.report.note(
                location,
                "mass-imbalance",
                f"collected {collected:g} t but treated {treated:g} t",
                collected=collected,
                treated=treated,
            )

    def _flow(
        self,
        region: str,
        year: str,
        reporter: str,
        column: str,
        value: float,
        stages: tuple[str, str, str],
    ) -> Record:
        key = f"{region}|{year}|{column}"
        record = new_record("MaterialFlow", mint_iri(self.id_base, "materialflow", key))
        record.update(
            disclosure=self.config.disclosure,
            fromStage=stages[0],
            toStage=stages[1],
            material=stages[2],
            mass=mass(value, self.config.unit),
            period=year,
            region=region,
            reporter=reporter,
            flowClass="waste",
            dataQuality="measured",
            sourceRecordId=key,
            sourceSystem=self.source_system,
        )
        if stages[0] == "msw_generation":
            record["origin"] = "post_consumer"
        if stages[1] == "landfill":
            record["recoveryType"] = "landfill"
        elif column == "直接焼却量":
            record["recoveryType"] = "incineration"
        return record
