"""Reading records back: current, history, as_of, provenance, visibility."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from urllib.parse import quote

from rdflib import Graph, URIRef
from rdflib.namespace import PROV
from submission_helpers import ACME, flow


def _get(hub, path, key=None, **params):
    headers = hub.auth(key) if key else {}
    return hub.client.get(path, headers=headers, params=params)


def test_current_version_history_and_as_of(acme) -> None:
    iri = "https://example.org/materialflow/1"
    acme.submit([flow(1)])
    between = datetime.now(UTC)
    time.sleep(0.01)
    acme.submit([flow(1, mass={"value": 20, "unit": "TNE"})])
    current = _get(acme.hub, f"/api/v1/records/{iri}", acme.key)
    assert current.status_code == 200
    assert current.headers["content-type"] == "application/ld+json"
    assert current.headers["junkan-record-version"] == "2"
    assert current.json()["mass"] == {"value": 20, "unit": "TNE"}
    past = _get(acme.hub, f"/api/v1/records/{iri}", acme.key, as_of=between.isoformat())
    assert past.json()["mass"] == {"value": 12.5, "unit": "TNE"}
    history = _get(acme.hub, f"/api/v1/records/{quote(iri, safe='')}/versions", acme.key).json()
    assert [v["version"] for v in history] == [1, 2]
    assert history[0]["content_hash"] != history[1]["content_hash"]


def test_provenance_is_prov_o(acme) -> None:
    iri = "https://example.org/materialflow/1"
    acme.submit([flow(1)])
    acme.submit([flow(1, mass={"value": 20, "unit": "TNE"})])
    doc = _get(acme.hub, f"/api/v1/records/{iri}/versions/2/provenance", acme.key)
    assert doc.status_code == 200, doc.text
    graph = Graph().parse(data=doc.text, format="json-ld")
    version = URIRef(doc.json()["@id"])
    assert (version, PROV.wasAttributedTo, URIRef(ACME)) in graph
    assert (version, PROV.specializationOf, URIRef(iri)) in graph
    assert any(graph.objects(version, PROV.wasRevisionOf))
    assert any(graph.objects(version, PROV.wasGeneratedBy))


def test_visibility_by_disclosure_level(acme, rival) -> None:
    acme.submit(
        [
            flow(1, disclosure="confidential"),
            flow(2, disclosure="members"),
            flow(3, disclosure="public"),
        ]
    )
    hub = acme.hub
    base = "/api/v1/records/https://example.org/materialflow/"
    missing = _get(hub, base + "999", rival.key)
    assert missing.status_code == 404
    confidential = _get(hub, base + "1", rival.key)
    assert confidential.status_code == 404 and confidential.content == missing.content
    assert _get(hub, base + "2", rival.key).status_code == 200
    assert _get(hub, base + "2").status_code == 404  # members-level: not for anonymous
    assert _get(hub, base + "3").status_code == 200  # public
    assert _get(hub, base + "1", acme.key).status_code == 200  # the owner
    assert _get(hub, base + "1", hub.secretariat_key).status_code == 200
    assert _get(hub, base + "1/versions", rival.key).status_code == 404
    assert _get(hub, base + "1/versions/1/provenance", rival.key).status_code == 404


def test_a_bad_key_on_a_public_route_is_still_401(acme) -> None:
    acme.submit([flow(3, disclosure="public")])
    response = _get(acme.hub, "/api/v1/records/https://example.org/materialflow/3", "jk_bad")
    assert response.status_code == 401
