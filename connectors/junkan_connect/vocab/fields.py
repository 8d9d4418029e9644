"""Check-digit validators used by the generated pydantic models (wrapping identifiers.py)."""

from __future__ import annotations

from junkan_connect.identifiers import is_valid_corporate_number, is_valid_municipality_code
from junkan_connect.vocab.checkdigits import is_valid_gs1


def check_municipality_code(value: str) -> str:
    """Six-digit values must carry a valid JIS X 0402 check digit; JP and 01..47 pass through."""
    if len(value) == 6 and not is_valid_municipality_code(value):
        raise ValueError("invalid-municipality-code: wrong check digit")
    return value


def check_corporate_number(value: str) -> str:
    if not is_valid_corporate_number(value):
        raise ValueError("invalid-corporate-number: wrong check digit")
    return value


def check_gs1(value: str) -> str:
    if not is_valid_gs1(value):
        raise ValueError("invalid-check-digit: wrong GS1 check digit")
    return value
