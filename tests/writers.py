"""Helpers for tests of concurrent writers: a write transaction held open in another thread,
waiting until PostgreSQL shows another session blocked on a lock, and a request made to lose
a race against an insert of the same key."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Connection, create_engine, text

T = TypeVar("T")


@contextmanager
def write_transaction_held(database, seconds: float = 10) -> Iterator[None]:
    """A write transaction is open in another thread from the start of the block until its
    end, or until `seconds` have passed if that comes first."""
    holding, finish = threading.Event(), threading.Event()

    def writer() -> None:
        with database.unit_of_work() as session:
            session.execute(text("SELECT 1"))
            holding.set()
            finish.wait(seconds)

    thread = threading.Thread(target=writer)
    thread.start()
    assert holding.wait(10), "the writer never began"
    try:
        yield
    finally:
        finish.set()
        thread.join()


def wait_until_another_session_waits_on_a_lock(connection: Connection, timeout: float = 20):
    """PostgreSQL: return once a session other than `connection`'s waits on a lock."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        waiting = connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
        ).scalar()
        if waiting:
            return
        time.sleep(0.02)
    raise AssertionError("no session waited on the lock")


def race_a_committed_insert(url: str, insert: str, params: dict, request: Callable[[], T]) -> T:
    """PostgreSQL: `insert` runs in a transaction of its own and stays open while `request`
    runs in another thread; it commits once `request` waits on one of its locks (a unique
    key), so `request` is sure to lose the race. Returns what `request` returned."""
    competitor = create_engine(url)
    outcome: list[T] = []
    try:
        with competitor.connect() as other:
            other.execute(text(insert), params)
            worker = threading.Thread(target=lambda: outcome.append(request()))
            worker.start()
            wait_until_another_session_waits_on_a_lock(other)
            other.commit()
        worker.join(20)
    finally:
        competitor.dispose()
    return outcome[0]
