"""ASGI middleware: request ids, access logs and the request body size limit.

Both are plain ASGI so the limit is enforced while the body streams in, before anything
buffers it.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

import orjson
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from junkan.errors import PROBLEM_CONTENT_TYPE, PayloadTooLarge, internal_error_problem
from junkan.logs import request_id_var

log = logging.getLogger("junkan.http")
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_JSON_TYPES = ("application/json", "application/ld+json", "application/problem+json")


class BodyTooLarge(HTTPException):
    """Raised from `receive`; an HTTPException so FastAPI's body parsing passes it through."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body exceeds the limit of {limit} bytes.")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


async def _send_problem(send: Send, error: PayloadTooLarge, request_id: str) -> None:
    await _send_body(send, error.status, orjson.dumps(error.problem()), request_id)


async def _send_body(send: Send, status: int, body: bytes, request_id: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_CONTENT_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"x-request-id", request_id.encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestContextMiddleware:
    """Assigns a request id (or keeps a sane incoming X-Request-ID) and logs each request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        if incoming and _VALID_REQUEST_ID.fullmatch(incoming):
            request_id = incoming
        else:
            request_id = uuid.uuid4().hex
        token = request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status_holder: dict[str, int | bool] = {"status": 500}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                status_holder["started"] = True
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error")
            if status_holder.get("started"):
                raise
            status_holder["status"] = 500
            await _send_body(send, 500, orjson.dumps(internal_error_problem()), request_id)
        finally:
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status_holder["status"],
                    "ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )
            request_id_var.reset(token)


class BodySizeLimitMiddleware:
    """413 `payload-too-large` as soon as a body exceeds its limit.

    JSON bodies get the JSON limit; other media types (CSV, Excel, Parquet, NDJSON uploads)
    get the larger upload limit. A declared Content-Length over the limit is refused before
    reading a byte; a chunked body is counted while it streams.
    """

    def __init__(self, app: ASGIApp, *, json_limit: int, upload_limit: int) -> None:
        self.app = app
        self.json_limit = json_limit
        self.upload_limit = upload_limit

    def _limit_for(self, scope: Scope) -> int:
        content_type = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
        if not content_type or content_type in _JSON_TYPES:
            return self.json_limit
        return self.upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit_for(scope)
        request_id = scope.get("state", {}).get("request_id", "")
        too_large = PayloadTooLarge(f"The request body exceeds the limit of {limit} bytes.")
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _send_problem(send, too_large, request_id)
            return
        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not response_started:
                await _send_problem(send, too_large, request_id)
