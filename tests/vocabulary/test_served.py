"""The hub serves its vocabulary artefacts itself: public, cacheable, parseable."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, RDFS, Graph, URIRef

from junkan_connect.vocab import CONTEXT_URL, NAMESPACE

EXAMPLE = json.loads(
    open("examples/records/valid/material-flow.jsonld", encoding="utf-8").read()  # noqa: SIM115
)


@pytest.fixture
def client(app) -> TestClient:
    return TestClient(app)


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
    ],
)
def test_vocabulary_is_content_negotiated(client, accept, media, fmt) -> None:
    response = client.get("/ns", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    graph = Graph().parse(data=response.text, format=fmt)
    flow = URIRef(NAMESPACE + "MaterialFlow")
    labels = {(label.language, str(label)) for label in graph.objects(flow, RDFS.label)}
    assert {lang for lang, _ in labels} >= {"ja", "en"}
    assert (flow, RDF.type, None) in graph or any(graph.objects(flow, RDF.type))


def test_vocabulary_html_for_browsers(client) -> None:
    response = client.get("/ns", headers={"Accept": "text/html,application/xhtml+xml"})
    assert response.headers["content-type"].startswith("text/html")
    assert "MaterialFlow" in response.text and "/contexts/v1.jsonld" in response.text


def test_context_is_served_with_an_etag(client) -> None:
    response = client.get("/contexts/v1.jsonld")
    assert response.status_code == 200
    assert response.json()["@context"]["@protected"] is True
    assert CONTEXT_URL.endswith("/contexts/v1.jsonld")
    cached = client.get("/contexts/v1.jsonld", headers={"If-None-Match": response.headers["etag"]})
    assert cached.status_code == 304
    assert "max-age" in response.headers["cache-control"]


def test_shapes_and_json_schema(client) -> None:
    shapes = client.get("/shapes/junkan.ttl")
    assert shapes.status_code == 200
    assert "sh:closed" in shapes.text or "closed" in shapes.text
    Graph().parse(data=shapes.text, format="turtle")
    schema = client.get("/json-schema/MaterialFlow.json").json()
    jsonschema.validate(EXAMPLE, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(EXAMPLE | {"colour": "green"}, schema)
    assert client.get("/json-schema/junkan.json").status_code == 200
    assert client.get("/json-schema/Nope.json").status_code == 404
    assert client.get("/shapes/nope.ttl").status_code == 404


def test_code_lists_as_jsonld_and_csv(client) -> None:
    schemes = {s["scheme"] for s in client.get("/codes").json()}
    assert {"materials", "units", "stages", "prefectures", "recovery_types"} <= schemes
    units = client.get("/codes/units").json()
    codes = {c["code"] for c in units["concepts"]}
    assert {"KGM", "TNE", "H87"} <= codes
    as_csv = client.get("/codes/prefectures", params={"format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert len(rows) == 47
    assert client.get("/codes/nope").status_code == 404


def test_vocabulary_routes_need_no_key_and_refuse_keys_in_urls(client) -> None:
    assert client.get("/codes/units").status_code == 200
    assert client.get("/codes/units?api_key=jk_x").status_code == 422
