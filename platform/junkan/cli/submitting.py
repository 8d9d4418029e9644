"""`junkan validate` (offline) and `junkan submit` (to a hub over HTTP): the same report."""

from __future__ import annotations

import mimetypes
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn
from rich.table import Column, Table

from junkan.errors import JunkanError
from junkan.submissions.checks import CheckSettings
from junkan.submissions.limits import Limits, body_may_hold_long_literal
from junkan.submissions.pipeline import (
    CHUNK,
    SubmitRequest,
    duplicate_ids,
    parse,
    validate_records,
)
from junkan.submissions.report import Report
from junkan_connect.client import retry_delay

console = Console()
err = Console(stderr=True)
CONTENT_TYPES = {
    ".json": "application/ld+json",
    ".jsonld": "application/ld+json",
    ".ndjson": "application/x-ndjson",
    ".jsonl": "application/x-ndjson",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".parquet": "application/vnd.apache.parquet",
}
PROGRESS_THRESHOLD = 1024 * 1024
# 429 and 503 (the database busy with other writes, the hub starting) are tried again.
BUSY_ATTEMPTS = 5


def content_type_for(path: Path) -> str:
    return (
        CONTENT_TYPES.get(path.suffix.lower())
        or mimetypes.guess_type(path.name)[0]
        or ("application/octet-stream")
    )


def print_report(summary: dict[str, Any], items: list[dict[str, Any]], title: str) -> None:
    console.print(
        f"[bold]{title}[/bold]: {summary.get('received', 0)} received, "
        f"{summary.get('valid', 0)} valid, {summary.get('invalid', 0)} invalid; "
        f"{summary.get('created', 0)} created, {summary.get('updated', 0)} updated, "
        f"{summary.get('unchanged', 0)} unchanged; {summary.get('errors', 0)} errors, "
        f"{summary.get('warnings', 0)} warnings",
        soft_wrap=True,
    )
    if not items:
        return
    # Codes are what users search the docs for: never wrap them.
    table = Table("record", "where", Column("code", no_wrap=True), "message", "severity")
    for item in items[:200]:
        where = item.get("path", "$")
        if item.get("row") is not None:
            column = f", {item['column']}" if item.get("column") else ""
            where = f"row {item['row']}{column} ({where})"
        colour = "red" if item.get("severity", "error") == "error" else "yellow"
        table.add_row(
            str(item.get("index", "")),
            where,
            f"[{colour}]{item['code']}[/{colour}]",
            item.get("message", ""),
            item.get("severity", "error"),
        )
    console.print(table)
    if len(items) > 200:
        console.print(f"… and {len(items) - 200} more")


def validate_file(path: Path, fmt: str | None, reporter: str = "") -> None:
    """Offline: parsing, contexts, the vocabulary's validator and record-level checks.

    References to facilities and organisations, and ownership, need the hub and are not
    checked here. `reporter` stands in for the organisation the hub takes from the key,
    which converters (CSV/Excel templates, ?format=) write into the records.
    """
    body = path.read_bytes()
    limits = Limits()
    try:
        parsed = parse(SubmitRequest(body, content_type_for(path), fmt), limits, reporter)
    except JunkanError as exc:
        err.print(f"[red]{exc.code}[/red]: {exc.detail}")
        raise typer.Exit(1) from exc
    report: Report = parsed.report
    checks = CheckSettings(caller_iri="", caller_is_secretariat=True)
    scan_all = body_may_hold_long_literal(body, limits)
    seen_ids: dict[str, int] = {}
    seen_sources: dict[tuple[str, str], int] = {}
    for start in range(0, len(parsed), CHUNK):
        records = parsed.chunk(start, CHUNK)
        prepared = validate_records(records, start, report, scan_all, limits, checks)
        # the same @id or source id twice in the file: the hub refuses the later record
        duplicate_ids(prepared, seen_ids, report, seen_sources)
    received, invalid = len(parsed), len(report.invalid)
    summary = {
        "received": received,
        "valid": received - invalid,
        "invalid": invalid,
        "errors": report.error_count,
        "warnings": report.warning_count,
    }
    print_report(summary, report.as_dict()["items"], f"{path.name} (offline)")
    if report.error_count:
        raise typer.Exit(1)


def _stream(body: bytes, progress: Progress | None, task: Any) -> Iterator[bytes]:
    step = 256 * 1024
    for start in range(0, len(body), step):
        chunk = body[start : start + step]
        if progress is not None:
            progress.update(task, advance=len(chunk))
        yield chunk


def submit_file(path: Path, hub: str, key: str, fmt: str | None, mode: str, dry_run: bool) -> None:
    body = path.read_bytes()
    params: dict[str, str] = {"mode": mode, "dry_run": str(dry_run).lower()}
    if fmt:
        params["format"] = fmt
    headers = {
        "Authorization": f"Bearer {key}",
        "Content-Type": content_type_for(path),
        "Content-Length": str(len(body)),
    }
    url = hub.rstrip("/") + "/api/v1/submissions"
    show = len(body) >= PROGRESS_THRESHOLD
    for attempt in range(1, BUSY_ATTEMPTS + 1):
        with Progress(
            BarColumn(), DownloadColumn(), TransferSpeedColumn(), console=err, disable=not show
        ) as progress:
            task = progress.add_task("upload", total=len(body))
            try:
                response = httpx.post(
                    url,
                    params=params,
                    headers=headers,
                    timeout=httpx.Timeout(30.0, read=3600.0, write=3600.0),
                    content=_stream(body, progress if show else None, task),
                )
            except httpx.HTTPError as exc:
                err.print(f"[red]cannot reach the hub[/red]: {exc}")
                raise typer.Exit(2) from exc
        if response.status_code not in (429, 503) or attempt == BUSY_ATTEMPTS:
            break
        # Busy or not ready: nothing was stored, so sending the same file again is safe.
        delay = retry_delay(response, attempt, backoff=1.0, max_backoff=30.0)
        err.print(
            f"[yellow]hub answered {response.status_code}[/yellow]: retrying in {delay:g} s "
            f"(attempt {attempt + 1} of {BUSY_ATTEMPTS})"
        )
        time.sleep(delay)
    _show_response(response, path.name)


def _show_response(response: httpx.Response, name: str) -> None:
    try:
        body = response.json()
    except ValueError:
        err.print(f"[red]HTTP {response.status_code}[/red]: {response.text[:500]}")
        raise typer.Exit(1) from None
    if response.status_code >= 400 and "summary" not in body:
        err.print(f"[red]{body.get('code', response.status_code)}[/red]: {body.get('detail', '')}")
        raise typer.Exit(1)
    summary = body.get("summary", {})
    title = f"{name}: {body.get('status') or body.get('code')} (submission {body.get('id', '-')})"
    print_report(summary, body.get("report", {}).get("items", []), title)
    if response.status_code >= 400 or summary.get("errors"):
        raise typer.Exit(1)
