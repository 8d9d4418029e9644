"""The submission pipeline: parse, normalise, validate, check, then store in one transaction.

Never commits: the request's unit of work commits after a success response is built.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from junkan.audit import service as audit
from junkan.auth.principal import Principal
from junkan.db.base import utcnow
from junkan.errors import Conflict, InvalidRequest
from junkan.members.repository import MembersRepository
from junkan.submissions import contexts, parsing
from junkan.submissions.checks import CheckSettings, Prepared, prepare
from junkan.submissions.errors import SubmissionRejected, ValidationFailed
from junkan.submissions.limits import Limits, body_may_hold_long_literal, check_structure
from junkan.submissions.models import IdempotencyKey, Submission
from junkan.submissions.report import Report, Summary
from junkan.submissions.store import Existing, SubmissionStore
from junkan_connect.vocab import validate

OWNED_BY_OTHER = "iri-owned-by-other-member"


@dataclass(frozen=True)
class SubmitRequest:
    body: bytes
    content_type: str
    format: str | None = None
    mode: str = "atomic"
    dry_run: bool = False
    idempotency_key: str | None = None

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for part in (self.content_type, self.format or "", self.mode, str(self.dry_run)):
            digest.update(part.encode() + b"\x00")
        digest.update(self.body)
        return digest.hexdigest()


@dataclass(frozen=True)
class SubmitResult:
    status_code: int
    body: dict[str, Any]
    replayed: bool = False


@dataclass
class _Plan:
    new: list[Prepared]
    changed: list[tuple[Prepared, Existing]]
    unchanged: int


def parse(request: SubmitRequest, limits: Limits) -> parsing.Parsed:
    media = request.content_type.split(";")[0].strip().lower()
    fmt = (request.format or "").lower()
    if fmt in ("", "jsonld", "json") and (media in parsing.JSON_TYPES or fmt):
        return parsing.parse_json(request.body, limits)
    if fmt == "ndjson" or media in parsing.NDJSON_TYPES:
        return parsing.parse_ndjson(request.body, limits)
    if fmt:
        raise SubmissionRejected("unknown-format", f"no converter named {fmt!r} is installed")
    raise SubmissionRejected(
        "unsupported-media-type",
        f"{media or 'no content type'}: send application/ld+json, application/x-ndjson, "
        "or name a converter with ?format=",
        status=415,
    )


def validate_records(
    parsed: parsing.Parsed, body: bytes, limits: Limits, checks: CheckSettings
) -> list[Prepared]:
    """Per-record validation; returns the records that passed, prepared for storage."""
    report = parsed.report
    # The vocabulary bounds valid records' shape but not free-text length: walk every record
    # only when the body could hold an over-long literal at all.
    scan_all = body_may_hold_long_literal(body, limits)
    prepared: list[Prepared] = []
    for index, raw in enumerate(parsed.records):
        if raw is None or index in report.invalid:
            continue
        if not isinstance(raw, dict):
            report.error(index, "$", "not-an-object", "each record must be a JSON object")
            continue
        if scan_all and not check_structure(raw, index, limits, report):
            continue
        record = contexts.normalise(raw, index, report)
        if record is None:
            continue
        issues = validate(record)
        if issues:
            if check_structure(raw, index, limits, report):
                for issue in issues:
                    report.error(index, issue.path, issue.code, issue.message)
            continue
        prepared.append(prepare(record, index, checks, report))
    return [p for p in prepared if p.index not in report.invalid]


def _duplicate_ids(prepared: list[Prepared], report: Report) -> None:
    seen: dict[str, int] = {}
    for p in prepared:
        if p.iri in seen:
            report.error(
                p.index,
                "$.@id",
                "duplicate-id",
                f"the same @id as record {seen[p.iri]} in this submission",
            )
        else:
            seen[p.iri] = p.index


def _resolve_references(
    prepared: list[Prepared], store: SubmissionStore, members: MembersRepository, report: Report
) -> None:
    org_iris = {iri for p in prepared for _, iri in p.org_refs}
    known_orgs = members.iris_to_ids(org_iris) if org_iris else {}
    in_batch = {p.iri: p.record_type for p in prepared}
    record_iris = {iri for p in prepared for _, _, iri in p.record_refs} - set(in_batch)
    stored = store.stored_types(record_iris) if record_iris else {}
    for p in prepared:
        for path, iri in p.org_refs:
            if iri not in known_orgs:
                report.error(
                    p.index,
                    path,
                    "unknown-organization",
                    f"{iri} is not the IRI of an organisation registered in the hub",
                )
        for path, wanted, iri in p.record_refs:
            found = in_batch.get(iri) or stored.get(iri)
            if found != wanted:
                report.error(
                    p.index,
                    path,
                    "unknown-reference",
                    f"{iri} is not a {wanted} in the hub or in this submission",
                )


def _plan(prepared: list[Prepared], store: SubmissionStore, org_id: str, report: Report) -> _Plan:
    by_iri = store.by_iri(p.iri for p in prepared)
    pairs = {
        (p.source_system, p.source_record_id)
        for p in prepared
        if p.source_system and p.source_record_id
    }
    by_source = store.by_source(org_id, pairs) if pairs else {}
    plan = _Plan([], [], 0)
    for p in prepared:
        existing = by_iri.get(p.iri)
        if existing is not None and existing.organization_id != org_id:
            report.error(
                p.index, "$.@id", OWNED_BY_OTHER, "this @id belongs to a record of another member"
            )
            continue
        twin = by_source.get((p.source_system, p.source_record_id))
        if twin is not None and twin.iri != p.iri:
            report.error(
                p.index,
                "$.sourceRecordId",
                "source-id-conflict",
                f"this source record is already stored as {twin.iri}",
            )
            continue
        if existing is not None and existing.record_type != p.record_type:
            report.error(
                p.index,
                "$.@type",
                "type-changed",
                f"this @id is stored as a {existing.record_type}",
            )
            continue
        if existing is None:
            plan.new.append(p)
        elif existing.content_hash == p.content_hash:
            plan.unchanged += 1
        else:
            plan.changed.append((p, existing))
    return plan


class SubmissionService:
    def __init__(self, session: Session, limits: Limits, checks: dict[str, Any]) -> None:
        self.session = session
        self.limits = limits
        self.check_options = checks
        self.store = SubmissionStore(session)
        self.members = MembersRepository(session)

    def submit(self, principal: Principal, request: SubmitRequest) -> SubmitResult:
        if request.mode not in ("atomic", "partial"):
            raise InvalidRequest("mode must be atomic or partial", code="invalid-mode")
        replay = self._replay(principal, request)
        if replay is not None:
            return replay
        org = self.members.get_organization(principal.organization_id)
        checks = CheckSettings(org.iri, principal.is_secretariat, **self.check_options)
        parsed = parse(request, self.limits)
        report = parsed.report
        prepared = validate_records(parsed, request.body, self.limits, checks)
        _duplicate_ids(prepared, report)
        prepared = [p for p in prepared if p.index not in report.invalid]
        _resolve_references(prepared, self.store, self.members, report)
        prepared = [p for p in prepared if p.index not in report.invalid]
        plan = _plan(prepared, self.store, principal.organization_id, report)
        summary = self._summary(len(parsed.records), report, plan)
        submission_id = uuid.uuid4().hex
        body = {
            "id": submission_id,
            "status": "validated" if request.dry_run else "stored",
            "mode": request.mode,
            "dry_run": request.dry_run,
            "summary": vars(summary),
            "report": report.as_dict(),
        }
        if report.invalid and request.mode == "atomic":
            self._reject(report, body)
        if request.dry_run:
            return SubmitResult(200, body)
        self._store(principal, request, plan, summary, body)
        return SubmitResult(201, body)

    @staticmethod
    def _summary(received: int, report: Report, plan: _Plan) -> Summary:
        invalid = len(report.invalid)
        return Summary(
            received=received,
            valid=received - invalid,
            invalid=invalid,
            created=len(plan.new),
            updated=len(plan.changed),
            unchanged=plan.unchanged,
            errors=report.error_count,
            warnings=report.warning_count,
        )

    @staticmethod
    def _reject(report: Report, body: dict[str, Any]) -> None:
        body = {"summary": body["summary"], "report": body["report"]}
        received = body["summary"]["received"]
        detail = f"{len(report.invalid)} of {received} records are invalid; nothing was stored."
        if any(item.code == OWNED_BY_OTHER for item in report.items):
            raise ValidationFailed(detail, body, status=409, code=OWNED_BY_OTHER)
        raise ValidationFailed(detail, body)

    def _replay(self, principal: Principal, request: SubmitRequest) -> SubmitResult | None:
        if not request.idempotency_key or request.dry_run:
            return None
        stored = self.store.idempotency(principal.organization_id, request.idempotency_key)
        if stored is None:
            return None
        if stored.request_hash != request.fingerprint():
            raise InvalidRequest(
                "This Idempotency-Key was used for a different request.",
                code="idempotency-key-reused",
            )
        return SubmitResult(stored.status_code, orjson.loads(stored.response_body), replayed=True)

    def _store(
        self,
        principal: Principal,
        request: SubmitRequest,
        plan: _Plan,
        summary: Summary,
        body: dict[str, Any],
    ) -> None:
        now = utcnow()
        submission_id = body["id"]
        if request.idempotency_key:
            # Claimed first: a concurrent duplicate waits on this row and then fails (409).
            try:
                self.store.add_idempotency(
                    IdempotencyKey(
                        organization_id=principal.organization_id,
                        key=request.idempotency_key,
                        request_hash=request.fingerprint(),
                        submission_id=submission_id,
                        status_code=201,
                        response_body=orjson.dumps(body).decode(),
                        created_at=now,
                    )
                )
            except IntegrityError as exc:
                raise Conflict(
                    "A request with this Idempotency-Key is being processed; retry shortly.",
                    code="idempotency-key-in-use",
                ) from exc
        self.store.add_submission(
            Submission(
                id=submission_id,
                organization_id=principal.organization_id,
                key_id=principal.key_id,
                received_at=now,
                completed_at=now,
                format=request.format or request.content_type.split(";")[0],
                content_type=request.content_type[:200],
                body_sha256=hashlib.sha256(request.body).hexdigest(),
                body_bytes=len(request.body),
                mode=request.mode,
                dry_run=False,
                status="stored",
                report=orjson.dumps(body["report"]).decode(),
                idempotency_key=request.idempotency_key,
                **vars(summary),
            )
        )
        written = self.store.write(
            plan.new, plan.changed, principal.organization_id, submission_id, now
        )
        versions_digest = hashlib.sha256(
            "\n".join(f"{iri} {v} {h}" for iri, v, h in sorted(written)).encode()
        ).hexdigest()
        audit.record(
            self.session,
            actor=principal.actor,
            action="submission.store",
            entity_type="submission",
            entity_id=submission_id,
            data={
                "body_sha256": hashlib.sha256(request.body).hexdigest(),
                "versions_sha256": versions_digest,
                **vars(summary),
            },
        )
