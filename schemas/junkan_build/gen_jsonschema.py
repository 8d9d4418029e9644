"""JSON Schema (2020-12), closed: every object has additionalProperties false.

Check digits (municipality code, corporate number) cannot be expressed in JSON Schema; the
schema checks their format only and says so in the description.
"""

from __future__ import annotations

from .model import MAX_DOUBLE, ClassDef, Field, Vocabulary

SCHEMA_ID = "https://w3id.org/junkan/json-schema/v1/junkan.schema.json"


def _number(f: Field, json_type: str) -> dict:
    out: dict = {"type": json_type}
    out["minimum"] = f.minimum if f.minimum is not None else -MAX_DOUBLE
    out["maximum"] = f.maximum if f.maximum is not None else MAX_DOUBLE
    return out


def _value(vocab: Vocabulary, f: Field) -> dict:
    if f.kind in ("number", "integer"):
        return _number(f, f.kind)
    if f.kind == "boolean":
        return {"type": "boolean"}
    if f.kind == "langtext":
        text = {"type": "string", "minLength": 1, "maxLength": 2000}
        return {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": {"ja": text, "en": text},
        }
    if f.kind == "code":
        return {"type": "string", "enum": [c.code for c in vocab.code_lists[f.codes].concepts]}
    if f.kind == "object":
        return {"$ref": f"#/$defs/{f.object_class}"}
    out: dict = {"type": "string"}
    if f.pattern:
        out["pattern"] = f.pattern
    if f.check_digit:
        out["description"] = f"Check digit ({f.check_digit}) is verified by the hub, not here."
    return out


def _property(vocab: Vocabulary, f: Field) -> dict:
    value = _value(vocab, f)
    if f.multivalued:
        value = {"type": "array", "items": value}
        if f.required:
            value["minItems"] = 1
    value.setdefault("title", f.title)
    return value


def _class(vocab: Vocabulary, cls: ClassDef) -> dict:
    props: dict = {}
    required: list[str] = []
    if cls.record:
        iri = vocab.source["types"]["Iri"]["pattern"]
        props["@context"] = {"const": vocab.context_url}
        props["@id"] = {"type": "string", "pattern": iri}
        props["@type"] = {"const": cls.name}
        required += ["@context", "@id", "@type"]
    for f in cls.fields:
        props[f.name] = _property(vocab, f)
        if f.required:
            required.append(f.name)
    return {
        "type": "object",
        "title": cls.title,
        "description": cls.description,
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def json_schema(vocab: Vocabulary) -> dict:
    defs = {name: _class(vocab, cls) for name, cls in vocab.classes.items()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Junkan record (v1)",
        "oneOf": [{"$ref": f"#/$defs/{c.name}"} for c in vocab.records()],
        "$defs": defs,
    }
