"""Engine construction for SQLite (embedded default) and PostgreSQL (production)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from junkan.errors import ServiceUnavailable

WRITE_OPTION = "junkan_write"


class _WriterConnection(sqlite3.Connection):
    """A SQLite connection that gives the engine's writer lock back when its transaction ends.

    SQLite admits one writer at a time; a second `BEGIN IMMEDIATE` polls, sleeping 1, 2, 5,
    10 … 100 ms between tries, so two busy writers in one process wait on each other by tens
    or hundreds of milliseconds. The hub's writers queue on a lock instead, taken just
    before `BEGIN IMMEDIATE` and released the moment COMMIT or ROLLBACK returns.
    (SQLite's own busy timeout still covers writers in other processes, such as the CLI.)"""

    writer_lock: threading.Lock | None = None
    holds_writer_lock = False

    def _release_writer_lock(self) -> None:
        if self.holds_writer_lock:
            self.holds_writer_lock = False
            self.writer_lock.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            if not self.in_transaction:
                self._release_writer_lock()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._release_writer_lock()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._release_writer_lock()


def _busy() -> ServiceUnavailable:
    return ServiceUnavailable(
        "The database is busy with other writes; retry shortly.",
        code="busy",
        headers={"Retry-After": "1"},
    )


def _begin_write(connection, timeout_s: float) -> None:
    """Queue for the writer lock, then take SQLite's write lock (503 `busy` after timeout_s)."""
    dbapi_connection = connection.connection.dbapi_connection
    if not dbapi_connection.writer_lock.acquire(timeout=timeout_s):
        raise _busy()
    dbapi_connection.holds_writer_lock = True
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except BaseException as exc:
        dbapi_connection._release_writer_lock()
        # Another process (the CLI, say) held the write lock for the whole busy timeout.
        if isinstance(exc, OperationalError) and "locked" in str(exc.orig):
            raise _busy() from exc
        raise


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    writer_lock = threading.Lock()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.writer_lock = writer_lock
        # Let SQLAlchemy's begin event, not the driver, decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # Writers take the write lock up front so two writers never deadlock on upgrade.
        if connection.get_execution_options().get(WRITE_OPTION):
            _begin_write(connection, busy_timeout_ms / 1000)
        else:
            connection.exec_driver_sql("BEGIN")


def make_engine(url: str, *, busy_timeout_ms: int = 10_000) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            parsed,
            connect_args={
                "check_same_thread": False,
                "timeout": busy_timeout_ms / 1000,
                "factory": _WriterConnection,
            },
            # Reuse the connection used last: SQLite drops a connection's page cache when
            # another connection has committed since, so rotating through the pool re-reads
            # every page a request touches (~40 reads per small submission).
            pool_use_lifo=True,
        )
        _configure_sqlite(engine, busy_timeout_ms)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
