"""Shared helpers for SAMM/Aspect payloads (Catena-X, Battery Pass): units, placeholder values,
percentages, walking nested objects."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

# SAMM unit catalogue names → UN/ECE Rec 20 mass codes ("unit:gramm" occurs in real samples)
SAMM_MASS_UNITS = {
    "unit:gram": "GRM",
    "unit:gramm": "GRM",
    "unit:kilogram": "KGM",
    "unit:kilogramm": "KGM",
    "unit:tonne": "TNE",
    "unit:tonneMetricTon": "TNE",
    "unit:milligram": "MGM",
    "kg": "KGM",
    "g": "GRM",
    "t": "TNE",
}
# concentration units → factor to a 0..1 fraction
FRACTION_UNITS = {
    "unit:partPerMillion": 1e-6,
    "unit:percent": 0.01,
    "%": 0.01,
    "unit:partPerBillion": 1e-9,
    "unit:partPerThousand": 1e-3,
    "unit:gramPerKilogram": 1e-3,
    "unit:milligramPerKilogram": 1e-6,
}

# Generated sample payloads fill numbers with the double extremes or 1e38-like sentinels;
# such a value is never data.
_PLACEHOLDER_ABS = 1e30


def is_placeholder(value: Any) -> bool:
    return type(value) in (int, float) and (
        not math.isfinite(value) or abs(value) >= _PLACEHOLDER_ABS
    )


def walk(value: Any, path: str = "$") -> Iterator[tuple[str, Any]]:
    """(JSON path, scalar) for every leaf."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, f"{path}[{index}]")
    else:
        yield path, value


def placeholders(doc: Any) -> list[tuple[str, Any]]:
    return [(path, value) for path, value in walk(doc) if is_placeholder(value)]


def get(doc: Any, *path: str | int, default: Any = None) -> Any:
    """doc[path[0]][path[1]]… or default when any step is missing or of the wrong kind."""
    for step in path:
        if isinstance(step, int):
            if not isinstance(doc, list) or step >= len(doc):
                return default
        elif not isinstance(doc, dict) or step not in doc:
            return default
        doc = doc[step]
    return doc


def applicable(block: Any) -> Any:
    """Catena-X `{"applicable": bool, "content": …}` wrappers → content (or None)."""
    if isinstance(block, dict) and "applicable" in block:
        return block.get("content") if block.get("applicable") else None
    return block


def language(tag: Any) -> str:
    """'en-GB' → 'en'; our language maps allow ja and en only."""
    return "ja" if isinstance(tag, str) and tag.lower().startswith("ja") else "en"


def as_fraction(value: Any, unit: str | None) -> float | None:
    factor = FRACTION_UNITS.get(unit or "unit:percent")
    if factor is None or type(value) not in (int, float) or is_placeholder(value):
        return None
    result = round(value * factor, 12)
    return result if 0 <= result <= 1 else None
