"""Table connector: encodings, delimiters, wide/long layouts, and Japan's 2019 steel flows."""

from __future__ import annotations

import csv
import tomllib
from collections import defaultdict
from typing import ClassVar

import pytest

from conftest import DATA, REPO, external_path
from junkan_connect.connectors.table import period_of
from junkan_connect.testing import ConnectorContract, run_connector
from junkan_connect.vocab import to_kg

BASE = {"reporter": "https://example.org/orgs/city", "region": "131016"}
WIDE = {
    **BASE,
    "wide": "time",
    "default_material": "mixed_msw",
    "decimal_comma": True,
    "columns": {"source": "起点", "target": "終点"},
    "nodes": {
        "家庭": "use",
        "収集": "collection",
        "選別": "sorting",
        "リサイクル": "recycling",
        "埋立": "landfill",
    },
}
LONG = {
    **BASE,
    "period": "FY2024",
    "node_patterns": [
        ["^Sammlung", "collection"],
        ["^Sortierung$", "sorting"],
        ["^Recycling$", "recycling"],
    ],
}
STEEL_CONFIG = REPO / "examples" / "connectors" / "table" / "japan-steel-2019.toml"


def test_period_forms() -> None:
    assert [period_of(t) for t in ("2019", "FY2019", "2011-08-01", "Aug 2011")] == [
        "2019",
        "FY2019",
        "2011-08",
        None,
    ]


def test_wide_cp932_semicolon_table() -> None:
    result = run_connector("table", DATA / "table-wide-cp932.csv", WIDE)
    outcomes = [(i.location.rsplit(":", 1)[1], i.outcome, i.code) for i in result.report.items]
    assert outcomes == [
        ("2", "mapped", ""),
        ("3", "mapped", ""),
        ("4", "mapped", ""),
        ("5", "mapped", ""),
        ("6", "error", "unknown-node"),
    ]
    assert result.report.items[-1].column == "起点"  # the node 不明 is in the source column
    first = result.records[0]
    assert (first["fromStage"], first["toStage"], first["period"]) == ("use", "collection", "2022")
    assert first["mass"] == {"unit": "TNE", "value": 120.5}  # decimal comma
    assert first["sourceRecordId"] == "家庭|収集|mixed_msw|2022"
    assert len(result.records) == 6  # 2+1+2+1: zero and "-" cells are not flows


def test_long_latin1_table_reports_bad_values_and_keeps_repeated_edges() -> None:
    result = run_connector("table", DATA / "table-long-latin1.csv", LONG)
    assert [i.code for i in result.report.items] == ["", "invalid-value", "", ""]
    assert result.report.items[1].column == "value"
    assert [r["sourceRecordId"] for r in result.records[1:]] == [
        "Sortierung|Recycling|pet|FY2024",
        "Sortierung|Recycling|pet|FY2024#2",
    ]
    assert result.records[0]["sourceRecordId"] == "Sammlung Köln|Sortierung|pet|FY2024"


def test_missing_columns_are_one_error(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("from,to,value\na,b,1\n")
    result = run_connector("table", path, LONG)
    assert [i.code for i in result.report.items] == ["missing-column"]


class TestTableContract(ConnectorContract):
    connector = "table"
    config = WIDE
    samples = (DATA / "table-wide-cp932.csv",)
    expected_items: ClassVar = {"table-wide-cp932.csv": 5}


def test_japan_steel_2019_sankey_totals_match_the_file() -> None:
    path = external_path(
        "floweaver-examples", "docs", "cookbook", "watari-transformed-data-Japan-2019.csv"
    )
    config = tomllib.loads(STEEL_CONFIG.read_text())
    result = run_connector("table", path, config)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        edges = [r for r in csv.DictReader(handle) if float(r["value"]) != 0]
    flows = [r for r in edges if r["type"] != "Reference"]
    assert len(result.records) == len(flows) == 35
    assert result.report.summary()["errors"] == 0

    def totals(rows, key) -> dict:
        out: dict = defaultdict(float)
        for row in rows:
            source, target, value = key(row)
            out[("out", source)] += value
            out[("in", target)] += value
        return out

    expected = totals(flows, lambda r: (r["source"], r["target"], float(r["value"]) * 1e6))
    got = totals(
        result.records,
        lambda r: (
            *r["sourceRecordId"].split("|")[:2],
            to_kg(r["mass"]["value"], r["mass"]["unit"]),
        ),
    )
    assert got.keys() == expected.keys()
    for node, value in expected.items():
        assert got[node] == pytest.approx(value), node
    # aggregated to stages the totals are preserved too
    stage_in = defaultdict(float)
    for record in result.records:
        stage_in[record["toStage"]] += to_kg(record["mass"]["value"], record["mass"]["unit"])
    assert sum(stage_in.values()) == pytest.approx(sum(float(r["value"]) for r in flows) * 1e6)
    assert stage_in["stock_in_use"] == pytest.approx(44318.01671e6)
    assert {r["material"] for r in result.records} == {"metal_ores", "iron_steel"}


FRUIT = {
    **BASE,
    "region": "JP",
    "node_patterns": [
        ["^farm", "domestic_extraction"],
        ["^eat", "use"],
        ["^landfill ", "landfill"],
        ["^composting ", "composting_digestion"],
        ["^compost ", "cyclical_use"],
        ["^inputs$", "natural_resource_input"],
    ],
    "materials": {
        "apples": "crops",
        "bananas": "crops",
        "oranges": "crops",
        "compost": "fertiliser",
        "inputs": "fertiliser",
    },
}


def test_fruit_flows_with_a_daily_time_column() -> None:
    path = external_path("floweaver-examples", "docs", "cookbook", "fruit_flows.csv")
    result = run_connector("table", path, FRUIT)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    summary = result.report.summary()
    assert summary["items"] == len(rows) and summary["errors"] == 0
    nonzero = [r for r in rows if float(r["value"]) != 0]
    assert summary["records"] == len(nonzero)
    total = sum(float(r["value"]) for r in nonzero)
    assert sum(r["mass"]["value"] for r in result.records) == pytest.approx(total)
    assert {r["period"] for r in result.records} == {"2011-08"}
    assert result.records[0]["sourceRecordId"] == "farm1|eat1|apples|2011-08-01"


def test_parquet_edge_list(tmp_path) -> None:
    pa = pytest.importorskip("pyarrow", reason="the `parquet` extra is not installed")
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "source": ["Sammlung Köln", "Sortierung"],
            "target": ["Sortierung", "Recycling"],
            "material": ["pet", "pet"],
            "value": [12.5, 11.0],
        }
    )
    path = tmp_path / "flows.parquet"
    pq.write_table(table, path)
    result = run_connector("table", path, LONG)
    assert [r["mass"]["value"] for r in result.records] == [12.5, 11.0]
    assert [i.location.rsplit(":", 1)[1] for i in result.report.items] == ["2", "3"]
