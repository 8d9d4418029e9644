"""Identifiers for rows written in bulk.

Random UUIDs scatter inserts across every index keyed by them (records, versions and the
derived tables all are); ids that grow with time append to the end of those B-trees instead,
so a batch dirties a few pages rather than one page per row.
"""

from __future__ import annotations

import secrets
import time


def ordered_ids(count: int) -> list[str]:
    """`count` ids of 32 hex digits: milliseconds since the epoch, 40 random bits shared by
    the batch, then a counter, so ids of one batch are consecutive and later batches sort
    after earlier ones."""
    prefix = f"{time.time_ns() // 1_000_000:012x}{secrets.randbits(40):010x}"
    return [f"{prefix}{i:010x}" for i in range(count)]
