"""SHACL shapes: the normative definition of a valid record (closed, including nested nodes)."""

from __future__ import annotations

from . import turtle as t
from .model import MAX_DOUBLE, ClassDef, Field, Vocabulary

SHAPES = "https://w3id.org/junkan/shapes/v1#"
XSD_INT = "<http://www.w3.org/2001/XMLSchema#integer>"

_MUNICIPALITY_WEIGHTS = (6, 5, 4, 3, 2)
# pyshacl evaluates sh:pattern with Python's re, where `$` also matches before a final newline
_SINGLE_LINE = ("sh:not", '[ sh:pattern "\\n" ]')


def _digit(pos: int) -> str:
    return f"{XSD_INT}(SUBSTR(STR(?value), {pos}, 1))"


def _mod(expr: str, n: int) -> str:
    # SPARQL has no modulo operator
    return f"(({expr}) - {n} * FLOOR(({expr}) / {n}))"


def _municipality_sparql() -> str:
    total = " + ".join(f"{w} * {_digit(i + 1)}" for i, w in enumerate(_MUNICIPALITY_WEIGHTS))
    check = _mod(f"11 - {_mod('?s', 11)}", 10)
    return (
        "SELECT $this ?value WHERE {\n"
        "  $this $PATH ?value .\n"
        '  FILTER (isLiteral(?value) && REGEX(STR(?value), "^[0-9]{6}$"))\n'
        f"  BIND ({total} AS ?s)\n"
        f"  FILTER ({check} != {_digit(6)})\n"
        "}"
    )


def _corporate_sparql() -> str:
    # base digits are positions 2..13; counted from the right, even positions weigh 2
    total = " + ".join(f"{2 if i % 2 else 1} * {_digit(i + 1)}" for i in range(1, 13))
    return (
        "SELECT $this ?value WHERE {\n"
        "  $this $PATH ?value .\n"
        '  FILTER (isLiteral(?value) && REGEX(STR(?value), "^[0-9]{13}$"))\n'
        f"  BIND ({total} AS ?s)\n"
        f"  FILTER ((9 - {_mod('?s', 9)}) != {_digit(1)})\n"
        "}"
    )


_CHECKS = {
    "municipality": ("invalid-municipality-code", _municipality_sparql),
    "corporate": ("invalid-corporate-number", _corporate_sparql),
}


def _bounds(f: Field) -> list[tuple[str, str]]:
    # default bounds are the largest finite doubles, so NaN and ±INF always violate
    lo = f.minimum if f.minimum is not None else -MAX_DOUBLE
    hi = f.maximum if f.maximum is not None else MAX_DOUBLE
    return [("sh:minInclusive", t.number(lo)), ("sh:maxInclusive", t.number(hi))]


def _value_constraints(vocab: Vocabulary, f: Field) -> list[tuple[str, str]]:
    if f.kind == "number":
        alts = "( [ sh:datatype xsd:double ] [ sh:datatype xsd:integer ] )"
        return [("sh:or", alts), *_bounds(f)]
    if f.kind == "integer":
        return [("sh:datatype", "xsd:integer"), *_bounds(f)]
    if f.kind == "boolean":
        return [("sh:datatype", "xsd:boolean")]
    if f.kind == "iri":
        return [("sh:nodeKind", "sh:IRI"), ("sh:pattern", t.literal(f.pattern)), _SINGLE_LINE]
    if f.kind == "langtext":
        return [
            ("sh:datatype", "rdf:langString"),
            ("sh:languageIn", '( "ja" "en" )'),
            ("sh:uniqueLang", "true"),
            ("sh:minLength", "1"),
            ("sh:maxLength", "2000"),
        ]
    if f.kind == "code":
        codes = " ".join(t.literal(c.code) for c in vocab.code_lists[f.codes].concepts)
        return [("sh:datatype", "xsd:string"), ("sh:in", f"( {codes} )")]
    if f.kind == "object":
        return [("sh:nodeKind", "sh:BlankNode"), ("sh:node", f"jks:{f.object_class}Shape")]
    pairs = [("sh:datatype", "xsd:string")]
    if f.pattern:
        pairs.append(("sh:pattern", t.literal(f.pattern)))
    if f.single_line:
        pairs.append(_SINGLE_LINE)
    if f.check_digit:
        code, make = _CHECKS[f.check_digit]
        sparql = f"[ sh:message {t.literal(code)} ; sh:select {t.literal(make())} ]"
        pairs.append(("sh:sparql", sparql))
    return pairs


def _property(vocab: Vocabulary, cls: ClassDef, f: Field) -> str:
    pairs = [("a", "sh:PropertyShape"), ("sh:path", f"jk:{f.name}"), ("sh:name", t.literal(f.name))]
    if f.required:
        pairs.append(("sh:minCount", "1"))
    if not f.multivalued and f.kind != "langtext":
        pairs.append(("sh:maxCount", "1"))
    pairs += _value_constraints(vocab, f)
    return t.block(f"jks:{cls.name}-{f.name}", pairs)


def _node(vocab: Vocabulary, cls: ClassDef) -> str:
    props = " , ".join(f"jks:{cls.name}-{f.name}" for f in cls.fields)
    pairs = [("a", "sh:NodeShape"), ("sh:closed", "true")]
    if cls.record:
        iri_pattern = vocab.source["types"]["Iri"]["pattern"]
        pairs += [
            ("sh:targetClass", f"jk:{cls.name}"),
            ("sh:nodeKind", "sh:IRI"),
            ("sh:pattern", t.literal(iri_pattern)),
            _SINGLE_LINE,
            ("sh:ignoredProperties", "( rdf:type )"),
            ("sh:property", "[ sh:path rdf:type ; sh:maxCount 1 ]"),
        ]
    pairs.append(("sh:property", props))
    return t.block(f"jks:{cls.name}Shape", pairs)


def shapes(vocab: Vocabulary) -> str:
    out = [
        t.prefixes(
            {
                "sh": "http://www.w3.org/ns/shacl#",
                "jk": vocab.namespace,
                "jks": SHAPES,
                "xsd": "http://www.w3.org/2001/XMLSchema#",
                "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            }
        )
    ]
    out.append("# Generated from schemas/junkan.yaml by schemas/build.py. Do not edit.\n\n")
    for cls in vocab.classes.values():
        out.append(_node(vocab, cls))
        out.append("\n")
        for f in cls.fields:
            out.append(_property(vocab, cls, f))
            out.append("\n")
    return "".join(out).rstrip("\n") + "\n"
