"""The application factory. Everything configurable arrives through `Settings`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from junkan import __version__
from junkan.db import migrate
from junkan.db.checkpoint import WalCheckpointer
from junkan.db.engine import make_engine
from junkan.db.uow import Database
from junkan.errors import SchemaOutdated
from junkan.flows.routes import router as flows_router
from junkan.flows.wiring import data_changed, install_analytics
from junkan.members.routes import router as members_router
from junkan.records.routes import router as records_router
from junkan.settings import Settings
from junkan.submissions.jobs import JobRunner
from junkan.submissions.limits import Limits
from junkan.submissions.routes import router as submissions_router
from junkan.vocabulary.routes import router as vocabulary_router
from junkan.web import health, problems
from junkan.web.middleware import BodySizeLimitMiddleware, RequestContextMiddleware
from junkan.web.pages.routes import router as pages_router


def check_schema(database: Database) -> None:
    current, head = migrate.current_revision(database.engine), migrate.head_revision()
    if current != head:
        raise SchemaOutdated(
            f"The database schema is at revision {current or 'none (empty database)'}, "
            f"this version of Junkan needs {head}. Run `junkan db upgrade` first."
        )


def create_app(settings: Settings, database: Database | None = None) -> FastAPI:
    """Build the hub. `database` lets tests and the CLI share an engine they already have."""
    database = database or Database(
        make_engine(
            settings.effective_database_url(), busy_timeout_ms=settings.sqlite_busy_timeout_ms
        )
    )
    if settings.check_schema_on_start:
        check_schema(database)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        checkpointer = None
        if WalCheckpointer.applies_to(database.engine):
            checkpointer = app.state.checkpointer = WalCheckpointer(database.engine)
            checkpointer.start()
        app.state.jobs.resume()
        yield
        app.state.jobs.shutdown()
        app.state.snapshots.shutdown()
        if checkpointer is not None:
            checkpointer.stop()
        database.dispose()

    app = FastAPI(
        title="Junkan",
        version=__version__,
        summary="Open circular-economy information hub",
        lifespan=lifespan,
        # The stock documentation pages load scripts from a CDN; the hub makes no request
        # outside its own origin, so it serves the OpenAPI description only.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.db = database
    app.state.limits = Limits.from_settings(settings)
    app.state.check_options = {
        "mass_balance_tolerance": settings.mass_balance_tolerance,
        "mass_balance_severity": settings.mass_balance_severity,
    }
    app.state.jobs = JobRunner(
        database, settings.data_dir, app.state.limits, app.state.check_options
    )
    install_analytics(app, settings, database)
    app.state.jobs.on_stored = lambda: data_changed(app)
    problems.install(app)
    app.include_router(health.router)
    app.include_router(members_router)
    app.include_router(submissions_router)
    app.include_router(records_router)
    app.include_router(vocabulary_router)
    app.include_router(flows_router)
    app.include_router(pages_router)
    app.add_middleware(
        BodySizeLimitMiddleware,
        json_limit=settings.max_json_body_bytes,
        upload_limit=settings.max_upload_bytes,
    )
    app.add_middleware(RequestContextMiddleware)
    return app
