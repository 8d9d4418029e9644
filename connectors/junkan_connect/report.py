"""The conversion report: one outcome per input item, plus notes about parts of items.

Errors are data (the hub's ValidationReport has the same shape of entries): a connector never
raises for bad input, it records what it could not map, where, and why, with a stable
kebab-case code. Every input item (an EPCIS event, a table row, a credential …) gets exactly
one outcome — mapped, skipped or error — so a reader can check that nothing vanished.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal, NamedTuple

Outcome = Literal["mapped", "skipped", "error"]
Severity = Literal["error", "warning", "info"]


class ItemOutcome(NamedTuple):
    """What happened to one input item (a tuple: cheap to create for millions of items)."""

    location: str  # e.g. "recovery.jsonld#/epcisBody/eventList/0" or "flows.csv:12"
    outcome: Outcome
    records: int = 0  # records emitted for this item (0 unless mapped)
    code: str = ""  # why it was skipped or failed (empty when mapped)
    message: str = ""
    column: str = ""  # for tabular input: the header of the column at fault, when known


class Note(NamedTuple):
    """Something about a part of an item: a value not mapped, a unit converted, a proof kept."""

    location: str
    severity: Severity
    code: str
    message: str
    detail: dict[str, Any]


class DuplicateOutcomeError(ValueError):
    """A connector gave one input item two outcomes; that is a bug in the connector."""


class ConversionReport:
    """Accumulates outcomes and notes while a connector reads its sources."""

    def __init__(self, connector: str = "", version: str = "") -> None:
        self.connector = connector
        self.version = version
        self.items: list[ItemOutcome] = []
        self.notes: list[Note] = []
        self._seen: set[str] = set()

    def _add(self, item: ItemOutcome) -> None:
        if item.location in self._seen:
            raise DuplicateOutcomeError(f"{item.location} already has an outcome")
        self._seen.add(item.location)
        self.items.append(item)

    def mapped(self, location: str, records: int = 1, message: str = "") -> None:
        self._add(ItemOutcome(location, "mapped", records, "", message))

    def skipped(self, location: str, code: str, message: str) -> None:
        self._add(ItemOutcome(location, "skipped", 0, code, message))

    def error(self, location: str, code: str, message: str, column: str = "") -> None:
        self._add(ItemOutcome(location, "error", 0, code, message, column))

    def note(
        self, location: str, code: str, message: str, severity: Severity = "warning", **detail: Any
    ) -> None:
        self.notes.append(Note(location, severity, code, message, detail))

    def has_outcome(self, location: str) -> bool:
        return location in self._seen

    # -- reading the report ------------------------------------------------------------------

    @property
    def records(self) -> int:
        return sum(item.records for item in self.items)

    @property
    def ok(self) -> bool:
        """No item failed and no error note was recorded."""
        return not any(i.outcome == "error" for i in self.items) and not any(
            n.severity == "error" for n in self.notes
        )

    def summary(self) -> dict[str, int]:
        counts = Counter(item.outcome for item in self.items)
        severities = Counter(note.severity for note in self.notes)
        return {
            "items": len(self.items),
            "mapped": counts["mapped"],
            "skipped": counts["skipped"],
            "errors": counts["error"],
            "records": self.records,
            "warnings": severities["warning"],
            "error_notes": severities["error"],
        }

    def codes(self) -> Counter[str]:
        """How often each code occurs, over outcomes and notes (handy in tests)."""
        found = Counter(item.code for item in self.items if item.code)
        found.update(note.code for note in self.notes)
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "connector": self.connector,
            "version": self.version,
            "summary": self.summary(),
            "items": [item._asdict() for item in self.items],
            "notes": [note._asdict() for note in self.notes],
        }

    def format_text(self, limit: int = 50) -> str:
        """A short human-readable report for the CLI."""
        s = self.summary()
        lines = [
            f"{self.connector} {self.version}: {s['items']} items, {s['mapped']} mapped, "
            f"{s['skipped']} skipped, {s['errors']} errors, {s['records']} records, "
            f"{s['warnings']} warnings"
        ]
        problems = [i for i in self.items if i.outcome != "mapped"]
        for item in problems[:limit]:
            lines.append(f"  {item.outcome:7} {item.location}: [{item.code}] {item.message}")
        for note in self.notes[: max(0, limit - len(problems))]:
            lines.append(f"  {note.severity:7} {note.location}: [{note.code}] {note.message}")
        hidden = len(problems) + len(self.notes) - limit
        if hidden > 0:
            lines.append(f"  … {hidden} more (write the full report with --report FILE)")
        return "\n".join(lines)
