"""A planted corpus submitted through the API: no suppressed value ever comes back out.

Planted: one contributor (ldpe), two contributors (hdpe), 95 % dominance (pp), three sites
of one enterprise group (pvc), next to a cell that is safe to publish (pet). Every endpoint
and format is scanned, as an analyst, the public and an unrelated member, for any secret:
a suppressed cell's total or any single confidential flow of those cells.
"""

from __future__ import annotations

import pytest
from flow_helpers import (
    build,
    csv_numbers,
    leaks,
    new_member,
    numbers,
    parquet_numbers,
    turtle_numbers,
)

PET = (101.1, 102.2, 103.3, 104.4, 105.5)
HDPE = (211.3, 187.7)
LDPE = 333.3
PP = (950.7, 30.1, 20.3)
PVC = (71.1, 72.2, 73.3)
SECRETS = {*HDPE, sum(HDPE), LDPE, *PP, sum(PP), *PVC, sum(PVC)}


@pytest.fixture
def corpus(hub, members):
    for m, t in zip(members, PET, strict=True):
        m.flows("pet", t)
    for m, t in zip(members[:2], HDPE, strict=True):
        m.flows("hdpe", t)
    members[2].flows("ldpe", LDPE)
    for m, t in zip(members[:3], PP, strict=True):
        m.flows("pp", t)
    parent = new_member(hub, "pvc-parent")
    sites = [
        parent,
        new_member(hub, "pvc-a", group_of=parent),
        new_member(hub, "pvc-b", group_of=parent),
    ]
    for site, t in zip(sites, PVC, strict=True):
        site.flows("pvc", t)
    build(hub)
    return members


AGGREGATES = [
    *([], ["material"], ["material_category"], ["to_stage"], ["region"], ["prefecture"]),
    *(["material", "to_stage"], ["material", "period"], ["material", "recovery_type"]),
]


def _requests():
    for group_by in AGGREGATES:
        for fmt in ("json", "csv", "parquet"):
            yield "/api/v1/flows/aggregate", {"group_by": group_by, "format": fmt, "unit": "t"}
            yield "/api/v1/flows/aggregate", {"group_by": group_by, "format": fmt}
    for material in ("pet", "hdpe", "ldpe", "pp", "pvc", None):
        yield "/api/v1/flows/sankey", {"material": material} if material else {}
        yield "/api/v1/balance", {"material": material} if material else {}
        yield "/api/v1/balance/reconcile", {"material": material} if material else {}
    for fmt in ("parquet", "csv", "jsonld", "ttl"):
        yield "/api/v1/export/flows", {"group_by": ["material"], "format": fmt}
        yield "/api/v1/export/products", {"format": fmt}
        yield "/api/v1/export/indicators", {"format": fmt, "region": "13", "period": "FY2023"}
    for code in ("eu.cmu", "jp.msw.total_discharge", "jp.msw.recycling_rate", "jp.fd"):
        yield f"/api/v1/indicators/{code}", {"region": "131016", "period": "FY2023"}
        yield f"/api/v1/indicators/{code}", {"region": "13", "period": "FY2023"}


def _found(response) -> list[float]:
    kind = response.headers["content-type"]
    if "parquet" in kind:
        return parquet_numbers(response.content)
    if kind.startswith("text/csv"):
        return csv_numbers(response.text)
    if kind.startswith("text/turtle"):
        return turtle_numbers(response.content)
    return numbers(response.json())


@pytest.mark.parametrize("who", ["analyst", "public", "member"])
def test_no_suppressed_value_leaves_the_hub(hub, corpus, analyst, who):
    headers = {"analyst": analyst.headers, "public": {}, "member": corpus[4].headers}[who]
    answered = refused = 0
    for path, params in _requests():
        r = hub.client.get(path, params=params, headers=headers)
        assert r.status_code in (200, 403), (path, params, r.text)
        if r.status_code == 403:
            assert r.json()["code"] == "disclosure-risk"
            refused += 1
            continue
        answered += 1
        assert not leaks(_found(r), SECRETS), (path, params)
    assert answered > 50
    print(f"\n{who}: {answered} answers, {refused} refused by the differencing guard")


def test_planted_cells_are_suppressed_and_the_share_is_reported(hub, corpus, analyst):
    cells = analyst.get("/api/v1/flows/aggregate", group_by="material").json()["cells"]
    by_material = {c["material"]: c for c in cells}
    for material in ("hdpe", "ldpe", "pp", "pvc"):
        assert by_material[material]["suppressed"] is True
        assert by_material[material]["value"] is None
        assert by_material[material]["contributors_band"] is None
    assert by_material["pet"]["suppressed"] is False
    share = sum(not c["suppressed"] for c in cells) / len(cells)
    print(f"\npublished share of material cells: {share:.0%}")
    secretariat = hub.client.get(
        "/api/v1/flows/aggregate",
        params={"group_by": "material", "unit": "t"},
        headers=hub.auth(hub.secretariat_key),
    ).json()["cells"]
    assert {c["material"]: c["value"] for c in secretariat}["pp"] == pytest.approx(sum(PP))


def test_an_owner_sees_cells_that_are_entirely_its_own(hub, corpus):
    owner = corpus[2]  # the only ldpe reporter
    cells = owner.get("/api/v1/flows/aggregate", group_by="material", unit="t").json()["cells"]
    ldpe = next(c for c in cells if c["material"] == "ldpe")
    assert ldpe["suppressed"] is False and ldpe["value"] == pytest.approx(LDPE)
    hdpe = next(c for c in cells if c["material"] == "hdpe")
    assert hdpe["suppressed"] is True  # shared with one other group: still hidden


def test_sankey_counts_hidden_links_without_drawing_them(hub, corpus, analyst):
    body = analyst.get("/api/v1/flows/sankey", material="hdpe").json()
    assert body["hidden_links"] == 1 and body["links"] == []
    assert body["snapshot_id"] >= 1


def test_the_check_can_fail(hub, corpus):
    """The scan itself finds a secret when one is there (the secretariat sees all)."""
    r = hub.client.get(
        "/api/v1/flows/aggregate",
        params={"group_by": "material", "unit": "t"},
        headers=hub.auth(hub.secretariat_key),
    )
    assert leaks(numbers(r.json()), SECRETS)
