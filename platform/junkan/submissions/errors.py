"""Errors that reject a whole submission before per-record validation."""

from __future__ import annotations

from junkan.errors import JunkanError


class SubmissionRejected(JunkanError):
    """The body cannot be taken at all (size, count, encoding, syntax, context)."""

    status, code, title = 422, "invalid-submission", "The submission cannot be processed"

    def __init__(self, code: str, detail: str, *, status: int = 422, path: str = "$") -> None:
        super().__init__(
            detail, code=code, errors=[{"loc": ["body", path], "code": code, "message": detail}]
        )
        self.status = status


class ValidationFailed(JunkanError):
    """Atomic mode: at least one record is invalid, so nothing was stored."""

    status, code, title = 422, "validation-failed", "The submission has invalid records"

    def __init__(
        self, detail: str, body: dict, *, status: int = 422, code: str = "validation-failed"
    ) -> None:
        super().__init__(detail, code=code)
        self.status = status
        self.body = body

    def problem(self) -> dict:
        return super().problem() | self.body


class ConcurrentWrite(JunkanError):
    """Another transaction stored some of the same records (same IRI or source id, or the
    next version of a record) between this submission's reads and its writes. Raised from
    the write; the whole submission is then run again in a new transaction, which sees the
    other one's records. Reaches the client only if that keeps happening."""

    status, code, title = 409, "concurrent-write", "Another submission wrote the same records"
