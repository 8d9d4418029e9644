"""Fast validator for records in canonical compact JSON-LD (the pinned context only).

The checks are compiled once from the generated `validator.json` table (itself generated from
the LinkML source), into one closure per property. A record is validated as plain JSON: this
is equivalent to running the SHACL shapes on its RDF graph, which the differential test in
tests/schemas proves over examples and mutations. Anything not in canonical form — another
context, @graph, @included, unknown keys — is rejected rather than interpreted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from junkan_connect.identifiers import is_valid_corporate_number, is_valid_municipality_code
from junkan_connect.vocab import _fastpath
from junkan_connect.vocab.checkdigits import is_valid_gs1
from junkan_connect.vocab.resources import validator_table


class Issue(NamedTuple):
    path: str  # JSON path, e.g. "$.mass.unit" or "$.inputs[0].material"
    code: str  # stable kebab-case error code (docs/vocabulary/error-codes.md)
    message: str


# A compiled check returns None when the value is valid, else (relative path, code, message)
# triples; relative paths start with "." or "[" or are empty.
Problems = list[tuple[str, str, str]]
Check = Callable[[Any], Problems | None]

_ENVELOPE = ("@context", "@id", "@type")
_SEEN_LIMIT = 4096
_CHECK_DIGITS = {
    # municipality: only six-digit regions carry a check digit (JP and 01..47 do not)
    "municipality": (
        "invalid-municipality-code",
        lambda v: len(v) != 6 or is_valid_municipality_code(v),
    ),
    "corporate": ("invalid-corporate-number", is_valid_corporate_number),
    "gs1": ("invalid-check-digit", is_valid_gs1),
}


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _number_problem(value: Any, lo: float, hi: float, integer: bool) -> Problems:
    wanted = "an integer" if integer else "a number"
    if type(value) not in ((int,) if integer else (int, float)):
        return [("", "wrong-type", f"expected {wanted}, got {_type_name(value)}")]
    if not math.isfinite(value):
        return [("", "non-finite-number", "NaN and infinity are not allowed")]
    return [("", "out-of-range", f"{value!r} is outside {lo:g}..{hi:g}")]


def _number(spec: dict, integer: bool) -> Check:
    lo = spec.get("minimum", -math.inf if integer else -1.7976931348623157e308)
    hi = spec.get("maximum", math.inf if integer else 1.7976931348623157e308)
    if integer:
        lo = lo if lo != -math.inf else -1.7976931348623157e308
        hi = hi if hi != math.inf else 1.7976931348623157e308
    ok_types = (int,) if integer else (int, float)

    def check(value: Any) -> Problems | None:
        # bool is a subclass of int but never a number here; type() excludes it
        if type(value) in ok_types and lo <= value <= hi:
            return None
        return _number_problem(value, lo, hi, integer)

    return check


def _string(spec: dict) -> Check:
    pattern = re.compile(spec["pattern"]).search if "pattern" in spec else None
    error = spec.get("error", "invalid-pattern")
    single_line = spec.get("single_line", False)
    digit_error, digit_ok = _CHECK_DIGITS.get(spec.get("check_digit"), (None, None))

    # Values such as regions, periods and reporter IRIs repeat across a submission; remembering
    # a bounded number of values already found valid skips the regex and check-digit work.
    seen: set[str] = set()

    def check(value: Any) -> Problems | None:
        if type(value) is not str:
            return [("", "wrong-type", f"expected a string, got {_type_name(value)}")]
        if value in seen:
            return None
        if pattern is not None and (pattern(value) is None or (single_line and "\n" in value)):
            return [("", error, f"{value!r} does not have the required format")]
        if digit_ok is not None and not digit_ok(value):
            return [("", digit_error, f"{value!r} has a wrong check digit")]
        if len(seen) < _SEEN_LIMIT:
            seen.add(value)
        return None

    check.seen = seen  # type: ignore[attr-defined]  # read by the straight-line fast path
    return check


def _code(spec: dict) -> Check:
    codes = frozenset(spec["codes"])
    superset = frozenset(spec.get("superset", ()))
    error, superset_error = spec["error"], spec.get("superset_error")

    def check(value: Any) -> Problems | None:
        if type(value) is str and value in codes:
            return None
        if type(value) is not str:
            return [("", "wrong-type", f"expected a code string, got {_type_name(value)}")]
        if value in superset:
            return [("", superset_error, f"{value!r} is not allowed here")]
        return [("", error, f"{value!r} is not in the code list")]

    return check


def _langtext(_spec: dict) -> Check:
    def check(value: Any) -> Problems | None:
        if type(value) is not dict:
            return [("", "wrong-type", 'expected a language map {"ja": …, "en": …}')]
        if not value:
            return [("", "empty-value", "the language map is empty")]
        problems: Problems = []
        for lang, text in value.items():
            if lang not in ("ja", "en"):
                problems.append((f".{lang}", "invalid-language", "only ja and en are allowed"))
            elif type(text) is not str:
                problems.append((f".{lang}", "wrong-type", "expected a string"))
            elif not 0 < len(text) <= 2000:
                problems.append((f".{lang}", "out-of-range", "text must have 1–2000 characters"))
        return problems or None

    return check


def _many(item: Check, required: bool) -> Check:
    def check(value: Any) -> Problems | None:
        if type(value) is not list:
            return [("", "wrong-type", f"expected a list, got {_type_name(value)}")]
        if required and not value:
            return [("", "empty-value", "at least one entry is required")]
        problems: Problems = []
        for i, entry in enumerate(value):
            found = item(entry)
            if found:
                problems += [(f"[{i}]{sub}", code, msg) for sub, code, msg in found]
        return problems or None

    check.item = item  # type: ignore[attr-defined]  # read by the straight-line fast path
    return check


class _Shape(NamedTuple):
    checks: dict[str, Check]
    required: frozenset[str]


def _check_keys(value: dict, shape: _Shape) -> Problems | None:
    """Closed key set, per-key checks, then required keys."""
    problems: Problems | None = None
    checks = shape.checks
    for key, item in value.items():
        check = checks.get(key)
        if check is None:
            keyword = isinstance(key, str) and key.startswith("@")
            code = "keyword-not-allowed" if keyword else "unknown-field"
            problems = problems or []
            problems.append((f".{key}", code, f"{key!r} is not allowed here"))
            continue
        found = check(item)
        if found:
            problems = problems or []
            problems += [(f".{key}{sub}", code, msg) for sub, code, msg in found]
    if not shape.required <= value.keys():
        problems = problems or []
        problems += [
            (f".{key}", "missing-field", f"{key!r} is required")
            for key in sorted(shape.required - value.keys())
        ]
    return problems


def _object(shape: _Shape) -> Check:
    def check(value: Any) -> Problems | None:
        if type(value) is not dict:
            return [("", "wrong-type", f"expected an object, got {_type_name(value)}")]
        return _check_keys(value, shape)

    return check


class _Compiler:
    """Turns the generated table into one _Shape per class (nested classes compiled once)."""

    def __init__(self, table: dict) -> None:
        self.table = table
        self.shapes: dict[str, _Shape] = {}
        self.iri = _string(
            {"pattern": table["iri_pattern"], "error": "invalid-iri", "single_line": True}
        )

    def field(self, spec: dict) -> Check:
        kind = spec["kind"]
        if kind == "number" or kind == "integer":
            item = _number(spec, integer=kind == "integer")
        elif kind == "code":
            item = _code(spec)
        elif kind == "langtext":
            item = _langtext(spec)
        elif kind == "object":
            item = _object(self.shape(spec["object_class"]))
        elif kind == "iri":
            item = self.iri
        else:
            item = _string(spec)
        return _many(item, spec["required"]) if spec["multivalued"] else item

    def shape(self, name: str) -> _Shape:
        if name not in self.shapes:
            spec = self.table["classes"][name]
            checks = {key: self.field(f) for key, f in spec["fields"].items()}
            required = {key for key, f in spec["fields"].items() if f["required"]}
            if spec["record"]:
                checks.update(self.envelope())
                required.update(_ENVELOPE)
            self.shapes[name] = _Shape(checks, frozenset(required))
        return self.shapes[name]

    def envelope(self) -> dict[str, Check]:
        context = self.table["context"]

        def check_context(value: Any) -> Problems | None:
            if value == context and type(value) is str:
                return None
            return [("", "context-not-allowed", f"@context must be exactly {context!r}")]

        return {"@context": check_context, "@id": self.iri, "@type": lambda _value: None}


def _compile() -> tuple[dict[str, _Shape], dict[str, Callable[[dict], bool]]]:
    compiler = _Compiler(validator_table())
    table = compiler.table["classes"]
    shapes = {name: compiler.shape(name) for name in table}
    accept = _fastpath.build(compiler.table, shapes, _ENVELOPE)
    records = {name for name, spec in table.items() if spec["record"]}
    return ({n: shapes[n] for n in records}, {n: accept[n] for n in records})


_RECORDS, _ACCEPT = _compile()
RECORD_TYPES = tuple(sorted(_RECORDS))


def _unknown_type(record: dict) -> list[Issue]:
    issues = []
    rtype = record.get("@type")
    if "@type" not in record:
        issues.append(Issue("$.@type", "missing-field", "'@type' is required"))
    elif type(rtype) is not str:
        issues.append(Issue("$.@type", "wrong-type", "@type must be one type name (a string)"))
    else:
        issues.append(Issue("$.@type", "unknown-type", f"{rtype!r} is not a record type"))
    problems = _RECORDS["Organization"].checks["@context"](record.get("@context"))
    issues += [Issue("$.@context", code, msg) for _sub, code, msg in problems or ()]
    # a document without a record type is often a smuggling attempt (@graph, @included)
    issues += [
        Issue(f"$.{key}", "keyword-not-allowed", f"{key!r} is not allowed")
        for key in record
        if isinstance(key, str) and key.startswith("@") and key not in _ENVELOPE
    ]
    return issues


def validate(record: Any) -> list[Issue]:
    """All issues of one compact JSON-LD record; an empty list means it is valid."""
    if type(record) is not dict:
        return [Issue("$", "not-an-object", f"expected an object, got {_type_name(record)}")]
    rtype = record.get("@type")
    shape = _RECORDS.get(rtype) if type(rtype) is str else None
    if shape is None:
        return _unknown_type(record)
    if _ACCEPT[rtype](record):
        return []
    problems = _check_keys(record, shape)
    if not problems:
        return []
    return [Issue("$" + sub, code, msg) for sub, code, msg in problems]


def is_valid(record: Any) -> bool:
    return not validate(record)
