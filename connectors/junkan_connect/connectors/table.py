"""Edge-list material-flow tables (source, target, material/type, [time], value) → MaterialFlow.

The table names its own nodes ("Pig iron", "Scrap steel", "landfill Bristol"); a mapping
config says which life-cycle stage each node is and which material code each type is. Node
and type names stay in `sourceRecordId`, so the original edge can always be traced. Long
tables have one value column; wide tables have one value column per material or per period
(`wide: material` or `wide: time`). Encodings UTF-8 (with or without BOM), UTF-16, CP932 and
Latin-1, delimiters `,` `;` and tab are detected. Zero-valued edges are skipped and reported;
repeated edges are kept apart (#2, #3 …); edges touching a node or type mapped to null are
skipped with the reason given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, field_validator

from junkan_connect.connector import Connector, ConnectorConfig, ItemError, Record, Skip
from junkan_connect.records import as_number, mass, mint_iri, month_of, new_record
from junkan_connect.sources import Source, read_rows, source_name
from junkan_connect.vocab import is_code, is_mass_unit

_YEAR = re.compile(r"^(FY)?((?:19|20)\d{2})$")


class TableConfig(ConnectorConfig):
    columns: dict[str, str] = Field(
        default_factory=lambda: {
            "source": "source",
            "target": "target",
            "material": "material",
            "value": "value",
            "time": "time",
        },
        description="role → column header; roles: source, target, material, value, time",
    )
    wide: Literal["material", "time"] | None = Field(
        None,
        description="every non-role column is a value column named by a material type or a period",
    )
    nodes: dict[str, str | None] = Field(
        default_factory=dict, description="node name → stage code (null: skip its edges)"
    )
    node_patterns: list[tuple[str, str | None]] = Field(
        default_factory=list, description="[regex, stage] tried in order after `nodes`"
    )
    materials: dict[str, str | None] = Field(
        default_factory=dict, description="type name → material code (null: skip)"
    )
    default_material: str | None = None
    flow_classes: dict[str, str] = Field(default_factory=dict, description="type name → flowClass")
    unit: str = Field("TNE", description="UN/ECE Rec 20 mass unit of the values")
    period: str | None = Field(None, description="period when the table has no time column")
    encoding: str | None = None
    delimiter: str | None = None
    decimal_comma: bool = Field(False, description="values are written 1.234,5")

    @field_validator("nodes", "materials", mode="before")
    @classmethod
    def _false_is_none(cls, value: Any) -> Any:
        # TOML has no null: `false` marks a node or type to skip
        if isinstance(value, dict):
            return {k: (None if v is False else v) for k, v in value.items()}
        return value

    @field_validator("node_patterns", mode="before")
    @classmethod
    def _false_in_patterns(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [
                [p[0], None if p[1] is False else p[1]]
                if isinstance(p, list | tuple) and len(p) == 2
                else p
                for p in value
            ]
        return value

    @field_validator("unit")
    @classmethod
    def _mass_unit(cls, unit: str) -> str:
        if not is_mass_unit(unit):
            raise ValueError(f"{unit!r} is not a UN/ECE Rec 20 mass unit")
        return unit


def period_of(value: str) -> str | None:
    """'2019' / 'FY2019' / '2011-08-01' / '2011-08' → a vocabulary period."""
    text = value.strip()
    found = _YEAR.match(text)
    if found:
        return text
    return month_of(text)


class TableConnector(Connector):
    name = "table"
    version = "0.1.0"
    description = "edge-list material-flow tables (long or wide) with a node mapping"
    Config = TableConfig
    config: TableConfig

    def __init__(self, config: Any = None, **overrides: Any) -> None:
        super().__init__(config, **overrides)
        self._patterns = [(re.compile(p), stage) for p, stage in self.config.node_patterns]
        self._seen: dict[str, int] = {}

    def read(self, source: Source) -> Iterator[Record]:
        name = source_name(source)
        header, rows = read_rows(source, self.config.encoding, self.config.delimiter)
        roles = self._roles(header, name)
        if roles is None:
            return
        value_columns = self._value_columns(header, roles)
        for line, row in rows:
            location = f"{name}:{line}"
            yield from self.map_item(location, self._row, row, roles, value_columns)

    def _roles(self, header: list[str], name: str) -> dict[str, int] | None:
        index = {column: i for i, column in enumerate(header)}
        roles = {
            role: index[column] for role, column in self.config.columns.items() if column in index
        }
        needed = {"source", "target"} | ({"value"} if self.config.wide is None else set())
        if self.config.wide != "material" and self.config.default_material is None:
            needed.add("material")
        missing = sorted(needed - roles.keys())
        if missing:
            self.report.error(
                name,
                "missing-column",
                f"columns for {missing} not found in {header} (set `columns`)",
            )
            return None
        return roles

    def _value_columns(self, header: list[str], roles: dict[str, int]) -> list[tuple[int, str]]:
        if self.config.wide is None:
            return [(roles["value"], header[roles["value"]])]
        used = set(roles.values())
        return [(i, column) for i, column in enumerate(header) if i not in used and column]

    def _stage(self, node: str, role: str) -> str | None:
        if node in self.config.nodes:
            stage = self.config.nodes[node]
            if stage is None:
                raise Skip("node-not-mapped", f"edges of {node!r} are excluded by the mapping")
            return stage
        for pattern, stage in self._patterns:
            if pattern.search(node):
                if stage is None:
                    raise Skip("node-not-mapped", f"edges of {node!r} are excluded by the mapping")
                return stage
        raise ItemError(
            "unknown-node",
            f"node {node!r} has no stage (add it to `nodes`)",
            self.config.columns.get(role, ""),
        )

    def _material(self, kind: str) -> str:
        if kind in self.config.materials:
            material = self.config.materials[kind]
            if material is None:
                raise Skip("material-not-mapped", f"type {kind!r} is excluded by the mapping")
            return material
        if is_code("materials", kind):
            return kind
        if self.config.default_material is None:
            raise ItemError("unknown-material", f"type {kind!r} has no material code")
        return self.config.default_material

    def _row(
        self, row: list[str], roles: dict[str, int], value_columns: list[tuple[int, str]]
    ) -> list[Record]:
        def cell(role: str) -> str:
            return row[roles[role]].strip() if role in roles and roles[role] < len(row) else ""

        source, target = cell("source"), cell("target")
        if not source or not target:
            raise ItemError("missing-node", "source and target are required")
        stages = (self._stage(source, "source"), self._stage(target, "target"))
        records = []
        for column, heading in value_columns:
            raw = row[column].strip() if column < len(row) else ""
            kind = heading if self.config.wide == "material" else cell("material")
            time = heading if self.config.wide == "time" else cell("time")
            record = self._edge(source, target, stages, kind, time, raw, heading)
            if record is not None:
                records.append(record)
        if not records:
            raise Skip("zero-value", "every value of the row is 0 or empty")
        return records

    def _edge(
        self,
        source: str,
        target: str,
        stages: tuple[str, str],
        kind: str,
        time: str,
        raw: str,
        column: str,
    ) -> Record | None:
        """`column`: the header of the value's column."""
        if self.config.decimal_comma:
            raw = raw.replace(".", "").replace(",", ".")
        if raw in ("", "-", "0") or as_number(raw) == 0:
            return None
        value = as_number(raw)
        if value is None or value < 0:
            raise ItemError("invalid-value", f"value {raw!r} is not a non-negative number", column)
        period = period_of(time) if time else self.config.period
        if period is None:
            raise ItemError("missing-period", "no time column value and no `period` in config")
        if self.config.region is None or self.config.reporter is None:
            raise ItemError("missing-config", "set `region` and `reporter`")
        # the key keeps the table's own time text: daily rows of one month stay apart
        key = f"{source}|{target}|{kind or self.config.default_material}|{time or period}"
        # a repeated edge is a separate flow split by a dimension the table leaves out (e.g.
        # the farm an eater's fruit came from): keep it, numbered in file order
        count = self._seen.get(key, 0) + 1
        self._seen[key] = count
        if count > 1:
            key = f"{key}#{count}"
        record = new_record("MaterialFlow", mint_iri(self.id_base, "materialflow", key))
        record.update(
            disclosure=self.config.disclosure,
            fromStage=stages[0],
            toStage=stages[1],
            material=self._material(kind),
            mass=mass(value, self.config.unit),
            period=period,
            region=self.config.region,
            reporter=self.config.reporter,
            sourceRecordId=key,
            sourceSystem=self.source_system,
        )
        if kind in self.config.flow_classes:
            record["flowClass"] = self.config.flow_classes[kind]
        return record
