"""From request bytes to a list of records, with the body-level limits.

JSON (one record, an array, or a document with `@graph`) and NDJSON are parsed here;
tabular and foreign formats go through the connectors of junkan_connect.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

import orjson

from junkan.submissions.errors import SubmissionRejected
from junkan.submissions.limits import Limits
from junkan.submissions.report import Report

JSON_TYPES = frozenset({"application/json", "application/ld+json"})
NDJSON_TYPES = frozenset({"application/x-ndjson", "application/ndjson", "application/jsonl"})
PARQUET_TYPES = frozenset({"application/vnd.apache.parquet", "application/x-parquet"})
CONTEXT_URL = "https://w3id.org/junkan/contexts/v1.jsonld"
_NON_FINITE = re.compile(r"-?(NaN|Infinity)\b")


@dataclass
class Parsed:
    """Parsed records, or NDJSON lines parsed chunk by chunk to bound memory."""

    records: list[Any] | None = None
    lines: list[bytes | None] | None = None
    report: Report = field(default_factory=Report)
    # NDJSON: collected while the lines are first checked, so they are not parsed again.
    known_identities: dict[str, str] | None = None

    def __len__(self) -> int:
        return len(self.records if self.records is not None else self.lines)

    def chunk(self, start: int, size: int) -> list[Any]:
        if self.records is not None:
            return self.records[start : start + size]
        # Lines that failed in the first pass are None here and already reported.
        return [
            orjson.loads(line) if line is not None else None
            for line in self.lines[start : start + size]
        ]

    def identities(self) -> dict[str, str]:
        """@id -> @type of every record, so references may point forward in the submission."""
        if self.known_identities is not None:
            return self.known_identities
        found: dict[str, str] = {}
        for record in self.records:
            _note_identity(record, found)
        return found


def _note_identity(record: Any, found: dict[str, str]) -> None:
    if isinstance(record, dict):
        iri, kind = record.get("@id"), record.get("@type")
        if isinstance(iri, str) and isinstance(kind, str):
            found.setdefault(iri, kind)


def decode_text(body: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused."""
    if body.startswith(codecs.BOM_UTF8):
        body = body[3:]
    elif body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return body.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SubmissionRejected("invalid-encoding", "the UTF-16 body does not decode") from exc
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SubmissionRejected(
            "invalid-encoding",
            f"the body is not UTF-8 (byte {exc.start}); send UTF-8 or UTF-16 with BOM",
        ) from exc


def _json_error(text: str, exc: orjson.JSONDecodeError) -> SubmissionRejected:
    near = text[max(exc.pos - 1, 0) : exc.pos + 10]
    if "infinity" in str(exc) or _NON_FINITE.search(near):
        return SubmissionRejected(
            "non-finite-number",
            f"NaN, Infinity and out-of-range numbers are not JSON (at {exc.pos})",
        )
    # orjson stops at 1,024 levels ("depth limit exceeded"); the stdlib says "recursion"
    if "depth limit" in str(exc) or "recursion" in str(exc):
        return SubmissionRejected("too-deep", "the document nests too deeply")
    return SubmissionRejected(
        "malformed-json", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    )


def _records_from_document(document: Any, limits: Limits) -> list[Any]:
    if isinstance(document, list):
        records = document
    elif isinstance(document, dict) and "@graph" in document:
        extra = set(document) - {"@context", "@graph"}
        if extra:
            raise SubmissionRejected(
                "unsupported-structure",
                f"a @graph document may hold only @context and @graph, not {sorted(extra)}",
            )
        records = document["@graph"]
        if not isinstance(records, list):
            raise SubmissionRejected(
                "unsupported-structure", "@graph must be an array", path="$.@graph"
            )
        if "@context" in document:
            context = document["@context"]
            records = [
                {"@context": context, **r} if isinstance(r, dict) and "@context" not in r else r
                for r in records
            ]
    elif isinstance(document, dict):
        records = [document]
    else:
        raise SubmissionRejected(
            "unsupported-structure", "send a record, an array of records or a @graph document"
        )
    check_count(len(records), limits)
    return records


def check_count(count: int, limits: Limits) -> None:
    if count > limits.max_records:
        raise SubmissionRejected(
            "too-many-records",
            f"{count} records; at most {limits.max_records} per submission",
            status=413,
        )
    if count == 0:
        raise SubmissionRejected("empty-submission", "the submission holds no records")


def parse_json(body: bytes, limits: Limits) -> Parsed:
    try:
        # UTF-8 without BOM (nearly every body): orjson reads and checks the bytes directly.
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        text = decode_text(body)  # a BOM, UTF-16, or an encoding error with its own code
        try:
            document = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            raise _json_error(text, exc) from exc
    return Parsed(records=_records_from_document(document, limits))


def parse_ndjson(body: bytes, limits: Limits) -> Parsed:
    """Lines are kept as bytes (no decoded copy of the body); orjson checks UTF-8 per line."""
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        body = decode_text(body).encode("utf-8")
    elif body.startswith(codecs.BOM_UTF8):
        body = body[3:]
    lines = [line for line in body.split(b"\n") if line.strip()]
    # Count before parsing anything.
    check_count(len(lines), limits)
    parsed = Parsed(lines=lines, known_identities={})
    for index, line in enumerate(lines):
        try:
            _note_identity(orjson.loads(line), parsed.known_identities)
        except orjson.JSONDecodeError as exc:
            rejected = _line_error(line, exc)
            lines[index] = None
            parsed.report.error(index, "$", rejected.code, f"line {index + 1}: {rejected.detail}")
    return parsed


def _line_error(line: bytes, exc: orjson.JSONDecodeError) -> SubmissionRejected:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as bad:
        return SubmissionRejected(
            "invalid-encoding", f"not UTF-8 (byte {bad.start}); send UTF-8 or UTF-16 with BOM"
        )
    return _json_error(text, exc)


def _unflatten(row: dict[str, Any], default_type: str | None) -> dict[str, Any]:
    """Dotted column names become nested objects; nulls are left out (inside lists too)."""
    record: dict[str, Any] = {"@context": CONTEXT_URL}
    if default_type:
        record["@type"] = default_type
    for column, value in row.items():
        if value is None:
            continue
        target = record
        *parents, leaf = column.split(".")
        for part in parents:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                raise SubmissionRejected("unsupported-structure", f"column {column!r} clashes")
        target[leaf] = _without_nulls(value)
    return record


def _without_nulls(value: Any) -> Any:
    """Parquet structs have every field in every row; a null field is an absent property."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def parse_parquet(body: bytes, limits: Limits, default_type: str | None = None) -> Parsed:
    """A table whose columns are the record's properties, dotted for nested ones
    (`mass.value`, `mass.unit`). The row count is read from the footer before any data."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(io.BytesIO(body))
    except (pa.ArrowException, OSError) as exc:
        raise SubmissionRejected("malformed-parquet", f"not a Parquet file: {exc}") from exc
    check_count(parquet.metadata.num_rows, limits)
    try:
        rows = parquet.read().to_pylist()
    except (pa.ArrowException, OSError) as exc:
        raise SubmissionRejected(
            "malformed-parquet", f"the Parquet data cannot be read: {exc}"
        ) from exc
    return Parsed(records=[_unflatten(row, default_type) for row in rows])
