"""Input that databases refuse, answered as client errors, never a 500: a NUL character
anywhere a client can put one (PostgreSQL refuses NUL in text, even in a comparison) and
page offsets beyond a 64-bit integer (SQLite's driver refuses them)."""

from __future__ import annotations

import pytest

PATHS = [
    ("/api/v1/records/abc%00def", ["path", "ref"]),
    ("/api/v1/organizations/abc%00", ["path", "org_id"]),
    ("/api/v1/submissions/%00", ["path", "submission_id"]),
    ("/api/v1/records/x/versions?as_of=%00", ["query", "as_of"]),
    ("/api/v1/flows/aggregate?group_by=material&material=pet%00", ["query", "material"]),
]


@pytest.mark.parametrize(("url", "loc"), PATHS)
def test_nul_in_the_url(hub, url, loc) -> None:
    response = hub.client.get(url, headers=hub.auth(hub.secretariat_key))
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid-request"
    assert response.json()["errors"][0]["loc"] == loc


@pytest.mark.parametrize(
    "fields",
    [
        {"name_ja": "先\x00客"},
        {"name_en": "\x00"},
        {"iri": "https://example.org/orgs/a\x00b"},
        {"group_id": "abc\x00"},
        {"name_ja": "改\n行"},
    ],
)
def test_control_characters_in_an_organisation(hub, fields) -> None:
    body = {"kind": "company", "name_ja": "会社"} | fields
    response = hub.client.post(
        "/api/v1/organizations", json=body, headers=hub.auth(hub.secretariat_key)
    )
    assert response.status_code == 422, response.text
    (name,) = fields
    assert response.json()["errors"][0]["loc"] == ["body", name]


def test_an_offset_beyond_any_integer(hub) -> None:
    huge = "9" * 25
    headers = hub.auth(hub.secretariat_key)
    flows = hub.client.get(f"/api/v1/flows?mine=true&offset={huge}", headers=headers)
    assert flows.status_code == 200, flows.text  # offsets are clamped: an empty page
    assert flows.json()["items"] == []
    organizations = hub.client.get(f"/api/v1/organizations?offset={huge}", headers=headers)
    assert organizations.status_code == 422, organizations.text
    assert organizations.json()["errors"][0]["loc"] == ["query", "offset"]


def test_an_organisation_iri_too_long_in_bytes(hub) -> None:
    # 1,000 kanji: within 2,048 characters, but 3,000 bytes (an index entry PostgreSQL refuses)
    iri = "https://example.org/orgs/" + "".join(chr(0x4E00 + i) for i in range(1000))
    response = hub.client.post(
        "/api/v1/organizations",
        json={"kind": "company", "name_ja": "会社", "iri": iri},
        headers=hub.auth(hub.secretariat_key),
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["loc"] == ["body", "iri"]
