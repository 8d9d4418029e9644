"""HubClient against a fake hub (httpx.MockTransport): batching, retries, typed errors."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from junkan_connect.client import (
    ConflictError,
    HubClient,
    InvalidKeyError,
    PayloadTooLargeError,
    TransientError,
    ValidationFailedError,
)

RECORD = {"@context": "https://w3id.org/junkan/contexts/v1.jsonld", "@type": "MaterialFlow"}


def records(n: int) -> list[dict[str, Any]]:
    return [{**RECORD, "@id": f"https://example.org/flow/{i}"} for i in range(n)]


class FakeHub:
    """Answers like the submission API; scripted failures are served first."""

    def __init__(self, *script: httpx.Response) -> None:
        self.script = list(script)
        self.requests: list[httpx.Request] = []
        self.keys: dict[str, int] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.script:
            return self.script.pop(0)
        lines = request.content.decode().splitlines()
        key = request.headers["Idempotency-Key"]
        replayed = key in self.keys
        self.keys.setdefault(key, len(self.keys))
        dry = request.url.params["dry_run"] == "true"
        body = {
            "id": f"sub-{self.keys[key]}",
            "status": "validated" if dry else "stored",
            "mode": request.url.params["mode"],
            "dry_run": dry,
            "summary": {
                "received": len(lines),
                "valid": len(lines),
                "created": 0 if replayed else len(lines),
            },
            "report": {"items": []},
        }
        headers = {"Idempotent-Replayed": "true"} if replayed else {}
        return httpx.Response(200 if dry else 201, json=body, headers=headers)


def client(hub: FakeHub, **kwargs: Any) -> tuple[HubClient, list[float]]:
    slept: list[float] = []
    return HubClient(
        "http://hub.test", "k-123", transport=httpx.MockTransport(hub), sleep=slept.append, **kwargs
    ), slept


def problem(status: int, code: str, **extra: Any) -> httpx.Response:
    return httpx.Response(
        status,
        json={"type": "about:blank", "title": code, "status": status, "code": code, **extra},
        headers={"Content-Type": "application/problem+json"},
    )


def test_batches_auth_and_ndjson() -> None:
    hub = FakeHub()
    c, _ = client(hub, batch_size=1000)
    seen: list[int] = []
    result = c.push(
        records(2500), dry_run=True, mode="partial", progress=lambda sent, _r: seen.append(sent)
    )
    assert [len(r.content.decode().splitlines()) for r in hub.requests] == [1000, 1000, 500]
    first = hub.requests[0]
    assert first.headers["Authorization"] == "Bearer k-123"
    assert first.headers["Content-Type"] == "application/x-ndjson"
    assert first.url.path == "/api/v1/submissions"
    assert dict(first.url.params) == {"mode": "partial", "dry_run": "true"}
    assert json.loads(first.content.decode().splitlines()[0])["@id"].endswith("/0")
    assert seen == [1000, 2000, 2500]
    assert result.summary["received"] == 2500
    assert {b.status for b in result.batches} == {"validated"}


def test_rerun_is_replayed_with_the_same_keys() -> None:
    hub = FakeHub()
    c, _ = client(hub, batch_size=10)
    first = c.push(records(25))
    second = c.push(records(25))
    assert [b.replayed for b in first.batches] == [False] * 3
    assert [b.replayed for b in second.batches] == [True] * 3
    assert second.summary["created"] == 0
    keys = [r.headers["Idempotency-Key"] for r in hub.requests]
    assert keys[:3] == keys[3:] and len(set(keys[:3])) == 3
    assert all(len(k) <= 200 for k in keys)


def test_transient_failures_are_retried_with_the_same_key() -> None:
    hub = FakeHub(
        httpx.Response(503), problem(429, "rate-limited"), httpx.Response(502, text="bad gateway")
    )
    hub.script[1].headers["Retry-After"] = "7"
    c, slept = client(hub, backoff=0.5)
    result = c.push(records(3))
    assert result.batches[0].status == "stored"
    assert slept == [0.5, 7.0, 2.0]
    assert len({r.headers["Idempotency-Key"] for r in hub.requests}) == 1


def test_network_errors_are_retried_then_raised() -> None:
    calls = []

    def down(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ConnectError("refused", request=request)

    c = HubClient(
        "http://hub.test",
        "k",
        transport=httpx.MockTransport(down),
        max_retries=2,
        sleep=lambda _s: None,
    )
    with pytest.raises(TransientError) as err:
        c.push(records(1))
    assert len(calls) == 3 and err.value.code == "network-error"
    assert str(err.value) == (
        "could not reach the hub (network-error): refused "
        "(POST http://hub.test/api/v1/submissions, 3 attempts)"
    )


@pytest.mark.parametrize(
    ("status", "code", "error"),
    [
        (401, "invalid-key", InvalidKeyError),
        (409, "iri-owned-by-other-member", ConflictError),
        (422, "validation-failed", ValidationFailedError),
    ],
)
def test_typed_errors_carry_the_problem(status: int, code: str, error: type) -> None:
    report = {
        "items": [
            {
                "index": 0,
                "path": "$.mass",
                "code": "missing-field",
                "message": "'mass' is required",
                "severity": "error",
            }
        ]
    }
    c, _ = client(FakeHub(problem(status, code, report=report)))
    with pytest.raises(error) as err:
        c.push(records(2))
    assert err.value.code == code and err.value.status == status
    assert err.value.problem["report"] == report
    if error is ValidationFailedError:
        assert err.value.report["items"][0]["code"] == "missing-field"


def test_payload_too_large_splits_the_batch() -> None:
    hub = FakeHub(problem(413, "payload-too-large"), problem(413, "payload-too-large"))
    c, _ = client(hub, batch_size=8)
    result = c.push(records(8))
    sizes = [len(r.content.decode().splitlines()) for r in hub.requests]
    assert sizes == [8, 4, 2, 2, 4]
    assert [b.offset for b in result.batches] == [0, 2, 4]
    assert result.summary["received"] == 8


def test_single_record_too_large_raises() -> None:
    c, _ = client(FakeHub(*[problem(413, "payload-too-large")] * 3))
    with pytest.raises(PayloadTooLargeError):
        c.push(records(1))


def test_queued_submission_is_polled() -> None:
    queued = httpx.Response(
        202, json={"id": "s1", "status": "queued", "job": "http://hub.test/api/v1/jobs/s1"}
    )
    running = httpx.Response(200, json={"id": "s1", "status": "running"})
    done = httpx.Response(
        200,
        json={
            "id": "s1",
            "status": "stored",
            "mode": "atomic",
            "dry_run": False,
            "summary": {"received": 2},
            "report": {"items": []},
        },
    )
    hub = FakeHub(queued, running, done)
    c, slept = client(hub, poll_interval=0.25)
    result = c.push(records(2))
    assert result.batches[0].status == "stored" and slept == [0.25]
    assert [r.method for r in hub.requests] == ["POST", "GET", "GET"]


def test_redirects_are_not_followed() -> None:
    c, _ = client(FakeHub(httpx.Response(307, headers={"Location": "http://evil.test/"})))
    with pytest.raises(Exception, match="307"):
        c.push(records(1))


def test_a_ready_http_client_can_be_used() -> None:
    hub = FakeHub()
    http = httpx.Client(base_url="http://in-process.test", transport=httpx.MockTransport(hub))
    with HubClient("http://ignored.test", "k-9", http=http) as c:
        c.push(records(2))
    assert hub.requests[0].url.host == "in-process.test"
    assert hub.requests[0].headers["Authorization"] == "Bearer k-9"
    assert not http.is_closed  # the caller's client stays open


def test_upload_sends_a_source_document_for_server_side_conversion() -> None:
    hub = FakeHub(httpx.Response(201, json={"id": "s9", "status": "stored"}))
    c, _ = client(hub)
    result = c.upload(
        b'{"type": "EPCISDocument"}',
        format="epcis",
        content_type="application/ld+json",
        dry_run=False,
    )
    request = hub.requests[0]
    assert request.url.params["format"] == "epcis"
    assert request.headers["Content-Type"] == "application/ld+json"
    assert result.id == "s9"
