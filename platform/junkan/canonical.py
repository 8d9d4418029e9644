"""Content hashes over RFC 8785 canonical JSON, fast.

orjson with sorted keys writes the same bytes as RFC 8785 for the JSON records carry, except
for floats with an integral value (orjson `12.0`, RFC 8785 `12`), some exponent forms and
keys beyond the BMP. A scan of orjson's output for those shapes sends such records to the
exact (slower) serialiser; tests/submissions/test_canonical.py proves the two agree.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from junkan_connect.canonical import canonical_json

_ORJSON_OPTIONS = orjson.OPT_SORT_KEYS


def _needs_exact(fast: bytes) -> bool:
    """orjson writes integral floats as "12.0" (RFC 8785: "12") and some numbers with an
    exponent ("1e+16"); either shape, or a character beyond the BMP, takes the exact path.
    Plain substring tests run at C speed; a string that merely looks alike costs a detour."""
    return (
        b"e+" in fast
        or b"e-" in fast
        or b".0," in fast
        or b".0}" in fast
        or b".0]" in fast
        or fast.endswith(b".0")
        or (not fast.isascii() and _beyond_bmp(fast))
    )


def _beyond_bmp(fast: bytes) -> bool:
    """Key order differs between UTF-8 bytes (orjson) and UTF-16 units (RFC 8785) only
    around characters above U+FFFF, whose UTF-8 form starts with 0xF0-0xF4. One-byte
    searches are memchr calls: several times faster than a regular expression here."""
    return (
        b"\xf0" in fast or b"\xf1" in fast or b"\xf2" in fast or b"\xf3" in fast or b"\xf4" in fast
    )


def _integral_floats_as_ints(value: Any) -> Any:
    """12.0 -> 12: RFC 8785 (ECMAScript) writes an integral float below 1e21 as its digits,
    which is what orjson writes for the int. Kept to 2**53, well inside orjson's integers;
    larger ones take the exact path."""
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, dict):
        return {k: _integral_floats_as_ints(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integral_floats_as_ints(v) for v in value]
    return value


def canonical_bytes(value: Any) -> bytes:
    try:
        fast = orjson.dumps(value, option=_ORJSON_OPTIONS)
    except (TypeError, orjson.JSONEncodeError):
        return canonical_json(value)
    if not _needs_exact(fast):
        return fast
    # Most records taking this detour only hold a float such as 500.0; the exact serialiser
    # is needed only if the output still shows a shape orjson writes differently.
    fast = orjson.dumps(_integral_floats_as_ints(value), option=_ORJSON_OPTIONS)
    return canonical_json(value) if _needs_exact(fast) else fast


def content_hash(value: Any) -> tuple[str, bytes]:
    body = canonical_bytes(value)
    return hashlib.sha256(body).hexdigest(), body
