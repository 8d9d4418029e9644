"""JSON artefacts: the JSON-LD context, the compiled validator table and the code lists."""

from __future__ import annotations

import json

from .model import CodeList, Field, Vocabulary, camel


def dumps(obj: object) -> str:
    """The one JSON serialisation used for every artefact, so reruns are byte-identical."""
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def term_definition(vocab: Vocabulary, f: Field) -> dict:
    term: dict = {"@id": vocab.namespace + f.name}
    if f.kind == "iri":
        term["@type"] = "@id"
    if f.kind == "langtext":
        term["@container"] = "@language"
    elif f.multivalued:
        term["@container"] = "@set"
    return term


def context(vocab: Vocabulary) -> dict:
    # @protected stops a later inline context from redefining our terms; there is no @vocab,
    # so an unknown key never silently becomes a property in our namespace.
    ctx: dict = {"@version": 1.1, "@protected": True}
    for cls in vocab.records():
        ctx[cls.name] = {"@id": vocab.namespace + cls.name}
    for name, f in vocab.all_fields().items():
        ctx[name] = term_definition(vocab, f)
    return {"@context": ctx}


def _field_spec(vocab: Vocabulary, f: Field) -> dict:
    spec: dict = {"kind": f.kind, "required": f.required, "multivalued": f.multivalued}
    for key in ("minimum", "maximum", "pattern", "check_digit", "object_class"):
        if getattr(f, key) is not None:
            spec[key] = getattr(f, key)
    if f.kind in ("string", "iri"):
        spec["error"] = f.error
        spec["single_line"] = f.single_line
    if f.kind == "code":
        cl = vocab.code_lists[f.codes]
        spec["codes"] = [c.code for c in cl.concepts]
        spec["error"] = cl.error
        if cl.superset:
            spec["superset"] = [c.code for c in vocab.code_lists[cl.superset].concepts]
            spec["superset_error"] = cl.superset_error
    return spec


def validator_table(vocab: Vocabulary) -> dict:
    """What the runtime fast validator compiles into closures: closed key sets and checks."""
    classes = {}
    for cls in vocab.classes.values():
        classes[cls.name] = {
            "record": cls.record,
            "fields": {f.name: _field_spec(vocab, f) for f in cls.fields},
        }
    iri = vocab.source["types"]["Iri"]["pattern"]
    return {
        "context": vocab.context_url,
        "namespace": vocab.namespace,
        "iri_pattern": iri,
        "classes": classes,
    }


_CODES_CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "id": "@id",
    "type": "@type",
    "code": "skos:notation",
    "label": {"@id": "skos:prefLabel", "@container": "@language"},
    "broader": {"@id": "skos:broader", "@type": "@id"},
    "concepts": {"@reverse": "skos:inScheme"},
    "ConceptScheme": "skos:ConceptScheme",
    "Concept": "skos:Concept",
}


def _typed(key: str, value: str) -> object:
    if value in ("true", "false"):
        return value == "true"
    if key == "kg_factor":
        return float(value)
    return value


def code_list_document(vocab: Vocabulary, cl: CodeList) -> dict:
    base = f"{vocab.codes_base}{cl.scheme}/"
    ctx = dict(_CODES_CONTEXT)
    concepts = []
    for c in cl.concepts:
        item: dict = {
            "id": base + c.code,
            "type": "Concept",
            "code": c.code,
            "label": {"en": c.label_en, "ja": c.label_ja},
        }
        for key, value in c.extra.items():
            if value == "":
                continue
            if key == "parent":
                item["broader"] = base + value
                continue
            ctx[camel(key)] = vocab.namespace + camel(key)
            item[camel(key)] = _typed(key, value)
        concepts.append(item)
    return {
        "@context": ctx,
        "id": vocab.codes_base + cl.scheme,
        "type": "ConceptScheme",
        "label": {"en": cl.title, "ja": cl.label_ja},
        "concepts": concepts,
    }
