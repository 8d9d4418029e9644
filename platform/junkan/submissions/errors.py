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
