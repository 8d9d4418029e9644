"""CLI commands that manage organisations and keys, through the same service as the API."""

from __future__ import annotations

from typing import Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Column, Table

from junkan.db.uow import Database
from junkan.errors import JunkanError
from junkan.members.schemas import ApiKeyCreate, OrganizationCreate, Role
from junkan.members.service import MembersService
from junkan.settings import Settings

console = Console()
err = Console(stderr=True)
CLI_ACTOR = "cli"


def _report(exc: ValidationError | JunkanError) -> None:
    if isinstance(exc, JunkanError):
        err.print(f"[red]{exc.code}[/red]: {exc.detail}")
    else:
        for error in exc.errors():
            cause = (error.get("ctx") or {}).get("error")
            code = getattr(cause, "code", error["type"])
            where = ".".join(str(p) for p in error["loc"]) or "input"
            err.print(f"[red]{code}[/red] at {where}: {cause or error['msg']}")
    raise typer.Exit(1)


def add(database: Database, fields: dict[str, Any]) -> None:
    try:
        data = OrganizationCreate(**fields)
        with database.unit_of_work() as session:
            org = MembersService(session).create_organization(CLI_ACTOR, data)
    except (ValidationError, JunkanError) as exc:
        _report(exc)
    console.print(f"created organisation {org.id} ({org.kind}, {org.name_ja})")


def list_(database: Database) -> None:
    table = Table("kind", "name (ja)", "name (en)", "corporate no.", "municipality", "group")
    # Ids are what users copy into other commands: never wrap or truncate them.
    table.columns.insert(0, Column("id", no_wrap=True, min_width=32))
    with database.unit_of_work(write=False) as session:
        for org in MembersService(session).list_organizations(None, 10_000, 0):
            table.add_row(
                org.id,
                org.kind,
                org.name_ja,
                org.name_en or "",
                org.corporate_number or "",
                org.municipality_code or "",
                org.group_id or "",
            )
    console.print(table)


def create_key(
    database: Database,
    settings: Settings,
    org_id: str,
    role: str,
    label: str | None,
    ttl_days: int | None,
) -> None:
    try:
        data = ApiKeyCreate(role=Role(role), label=label, ttl_days=ttl_days)
        with database.unit_of_work() as session:
            api_key, secret = MembersService(session).issue_key(
                CLI_ACTOR, org_id, data, settings.api_key_ttl_days
            )
    except ValueError as exc:
        if isinstance(exc, ValidationError):
            _report(exc)
        err.print(f"[red]invalid-role[/red]: {exc}")
        raise typer.Exit(1) from exc
    except JunkanError as exc:
        _report(exc)
    console.print(
        f"key id:  {api_key.id} (role {api_key.role}, expires {api_key.expires_at:%Y-%m-%d})"
    )
    console.print("secret (shown once, store it now):")
    print(secret)


def revoke_key(database: Database, key_id: str) -> None:
    try:
        with database.unit_of_work() as session:
            MembersService(session).revoke_key(CLI_ACTOR, key_id)
    except JunkanError as exc:
        _report(exc)
    console.print(f"revoked {key_id}")
