"""Every query of the write path, in SQLAlchemy Core with executemany (no ORM per row)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from junkan.db import bulk
from junkan.db.ids import ordered_ids
from junkan.submissions.checks import Prepared
from junkan.submissions.errors import ConcurrentWrite
from junkan.submissions.models import (
    Flow,
    IdempotencyKey,
    Product,
    ProductComponent,
    Record,
    RecordVersion,
    Submission,
)
from junkan.submissions.report import Summary

# The counts of a submission's summary, each also a column of the submissions table.
SUMMARY_FIELDS = tuple(f.name for f in fields(Summary))
submissions_t = Submission.__table__
idempotency_t = IdempotencyKey.__table__
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


_EXISTING_COLUMNS = (
    "id",
    "iri",
    "organization_id",
    "record_type",
    "version",
    "content_hash",
    "source_system",
    "source_record_id",
)
RECORD_COLUMNS = (
    "id",
    "iri",
    "organization_id",
    "record_type",
    "source_system",
    "source_record_id",
    "disclosure",
    "version",
    "content_hash",
    "created_at",
    "updated_at",
)
# What a new version changes in its record's row: the source id follows the current version
# (plan() has checked that no other record of the member holds the new one).
UPDATED_COLUMNS = (
    "version",
    "content_hash",
    "disclosure",
    "source_system",
    "source_record_id",
    "updated_at",
)
VERSION_COLUMNS = ("record_id", "version", "submission_id", "content_hash", "body", "valid_from")
FLOW_COLUMNS = (
    "record_id",
    "organization_id",
    "material",
    "from_stage",
    "to_stage",
    "period",
    "year",
    "region",
    "prefecture",
    "facility",
    "recovery_type",
    "flow_class",
    "origin",
    "data_quality",
    "uncertainty",
    "disclosure",
    "mass_kg",
    "mass_value",
    "mass_unit",
)
PRODUCT_COLUMNS = (
    "record_id",
    "organization_id",
    "gtin",
    "model_number",
    "name_ja",
    "name_en",
    "category",
    "unit_mass_kg",
    "disclosure",
)
COMPONENT_COLUMNS = (
    "record_id",
    "position",
    "material",
    "mass_fraction",
    "mass_kg",
    "recycled_pre",
    "recycled_post",
    "reused",
    "renewable",
)


# Statements of every submission, built once (a small submission must not pay for the
# ORM's unit of work or for building statements).
_INSERT_SUBMISSION = insert(submissions_t)
_FINISH_SUBMISSION = (
    update(submissions_t)
    .where(submissions_t.c.id == bindparam("submission_id"))
    .values(
        {name: bindparam(name) for name in ("status", "completed_at", "report", *SUMMARY_FIELDS)}
    )
)
_START_SUBMISSION = (
    update(submissions_t)
    .where(submissions_t.c.id == bindparam("submission_id"))
    .values(status="processing")
)
_OPENED = select(
    submissions_t.c.id, submissions_t.c.received_at, submissions_t.c.body_sha256
).where(submissions_t.c.id == bindparam("submission_id"))
_IDEMPOTENCY = select(
    idempotency_t.c.request_hash, idempotency_t.c.status_code, idempotency_t.c.response_body
).where(
    idempotency_t.c.organization_id == bindparam("org_id"),
    idempotency_t.c.key == bindparam("key"),
)
_INSERT_IDEMPOTENCY = insert(idempotency_t)


@dataclass(frozen=True, slots=True)
class Opened:
    """A submission row that records can be written under."""

    id: str
    received_at: datetime
    body_sha256: str


class SubmissionStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def connection(self):
        return self.session.connection()

    def by_iri(self, iris: Iterable[str]) -> dict[str, Existing]:
        rows = bulk.select_in(self.connection, records_t, _EXISTING_COLUMNS, "iri", iris)
        return {row[1]: Existing(*row) for row in rows}

    def by_source(
        self, org_id: str, pairs: Iterable[tuple[str, str]]
    ) -> dict[tuple[str, str], Existing]:
        # One query per source system, so all three columns of uq_records_source are equality
        # or IN conditions and the index is used (filtering by record id alone scans the
        # member's every record).
        by_system: dict[str, set[str]] = {}
        for system, record_id in pairs:
            by_system.setdefault(system, set()).add(record_id)
        found: dict[tuple[str, str], Existing] = {}
        for system, record_ids in by_system.items():
            rows = bulk.select_in(
                self.connection,
                records_t,
                _EXISTING_COLUMNS,
                "source_record_id",
                record_ids,
                extra=(("organization_id", org_id), ("source_system", system)),
            )
            for row in rows:
                existing = Existing(*row)
                found[(existing.source_system, existing.source_record_id)] = existing
        return found

    def idempotency(self, org_id: str, key: str) -> Row | None:
        """(request_hash, status_code, response_body) stored under the key, if any."""
        return self.connection.execute(_IDEMPOTENCY, {"org_id": org_id, "key": key}).first()

    def add_submission(self, values: dict) -> Opened:
        self.connection.execute(_INSERT_SUBMISSION, values)
        return Opened(values["id"], values["received_at"], values["body_sha256"])

    def start_submission(self, submission_id: str) -> Opened:
        """A queued submission (a 202 job) starts processing."""
        self.connection.execute(_START_SUBMISSION, {"submission_id": submission_id})
        row = self.connection.execute(_OPENED, {"submission_id": submission_id}).one()
        return Opened(row.id, row.received_at, row.body_sha256)

    def finish_submission(self, submission_id: str, values: dict) -> None:
        self.connection.execute(_FINISH_SUBMISSION, {"submission_id": submission_id, **values})

    def add_idempotency(self, values: dict) -> None:
        self.connection.execute(_INSERT_IDEMPOTENCY, values)

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
        connection = self.connection
        stamp = bulk.db_value(connection, records_t.c.created_at, now)
        record_rows, version_rows, updates, written = [], [], [], []
        derived: list[tuple[str, Prepared]] = []
        ids = ordered_ids(len(new))
        for p, record_id in zip(new, ids, strict=True):
            record_rows.append(
                (
                    record_id,
                    p.iri,
                    org_id,
                    p.record_type,
                    p.source_system,
                    p.source_record_id,
                    p.disclosure,
                    1,
                    p.content_hash,
                    stamp,
                    stamp,
                )
            )
            version_rows.append((record_id, 1, submission_id, p.content_hash, p.body, stamp))
            derived.append((record_id, p))
            written.append((p.iri, 1, p.content_hash))
        for p, existing in changed:
            version = existing.version + 1
            updates.append(
                (
                    version,
                    p.content_hash,
                    p.disclosure,
                    p.source_system,
                    p.source_record_id,
                    stamp,
                    existing.id,
                )
            )
            version_rows.append(
                (existing.id, version, submission_id, p.content_hash, p.body, stamp)
            )
            derived.append((existing.id, p))
            written.append((p.iri, version, p.content_hash))
        integrity_errors = (IntegrityError, connection.dialect.loaded_dbapi.IntegrityError)
        try:
            self._write_rows(connection, record_rows, updates, version_rows)
            self._insert_derived(connection, derived, org_id)
        except integrity_errors as exc:
            # Reads and writes of one submission are not serialised with other transactions
            # (PostgreSQL); a unique key taken meanwhile means: read again and redo.
            raise ConcurrentWrite(
                "Another submission stored some of these records at the same moment; "
                "retry the request."
            ) from exc
        return written

    @staticmethod
    def _write_rows(connection, record_rows: list, updates: list, version_rows: list) -> None:
        bulk.insert_rows(connection, records_t, RECORD_COLUMNS, record_rows)
        if updates:
            bulk.update_rows(
                connection,
                records_t,
                "id",
                UPDATED_COLUMNS,
                updates,
            )
            changed_ids = [u[-1] for u in updates]
            for table in (flows_t, components_t, products_t):
                bulk.delete_in(connection, table, "record_id", changed_ids)
        bulk.insert_rows(connection, versions_t, VERSION_COLUMNS, version_rows)

    @staticmethod
    def _insert_derived(connection, derived: list[tuple[str, Prepared]], org_id: str) -> None:
        flows, products, components = [], [], []
        for record_id, p in derived:
            if p.flow is not None:
                flows.append((record_id, org_id, *p.flow))
            if p.product is not None:
                products.append((record_id, org_id, *p.product))
                components.extend((record_id, *c) for c in p.components)
        bulk.insert_rows(connection, flows_t, FLOW_COLUMNS, flows)
        bulk.insert_rows(connection, products_t, PRODUCT_COLUMNS, products)
        bulk.insert_rows(connection, components_t, COMPONENT_COLUMNS, components)

    def stored_types(self, iris: Iterable[str]) -> dict[str, str]:
        rows = bulk.select_in(self.connection, records_t, ("iri", "record_type"), "iri", iris)
        return dict(rows)

    def get_submission(self, submission_id: str) -> Submission | None:
        return self.session.get(Submission, submission_id)
