"""Structural limits on submitted JSON, checked without recursion.

The fast validator only descends into keys the vocabulary defines, so a valid record is
bounded by the schema. These limits give clear codes for pathological input (deep nesting,
huge literals, very wide objects) and run on every record the validator did not accept, and
on all records whenever the body could hold an over-long literal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from junkan.submissions.report import Report
from junkan_connect.vocab.sizes import utf8_length

if TYPE_CHECKING:
    from junkan.settings import Settings


@dataclass(frozen=True)
class Limits:
    max_records: int = 100_000
    max_depth: int = 16
    max_literal_length: int = 10_000
    max_iri_length: int = 2_048
    max_properties: int = 200

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            max_records=settings.max_records_per_submission,
            max_depth=settings.max_nesting_depth,
            max_literal_length=settings.max_literal_length,
            max_iri_length=settings.max_iri_length,
            max_properties=settings.max_properties_per_node,
        )


IRI_KEYS = frozenset({"@id", "@type"})
_QUOTE = ord('"')
_WINDOW = 1 << 22


def _iri_check(key: str, value: str, limits: Limits) -> tuple[str, str] | None:
    # In bytes: an @id is a key of a database index, whose entries are bounded in bytes
    # (PostgreSQL: 2,704), and 2,048 characters of kanji would be three times that.
    if key in IRI_KEYS and utf8_length(value) > limits.max_iri_length:
        return "iri-too-long", f"IRIs may have at most {limits.max_iri_length} bytes (UTF-8)"
    if len(value) > limits.max_literal_length:
        return (
            "literal-too-long",
            f"strings may have at most {limits.max_literal_length} characters",
        )
    return None


def check_structure(record: Any, index: int, limits: Limits, report: Report) -> bool:
    """Report the first limit this record breaks; True when it breaks none."""
    stack: list[tuple[Any, str, int, str]] = [(record, "$", 1, "")]
    while stack:
        node, path, depth, key = stack.pop()
        if depth > limits.max_depth:
            report.error(index, path, "too-deep", f"nesting deeper than {limits.max_depth} levels")
            return False
        if isinstance(node, dict):
            if len(node) > limits.max_properties:
                report.error(
                    index,
                    path,
                    "too-many-properties",
                    f"objects may have at most {limits.max_properties} properties",
                )
                return False
            for k, v in node.items():
                if len(k) > limits.max_iri_length:
                    report.error(index, path, "iri-too-long", "property name too long")
                    return False
                stack.append((v, f"{path}.{k}", depth + 1, k))
        elif isinstance(node, list):
            if len(node) > limits.max_properties * 50:
                report.error(index, path, "too-many-items", "array too long")
                return False
            stack.extend((v, f"{path}[{i}]", depth + 1, key) for i, v in enumerate(node))
        elif isinstance(node, str):
            problem = _iri_check(key, node, limits)
            if problem:
                report.error(index, path, *problem)
                return False
    return True


def body_may_hold_long_literal(body: bytes, limits: Limits, window: int = _WINDOW) -> bool:
    """Cheap scan: can any run between quotes exceed the literal (or IRI) limit?

    Looks at the gaps between quote bytes window by window with numpy: no object per
    string, so a 100 MB upload costs a few milliseconds and a few megabytes."""
    bound = min(limits.max_literal_length, limits.max_iri_length)
    if len(body) <= bound:
        return False
    data = np.frombuffer(body, dtype=np.uint8)
    previous = -1  # position of the last quote before the current window
    for start in range(0, len(data), window):
        quotes = np.flatnonzero(data[start : start + window] == _QUOTE)
        if not len(quotes):
            continue
        quotes += start
        if quotes[0] - previous - 1 > bound or (
            len(quotes) > 1 and int(np.diff(quotes).max()) - 1 > bound
        ):
            return True
        previous = int(quotes[-1])
    return len(data) - previous - 1 > bound
