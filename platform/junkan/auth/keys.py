"""API key secrets: generation, hashing and constant-time checks.

A key reads `jk_<id>_<secret>`: the 12-hex-digit id is public and finds the row; the
secret is 256 random bits (43 base64url characters). Only SHA-256 of the whole key is
stored, so a database leak reveals no usable key.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

PREFIX = "jk"
_KEY_RE = re.compile(r"jk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})")


def generate() -> tuple[str, str]:
    """A new (key_id, full_key)."""
    key_id = secrets.token_hex(6)
    return key_id, f"{PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"


def hash_key(full_key: str) -> str:
    return hashlib.sha256(full_key.encode("ascii")).hexdigest()


def parse(full_key: str) -> str | None:
    """The key id if the text has the shape of a key, else None."""
    match = _KEY_RE.fullmatch(full_key)
    return match.group(1) if match else None


def matches(full_key: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_key(full_key), stored_hash)
