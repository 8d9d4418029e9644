"""jp_msw connector: survey columns → flows from which the official recycling rate follows."""

from __future__ import annotations

from collections import defaultdict
from typing import ClassVar

import pytest

from conftest import REPO
from junkan_connect.connectors.jp_msw import fiscal_year, municipality_code
from junkan_connect.sources import Blob
from junkan_connect.testing import ConnectorContract, run_connector
from junkan_connect.vocab import code_list

SAMPLE = REPO / "examples" / "connectors" / "jp_msw" / "msw-survey-sample.csv"


def recycling_rate(flows: list[dict]) -> float:
    """(direct + post-treatment recycling + group collection) ÷ (treated + group collection),
    computed from flows only, as the hub does."""

    def tonnes(keep) -> float:
        return sum(f["mass"]["value"] for f in flows if keep(f["fromStage"], f["toStage"]))

    group = tonnes(lambda src, dst: dst == "group_collection")
    recycled = tonnes(lambda src, dst: dst in ("direct_recycling", "recycling")) + group
    treated = tonnes(lambda src, dst: src == "msw_treatment")
    return recycled / (treated + group)


def test_fiscal_years_and_codes() -> None:
    assert [
        fiscal_year(t) for t in ("2023", "FY2023", "2023年度", "令和5年度", "R5", "平成元年度", "5")
    ] == ["FY2023", "FY2023", "FY2023", "FY2023", "FY2023", "FY1989", None]
    assert municipality_code("13101") == "131016"
    assert municipality_code("131017") is None


def test_sample_gives_the_official_recycling_rate() -> None:
    result = run_connector("jp_msw", SAMPLE, {})
    by_region = defaultdict(list)
    for flow in result.records:
        by_region[flow["region"]].append(flow)
    assert sorted(by_region) == ["012025", "131016", "231002"]
    assert recycling_rate(by_region["131016"]) == pytest.approx(7800 / 31200)
    assert recycling_rate(by_region["231002"]) == pytest.approx(192000 / 720000)
    assert {f["period"] for f in result.records} == {"FY2022"}
    chiyoda = {f["sourceRecordId"].split("|")[2]: f for f in by_region["131016"]}
    assert chiyoda["計画収集量_可燃ごみ"]["toStage"] == "planned_collection"
    assert chiyoda["直接搬入量"]["toStage"] == "direct_delivery"
    assert chiyoda["直接焼却量"]["recoveryType"] == "incineration"
    assert chiyoda["焼却残渣の埋立量"]["material"] == "incineration_ash"
    assert "直接最終処分量" not in chiyoda  # 0 t is not a flow
    assert result.report.codes()["mass-imbalance"] == 1


def test_every_stage_it_emits_is_in_the_vocabulary() -> None:
    stages = code_list("stages")
    result = run_connector("jp_msw", SAMPLE, {})
    emitted = {f[k] for f in result.records for k in ("fromStage", "toStage")}
    assert [s for s in emitted if s not in stages] == []


def test_bad_rows_are_reported_with_cp932_input() -> None:
    text = (
        "団体コード,地方公共団体コード,年度,直接焼却量,直接資源化量\n"
        "x,99999,2023,10,1\nx,13101,,10,1\nx,13101,2023,abc,1\nx,13101,2023,0,-\n"
    )
    result = run_connector("jp_msw", Blob("t.csv", text.encode("cp932")), {})
    assert [(i.code, i.column) for i in result.report.items] == [
        ("invalid-municipality-code", "地方公共団体コード"),
        ("missing-period", "年度"),
        ("invalid-value", "直接焼却量"),
        ("no-quantities", ""),
    ]


class TestJpMswContract(ConnectorContract):
    connector = "jp_msw"
    samples = (SAMPLE,)
    expected_items: ClassVar = {"msw-survey-sample.csv": 3}
