"""Balance and reconciliation through the API, with a worked answer."""

from __future__ import annotations

import copy

import pytest
from flow_helpers import build, example


def _chain(member, disclosure="public"):
    member.flows("pet", 100, fromStage="collection", toStage="sorting", uncertainty=0.1,
                 disclosure=disclosure)  # fmt: skip
    member.flows("pet", 90, fromStage="sorting", toStage="recycling", uncertainty=0.1,
                 disclosure=disclosure)  # fmt: skip


def test_balance_shows_the_imbalance_of_sorting(hub, members, analyst):
    _chain(members[0])
    build(hub)
    body = analyst.get("/api/v1/balance", material="pet").json()
    rows = {r["node"]: r for r in body["rows"]}
    assert rows["sorting"]["imbalance_kg"] == pytest.approx(10_000.0)
    assert rows["sorting"]["relative_imbalance"] == pytest.approx(0.1)
    assert rows["collection"]["is_boundary"] and rows["collection"]["relative_imbalance"] is None
    assert body["snapshot_id"] >= 1


@pytest.mark.parametrize("path", ["/api/v1/balance", "/api/v1/balance/reconcile"])
def test_a_filter_that_matches_no_flow_is_an_empty_answer(hub, members, analyst, path):
    _chain(members[0])
    build(hub)
    response = analyst.get(path, material="glass")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body.get("rows", body.get("links")) == []


def test_reconcile_splits_the_gap_by_uncertainty(hub, members, analyst):
    _chain(members[0])
    build(hub)
    body = analyst.get("/api/v1/balance/reconcile", material="pet").json()
    links = {(x["from_stage"], x["to_stage"]): x for x in body["links"]}
    # Variances 10² and 9² t²: x̂ = 100 − 100/181 · 10 = 94.475 t for both links.
    expected = 100_000 - 10_000 * 100 / 181
    assert links[("collection", "sorting")]["reconciled_kg"] == pytest.approx(expected, rel=1e-6)
    assert links[("sorting", "recycling")]["reconciled_kg"] == pytest.approx(expected, rel=1e-6)
    assert body["balanced_nodes"] == ["sorting"] and body["global_test"]["dof"] == 1


def test_hidden_links_are_not_estimated_from_balances(hub, members, analyst):
    _chain(members[0], disclosure="confidential")
    build(hub)
    body = analyst.get("/api/v1/balance/reconcile", material="pet").json()
    assert body["links"] == [] and body["hidden_links"] == 2
    rows = analyst.get("/api/v1/balance", material="pet").json()["rows"]
    assert all(r["imbalance_kg"] is None for r in rows)


def test_battery_recycled_content_per_metal(hub, analyst):
    from flow_helpers import new_member

    maker = new_member(hub, "battery-maker")
    record = copy.deepcopy(example("product"))
    record.update(
        {
            "@id": "https://example.org/product/ev-pack",
            "producer": maker.iri,
            "gtin": None,
            "modelNumber": "EV-1",
            "unitMass": {"unit": "KGM", "value": 400},
            "materialComposition": [
                {"material": "cobalt", "massFraction": 0.05, "recycledFractionPostConsumer": 0.2},
                {"material": "lithium", "massFraction": 0.02, "recycledFractionPreConsumer": 0.1},
                {"material": "aluminium", "massFraction": 0.93},
            ],
        }
    )
    record = {k: v for k, v in record.items() if v is not None}
    maker.submit([record])
    build(hub)
    iri = "https://example.org/product/ev-pack"
    co = analyst.get("/api/v1/indicators/eu.batt.rc.co", product=iri).json()["results"]
    li = analyst.get("/api/v1/indicators/eu.batt.rc.li", product=iri).json()["results"]
    assert co[0]["value"] == pytest.approx(20.0) and li[0]["value"] == pytest.approx(10.0)
    assert co[0]["lineage"]["minimums_pct"]["2031-08-18"] == 16.0
    jsonld = analyst.get("/api/v1/export/products", format="jsonld").json()
    assert jsonld["@graph"][0]["model_number"] == "EV-1" and jsonld["snapshot_id"] >= 1
