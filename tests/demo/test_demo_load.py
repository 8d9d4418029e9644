"""Loading the demo region into a fresh hub, through the submission pipeline, twice."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select, text

from junkan.db.uow import Database
from junkan.demo import DEMO_DATA_DIR, load_demo, prepare_demo
from junkan.members.models import Organization
from junkan.settings import Settings
from junkan.submissions.service import SubmissionService, SubmitRequest

TABLES = (
    "organizations",
    "api_keys",
    "submissions",
    "idempotency_keys",
    "records",
    "record_versions",
    "flows",
    "products",
    "product_components",
    "audit_log",
)


def _counts(database: Database) -> dict[str, int]:
    with database.unit_of_work(write=False) as session:
        return {t: session.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}


def _manifest() -> dict:
    return json.loads((DEMO_DATA_DIR / "manifest.json").read_text(encoding="utf-8"))


def _report_codes(load) -> list[tuple[str, str]]:
    return [
        (item["severity"], item["code"])
        for sub in load.submissions
        for item in sub["report"]["items"]
    ]


def test_demo_loads_with_only_the_deliberate_problems(database: Database, settings: Settings):
    manifest = _manifest()
    load = load_demo(database, settings)
    assert load.organizations_created == manifest["organizations"]
    assert load.total("created") == manifest["records"] - manifest["expected_invalid"]
    assert load.total("invalid") == manifest["expected_invalid"] == 1
    assert sorted(_report_codes(load)) == [
        ("error", "not-a-mass-unit"),
        ("warning", "mass-imbalance"),
    ]
    counts = _counts(database)
    assert counts["organizations"] == manifest["organizations"]
    assert counts["records"] == counts["record_versions"] == load.total("created")
    types = manifest["record_types"]
    assert counts["flows"] == types["MaterialFlow"] - 1  # the litres record is not stored
    assert counts["products"] == types["Product"]
    assert counts["submissions"] == len(manifest["submissions"])


def test_loading_twice_changes_nothing(database: Database, settings: Settings) -> None:
    first = load_demo(database, settings)
    before = _counts(database)
    second = load_demo(database, settings)
    assert second.organizations_created == 0
    assert second.replayed == len(second.submissions) == len(first.submissions)
    assert _counts(database) == before


def test_a_resent_file_is_unchanged_by_content_hash(database: Database, settings: Settings):
    load_demo(database, settings)
    entry = next(e for e in _manifest()["submissions"] if e["file"].startswith("submissions/3-"))
    body = (DEMO_DATA_DIR / entry["file"]).read_bytes()
    from junkan.demo import _ensure_members
    from junkan.submissions.limits import Limits

    orgs = [
        json.loads(line)
        for line in (DEMO_DATA_DIR / "organizations.ndjson").read_text("utf-8").splitlines()
    ]
    with database.unit_of_work() as session:
        principals, created = _ensure_members(session, orgs, settings)
        service = SubmissionService(session, Limits.from_settings(settings), {})
        answer = service.submit(
            principals[entry["submitter"]], SubmitRequest(body, "application/x-ndjson")
        )
    assert created == 0
    summary = answer.body["summary"]
    assert (summary["created"], summary["updated"]) == (0, 0)
    assert summary["unchanged"] == entry["records"]


def test_prepare_demo_loads_only_when_asked(database: Database, settings: Settings) -> None:
    assert prepare_demo(database, settings)  # tests' hubs get just a secretariat, quickly
    with database.unit_of_work(write=False) as session:
        assert session.scalar(select(func.count()).select_from(Organization)) == 1
    key = prepare_demo(database, settings, load_data=True)
    assert key
    with database.unit_of_work(write=False) as session:
        assert (
            session.scalar(select(func.count()).select_from(Organization))
            == 1 + (_manifest()["organizations"])
        )


def test_prepare_demo_on_the_embedded_store_loads_the_region(tmp_path: Path) -> None:
    from junkan.db import migrate
    from junkan.db.engine import make_engine

    settings = Settings(data_dir=tmp_path, log_format="text")
    database = Database(make_engine(settings.effective_database_url()))
    migrate.upgrade(database.engine)
    try:
        assert prepare_demo(database, settings, load_data=True)
        assert prepare_demo(database, settings, load_data=True)
        assert _counts(database)["records"] == _manifest()["records"] - 1
        # The analytics API has a snapshot of the demo data from the start.
        from junkan.flows.reader import SnapshotReader
        from junkan.flows.wiring import snapshot_root

        current = SnapshotReader(snapshot_root(settings)).current()
        assert current is not None and current.manifest["rows"] > 0
    finally:
        database.dispose()


def test_a_second_load_writes_nothing_it_reports(database: Database, settings: Settings) -> None:
    assert load_demo(database, settings).written("created") == _manifest()["records"] - 1
    again = load_demo(database, settings)
    assert again.written("created") == again.written("unchanged") == 0


def test_a_scaled_set_loads_with_only_the_deliberate_problems(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    import subprocess
    import sys

    out = tmp_path / "x2"
    generator = DEMO_DATA_DIR.parent / "generate.py"
    subprocess.run([sys.executable, str(generator), "--scale", "2", "--out", str(out)], check=True)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    load = load_demo(database, settings, out)
    assert load.total("created") == manifest["records"] - 1
    assert load.total("warnings") == manifest["expected_mass_imbalance_warnings"] == 2
    assert load.total("invalid") == 1
