"""API keys: shown once, stored hashed, revocable, expiring, never in the URL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from junkan.db.base import utcnow
from junkan.members.models import ApiKey


def test_secret_is_shown_once_and_stored_hashed(hub) -> None:
    org_id, key = hub.new_org()
    assert key.startswith("jk_") and len(key) == 3 + 12 + 1 + 43
    listed = hub.client.get(
        f"/api/v1/organizations/{org_id}/keys", headers=hub.auth(hub.secretariat_key)
    )
    assert listed.status_code == 200
    assert "secret" not in listed.json()[0]
    with hub.database.engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(text("SELECT * FROM api_keys")) for v in row)
        audit = " ".join(
            str(v) for row in conn.execute(text("SELECT * FROM audit_log")) for v in row
        )
    secret_part = key.split("_", 2)[2]
    assert secret_part not in dump and secret_part not in audit


def test_me_returns_the_callers_organisation(hub) -> None:
    org_id, key = hub.new_org(role="analyst")
    me = hub.client.get("/api/v1/me", headers=hub.auth(key))
    assert me.status_code == 200
    assert me.json()["organization"]["id"] == org_id
    assert me.json()["role"] == "analyst"


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (None, "missing-credentials"),
        ("Basic dXNlcjpwYXNz", "unauthorized"),
        ("Bearer ", "unauthorized"),
        ("Bearer not-a-key", "invalid-key"),
        ("Bearer jk_000000000000_" + "A" * 43, "invalid-key"),
    ],
)
def test_bad_credentials_are_401_with_challenge(hub, header, code) -> None:
    headers = {"Authorization": header} if header else {}
    response = hub.client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.json()["code"] == code
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_wrong_secret_for_a_real_key_id_is_invalid(hub) -> None:
    _, key = hub.new_org()
    forged = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    response = hub.client.get("/api/v1/me", headers=hub.auth(forged))
    assert response.status_code == 401
    assert response.json()["code"] == "invalid-key"


def test_revoked_key_is_refused(hub) -> None:
    _, key = hub.new_org()
    key_id = key.split("_")[1]
    revoked = hub.client.post(
        f"/api/v1/keys/{key_id}/revoke", headers=hub.auth(hub.secretariat_key)
    )
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    response = hub.client.get("/api/v1/me", headers=hub.auth(key))
    assert response.status_code == 401
    assert response.json()["code"] == "key-revoked"


def test_expired_key_is_refused(hub) -> None:
    _, key = hub.new_org()
    key_id = key.split("_")[1]
    with hub.database.unit_of_work() as session:
        session.get(ApiKey, key_id).expires_at = utcnow() - timedelta(seconds=1)
    response = hub.client.get("/api/v1/me", headers=hub.auth(key))
    assert response.status_code == 401
    assert response.json()["code"] == "key-expired"


@pytest.mark.parametrize("param", ["api_key", "token", "access_token"])
def test_key_in_query_string_is_refused(hub, param) -> None:
    _, key = hub.new_org()
    response = hub.client.get(f"/api/v1/me?{param}={key}", headers=hub.auth(key))
    assert response.status_code == 422
    assert response.json()["code"] == "credentials-in-query"
    anywhere = hub.client.get(f"/healthz?x={key}")
    assert anywhere.status_code == 422


def test_only_the_secretariat_organisation_gets_secretariat_keys(hub) -> None:
    org_id, _ = hub.new_org()
    response = hub.client.post(
        f"/api/v1/organizations/{org_id}/keys",
        json={"role": "secretariat"},
        headers=hub.auth(hub.secretariat_key),
    )
    assert response.status_code == 403
    assert response.json()["code"] == "role-not-allowed"
    with hub.database.unit_of_work(write=False) as session:
        assert (
            session.scalars(select(ApiKey).where(ApiKey.organization_id == org_id)).all().__len__()
            == 1
        )
