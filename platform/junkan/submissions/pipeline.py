"""The steps of a submission that do not write: parse, normalise, validate, check, plan.

`SubmissionService` (service.py) runs them chunk by chunk and stores what they accept;
`junkan validate` runs the same steps offline.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from junkan.members.repository import MembersRepository
from junkan.submissions import contexts, converters, parsing
from junkan.submissions.checks import CheckSettings, Prepared, prepare
from junkan.submissions.errors import SubmissionRejected
from junkan.submissions.limits import Limits, check_structure
from junkan.submissions.report import Report
from junkan.submissions.store import Existing, SubmissionStore
from junkan_connect.vocab import validate

OWNED_BY_OTHER = "iri-owned-by-other-member"
CHUNK = 5_000


@dataclass(frozen=True)
class SubmitRequest:
    body: bytes
    content_type: str
    format: str | None = None
    mode: str = "atomic"
    dry_run: bool = False
    idempotency_key: str | None = None
    connector_config: str | None = None

    def fingerprint(self) -> str:
        """What an Idempotency-Key stands for: the request's options and its body."""
        digest = self.fingerprint_hasher()
        digest.update(self.body)
        return digest.hexdigest()

    def fingerprint_hasher(self) -> Any:
        """SHA-256 over the options, to be fed the body (a large one as it streams in)."""
        digest = hashlib.sha256()
        parts = (
            self.content_type,
            self.format or "",
            self.mode,
            str(self.dry_run),
            self.connector_config or "",
        )
        for part in parts:
            digest.update(part.encode() + b"\x00")
        return digest


@dataclass(frozen=True)
class SubmitResult:
    status_code: int
    body: dict[str, Any]
    replayed: bool = False


@dataclass
class Plan:
    new: list[Prepared]
    changed: list[tuple[Prepared, Existing]]
    unchanged: int


def parse(request: SubmitRequest, limits: Limits, caller_iri: str = "") -> parsing.Parsed:
    media = request.content_type.split(";")[0].strip().lower()
    fmt = (request.format or converters.DEFAULT_FORMAT.get(media, "")).lower()
    if fmt in ("", "jsonld", "json") and (media in parsing.JSON_TYPES or fmt):
        return parsing.parse_json(request.body, limits)
    if fmt == "ndjson" or media in parsing.NDJSON_TYPES:
        return parsing.parse_ndjson(request.body, limits)
    if fmt == "parquet" or media in parsing.PARQUET_TYPES:
        return parsing.parse_parquet(request.body, limits, default_type="MaterialFlow")
    if fmt:
        return converters.convert(
            fmt, request.body, media, request.connector_config, caller_iri, limits
        )
    raise SubmissionRejected(
        "unsupported-media-type",
        f"{media or 'no content type'}: send application/ld+json, application/x-ndjson, "
        "or name a converter with ?format=",
        status=415,
    )


def validate_records(
    records: list[Any],
    offset: int,
    report: Report,
    scan_all: bool,
    limits: Limits,
    checks: CheckSettings,
) -> list[Prepared]:
    """Per-record validation of one chunk; returns the records that passed, prepared."""
    prepared: list[Prepared] = []
    for index, raw in enumerate(records, start=offset):
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
            # The validator does not descend into keys it does not know; the structural
            # walk names the real problem when a record is pathological.
            if check_structure(raw, index, limits, report):
                for issue in issues:
                    report.error(index, issue.path, issue.code, issue.message)
            continue
        prepared.append(prepare(record, index, checks, report))
    return [p for p in prepared if p.index not in report.invalid]


def duplicate_ids(
    prepared: list[Prepared],
    seen: dict[str, int],
    report: Report,
    seen_sources: dict[tuple[str, str], int],
) -> None:
    """The same @id, or the same (sourceSystem, sourceRecordId), twice in one submission:
    the later record is refused (the unique keys would refuse its insert)."""
    for p in prepared:
        if p.iri in seen:
            report.error(
                p.index,
                "$.@id",
                "duplicate-id",
                f"the same @id as record {seen[p.iri]} in this submission",
            )
            continue
        source = (p.source_system, p.source_record_id)
        if p.source_system and p.source_record_id and source in seen_sources:
            report.error(
                p.index,
                "$.sourceRecordId",
                "source-id-conflict",
                f"the same sourceSystem and sourceRecordId as record {seen_sources[source]} "
                "in this submission",
            )
            continue
        seen[p.iri] = p.index
        if p.source_system and p.source_record_id:
            seen_sources[source] = p.index


def resolve_references(
    prepared: list[Prepared],
    in_batch: dict[str, str],
    store: SubmissionStore,
    members: MembersRepository,
    report: Report,
    caller: tuple[str, str] | None = None,
) -> None:
    """`caller`: (IRI, id) of the submitting organisation, which most references name."""
    known_orgs = dict([caller]) if caller else {}
    org_iris = {iri for p in prepared for _, iri in p.org_refs} - known_orgs.keys()
    if org_iris:
        known_orgs |= members.iris_to_ids(org_iris)
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


def plan(prepared: list[Prepared], store: SubmissionStore, org_id: str, report: Report) -> Plan:
    by_iri = store.by_iri(p.iri for p in prepared)
    pairs = {
        (p.source_system, p.source_record_id)
        for p in prepared
        if p.source_system and p.source_record_id
    }
    by_source = store.by_source(org_id, pairs) if pairs else {}
    plan = Plan([], [], 0)
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
