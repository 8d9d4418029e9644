"""Writers in one hub: SQLite writers queue on the engine's lock, a database held too long
answers 503 `busy`, a dry run does not queue, and on PostgreSQL a submission that loses a race
on a unique key is run again."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text
from submission_helpers import flow

from junkan.db.engine import make_engine
from junkan.db.uow import Database
from junkan.errors import ServiceUnavailable
from junkan.submissions.models import Record
from writers import race_a_committed_insert, write_transaction_held

BUSY_TIMEOUT_MS = 300


@pytest.fixture
def database(backend) -> Iterator[Database]:
    """The hub's database with a short busy timeout, so that waiting out a writer is quick."""
    db = Database(make_engine(backend.url, busy_timeout_ms=BUSY_TIMEOUT_MS))
    yield db
    db.dispose()


def _records(database: Database) -> int:
    with database.unit_of_work(write=False) as session:
        return session.scalar(select(func.count()).select_from(Record))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_sqlite_writer_lock_is_given_back_however_a_transaction_ends(database) -> None:
    from junkan.db import migrate

    migrate.upgrade(database.engine)
    with database.unit_of_work() as session:  # commit
        session.execute(text("SELECT 1"))
    with pytest.raises(RuntimeError), database.unit_of_work() as session:  # rollback
        session.execute(text("SELECT 1"))
        raise RuntimeError
    session = database.session(write=True)  # closed without either
    session.execute(text("SELECT 1"))
    session.close()
    # A lock left behind by any of the three would make this wait, then fail with `busy`.
    with database.unit_of_work() as session:
        session.execute(text("SELECT 1"))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_sqlite_second_writer_waits_for_the_first_then_goes_on(database) -> None:
    done = threading.Event()

    def second_writer() -> None:
        with database.unit_of_work() as session:
            session.execute(text("SELECT 1"))
        done.set()

    with write_transaction_held(database):
        with pytest.raises(ServiceUnavailable) as busy, database.unit_of_work() as session:
            session.execute(text("SELECT 1"))
        assert busy.value.code == "busy" and busy.value.status == 503
        assert busy.value.headers["Retry-After"]
        # Readers are not writers: they go on while the first writer holds the lock.
        with database.unit_of_work(write=False) as session:
            assert session.execute(text("SELECT 1")).scalar() == 1
        waiting = threading.Thread(target=second_writer)
        waiting.start()
        assert not done.wait(0.1), "the second writer must wait for the first"
    waiting.join()
    assert done.is_set()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_sqlite_database_held_by_another_process_answers_busy_and_stores_nothing(
    acme, backend
) -> None:
    other = sqlite3.connect(backend.url.removeprefix("sqlite:///"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # e.g. a long `junkan` command on the same file
    try:
        refused = acme.submit([flow(1)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert refused.status_code == 503, refused.text
    assert refused.json()["code"] == "busy"
    assert refused.headers["Retry-After"] == "1"
    assert _records(acme.hub.database) == 0
    stored = acme.submit([flow(1)])
    assert stored.status_code == 201, stored.text
    assert _records(acme.hub.database) == 1


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_sqlite_dry_run_does_not_wait_for_writers(acme) -> None:
    """A dry run reads only, so it answers while another writer holds the database."""
    with write_transaction_held(acme.hub.database):
        checked = acme.submit([flow(1)], params={"dry_run": "true"})
        stored = acme.submit([flow(1)])
    assert checked.status_code == 200, checked.text
    assert checked.json()["summary"]["created"] == 1
    assert stored.status_code == 503 and stored.json()["code"] == "busy"


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgres_submission_that_meets_a_concurrent_insert_is_run_again(acme, backend) -> None:
    """Two transactions store the same new record: the one that loses the race on the unique
    key reads again and stores a new version instead of failing with a 500.

    The competing transaction is held open by hand, so the submission's insert waits on its
    unique key; it commits once PostgreSQL shows the submission waiting."""
    from datetime import UTC, datetime

    contested = flow(1000)
    response = race_a_committed_insert(
        backend.url,
        "INSERT INTO records (id, iri, organization_id, record_type, source_system,"
        " source_record_id, disclosure, version, content_hash, created_at, updated_at)"
        " VALUES ('0' || repeat('c', 31), :iri, :org, 'MaterialFlow', :system, :source,"
        " 'confidential', 1, repeat('0', 64), :now, :now)",
        {
            "iri": contested["@id"],
            "org": acme.org_id,
            "system": contested["sourceSystem"],
            "source": contested["sourceRecordId"],
            "now": datetime.now(UTC),
        },
        lambda: acme.submit([flow(1), contested, flow(2)]),
    )
    assert response.status_code == 201, response.text
    summary = response.json()["summary"]
    assert (summary["created"], summary["updated"]) == (2, 1)
    with acme.hub.database.unit_of_work(write=False) as session:
        version = session.scalar(select(Record.version).where(Record.iri == contested["@id"]))
    assert version == 2  # the submission's content, on top of the competitor's
    assert _records(acme.hub.database) == 3
