"""The connector contract, as a base class of pytest tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from junkan_connect import registry
from junkan_connect.canonical import canonical_json
from junkan_connect.connector import Connector
from junkan_connect.report import ConversionReport
from junkan_connect.sources import Blob, Source, source_name
from junkan_connect.testing.network import no_network
from junkan_connect.vocab import validate


@dataclass
class Conversion:
    records: list[dict[str, Any]]
    report: ConversionReport


def _connector_class(connector: str | type[Connector]) -> type[Connector]:
    return registry.load(connector) if isinstance(connector, str) else connector


def run_connector(
    connector: str | type[Connector], source: Source, config: dict[str, Any] | None = None
) -> Conversion:
    """Run `read()` on one source without the network; records are not filtered."""
    instance = _connector_class(connector)(config or {})
    with no_network():
        records = list(instance.read(source))
    return Conversion(records, instance.report)


class ConnectorContract:
    """Subclass as `TestSomething(ConnectorContract)` and set the class attributes."""

    connector: ClassVar[str | type[Connector]]
    config: ClassVar[dict[str, Any]] = {}
    samples: ClassVar[Sequence[str | Path | Blob]] = ()
    # optional: sample file name (or path as given) → number of input items it holds
    expected_items: ClassVar[dict[str, int]] = {}

    def contract_samples(self) -> list[Source]:
        """Override to compute samples (e.g. glob a folder); must not be empty."""
        return list(self.samples)

    def _each(self) -> list[tuple[Source, Conversion]]:
        samples = self.contract_samples()
        assert samples, "the contract needs at least one sample input"
        return [(s, run_connector(self.connector, s, self.config)) for s in samples]

    def test_connector_is_well_formed(self) -> None:
        cls = _connector_class(self.connector)
        assert isinstance(cls.name, str) and cls.name, "connector needs a name"
        assert isinstance(cls.version, str) and cls.version, "connector needs a version"
        cls.Config.model_validate(self.config)
        if isinstance(self.connector, str):
            assert registry.load(self.connector) is cls

    def test_every_record_validates(self) -> None:
        failures = []
        for source, result in self._each():
            for index, record in enumerate(result.records):
                issues = validate(record)
                if issues:
                    failures.append(f"{source_name(source)} record {index}: {issues[:3]}")
        assert not failures, "\n".join(failures[:20])

    def test_conversion_is_deterministic(self) -> None:
        for source in self.contract_samples():
            first = run_connector(self.connector, source, self.config)
            second = run_connector(self.connector, source, self.config)
            assert [canonical_json(r) for r in first.records] == [
                canonical_json(r) for r in second.records
            ], source_name(source)
            assert first.report.to_dict() == second.report.to_dict(), source_name(source)

    def test_report_accounts_for_every_item(self) -> None:
        for source, result in self._each():
            name = source_name(source)
            report = result.report
            assert report.items, f"{name}: the report lists no input items"
            locations = [item.location for item in report.items]
            assert len(locations) == len(set(locations)), f"{name}: an item has two outcomes"
            assert report.records == len(result.records), (
                f"{name}: report says {report.records} records, connector emitted "
                f"{len(result.records)}"
            )
            for item in report.items:
                assert item.outcome == "mapped" or item.code, f"{item.location} needs a code"
            expected = self.expected_items.get(name, self.expected_items.get(Path(name).name))
            if expected is not None:
                assert len(report.items) == expected, name

    def test_record_ids_are_unique(self) -> None:
        for source, result in self._each():
            ids = [r.get("@id") for r in result.records]
            assert len(ids) == len(set(ids)), f"{source_name(source)}: duplicate @id"
