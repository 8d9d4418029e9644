"""SDK core: report accounting, the Connector base, the registry and the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from conftest import DATA
from junkan_connect import cli, registry
from junkan_connect.connector import Connector, ItemError, Skip
from junkan_connect.records import mass, month_of, new_record
from junkan_connect.report import ConversionReport, DuplicateOutcomeError
from junkan_connect.sources import Blob, Source, detect_encoding, read_bytes
from junkan_connect.testing import NetworkAccessError, no_network

FLOW = {
    "disclosure": "members",
    "fromStage": "collection",
    "toStage": "sorting",
    "material": "pet",
    "period": "FY2024",
    "region": "23",
    "reporter": "https://example.org/orgs/a",
}


class LinesConnector(Connector):
    """One flow per line 'kg'; 'skip' skips, 'bad' errors, 'boom' raises KeyError."""

    name = "lines"
    version = "1.0"

    def read(self, source: Source) -> Iterator[dict]:
        for number, line in enumerate(read_bytes(source).decode().splitlines(), 1):
            yield from self.map_item(f"lines:{number}", self._line, line, number)

    def _line(self, line: str, number: int) -> list[dict]:
        if line == "skip":
            raise Skip("blank", "nothing here")
        if line == "bad":
            raise ItemError("not-a-number", "bad line")
        if line == "boom":
            return {}["missing"]
        record = new_record("MaterialFlow", f"https://example.org/flow/{number}")
        record.update(FLOW, mass=mass(float(line), "KGM"))
        if line == "-1":
            record["mass"]["value"] = -1  # invalid on purpose: convert() must drop it
        return [record]


def test_report_gives_every_item_one_outcome() -> None:
    connector = LinesConnector()
    records = list(connector.convert([Blob("x", b"12\nskip\nbad\nboom\n-1\n3.5")]))
    assert [r["mass"]["value"] for r in records] == [12.0, 3.5]
    summary = connector.report.summary()
    assert summary == {
        "items": 6,
        "mapped": 3,
        "skipped": 1,
        "errors": 2,
        "records": 3,
        "warnings": 0,
        "error_notes": 1,
    }
    assert connector.report.codes()["unexpected-structure"] == 1
    assert connector.report.codes()["invalid-record"] == 1
    assert not connector.report.ok
    assert "lines:3" in connector.report.format_text()


def test_duplicate_outcome_is_a_connector_bug() -> None:
    report = ConversionReport()
    report.mapped("a")
    with pytest.raises(DuplicateOutcomeError):
        report.skipped("a", "x", "y")


def test_config_is_validated_and_closed() -> None:
    with pytest.raises(ValueError, match="extra"):
        LinesConnector({"no_such_option": 1})
    assert LinesConnector(region="13").config.region == "13"


def test_encodings_are_detected() -> None:
    assert detect_encoding("a,b\n".encode("utf-16")) == "utf-16"
    assert detect_encoding("\ufeffa".encode()) == "utf-8-sig"
    assert detect_encoding("市町村".encode("cp932")) == "cp932"
    assert detect_encoding("Kühlschrank".encode("latin-1")) == "latin-1"


def test_month_of() -> None:
    assert month_of("2026-06-25T10:30:00.000Z") == "2026-06"
    assert month_of("25-06-2026") is None


def test_no_network_blocks_loopback_too() -> None:
    import socket

    with no_network(), pytest.raises(NetworkAccessError):
        socket.create_connection(("127.0.0.1", 9))


def _fake_entry_points(monkeypatch: pytest.MonkeyPatch, *eps: EntryPoint) -> None:
    monkeypatch.setattr(registry, "entry_points", lambda group: list(eps))


def test_registry_lists_without_importing(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_entry_points(monkeypatch, EntryPoint("ghost", "no_such_module_xyz:Thing", registry.GROUP))
    assert registry.names() == ["ghost"]
    with pytest.raises(registry.ConnectorLoadError, match=r"ghost.*ModuleNotFoundError"):
        registry.load("ghost")
    [info] = registry.describe()
    assert info.status.startswith("error: ModuleNotFoundError")


def test_registry_rejects_non_connectors_and_wrong_names(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_entry_points(
        monkeypatch,
        EntryPoint("notone", "junkan_connect.report:ConversionReport", registry.GROUP),
        EntryPoint("misnamed", "junkan_connect.connectors.epcis:EpcisConnector", registry.GROUP),
    )
    with pytest.raises(registry.ConnectorLoadError, match=r"not a junkan_connect\.Connector"):
        registry.load("notone")
    with pytest.raises(registry.ConnectorLoadError, match="says its name is 'epcis'"):
        registry.load("misnamed")
    with pytest.raises(registry.ConnectorNotFoundError):
        registry.load("nope")


def test_every_reference_connector_is_registered() -> None:
    infos = {info.name: info for info in registry.describe()}
    assert "epcis" in infos
    assert all(info.status == "ok" for info in infos.values()), infos


def test_cli_convert_and_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    report = tmp_path / "report.json"
    code = cli.main(
        [
            "convert",
            "epcis",
            str(DATA / "epcis-small.json"),
            "-o",
            str(out),
            "--set",
            "region=23",
            "--set",
            "reporter=https://example.org/o",
            "--set",
            "default_material=pet",
            "--report",
            str(report),
        ]
    )
    assert code == 1  # the fixture holds one invalid event
    assert len(out.read_text().splitlines()) == 2
    assert json.loads(report.read_text())["summary"]["errors"] == 1
    assert cli.main(["validate", str(out)]) == 0
    broken = tmp_path / "broken.jsonl"
    broken.write_text(out.read_text().replace('"region":"23"', '"region":"99"'))
    assert cli.main(["validate", str(broken)]) == 1
    assert "invalid-region-code" in capsys.readouterr().out


class SourceIdConnector(Connector):
    """One flow per line; the line is its sourceRecordId."""

    name = "source-ids"
    version = "1.0"

    def read(self, source: Source) -> Iterator[dict]:
        for number, line in enumerate(read_bytes(source).decode().splitlines(), 1):
            record = new_record("MaterialFlow", f"https://example.org/flow/{number}")
            record.update(FLOW, mass=mass(1.0, "KGM"), sourceSystem="erp", sourceRecordId=line)
            yield record


def test_text_longer_than_the_hub_keeps_is_reported_before_it_is_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # sourceRecordId is a key of the hub's unique index: at most 500 bytes of UTF-8.
    # 500 ASCII characters pass; 200 kanji (200 characters, 600 bytes) do not.
    ok, too_long = "a" * 500, "番" * 200
    connector = SourceIdConnector()
    records = list(connector.convert([Blob("ids", f"{ok}\n{too_long}".encode())]))
    assert [r["sourceRecordId"] for r in records] == [ok]
    assert connector.report.codes()["invalid-record"] == 1
    assert "$.sourceRecordId literal-too-long" in connector.report.format_text()

    product = json.loads((DATA.parents[2] / "examples/records/valid/product.jsonld").read_text())
    long_iri = dict(product, **{"@id": "https://example.org/p/" + "字" * 700})  # 2,122 bytes
    long_name = dict(product, name={"ja": "名" * 501})  # 501 characters
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (product, long_iri, long_name)))
    assert cli.main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2 $.@id: [iri-too-long]" in out
    assert f"{path}:3 $.name.ja: [literal-too-long] name.ja: at most 500 characters" in out


def test_cli_validate_reads_examples(capsys: pytest.CaptureFixture[str]) -> None:
    examples = sorted((DATA.parents[2] / "examples" / "records" / "valid").glob("*.jsonld"))
    assert examples
    assert cli.main(["validate", *map(str, examples)]) == 0


def test_cli_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["list"]) == 0
    assert "epcis" in capsys.readouterr().out


def test_cli_config_file(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('region = "13"\n[unit_masses]\n"04912345123459" = {value = 2.5}\n')
    config = cli.load_config(str(path), ["reporter=https://example.org/o", "x=[1]"])
    assert config == {
        "region": "13",
        "unit_masses": {"04912345123459": {"value": 2.5}},
        "reporter": "https://example.org/o",
        "x": [1],
    }


def test_cli_reports_its_version(capsys) -> None:
    import pytest as _pytest

    from junkan_connect import __version__
    from junkan_connect.cli import main

    with _pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_push_reads_the_same_variables_as_junkan_submit(monkeypatch, tmp_path) -> None:
    for name in ("JUNKAN_API_KEY", "JUNKAN_KEY", "JUNKAN_HUB_URL"):
        monkeypatch.delenv(name, raising=False)
    source = tmp_path / "empty.csv"
    source.write_text("", encoding="utf-8")
    with pytest.raises(SystemExit, match="JUNKAN_API_KEY"):
        cli.main(["push", "csv", str(source), "--hub", "http://127.0.0.1:9"])
    monkeypatch.setenv("JUNKAN_API_KEY", "jk_000000000000_x")
    with pytest.raises(SystemExit, match="JUNKAN_HUB_URL"):
        cli.main(["push", "csv", str(source)])
