"""The vocabulary in Turtle: classes, properties and SKOS code lists with ja/en labels."""

from __future__ import annotations

from . import turtle as t
from .model import CodeList, Vocabulary, camel

_MAPPING_PREFIXES = ("schema", "prov", "cbv", "epcis", "untp")
_KIND_RANGE = {
    "number": "xsd:double",
    "integer": "xsd:integer",
    "boolean": "xsd:boolean",
    "langtext": "rdf:langString",
    "string": "xsd:string",
    "code": "xsd:string",
}


def _labels(en: str, ja: str) -> list[tuple[str, str]]:
    return [
        ("rdfs:label", f"{t.literal(en, 'en')} , {t.literal(ja, 'ja')}"),
        ("skos:prefLabel", f"{t.literal(en, 'en')} , {t.literal(ja, 'ja')}"),
    ]


def _mappings(exact: list[str], close: list[str], equivalent: str) -> list[tuple[str, str]]:
    pairs = []
    if exact:
        pairs.append(("skos:exactMatch", " , ".join(exact)))
        pairs.append((equivalent, " , ".join(exact)))
    if close:
        pairs.append(("skos:closeMatch", " , ".join(close)))
    return pairs


def _classes(vocab: Vocabulary) -> list[str]:
    out = []
    for cls in vocab.classes.values():
        pairs = [
            ("a", "owl:Class"),
            *_labels(cls.title, cls.label_ja),
            ("rdfs:isDefinedBy", "<https://w3id.org/junkan/ns>"),
        ]
        if cls.description:
            comments = [t.literal(cls.description, "en")]
            if cls.description_ja:
                comments.append(t.literal(cls.description_ja, "ja"))
            pairs.append(("rdfs:comment", " , ".join(comments)))
        pairs += _mappings(cls.exact, cls.close, "owl:equivalentClass")
        out.append(t.block(f"jk:{cls.name}", pairs))
    return out


def _properties(vocab: Vocabulary) -> list[str]:
    out = []
    for name, f in sorted(vocab.all_fields().items()):
        is_object = f.kind in ("iri", "object")
        kind = "owl:ObjectProperty" if is_object else "owl:DatatypeProperty"
        pairs = [
            ("a", kind),
            *_labels(f.title, f.label_ja),
            ("rdfs:isDefinedBy", "<https://w3id.org/junkan/ns>"),
        ]
        if f.kind == "object":
            pairs.append(("rdfs:range", f"jk:{f.object_class}"))
        elif f.kind in _KIND_RANGE:
            pairs.append(("rdfs:range", _KIND_RANGE[f.kind]))
        if f.description:
            pairs.append(("rdfs:comment", t.literal(f.description, "en")))
        if f.codes:
            scheme = vocab.code_lists[f.codes].scheme
            pairs.append(("jk:codeList", t.iri(vocab.codes_base + scheme)))
        pairs += _mappings(f.exact, f.close, "owl:equivalentProperty")
        out.append(t.block(f"jk:{name}", pairs))
    return out


def _scheme(vocab: Vocabulary, cl: CodeList) -> list[str]:
    base = f"{vocab.codes_base}{cl.scheme}/"
    out = [
        t.block(
            t.iri(vocab.codes_base + cl.scheme),
            [("a", "skos:ConceptScheme"), *_labels(cl.title, cl.label_ja)],
        )
    ]
    for c in cl.concepts:
        pairs = [
            ("a", "skos:Concept"),
            ("skos:inScheme", t.iri(vocab.codes_base + cl.scheme)),
            ("skos:notation", t.literal(c.code)),
            *_labels(c.label_en, c.label_ja),
        ]
        for key, value in c.extra.items():
            if not value:
                continue
            if key == "parent":
                pairs.append(("skos:broader", t.iri(base + value)))
            elif key == "cbv_biz_step":
                pairs.append(("skos:closeMatch", f"cbv:BizStep-{value}"))
            else:
                pairs.append((f"jk:{camel(key)}", t.literal(value)))
        out.append(t.block(t.iri(base + c.code), pairs))
    return out


def vocabulary_turtle(vocab: Vocabulary) -> str:
    pfx = {k: vocab.prefixes[k] for k in (*_MAPPING_PREFIXES, "jk", "skos", "owl", "rdfs", "xsd")}
    pfx["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    parts = [
        t.prefixes(pfx),
        "# Generated from schemas/junkan.yaml by schemas/build.py. Do not edit.\n\n",
        t.block(
            "<https://w3id.org/junkan/ns>",
            [
                ("a", "owl:Ontology"),
                (
                    "rdfs:label",
                    t.literal("Junkan circularity vocabulary", "en")
                    + " , "
                    + t.literal("循環 サーキュラーエコノミー語彙", "ja"),
                ),
                ("owl:versionInfo", t.literal(str(vocab.source["version"]))),
            ],
        ),
        "\n",
    ]
    blocks = _classes(vocab) + _properties(vocab)
    for cl in vocab.code_lists.values():
        if cl.published:
            blocks += _scheme(vocab, cl)
    parts.append("\n".join(blocks))
    return "".join(parts)
