"""GS1 (GTIN/JAN, GLN) check digits; the Japanese identifiers live in junkan_connect.identifiers."""

from __future__ import annotations


def is_valid_gs1(value: str) -> bool:
    """Mod-10 check digit of GTIN-8/12/13/14 and GLN: weights 3,1,3,… from the right."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return False
    body = value[-2::-1]
    total = sum(int(ch) * (3 if i % 2 == 0 else 1) for i, ch in enumerate(body))
    return (10 - total % 10) % 10 == int(value[-1])
