"""Check-digit validation for the Japanese identifiers the vocabulary uses.

Shared by the hub and by connectors so both reject the same malformed codes.
"""

from __future__ import annotations

import re

_CORPORATE_RE = re.compile(r"[0-9]{13}")
_MUNICIPALITY_RE = re.compile(r"[0-9]{6}")
_PREFECTURE_RE = re.compile(r"[0-9]{2}")


def corporate_number_check_digit(body: str) -> int:
    """Check digit of a 法人番号 from its 12-digit base (National Tax Agency rule).

    The base digits P(n), counted from the right (n = 1..12), are weighted 1 for odd n and
    2 for even n; the check digit is 9 - (sum mod 9).
    """
    total = 0
    for n, ch in enumerate(reversed(body), start=1):
        total += int(ch) * (1 if n % 2 else 2)
    return 9 - (total % 9)


def is_valid_corporate_number(value: str) -> bool:
    """A corporate number is 13 digits: a check digit followed by the 12-digit base."""
    if not isinstance(value, str) or not _CORPORATE_RE.fullmatch(value):
        return False
    return int(value[0]) == corporate_number_check_digit(value[1:])


def municipality_check_digit(body: str) -> int:
    """Check digit of a JIS X 0402 local government code from its first five digits.

    Weights 6,5,4,3,2; r = sum mod 11; check digit = (11 - r) mod 10 (r = 0 gives 1).
    """
    total = sum(int(ch) * w for ch, w in zip(body, (6, 5, 4, 3, 2), strict=True))
    remainder = total % 11
    if remainder == 0:
        return 1
    return (11 - remainder) % 10


def is_valid_municipality_code(value: str) -> bool:
    """Six digits, a valid prefecture part (01..47) and a correct check digit."""
    if not isinstance(value, str) or not _MUNICIPALITY_RE.fullmatch(value):
        return False
    if not is_valid_prefecture_code(value[:2]):
        return False
    return int(value[5]) == municipality_check_digit(value[:5])


def is_valid_prefecture_code(value: str) -> bool:
    """JIS X 0401: two digits from 01 (Hokkaido) to 47 (Okinawa)."""
    return (
        isinstance(value, str) and bool(_PREFECTURE_RE.fullmatch(value)) and 1 <= int(value) <= 47
    )
