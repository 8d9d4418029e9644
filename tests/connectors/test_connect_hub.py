"""End to end: records converted by a connector, pushed with HubClient into a real hub
(in-process app, real database from the migrations), then read back.

Runs where the hub distribution `junkan` is installed (its tests/conftest.py provides the
`hub` fixture); skipped in an SDK-only environment.
"""

from __future__ import annotations

import pytest

from conftest import REPO
from junkan_connect import registry
from junkan_connect.client import HubClient, ValidationFailedError

pytest.importorskip("junkan.app", reason="the hub (distribution junkan) is not installed")

SAMPLE = REPO / "examples" / "connectors" / "jp_msw" / "msw-survey-sample.csv"
TEMPLATES = REPO / "examples" / "templates"


def test_push_converted_records_and_read_them_back(hub) -> None:
    _, key = hub.new_org()
    with HubClient("http://testserver", key, http=hub.client, batch_size=10) as client:
        reporter = client.organization_iri()
        connector = registry.load("jp_msw")({"reporter": reporter})
        records = list(connector.convert([SAMPLE]))
        assert len(records) == 38

        dry = client.push(records, dry_run=True)
        assert {b.status for b in dry.batches} == {"validated"}
        first = client.push(records)
        assert [b.status for b in first.batches] == ["stored"] * 4
        assert first.summary["created"] == 38
        again = client.push(records)  # same batches, same keys: replayed, nothing stored
        assert all(b.replayed for b in again.batches)


def test_templates_round_trip_through_the_hub(hub) -> None:
    _, key = hub.new_org()
    with HubClient("http://testserver", key, http=hub.client) as client:
        connector = registry.load("csv")({"reporter": client.organization_iri()})
        records = list(connector.convert([TEMPLATES / "products.csv", TEMPLATES / "flows.csv"]))
        assert client.push(records).summary["created"] == 4
        # (IRIs without percent-escapes here: Starlette's TestClient decodes paths twice)
        for record in records:
            assert client.get_record(record["@id"]) == record


def test_hub_refuses_a_foreign_reporter_with_a_typed_error(hub) -> None:
    _, key = hub.new_org()
    connector = registry.load("jp_msw")({"reporter": "https://example.org/orgs/someone-else"})
    records = list(connector.convert([SAMPLE]))[:3]
    with (
        HubClient("http://testserver", key, http=hub.client) as client,
        pytest.raises(ValidationFailedError) as failed,
    ):
        client.push(records)
    codes = {item["code"] for item in failed.value.report["items"]}
    assert "reporter-not-caller" in codes
