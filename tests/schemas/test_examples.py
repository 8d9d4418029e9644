"""Every example is judged the same way by the fast validator, SHACL, JSON Schema and pydantic."""

from __future__ import annotations

import pytest
from vocab_oracle import (
    canonical_expansion,
    expected_code,
    fast_codes,
    invalid_examples,
    load_example,
    pydantic_accepts,
    shacl_accepts,
    to_graph,
    valid_examples,
)

from junkan_connect.canonical import canonical_json
from junkan_connect.vocab import RECORD_TYPES, validate

# JSON Schema cannot compute check digits; these invalid examples are format-valid.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


JSON_SCHEMA_BLIND = {"invalid-municipality-code", "invalid-corporate-number"}


def _ids(paths):
    return [p.stem for p in paths]


def test_examples_cover_every_record_type():
    types = {load_example(p)["@type"] for p in valid_examples()}
    assert types == set(RECORD_TYPES)


@pytest.mark.parametrize(
    "path", valid_examples() + invalid_examples(), ids=_ids(valid_examples() + invalid_examples())
)
def test_example_files_are_canonical_json(path):
    assert path.read_bytes() == canonical_json(load_example(path)) + b"\n"


@pytest.mark.parametrize("path", valid_examples(), ids=_ids(valid_examples()))
def test_valid_example_passes_everything(path, shapes_graph, json_schema_validator):
    doc = load_example(path)
    assert validate(doc) == []
    assert shacl_accepts(doc, shapes_graph)
    assert list(json_schema_validator.iter_errors(doc)) == []
    assert pydantic_accepts(doc)


@pytest.mark.parametrize("path", invalid_examples(), ids=_ids(invalid_examples()))
def test_invalid_example_is_rejected_by_everything(path, shapes_graph, json_schema_validator):
    doc = load_example(path)
    code = expected_code(path)
    assert code in fast_codes(doc), validate(doc)
    assert not shacl_accepts(doc, shapes_graph)
    assert not pydantic_accepts(doc)
    if code not in JSON_SCHEMA_BLIND:
        assert not json_schema_validator.is_valid(doc)


@pytest.mark.parametrize(
    "name", ["invalid-municipality-code--region", "invalid-corporate-number--organization"]
)
def test_shacl_check_digit_constraint_reports_the_code(name, shapes_graph):
    from pyshacl import validate as shacl_validate

    path = next(p for p in invalid_examples() if p.stem == name)
    graph = to_graph(canonical_expansion(load_example(path)))
    conforms, _graph, text = shacl_validate(graph, shacl_graph=shapes_graph)
    assert not conforms
    assert f"Message: {expected_code(path)}" in text


@pytest.mark.parametrize("path", valid_examples(), ids=_ids(valid_examples()))
def test_pydantic_models_dump_the_same_document(path):
    from junkan_connect.vocab.generated.models import RECORD_MODELS

    doc = load_example(path)
    model = RECORD_MODELS[doc["@type"]].model_validate(doc)
    assert model.model_dump(by_alias=True, exclude_unset=True, mode="json") == doc
