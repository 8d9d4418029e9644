"""One exception hierarchy; every error a client sees is an RFC 9457 problem document.

Each error has a stable kebab-case `code`. docs/errors.md lists them all.
"""

from __future__ import annotations

from typing import Any

PROBLEM_TYPE_BASE = "https://w3id.org/junkan/problems/"
PROBLEM_CONTENT_TYPE = "application/problem+json"


class JunkanError(Exception):
    """Base of every error the hub reports to a client."""

    status: int = 400
    code: str = "bad-request"
    title: str = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        if code is not None:
            self.code = code
        self.errors = errors
        self.headers = headers or {}

    def problem(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_TYPE_BASE + self.code,
            "title": self.title,
            "status": self.status,
            "code": self.code,
            "detail": self.detail,
        }
        if self.errors:
            body["errors"] = self.errors
        return body


class InvalidRequest(JunkanError):
    status, code, title = 422, "invalid-request", "The request is not valid"


class NotFound(JunkanError):
    status, code, title = 404, "not-found", "Not found"

    def __init__(self) -> None:
        # Deliberately no detail naming the resource: a foreign resource and a missing one
        # must answer with byte-identical bodies.
        super().__init__("The resource does not exist or is not visible to you.")


class Unauthorized(JunkanError):
    status, code, title = 401, "unauthorized", "Authentication required"

    def __init__(self, detail: str, *, code: str = "unauthorized") -> None:
        super().__init__(
            detail,
            code=code,
            headers={"WWW-Authenticate": 'Bearer realm="junkan"'},
        )


class Forbidden(JunkanError):
    status, code, title = 403, "forbidden", "Not allowed"


class Conflict(JunkanError):
    status, code, title = 409, "conflict", "Conflict"


class PreconditionRequired(JunkanError):
    status, code, title = 428, "precondition-required", "If-Match header required"


class PreconditionFailed(JunkanError):
    status, code, title = 412, "precondition-failed", "The resource has changed"


class PayloadTooLarge(JunkanError):
    status, code, title = 413, "payload-too-large", "Payload too large"


class UnsupportedMediaType(JunkanError):
    status, code, title = 415, "unsupported-media-type", "Unsupported media type"


class ServiceUnavailable(JunkanError):
    status, code, title = 503, "not-ready", "Service not ready"


class SchemaOutdated(Exception):
    """The database is not at the migration head the code expects (not a client error)."""


def internal_error_problem() -> dict[str, Any]:
    """The generic body for unexpected errors: never a traceback, path or message."""
    return {
        "type": PROBLEM_TYPE_BASE + "internal-error",
        "title": "Internal error",
        "status": 500,
        "code": "internal-error",
        "detail": "An unexpected error occurred. It has been logged with the request id.",
    }
