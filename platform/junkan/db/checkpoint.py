"""WAL checkpoints off the request path (SQLite).

By default the connection whose COMMIT pushes the write-ahead log past 1,000 pages copies
the log into the database file before that COMMIT returns, so every few submissions one
of them waits for the copy. The hub instead checkpoints from its own thread, twice a
second, while requests go on writing to the log. Request connections keep an automatic
checkpoint only as a safety net for a log that grows far beyond what the thread keeps up
with.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import Engine, event

log = logging.getLogger("junkan.db")

SAFETY_NET_PAGES = 50_000  # ~200 MB of log with 4 KiB pages


class WalCheckpointer:
    def __init__(self, engine: Engine, interval: float = 0.5) -> None:
        self.engine, self.interval = engine, interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.checkpoints = 0

        @event.listens_for(engine, "connect")
        def _only_as_safety_net(dbapi_connection, _record) -> None:
            dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={SAFETY_NET_PAGES}")

    @staticmethod
    def applies_to(engine: Engine) -> bool:
        database = engine.url.database
        return engine.dialect.name == "sqlite" and bool(database) and database != ":memory:"

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="junkan-checkpoint", daemon=True)
        self._thread.start()

    def checkpoint(self) -> tuple[int, int, int]:
        """One PASSIVE checkpoint: (busy, log frames, frames copied). Never blocks writers."""
        with self.engine.connect() as connection:
            row = connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
        self.checkpoints += 1
        return tuple(row)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.checkpoint()
            except Exception:  # keep going: the safety net still bounds the log
                log.exception("WAL checkpoint failed")

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
