"""The submission pipeline end to end on real databases: store, report, version, replay."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import func, select
from submission_helpers import ACME, example, flow

from junkan.submissions.models import Flow, Record, RecordVersion, Submission


def _count(hub, model) -> int:
    with hub.database.unit_of_work(write=False) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_store_flows_and_read_the_submission(acme) -> None:
    response = acme.submit([flow(1), flow(2)])
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "stored"
    assert body["summary"]["created"] == 2 and body["summary"]["errors"] == 0
    assert _count(acme.hub, Flow) == 2
    with acme.hub.database.unit_of_work(write=False) as session:
        masses = session.scalars(select(Flow.mass_kg)).all()
    assert masses == [12500.0, 12500.0]  # 12.5 TNE in kg
    again = acme.hub.client.get(response.headers["location"], headers=acme.hub.auth(acme.key))
    assert again.status_code == 200
    assert again.json()["summary"]["created"] == 2


def test_identical_resubmission_is_unchanged_and_changes_append_versions(acme) -> None:
    assert acme.submit([flow(1)]).status_code == 201
    same = acme.submit([flow(1)]).json()
    assert same["summary"]["unchanged"] == 1 and same["summary"]["created"] == 0
    changed = acme.submit([flow(1, mass={"value": 13, "unit": "TNE"})]).json()
    assert changed["summary"]["updated"] == 1
    assert _count(acme.hub, RecordVersion) == 2
    assert _count(acme.hub, Record) == 1
    with acme.hub.database.unit_of_work(write=False) as session:
        assert session.scalar(select(Flow.mass_kg)) == 13000.0


def test_atomic_submission_with_one_bad_record_stores_nothing(acme) -> None:
    bad = flow(2, mass={"value": -1, "unit": "TNE"})
    response = acme.submit([flow(1), bad])
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "validation-failed"
    assert [i["index"] for i in problem["report"]["items"]] == [1]
    assert _count(acme.hub, Record) == 0


def test_partial_mode_stores_the_valid_records(acme) -> None:
    response = acme.submit(
        [flow(1), flow(2, mass={"value": 1, "unit": "XYZ"})], params={"mode": "partial"}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["summary"]["created"] == 1 and body["summary"]["invalid"] == 1
    assert body["report"]["items"][0]["code"] in {"unknown-unit", "unknown-code"}
    assert _count(acme.hub, Record) == 1


def test_dry_run_stores_nothing(acme) -> None:
    response = acme.submit([flow(1)], params={"dry_run": "true"})
    assert response.status_code == 200
    assert response.json()["status"] == "validated"
    assert _count(acme.hub, Record) == 0


def test_facility_reference_must_resolve(acme) -> None:
    with_facility = flow(1, facility="https://example.org/facility/nagoya-mrf")
    missing = acme.submit([with_facility])
    assert missing.status_code == 422
    assert missing.json()["report"]["items"][0]["code"] == "unknown-reference"
    both = acme.submit([example("facility"), with_facility])
    assert both.status_code == 201, both.text


def test_reporter_must_be_the_caller(acme, rival) -> None:
    response = rival.submit([flow(1)])
    assert response.status_code == 422
    codes = {i["code"] for i in response.json()["report"]["items"]}
    assert codes == {"reporter-not-caller"}


def test_another_members_iri_is_409(acme, rival) -> None:
    assert acme.submit([flow(1)]).status_code == 201
    stolen = flow(1, reporter="https://example.org/orgs/rival")
    response = rival.submit([stolen])
    assert response.status_code == 409
    assert response.json()["code"] == "iri-owned-by-other-member"
    with acme.hub.database.unit_of_work(write=False) as session:
        assert session.scalar(select(Record.organization_id)) == acme.org_id


def test_idempotency_key_replays_and_refuses_reuse(acme) -> None:
    headers = {"Idempotency-Key": "batch-0001"}
    first = acme.submit([flow(1)], headers=headers)
    replay = acme.submit([flow(1)], headers=headers)
    assert replay.status_code == 201
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json() == first.json()
    reused = acme.submit([flow(2)], headers=headers)
    assert reused.status_code == 422
    assert reused.json()["code"] == "idempotency-key-reused"
    assert _count(acme.hub, Record) == 1


def test_every_valid_example_is_accepted(acme) -> None:
    """The vocabulary's examples, in dependency order, pass the whole pipeline."""
    names = [
        "facility",
        "material-flow",
        "product",
        "process-record",
        "stock-record",
        "region-statistics",
    ]
    records = [example(n) for n in names]
    for record in records:
        for field in ("reporter", "producer", "operator"):
            if field in record:
                record[field] = ACME
    response = acme.submit(records)
    assert response.status_code == 201, response.text
    assert response.json()["summary"]["created"] == len(names)
    warnings = response.json()["report"]["items"]
    assert all(item["severity"] == "warning" for item in warnings)


def test_chunked_processing_keeps_whole_submission_semantics(acme, monkeypatch) -> None:
    """Across chunk boundaries: forward references, duplicates, and atomic rollback."""
    from junkan.submissions import pipeline

    monkeypatch.setattr(pipeline, "CHUNK", 2)
    facility = example("facility")
    facility["operator"] = ACME
    referencing = flow(1, facility=facility["@id"])
    response = acme.submit([referencing, flow(2), flow(3), facility])  # facility comes last
    assert response.status_code == 201, response.text
    assert response.json()["summary"]["created"] == 4

    late_bad = [flow(10), flow(11), flow(12), flow(13, mass={"value": -1, "unit": "TNE"})]
    assert acme.submit(late_bad).status_code == 422
    assert _count(acme.hub, Record) == 4  # the chunks written before the error rolled back

    duplicated = [flow(20), flow(21), flow(22), flow(20)]
    response = acme.submit(duplicated, params={"mode": "partial"})
    assert [(i["index"], i["code"]) for i in response.json()["report"]["items"]] == [
        (3, "duplicate-id")
    ]
    assert _count(acme.hub, Record) == 7


def _wait_for(hub, key, url, statuses=("stored", "rejected", "failed"), timeout=30.0) -> dict:
    import time

    deadline = time.time() + timeout
    while time.time() < deadline:
        state = hub.client.get(url, headers=hub.auth(key)).json()
        if state["status"] in statuses:
            return state
        time.sleep(0.05)
    raise AssertionError(f"job did not finish: {state}")


def test_large_upload_is_a_job(acme) -> None:
    app = acme.hub.app
    app.state.settings = app.state.settings.model_copy(update={"async_threshold_bytes": 2048})
    body = "\n".join(json.dumps(flow(n)) for n in range(40)).encode()
    accepted = acme.submit(body, content_type="application/x-ndjson")
    assert accepted.status_code == 202, accepted.text
    job = accepted.json()
    assert job["status"] == "queued"
    state = _wait_for(acme.hub, acme.key, job["job"])
    assert state["status"] == "stored"
    assert state["summary"]["created"] == 40
    assert app.state.snapshots.pending(), "a stored job schedules a snapshot rebuild"
    bad = "\n".join(json.dumps(flow(100 + n, region="131017")) for n in range(40)).encode()
    rejected = acme.submit(bad, content_type="application/x-ndjson")
    state = _wait_for(acme.hub, acme.key, rejected.json()["job"])
    assert state["status"] == "rejected"
    assert state["report"]["items"][0]["code"] == "invalid-municipality-code"
    assert _count(acme.hub, Record) == 40
    assert not list((app.state.settings.data_dir / "jobs").glob("*.body"))


def test_large_uploads_with_and_without_content_length(acme) -> None:
    """Declared large bodies are streamed to disk; chunked ones are read, then queued: both
    jobs record the body's hash and length and leave no file behind."""
    app = acme.hub.app
    app.state.settings = app.state.settings.model_copy(update={"async_threshold_bytes": 2048})
    for start, chunked in ((0, False), (100, True)):
        body = "\n".join(json.dumps(flow(start + n)) for n in range(30)).encode()
        accepted = acme.hub.client.post(
            "/api/v1/submissions",
            content=iter([body[:1000], body[1000:]]) if chunked else body,
            headers=acme.hub.auth(acme.key) | {"Content-Type": "application/x-ndjson"},
        )
        assert accepted.status_code == 202, accepted.text
        state = _wait_for(acme.hub, acme.key, accepted.json()["job"])
        assert state["status"] == "stored", state
        assert state["summary"]["created"] == 30
        assert state["body_sha256"] == hashlib.sha256(body).hexdigest()
    jobs = app.state.settings.data_dir / "jobs"
    assert not list(jobs.glob("*.body")) and not list(jobs.glob(".*.part"))


def test_a_large_upload_with_an_absurd_content_type_is_rejected_not_a_500(acme) -> None:
    app = acme.hub.app
    app.state.settings = app.state.settings.model_copy(update={"async_threshold_bytes": 2048})
    body = "\n".join(json.dumps(flow(300 + n)) for n in range(30)).encode()
    media = "application/x-" + "a" * 300
    accepted = acme.submit(body, content_type=media)
    assert accepted.status_code == 202, accepted.text
    state = _wait_for(acme.hub, acme.key, accepted.json()["job"])
    assert state["status"] == "rejected"
    assert state["report"]["items"][0]["code"] == "unsupported-media-type"
    assert len(state["format"]) == 200
    assert _count(acme.hub, Record) == 0


def test_a_retried_large_upload_gets_its_first_job_back(acme) -> None:
    """An Idempotency-Key on a large upload: the retry is answered with the first job (no
    second one), for streamed and chunked bodies; the same key with another body is 422."""
    app = acme.hub.app
    app.state.settings = app.state.settings.model_copy(update={"async_threshold_bytes": 2048})
    for start, chunked in ((500, False), (600, True)):
        body = "\n".join(json.dumps(flow(start + n)) for n in range(30)).encode()
        key = f"big-{start}"

        def post(payload: bytes, *, key: str = key, chunked: bool = chunked):
            return acme.hub.client.post(
                "/api/v1/submissions",
                content=iter([payload[:1000], payload[1000:]]) if chunked else payload,
                headers=acme.hub.auth(acme.key)
                | {"Content-Type": "application/x-ndjson", "Idempotency-Key": key},
            )

        first = post(body)
        assert first.status_code == 202, first.text
        assert "Idempotent-Replayed" not in first.headers
        again = post(body)
        assert again.status_code == 202, again.text
        assert again.headers["Idempotent-Replayed"] == "true"
        assert again.json()["id"] == first.json()["id"]
        assert again.headers["Location"] == first.headers["Location"]
        state = _wait_for(acme.hub, acme.key, first.json()["job"])
        assert state["status"] == "stored" and state["summary"]["created"] == 30
        after = post(body)  # after the job finished: still the same answer
        assert after.headers["Idempotent-Replayed"] == "true"
        assert after.json()["id"] == first.json()["id"]
        other = post(body.replace(b'"pet"', b'"pp"'))
        assert other.status_code == 422, other.text
        assert other.json()["code"] == "idempotency-key-reused"
    assert _count(acme.hub, Submission) == 2
    jobs = app.state.settings.data_dir / "jobs"
    assert not list(jobs.glob("*.body")) and not list(jobs.glob(".*.part"))


def test_a_new_version_with_another_source_id_moves_the_records_identity(acme) -> None:
    assert acme.submit([flow(1)]).status_code == 201  # sourceRecordId ERP-1
    renamed = acme.submit([flow(1, sourceRecordId="ERP-1b")])
    assert renamed.json()["summary"]["updated"] == 1, renamed.text
    with acme.hub.database.unit_of_work(write=False) as session:
        assert session.scalars(select(Record.source_record_id)).all() == ["ERP-1b"]
    # The new source id is taken: another record claiming it is refused ...
    taken = acme.submit([flow(3, sourceRecordId="ERP-1b")])
    assert taken.status_code == 422, taken.text
    assert [(i["path"], i["code"]) for i in taken.json()["report"]["items"]] == [
        ("$.sourceRecordId", "source-id-conflict")
    ]
    # ... and the old one is free for another record.
    freed = acme.submit([flow(2, sourceRecordId="ERP-1")])
    assert freed.status_code == 201 and freed.json()["summary"]["created"] == 1, freed.text
