"""Submissions → snapshot → /flows/aggregate, its formats, paging and bad input."""

from __future__ import annotations

import io

import pyarrow.parquet as pq
import pytest
from flow_helpers import build, new_member


@pytest.fixture
def five_pet(hub, members):
    for i, m in enumerate(members):
        m.flows("pet", 100 + i)  # 510 t from five groups: publishable
    return build(hub)


def test_aggregate_names_its_snapshot_and_sums_in_tonnes(hub, analyst, five_pet):
    r = analyst.get("/api/v1/flows/aggregate", group_by="material", unit="t")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["snapshot_id"] == five_pet
    [cell] = body["cells"]
    assert cell["material"] == "pet" and cell["value"] == pytest.approx(510.0)
    assert cell["suppressed"] is False and cell["contributors_band"] == "5-9"
    assert cell["rule_version"] == body["rule_version"] == "junkan-sdc/n3-p15-s5-d3"


def test_material_category_comes_from_the_vocabulary(hub, analyst, five_pet):
    r = hub.client.get("/api/v1/flows/aggregate", params={"group_by": "material_category"})
    assert r.status_code == 200, r.text
    assert [c["material_category"] for c in r.json()["cells"]] == ["plastics"]


def test_csv_and_parquet_by_format_and_accept(hub, analyst, five_pet):
    csv = analyst.get("/api/v1/flows/aggregate", group_by="material", format="csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.headers["junkan-snapshot-id"] == str(five_pet)
    assert "510000.0" in csv.text
    parquet = hub.client.get(
        "/api/v1/flows/aggregate",
        params={"group_by": "material"},
        headers={"Accept": "application/vnd.apache.parquet"},
    )
    assert parquet.status_code == 200
    table = pq.read_table(io.BytesIO(parquet.content)).to_pylist()
    assert table[0]["value"] == 510000.0 and table[0]["snapshot_id"] == five_pet


def test_a_later_snapshot_sees_new_submissions(hub, members, analyst, five_pet):
    members[0].flows("pet", 50)
    assert analyst.get("/api/v1/flows/aggregate").json()["snapshot_id"] == five_pet
    newer = build(hub)
    body = analyst.get("/api/v1/flows/aggregate", unit="t").json()
    assert body["snapshot_id"] == newer > five_pet
    assert body["cells"][0]["value"] == pytest.approx(560.0)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"group_by": "colour"}, "query-too-complex"),
        ({"group_by": "material,region,period,to_stage"}, "query-too-complex"),
        ({"group_by": ["material", "material"]}, "query-too-complex"),
        ({"period_from": "FY2024", "period_to": "FY2020"}, "invalid-query"),
        ({"period_from": "soon"}, "invalid-query"),
        ({"unit": "lb"}, "invalid-query"),
        ({"format": "xml"}, "unknown-format"),
    ],
)
def test_bad_queries_are_422_with_a_stable_code(hub, analyst, five_pet, params, code):
    r = analyst.get("/api/v1/flows/aggregate", **params)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == code


def test_page_sizes_are_clamped(hub, analyst, five_pet):
    largest = hub.app.state.settings.max_aggregate_cells
    body = analyst.get("/api/v1/flows/aggregate", limit=10**9, offset=-5).json()
    assert body["limit"] == largest and body["offset"] == 0
    assert analyst.get("/api/v1/flows/aggregate", limit=0).json()["limit"] == 1


def test_no_snapshot_yet_is_503(hub, analyst):
    r = analyst.get("/api/v1/flows/aggregate")
    assert r.status_code == 503 and r.json()["code"] == "no-snapshot"


def test_unknown_export_dataset_and_indicator_are_404(hub, analyst, five_pet):
    assert analyst.get("/api/v1/export/secrets").status_code == 404
    r = analyst.get("/api/v1/indicators/jp.nonsense", region="JP", period="FY2006")
    assert r.status_code == 404 and r.json()["code"] == "not-found"


def test_own_raw_flows_and_nobody_elses(hub, members, analyst, five_pet):
    me, other = members[0], members[1]
    mine = me.get("/api/v1/flows", mine="true")
    assert mine.status_code == 200
    assert [f["mass_kg"] for f in mine.json()["items"]] == [100000.0]
    foreign = analyst.get("/api/v1/flows", organization=other.org_id)
    missing = analyst.get("/api/v1/flows", organization="0" * 32)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content  # a foreign member looks like no member
    assert me.get("/api/v1/flows", organization=other.org_id).status_code == 404
    # Without mine=, a member sees public raw flows only (all five are confidential).
    assert me.get("/api/v1/flows").json()["items"] == []
    secretariat = hub.client.get(
        "/api/v1/flows",
        params={"organization": other.org_id},
        headers=hub.auth(hub.secretariat_key),
    )
    assert secretariat.json()["total"] == 1
    assert hub.client.get("/api/v1/flows", params={"mine": "true"}).status_code == 401


def test_page_of_raw_flows(hub, members, five_pet):
    me = members[0]
    for t in (1, 2, 3):
        me.flows("pp", t)
    page = me.get("/api/v1/flows", mine="true", limit=2, offset=1).json()
    assert page["total"] == 4 and len(page["items"]) == 2


def test_group_members_are_one_contributor(hub, analyst):
    parent = new_member(hub, "parent")
    sites = [
        parent,
        new_member(hub, "site1", group_of=parent),
        new_member(hub, "site2", group_of=parent),
    ]
    for i, site in enumerate(sites):
        site.flows("pvc", 100 + i)
    build(hub)
    [cell] = analyst.get("/api/v1/flows/aggregate", group_by="material").json()["cells"]
    assert cell["suppressed"] is True and cell["value"] is None
