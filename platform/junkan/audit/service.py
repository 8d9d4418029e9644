"""Writing and verifying the audit chain.

Each entry stores SHA-256(prev_hash || canonical JSON of the entry), so changing, removing
or reordering any row breaks every hash after it. Entries are written in the caller's
transaction: an audited change and its audit entry commit or roll back together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from junkan.audit.models import GENESIS_HASH, AuditEntry
from junkan.canonical import canonical_bytes
from junkan.db.base import utcnow

# Any constant works; it only has to be the same for every writer of the chain.
_PG_CHAIN_LOCK = 0x4A554E4B
_audit_t = AuditEntry.__table__
# Built once: every stored submission writes an entry.
_LAST = select(_audit_t.c.seq, _audit_t.c.hash).order_by(_audit_t.c.seq.desc()).limit(1)
_INSERT = insert(_audit_t)
_LOCK = text("SELECT pg_advisory_xact_lock(:k)")


def _entry_hash(prev_hash: str, payload: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_bytes(payload)).hexdigest()


def _payload(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action,
        "entity_type": entry.entity_type,
        "entity_id": entry.entity_id,
        "data": orjson.loads(entry.data),
    }


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: str,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain inside the current transaction."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(_LOCK, {"k": _PG_CHAIN_LOCK})
    last = connection.execute(_LAST).first()
    seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS_HASH)
    entry = AuditEntry(
        seq=seq,
        at=utcnow().isoformat(timespec="microseconds"),
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        data=canonical_bytes(data or {}).decode("utf-8"),
        prev_hash=prev_hash,
        hash="",
    )
    entry.hash = _entry_hash(prev_hash, _payload(entry))
    # A Core INSERT: the ORM's flush machinery costs more than the write on a small request.
    connection.execute(_INSERT, {column.key: getattr(entry, column.key) for column in _audit_t.c})
    return entry


@dataclass(frozen=True)
class ChainReport:
    entries_checked: int
    first_broken_seq: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.first_broken_seq is None


def _iter_entries(session: Session, batch: int = 5000) -> Iterator[AuditEntry]:
    after = 0
    while True:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.seq > after).order_by(AuditEntry.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        after = rows[-1].seq


def verify(session: Session) -> ChainReport:
    """Walk the chain from the start; report the first entry that does not check out."""
    expected_prev, expected_seq, checked = GENESIS_HASH, 1, 0
    for entry in _iter_entries(session):
        if entry.seq != expected_seq:
            return ChainReport(checked, expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != expected_prev:
            return ChainReport(checked, entry.seq, "prev_hash does not match the entry before")
        try:
            recomputed = _entry_hash(entry.prev_hash, _payload(entry))
        except orjson.JSONDecodeError:
            return ChainReport(checked, entry.seq, "data is not valid JSON")
        if recomputed != entry.hash:
            return ChainReport(checked, entry.seq, "content does not match its hash")
        expected_prev, expected_seq, checked = entry.hash, entry.seq + 1, checked + 1
    return ChainReport(checked, None, None)
