"""Test fixtures shared by the whole suite.

Databases are real and built by the migrations: SQLite always, PostgreSQL as well when
JUNKAN_TEST_DATABASE_URL is set. Under JUNKAN_STRICT_SKIPS=1 (set by .ci/run) any skipped
test fails the run, so CI cannot silently lose the PostgreSQL or browser tests.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from junkan.app import create_app
from junkan.db import migrate
from junkan.db.engine import make_engine
from junkan.db.uow import Database
from junkan.settings import Settings

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_EXTERNAL = REPO_ROOT.parent / "shared" / "external"
PG_URL_ENV = "JUNKAN_TEST_DATABASE_URL"

warnings.filterwarnings("ignore", message=".*httpx.*starlette.testclient.*")

# ---------------------------------------------------------------- network guard


class NetworkGuard:
    """Refuses every outbound connection that does not stay on this machine."""

    def __init__(self) -> None:
        self.attempts: list[object] = []

    @staticmethod
    def is_local(address: object) -> bool:
        if isinstance(address, (str, bytes)):  # unix socket path
            return True
        host = str(address[0]) if isinstance(address, tuple) else ""
        return host in {"localhost", "::1"} or host.startswith("127.")


_guard = NetworkGuard()
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded(real):
    def connect(self, address):
        if not NetworkGuard.is_local(address):
            _guard.attempts.append(address)
            raise ConnectionRefusedError(f"tests may not reach the network: {address!r}")
        return real(self, address)

    return connect


def pytest_configure(config: pytest.Config) -> None:
    socket.socket.connect = _guarded(_real_connect)
    socket.socket.connect_ex = _guarded(_real_connect_ex)
    config._junkan_skips = []  # type: ignore[attr-defined]


@pytest.fixture
def network_guard() -> NetworkGuard:
    return _guard


def _strict() -> bool:
    return os.environ.get("JUNKAN_STRICT_SKIPS") == "1"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and _strict():
        _skipped.append(report.nodeid)


_skipped: list[str] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _guard.attempts:
        print(f"\nNETWORK GUARD: {len(_guard.attempts)} outbound connection attempts refused")
        session.exitstatus = 1
    if _skipped:
        print(f"\nJUNKAN_STRICT_SKIPS=1 but {len(_skipped)} tests were skipped:")
        for nodeid in _skipped[:50]:
            print("  ", nodeid)
        session.exitstatus = 1


# ---------------------------------------------------------------- databases

_counter = itertools.count()


@dataclass
class Backend:
    name: str
    url: str


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[tuple[object, str] | None]:
    url = os.environ.get(PG_URL_ENV)
    if not url:
        yield None
        return
    admin = create_engine(
        make_url(url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    template = f"junkan_tpl_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{template}"'))
    engine = make_engine(make_url(url).set(database=template).render_as_string(False))
    migrate.upgrade(engine)
    engine.dispose()
    yield admin, template
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request, tmp_path, sqlite_template, postgres_admin) -> Iterator[Backend]:
    """A fresh, migrated database on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "junkan.db"
        shutil.copyfile(sqlite_template, path)
        yield Backend("sqlite", f"sqlite:///{path}")
        return
    if postgres_admin is None:
        pytest.skip(f"PostgreSQL tests need {PG_URL_ENV}")
    admin, template = postgres_admin
    name = f"junkan_t_{os.getpid()}_{next(_counter)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    url = make_url(os.environ[PG_URL_ENV]).set(drivername="postgresql+psycopg", database=name)
    yield Backend("postgresql", url.render_as_string(hide_password=False))
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def database(backend: Backend) -> Iterator[Database]:
    db = Database(make_engine(backend.url))
    yield db
    db.dispose()


@pytest.fixture
def settings(backend: Backend, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=backend.url, log_format="text")


def pytest_collection_modifyitems(config, items) -> None:
    if not os.environ.get(PG_URL_ENV) and _strict():
        raise pytest.UsageError(f"JUNKAN_STRICT_SKIPS=1 needs {PG_URL_ENV} (PostgreSQL)")


@pytest.fixture
def app(settings: Settings, database: Database):
    app = create_app(settings, database)
    yield app
    # What the lifespan would stop: background work must not outlive the test's database.
    for worker in (app.state.jobs, app.state.snapshots):
        stop = getattr(worker, "shutdown", None)  # a test may have put a stand-in there
        if stop is not None:
            stop()


# ---------------------------------------------------------------- a running hub


class Hub:
    """A hub app on a real database, with a bootstrapped secretariat key."""

    def __init__(self, app, database: Database) -> None:
        from fastapi.testclient import TestClient

        from junkan.demo import prepare_demo

        self.app = app
        self.database = database
        self.client = TestClient(app, raise_server_exceptions=False)
        self.secretariat_key = prepare_demo(database, app.state.settings)

    @staticmethod
    def auth(key: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {key}"}

    def new_org(self, role: str = "member", **fields) -> tuple[str, str]:
        """Create an organisation through the API and issue it a key: (org_id, key)."""
        body = {"kind": "company", "name_ja": f"会社{next(_counter)}"} | fields
        created = self.client.post(
            "/api/v1/organizations", json=body, headers=self.auth(self.secretariat_key)
        )
        assert created.status_code == 201, created.text
        org_id = created.json()["id"]
        issued = self.client.post(
            f"/api/v1/organizations/{org_id}/keys",
            json={"role": role},
            headers=self.auth(self.secretariat_key),
        )
        assert issued.status_code == 201, issued.text
        return org_id, issued.json()["secret"]


@pytest.fixture
def hub(app, database: Database) -> Hub:
    return Hub(app, database)
