"""Snapshots built from the database: CLI, debounced rebuild after submissions, atomicity."""

from __future__ import annotations

import time

import pyarrow.parquet as pq
from flow_helpers import build, example, new_member
from typer.testing import CliRunner

from junkan.analytics import snapshot_io
from junkan.cli.main import app as cli
from junkan.flows.rebuild import SnapshotScheduler
from junkan.flows.snapshots import read_side
from junkan.flows.wiring import snapshot_root


def test_cli_builds_a_snapshot_with_flows_products_and_statistics(hub, members, monkeypatch):
    members[0].flows("pet", 12.5)
    producer = new_member(hub, "acme-plastics")
    product = example("product") | {"producer": producer.iri}
    producer.submit([product])
    settings = hub.app.state.settings
    monkeypatch.setenv("JUNKAN_DATABASE_URL", settings.effective_database_url())
    monkeypatch.setenv("JUNKAN_DATA_DIR", str(settings.data_dir))
    result = CliRunner().invoke(cli, ["snapshot", "build"])
    assert result.exit_code == 0, result.output
    assert "1 flows, 1 products" in result.output
    root = snapshot_root(settings)
    [snapshot_id] = snapshot_io.snapshot_ids(root)
    manifest = snapshot_io.read_manifest(root, snapshot_id)
    flows = pq.read_table(snapshot_io.snapshot_dir(root, snapshot_id)).to_pylist()
    assert flows[0]["group_id"] == members[0].org_id
    assert flows[0]["material_category"] == "plastics" and flows[0]["mass_kg"] == 12500.0
    products = read_side(root, manifest, "products").to_pylist()
    assert products[0]["c_r"] == 0.85 and products[0]["owner_org"] == producer.org_id
    assert len(read_side(root, manifest, "components")) == 3


def test_a_submission_triggers_one_debounced_rebuild(hub, members):
    # Long enough that three submissions land inside one interval even on a busy machine.
    scheduler = SnapshotScheduler(
        hub.database.engine, snapshot_root(hub.app.state.settings), debounce=4.0, keep=3
    )
    hub.app.state.snapshots = scheduler  # the hook the submission route calls
    try:
        for t in (1, 2, 3):
            members[0].flows("pet", t)
        assert scheduler.pending() and scheduler.builds == 0
        deadline = time.monotonic() + 60
        while scheduler.builds == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        assert scheduler.builds == 1  # three submissions, one build
        body = members[0].get("/api/v1/flows/aggregate", unit="t").json()
        assert body["cells"][0]["value"] == 6.0
    finally:
        scheduler.shutdown()  # no late build against a dropped test database


def _wait_for_builds(scheduler: SnapshotScheduler, count: int) -> None:
    deadline = time.monotonic() + 60
    while (scheduler.builds < count or scheduler.pending()) and time.monotonic() < deadline:
        time.sleep(0.02)


def test_the_scheduler_wakes_again_after_a_build_and_drops_a_pending_one_on_shutdown(hub):
    scheduler = SnapshotScheduler(
        hub.database.engine, snapshot_root(hub.app.state.settings), debounce=0.2, keep=3
    )
    try:
        scheduler.notify()
        _wait_for_builds(scheduler, 1)
        assert scheduler.builds == 1 and not scheduler.pending()
        scheduler.notify()  # the thread is idle now: this must wake it
        assert scheduler.pending()
        _wait_for_builds(scheduler, 2)
        assert scheduler.builds == 2
    finally:
        scheduler.shutdown()
    late = SnapshotScheduler(
        hub.database.engine, snapshot_root(hub.app.state.settings), debounce=0.3, keep=3
    )
    late.notify()
    late.shutdown()
    time.sleep(0.6)
    assert late.builds == 0


def test_a_steady_stream_of_submissions_still_gets_a_snapshot(hub):
    """Each notify pushes the debounce out, but never past max_wait after the first one."""
    root = snapshot_root(hub.app.state.settings)
    capped = SnapshotScheduler(hub.database.engine, root, debounce=0.5, keep=3, max_wait=1.0)
    uncapped = SnapshotScheduler(hub.database.engine, root, debounce=0.5, keep=3)
    try:
        stop = time.monotonic() + 3.0
        while time.monotonic() < stop and capped.builds == 0:
            capped.notify()
            uncapped.notify()
            time.sleep(0.1)
        assert capped.builds >= 1, "max_wait must force a build while notifications go on"
        assert uncapped.builds == 0, "without max_wait the debounce keeps moving"
    finally:
        capped.shutdown()
        uncapped.shutdown()


def test_dry_runs_and_rejected_submissions_do_not_trigger(hub, members):
    calls = []
    hub.app.state.snapshots = type("Spy", (), {"notify": lambda self: calls.append(1)})()
    record = members[0]
    from flow_helpers import flow

    body = [flow(record.iri, "pet", 1)]
    ok = hub.client.post(
        "/api/v1/submissions",
        params={"dry_run": "true"},
        json=body,
        headers=record.headers,
    )
    assert ok.status_code in (200, 201)
    bad = hub.client.post(
        "/api/v1/submissions", json=[flow(record.iri, "unobtainium", 1)], headers=record.headers
    )
    assert bad.status_code == 422
    assert calls == []
    record.submit(body)
    assert calls == [1]


def test_old_snapshots_are_pruned_but_the_previous_stays(hub, members):
    members[0].flows("pet", 1)
    ids = [build(hub) for _ in range(5)]
    root = snapshot_root(hub.app.state.settings)
    assert snapshot_io.snapshot_ids(root) == ids[-3:]
    assert members[0].get("/api/v1/flows/aggregate").json()["snapshot_id"] == ids[-1]


def test_an_empty_database_gives_an_empty_snapshot(hub, analyst):
    snapshot_id = build(hub)
    body = analyst.get("/api/v1/flows/aggregate", group_by="material").json()
    assert body["snapshot_id"] == snapshot_id and body["cells"] == []
    sankey = analyst.get("/api/v1/flows/sankey").json()
    assert sankey["links"] == [] and sankey["snapshot_id"] == snapshot_id


def test_nothing_reaches_the_network(hub, members, analyst, network_guard):
    before = len(network_guard.attempts)
    members[0].flows("pet", 1)
    build(hub)
    for path in ("/api/v1/flows/aggregate", "/api/v1/flows/sankey", "/api/v1/indicators"):
        assert analyst.get(path).status_code == 200
    assert len(network_guard.attempts) == before
