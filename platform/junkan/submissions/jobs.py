"""Large uploads as jobs: 202 at once, processed in the background in one transaction.

The body is written to `<data_dir>/jobs/<id>.body` and the submission row is committed as
`queued` before the 202 leaves. One worker thread takes jobs in order (SQLite has one writer
anyway). A job left `queued` by a stopped server is taken up again at the next start.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import select

from junkan.auth.principal import Principal
from junkan.db.base import utcnow
from junkan.db.uow import Database
from junkan.errors import JunkanError
from junkan.members.models import ApiKey, Organization
from junkan.submissions.limits import Limits
from junkan.submissions.models import Submission
from junkan.submissions.service import (
    SubmissionService,
    SubmitRequest,
    retrying_concurrent_writes,
)

log = logging.getLogger("junkan.jobs")


@dataclass(frozen=True)
class Received:
    """A request body written to disk, with its SHA-256 and length (and the request's
    idempotency fingerprint when one was asked for)."""

    path: Path
    sha256: str
    size: int
    fingerprint: str | None = None


class JobRunner:
    def __init__(self, database: Database, data_dir: Path, limits: Limits, checks: dict) -> None:
        self.database = database
        self.folder = data_dir / "jobs"
        self.limits = limits
        self.checks = checks
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="junkan-job")
        # Called after a job committed records (the app points it at the snapshot rebuild).
        self.on_stored: Callable[[], None] | None = None

    def body_path(self, submission_id: str) -> Path:
        return self.folder / f"{submission_id}.body"

    def save_body(self, submission_id: str, body: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.body_path(submission_id).with_suffix(".part")
        temporary.write_bytes(body)
        temporary.replace(self.body_path(submission_id))

    async def receive(self, stream: AsyncIterator[bytes], fingerprint: Any = None) -> Received:
        """Write a request body to disk as it arrives (a large upload is never held in
        memory); the caller names it with `adopt` once the submission row exists.
        `fingerprint`: a hash object (`SubmitRequest.fingerprint_hasher`) fed the body too."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f".{uuid.uuid4().hex}.part"
        digest, size = hashlib.sha256(), 0
        try:
            with path.open("wb") as file:
                async for chunk in stream:
                    file.write(chunk)
                    digest.update(chunk)
                    if fingerprint is not None:
                        fingerprint.update(chunk)
                    size += len(chunk)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return Received(
            path, digest.hexdigest(), size, fingerprint.hexdigest() if fingerprint else None
        )

    def adopt(self, received: Received, submission_id: str) -> None:
        received.path.replace(self.body_path(submission_id))

    def discard(self, received: Received) -> None:
        received.path.unlink(missing_ok=True)

    def schedule(self, principal: Principal, request: SubmitRequest, submission_id: str) -> None:
        # The worker reads the body from disk; the queue does not keep a copy alive.
        self.executor.submit(self._run, principal, replace(request, body=b""), submission_id)

    def _run(self, principal: Principal, request: SubmitRequest, submission_id: str) -> None:
        body = self.body_path(submission_id).read_bytes()
        request = SubmitRequest(
            body,
            request.content_type,
            request.format,
            request.mode,
            False,
            connector_config=request.connector_config,
        )
        try:

            def attempt() -> None:
                with self.database.unit_of_work() as session:
                    SubmissionService(session, self.limits, self.checks).submit(
                        principal, request, queued_id=submission_id
                    )

            retrying_concurrent_writes(attempt)
            if self.on_stored is not None:
                self.on_stored()
        except JunkanError as exc:
            self._close(submission_id, "rejected", exc.problem())
        except Exception:
            log.exception("submission job failed", extra={"submission": submission_id})
            self._close(submission_id, "failed", {"code": "internal-error"})
        self.body_path(submission_id).unlink(missing_ok=True)

    def _close(self, submission_id: str, status: str, problem: dict) -> None:
        """Record why a job stored nothing (its records were rolled back)."""
        with self.database.unit_of_work() as session:
            row = session.get(Submission, submission_id)
            row.status, row.completed_at = status, utcnow()
            report = problem.get("report") or {
                "items": [
                    {
                        "path": "$",
                        "code": problem.get("code"),
                        "message": problem.get("detail", ""),
                        "severity": "error",
                    }
                ]
            }
            row.report = orjson.dumps(report).decode()
            for name, value in (problem.get("summary") or {}).items():
                setattr(row, name, value)

    def resume(self) -> int:
        """Queue again the jobs a previous process accepted but did not finish."""
        with self.database.unit_of_work(write=False) as session:
            rows = session.execute(
                select(Submission, ApiKey.role, Organization.group_id)
                .join(ApiKey, ApiKey.id == Submission.key_id)
                .join(Organization, Organization.id == Submission.organization_id)
                .where(Submission.status.in_(("queued", "processing")))
            ).all()
        resumed = 0
        for submission, role, group_id in rows:
            if not self.body_path(submission.id).exists():
                continue
            principal = Principal(
                submission.organization_id,
                group_id or submission.organization_id,
                role,
                submission.key_id,
            )
            fmt = None if "/" in submission.format else submission.format
            request = SubmitRequest(b"", submission.content_type, fmt, submission.mode)
            self.schedule(principal, request, submission.id)
            resumed += 1
        return resumed

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True)
