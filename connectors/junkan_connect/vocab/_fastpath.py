"""Straight-line acceptance functions for the common case: a record that is entirely valid.

For each class we build, once at import, a Python function with every check inlined (no
per-key dispatch), from the generated validator table. It only answers "valid: yes/no"; any
"no" falls back to the per-key checks in validate.py, which produce the issues. So the fast
function may be stricter than the full checks but never looser: every condition below is one
of the full checks' conditions, and the tests compare both on the example corpus.

The source is built from our own vocabulary table only (property names via repr); values from
records are never part of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _condition(name: str, spec: dict, env: dict[str, Any], check: Callable, var: str = "v") -> str:
    """A boolean expression over `var` that is true only if the full check would accept it."""
    kind = spec["kind"]
    if spec["multivalued"]:
        # Every element through the element's own straight-line condition (an object's
        # accept function, a code set …) instead of the per-key checks.
        element = _condition(name, {**spec, "multivalued": False}, env, check.item, "e")
        nonempty = f" and {var}" if spec["required"] else ""
        return f"({var}.__class__ is list{nonempty} and all({element} for e in {var}))"
    if kind == "object":
        env[f"O_{name}"] = env["__objects__"][spec["object_class"]]
        return f"({var}.__class__ is dict and O_{name}({var}))"
    if kind in ("langtext", "string", "iri"):
        env[f"F_{name}"] = check
        if hasattr(check, "seen"):
            # values already found valid skip the call entirely
            env[f"S_{name}"] = check.seen
            return f"(({var}.__class__ is str and {var} in S_{name}) or F_{name}({var}) is None)"
        return f"(F_{name}({var}) is None)"
    if kind == "code":
        env[f"C_{name}"] = frozenset(spec["codes"])
        return f"({var}.__class__ is str and {var} in C_{name})"
    lo, hi = spec.get("minimum"), spec.get("maximum")
    env[f"LO_{name}"] = -1.7976931348623157e308 if lo is None else lo
    env[f"HI_{name}"] = 1.7976931348623157e308 if hi is None else hi
    if kind == "integer":
        return f"({var}.__class__ is int and LO_{name} <= {var} <= HI_{name})"
    return (
        f"(({var}.__class__ is float or {var}.__class__ is int) "
        f"and LO_{name} <= {var} <= HI_{name})"
    )


def _source(
    cls: str, fields: dict, checks: dict, envelope: tuple[str, ...], required: int, env: dict
) -> str:
    """`envelope`: a record's keys besides its fields (empty for other classes); `required`:
    how many keys a valid object must have, the envelope included.

    A missing required key raises KeyError (-> not accepted); a key the class does not know
    leaves the count of known keys short of len(r). Both replace set comparisons of
    r.keys(), which cost more than the field checks of a small object."""
    lines = [f"def accept_{cls}(r):", "    try:"]
    if envelope:
        lines += [
            "        v = r['@context']",
            "        if not (v.__class__ is str and v == CONTEXT):",
            "            return False",
            "        if not (F_ID(r['@id']) is None):",
            "            return False",
        ]
        # any other envelope key (@type) only has to be there
        lines += [f"        r[{key!r}]" for key in envelope if key not in ("@context", "@id")]
    lines.append(f"        n = {required}")
    for i, (key, spec) in enumerate(fields.items()):
        cond = _condition(str(i), spec, env, checks[key])
        if spec["required"]:
            lines.append(f"        v = r[{key!r}]")
            lines += [f"        if not {cond}:", "            return False"]
        else:
            # `in` plus a subscript are plain bytecodes; dict.get would be a method call
            lines.append(f"        if {key!r} in r:")
            lines.append("            n += 1")
            lines.append(f"            v = r[{key!r}]")
            lines += [f"            if not {cond}:", "                return False"]
    lines += ["    except KeyError:", "        return False", "    return n == len(r)"]
    return "\n".join(lines) + "\n"


def build(
    table: dict, shapes: dict[str, Any], record_envelope: tuple[str, ...]
) -> dict[str, Callable[[dict], bool]]:
    """Accept functions for every class; `shapes` are validate._Shape objects by class name,
    `record_envelope` the keys a record has besides its fields (@context, @id, @type)."""
    accept: dict[str, Callable[[dict], bool]] = {}
    for cls in _dependency_order(table["classes"]):
        spec = table["classes"][cls]
        shape = shapes[cls]
        env: dict[str, Any] = {
            "__objects__": accept,
            "CONTEXT": table["context"],
            "F_ID": shape.checks.get("@id"),
        }
        fields = spec["fields"]
        envelope = record_envelope if spec["record"] else ()
        required = len(envelope) + sum(1 for f in fields.values() if f["required"])
        if len(shape.checks) != len(fields) + len(envelope) or len(shape.required) != required:
            # the key count in _source relies on exactly these keys
            raise RuntimeError(f"{cls}: fast path and full checks disagree on the keys")
        source = _source(cls, fields, shape.checks, envelope, required, env)
        exec(compile(source, f"<junkan-accept-{cls}>", "exec"), env)  # noqa: S102
        accept[cls] = env[f"accept_{cls}"]
    return accept


def _dependency_order(classes: dict) -> list[str]:
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        for spec in classes[name]["fields"].values():
            if spec.get("object_class"):
                visit(spec["object_class"])
        order.append(name)

    for name in classes:
        visit(name)
    return order
