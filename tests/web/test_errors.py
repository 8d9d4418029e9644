"""Problem documents, the body-size limit, request ids, and the generic 500."""

from __future__ import annotations

import logging

import pytest
from fastapi import Depends
from fastapi.testclient import TestClient

from junkan.app import create_app
from junkan.web.deps import public


def _client(app) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


def test_unexpected_error_is_a_generic_problem_without_traceback(app, caplog) -> None:
    def explode() -> None:
        raise RuntimeError("secret detail /etc/junkan/secret.py line 12")

    app.add_api_route("/boom", explode, dependencies=[Depends(public)])
    with caplog.at_level(logging.ERROR, logger="junkan"):
        response = _client(app).get("/boom", headers={"X-Request-ID": "req-123"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "internal-error"
    assert "secret" not in response.text and "Traceback" not in response.text
    assert ".py" not in response.text
    assert response.headers["x-request-id"] == "req-123"
    logged = [r for r in caplog.records if r.exc_info]
    assert logged, "the error must be logged"


def test_unknown_route_and_method_are_problems(app) -> None:
    client = _client(app)
    missing = client.get("/nope")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not-found"
    assert missing.headers["content-type"] == "application/problem+json"
    wrong_method = client.delete("/healthz")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["code"] == "method-not-allowed"


def test_malformed_json_is_422(hub) -> None:
    response = hub.client.post(
        "/api/v1/organizations",
        content=b'{"kind": "company", "name_ja": ',
        headers={**hub.auth(hub.secretariat_key), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "malformed-json"


def test_declared_content_length_over_limit_is_refused_before_reading(settings, database) -> None:
    app = create_app(settings.model_copy(update={"max_json_body_bytes": 2048}), database)
    response = _client(app).post(
        "/api/v1/organizations", content=b"x" * 4096, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["code"] == "payload-too-large"


def test_streamed_body_over_limit_is_cut_off(settings, database) -> None:
    """A chunked body without Content-Length is counted as it arrives."""
    app = create_app(settings.model_copy(update={"max_json_body_bytes": 2048}), database)
    chunks_sent = []

    def body():
        for _ in range(100):
            chunks_sent.append(1)
            yield b"y" * 1024

    response = _client(app).post(
        "/api/v1/organizations", content=body(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["code"] == "payload-too-large"


def test_uploads_get_the_larger_limit(settings, database) -> None:
    app = create_app(
        settings.model_copy(update={"max_json_body_bytes": 2048, "max_upload_bytes": 8192}),
        database,
    )
    client = _client(app)
    # 4 KiB of CSV passes the size gate (and then fails auth), 16 KiB does not.
    ok_size = client.post(
        "/api/v1/organizations", content=b"a" * 4096, headers={"Content-Type": "text/csv"}
    )
    assert ok_size.status_code == 401
    too_big = client.post(
        "/api/v1/organizations", content=b"a" * 16384, headers={"Content-Type": "text/csv"}
    )
    assert too_big.status_code == 413


@pytest.mark.parametrize("incoming", ["bad id with spaces", "x" * 100])
def test_unsafe_incoming_request_ids_are_replaced(app, incoming) -> None:
    response = _client(app).get("/healthz", headers={"X-Request-ID": incoming})
    assert response.headers["x-request-id"] != incoming
    assert len(response.headers["x-request-id"]) == 32


def test_every_problem_code_the_hub_raises_is_documented() -> None:
    """A code in a raise site or an error class is listed in the docs a client reads."""
    import re
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    raised = re.compile(
        r'\bcode="([a-z0-9]+(?:-[a-z0-9]+)*)"'  # raise SomeError(..., code="…")
        r'|SubmissionRejected\(\s*"([a-z0-9-]+)"'  # SubmissionRejected("…", …)
        r'|status, code, title = \d+, "([a-z0-9-]+)"'  # an error class's own code
    )
    # Defaults of base classes that every raise replaces with its own code.
    never_sent = {"not-ready", "invalid-submission"}
    codes = {
        code
        for path in (repo / "platform" / "junkan").rglob("*.py")
        for match in raised.finditer(path.read_text(encoding="utf-8"))
        for code in match.groups()
        if code
    }
    docs = "".join(
        (repo / "docs" / name).read_text(encoding="utf-8")
        for name in ("errors.md", "submitting-data.md", "analytics-api.md")
    )
    assert len(codes) > 30, codes  # the scan finds the codes at all
    undocumented = sorted(c for c in codes - never_sent if f"`{c}`" not in docs)
    assert undocumented == []
