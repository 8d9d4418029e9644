"""UN/ECE Recommendation 20 units: mass conversion to kilograms and the not-a-mass flag."""

from __future__ import annotations

import math
from functools import cache

from junkan_connect.vocab.codes import code_list


class UnitError(ValueError):
    """Raised for unknown units or for units that are not masses."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@cache
def _kg_factors() -> dict[str, float]:
    return {
        c.code: c.attributes["kgFactor"] for c in code_list("units") if "kgFactor" in c.attributes
    }


def is_known_unit(unit_code: str) -> bool:
    return unit_code in code_list("units")


def is_mass_unit(unit_code: str) -> bool:
    return unit_code in _kg_factors()


def kg_factor(unit_code: str) -> float:
    factors = _kg_factors()
    if unit_code in factors:
        return factors[unit_code]
    if is_known_unit(unit_code):
        raise UnitError("not-a-mass-unit", f"{unit_code} is not a unit of mass")
    raise UnitError("unknown-unit", f"{unit_code!r} is not a known UN/ECE Rec 20 unit")


def to_kg(value: float, unit_code: str) -> float:
    """Convert a mass to kilograms; the caller keeps the original value and unit alongside."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"mass value must be a finite number, got {value!r}")
    return value * kg_factor(unit_code)


def normalise_mass(quantity: dict) -> dict:
    """`{"value": 12.5, "unit": "TNE"}` → the same plus `"kg": 12500.0` (original kept)."""
    return {
        "value": quantity["value"],
        "unit": quantity["unit"],
        "kg": to_kg(quantity["value"], quantity["unit"]),
    }
