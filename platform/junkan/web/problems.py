"""Exception handlers: everything a client sees is a problem document with a stable code."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError, IntegrityError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from junkan.errors import (
    PROBLEM_CONTENT_TYPE,
    PROBLEM_TYPE_BASE,
    Conflict,
    InvalidRequest,
    JunkanError,
)

_HTTP_CODES = {
    400: ("bad-request", "Bad request"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    413: ("payload-too-large", "Payload too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
}
# pydantic error types mapped to our codes; others keep a kebab-case form of their type.
_PYDANTIC_CODES = {
    "extra_forbidden": "unknown-field",
    "missing": "missing-field",
    "json_invalid": "malformed-json",
    "enum": "unknown-code",
}


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    return Response(
        orjson.dumps(body),
        status_code=body["status"],
        media_type=PROBLEM_CONTENT_TYPE,
        headers=headers,
    )


def _validation_item(error: dict[str, Any]) -> dict[str, Any]:
    cause = (error.get("ctx") or {}).get("error")
    code = getattr(cause, "code", None) or _PYDANTIC_CODES.get(error["type"])
    code = code or error["type"].replace("_", "-")
    message = str(cause) if cause is not None else error["msg"]
    return {"loc": [str(p) for p in error["loc"]], "code": code, "message": message}


async def _on_validation(_: Request, exc: RequestValidationError) -> Response:
    items = [_validation_item(e) for e in exc.errors()]
    codes = {item["code"] for item in items}
    only = codes.pop() if len(codes) == 1 else None
    # A single specific cause (a bad identifier, malformed JSON) becomes the problem code.
    specific = only is not None and (only.startswith("invalid-") or only == "malformed-json")
    code = only if specific else "invalid-request"
    fields = ", ".join(".".join(i["loc"][1:]) or i["loc"][0] for i in items)
    body = {
        "type": PROBLEM_TYPE_BASE + code,
        "title": "The request is not valid",
        "status": 422,
        "code": code,
        "detail": f"Invalid: {fields}.",
        "errors": items,
    }
    return problem_response(body)


async def _on_junkan_error(_: Request, exc: JunkanError) -> Response:
    return problem_response(exc.problem(), exc.headers)


async def _on_http_error(_: Request, exc: HTTPException) -> Response:
    code, title = _HTTP_CODES.get(exc.status_code, ("http-error", "HTTP error"))
    body = {
        "type": PROBLEM_TYPE_BASE + code,
        "title": title,
        "status": exc.status_code,
        "code": code,
        "detail": exc.detail if exc.status_code == 413 else title,
    }
    return problem_response(body, getattr(exc, "headers", None))


def _is_unique_violation(exc: IntegrityError) -> bool:
    orig = exc.orig
    return getattr(orig, "sqlstate", None) == "23505" or getattr(orig, "sqlite_errorname", "") in (
        "SQLITE_CONSTRAINT_UNIQUE",
        "SQLITE_CONSTRAINT_PRIMARYKEY",
    )


async def _on_integrity_error(_: Request, exc: IntegrityError) -> Response:
    """A unique key taken by a concurrent request between this one's check and its write
    (PostgreSQL runs such requests side by side). Anything else is a bug: 500, logged."""
    if not _is_unique_violation(exc):
        raise exc
    conflict = Conflict("A concurrent request stored the same key first; read again and retry.")
    return problem_response(conflict.problem())


async def _on_data_error(_: Request, exc: DataError) -> Response:
    """A value the database refuses to store or compare (PostgreSQL: a NUL character in
    text). The request's own checks should have named it; this is the net under them."""
    refused = InvalidRequest("A value in the request cannot be stored (e.g. text containing NUL).")
    return problem_response(refused.problem())


def install(app: FastAPI) -> None:
    # Unexpected exceptions are answered by RequestContextMiddleware, which still knows the
    # request id when it logs them.
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(JunkanError, _on_junkan_error)
    app.add_exception_handler(HTTPException, _on_http_error)
    app.add_exception_handler(IntegrityError, _on_integrity_error)
    app.add_exception_handler(DataError, _on_data_error)
