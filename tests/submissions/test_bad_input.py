"""Every kind of bad input gets a clear code, and nothing is stored."""

from __future__ import annotations

import http.server
import json
import threading
from typing import ClassVar

import pytest
from sqlalchemy import func, select
from submission_helpers import CONTEXT, flow

from junkan.audit.models import AuditEntry
from junkan.submissions.models import Record, Submission


def _stored(hub) -> tuple[int, int, int]:
    with hub.database.unit_of_work(write=False) as session:
        return tuple(
            session.scalar(select(func.count()).select_from(m))
            for m in (Record, Submission, AuditEntry)
        )


@pytest.fixture
def nothing_stored(acme):
    before = _stored(acme.hub)
    yield
    assert _stored(acme.hub) == before


def _problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == code, body
    return body


def _record_codes(response) -> set[str]:
    return {item["code"] for item in response.json()["report"]["items"]}


@pytest.mark.usefixtures("nothing_stored")
class TestBodyLevel:
    def test_truncated_json(self, acme) -> None:
        _problem(acme.submit(b'[{"@context": "'), 422, "malformed-json")

    def test_wrong_content_type(self, acme) -> None:
        _problem(
            acme.submit(b"<xml/>", content_type="application/xml"), 415, "unsupported-media-type"
        )

    def test_too_many_records(self, acme) -> None:
        body = b"[" + b",".join([b"{}"] * 100_001) + b"]"
        _problem(acme.submit(body), 413, "too-many-records")

    def test_too_many_ndjson_lines(self, acme) -> None:
        body = b"{}\n" * 100_001
        _problem(acme.submit(body, content_type="application/x-ndjson"), 413, "too-many-records")

    def test_body_over_the_limit(self, acme) -> None:
        _problem(acme.submit(b" " * (40 * 1024 * 1024)), 413, "payload-too-large")

    @pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity", b"1e400"])
    def test_non_finite_numbers(self, acme, literal) -> None:
        body = json.dumps([flow(1)]).encode().replace(b"12.5", literal)
        _problem(acme.submit(body), 422, "non-finite-number")

    def test_not_utf8(self, acme) -> None:
        body = (
            json.dumps([flow(1)], ensure_ascii=False).encode("utf-8").replace(b"@id", b"@\xff\xfe")
        )
        _problem(acme.submit(body), 422, "invalid-encoding")

    def test_empty_array(self, acme) -> None:
        _problem(acme.submit([]), 422, "empty-submission")


@pytest.mark.usefixtures("nothing_stored")
class TestRecordLevel:
    @pytest.mark.parametrize(
        ("changes", "code"),
        [
            ({"mass": {"value": -1, "unit": "TNE"}}, "out-of-range"),
            ({"mass": {"value": 1, "unit": "XYZ"}}, "unknown-unit"),
            ({"mass": {"value": 3, "unit": "H87"}}, "not-a-mass-unit"),
            ({"uncertainty": -0.1}, "out-of-range"),
            ({"uncertainty": 1e30}, "out-of-range"),  # a coefficient of variation of 10^30
            ({"@id": "https://example.org/flows/a>b"}, "invalid-iri"),
            ({"@id": "https://example.org/flows/a b"}, "invalid-iri"),
            ({"region": "131017"}, "invalid-municipality-code"),
            ({"colour": "green"}, "unknown-field"),
        ],
    )
    def test_bad_record(self, acme, changes, code) -> None:
        response = acme.submit([flow(1), flow(2, **changes)])
        _problem(response, 422, "validation-failed")
        items = response.json()["report"]["items"]
        assert {i["index"] for i in items} == {1}
        assert code in {i["code"] for i in items}, items

    def test_fraction_above_one_in_a_product(self, acme) -> None:
        from submission_helpers import example

        product = example("product")
        product["producer"] = acme.hub.client.get(
            "/api/v1/me", headers=acme.hub.auth(acme.key)
        ).json()["organization"]["iri"]
        product["materialComposition"][0]["massFraction"] = 1.2
        response = acme.submit([product])
        _problem(response, 422, "validation-failed")
        assert "out-of-range" in _record_codes(response)

    def test_deep_nesting(self, acme) -> None:
        deep = flow(1)
        deep["mass"] = json.loads("[" * 900 + "1" + "]" * 900)
        response = acme.submit([deep])
        _problem(response, 422, "validation-failed")
        assert _record_codes(response) == {"too-deep"}

    def test_body_nested_beyond_the_parser(self, acme) -> None:
        # deeper than the JSON parser itself goes (1,024 levels): the whole body is refused
        _problem(acme.submit(b"[" * 5000 + b"]" * 5000), 422, "too-deep")

    def test_huge_literal(self, acme) -> None:
        response = acme.submit([flow(1, sourceRecordId="x" * 20_000)])
        _problem(response, 422, "validation-failed")
        assert _record_codes(response) == {"literal-too-long"}

    def test_file_context(self, acme) -> None:
        response = acme.submit([flow(1, **{"@context": "file:///etc/passwd"})])
        _problem(response, 422, "validation-failed")
        assert _record_codes(response) == {"context-not-allowed"}

    def test_import_in_context(self, acme) -> None:
        record = flow(1, **{"@context": [CONTEXT, {"@import": "https://example.org/c.jsonld"}]})
        response = acme.submit([record])
        assert _record_codes(response) == {"context-not-allowed"}

    def test_redefining_a_protected_term(self, acme) -> None:
        record = flow(1, **{"@context": [CONTEXT, {"mass": "https://evil.example/mass"}]})
        response = acme.submit([record])
        assert _record_codes(response) == {"context-not-allowed"}

    def test_graph_smuggling_is_refused(self, acme) -> None:
        record = flow(1)
        record["@graph"] = [flow(2)]
        response = acme.submit([record])
        _problem(response, 422, "validation-failed")

    def test_duplicate_ids_in_one_submission(self, acme) -> None:
        response = acme.submit([flow(1), flow(1, mass={"value": 2, "unit": "TNE"})])
        assert _record_codes(response) == {"duplicate-id"}

    @pytest.mark.parametrize(
        ("field", "value", "path", "code"),
        [
            ("sourceRecordId", "s" * 501, "$.sourceRecordId", "literal-too-long"),
            ("sourceSystem", "s" * 201, "$.sourceSystem", "literal-too-long"),
            # identifiers are index keys: measured in UTF-8 bytes (200 kanji = 600 bytes)
            ("sourceRecordId", "名" * 200, "$.sourceRecordId", "literal-too-long"),
            # 1,000 kanji: 1,019 characters but 3,019 bytes
            (
                "@id",
                "https://example.org/" + "".join(chr(0x4E00 + i) for i in range(1000)),
                "$.@id",
                "iri-too-long",
            ),
            ("modelNumber", "m" * 201, "$.modelNumber", "literal-too-long"),
            ("category", "c" * 201, "$.category", "literal-too-long"),
            ("name", {"ja": "名" * 501}, "$.name.ja", "literal-too-long"),
        ],
    )
    def test_text_longer_than_the_hub_stores(self, acme, field, value, path, code) -> None:
        """Free text the hub keeps in sized columns is refused at its field (PostgreSQL
        refused the whole row with a 500; SQLite stored it)."""
        from submission_helpers import example

        record = example("product") if field in ("modelNumber", "category", "name") else flow(1)
        record[field] = value
        response = acme.submit([record])
        _problem(response, 422, "validation-failed")
        assert [(i["path"], i["code"]) for i in response.json()["report"]["items"]] == [
            (path, code)
        ]

    def test_duplicate_source_ids_in_one_submission(self, acme) -> None:
        # Two @ids for one source record: the second is refused at its record, not by the
        # database's unique key (that answered 500, then 409 concurrent-write).
        response = acme.submit([flow(1), flow(2, sourceRecordId="ERP-1")])
        assert _record_codes(response) == {"source-id-conflict"}


def test_partial_mode_stores_the_first_of_two_records_with_one_source_id(acme) -> None:
    partial = acme.submit([flow(1), flow(2, sourceRecordId="ERP-1")], params={"mode": "partial"})
    assert partial.status_code == 201, partial.text
    assert partial.json()["summary"]["created"] == 1
    (item,) = partial.json()["report"]["items"]
    assert (item["index"], item["code"]) == (1, "source-id-conflict")


class _Canary(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self.wfile.write(json.dumps({"@context": {"mass": "https://evil.example/mass"}}).encode())

    def log_message(self, *args) -> None:
        pass


def test_remote_context_on_loopback_is_never_fetched(acme, network_guard) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Canary)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Canary.hits = []
    try:
        url = f"http://127.0.0.1:{server.server_port}/context.jsonld"
        for context in (url, [url], [CONTEXT, url], {"@import": url}):
            response = acme.submit([flow(1, **{"@context": context})])
            assert response.status_code == 422
            assert _record_codes(response) == {"context-not-allowed"}
    finally:
        server.shutdown()
        server.server_close()
    assert _Canary.hits == []
    assert network_guard.attempts == []


def test_utf16_json_is_accepted(acme) -> None:
    body = json.dumps([flow(1)], ensure_ascii=False).encode("utf-16")
    response = acme.submit(body)
    assert response.status_code == 201, response.text


def test_utf8_bom_is_accepted(acme) -> None:
    response = acme.submit(b"\xef\xbb\xbf" + json.dumps([flow(1)]).encode())
    assert response.status_code == 201, response.text


def test_graph_document_with_context(acme) -> None:
    records = [{k: v for k, v in flow(n).items() if k != "@context"} for n in (1, 2)]
    response = acme.submit({"@context": CONTEXT, "@graph": records})
    assert response.status_code == 201, response.text
    assert response.json()["summary"]["created"] == 2


def test_ndjson_reports_the_bad_line(acme) -> None:
    lines = [json.dumps(flow(1)), "{not json", json.dumps(flow(3))]
    body = "\n".join(lines).encode()
    response = acme.submit(body, content_type="application/x-ndjson", params={"mode": "partial"})
    assert response.status_code == 201
    items = response.json()["report"]["items"]
    assert [(i["index"], i["code"]) for i in items] == [(1, "malformed-json")]
    assert response.json()["summary"]["created"] == 2


def test_ndjson_line_that_is_not_utf8_is_named(acme) -> None:
    lines = [json.dumps(flow(1)).encode(), b'{"@id": "\xff\xfe"}', json.dumps(flow(3)).encode()]
    body = b"\r\n".join(lines) + b"\n\n"
    response = acme.submit(body, content_type="application/x-ndjson", params={"mode": "partial"})
    assert response.status_code == 201, response.text
    items = response.json()["report"]["items"]
    assert [(i["index"], i["code"]) for i in items] == [(1, "invalid-encoding")]
    assert response.json()["summary"]["created"] == 2


def test_ndjson_in_utf16_with_bom_is_accepted(acme) -> None:
    text = "\n".join(json.dumps(flow(n), ensure_ascii=False) for n in (1, 2))
    body = text.encode("utf-16")  # with BOM
    response = acme.submit(body, content_type="application/x-ndjson")
    assert response.status_code == 201, response.text
    assert response.json()["summary"]["created"] == 2


def test_inline_context_mapping_to_our_terms_is_translated(acme) -> None:
    """A foreign but harmless inline context is expanded and compacted offline."""
    expanded_style = {
        "@context": {"jk": "https://w3id.org/junkan/ns#"},
        **{
            ("@" + k[1:] if k.startswith("@") else "jk:" + k): v
            for k, v in flow(1).items()
            if k != "@context"
        },
    }
    expanded_style["@type"] = "jk:MaterialFlow"
    expanded_style["jk:mass"] = {"jk:value": 12.5, "jk:unit": "TNE"}
    expanded_style["jk:reporter"] = {"@id": expanded_style["jk:reporter"]}
    response = acme.submit([expanded_style])
    assert response.status_code == 201, response.text


@pytest.mark.usefixtures("nothing_stored")
def test_a_mass_that_would_overflow_in_kilograms_is_out_of_range(acme) -> None:
    # 1e308 tonnes is a finite number, but not in kilograms (1e311 overflows a double)
    response = acme.submit([flow(1, mass={"value": 1e308, "unit": "TNE"})])
    _problem(response, 422, "validation-failed")
    (item,) = response.json()["report"]["items"]
    assert (item["path"], item["code"]) == ("$.mass.value", "out-of-range")
