"""Turtle exports: the JSON-LD export's nodes and values, parsed by rdflib, nothing hidden."""

from __future__ import annotations

import json

import pytest
from flow_helpers import build, leaks, turtle_numbers
from rdflib import RDF, Dataset, Graph, Namespace
from rdflib.compare import isomorphic

JK = Namespace("https://w3id.org/junkan/ns#")
PET = (101.1, 102.2, 103.3, 104.4, 105.5)
PP = (51.1, 52.2, 53.3, 54.4, 55.5)
HDPE = (211.3, 187.7)  # two groups only: suppressed for everyone but the secretariat


@pytest.fixture
def corpus(hub, members):
    for m, t in zip(members, PET, strict=True):
        m.flows("pet", t, disclosure="members")
    for m, t in zip(members, PP, strict=True):
        m.flows("pp", t, disclosure="members")
    for m, t in zip(members[:2], HDPE, strict=True):
        m.flows("hdpe", t, disclosure="members")
    members[0].submit([_public_product(members[0].iri)])
    build(hub)
    return members


def _public_product(producer: str) -> dict:
    from flow_helpers import example

    record = example("product")
    record.update(producer=producer, disclosure="public")
    return record


EXPORTS = [
    ("flows", {"group_by": ["material", "to_stage"]}),
    ("products", {}),
    ("indicators", {"region": "13", "period": "FY2023"}),
]


def _graph_of_jsonld(text: str) -> Graph:
    """All triples of the JSON-LD export, named graphs merged (Turtle has none)."""
    dataset = Dataset()
    dataset.parse(data=text, format="json-ld")
    merged = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


@pytest.mark.parametrize(("dataset", "params"), EXPORTS)
def test_turtle_holds_what_the_jsonld_export_holds(hub, corpus, analyst, dataset, params):
    jsonld = analyst.get(f"/api/v1/export/{dataset}", format="jsonld", **params)
    turtle = analyst.get(f"/api/v1/export/{dataset}", format="ttl", **params)
    assert turtle.status_code == 200, turtle.text
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert turtle.headers["content-disposition"].endswith(f'{dataset}.ttl"')
    assert turtle.headers["junkan-snapshot-id"] == jsonld.headers["junkan-snapshot-id"]
    graph = Graph().parse(data=turtle.content, format="turtle")
    records = json.loads(jsonld.text)["@graph"]
    assert records, "the corpus should give rows in every export"
    assert len(set(graph.subjects(RDF.type, JK[dataset]))) == len(records)
    assert isomorphic(graph, _graph_of_jsonld(jsonld.text))


def test_accept_header_selects_turtle(hub, corpus, analyst):
    r = hub.client.get(
        "/api/v1/export/products", headers=analyst.headers | {"Accept": "text/turtle"}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=r.content, format="turtle")
    assert (None, JK.model_number, None) in graph


def test_suppressed_cells_stay_suppressed_in_turtle(hub, corpus, analyst):
    r = analyst.get("/api/v1/export/flows", format="ttl", group_by=["material"])
    graph = Graph().parse(data=r.content, format="turtle")
    cells = graph.subjects(JK.material)
    by_material = {str(graph.value(cell, JK.material)): cell for cell in cells}
    hdpe = by_material["hdpe"]
    assert graph.value(hdpe, JK.suppressed).toPython() is True
    assert graph.value(hdpe, JK.value) is None
    # hdpe's total could be derived from the others and the margin: one more is hidden
    published = {m: graph.value(c, JK.value) for m, c in by_material.items()}
    published = {m: v.toPython() for m, v in published.items() if v is not None}
    assert len(published) == 1
    [(material, value)] = published.items()
    assert value == pytest.approx(sum({"pet": PET, "pp": PP}[material]) * 1000)
    assert not leaks(turtle_numbers(r.content), {*HDPE, sum(HDPE)})


def test_an_unknown_format_is_refused(hub, corpus, analyst):
    r = analyst.get("/api/v1/export/flows", format="rdfxml")
    assert r.status_code == 422


def test_text_is_escaped_and_numbers_keep_their_type():
    from junkan.flows.formats import CONTEXT
    from junkan.flows.turtle import to_turtle

    tricky = 'a "quoted" \\ line\nbreak\x01 日本 =cmd()'
    row = {"@type": "flows", "material": tricky, "value": 100.0, "n": 3, "ok": True, "x": None}
    graph = Graph().parse(data=to_turtle({"@context": CONTEXT, "@graph": [row]}), format="turtle")
    [node] = graph.subjects(RDF.type, JK.flows)
    assert str(graph.value(node, JK.material)) == tricky
    assert graph.value(node, JK.value).datatype.endswith("#double")
    assert graph.value(node, JK.n).toPython() == 3
    assert graph.value(node, JK.ok).toPython() is True
    assert graph.value(node, JK.x) is None


@pytest.mark.parametrize(
    "context",
    ["https://w3id.org/junkan/contexts/v1.jsonld", {"@vocab": "x:", "t": {"@type": "@id"}}],
)
def test_a_context_it_cannot_honour_is_refused(context):
    from junkan.flows.turtle import UnsupportedContext, to_turtle

    with pytest.raises(UnsupportedContext):
        to_turtle({"@context": context, "@graph": [{"t": 1}]})
