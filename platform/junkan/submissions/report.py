"""The validation report: the same structure for the API, the CLI and the web pages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class ReportItem:
    index: int | None  # position of the record in the submission (0-based); None: whole body
    path: str  # JSON path inside the record, e.g. "$.mass.unit"
    code: str  # stable kebab-case code, listed in docs/submitting-data.md
    message: str
    severity: str = "error"  # "error" or "warning"
    row: int | None = None  # for tabular input: the row as a spreadsheet numbers it (header 1) …
    column: str | None = None  # … and the column header

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class Summary:
    received: int = 0
    valid: int = 0
    invalid: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    warnings: int = 0


@dataclass
class Report:
    items: list[ReportItem] = field(default_factory=list)
    # Indices of records with at least one error.
    invalid: set[int] = field(default_factory=set)

    def add(self, item: ReportItem) -> None:
        self.items.append(item)
        if item.severity == "error" and item.index is not None:
            self.invalid.add(item.index)

    def error(self, index: int | None, path: str, code: str, message: str) -> None:
        self.add(ReportItem(index, path, code, message))

    def warning(self, index: int | None, path: str, code: str, message: str) -> None:
        self.add(ReportItem(index, path, code, message, severity="warning"))

    @property
    def blocking(self) -> bool:
        """Errors that reject an atomic submission: invalid records or lost input items."""
        return bool(self.invalid) or any(
            i.index is None and i.severity == "error" for i in self.items
        )

    @property
    def error_count(self) -> int:
        return sum(1 for i in self.items if i.severity == "error")

    @property
    def warning_count(self) -> int:
        return sum(1 for i in self.items if i.severity == "warning")

    def sorted_items(self) -> list[ReportItem]:
        return sorted(self.items, key=lambda i: (i.index if i.index is not None else -1, i.path))

    def as_dict(self, limit: int = 10_000) -> dict[str, Any]:
        items = self.sorted_items()
        body: dict[str, Any] = {"items": [i.as_dict() for i in items[:limit]]}
        if len(items) > limit:
            body["truncated"] = len(items) - limit
        return body
