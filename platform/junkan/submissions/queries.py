"""Reading submissions back (the write path lives in service.py)."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy.orm import Session

from junkan.auth.principal import Principal
from junkan.errors import NotFound
from junkan.submissions.store import SUMMARY_FIELDS, SubmissionStore


class SubmissionQueries:
    def __init__(self, session: Session) -> None:
        self.store = SubmissionStore(session)

    def submission(self, principal: Principal, submission_id: str) -> dict[str, Any]:
        row = self.store.get_submission(submission_id)
        if row is None or not (
            principal.is_secretariat or row.organization_id == principal.organization_id
        ):
            raise NotFound()
        return {
            "id": row.id,
            "status": row.status,
            "organization_id": row.organization_id,
            "received_at": row.received_at.isoformat(),
            "completed_at": row.completed_at.isoformat() if row.completed_at else None,
            "format": row.format,
            "mode": row.mode,
            "dry_run": row.dry_run,
            "body_sha256": row.body_sha256,
            "summary": {name: getattr(row, name) for name in SUMMARY_FIELDS},
            "report": orjson.loads(row.report) if row.report else {"items": []},
        }
