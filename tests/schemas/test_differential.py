"""The fast validator and the SHACL oracle agree on every example and every mutation."""

from __future__ import annotations

import importlib

import pytest
from vocab_mutations import mutations
from vocab_oracle import REPO, load_example, shacl_verdicts, valid_examples

from junkan_connect.vocab import validate

# the package re-exports the function `validate`, which shadows the module attribute
validate_module = importlib.import_module("junkan_connect.vocab.validate")

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def _corpus() -> list[tuple[str, str, object]]:
    cases = []
    for path in valid_examples():
        base = load_example(path)
        for n, (label, doc) in enumerate(mutations(base)):
            # distinct record IRIs let the SHACL oracle validate the corpus in one run
            if isinstance(doc, dict) and doc.get("@id") == base["@id"]:
                doc = {**doc, "@id": f"{base['@id']}-m{n}"}
            cases.append((path.stem, label, doc))
    return cases


CORPUS = _corpus()


def test_fast_validator_agrees_with_shacl(shapes_graph):
    shacl = shacl_verdicts([doc for _e, _l, doc in CORPUS], shapes_graph)
    fast = [not validate(doc) for _e, _l, doc in CORPUS]
    disagreements = [
        (example, label, f, s, validate(doc))
        for (example, label, doc), f, s in zip(CORPUS, fast, shacl, strict=True)
        if f != s
    ]
    assert disagreements == []
    accepted = sum(fast)
    assert len(CORPUS) >= 500
    assert 0 < accepted < len(CORPUS) - 300, "the corpus must hold many rejections"


def test_straight_line_fast_path_equals_full_checks():
    shapes, accept = validate_module._RECORDS, validate_module._ACCEPT
    check_keys = validate_module._check_keys
    for example, label, doc in CORPUS:
        rtype = doc.get("@type") if isinstance(doc, dict) else None
        if not isinstance(rtype, str) or rtype not in shapes:
            continue
        full = not check_keys(doc, shapes[rtype])
        assert accept[rtype](doc) == full, (example, label)


def test_every_reported_code_is_documented():
    lines = (REPO / "schemas" / "error_codes.csv").read_text(encoding="utf-8").splitlines()
    documented = {line.split(",", 1)[0] for line in lines[1:]}
    reported = {issue.code for _e, _l, doc in CORPUS for issue in validate(doc)}
    assert reported <= documented
    assert len(reported) >= 15
