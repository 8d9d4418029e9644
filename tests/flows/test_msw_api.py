"""Municipal-waste indicators through the API, from flows on the vocabulary's MSW stages."""

from __future__ import annotations

import json

import pytest
from flow_helpers import build, flow, new_member, one_result

from junkan.analytics import stages as st
from junkan_connect.vocab import code_list

# MOE municipal waste FY2014 (万t), DOMAIN.md §3.1: 総処理 4,184 = 直接資源化 208 + 中間処理
# 3,924 + 直接最終処分 52; 処理残渣 833 = 再生利用 455 + 最終処分 378; 集団回収 250. The split
# of the 4,182 collected into planned collection and direct delivery is illustrative.
FY2014 = [
    ("msw_generation", "planned_collection", 3900),
    ("msw_generation", "direct_delivery", 282),
    ("msw_generation", "group_collection", 250),
    ("msw_treatment", "direct_recycling", 208),
    ("msw_treatment", "intermediate_treatment", 3924),
    ("msw_treatment", "landfill", 52),
    ("intermediate_treatment", "recycling", 455),
    ("intermediate_treatment", "landfill", 378),
    ("intermediate_treatment", "reduction", 3091),
]
PARAMS = {"region": "JP", "period": "FY2014"}


def _fy2014(reporter: str) -> list[dict]:
    return [
        flow(
            reporter,
            "mixed_msw",
            0,
            mass={"unit": "KTN", "value": man_t * 10},  # 1 万t = 10 kt
            fromStage=src,
            toStage=dst,
            region="JP",
            period="FY2014",
            disclosure="public",
            recoveryType=None,
        )
        for src, dst, man_t in FY2014
    ]


def _without_nones(record: dict) -> dict:
    return {k: v for k, v in record.items() if v is not None}


@pytest.fixture
def moe(hub):
    survey = new_member(hub, "moe-msw-survey")
    survey.submit([_without_nones(r) for r in _fy2014(survey.iri)])
    build(hub)
    return survey


def test_fy2014_recycling_rate_is_20_6_percent(hub, moe, analyst):
    rate = one_result(analyst.get("/api/v1/indicators/jp.msw.recycling_rate", **PARAMS))
    assert round(rate["value"], 1) == 20.6 and rate["unit"] == "%"
    assert rate["suppressed"] is False
    assert rate["lineage"]["total_recycled"]["t"] == pytest.approx(9.13e6)
    assert rate["lineage"]["total_treated_plus_group_collection"]["t"] == pytest.approx(44.34e6)
    public = one_result(hub.client.get("/api/v1/indicators/jp.msw.recycling_rate", params=PARAMS))
    assert public["value"] == pytest.approx(rate["value"])


def test_fy2014_discharge_and_final_disposal(hub, moe):
    def value(code: str) -> float:
        return one_result(hub.client.get(f"/api/v1/indicators/{code}", params=PARAMS))["value"]

    assert value("jp.msw.total_discharge") == pytest.approx(44.32e6)
    assert value("jp.msw.final_disposal") == pytest.approx(4.30e6)


def test_an_unknown_stage_is_refused_with_a_stable_code(hub):
    member = new_member(hub, "typo-city")
    record = _without_nones(_fy2014(member.iri)[0]) | {"toStage": "planned_colection"}
    r = hub.client.post(
        "/api/v1/submissions",
        content=json.dumps([record]).encode(),
        headers=member.headers | {"Content-Type": "application/ld+json"},
    )
    assert r.status_code == 422, r.text
    assert "unknown-code" in r.text


def test_every_stage_the_analytics_read_is_a_vocabulary_code():
    stages = code_list("stages")
    used = {v for k, v in vars(st).items() if k.isupper() and isinstance(v, str)}
    used |= set(st.MSW_COLLECTED)
    assert sorted(s for s in used if s not in stages) == []
    assert {code_list("stages").get(s).label("ja") for s in st.MSW_COLLECTED} == {
        "計画収集",
        "直接搬入",
        "ごみ処理",
    }
