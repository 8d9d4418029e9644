"""Helpers for the vocabulary tests: the examples, a frozen JSON-LD loader and the oracles.

The normative verdict on a record ("the SHACL oracle") is:
  1. the document is in canonical compact form: pyld expands it with a frozen, network-free
     loader that knows only the pinned context, compacts it again, and gets the same JSON
     with only defined terms and @context/@id/@type as keys (this is what rejects other
     contexts, @graph, @included and keys the context does not define);
  2. its RDF graph has exactly one node typed with a record class; and
  3. pyshacl finds the graph conforming to the generated shapes.
"""

from __future__ import annotations

import json
from pathlib import Path

import rdflib
from pyld import jsonld
from pyshacl import validate as shacl_validate

from junkan_connect.vocab import CONTEXT_URL, context_document, read_text, validate
from junkan_connect.vocab.generated.models import RECORD_MODELS

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "records"
NS = "https://w3id.org/junkan/ns#"
ENVELOPE = {"@context", "@id", "@type"}


def frozen_loader(url: str, options: dict | None = None) -> dict:
    """Serves the pinned context from the package; every other URL is an error, never fetched."""
    if url != CONTEXT_URL:
        raise jsonld.JsonLdError(
            f"remote document {url!r} refused",
            "jsonld.LoadDocumentError",
            code="loading document failed",
        )
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": context_document(),
    }


PYLD_OPTIONS = {"documentLoader": frozen_loader}


def load_example(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def valid_examples() -> list[Path]:
    return sorted((EXAMPLES / "valid").glob("*.jsonld"))


def invalid_examples() -> list[Path]:
    return sorted((EXAMPLES / "invalid").glob("*.jsonld"))


def expected_code(path: Path) -> str:
    return path.name.split("--", 1)[0]


def _only_terms(node: object, terms: set[str]) -> bool:
    if isinstance(node, list):
        return all(_only_terms(n, terms) for n in node)
    if not isinstance(node, dict):
        return True
    for key, value in node.items():
        if key.startswith("@") and key not in ENVELOPE:
            return False
        if not key.startswith("@") and key not in terms:
            return False
        if key in terms and terms_container(key) == "@language":
            continue
        if not _only_terms(value, terms):
            return False
    return True


def terms_container(term: str) -> str | None:
    definition = context_document()["@context"].get(term)
    return definition.get("@container") if isinstance(definition, dict) else None


def canonical_expansion(doc: object) -> list | None:
    """Expanded form if `doc` is in canonical compact form with the pinned context, else None."""
    if not isinstance(doc, dict):
        return None
    try:
        expanded = jsonld.expand(doc, PYLD_OPTIONS)
        compacted = jsonld.compact(expanded, CONTEXT_URL, PYLD_OPTIONS)
    except (jsonld.JsonLdError, TypeError, ValueError):
        return None
    terms = set(context_document()["@context"]) - {"@version", "@protected"}
    if compacted != doc or not _only_terms(compacted, terms):
        return None
    return expanded


def _cache_sparql_translation() -> None:
    """Translate each SPARQL text once: pyshacl re-sends the same check-digit query for every
    focus node and rdflib would re-parse it each time (about 0.3 s per parse)."""
    from rdflib.plugins.sparql import processor

    if getattr(processor.SPARQLProcessor.query, "_junkan_cached", False):
        return
    original = processor.SPARQLProcessor.query
    cache: dict = {}

    def query(self, str_or_query, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(str_or_query, str):
            key = (str_or_query, tuple(sorted((initNs or {}).items())), base)
            if key not in cache:
                parsed = processor.parseQuery(str_or_query)
                cache[key] = processor.translateQuery(parsed, base, initNs)
            str_or_query = cache[key]
        return original(self, str_or_query, initBindings, initNs, base, DEBUG)

    query._junkan_cached = True
    processor.SPARQLProcessor.query = query


def shapes_graph() -> rdflib.Graph:
    _cache_sparql_translation()
    return rdflib.Graph().parse(data=read_text("shapes.ttl"), format="turtle")


def to_graph(expanded: list) -> rdflib.Graph:
    return rdflib.Graph().parse(data=json.dumps(expanded), format="json-ld")


def graph_or_none(expanded: list | None) -> rdflib.Graph | None:
    """The RDF graph, or None when the expanded form has no valid RDF (e.g. a bad language tag)."""
    if expanded is None:
        return None
    try:
        return to_graph(expanded)
    except ValueError:
        return None


def record_roots(graph: rdflib.Graph) -> list:
    classes = {rdflib.URIRef(NS + name) for name in RECORD_MODELS}
    return [s for s, o in graph.subject_objects(rdflib.RDF.type) if o in classes]


def shacl_accepts(doc: object, shapes: rdflib.Graph) -> bool:
    graph = graph_or_none(canonical_expansion(doc))
    if graph is None or len(record_roots(graph)) != 1:
        return False
    conforms, _report, _text = shacl_validate(graph, shacl_graph=shapes)
    return bool(conforms)


def pydantic_accepts(doc: object) -> bool:
    from pydantic import ValidationError

    if not isinstance(doc, dict) or doc.get("@type") not in RECORD_MODELS:
        return False
    try:
        RECORD_MODELS[doc["@type"]].model_validate(doc)
    except ValidationError:
        return False
    return True


def json_schema_validator():
    import jsonschema

    schema = json.loads(read_text("junkan.schema.json"))
    return jsonschema.Draft202012Validator(schema)


def _batchable(graph: rdflib.Graph, root: object, owners: dict) -> bool:
    """A graph whose only IRI subject is its own (unique) root can share one SHACL run."""
    if not isinstance(root, rdflib.URIRef) or root in owners:
        return False
    return all(isinstance(s, rdflib.BNode) or s == root for s in set(graph.subjects()))


def shacl_verdicts(docs: list, shapes: rdflib.Graph) -> list[bool]:
    """shacl_accepts for many documents, validating the batchable ones in a single pyshacl run.

    Each violation is attributed to its document through the focus node (the record IRI or one
    of the document's own blank nodes); shapes are node-local, so this equals one run per doc.
    """
    verdicts = [False] * len(docs)
    batch, owners, singles = rdflib.Graph(), {}, []
    for i, doc in enumerate(docs):
        graph = graph_or_none(canonical_expansion(doc))
        roots = record_roots(graph) if graph is not None else []
        if len(roots) != 1:
            continue
        if not _batchable(graph, roots[0], owners):
            singles.append((i, graph))
            continue
        for node in set(graph.subjects()) | set(graph.objects()):
            if isinstance(node, rdflib.BNode) or node == roots[0]:
                owners[node] = i
        batch += graph
        verdicts[i] = True
    conforms, report, _text = shacl_validate(batch, shacl_graph=shapes)
    if not conforms:
        sh_focus = rdflib.URIRef("http://www.w3.org/ns/shacl#focusNode")
        for focus in report.objects(None, sh_focus):
            if isinstance(focus, rdflib.Literal):
                # sh:node on a literal value; the parent node's nodeKind violation is also reported
                continue
            assert focus in owners, f"violation at {focus} belongs to no document"
            verdicts[owners[focus]] = False
    for i, graph in singles:
        verdicts[i] = bool(shacl_validate(graph, shacl_graph=shapes)[0])
    return verdicts


def fast_codes(doc: object) -> set[str]:
    return {issue.code for issue in validate(doc)}
