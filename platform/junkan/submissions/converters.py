"""Foreign formats through the connectors of junkan_connect (`?format=<name>`).

Connectors are found by name in the `junkan.connectors` entry points, exactly as the
`junkan-connect` CLI finds them; the hub sets the reporter to the caller's IRI. What a
connector could not map becomes report items with no record index: in atomic mode they
reject the submission like invalid records do.
"""

from __future__ import annotations

import re
from typing import Any

import orjson
from pydantic import ValidationError

from junkan.submissions.errors import SubmissionRejected
from junkan.submissions.limits import Limits
from junkan.submissions.parsing import Parsed, check_count
from junkan.submissions.report import Report, ReportItem
from junkan_connect import registry
from junkan_connect.sources import Blob

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Content types that mean "the hub's own templates" when no format is named.
DEFAULT_FORMAT = {"text/csv": "csv", XLSX: "csv", "application/vnd.ms-excel": "csv"}
_SUFFIX = {
    "text/csv": ".csv",
    XLSX: ".xlsx",
    "application/vnd.apache.parquet": ".parquet",
    "application/json": ".json",
    "application/ld+json": ".jsonld",
}
_ROW = re.compile(r":(\d+)$")
_SEVERITY = {"error": "error", "skipped": "warning"}


def _config(header: str | None, caller_iri: str) -> dict[str, Any]:
    config: dict[str, Any] = {}
    if header:
        try:
            config = orjson.loads(header)
        except orjson.JSONDecodeError as exc:
            raise SubmissionRejected(
                "invalid-connector-config", "Junkan-Connector-Config must be a JSON object"
            ) from exc
        if not isinstance(config, dict):
            raise SubmissionRejected("invalid-connector-config", "the config must be an object")
    # The tenant comes from the key: a connector always reports as the caller.
    return config | {"reporter": caller_iri}


def _load(fmt: str, config: dict[str, Any]):
    try:
        connector_class = registry.load(fmt)
    except registry.ConnectorNotFoundError as exc:
        raise SubmissionRejected("unknown-format", str(exc)) from exc
    except registry.ConnectorLoadError as exc:
        raise SubmissionRejected("connector-unavailable", str(exc), status=503) from exc
    try:
        return connector_class(config)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5]
        )
        raise SubmissionRejected("invalid-connector-config", problems) from exc


def _report_from(conversion, report: Report) -> None:
    for item in conversion.items:
        if item.outcome in _SEVERITY:
            severity = _SEVERITY[item.outcome]
            report.add(_item(item.location, item.code, item.message, severity, item.column))
    for note in conversion.notes:
        column = note.detail.get("column")
        report.add(_item(note.location, note.code, note.message, note.severity, column))


def _item(
    location: str, code: str, message: str, severity: str, column: str | None = None
) -> ReportItem:
    row = _ROW.search(location)
    return ReportItem(
        None,
        location,
        code,
        message,
        severity,
        row=int(row.group(1)) if row else None,
        column=column if isinstance(column, str) and column else None,
    )


def convert(
    fmt: str, body: bytes, media: str, config_header: str | None, caller_iri: str, limits: Limits
) -> Parsed:
    connector = _load(fmt, _config(config_header, caller_iri))
    records: list[dict[str, Any]] = []
    for record in connector.convert([Blob("upload" + _SUFFIX.get(media, ""), body)]):
        records.append(record)
        if len(records) > limits.max_records:
            check_count(len(records), limits)
    parsed = Parsed(records=records)
    _report_from(connector.report, parsed.report)
    if not records and not parsed.report.items:
        raise SubmissionRejected("empty-submission", "the converter found nothing to convert")
    return parsed
