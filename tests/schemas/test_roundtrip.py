"""JSON-LD round trip with a frozen, network-free loader, and the triples rdflib reads."""

from __future__ import annotations

import pytest
import rdflib
from pyld import jsonld
from vocab_oracle import (
    EXAMPLES,
    PYLD_OPTIONS,
    frozen_loader,
    load_example,
    to_graph,
    valid_examples,
)

from junkan_connect.vocab import CONTEXT_URL, context_document

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

JK = rdflib.Namespace("https://w3id.org/junkan/ns#")


@pytest.mark.parametrize("path", valid_examples(), ids=[p.stem for p in valid_examples()])
def test_expand_then_compact_returns_the_same_document(path):
    doc = load_example(path)
    expanded = jsonld.expand(doc, PYLD_OPTIONS)
    assert jsonld.compact(expanded, CONTEXT_URL, PYLD_OPTIONS) == doc


def test_loader_never_fetches_other_documents():
    with pytest.raises(jsonld.JsonLdError):
        frozen_loader("https://schema.org/")
    doc = {"@context": "https://example.org/context.jsonld", "name": "x"}
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(doc, PYLD_OPTIONS)


def test_context_is_protected_and_has_no_vocab():
    ctx = context_document()["@context"]
    assert ctx["@protected"] is True
    assert "@vocab" not in ctx and "@base" not in ctx
    redefine = {
        **load_example(EXAMPLES / "valid" / "material-flow.jsonld"),
        "@context": [CONTEXT_URL, {"mass": "https://evil.example/mass"}],
    }
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(redefine, PYLD_OPTIONS)


def test_material_flow_triples():
    doc = load_example(EXAMPLES / "valid" / "material-flow.jsonld")
    graph = to_graph(jsonld.expand(doc, PYLD_OPTIONS))
    flow = rdflib.URIRef("https://example.org/materialflow/1")
    assert (flow, rdflib.RDF.type, JK.MaterialFlow) in graph
    assert (flow, JK.material, rdflib.Literal("pet")) in graph
    assert (flow, JK.reporter, rdflib.URIRef("https://example.org/orgs/acme-plastics")) in graph
    assert (flow, JK.period, rdflib.Literal("FY2023")) in graph
    assert (flow, JK.uncertainty, rdflib.Literal(0.05)) in graph
    mass = graph.value(flow, JK.mass)
    assert isinstance(mass, rdflib.BNode)
    assert graph.value(mass, JK.unit) == rdflib.Literal("TNE")
    assert graph.value(mass, JK.value).toPython() == 12.5
    assert len(graph) == len(doc) - 3 + 1 + 2  # one triple per property, @type, mass node


def test_language_maps_become_language_tagged_literals():
    doc = load_example(EXAMPLES / "valid" / "organization.jsonld")
    graph = to_graph(jsonld.expand(doc, PYLD_OPTIONS))
    names = set(graph.objects(None, JK.name))
    assert rdflib.Literal("アクメ樹脂株式会社", lang="ja") in names
    assert rdflib.Literal("Acme Plastics K.K.", lang="en") in names
