"""The submission pipeline's write side: runs the steps of pipeline.py chunk by chunk, then
stores what they accept in one transaction (records, versions, derived rows, audit entry,
idempotency record).

Never commits: the request's unit of work commits after a success response is built.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import orjson
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from junkan.audit import service as audit
from junkan.auth.principal import Principal
from junkan.db.base import utcnow
from junkan.errors import Conflict, InvalidRequest
from junkan.members.repository import MembersRepository
from junkan.submissions import pipeline
from junkan.submissions.checks import CheckSettings, Prepared
from junkan.submissions.errors import ConcurrentWrite, ValidationFailed
from junkan.submissions.limits import Limits, body_may_hold_long_literal
from junkan.submissions.pipeline import (
    OWNED_BY_OTHER,
    SubmitRequest,
    SubmitResult,
    duplicate_ids,
    parse,
    plan,
    resolve_references,
    validate_records,
)
from junkan.submissions.report import Report, Summary
from junkan.submissions.store import Opened, SubmissionStore

__all__ = ["SubmissionService", "SubmitRequest", "SubmitResult", "retrying_concurrent_writes"]

T = TypeVar("T")
# A submission that meets another one writing the same records is run again: the next
# attempt reads what the other stored. Three attempts make a third collision very unlikely.
WRITE_ATTEMPTS = 3


def retrying_concurrent_writes(attempt: Callable[[], T]) -> T:
    """Run `attempt` (one whole transaction that rolls back when it raises) until it does not
    meet a concurrent write, at most WRITE_ATTEMPTS times."""
    for _ in range(WRITE_ATTEMPTS - 1):
        try:
            return attempt()
        except ConcurrentWrite:
            continue
    return attempt()


@dataclass
class _Run:
    """What one submission accumulates across its chunks."""

    request: SubmitRequest
    principal: Principal
    report: Report
    submission: Opened | None = None
    # A queued submission (202 job) already has its row; the run fills it in.
    queued_id: str | None = None
    caller_iri: str | None = None
    fingerprint: str | None = None  # of the request, when it carries an Idempotency-Key
    seen: dict[str, int] = field(default_factory=dict)
    seen_sources: dict[tuple[str, str], int] = field(default_factory=dict)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    versions: Any = field(default_factory=hashlib.sha256)


class SubmissionService:
    def __init__(self, session: Session, limits: Limits, checks: dict[str, Any]) -> None:
        self.session = session
        self.limits = limits
        self.check_options = checks
        self.store = SubmissionStore(session)
        self.members = MembersRepository(session)

    def submit(
        self, principal: Principal, request: SubmitRequest, queued_id: str | None = None
    ) -> SubmitResult:
        if request.mode not in ("atomic", "partial"):
            # the same answer as the HTTP layer's check of the query parameter
            raise InvalidRequest(
                "mode must be atomic or partial",
                errors=[{"loc": ["query", "mode"], "code": "invalid-request"}],
            )
        fingerprint = self._fingerprint(request)
        replay = self._replay(principal, request, fingerprint)
        if replay is not None:
            return replay
        org_iri = principal.organization_iri or self._organization_iri(principal)
        checks = CheckSettings(org_iri, principal.is_secretariat, **self.check_options)
        parsed = parse(request, self.limits, org_iri)
        run = _Run(
            request,
            principal,
            parsed.report,
            queued_id=queued_id,
            caller_iri=org_iri,
            fingerprint=fingerprint,
        )
        in_batch = parsed.identities()
        # The vocabulary bounds valid records' shape but not free-text length: walk every
        # record only when the body could hold an over-long literal at all.
        scan_all = body_may_hold_long_literal(request.body, self.limits)
        for start in range(0, len(parsed), pipeline.CHUNK):
            records = parsed.chunk(start, pipeline.CHUNK)
            prepared = validate_records(records, start, run.report, scan_all, self.limits, checks)
            del records
            self._take_chunk(run, prepared, in_batch)
        summary = Summary(
            received=len(parsed),
            valid=len(parsed) - len(run.report.invalid),
            invalid=len(run.report.invalid),
            created=run.created,
            updated=run.updated,
            unchanged=run.unchanged,
            errors=run.report.error_count,
            warnings=run.report.warning_count,
        )
        submission_id = run.submission.id if run.submission else (queued_id or uuid.uuid4().hex)
        body = {
            "id": submission_id,
            "status": "validated" if request.dry_run else "stored",
            "mode": request.mode,
            "dry_run": request.dry_run,
            "summary": vars(summary),
            "report": run.report.as_dict(),
        }
        if run.report.blocking and request.mode == "atomic":
            self._reject(run.report, body)  # raises: the unit of work rolls everything back
        if request.dry_run:
            return SubmitResult(200, body)
        self._finish(run, summary, body)
        return SubmitResult(201, body)

    def _organization_iri(self, principal: Principal) -> str:
        return self.members.get_organization(principal.organization_id).iri

    def _take_chunk(self, run: _Run, prepared: list[Prepared], in_batch: dict[str, str]) -> None:
        report = run.report
        duplicate_ids(prepared, run.seen, report, run.seen_sources)
        prepared = [p for p in prepared if p.index not in report.invalid]
        caller = (run.caller_iri, run.principal.organization_id) if run.caller_iri else None
        resolve_references(prepared, in_batch, self.store, self.members, report, caller)
        prepared = [p for p in prepared if p.index not in report.invalid]
        accepted = plan(prepared, self.store, run.principal.organization_id, report)
        run.created += len(accepted.new)
        run.updated += len(accepted.changed)
        run.unchanged += accepted.unchanged
        atomic_failed = run.request.mode == "atomic" and report.blocking
        if run.request.dry_run or atomic_failed or not (accepted.new or accepted.changed):
            return
        if run.submission is None:
            run.submission = self._open_submission(run)
        written = self.store.write(
            accepted.new,
            accepted.changed,
            run.principal.organization_id,
            run.submission.id,
            run.submission.received_at,
        )
        for iri, version, digest in written:
            run.versions.update(f"{iri} {version} {digest}\n".encode())

    def _open_submission(self, run: _Run) -> Opened:
        if run.queued_id is not None:
            return self.store.start_submission(run.queued_id)
        return self.enqueue(run.principal, run.request, status="processing")

    def enqueue(
        self,
        principal: Principal,
        request: SubmitRequest,
        status: str = "queued",
        body: tuple[str, int] | None = None,
    ) -> Opened:
        """The submission row, before any record is stored (a 202 job starts here).

        `body` is (SHA-256, length) of a body that was streamed to disk instead of being
        in `request`."""
        sha256, size = body or (hashlib.sha256(request.body).hexdigest(), len(request.body))
        return self.store.add_submission(
            {
                "id": uuid.uuid4().hex,
                "organization_id": principal.organization_id,
                "key_id": principal.key_id,
                "received_at": utcnow(),
                "completed_at": None,
                "format": (request.format or request.content_type.split(";")[0])[:200],
                "content_type": request.content_type[:200],
                "body_sha256": sha256,
                "body_bytes": size,
                "mode": request.mode,
                "dry_run": False,
                "status": status,
                "report": None,
                "idempotency_key": request.idempotency_key,
            }
        )

    @staticmethod
    def _reject(report: Report, body: dict[str, Any]) -> None:
        body = {"summary": body["summary"], "report": body["report"]}
        received = body["summary"]["received"]
        lost = sum(1 for i in report.items if i.index is None and i.severity == "error")
        detail = f"{len(report.invalid)} of {received} records are invalid"
        detail += f" and {lost} input items could not be converted" if lost else ""
        detail += "; nothing was stored."
        if any(item.code == OWNED_BY_OTHER for item in report.items):
            raise ValidationFailed(detail, body, status=409, code=OWNED_BY_OTHER)
        raise ValidationFailed(detail, body)

    def accept_job(
        self,
        principal: Principal,
        request: SubmitRequest,
        body: tuple[str, int] | None = None,
        fingerprint: str | None = None,
    ) -> SubmitResult:
        """202 for a large upload: the submission row (and, with an Idempotency-Key, the
        answer a retry gets back: the same job, not a second one).

        `body`, `fingerprint`: hash and length, and idempotency fingerprint, of a body that
        was streamed to disk instead of being in `request`."""
        fingerprint = fingerprint or self._fingerprint(request)
        replay = self._replay(principal, request, fingerprint)
        if replay is not None:
            return replay
        opened = self.enqueue(principal, request, "queued", body)
        location = f"/api/v1/submissions/{opened.id}"
        response = {"id": opened.id, "status": "queued", "job": location}
        if fingerprint is not None:
            self._remember(principal, request, 202, response, fingerprint, opened.id)
        return SubmitResult(202, response)

    @staticmethod
    def _fingerprint(request: SubmitRequest) -> str | None:
        """Hashed once per request (the body may be megabytes): only with a key to check."""
        if not request.idempotency_key or request.dry_run:
            return None
        return request.fingerprint()

    def _replay(
        self, principal: Principal, request: SubmitRequest, fingerprint: str | None
    ) -> SubmitResult | None:
        if fingerprint is None:
            return None
        stored = self.store.idempotency(principal.organization_id, request.idempotency_key)
        if stored is None:
            return None
        if stored.request_hash != fingerprint:
            raise InvalidRequest(
                "This Idempotency-Key was used for a different request.",
                code="idempotency-key-reused",
            )
        return SubmitResult(stored.status_code, orjson.loads(stored.response_body), replayed=True)

    def _finish(self, run: _Run, summary: Summary, body: dict[str, Any]) -> None:
        """Close the submission: counts, report, audit entry and idempotency record."""
        submission = run.submission or self._open_submission(run)
        body["id"] = submission.id
        now = utcnow()
        self.store.finish_submission(
            submission.id,
            {
                "status": "stored",
                "completed_at": now,
                "report": orjson.dumps(body["report"]).decode(),
                **vars(summary),
            },
        )
        audit.record(
            self.session,
            actor=run.principal.actor,
            action="submission.store",
            entity_type="submission",
            entity_id=submission.id,
            data={
                "body_sha256": submission.body_sha256,
                "versions_sha256": run.versions.hexdigest(),
                **vars(summary),
            },
        )
        if run.fingerprint is not None:
            self._remember(run.principal, run.request, 201, body, run.fingerprint, submission.id)

    def _remember(
        self,
        principal: Principal,
        request: SubmitRequest,
        status: int,
        response: dict[str, Any],
        fingerprint: str,
        submission_id: str,
    ) -> None:
        """The answer a retry with the same Idempotency-Key gets back."""
        try:
            self.store.add_idempotency(
                {
                    "organization_id": principal.organization_id,
                    "key": request.idempotency_key,
                    "request_hash": fingerprint,
                    "submission_id": submission_id,
                    "status_code": status,
                    "response_body": orjson.dumps(response).decode(),
                    "created_at": utcnow(),
                }
            )
        except IntegrityError as exc:
            raise Conflict(
                "A request with this Idempotency-Key is being processed; retry shortly.",
                code="idempotency-key-in-use",
            ) from exc
