"""Reading records: current state, history, a past state, and PROV-O provenance.

Visibility: the owner and the secretariat see everything; any key holder sees `members`
and `public` records; anyone sees `public` ones. Everything else answers the same 404 as a
record that does not exist.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from junkan.auth.principal import Principal
from junkan.errors import NotFound
from junkan.members.models import Organization
from junkan.submissions.models import Record, RecordVersion, Submission

_RANK = {"public": 0, "members": 1, "confidential": 2}
PROV_CONTEXT = {
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "junkan": "https://w3id.org/junkan/ns#",
    "generatedAtTime": {"@id": "prov:generatedAtTime", "@type": "xsd:dateTime"},
    "startedAtTime": {"@id": "prov:startedAtTime", "@type": "xsd:dateTime"},
    "wasAttributedTo": {"@id": "prov:wasAttributedTo", "@type": "@id"},
    "wasGeneratedBy": {"@id": "prov:wasGeneratedBy", "@type": "@id"},
    "wasRevisionOf": {"@id": "prov:wasRevisionOf", "@type": "@id"},
    "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
    "specializationOf": {"@id": "prov:specializationOf", "@type": "@id"},
    "wasAssociatedWith": {"@id": "prov:wasAssociatedWith", "@type": "@id"},
    "contentHash": "junkan:contentHash",
}


def _may_see(principal: Principal | None, record: Record, body_disclosure: str) -> bool:
    if principal is not None and (
        principal.is_secretariat or principal.organization_id == record.organization_id
    ):
        return True
    level = max(_RANK.get(record.disclosure, 2), _RANK.get(body_disclosure, 2))
    return level == 0 or (level == 1 and principal is not None)


class RecordsService:
    def __init__(self, session: Session, base_url: str) -> None:
        self.session = session
        self.base_url = base_url.rstrip("/")

    def _record(self, ref: str) -> Record:
        column = Record.id if len(ref) == 32 and ":" not in ref else Record.iri
        record = self.session.scalar(select(Record).where(column == ref))
        if record is None:
            raise NotFound()
        return record

    def _version(
        self, record: Record, version: int | None, as_of: datetime | None
    ) -> RecordVersion:
        query = select(RecordVersion).where(RecordVersion.record_id == record.id)
        if version is not None:
            query = query.where(RecordVersion.version == version)
        if as_of is not None:
            query = query.where(RecordVersion.valid_from <= as_of)
        found = self.session.scalar(query.order_by(RecordVersion.version.desc()).limit(1))
        if found is None:
            raise NotFound()
        return found

    def _visible(
        self,
        principal: Principal | None,
        ref: str,
        version: int | None = None,
        as_of: datetime | None = None,
    ) -> tuple[Record, RecordVersion, dict[str, Any]]:
        record = self._record(ref)
        found = self._version(record, version, as_of)
        body = orjson.loads(found.body)
        if not _may_see(principal, record, body.get("disclosure", "confidential")):
            raise NotFound()
        return record, found, body

    def current(
        self, principal: Principal | None, ref: str, as_of: datetime | None
    ) -> tuple[dict[str, Any], RecordVersion]:
        _, found, body = self._visible(principal, ref, as_of=as_of)
        return body, found

    def versions(self, principal: Principal | None, ref: str) -> list[dict[str, Any]]:
        record, _, _ = self._visible(principal, ref)
        rows = self.session.scalars(
            select(RecordVersion)
            .where(RecordVersion.record_id == record.id)
            .order_by(RecordVersion.version)
        )
        return [
            {
                "version": v.version,
                "content_hash": v.content_hash,
                "valid_from": v.valid_from.isoformat(),
                "submission_id": v.submission_id,
                "provenance": self._version_url(record.id, v.version) + "/provenance",
            }
            for v in rows
        ]

    def _version_url(self, record_id: str, version: int) -> str:
        return f"{self.base_url}/api/v1/records/{record_id}/versions/{version}"

    def provenance(self, principal: Principal | None, ref: str, version: int) -> dict[str, Any]:
        record, found, _ = self._visible(principal, ref, version=version)
        submission = self.session.get(Submission, found.submission_id)
        org_iri = self.session.scalar(
            select(Organization.iri).where(Organization.id == record.organization_id)
        )
        activity = {
            "@id": f"urn:junkan:submission:{submission.id}",
            "@type": "prov:Activity",
            "startedAtTime": submission.received_at.isoformat(),
            "wasAssociatedWith": org_iri,
            "prov:used": {"@id": f"urn:sha256:{submission.body_sha256}", "@type": "prov:Entity"},
        }
        entity: dict[str, Any] = {
            "@context": PROV_CONTEXT,
            "@id": self._version_url(record.id, found.version),
            "@type": "prov:Entity",
            "specializationOf": record.iri,
            "generatedAtTime": found.valid_from.isoformat(),
            "wasAttributedTo": org_iri,
            "wasGeneratedBy": activity,
            "contentHash": f"sha256:{found.content_hash}",
        }
        if found.version > 1:
            entity["wasRevisionOf"] = self._version_url(record.id, found.version - 1)
        else:
            entity["wasDerivedFrom"] = f"urn:sha256:{submission.body_sha256}"
        return entity
