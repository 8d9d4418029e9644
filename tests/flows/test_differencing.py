"""The differencing guard: one cell label, contributor sets differing by 1-2 groups → 403."""

from __future__ import annotations

import pytest
from flow_helpers import build, new_member


@pytest.fixture
def six_regions(hub, members):
    """Six groups report PET; the sixth is the only one in Osaka (27)."""
    sixth = new_member(hub, "co-osaka")
    for i, m in enumerate(members):
        m.flows("pet", 100 + 7 * i, region="131016")
    sixth.flows("pet", 120, region="271004")
    build(hub)
    return [*members, sixth]


def test_dropping_one_group_by_filter_is_refused(hub, six_regions, analyst):
    everyone = analyst.get("/api/v1/flows/aggregate", group_by="material")
    assert everyone.status_code == 200 and not everyone.json()["cells"][0]["suppressed"]
    # Tokyo only: the same PET cell without the Osaka group; the difference is its figure.
    tokyo = analyst.get("/api/v1/flows/aggregate", group_by="material", prefecture="13")
    assert tokyo.status_code == 403, tokyo.text
    assert tokyo.json()["code"] == "disclosure-risk"
    assert "value" not in tokyo.text


def test_the_guard_remembers_across_viewers(hub, six_regions, analyst):
    assert analyst.get("/api/v1/flows/aggregate", group_by="material").status_code == 200
    other = new_member(hub, "another-analyst", role="analyst")
    r = other.get("/api/v1/flows/aggregate", group_by="material", prefecture="13")
    assert r.status_code == 403
    anonymous = hub.client.get(
        "/api/v1/flows/aggregate", params={"group_by": "material", "prefecture": "13"}
    )
    assert anonymous.status_code == 403


def test_identical_and_distant_sets_are_answered(hub, six_regions, analyst):
    for _ in range(2):  # the same set again discloses nothing new
        assert analyst.get("/api/v1/flows/aggregate", group_by="material").status_code == 200
    # A different cell label is a different cell.
    r = analyst.get("/api/v1/flows/aggregate", group_by="material,prefecture")
    assert r.status_code == 200


def test_the_secretariat_is_not_limited_and_not_remembered(hub, six_regions, analyst):
    secretariat = hub.auth(hub.secretariat_key)
    for params in ({"group_by": "material"}, {"group_by": "material", "prefecture": "13"}):
        r = hub.client.get("/api/v1/flows/aggregate", params=params, headers=secretariat)
        assert r.status_code == 200
    # Nothing the secretariat saw blocks the first public answer.
    tokyo = analyst.get("/api/v1/flows/aggregate", group_by="material", prefecture="13")
    assert tokyo.status_code == 200
    assert analyst.get("/api/v1/flows/aggregate", group_by="material").status_code == 403


def test_public_only_cells_are_never_refused(hub, members, analyst):
    for i, m in enumerate(members):
        m.flows("glass", 10 + i, disclosure="public", region="131016" if i else "271004")
    build(hub)
    assert analyst.get("/api/v1/flows/aggregate", group_by="material").status_code == 200
    r = analyst.get("/api/v1/flows/aggregate", group_by="material", prefecture="13")
    assert r.status_code == 200


def test_each_page_remembers_its_own_cells(hub, six_regions, analyst):
    for i, m in enumerate(six_regions):
        m.flows("pp", 50 + 3 * i, region="131016" if i < 5 else "271004")
    build(hub)
    first = analyst.get("/api/v1/flows/aggregate", group_by="material", limit=1)
    second = analyst.get("/api/v1/flows/aggregate", group_by="material", limit=1, offset=1)
    assert [c["material"] for c in first.json()["cells"] + second.json()["cells"]] == ["pet", "pp"]
    tokyo_pp = analyst.get("/api/v1/flows/aggregate", group_by="material", material="pp",
                           prefecture="13")  # fmt: skip
    assert tokyo_pp.status_code == 403
