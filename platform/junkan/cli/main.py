"""`junkan`: run the hub, migrate the database, manage members and keys, verify the audit log."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from junkan.db import migrate
from junkan.db.engine import make_engine
from junkan.db.uow import Database
from junkan.settings import Settings

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
db_app = typer.Typer(no_args_is_help=True, help="Database schema.")
members_app = typer.Typer(no_args_is_help=True, help="Member organisations.")
keys_app = typer.Typer(no_args_is_help=True, help="API keys.")
audit_app = typer.Typer(no_args_is_help=True, help="The hash-chained audit log.")
config_app = typer.Typer(no_args_is_help=True, help="Settings.")
snapshot_app = typer.Typer(no_args_is_help=True, help="Analytics snapshots (Parquet).")
for sub, name in (
    (db_app, "db"),
    (members_app, "members"),
    (keys_app, "keys"),
    (audit_app, "audit"),
    (config_app, "config"),
    (snapshot_app, "snapshot"),
):
    app.add_typer(sub, name=name)

console = Console()
err = Console(stderr=True)
CLI_ACTOR = "cli"


def _database(settings: Settings) -> Database:
    return Database(
        make_engine(
            settings.effective_database_url(), busy_timeout_ms=settings.sqlite_busy_timeout_ms
        )
    )


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


@config_app.command("show")
def config_show() -> None:
    """Print the effective settings as JUNKAN_* assignments (secrets masked)."""
    settings = Settings()
    for name, value in settings.masked().items():
        description = Settings.model_fields[name].description or ""
        typer.echo(f"JUNKAN_{name.upper()}={'' if value is None else value}\n    # {description}")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    settings = Settings()
    database = _database(settings)
    migrate.upgrade(database.engine)
    console.print(f"database at revision {migrate.current_revision(database.engine)}")


@db_app.command("current")
def db_current() -> None:
    """Show the schema revision of the database and the one this code needs."""
    database = _database(Settings())
    console.print(f"current: {migrate.current_revision(database.engine)}")
    console.print(f"head:    {migrate.head_revision()}")


@members_app.command("add")
def members_add(
    kind: Annotated[str, typer.Option(help="company, municipality, secretariat, …")],
    name_ja: Annotated[str, typer.Option("--name-ja")],
    name_en: Annotated[str | None, typer.Option("--name-en")] = None,
    corporate_number: Annotated[str | None, typer.Option("--corporate-number")] = None,
    municipality_code: Annotated[str | None, typer.Option("--municipality-code")] = None,
    prefecture_code: Annotated[str | None, typer.Option("--prefecture")] = None,
    group_id: Annotated[str | None, typer.Option("--group")] = None,
    member_since: Annotated[str | None, typer.Option("--member-since")] = None,
) -> None:
    """Register an organisation."""
    from junkan.cli import members

    fields = {
        "kind": kind,
        "name_ja": name_ja,
        "name_en": name_en,
        "corporate_number": corporate_number,
        "municipality_code": municipality_code,
        "prefecture_code": prefecture_code,
        "group_id": group_id,
        "member_since": date.fromisoformat(member_since) if member_since else None,
    }
    members.add(_database(Settings()), {k: v for k, v in fields.items() if v is not None})


@members_app.command("list")
def members_list() -> None:
    """List organisations."""
    from junkan.cli import members

    members.list_(_database(Settings()))


@keys_app.command("create")
def keys_create(
    organization: Annotated[str, typer.Argument(help="Organisation id")],
    role: Annotated[str, typer.Option(help="member, analyst or secretariat")] = "member",
    label: Annotated[str | None, typer.Option()] = None,
    ttl_days: Annotated[int | None, typer.Option("--ttl-days")] = None,
) -> None:
    """Issue an API key; the secret is printed once."""
    from junkan.cli import members

    settings = Settings()
    members.create_key(_database(settings), settings, organization, role, label, ttl_days)


@keys_app.command("revoke")
def keys_revoke(key_id: Annotated[str, typer.Argument()]) -> None:
    """Revoke an API key."""
    from junkan.cli import members

    members.revoke_key(_database(Settings()), key_id)


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the hash chain; report the first broken entry."""
    from junkan.audit import service as audit

    database = _database(Settings())
    with database.unit_of_work(write=False) as session:
        report = audit.verify(session)
    if report.ok:
        console.print(f"audit chain intact: {report.entries_checked} entries")
        return
    _fail(f"audit chain broken at entry {report.first_broken_seq}: {report.reason}")


@snapshot_app.command("build")
def snapshot_build() -> None:
    """Build the next analytics snapshot from the database (the previous stays readable)."""
    from junkan.flows.snapshots import build_snapshot
    from junkan.flows.wiring import snapshot_root

    settings = Settings()
    database = _database(settings)
    manifest = build_snapshot(database.engine, snapshot_root(settings), keep=settings.snapshot_keep)
    console.print(
        f"snapshot {manifest['id']}: {manifest['rows']} flows, {manifest['products']} products, "
        f"{manifest['regions']} region statistics in {manifest['seconds']} s"
    )


@app.command("validate")
def validate_cmd(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    format: Annotated[str | None, typer.Option("--format", help="converter name")] = None,
    reporter: Annotated[
        str,
        typer.Option(
            help="for converted input (CSV/Excel templates, --format): the organisation IRI "
            "the hub would fill in from your key"
        ),
    ] = "urn:junkan:validate:your-organisation",
) -> None:
    """Validate a file offline, as the hub would (references and ownership aside)."""
    from junkan.cli import submitting

    submitting.validate_file(file, format, reporter)


@app.command("submit")
def submit_cmd(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    hub: Annotated[str, typer.Option(envvar="JUNKAN_HUB_URL", help="hub base URL")] = (
        "http://127.0.0.1:8000"
    ),
    key: Annotated[str, typer.Option(envvar="JUNKAN_API_KEY", help="your API key")] = "",
    format: Annotated[str | None, typer.Option("--format", help="converter name")] = None,
    mode: Annotated[str, typer.Option(help="atomic or partial")] = "atomic",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="validate only")] = False,
) -> None:
    """Submit a file to a hub and print its validation report (exit 1 on errors)."""
    from junkan.cli import submitting

    if not key:
        _fail("an API key is needed: --key or JUNKAN_API_KEY", code=2)
    submitting.submit_file(file, hub, key, format, mode, dry_run)


@app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option()] = None,
    port: Annotated[int | None, typer.Option()] = None,
    demo: Annotated[
        bool, typer.Option(help="Embedded SQLite under ./.junkan with demo data")
    ] = False,
) -> None:
    """Run the hub."""
    from junkan.cli import serving

    serving.serve(host=host, port=port, demo=demo)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
