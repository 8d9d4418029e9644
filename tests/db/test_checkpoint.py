"""WAL checkpoints run from the hub's own thread, not inside a request's COMMIT."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from junkan.app import create_app
from junkan.db.checkpoint import SAFETY_NET_PAGES, WalCheckpointer
from junkan.db.engine import make_engine
from junkan.settings import Settings


def test_checkpointer_copies_the_log_and_leaves_commits_alone(tmp_path: Path) -> None:
    path = tmp_path / "wal.db"
    engine = make_engine(f"sqlite:///{path}")
    checkpointer = WalCheckpointer(engine)
    with engine.begin() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == (
            SAFETY_NET_PAGES
        )
        connection.exec_driver_sql("CREATE TABLE t (x TEXT)")
    # 2,000 pages of log: beyond the default automatic checkpoint, which is now off.
    for _ in range(20):
        with engine.begin() as connection:
            connection.exec_driver_sql("INSERT INTO t VALUES (?)", [("x" * 3500,)] * 100)
    busy, frames, copied = checkpointer.checkpoint()
    assert busy == 0 and frames >= 2000 and copied == frames
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM t").scalar() == 2000
    engine.dispose()


def test_the_hub_runs_the_checkpointer_while_it_serves(backend, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=backend.url, log_format="text")
    app = create_app(settings)
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        checkpointer = getattr(app.state, "checkpointer", None)
        if backend.name != "sqlite":
            assert checkpointer is None  # PostgreSQL has its own checkpointer
            return
        deadline = time.time() + 5
        while checkpointer.checkpoints == 0 and time.time() < deadline:
            time.sleep(0.05)
        assert checkpointer.checkpoints > 0
    assert checkpointer._thread is None  # stopped with the app
