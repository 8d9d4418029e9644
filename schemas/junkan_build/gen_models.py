"""Pydantic v2 models, generated as Python source for junkan_connect.vocab.generated.models."""

from __future__ import annotations

from .model import ClassDef, Field, Vocabulary

HEADER = '''"""Pydantic v2 models of the Junkan vocabulary (v1).

Generated from schemas/junkan.yaml by schemas/build.py. Do not edit.
Models are closed (extra keys are errors) and strict (no string-to-number coercion).
Optional fields default to None but reject an explicit null, as the JSON-LD form does.
"""

# ruff: noqa: E501

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from junkan_connect.vocab.fields import (
    check_corporate_number,
    check_gs1,
    check_municipality_code,
)

CONTEXT_URL = {context!r}


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)
'''

_CHECKERS = {
    "municipality": "check_municipality_code",
    "corporate": "check_corporate_number",
    "gs1": "check_gs1",
}


def _literal(values: list[str]) -> str:
    return "Literal[" + ", ".join(repr(v) for v in values) + "]"


def _bounds(f: Field) -> str:
    parts = []
    if f.minimum is not None:
        parts.append(f"ge={f.minimum!r}")
    if f.maximum is not None:
        parts.append(f"le={f.maximum!r}")
    return ", ".join(parts)


def _scalar(vocab: Vocabulary, f: Field) -> str:
    if f.kind == "number":
        extra = ", ".join(p for p in (_bounds(f), "allow_inf_nan=False") if p)
        return f"Annotated[float, Field({extra})]"
    if f.kind == "integer":
        return f"Annotated[int, Field({_bounds(f)})]" if _bounds(f) else "int"
    if f.kind == "boolean":
        return "bool"
    if f.kind == "langtext":
        text = "Annotated[str, Field(min_length=1, max_length=2000)]"
        return f"Annotated[dict[Literal['ja', 'en'], {text}], Field(min_length=1)]"
    if f.kind == "code":
        return _literal([c.code for c in vocab.code_lists[f.codes].concepts])
    if f.kind == "object":
        return f.object_class
    args = [f"Field(pattern={f.pattern!r})"] if f.pattern else []
    if f.check_digit:
        args.append(f"AfterValidator({_CHECKERS[f.check_digit]})")
    return f"Annotated[str, {', '.join(args)}]" if args else "str"


def _annotation(vocab: Vocabulary, f: Field) -> str:
    inner = _scalar(vocab, f)
    if not f.multivalued:
        return inner
    return f"Annotated[list[{inner}], Field(min_length=1)]" if f.required else f"list[{inner}]"


def _class_source(vocab: Vocabulary, cls: ClassDef) -> str:
    lines = [f"class {cls.name}(_Closed):", f'    """{cls.title} / {cls.label_ja}"""', ""]
    if cls.record:
        iri = vocab.source["types"]["Iri"]["pattern"]
        lines += [
            '    context: Literal[CONTEXT_URL] = Field(alias="@context")',
            f'    id: Annotated[str, Field(alias="@id", pattern={iri!r})]',
            f'    type: Literal[{cls.name!r}] = Field(alias="@type")',
        ]
    for f in cls.fields:
        default = "" if f.required else " = None"
        lines.append(f"    {f.name}: {_annotation(vocab, f)}{default}")
    return "\n".join(lines) + "\n"


def _ordered(vocab: Vocabulary) -> list[ClassDef]:
    """Nested classes before the classes that use them, so no forward references remain."""
    done: list[str] = []

    def visit(name: str) -> None:
        if name in done:
            return
        for f in vocab.classes[name].fields:
            if f.object_class:
                visit(f.object_class)
        done.append(name)

    for name in vocab.classes:
        visit(name)
    return [vocab.classes[n] for n in done]


def models_source(vocab: Vocabulary) -> str:
    parts = [HEADER.format(context=vocab.context_url)]
    for cls in _ordered(vocab):
        parts.append("\n\n" + _class_source(vocab, cls))
    records = ", ".join(c.name for c in vocab.records())
    parts.append(f"\n\nRECORD_MODELS = {{m.__name__: m for m in ({records})}}\n")
    return "".join(parts)
