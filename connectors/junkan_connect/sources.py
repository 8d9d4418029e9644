"""Reading connector inputs: paths or in-memory bytes, with text encoding detection."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:  # optional: orjson parses large documents several times faster (the hub installs it)
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None


@dataclass(frozen=True, slots=True)
class Blob:
    """In-memory input with a name to use in report locations."""

    name: str
    data: bytes


Source = str | os.PathLike[str] | Blob | bytes


def source_name(source: Source) -> str:
    """The name report locations use: a Blob's name, or the path as given (two inputs may
    share a file name in different folders)."""
    if isinstance(source, Blob):
        return source.name
    if isinstance(source, bytes):
        return "<bytes>"
    return os.fspath(source)


def read_bytes(source: Source) -> bytes:
    if isinstance(source, Blob):
        return source.data
    if isinstance(source, bytes):
        return source
    return Path(source).read_bytes()


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_encoding(data: bytes, fallbacks: tuple[str, ...] = ("utf-8", "cp932", "latin-1")) -> str:
    """BOM first, then the first fallback that decodes the whole input (latin-1 always does)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    # UTF-16 without BOM: ASCII text has every other byte zero
    if len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] != 0:
        return "utf-16-le"
    for name in fallbacks:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "cp932" and not _plausibly_japanese(text):
            continue
        return name
    return "latin-1"


def _plausibly_japanese(text: str) -> bool:
    """Latin-1 bytes often decode as CP932 too; real CP932 text has kana or kanji and no
    private-use (gaiji) characters."""
    if any("\ue000" <= ch <= "\uf8ff" for ch in text):
        return False
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def read_text(source: Source, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used); universal newlines are left to the csv module."""
    data = read_bytes(source)
    used = encoding or detect_encoding(data)
    text = data.decode(used)
    return text.removeprefix("\ufeff"), used


class SourceError(ValueError):
    """The input cannot be read at all; `code` is a stable report code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def read_json(source: Source) -> Any:
    """Parse a JSON document in any Unicode encoding; raise SourceError when it is not JSON."""
    try:
        data = read_bytes(source)
        # json.loads detects UTF-8/16/32 itself; only a BOM needs decoding here first
        text: str | bytes = (
            read_text(data)[0]
            if data[:3] == codecs.BOM_UTF8 or data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            else data
        )
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError("unreadable-input", str(exc)) from exc
    if _orjson is not None:
        try:
            return _orjson.loads(text)
        except _orjson.JSONDecodeError:
            pass  # e.g. integers beyond 64 bits or UTF-16 without BOM: the stdlib decides
    try:
        return json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SourceError("invalid-json", f"not JSON: {exc}") from exc


def _delimiter(sample: str) -> str:
    """The most frequent of , ; and tab in the header line (never a guess across the file)."""
    first = sample.splitlines()[0] if sample else ""
    return max((",", ";", "\t"), key=first.count)


def read_rows(
    source: Source, encoding: str | None = None, delimiter: str | None = None
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """(header, (line number, cells) …) of a CSV file in any common encoding and delimiter.

    Excel workbooks (.xlsx, first sheet) need openpyxl (the `excel` extra), Parquet tables
    pyarrow (the `parquet` extra); their cells are handed over as text, like CSV cells.
    """
    if source_name(source).lower().endswith(".xlsx"):
        return _read_xlsx(source)
    if source_name(source).lower().endswith(".parquet"):
        return _read_parquet(source)
    text, _ = read_text(source, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _delimiter(text))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration as exc:
        raise SourceError("empty-input", "the file has no header row") from exc
    return header, ((reader.line_num, row) for row in reader if any(c.strip() for c in row))


def _read_xlsx(source: Source) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        import openpyxl  # optional dependency: pip install junkan-connect[excel]
    except ImportError as exc:
        raise SourceError(
            "excel-not-installed",
            "reading .xlsx needs the `excel` extra (pip install 'junkan-connect[excel]')",
        ) from exc

    def unreadable(exc: Exception) -> SourceError:
        detail = f"{type(exc).__name__}: {exc}"[:200]
        return SourceError("unreadable-input", f"not a readable .xlsx workbook ({detail})")

    def text(row: tuple[Any, ...]) -> list[str]:
        return ["" if cell is None else str(cell) for cell in row]

    # openpyxl answers a damaged file with many kinds of exception (not a zip, a missing
    # part, broken XML, no sheet): all of them mean the same to the sender.
    try:
        data = io.BytesIO(read_bytes(source))
        book = openpyxl.load_workbook(data, read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [cell.strip() for cell in text(next(rows, ()))]
    except Exception as exc:
        raise unreadable(exc) from exc

    def numbered() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, row in enumerate(rows, 2):
                if any(cell is not None and str(cell).strip() for cell in row):
                    yield number, text(row)
        except Exception as exc:  # the sheet is read lazily: damage further in shows here
            raise unreadable(exc) from exc

    return header, numbered()


def _read_parquet(source: Source) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        import pyarrow.parquet as pq  # optional dependency: pip install junkan-connect[parquet]
    except ImportError as exc:
        raise SourceError(
            "parquet-not-installed",
            "reading .parquet needs the `parquet` extra (pip install 'junkan-connect[parquet]')",
        ) from exc
    table = pq.read_table(io.BytesIO(read_bytes(source)))
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]

    def text(value: Any) -> str:
        return "" if value is None else str(value)

    # row numbers count the header as row 1, as in a CSV file
    rows = (
        (number, [text(c[i]) for c in columns])
        for i, number in zip(range(table.num_rows), range(2, table.num_rows + 2), strict=True)
    )
    return list(table.column_names), rows
