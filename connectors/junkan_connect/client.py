"""HubClient: push records to a Junkan hub's submission API in batches.

Each batch is one `POST /api/v1/submissions` with an NDJSON body and an `Idempotency-Key`
derived from the batch content, so a retried or re-run push is replayed by the hub instead of
stored twice. Transient failures (connection errors, 429, 502–504) are retried with
exponential backoff honouring `Retry-After`; 413 splits the batch; 202 answers are polled.
Every other failure raises a typed HubError carrying the hub's problem document.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any
from urllib.parse import quote

import httpx

try:  # optional speed-up, as in junkan_connect.sources
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None
from pydantic import BaseModel, ConfigDict, Field

from junkan_connect import __version__

RETRY_STATUSES = frozenset({429, 502, 503, 504})


def retry_delay(
    response: httpx.Response | None, attempt: int, backoff: float, max_backoff: float
) -> float:
    """Seconds to wait before trying again: the hub's `Retry-After` when it gives one (in
    seconds), else `backoff` doubled per attempt; never more than `max_backoff`."""
    retry_after = response.headers.get("Retry-After", "") if response is not None else ""
    if retry_after.isdigit():
        return min(float(retry_after), max_backoff)
    return min(backoff * 2**attempt, max_backoff)


class Summary(BaseModel):
    model_config = ConfigDict(extra="allow")
    received: int = 0
    valid: int = 0
    invalid: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    warnings: int = 0


class SubmissionResult(BaseModel):
    """The hub's answer to one batch."""

    model_config = ConfigDict(extra="allow")
    id: str
    status: str
    mode: str = "atomic"
    dry_run: bool = False
    summary: Summary = Field(default_factory=Summary)
    report: dict[str, Any] = Field(default_factory=lambda: {"items": []})
    replayed: bool = False
    offset: int = 0  # index of the batch's first record in the whole push


class PushResult(BaseModel):
    batches: list[SubmissionResult] = Field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for batch in self.batches:
            for key, value in batch.summary.model_dump().items():
                if isinstance(value, int):
                    total[key] = total.get(key, 0) + value
        return total


class HubError(Exception):
    """A failed request; `problem` is the hub's RFC 9457 document (or a stand-in)."""

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        self.status = status
        self.problem = problem
        self.code = str(problem.get("code", "http-error"))
        detail = problem.get("detail") or problem.get("title") or ""
        said = "could not reach the hub" if status == 0 else f"hub answered {status}"
        super().__init__(f"{said} ({self.code}): {detail}".rstrip(": "))


class InvalidKeyError(HubError):
    """401/403: the API key is wrong, revoked or lacks the right."""


class ValidationFailedError(HubError):
    """422: records were rejected; `report` holds the per-record issues."""

    @property
    def report(self) -> dict[str, Any]:
        return self.problem.get("report", {"items": []})


class ConflictError(HubError):
    """409: e.g. idempotency-key-reused or iri-owned-by-other-member."""


class PayloadTooLargeError(HubError):
    """413 for a single record that cannot be split further."""


class TransientError(HubError):
    """Retries were exhausted on a transient failure (network, 429, 5xx)."""


_ERRORS: dict[int, type[HubError]] = {
    401: InvalidKeyError,
    403: InvalidKeyError,
    409: ConflictError,
    413: PayloadTooLargeError,
    422: ValidationFailedError,
}


def _problem(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        return body
    return {
        "code": "http-error",
        "status": response.status_code,
        "title": response.reason_phrase,
        "detail": response.text[:500],
    }


def encode_ndjson(records: list[dict[str, Any]]) -> bytes:
    """One compact UTF-8 JSON record per line (orjson when installed: several times faster)."""
    if _orjson is not None:
        dumps = _orjson.dumps
        return b"\n".join(map(dumps, records)) + b"\n"
    return b"".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for r in records
    )


def idempotency_key(body: bytes, mode: str, dry_run: bool, fmt: str | None) -> str:
    digest = hashlib.sha256(body)
    digest.update(f"|{mode}|{dry_run}|{fmt or ''}".encode())
    return "jc-" + digest.hexdigest()


def batched(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


Progress = Callable[[int, SubmissionResult], None]


class HubClient:
    def __init__(
        self,
        hub_url: str,
        key: str,
        *,
        transport: httpx.BaseTransport | None = None,
        batch_size: int = 1000,
        max_retries: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        timeout: float = 120.0,
        poll_interval: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        http: httpx.Client | None = None,
    ) -> None:
        """`transport` (e.g. httpx.MockTransport) or a ready `http` client (e.g. FastAPI's
        TestClient, whose base URL then replaces `hub_url`) let tests run without a server."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.batch_size = batch_size
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.poll_interval = poll_interval
        self._sleep = sleep
        self._headers = {
            "Authorization": f"Bearer {key}",
            "User-Agent": f"junkan-connect/{__version__}",
        }
        self._owns_http = http is None
        # redirects are not followed: a hub that redirects a submission is misconfigured
        self._http = http or httpx.Client(
            base_url=hub_url.rstrip("/"),
            transport=transport,
            timeout=timeout,
            follow_redirects=False,
        )

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    # -- public API ---------------------------------------------------------------------------

    def push(
        self,
        records: Iterable[dict[str, Any]],
        *,
        mode: str = "atomic",
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> PushResult:
        """Send converted records in NDJSON batches; stops at the first failing batch."""
        result = PushResult()
        sent = 0
        for batch in batched(records, self.batch_size):
            for part in self._submit_splitting(batch, sent, mode, dry_run):
                result.batches.append(part)
                if progress is not None:
                    progress(part.offset + part.summary.received, part)
            sent += len(batch)
        return result

    def submit(
        self,
        records: list[dict[str, Any]],
        *,
        mode: str = "atomic",
        dry_run: bool = False,
        offset: int = 0,
    ) -> SubmissionResult:
        """One batch of records as one submission (no splitting)."""
        return self._post(
            encode_ndjson(records), "application/x-ndjson", None, mode, dry_run, offset
        )

    def me(self) -> dict[str, Any]:
        """The caller as the hub sees it (`GET /api/v1/me`): organisation, role, key id."""
        return self._send("GET", "/api/v1/me").json()

    def organization_iri(self) -> str:
        """The IRI to write as `reporter`: the hub accepts only the key's own organisation."""
        return str(self.me()["organization"]["iri"])

    def get_record(self, iri: str) -> dict[str, Any]:
        """The current version of one record, as the hub serves it (JSON-LD)."""
        return self._send("GET", f"/api/v1/records/{quote(iri, safe='')}").json()

    def upload(
        self,
        body: bytes,
        *,
        format: str,  # the API parameter name
        content_type: str = "application/octet-stream",
        mode: str = "atomic",
        dry_run: bool = False,
    ) -> SubmissionResult:
        """Send a source document unconverted; the hub runs connector `format` on it."""
        return self._post(body, content_type, format, mode, dry_run, 0)

    # -- internals ----------------------------------------------------------------------------

    def _post(
        self, body: bytes, content_type: str, fmt: str | None, mode: str, dry_run: bool, offset: int
    ) -> SubmissionResult:
        params = {"mode": mode, "dry_run": "true" if dry_run else "false"}
        if fmt:
            params["format"] = fmt
        headers = {
            "Content-Type": content_type,
            "Idempotency-Key": idempotency_key(body, mode, dry_run, fmt),
        }
        response = self._send(
            "POST", "/api/v1/submissions", params=params, headers=headers, content=body
        )
        return self._result(response, offset)

    def _submit_splitting(
        self, batch: list[dict[str, Any]], offset: int, mode: str, dry_run: bool
    ) -> list[SubmissionResult]:
        try:
            return [self.submit(batch, mode=mode, dry_run=dry_run, offset=offset)]
        except PayloadTooLargeError:
            if len(batch) == 1:
                raise
        half = len(batch) // 2
        return self._submit_splitting(batch[:half], offset, mode, dry_run) + (
            self._submit_splitting(batch[half:], offset + half, mode, dry_run)
        )

    def _result(self, response: httpx.Response, offset: int) -> SubmissionResult:
        body = response.json()
        if response.status_code == 202:
            body = self._wait_for_job(body["job"])
        result = SubmissionResult.model_validate(body)
        result.replayed = response.headers.get("Idempotent-Replayed", "").lower() == "true"
        result.offset = offset
        return result

    def _wait_for_job(self, job_url: str) -> dict[str, Any]:
        while True:
            body = self._send("GET", job_url).json()
            if body.get("status") in ("stored", "validated"):
                return body
            if body.get("status") == "failed":
                raise HubError(200, body.get("problem") or {"code": "job-failed", **body})
            self._sleep(self.poll_interval)

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        return retry_delay(response, attempt, self.backoff, self.max_backoff)

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        kwargs["headers"] = {**self._headers, **kwargs.get("headers", {})}
        attempt = 0
        while True:
            try:
                response = self._http.request(method, url, **kwargs)
            except httpx.TransportError as exc:
                if attempt >= self.max_retries:
                    tries = f"{attempt + 1} attempt{'s' if attempt else ''}"
                    where = self._http.base_url.join(url)
                    detail = f"{exc or type(exc).__name__} ({method} {where}, {tries})"
                    raise TransientError(0, {"code": "network-error", "detail": detail}) from exc
                self._sleep(self._delay(attempt, None))
                attempt += 1
                continue
            if response.status_code in RETRY_STATUSES and attempt < self.max_retries:
                self._sleep(self._delay(attempt, response))
                attempt += 1
                continue
            if response.status_code >= 400 or 300 <= response.status_code < 400:
                problem = _problem(response)
                if response.status_code in RETRY_STATUSES:
                    raise TransientError(response.status_code, problem)
                raise _ERRORS.get(response.status_code, HubError)(response.status_code, problem)
            return response
