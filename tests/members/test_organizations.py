"""Organisations over the API: validation, visibility, optimistic concurrency."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from junkan.audit.models import AuditEntry
from junkan.members.models import Organization


def _count(hub, model) -> int:
    with hub.database.unit_of_work(write=False) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_secretariat_creates_and_lists_organisations(hub) -> None:
    org_id, _ = hub.new_org(
        kind="municipality", name_ja="千代田区", name_en="Chiyoda City", municipality_code="131016"
    )
    listed = hub.client.get("/api/v1/organizations", headers=hub.auth(hub.secretariat_key))
    assert listed.status_code == 200
    created = next(o for o in listed.json() if o["id"] == org_id)
    assert created["prefecture_code"] == "13"
    assert created["kind"] == "municipality"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (
            {"kind": "company", "name_ja": "x", "corporate_number": "7000012050003"},
            "invalid-corporate-number",
        ),
        (
            {"kind": "company", "name_ja": "x", "corporate_number": "700001205000"},
            "invalid-corporate-number",
        ),
        (
            {"kind": "municipality", "name_ja": "x", "municipality_code": "131017"},
            "invalid-municipality-code",
        ),
        (
            {"kind": "municipality", "name_ja": "x", "municipality_code": "13101"},
            "invalid-municipality-code",
        ),
        ({"kind": "company", "name_ja": "x", "prefecture_code": "48"}, "invalid-prefecture-code"),
        ({"kind": "company", "name_ja": "x", "colour": "green"}, "invalid-request"),
        ({"kind": "factory", "name_ja": "x"}, "invalid-request"),
        ({"kind": "municipality", "name_ja": "x"}, "invalid-request"),
    ],
)
def test_bad_organisations_are_422_and_store_nothing(hub, body, code) -> None:
    before_orgs, before_audit = _count(hub, Organization), _count(hub, AuditEntry)
    response = hub.client.post(
        "/api/v1/organizations", json=body, headers=hub.auth(hub.secretariat_key)
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == code
    assert response.headers["content-type"] == "application/problem+json"
    assert all(item["loc"][0] == "body" for item in problem["errors"])
    assert (_count(hub, Organization), _count(hub, AuditEntry)) == (before_orgs, before_audit)


def test_unknown_field_is_named(hub) -> None:
    response = hub.client.post(
        "/api/v1/organizations",
        json={"kind": "company", "name_ja": "x", "colour": "green"},
        headers=hub.auth(hub.secretariat_key),
    )
    assert response.json()["errors"] == [
        {
            "loc": ["body", "colour"],
            "code": "unknown-field",
            "message": "Extra inputs are not permitted",
        }
    ]


def test_duplicate_corporate_number_conflicts(hub) -> None:
    hub.new_org(corporate_number="7000012050002")
    again = hub.client.post(
        "/api/v1/organizations",
        json={"kind": "company", "name_ja": "y", "corporate_number": "7000012050002"},
        headers=hub.auth(hub.secretariat_key),
    )
    assert again.status_code == 409
    assert again.json()["code"] == "duplicate-corporate-number"


def test_enterprise_group_must_exist(hub) -> None:
    parent, _ = hub.new_org(name_ja="親会社")
    child, _ = hub.new_org(name_ja="子会社", group_id=parent)
    assert child != parent
    orphan = hub.client.post(
        "/api/v1/organizations",
        json={"kind": "company", "name_ja": "z", "group_id": "no-such-org"},
        headers=hub.auth(hub.secretariat_key),
    )
    assert orphan.status_code == 422
    assert orphan.json()["code"] == "unknown-group"


def test_foreign_organisation_is_indistinguishable_from_missing(hub) -> None:
    mine, key = hub.new_org()
    other, _ = hub.new_org()
    own = hub.client.get(f"/api/v1/organizations/{mine}", headers=hub.auth(key))
    assert own.status_code == 200
    foreign = hub.client.get(f"/api/v1/organizations/{other}", headers=hub.auth(key))
    missing = hub.client.get("/api/v1/organizations/does-not-exist", headers=hub.auth(key))
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content
    assert foreign.headers["content-type"] == missing.headers["content-type"]


def test_member_updates_own_organisation_with_if_match(hub) -> None:
    org_id, key = hub.new_org(name_ja="旧名")
    url = f"/api/v1/organizations/{org_id}"
    current = hub.client.get(url, headers=hub.auth(key))
    tag = current.headers["etag"]

    without = hub.client.patch(url, json={"name_ja": "新名"}, headers=hub.auth(key))
    assert without.status_code == 428
    assert without.json()["code"] == "precondition-required"

    updated = hub.client.patch(
        url, json={"name_ja": "新名"}, headers=hub.auth(key) | {"If-Match": tag}
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["name_ja"] == "新名"
    assert updated.headers["etag"] != tag

    stale = hub.client.patch(
        url, json={"name_en": "Late"}, headers=hub.auth(key) | {"If-Match": tag}
    )
    assert stale.status_code == 412
    assert hub.client.get(url, headers=hub.auth(key)).json()["name_en"] is None


def test_member_cannot_change_kind_or_group(hub) -> None:
    org_id, key = hub.new_org()
    url = f"/api/v1/organizations/{org_id}"
    tag = hub.client.get(url, headers=hub.auth(key)).headers["etag"]
    response = hub.client.patch(
        url, json={"kind": "secretariat"}, headers=hub.auth(key) | {"If-Match": tag}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "unknown-field"


def test_member_cannot_update_foreign_organisation(hub) -> None:
    _, key = hub.new_org()
    other, other_key = hub.new_org()
    tag = hub.client.get(f"/api/v1/organizations/{other}", headers=hub.auth(other_key)).headers[
        "etag"
    ]
    response = hub.client.patch(
        f"/api/v1/organizations/{other}",
        json={"name_ja": "乗っ取り"},
        headers=hub.auth(key) | {"If-Match": tag},
    )
    assert response.status_code == 404


def test_members_cannot_use_secretariat_routes(hub) -> None:
    _, key = hub.new_org()
    for method, url in [("get", "/api/v1/organizations"), ("post", "/api/v1/organizations")]:
        response = getattr(hub.client, method)(
            url, headers=hub.auth(key), **({"json": {}} if method == "post" else {})
        )
        assert response.status_code == 403, url
        assert response.json()["code"] == "forbidden"


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_concurrent_organisation_with_the_same_iri_is_a_conflict_not_a_500(hub, backend) -> None:
    """The duplicate check reads before another transaction commits the same IRI: the unique
    key refuses the second insert, and the client gets 409 `conflict` (PostgreSQL runs the
    two side by side; the competing insert is held open until the request waits on it)."""
    from datetime import UTC, datetime

    from writers import race_a_committed_insert

    iri = "https://example.org/orgs/contested"
    before = _count(hub, Organization)
    response = race_a_committed_insert(
        backend.url,
        "INSERT INTO organizations (id, kind, name_ja, created_at, updated_at, version, iri)"
        " VALUES ('0' || repeat('d', 31), 'company', '先客', :now, :now, 1, :iri)",
        {"iri": iri, "now": datetime.now(UTC)},
        lambda: hub.client.post(
            "/api/v1/organizations",
            json={"kind": "company", "name_ja": "後客", "iri": iri},
            headers=hub.auth(hub.secretariat_key),
        ),
    )
    assert response.status_code == 409, response.text
    assert response.json()["code"] == "conflict"
    assert _count(hub, Organization) == before + 1
    with hub.database.unit_of_work(write=False) as session:
        assert session.scalar(select(Organization.name_ja).where(Organization.iri == iri)) == "先客"
