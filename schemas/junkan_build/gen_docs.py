"""Bilingual (ja/en) reference pages for docs/vocabulary/."""

from __future__ import annotations

import json
from pathlib import Path

from .model import ClassDef, CodeList, Field, Vocabulary

GENERATED = "<!-- Generated from schemas/junkan.yaml by schemas/build.py. Do not edit. -->\n\n"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _type_text(vocab: Vocabulary, f: Field) -> str:
    if f.kind == "object":
        text = f"[{f.object_class}](#{f.object_class.lower()})"
    elif f.kind == "code":
        cl = vocab.code_lists[f.codes]
        text = f"code: [{cl.scheme}](code-lists.md#{cl.scheme.replace('_', '-')})"
        if not cl.published:
            text += " (mass units only)"
    else:
        text = f"{f.type_name}"
    bounds = []
    if f.minimum is not None:
        bounds.append(f"≥ {f.minimum:g}")
    if f.maximum is not None:
        bounds.append(f"≤ {f.maximum:g}")
    if bounds:
        text += " (" + ", ".join(bounds) + ")"
    return f"list of {text}" if f.multivalued else text


def _class_section(vocab: Vocabulary, cls: ClassDef) -> str:
    out = [f"## {cls.name}\n", f"**{cls.title}** / **{cls.label_ja}**\n"]
    if cls.description:
        out.append(cls.description + "\n")
    if cls.description_ja:
        out.append(cls.description_ja + "\n")
    if cls.record:
        out.append(
            f'Compact form: `"@context": "{vocab.context_url}"`, `"@id"` (IRI, required), '
            f'`"@type": "{cls.name}"`.\n'
        )
    else:
        out.append(
            "Nested object (no `@id`, no `@type`); keys are closed. / 入れ子のオブジェクト"
            "（`@id`・`@type` なし、キーは閉じています）。\n"
        )
    mapped = [
        f"exact: {', '.join(cls.exact)}" if cls.exact else "",
        f"close: {', '.join(cls.close)}" if cls.close else "",
    ]
    if any(mapped):
        out.append("Alignment / 対応: " + "; ".join(m for m in mapped if m) + "\n")
    rows = [
        [
            f"`{f.name}`",
            f.title,
            f.label_ja,
            _type_text(vocab, f),
            "yes / 必須" if f.required else "",
            f.description,
        ]
        for f in cls.fields
    ]
    out.append(_table(["property", "English", "日本語", "type", "required", "notes"], rows))
    return "\n".join(out)


def _types_section(vocab: Vocabulary) -> str:
    rows = []
    for name, spec in vocab.source["types"].items():
        ann = spec.get("annotations") or {}
        bounds = [
            f"{k.split('_')[0]} {spec[k]:g}"
            for k in ("minimum_value", "maximum_value")
            if k in spec
        ]
        rule = f"`` {spec['pattern']} ``" if "pattern" in spec else ", ".join(bounds)
        rows.append(
            [
                f"`{name}`",
                spec["typeof"],
                rule,
                spec.get("description", ""),
                ann.get("description_ja", ""),
            ]
        )
    return "## Types / 型\n\n" + _table(["type", "base", "rule", "English", "日本語"], rows)


def classes_page(vocab: Vocabulary) -> str:
    intro = (
        "# Classes and properties / クラスとプロパティ\n\n"
        + GENERATED
        + f"Namespace / 名前空間: `{vocab.namespace}`  \nContext: `{vocab.context_url}`\n\n"
    )
    index = "".join(
        f"- [{c.name}](#{c.name.lower()}) — {c.title} / {c.label_ja}\n"
        for c in vocab.classes.values()
    )
    sections = [_class_section(vocab, c) for c in vocab.classes.values()]
    return (
        intro
        + index
        + "- [Types / 型](#types--型)\n\n"
        + "\n".join(sections)
        + "\n"
        + _types_section(vocab)
    )


def _code_section(vocab: Vocabulary, cl: CodeList) -> str:
    extras = [k for k in (cl.concepts[0].extra if cl.concepts else {})]
    rows = [
        [f"`{c.code}`", c.label_en, c.label_ja, *[c.extra.get(k, "") for k in extras]]
        for c in cl.concepts
    ]
    head = f"## {cl.scheme.replace('_', '-')}\n\n**{cl.title}** / **{cl.label_ja}** — "
    head += f"`{vocab.codes_base}{cl.scheme}` ({len(cl.concepts)} codes)\n\n"
    return head + _table(["code", "English", "日本語", *extras], rows)


def code_lists_page(vocab: Vocabulary) -> str:
    intro = (
        "# Code lists / コードリスト\n\n"
        + GENERATED
        + "Every code list is a SKOS concept scheme; a record carries the code (skos:notation) "
        "as a plain string. / 各コードリストはSKOSの概念体系で、レコードにはコード"
        "（skos:notation）を文字列で記載します。\n\n"
        "Units: `kg_factor` converts the value to kilograms; units without a factor are not "
        "masses (`not-a-mass-unit` where a mass is required). / 単位の `kg_factor` は"
        "キログラムへの換算係数です。係数のない単位は質量ではありません。\n\n"
    )
    lists = [cl for cl in vocab.code_lists.values() if cl.published]
    index = "".join(
        f"- [{cl.scheme}](#{cl.scheme.replace('_', '-')}) — {cl.title} / {cl.label_ja}\n"
        for cl in lists
    )
    return intro + index + "\n" + "\n".join(_code_section(vocab, cl) for cl in lists)


def errors_page(vocab: Vocabulary) -> str:
    rows = [[f"`{e.code}`", e.label_en, e.label_ja] for e in vocab.error_codes]
    return (
        "# Validation error codes / 検証エラーコード\n\n"
        + GENERATED
        + "The fast validator, the API and the CLI report these stable codes with a JSON path. "
        "/ 高速検証器・API・CLIはJSONパスとともに以下の固定コードを報告します。\n\n"
        + _table(["code", "English", "日本語"], rows)
    )


def alignments_page(vocab: Vocabulary) -> str:
    rows = []
    for cls in vocab.classes.values():
        rows += [[f"`jk:{cls.name}`", m, "skos:exactMatch, owl:equivalentClass"] for m in cls.exact]
        rows += [[f"`jk:{cls.name}`", m, "skos:closeMatch"] for m in cls.close]
    for name, f in sorted(vocab.all_fields().items()):
        rows += [[f"`jk:{name}`", m, "skos:exactMatch, owl:equivalentProperty"] for m in f.exact]
        rows += [[f"`jk:{name}`", m, "skos:closeMatch"] for m in f.close]
    for cl in vocab.code_lists.values():
        for c in cl.concepts if cl.published else ():
            if c.extra.get("cbv_biz_step"):
                rows.append(
                    [
                        f"`{cl.scheme}/{c.code}`",
                        f"cbv:BizStep-{c.extra['cbv_biz_step']}",
                        "skos:closeMatch",
                    ]
                )
            if c.extra.get("eu_code"):
                rows.append(
                    [
                        f"`{cl.scheme}/{c.code}`",
                        f"EU Waste Framework Directive {c.extra['eu_code']}",
                        "recovery/disposal operation code (jk:euCode)",
                    ]
                )
    pfx = "".join(
        f"- `{k}:` {vocab.prefixes[k]}\n" for k in ("schema", "prov", "cbv", "epcis", "untp")
    )
    return (
        "# Alignments / 外部語彙との対応\n\n"
        + GENERATED
        + pfx
        + "\n"
        + _table(["Junkan term", "external term", "relation"], rows)
    )


EXAMPLE = {
    "@context": "https://w3id.org/junkan/contexts/v1.jsonld",
    "@id": "https://example.org/flows/1",
    "@type": "MaterialFlow",
    "reporter": "https://example.org/orgs/acme",
    "material": "pet",
    "mass": {"value": 12.5, "unit": "TNE"},
    "fromStage": "collection",
    "toStage": "sorting",
    "period": "FY2023",
    "region": "131016",
    "recoveryType": "recycling_mechanical",
    "dataQuality": "measured",
    "disclosure": "confidential",
}


def readme_page(vocab: Vocabulary) -> str:
    template = (Path(__file__).resolve().parent.parent / "docs_readme.md.in").read_text("utf-8")
    return template.format(
        generated=GENERATED,
        ns=vocab.namespace,
        ctx=vocab.context_url,
        records=", ".join(c.name for c in vocab.records()),
        example=json.dumps(EXAMPLE, ensure_ascii=False, indent=2),
    )
