"""Check-digit validators used by the generated pydantic models (wrapping identifiers.py)."""

from __future__ import annotations

from junkan_connect.identifiers import is_valid_corporate_number, is_valid_municipality_code


def check_municipality_code(value: str) -> str:
    """Six-digit values must carry a valid JIS X 0402 check digit; JP and 01..47 pass through."""
    if len(value) == 6 and not is_valid_municipality_code(value):
        raise ValueError("invalid-municipality-code: wrong check digit")
    return value


def check_corporate_number(value: str) -> str:
    if not is_valid_corporate_number(value):
        raise ValueError("invalid-corporate-number: wrong check digit")
    return value
