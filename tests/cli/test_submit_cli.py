"""`junkan validate` offline and `junkan submit` against a real hub over HTTP."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
import uvicorn
from typer.testing import CliRunner

from junkan.cli.main import app as cli

runner = CliRunner()
CONTEXT = "https://w3id.org/junkan/contexts/v1.jsonld"


def _flow(n: int, reporter: str, **changes) -> dict:
    record = {
        "@context": CONTEXT,
        "@id": f"https://example.org/cli/flows/{n}",
        "@type": "MaterialFlow",
        "reporter": reporter,
        "material": "pet",
        "mass": {"value": 2.5, "unit": "TNE"},
        "fromStage": "collection",
        "toStage": "sorting",
        "period": "FY2023",
        "region": "13",
        "disclosure": "confidential",
    }
    return record | changes


def test_validate_offline_reports_errors_with_codes(tmp_path) -> None:
    good, bad = tmp_path / "good.jsonld", tmp_path / "bad.ndjson"
    good.write_text(json.dumps([_flow(1, "https://example.org/o")]))
    bad.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                _flow(1, "https://example.org/o"),
                _flow(2, "https://example.org/o", region="131017"),
            ]
        )
    )
    ok = runner.invoke(cli, ["validate", str(good)])
    assert ok.exit_code == 0, ok.output
    assert "1 valid" in ok.output
    failed = runner.invoke(cli, ["validate", str(bad)], terminal_width=200)
    assert failed.exit_code == 1
    assert "invalid-municipality-code" in failed.output


def test_validate_offline_finds_an_id_or_source_id_used_twice(tmp_path) -> None:
    reporter = "https://example.org/o"
    records = [
        _flow(1, reporter, sourceSystem="erp", sourceRecordId="A"),
        _flow(1, reporter),  # the same @id again
        _flow(2, reporter, sourceSystem="erp", sourceRecordId="A"),  # the same source id
    ]
    path = tmp_path / "twice.jsonld"
    path.write_text(json.dumps(records))
    result = runner.invoke(cli, ["validate", str(path)], terminal_width=250)
    assert result.exit_code == 1, result.output
    assert "duplicate-id" in result.output and "source-id-conflict" in result.output
    assert "1 valid" in result.output


def test_validate_offline_takes_a_template_as_the_hub_would(tmp_path) -> None:
    # A template has no reporter column: the hub fills in the key's organisation, and
    # offline a stand-in (or --reporter) takes its place.
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "examples" / "templates"
    for name in ("flows.csv", "flows.ja.csv", "products.csv", "flows.xlsx"):
        result = runner.invoke(cli, ["validate", str(templates / name)], terminal_width=200)
        assert result.exit_code == 0, (name, result.output)
    bad = tmp_path / "flows.csv"
    bad.write_text(
        "from_stage,to_stage,material,mass,unit,period,region\n"
        "collection,sorting,pet,10,TNE,FY20X3,131016\n",
        encoding="utf-8",
    )
    failed = runner.invoke(
        cli, ["validate", str(bad), "--reporter", "https://example.org/o"], terminal_width=250
    )
    assert failed.exit_code == 1, failed.output
    assert "row 2, period" in failed.output and "invalid-period" in failed.output


@pytest.fixture
def database(backend):
    """The hub's database with a short busy timeout: a write that cannot get in answers 503
    `busy` after 0.3 s instead of 10 s."""
    from junkan.db.engine import make_engine
    from junkan.db.uow import Database

    db = Database(make_engine(backend.url, busy_timeout_ms=300))
    yield db
    db.dispose()


@pytest.fixture
def served_hub(hub):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(hub.app, host="127.0.0.1", port=port, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield hub, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


def test_submit_to_a_running_hub(served_hub, tmp_path) -> None:
    hub, url = served_hub
    _, key = hub.new_org(iri="https://example.org/orgs/cli")
    path = tmp_path / "flows.jsonld"
    path.write_text(json.dumps([_flow(1, "https://example.org/orgs/cli")]))
    result = runner.invoke(
        cli, ["submit", str(path), "--hub", url, "--key", key], terminal_width=200
    )
    assert result.exit_code == 0, result.output
    assert "1 created" in result.output
    rejected_path = tmp_path / "bad.jsonld"
    rejected_path.write_text(json.dumps([_flow(2, "https://example.org/orgs/other")]))
    rejected = runner.invoke(
        cli, ["submit", str(rejected_path), "--hub", url, "--key", key], terminal_width=200
    )
    assert rejected.exit_code == 1
    assert "reporter-not-caller" in rejected.output


def test_submit_a_csv_names_the_row_and_column_of_a_refused_cell(served_hub, tmp_path) -> None:
    hub, url = served_hub
    _, key = hub.new_org(iri="https://example.org/orgs/cli-csv")
    path = tmp_path / "flows.csv"
    path.write_text(
        "from_stage,to_stage,material,mass,unit,period,region\n"
        "collection,sorting,pet,10,TNE,FY2023,131016\n"
        "collection,sorting,pet,10,TNE,FY20X3,131016\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        cli, ["submit", str(path), "--hub", url, "--key", key], terminal_width=250
    )
    assert result.exit_code == 1, result.output
    assert "row 3, period" in result.output
    assert "invalid-record" in result.output


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_submit_waits_out_a_busy_hub(served_hub, tmp_path) -> None:
    """While another write holds the database the hub answers 503 `busy` with Retry-After;
    `junkan submit` tries again after that delay instead of giving up."""
    from writers import write_transaction_held

    hub, url = served_hub
    _, key = hub.new_org(iri="https://example.org/orgs/cli-busy")
    path = tmp_path / "flows.jsonld"
    path.write_text(json.dumps([_flow(1, "https://example.org/orgs/cli-busy")]))
    with write_transaction_held(hub.database, seconds=1.5):
        result = runner.invoke(
            cli, ["submit", str(path), "--hub", url, "--key", key], terminal_width=200
        )
    assert result.exit_code == 0, result.output
    assert "hub answered 503" in result.output and "retrying in 1 s" in result.output
    assert "1 created" in result.output
