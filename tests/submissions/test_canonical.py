"""The fast content hash equals the exact RFC 8785 serialisation on every kind of value."""

from __future__ import annotations

import random

import pytest

from junkan.canonical import canonical_bytes
from junkan_connect.canonical import canonical_json

SPECIAL = [
    0.0,
    -0.0,
    1.0,
    12.0,
    1e16,
    2.0**53,
    2.0**53 - 1,
    9.5e18,
    2e19,
    1e20,
    1e21,
    1e22,
    1e-5,
    1e-6,
    1e-7,
    0.1,
    2.5e-8,
    123.456,
    1.7976931348623157e308,
    5e-324,
    333333333.33333329,
    -12.5,
    2**53,
    -(2**53),
    10**20,
]
STRINGS = [
    "",
    "a",
    "日本語",
    "\u0000\u001f\u007f",
    "emoji \U0001f600",
    "\u2028\u2029",
    'q"\\/',
    "1.0,",
    "3e5",
    "\ue000",
]


def _random_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(7 if depth < 3 else 4)
    if kind == 0:
        return rng.choice(SPECIAL) * rng.choice([1, -1])
    if kind == 1:
        return rng.choice(STRINGS) + str(rng.random())
    if kind == 2:
        return rng.choice([True, False, None, rng.randint(-(10**12), 10**12)])
    if kind == 3:
        return rng.uniform(-1e6, 1e6)
    if kind == 4:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = [rng.choice(STRINGS) + k for k in ("a", "b", "mass", "\U0001f600", "\ue000", "z")]
    return {k: _random_value(rng, depth + 1) for k in rng.sample(keys, rng.randrange(1, 5))}


@pytest.mark.parametrize("value", SPECIAL + STRINGS)
def test_special_values(value) -> None:
    assert canonical_bytes({"v": value, "l": [value]}) == canonical_json({"v": value, "l": [value]})


def test_random_documents_agree() -> None:
    rng = random.Random(20261128)
    for _ in range(3000):
        value = _random_value(rng)
        assert canonical_bytes(value) == canonical_json(value), value


def test_keys_beyond_the_bmp_sort_by_utf16() -> None:
    value = {"\U0001f600": 1, "\ue000": 2}
    assert canonical_bytes(value) == canonical_json(value)
    assert canonical_bytes(value).index(b"\xf0") < canonical_bytes(value).index(b"\xee")
