"""The quote-gap scan that decides whether every record needs the structural walk."""

from __future__ import annotations

import random

import pytest

from junkan.submissions.limits import Limits, body_may_hold_long_literal

LIMITS = Limits(max_literal_length=20, max_iri_length=12)  # bound = 12


def naive(body: bytes, bound: int = 12) -> bool:
    return len(body) > bound and max(map(len, body.split(b'"'))) > bound


@pytest.mark.parametrize("window", [1, 3, 7, 64, 1 << 22])
def test_scan_agrees_with_splitting_at_quotes(window: int) -> None:
    rng = random.Random(window)
    for _ in range(400):
        length = rng.randint(0, 80)
        body = bytes(rng.choice(b'"""abcdefgh') for _ in range(length))
        assert body_may_hold_long_literal(body, LIMITS, window) == naive(body), body


def test_runs_at_the_edges_and_across_windows() -> None:
    assert body_may_hold_long_literal(b"x" * 13, LIMITS)
    assert not body_may_hold_long_literal(b"x" * 12, LIMITS)
    assert body_may_hold_long_literal(b'"' + b"x" * 13, LIMITS, window=4)
    assert body_may_hold_long_literal(b"x" * 13 + b'"', LIMITS, window=4)
    assert not body_may_hold_long_literal(b'"' + b"x" * 12 + b'"' + b"y" * 12, LIMITS, window=5)
    assert body_may_hold_long_literal(b'"ab"' + b"z" * 13 + b'"', LIMITS, window=3)
