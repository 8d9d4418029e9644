"""Every query of the write path, in SQLAlchemy Core with executemany (no ORM per row)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, tuple_, update
from sqlalchemy.orm import Session

from junkan.submissions.checks import Prepared
from junkan.submissions.models import (
    Flow,
    IdempotencyKey,
    Product,
    ProductComponent,
    Record,
    RecordVersion,
    Submission,
)

CHUNK = 500
records_t = Record.__table__
versions_t = RecordVersion.__table__
flows_t = Flow.__table__
products_t = Product.__table__
components_t = ProductComponent.__table__


@dataclass(frozen=True, slots=True)
class Existing:
    id: str
    iri: str
    organization_id: str
    record_type: str
    version: int
    content_hash: str
    source_system: str | None
    source_record_id: str | None


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_EXISTING_COLUMNS = (
    records_t.c.id,
    records_t.c.iri,
    records_t.c.organization_id,
    records_t.c.record_type,
    records_t.c.version,
    records_t.c.content_hash,
    records_t.c.source_system,
    records_t.c.source_record_id,
)


class SubmissionStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_iri(self, iris: Iterable[str]) -> dict[str, Existing]:
        found: dict[str, Existing] = {}
        for chunk in _chunks(list(iris)):
            rows = self.session.execute(
                select(*_EXISTING_COLUMNS).where(records_t.c.iri.in_(chunk))
            )
            found.update({row.iri: Existing(*row) for row in rows})
        return found

    def by_source(
        self, org_id: str, pairs: Iterable[tuple[str, str]]
    ) -> dict[tuple[str, str], Existing]:
        found: dict[tuple[str, str], Existing] = {}
        for chunk in _chunks(list(pairs)):
            rows = self.session.execute(
                select(*_EXISTING_COLUMNS).where(
                    records_t.c.organization_id == org_id,
                    tuple_(records_t.c.source_system, records_t.c.source_record_id).in_(chunk),
                )
            )
            found.update(
                {(row.source_system, row.source_record_id): Existing(*row) for row in rows}
            )
        return found

    def idempotency(self, org_id: str, key: str) -> IdempotencyKey | None:
        return self.session.get(IdempotencyKey, (org_id, key))

    def add_submission(self, submission: Submission) -> None:
        self.session.add(submission)
        self.session.flush()

    def add_idempotency(self, row: IdempotencyKey) -> None:
        self.session.add(row)
        self.session.flush()

    def write(
        self,
        new: list[Prepared],
        changed: list[tuple[Prepared, Existing]],
        org_id: str,
        submission_id: str,
        now: datetime,
    ) -> list[tuple[str, int, str]]:
        """Insert new records, append versions to changed ones, refresh derived rows.

        Returns (iri, version, content_hash) for every version written.
        """
        record_rows, version_rows, written = [], [], []
        derived: list[tuple[str, Prepared]] = []
        for prepared in new:
            record_id = uuid.uuid4().hex
            record_rows.append(
                {
                    "id": record_id,
                    "iri": prepared.iri,
                    "organization_id": org_id,
                    "record_type": prepared.record_type,
                    "source_system": prepared.source_system,
                    "source_record_id": prepared.source_record_id,
                    "disclosure": prepared.disclosure,
                    "version": 1,
                    "content_hash": prepared.content_hash,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            version_rows.append(self._version(record_id, 1, prepared, submission_id, now))
            derived.append((record_id, prepared))
            written.append((prepared.iri, 1, prepared.content_hash))
        updates = []
        for prepared, existing in changed:
            version = existing.version + 1
            updates.append(
                {
                    "b_id": existing.id,
                    "version": version,
                    "content_hash": prepared.content_hash,
                    "disclosure": prepared.disclosure,
                    "updated_at": now,
                }
            )
            version_rows.append(self._version(existing.id, version, prepared, submission_id, now))
            derived.append((existing.id, prepared))
            written.append((prepared.iri, version, prepared.content_hash))
        if record_rows:
            self.session.execute(insert(records_t), record_rows)
        if updates:
            self.session.execute(
                update(records_t)
                .where(records_t.c.id == bindparam("b_id"))
                .values(
                    version=bindparam("version"),
                    content_hash=bindparam("content_hash"),
                    disclosure=bindparam("disclosure"),
                    updated_at=bindparam("updated_at"),
                ),
                updates,
            )
            self._drop_derived([u["b_id"] for u in updates])
        if version_rows:
            self.session.execute(insert(versions_t), version_rows)
        self._insert_derived(derived, org_id)
        return written

    @staticmethod
    def _version(
        record_id: str, version: int, prepared: Prepared, submission_id: str, now: datetime
    ) -> dict[str, Any]:
        return {
            "record_id": record_id,
            "version": version,
            "submission_id": submission_id,
            "content_hash": prepared.content_hash,
            "body": prepared.body.decode("utf-8"),
            "valid_from": now,
        }

    def _drop_derived(self, record_ids: list[str]) -> None:
        for chunk in _chunks(record_ids):
            for table in (flows_t, components_t, products_t):
                self.session.execute(delete(table).where(table.c.record_id.in_(chunk)))

    def _insert_derived(self, derived: list[tuple[str, Prepared]], org_id: str) -> None:
        flows, products, components = [], [], []
        for record_id, prepared in derived:
            if prepared.flow is not None:
                flows.append({"record_id": record_id, "organization_id": org_id, **prepared.flow})
            if prepared.product is not None:
                products.append(
                    {"record_id": record_id, "organization_id": org_id, **prepared.product}
                )
                components.extend({"record_id": record_id, **c} for c in prepared.components)
        for table, rows in ((flows_t, flows), (products_t, products), (components_t, components)):
            if rows:
                self.session.execute(insert(table), rows)

    def stored_types(self, iris: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in _chunks(list(iris)):
            rows = self.session.execute(
                select(records_t.c.iri, records_t.c.record_type).where(records_t.c.iri.in_(chunk))
            )
            found.update({iri: record_type for iri, record_type in rows})
        return found

    def get_submission(self, submission_id: str) -> Submission | None:
        return self.session.get(Submission, submission_id)
