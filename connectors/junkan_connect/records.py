"""Small builders for canonical compact JSON-LD records (the shapes in examples/records/valid)."""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import quote

from junkan_connect.vocab import CONTEXT_URL, is_mass_unit, to_kg

# Characters an IRI may carry unescaped in our minted ids (the vocabulary's IRI pattern
# forbids whitespace and <>"{}|\^`).
_SAFE = ":/#-._~@!$&'()*+,;=?"


def new_record(rtype: str, iri: str) -> dict[str, Any]:
    return {"@context": CONTEXT_URL, "@id": iri, "@type": rtype}


_PLAIN = re.compile(r"[A-Za-z0-9:/#\-._~@!$&'()*+,;=?]*")


def mint_iri(base: str, kind: str, key: str) -> str:
    """A stable IRI for a record: base + kind + "/" + the (escaped) source key."""
    key = str(key)
    if _PLAIN.fullmatch(key) is None:  # most keys (URNs, URLs) need no escaping
        key = quote(key, safe=_SAFE)
    return f"{base}{kind}/{key}"


def mass(value: float, unit: str) -> dict[str, Any]:
    """A MassQuantity that keeps the source value and unit (the hub normalises to kg)."""
    return {"unit": unit, "value": value}


def mass_kg(quantity: dict[str, Any]) -> float:
    return to_kg(quantity["value"], quantity["unit"])


def is_number(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


def as_number(value: Any) -> float | None:
    """A finite number from a JSON number or a numeric string, else None."""
    if type(value) in (int, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            number = float(value.replace(",", "").strip())
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


_MONTH = re.compile(r"^((?:19|20)\d{2})-(0[1-9]|1[0-2])")


def month_of(timestamp: Any) -> str | None:
    """'2026-06-25T10:30:00Z' → '2026-06' (the vocabulary's monthly period form)."""
    if isinstance(timestamp, str):
        found = _MONTH.match(timestamp.strip())
        if found:
            return f"{found.group(1)}-{found.group(2)}"
    return None


def fraction(percent: Any) -> float | None:
    """0..100 percent → 0..1 fraction; None when not a number in range."""
    number = as_number(percent)
    if number is None or not 0 <= number <= 100:
        return None
    return round(number / 100, 12)


def mass_unit(code: str) -> bool:
    return isinstance(code, str) and is_mass_unit(code)


def drop_none(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value is not None}
