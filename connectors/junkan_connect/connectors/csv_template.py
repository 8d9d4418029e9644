"""The hub's own CSV/Excel templates (examples/templates/) for flows and products.

Headers may be English or Japanese (see TEMPLATE_COLUMNS); the template kind is recognised
from the headers. Coded cells accept the code (`collection`) or its Japanese or English label
(`収集`, `collection`). Product rows sharing a product id are one Product, each row adding one
material component. Errors carry the CSV row and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from junkan_connect.connector import Connector, ConnectorConfig, ItemError, Record
from junkan_connect.records import as_number, drop_none, mass, mint_iri, new_record
from junkan_connect.sources import Source, read_rows, source_name
from junkan_connect.vocab import code_list

# field → (English header, Japanese header)
FLOW_COLUMNS = {
    "sourceRecordId": ("source_record_id", "元レコードID"),
    "fromStage": ("from_stage", "起点段階"),
    "toStage": ("to_stage", "終点段階"),
    "material": ("material", "素材"),
    "mass": ("mass", "質量"),
    "unit": ("unit", "単位"),
    "period": ("period", "期間"),
    "region": ("region", "地域コード"),
    "flowClass": ("flow_class", "フロー区分"),
    "origin": ("origin", "由来"),
    "recoveryType": ("recovery_type", "処理方法"),
    "facility": ("facility", "施設"),
    "dataQuality": ("data_quality", "データ品質"),
    "uncertainty": ("uncertainty", "不確かさ"),
    "disclosure": ("disclosure", "公開区分"),
    "reporter": ("reporter", "報告者"),
}
PRODUCT_COLUMNS = {
    "productId": ("product_id", "製品ID"),
    "name_ja": ("name_ja", "製品名（日本語）"),
    "name_en": ("name_en", "製品名（英語）"),
    "gtin": ("gtin", "GTIN"),
    "modelNumber": ("model_number", "型番"),
    "category": ("category", "カテゴリ"),
    "unitMass": ("unit_mass", "単位質量"),
    "unitMassUnit": ("unit_mass_unit", "単位質量の単位"),
    "recyclableFraction": ("recyclable_fraction", "リサイクル可能率"),
    "carbonFootprint": ("carbon_footprint", "カーボンフットプリント"),
    "material": ("material", "素材"),
    "massFraction": ("mass_fraction", "質量比"),
    "recycledFractionPreConsumer": ("recycled_pre_consumer", "プレコンシューマ再生材比率"),
    "recycledFractionPostConsumer": ("recycled_post_consumer", "ポストコンシューマ再生材比率"),
    "renewableFraction": ("renewable_fraction", "再生可能資源比率"),
    "originCountry": ("origin_country", "原産国"),
    "disclosure": ("disclosure", "公開区分"),
    "producer": ("producer", "生産者"),
}
CODED = {
    "fromStage": "stages",
    "toStage": "stages",
    "material": "materials",
    "flowClass": "flow_class",
    "origin": "origin",
    "recoveryType": "recovery_types",
    "dataQuality": "data_quality_class",
    "disclosure": "disclosure_level",
    "unit": "units",
    "unitMassUnit": "units",
}
FLOW_OPTIONAL = ("flowClass", "origin", "recoveryType", "dataQuality")
# record path (after "$.", a component's index dropped) → template field, where they differ
_PATH_FIELDS = {
    "mass.value": "mass",
    "mass.unit": "unit",
    "unitMass.value": "unitMass",
    "unitMass.unit": "unitMassUnit",
    "name.ja": "name_ja",
    "name.en": "name_en",
}
_COMPONENT_PATH = re.compile(r"^materialComposition\[\d+\]\.")
COMPONENT_FRACTIONS = (
    "massFraction",
    "recycledFractionPreConsumer",
    "recycledFractionPostConsumer",
    "renewableFraction",
)


@cache
def _labels(scheme: str) -> dict[str, str]:
    """code, Japanese label and English label (case-insensitive) → code."""
    found: dict[str, str] = {}
    for code in code_list(scheme):
        for text in (code.code, code.label("ja"), code.label("en")):
            found.setdefault(text.strip().lower(), code.code)
    return found


def _fraction(text: str) -> float | None:
    """'0.35', '35%' → 0.35."""
    percent = text.endswith("%")
    number = as_number(text.rstrip("%"))
    if number is None:
        return None
    number = number / 100 if percent else number
    return round(number, 12) if 0 <= number <= 1 else None


class CsvTemplateConnector(Connector):
    name = "csv"
    version = "0.1.0"
    description = "the hub's CSV/Excel templates for flows and products (ja/en headers)"
    Config = ConnectorConfig

    def __init__(self, config: Any = None, **overrides: Any) -> None:
        super().__init__(config, **overrides)
        self._seen: set[str] = set()
        # the file being read (sources are read one after another): its header as written,
        # and the template field -> column position
        self._header: list[str] = []
        self._columns: dict[str, int] = {}

    def read(self, source: Source) -> Iterator[Record]:
        name = source_name(source)
        header, rows = read_rows(source)
        for columns, handler in ((FLOW_COLUMNS, self._flows), (PRODUCT_COLUMNS, self._products)):
            index = self._index(header, columns)
            if {"fromStage", "toStage"} <= index.keys() or "productId" in index:
                self._header, self._columns = header, index
                yield from handler(name, index, rows)
                return
        self.report.error(
            name,
            "unknown-template",
            "the headers match neither the flow nor the product template (see examples/templates/)",
        )

    def _header_of(self, field: str) -> str:
        """The header of `field`'s column as written in the file being read."""
        position = self._columns.get(field)
        return self._header[position].strip() if position is not None else ""

    def source_column(self, location: str, path: str) -> str | None:
        """The header of the column behind a record's `path` (records are checked while
        their file is being read)."""
        key = _COMPONENT_PATH.sub("", path.removeprefix("$."))
        return self._header_of(_PATH_FIELDS.get(key, key.split(".")[0].split("[")[0])) or None

    @staticmethod
    def _index(header: list[str], columns: dict[str, tuple[str, str]]) -> dict[str, int]:
        lookup = {h.strip().lower(): i for i, h in enumerate(header)}
        return {
            field: lookup[name.lower()]
            for field, names in columns.items()
            for name in names
            if name.lower() in lookup
        }

    def _cells(
        self, row: list[str], index: dict[str, int], line: int, columns: dict[str, tuple[str, str]]
    ) -> dict[str, str]:
        cells = {f: row[i].strip() for f, i in index.items() if i < len(row) and row[i].strip()}
        for field, scheme in CODED.items():
            if field in cells:
                code = _labels(scheme).get(cells[field].lower())
                if code is None:
                    header = self._header_of(field)
                    raise ItemError(
                        "unknown-code",
                        f"row {line}, column {index[field] + 1} "
                        f"({header}): {cells[field]!r} is not in {scheme}",
                        header,
                    )
                cells[field] = code
        return cells

    # -- flows ------------------------------------------------------------------------------

    def _flows(self, name: str, index: dict[str, int], rows: Any) -> Iterator[Record]:
        for line, row in rows:
            yield from self.map_item(f"{name}:{line}", self._flow, row, index, line)

    def _flow(self, row: list[str], index: dict[str, int], line: int) -> list[Record]:
        cells = self._cells(row, index, line, FLOW_COLUMNS)
        value = as_number(cells.get("mass", ""))
        if value is None or value < 0:
            raise ItemError(
                "invalid-mass",
                f"row {line}: mass {cells.get('mass')!r} is not a non-negative number",
                self._header_of("mass"),
            )
        key = cells.get("sourceRecordId") or name_key(cells)
        if key in self._seen:  # two rows alike and unnamed: keep both, apart
            key = f"{key}#row{line}"
        self._seen.add(key)
        record = new_record("MaterialFlow", mint_iri(self.id_base, "materialflow", key))
        record.update(
            drop_none(
                {
                    "disclosure": cells.get("disclosure", self.config.disclosure),
                    "fromStage": cells.get("fromStage"),
                    "toStage": cells.get("toStage"),
                    "material": cells.get("material"),
                    "mass": mass(value, cells.get("unit", "TNE")),
                    "period": cells.get("period"),
                    "region": cells.get("region", self.config.region),
                    "reporter": cells.get("reporter", self.config.reporter),
                    "facility": cells.get("facility"),
                    "sourceRecordId": key,
                    "sourceSystem": self.source_system,
                }
            )
        )
        record.update({f: cells[f] for f in FLOW_OPTIONAL if f in cells})
        if "uncertainty" in cells:
            record["uncertainty"] = as_number(cells["uncertainty"])
        return [record]

    # -- products ---------------------------------------------------------------------------

    def _products(self, name: str, index: dict[str, int], rows: Any) -> Iterator[Record]:
        groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
        for line, row in rows:
            location = f"{name}:{line}"
            try:
                cells = self._cells(row, index, line, PRODUCT_COLUMNS)
                if not cells.get("productId"):
                    raise ItemError(
                        "missing-field",
                        f"row {line}: product_id is empty",
                        self._header_of("productId"),
                    )
            except ItemError as exc:
                self.report.error(location, exc.code, str(exc), exc.column)
                continue
            groups.setdefault(cells["productId"], []).append((line, cells))
        for product_id, group in groups.items():
            yield from self._product(name, product_id, group)

    def _product(
        self, name: str, product_id: str, group: list[tuple[int, dict[str, str]]]
    ) -> Iterator[Record]:
        first = group[0][1]
        names = drop_none({"ja": first.get("name_ja"), "en": first.get("name_en")})
        producer = first.get("producer", self.config.reporter)
        if not names or producer is None:
            for line, _ in group:
                self.report.error(
                    f"{name}:{line}",
                    "missing-field",
                    "a product needs a name and a producer (column or `reporter`)",
                )
            return
        record = new_record("Product", mint_iri(self.id_base, "product", product_id))
        record.update(
            disclosure=first.get("disclosure", self.config.disclosure),
            name=names,
            producer=producer,
            sourceRecordId=product_id,
            sourceSystem=self.source_system,
        )
        self._product_fields(record, first)
        components = []
        for n, (line, cells) in enumerate(group):
            component = self._component(cells, line, f"{name}:{line}")
            if component:
                components.append(component)
            if not self.report.has_outcome(f"{name}:{line}"):
                self.report.mapped(
                    f"{name}:{line}",
                    1 if n == 0 else 0,
                    "" if n == 0 else f"component of {product_id}",
                )
        if components:
            record["materialComposition"] = components
        self.remember_origin(record, f"{name}:{group[0][0]}")
        yield record

    @staticmethod
    def _product_fields(record: Record, cells: dict[str, str]) -> None:
        for field in ("gtin", "modelNumber", "category"):
            if field in cells:
                record[field] = cells[field]
        unit_mass = as_number(cells.get("unitMass", ""))
        if unit_mass is not None:
            record["unitMass"] = mass(unit_mass, cells.get("unitMassUnit", "KGM"))
        if "recyclableFraction" in cells:
            record["recyclableFraction"] = _fraction(cells["recyclableFraction"])
        if "carbonFootprint" in cells:
            record["carbonFootprint"] = as_number(cells["carbonFootprint"])

    def _component(self, cells: dict[str, str], line: int, location: str) -> dict[str, Any] | None:
        if "material" not in cells:
            return None
        component: dict[str, Any] = {"material": cells["material"]}
        for field in COMPONENT_FRACTIONS:
            if field in cells:
                value = _fraction(cells[field])
                if value is None:
                    self.report.error(
                        location,
                        "invalid-fraction",
                        f"row {line}: {field} {cells[field]!r} is not a fraction (0–1 or 0–100%)",
                        self._header_of(field),
                    )
                    return None
                component[field] = value
        if "originCountry" in cells:
            component["originCountry"] = cells["originCountry"]
        return component


def name_key(cells: dict[str, str]) -> str:
    """A stable key for a flow row without source_record_id."""
    return "|".join(
        cells.get(f, "")
        for f in ("fromStage", "toStage", "material", "period", "region", "facility", "origin")
    )
