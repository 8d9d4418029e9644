"""`junkan-connect convert … -o x.parquet` and the .xlsx templates, each through a real hub.

The Parquet file's flat layout (dotted columns, lists as lists) is what the hub's Parquet
submission path reads; the .xlsx templates are the CSV templates as workbooks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import REPO
from junkan_connect import registry
from junkan_connect.cli import main
from junkan_connect.client import HubClient
from junkan_connect.sources import Blob

pytest.importorskip("junkan.app", reason="the hub (distribution junkan) is not installed")
pa_parquet = pytest.importorskip("pyarrow.parquet")
openpyxl = pytest.importorskip("openpyxl")

SAMPLE = REPO / "examples" / "connectors" / "jp_msw" / "msw-survey-sample.csv"
TEMPLATES = REPO / "examples" / "templates"
PARQUET = "application/vnd.apache.parquet"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _member(hub, name: str) -> tuple[str, dict]:
    iri = f"https://example.org/orgs/{name}"
    _, key = hub.new_org(iri=iri, name_ja=name)
    return iri, hub.auth(key)


def _post(hub, headers: dict, body: bytes, content_type: str, params: dict | None = None):
    return hub.client.post(
        "/api/v1/submissions",
        content=body,
        params=params or {},
        headers=headers | {"Content-Type": content_type},
    )


def _convert(tmp_path, name: str, *inputs, reporter: str, out: str) -> Path:
    target = tmp_path / out
    code = main(
        ["convert", name, *map(str, inputs), "--set", f"reporter={reporter}", "-o", str(target)]
    )
    assert code == 0
    return target


def test_parquet_round_trip_through_the_hub(hub, tmp_path) -> None:
    iri, headers = _member(hub, "city-survey")
    jsonl = _convert(tmp_path, "jp_msw", SAMPLE, reporter=iri, out="msw.jsonl")
    parquet = _convert(tmp_path, "jp_msw", SAMPLE, reporter=iri, out="msw.parquet")
    expected = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    table = pa_parquet.read_table(parquet)
    assert table.num_rows == len(expected) == 38
    assert {"mass.value", "mass.unit", "fromStage", "@id"} <= set(table.column_names)

    stored = _post(hub, headers, parquet.read_bytes(), PARQUET)
    assert stored.status_code == 201, stored.text
    assert stored.json()["summary"]["created"] == 38
    again = _post(hub, headers, jsonl.read_bytes(), "application/x-ndjson")
    assert again.status_code in (200, 201), again.text
    assert again.json()["summary"]["unchanged"] == 38  # the same records, by content hash


def test_products_with_compositions_survive_parquet(hub, tmp_path) -> None:
    iri, headers = _member(hub, "bottler")
    key = headers["Authorization"].removeprefix("Bearer ")
    inputs = (TEMPLATES / "products.csv", TEMPLATES / "flows.csv")
    jsonl = _convert(tmp_path, "csv", *inputs, reporter=iri, out="both.jsonl")
    parquet = _convert(tmp_path, "csv", *inputs, reporter=iri, out="both.parquet")
    stored = _post(hub, headers, parquet.read_bytes(), PARQUET)
    assert stored.status_code == 201, stored.text
    assert stored.json()["summary"]["created"] == 4
    expected = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert any("materialComposition" in r for r in expected)
    with HubClient("http://testserver", key, http=hub.client) as client:
        for record in expected:  # what the hub keeps is exactly the connector's record
            assert client.get_record(record["@id"]) == record


def test_parquet_without_pyarrow_is_a_clear_error(tmp_path, monkeypatch, capsys) -> None:
    for module in [m for m in sys.modules if m == "pyarrow" or m.startswith("pyarrow.")]:
        monkeypatch.setitem(sys.modules, module, None)  # as if the extra were not installed
    code = main(["convert", "jp_msw", str(SAMPLE), "-o", str(tmp_path / "x.parquet")])
    err = capsys.readouterr().err
    assert code == 2
    assert "parquet-unavailable" in err and "junkan-connect[parquet]" in err
    assert not (tmp_path / "x.parquet").exists()


def test_parquet_needs_an_output_file(capsys) -> None:
    assert main(["convert", "jp_msw", str(SAMPLE), "--format", "parquet"]) == 2
    assert "-o FILE.parquet" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["flows", "flows.ja", "products", "products.ja"])
def test_xlsx_templates_say_what_the_csv_templates_say(name) -> None:
    def records(path):
        connector = registry.load("csv")({"reporter": "https://example.org/orgs/me"})
        out = list(connector.convert([path]))
        assert connector.report.ok, connector.report.format_text()
        return out

    assert records(TEMPLATES / f"{name}.xlsx") == records(TEMPLATES / f"{name}.csv")


@pytest.mark.parametrize("name", ["flows", "flows.ja", "products", "products.ja"])
def test_the_hub_accepts_each_xlsx_template(hub, name) -> None:
    iri, headers = _member(hub, f"xlsx-{name.replace('.', '-')}")
    connector = registry.load("csv")({"reporter": iri})
    expected = len(list(connector.convert([TEMPLATES / f"{name}.csv"])))
    assert expected >= 1
    body = (TEMPLATES / f"{name}.xlsx").read_bytes()
    stored = _post(hub, headers, body, XLSX, {"format": "csv"})
    assert stored.status_code == 201, stored.text
    assert stored.json()["summary"]["created"] == expected


def test_an_xlsx_upload_without_format_is_stored(hub) -> None:
    """The 65-character Excel media type is kept as the submission's format (PostgreSQL
    once refused it: the column was 40 characters)."""
    _, headers = _member(hub, "xlsx-plain")
    stored = _post(hub, headers, (TEMPLATES / "flows.xlsx").read_bytes(), XLSX)
    assert stored.status_code == 201, stored.text


def _damaged_workbooks() -> dict[str, bytes]:
    """Not a zip; a zip without a workbook; the flows template with its sheet cut short."""
    import io
    import zipfile

    empty_zip = io.BytesIO()
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("hello.txt", "no workbook here")
    source = zipfile.ZipFile(TEMPLATES / "flows.xlsx")
    cut = io.BytesIO()
    with zipfile.ZipFile(cut, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) * 2 // 3]  # the XML breaks off after the header row
            archive.writestr(item, data)
    return {
        "garbage": b"not a workbook",
        "no-workbook": empty_zip.getvalue(),
        "cut": cut.getvalue(),
    }


@pytest.mark.parametrize("damage", ["garbage", "no-workbook", "cut"])
def test_a_damaged_workbook_is_reported_not_raised(hub, damage) -> None:
    """openpyxl raises many kinds of error for a damaged file; the connector reports each as
    `unreadable-input`, and the hub answers 422 with that report (it answered 500)."""
    body = _damaged_workbooks()[damage]
    connector = registry.load("csv")({"reporter": "https://example.org/orgs/me"})
    list(connector.convert([Blob("upload.xlsx", body)]))
    assert "unreadable-input" in {item.code for item in connector.report.items}
    _, headers = _member(hub, f"xlsx-damaged-{damage}")
    refused = _post(hub, headers, body, XLSX, {"format": "csv"})
    assert refused.status_code == 422, refused.text
    assert "unreadable-input" in {i["code"] for i in refused.json()["report"]["items"]}
