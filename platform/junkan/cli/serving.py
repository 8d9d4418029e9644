"""`junkan serve`: start uvicorn on the app, optionally with the demo data set."""

from __future__ import annotations

import gc
from pathlib import Path

import typer
import uvicorn
from rich.console import Console

from junkan.app import create_app
from junkan.db import migrate
from junkan.db.engine import make_engine
from junkan.db.uow import Database
from junkan.errors import SchemaOutdated
from junkan.logs import configure_logging
from junkan.settings import Settings

console = Console()
DEMO_DIR = Path(".junkan")
# Python's cyclic garbage collector starts a young collection every 700 container
# allocations and now and then walks every object of the process. A submission of 1,000
# records allocates tens of thousands of dicts (nearly all freed by reference counting, not
# by the collector), so by default a fifth of ingest time went to collections walking the
# app's own long-lived objects. The server freezes what startup built (never collected, never
# walked again) and collects young objects every 10,000 allocations.
GC_THRESHOLD = (10_000, 10, 10)


def tune_garbage_collector() -> None:
    """For a long-running server, after the app is built and before requests arrive."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def serve(*, host: str | None, port: int | None, demo: bool) -> None:
    overrides: dict[str, object] = {}
    if host:
        overrides["host"] = host
    if port:
        overrides["port"] = port
    if demo:
        # The demo always runs on the embedded SQLite database, whatever the environment says.
        overrides |= {"data_dir": DEMO_DIR, "database_url": None}
    settings = Settings(**overrides)
    configure_logging(settings.log_level, settings.log_format)
    database = Database(
        make_engine(
            settings.effective_database_url(), busy_timeout_ms=settings.sqlite_busy_timeout_ms
        )
    )
    demo_key = None
    if demo:
        from junkan.demo import prepare_demo

        migrate.upgrade(database.engine)
        demo_key = prepare_demo(database, settings, load_data=True)
    try:
        app = create_app(settings, database)
    except SchemaOutdated as exc:
        console.print(f"[red]cannot start:[/red] {exc}")
        raise typer.Exit(2) from exc
    url = f"http://{settings.host}:{settings.port}"
    console.print(
        f"Junkan hub on [bold]{url}[/bold]  (OpenAPI: {url}/openapi.json)", soft_wrap=True
    )
    if demo_key:
        console.print(f"demo secretariat key: [bold]{demo_key}[/bold]", soft_wrap=True)
        console.print(
            f'try: curl -H "Authorization: Bearer {demo_key}" {url}/api/v1/me', soft_wrap=True
        )
    tune_garbage_collector()
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=None, access_log=False)
