"""Engine settings, write transactions, migrations and the schema check at start-up."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from junkan.app import create_app
from junkan.db import migrate
from junkan.db.engine import make_engine
from junkan.db.uow import Database
from junkan.errors import SchemaOutdated
from junkan.settings import Settings


def test_sqlite_pragmas(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}", busy_timeout_ms=1234)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
    engine.dispose()


def test_sqlite_write_sessions_take_the_write_lock_at_begin(tmp_path) -> None:
    path = tmp_path / "x.db"
    database = Database(make_engine(f"sqlite:///{path}"))
    migrate.upgrade(database.engine)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    with database.unit_of_work(write=True) as session:
        session.execute(text("SELECT 1"))  # a read only, yet the write lock is held
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    with database.unit_of_work(write=False) as session:
        session.execute(text("SELECT 1"))
        other.execute("BEGIN IMMEDIATE")  # readers do not block writers
        other.execute("ROLLBACK")
    other.close()
    database.dispose()


def test_migrations_build_the_schema(database) -> None:
    tables = set(inspect(database.engine).get_table_names())
    assert {"organizations", "api_keys", "audit_log", "alembic_version"} <= tables
    assert migrate.is_at_head(database.engine)


def test_models_and_migrations_describe_the_same_schema(database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import junkan.models  # noqa: F401  (registers every table on Base.metadata)
    from junkan.db.base import Base

    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_a_members_raw_flows_are_paged_from_the_index_without_a_sort(tmp_path) -> None:
    from sqlalchemy import event

    from junkan.flows.repository import FlowsRepository

    database = Database(make_engine(f"sqlite:///{tmp_path / 'x.db'}"))
    migrate.upgrade(database.engine)
    statements: list[tuple[str, tuple]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:
        statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", capture)
    with database.unit_of_work(write=False) as session:
        FlowsRepository(session).raw_flows(
            organization_id="o1", public_only=False, limit=50, offset=100
        )
        event.remove(database.engine, "before_cursor_execute", capture)
        listing = next(s for s in statements if "ORDER BY" in s[0])
        plan = session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + listing[0], listing[1])
        details = " | ".join(row[-1] for row in plan)
    assert "ix_flows_organization_period" in details, details
    assert "TEMP B-TREE" not in details, details
    database.dispose()


def test_migrations_downgrade_and_upgrade_again(database) -> None:
    from alembic import command

    command.downgrade(migrate.alembic_config(database.engine), "base")
    assert "organizations" not in inspect(database.engine).get_table_names()
    migrate.upgrade(database.engine)
    assert migrate.is_at_head(database.engine)


def test_server_refuses_to_start_on_an_empty_database(tmp_path) -> None:
    settings = Settings(data_dir=tmp_path)
    with pytest.raises(SchemaOutdated, match="junkan db upgrade"):
        create_app(settings)


def test_readyz_reports_an_outdated_schema(tmp_path) -> None:
    settings = Settings(data_dir=tmp_path, check_schema_on_start=False)
    app = create_app(settings)
    response = TestClient(app).get("/readyz")
    assert response.status_code == 503
    assert response.json()["code"] == "schema-outdated"
    assert "junkan db upgrade" in response.json()["detail"]


def test_readyz_when_migrated(app) -> None:
    response = TestClient(app).get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "schema": migrate.head_revision()}
    assert TestClient(app).get("/healthz").json() == {"status": "ok"}


def test_readyz_when_the_database_is_unreachable(tmp_path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        database_url="postgresql+psycopg://nobody@127.0.0.1:1/none",
        check_schema_on_start=False,
    )
    response = TestClient(create_app(settings)).get("/readyz")
    assert response.status_code == 503
    assert response.json()["code"] == "database-unreachable"
