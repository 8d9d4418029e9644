"""The Connector API: a named, versioned converter from one kind of source to Junkan records.

A connector subclasses `Connector`, declares `name`, `version`, a pydantic `Config`, and
implements `read(source)`, yielding canonical compact JSON-LD records (plain dicts) and
recording one outcome per input item in `self.report`. `convert()` wraps `read()` for callers:
it gives unreadable sources an error outcome and double-checks every record against the
vocabulary's validator, so nothing invalid leaves the SDK.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from junkan_connect.report import ConversionReport
from junkan_connect.sources import Source, SourceError, source_name
from junkan_connect.vocab import validate
from junkan_connect.vocab.sizes import size_issues

Record = dict[str, Any]


class ConnectorConfig(BaseModel):
    """Settings every connector accepts; connectors extend this with their own fields."""

    model_config = ConfigDict(extra="forbid")

    reporter: str | None = Field(
        None,
        description="IRI of the reporting organisation (falls back to the source's own "
        "party identifier where the format has one)",
    )
    region: str | None = Field(
        None,
        description="region code of the activity: 'JP', a JIS X 0401 prefecture or a "
        "JIS X 0402 municipality code",
    )
    disclosure: Literal["public", "members", "confidential"] = "confidential"
    id_base: str | None = Field(
        None, description="prefix of minted record IRIs (default urn:junkan:<connector>:)"
    )
    source_system: str | None = Field(
        None, description="sourceSystem written on records (default: the connector name)"
    )


class Skip(Exception):
    """Raised by an item mapper: the item is deliberately not mapped (with a reason)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class ItemError(Exception):
    """Raised by an item mapper: the item is malformed or cannot be mapped. `column`: for
    tabular input, the header of the column at fault."""

    def __init__(self, code: str, message: str, column: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.column = column


class Connector(ABC):
    name: ClassVar[str]
    version: ClassVar[str] = "0.1.0"
    description: ClassVar[str] = ""
    Config: ClassVar[type[ConnectorConfig]] = ConnectorConfig

    def __init__(self, config: BaseModel | dict[str, Any] | None = None, **overrides: Any):
        data = (
            config.model_dump(exclude_unset=True)
            if isinstance(config, BaseModel)
            else (dict(config or {}))
        )
        data.update(overrides)
        self.config = self.Config.model_validate(data)
        self.report = ConversionReport(self.name, self.version)
        self._unmapped_locations: set[str] = set()
        # id(record) -> (record, the input item it came from), until the record is checked;
        # holding the record keeps its id from being reused by another one meanwhile
        self._origins: dict[int, tuple[Record, str]] = {}

    @abstractmethod
    def read(self, source: Source) -> Iterator[Record]:
        """Yield records from one source, recording one outcome per input item."""

    # -- helpers for implementations --------------------------------------------------------

    def remember_origin(self, record: Record, location: str) -> None:
        """Name the input item a record came from (map_item does this itself), so that a
        record failing the vocabulary check is reported at that item, e.g. a CSV row."""
        self._origins[id(record)] = (record, location)

    def source_column(self, location: str, path: str) -> str | None:
        """The input column behind `path` of a record from item `location`, for tabular
        connectors; None when the connector cannot tell."""
        return None

    @property
    def id_base(self) -> str:
        return self.config.id_base or f"urn:junkan:{self.name}:"

    @property
    def source_system(self) -> str:
        return self.config.source_system or self.name

    def facility_iri(self, source_id: Any, where: str) -> str | None:
        """The hub Facility for a source location id (config `facilities`), else None.

        The hub refuses references to facilities it does not hold, so an unmapped location
        is left out of the record and noted once.
        """
        if not isinstance(source_id, str) or not source_id:
            return None
        found = getattr(self.config, "facilities", {}).get(source_id)
        if found is None and source_id not in self._unmapped_locations:
            self._unmapped_locations.add(source_id)
            self.report.note(
                where,
                "location-not-mapped",
                f"location {source_id} is not mapped to a Facility (config `facilities`)",
                severity="info",
                location_id=source_id,
            )
        return found

    def map_item(
        self, location: str, mapper: Callable[..., list[Record]], *args: Any
    ) -> list[Record]:
        """Run `mapper(*args)` for one input item and record its outcome.

        Mappers raise Skip or ItemError; any other exception from malformed input (a missing
        key, a wrong type) becomes an `unexpected-structure` error instead of a crash.
        """
        try:
            records = mapper(*args)
        except Skip as skip:
            self.report.skipped(location, skip.code, str(skip))
            return []
        except ItemError as exc:
            self.report.error(location, exc.code, str(exc), exc.column)
            return []
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
            self.report.error(location, "unexpected-structure", f"{type(exc).__name__}: {exc}")
            return []
        if not records:
            self.report.skipped(location, "nothing-to-map", "no record could be built")
            return []
        self.report.mapped(location, len(records))
        for record in records:
            self.remember_origin(record, location)
        return records

    # -- for callers ------------------------------------------------------------------------

    def convert(self, sources: Iterable[Source]) -> Iterator[Record]:
        """Records from all sources; every record is checked against the vocabulary.

        A source that cannot be read, or holds no input item at all, gets one outcome itself.
        """
        for source in sources:
            name = source_name(source)
            before = len(self.report.items)
            try:
                yield from self._checked(self.read(source), name)
            except SourceError as exc:
                self._source_failed(name, exc.code, str(exc))
            except (OSError, UnicodeError) as exc:
                self._source_failed(name, "unreadable-input", f"{type(exc).__name__}: {exc}")
            if len(self.report.items) == before and not self.report.has_outcome(name):
                self.report.skipped(name, "empty-input", "the input holds no items")
            self._origins.clear()  # records that were merged or dropped instead of yielded

    def _checked(self, records: Iterator[Record], name: str) -> Iterator[Record]:
        for record in records:
            origin = self._origins.pop(id(record), (None, None))[1]
            issues = validate(record) or size_issues(record)
            if not issues:
                yield record
                continue
            record_id = str(record.get("@id", name)) if isinstance(record, dict) else name
            problems = "; ".join(f"{i.path} {i.code}: {i.message}" for i in issues[:5])
            detail: dict[str, Any] = {"record": record_id}
            column = self.source_column(origin, issues[0].path) if origin else None
            if column:
                detail["column"] = column
            self.report.note(
                origin or record_id,
                "invalid-record",
                f"{record_id}: {problems}" if origin else problems,
                severity="error",
                **detail,
            )

    def _source_failed(self, name: str, code: str, message: str) -> None:
        if self.report.has_outcome(name):  # the connector already judged the whole source
            self.report.note(name, code, message, severity="error")
        else:
            self.report.error(name, code, message)
