"""Indicators through the API: published figures reproduced, lineage, disclosure."""

from __future__ import annotations

import copy

import pytest
from flow_helpers import build, example, flow, new_member, one_result

# MOE, 日本の物質フロー FY2006 (Mt): DOMAIN.md §2.3
FY2006 = [
    ("domestic_extraction", "natural_resource_input", 778),
    ("import", "natural_resource_input", 813),
    ("waste_generation", "cyclical_use", 228),
    ("total_material_input", "waste_generation", 583),
    ("waste_generation", "final_disposal", 29),
]
GDP_MILLION_YEN = 540_000_000  # 540 trillion yen, only to exercise the RP formula


def _national(reporter: str, disclosure: str = "public") -> list[dict]:
    return [
        flow(
            reporter,
            "mixed_msw",
            0,
            mass={"unit": "KTN", "value": mt * 1000},
            fromStage=src,
            toStage=dst,
            region="JP",
            period="FY2006",
            disclosure=disclosure,
            recoveryType="recycling_mechanical",
        )
        for src, dst, mt in FY2006
    ]


def _statistics(reporter_iri: str) -> dict:
    record = copy.deepcopy(example("region-statistics"))
    record.update(
        {
            "@id": "https://example.org/regionstatistics/jp-fy2006",
            "region": "JP",
            "period": "FY2006",
            "population": 127_770_000,
            "gdpMillionYen": GDP_MILLION_YEN,
        }
    )
    return record


@pytest.fixture
def national(hub):
    stats = new_member(hub, "moe-stats")
    stats.submit([*_national(stats.iri), _statistics(stats.iri)])
    build(hub)
    return stats


def test_fy2006_cyclical_use_rates_are_reproduced(hub, national, analyst):
    cyc_in = one_result(analyst.get("/api/v1/indicators/jp.cyc_in", region="JP", period="FY2006"))
    cyc_out = one_result(analyst.get("/api/v1/indicators/jp.cyc_out", region="JP", period="FY2006"))
    assert round(cyc_in["value"], 1) == 12.5
    assert round(cyc_out["value"], 1) == 39.1
    fd = one_result(
        hub.client.get("/api/v1/indicators/jp.fd", params={"region": "JP", "period": "FY2006"})
    )
    assert fd["value"] == pytest.approx(29e6) and fd["unit"] == "t"


def test_lineage_names_snapshot_records_and_conversions(hub, national, analyst):
    r = analyst.get("/api/v1/indicators/jp.cyc_in", region="JP", period="FY2006")
    body = r.json()
    result = body["results"][0]
    assert result["lineage"]["snapshot_id"] == body["snapshot_id"]
    assert len(result["lineage"]["cyclical_use"]["records"]["shown"]) == 1
    assert "kg" in result["lineage"]["unit_conversions"]
    assert result["definition"]["formula"].startswith("cyclical use")


def test_resource_productivity_uses_region_statistics(hub, national, analyst):
    result = one_result(analyst.get("/api/v1/indicators/jp.rp", region="JP", period="FY2006"))
    assert result["value"] == pytest.approx(GDP_MILLION_YEN * 1e6 / 1e4 / 1591e6)
    assert result["lineage"]["region_statistics_record"]


def test_indicator_list_and_missing_boundary(hub, national):
    listed = hub.client.get("/api/v1/indicators").json()
    codes = {d["code"] for d in listed}
    assert {"jp.cyc_in", "jp.msw.recycling_rate", "emf.mci", "eu.cmu", "eu.batt.rc.co"} <= codes
    r = hub.client.get("/api/v1/indicators/jp.cyc_in")
    assert r.status_code == 422 and r.json()["code"] == "missing-boundary"
    r = hub.client.get("/api/v1/indicators/jp.cyc_in", params={"region": "JP", "period": "later"})
    assert r.status_code == 422 and r.json()["code"] == "invalid-query"


def test_an_indicator_over_one_companys_confidential_flows_is_withheld(hub, analyst):
    company = new_member(hub, "lone-reporter")
    company.submit(_national(company.iri, disclosure="confidential"))
    build(hub)
    params = {"region": "JP", "period": "FY2006"}
    hidden = one_result(analyst.get("/api/v1/indicators/jp.cyc_in", **params))
    assert hidden["value"] is None and hidden["suppressed"] is True
    assert "records" not in str(hidden["lineage"])
    own = one_result(company.get("/api/v1/indicators/jp.cyc_in", **params))
    assert round(own["value"], 1) == 12.5
    secretariat = hub.client.get(
        "/api/v1/indicators/jp.cyc_in", params=params, headers=hub.auth(hub.secretariat_key)
    )
    assert round(one_result(secretariat)["value"], 1) == 12.5
    export = analyst.get("/api/v1/export/indicators", format="csv", **params)
    assert export.status_code == 200 and "12.5" not in export.text


def _product(producer: str, disclosure: str = "public") -> dict:
    record = copy.deepcopy(example("product"))
    record["producer"] = producer
    record["disclosure"] = disclosure
    return record


def test_mci_of_the_example_bottle_matches_the_hand_computation(hub, analyst):
    acme = new_member(hub, "acme-plastics")
    acme.submit([_product(acme.iri)])
    build(hub)
    iri = "https://example.org/product/bottle-500"
    result = one_result(analyst.get("/api/v1/indicators/emf.mci", product=iri))
    # F_R = 0.9 x 0.55, F_S = 0.02; C_R 0.85, E_C 0.8, E_F 0.9, X = 1 (see docs/indicators.md)
    assert result["value"] == pytest.approx(1 - 0.9 * 0.7475 / 1.9425)
    company = one_result(
        analyst.get("/api/v1/indicators/emf.mci.company", organization=acme.org_id)
    )
    assert company["value"] == pytest.approx(result["value"])
    cti = one_result(analyst.get("/api/v1/indicators/wbcsd.cti.circ_in", organization=acme.org_id))
    assert cti["value"] == pytest.approx(100 * (0.495 + 0.02))


def test_a_confidential_passport_is_404_to_others(hub, analyst):
    acme = new_member(hub, "acme-plastics")
    acme.submit([_product(acme.iri, disclosure="confidential")])
    build(hub)
    iri = "https://example.org/product/bottle-500"
    assert analyst.get("/api/v1/indicators/emf.mci", product=iri).status_code == 404
    assert acme.get("/api/v1/indicators/emf.mci", product=iri).status_code == 200
    assert analyst.get("/api/v1/export/products", format="csv").text.count("\n") == 1
