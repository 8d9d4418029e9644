"""Tiny Turtle writing helpers; we write Turtle as text so the output order is ours and stable."""

from __future__ import annotations

import json


def literal(text: str, lang: str | None = None) -> str:
    # JSON string escaping is a valid subset of Turtle's string escapes
    quoted = json.dumps(text, ensure_ascii=False)
    return f"{quoted}@{lang}" if lang else quoted


def number(value: float | int) -> str:
    if isinstance(value, int) or (float(value).is_integer() and abs(value) < 1e15):
        return str(int(value))
    return repr(float(value)).replace("e+", "E").replace("e", "E")


def iri(value: str) -> str:
    return f"<{value}>"


def block(subject: str, pairs: list[tuple[str, str]]) -> str:
    """`subject p1 o1 ; p2 o2 .` with one predicate per line."""
    body = " ;\n".join(f"    {p} {o}" for p, o in pairs)
    return f"{subject}\n{body} .\n"


def prefixes(mapping: dict[str, str]) -> str:
    return "".join(f"@prefix {k}: <{v}> .\n" for k, v in sorted(mapping.items())) + "\n"
