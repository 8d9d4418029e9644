"""The weighbridge connector's own tests plus the SDK's contract suite."""

from __future__ import annotations

from pathlib import Path

from junkan_weighbridge import WeighbridgeConnector

from junkan_connect.testing import ConnectorContract, run_connector

TICKETS = Path(__file__).parent / "data" / "tickets.csv"
CONFIG = {
    "reporter": "https://example.org/orgs/yard",
    "region": "23",
    "materials": {"PET bottles": "pet", "PET flakes": "pet"},
    "facility": "https://example.org/facility/yard-1",
}


def test_tickets() -> None:
    result = run_connector(WeighbridgeConnector, TICKETS, CONFIG)
    assert [r["mass"]["value"] for r in result.records] == [4400, 4150, 8200]
    assert [(i.outcome, i.code) for i in result.report.items] == [
        ("mapped", ""),
        ("mapped", ""),
        ("skipped", "void-ticket"),
        ("mapped", ""),
        ("error", "unknown-material"),
    ]


class TestWeighbridgeContract(ConnectorContract):
    connector = WeighbridgeConnector  # or "weighbridge" once the package is installed
    config = CONFIG
    samples = (TICKETS,)
