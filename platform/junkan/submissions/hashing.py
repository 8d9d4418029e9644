"""Content hashes over RFC 8785 canonical JSON, fast.

orjson with sorted keys writes the same bytes as RFC 8785 for the JSON records carry, except
for floats with an integral value (orjson `12.0`, RFC 8785 `12`) and some exponent forms. A
scan of orjson's output for those number shapes sends such records to the exact (slower)
serialiser; tests/submissions/test_hashing.py proves the two agree.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import orjson

from junkan_connect.canonical import canonical_json

# A number token (after ':' '[' or ',') that ends in ".0" or carries an exponent.
_NEEDS_EXACT = re.compile(rb"[:\[,]-?[0-9]+(?:\.[0-9]+)?(?:e|\.0[,\]}])")
_ORJSON_OPTIONS = orjson.OPT_SORT_KEYS


def canonical_bytes(value: Any) -> bytes:
    try:
        fast = orjson.dumps(value, option=_ORJSON_OPTIONS)
    except (TypeError, orjson.JSONEncodeError):
        return canonical_json(value)
    # Non-ASCII keys can sort differently (UTF-8 bytes vs UTF-16 units) above U+FFFF only;
    # records never have such keys, but any non-ASCII byte takes the exact path to be sure
    # when it could be in a key: cheap check on the rare case.
    if _NEEDS_EXACT.search(fast) or (b"\xf0" in fast):
        return canonical_json(value)
    return fast


def content_hash(value: Any) -> tuple[str, bytes]:
    body = canonical_bytes(value)
    return hashlib.sha256(body).hexdigest(), body
