"""Generation is deterministic and the committed artefacts are up to date."""

from __future__ import annotations

import importlib.util
import json

import pytest
import rdflib
from vocab_oracle import REPO

from junkan_connect.vocab import read_text


def _build_module():
    spec = importlib.util.spec_from_file_location("junkan_schemas_build", REPO / "schemas/build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_regenerating_gives_byte_identical_files(tmp_path):
    build = _build_module()
    written = build.write(tmp_path)
    assert written, "the build wrote nothing"
    for rel in written:
        committed = REPO / rel
        assert committed.exists(), f"{rel} is not committed"
        assert (tmp_path / rel).read_bytes() == committed.read_bytes(), f"{rel} is stale"
    assert build.check(REPO) == []


def test_json_schema_is_closed_everywhere():
    schema = json.loads(read_text("junkan.schema.json"))
    for name, definition in schema["$defs"].items():
        assert definition["additionalProperties"] is False, name
        for prop, sub in definition["properties"].items():
            target = sub.get("items", sub)
            if target.get("type") == "object":
                assert target["additionalProperties"] is False, (name, prop)


def test_every_shape_is_closed():
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    graph = rdflib.Graph().parse(data=read_text("shapes.ttl"), format="turtle")
    shapes = set(graph.subjects(rdflib.RDF.type, sh.NodeShape))
    assert len(shapes) >= 15
    for shape in shapes:
        assert graph.value(shape, sh.closed) == rdflib.Literal(True), shape


def test_vocabulary_has_ja_and_en_labels_for_every_term():
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    owl = rdflib.Namespace("http://www.w3.org/2002/07/owl#")
    graph = rdflib.Graph().parse(data=read_text("vocab.ttl"), format="turtle")
    terms = set()
    for kind in (owl.Class, owl.ObjectProperty, owl.DatatypeProperty, skos.Concept):
        terms |= set(graph.subjects(rdflib.RDF.type, kind))
    assert len(terms) > 300
    for term in terms:
        for predicate in (rdflib.RDFS.label, skos.prefLabel):
            langs = {lit.language for lit in graph.objects(term, predicate)}
            assert langs == {"ja", "en"}, (term, predicate, langs)


def test_docs_mention_every_property_and_code():
    docs = REPO / "docs" / "vocabulary"
    classes = (docs / "classes.md").read_text(encoding="utf-8")
    codes = (docs / "code-lists.md").read_text(encoding="utf-8")
    table = json.loads(read_text("validator.json"))
    for cls, spec in table["classes"].items():
        assert f"## {cls}" in classes
        for prop in spec["fields"]:
            assert f"`{prop}`" in classes, prop
    for scheme in ("materials", "stages", "units", "prefectures", "recovery_types"):
        for concept in json.loads(read_text(f"codes/{scheme}.json"))["concepts"]:
            assert f"`{concept['code']}`" in codes, concept["code"]
    errors = (docs / "error-codes.md").read_text(encoding="utf-8")
    assert "`invalid-municipality-code`" in errors


def test_source_is_valid_linkml():
    """Only when LinkML (a development-only dependency) is installed; naming warnings are ours:
    slots are camelCase because they are the JSON keys."""
    pytest.importorskip("linkml")
    import subprocess
    import sys

    lint = [sys.executable, "-m", "linkml.linter.cli", str(REPO / "schemas" / "junkan.yaml")]
    out = subprocess.run(lint, capture_output=True, text=True)
    assert "  error  " not in out.stdout, out.stdout
