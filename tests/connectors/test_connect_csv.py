"""CSV/Excel template connector: English and Japanese headers, labels, products, errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import REPO
from junkan_connect.sources import Blob
from junkan_connect.testing import ConnectorContract, run_connector

TEMPLATES = REPO / "examples" / "templates"
CONFIG = {"reporter": "https://example.org/orgs/acme"}


def _strip_ids(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in ("@id",)} for r in records]


def test_japanese_and_english_flow_templates_agree() -> None:
    en = run_connector("csv", TEMPLATES / "flows.csv", CONFIG).records
    ja = run_connector("csv", TEMPLATES / "flows.ja.csv", CONFIG).records
    assert ja == en[:2]
    assert en[1]["recoveryType"] == "recycling_mechanical" and en[0]["uncertainty"] == 0.05


def test_japanese_and_english_product_templates_agree() -> None:
    [en] = run_connector("csv", TEMPLATES / "products.csv", CONFIG).records
    [ja] = run_connector("csv", TEMPLATES / "products.ja.csv", CONFIG).records
    assert ja["materialComposition"] == en["materialComposition"][:2]
    assert en["recyclableFraction"] == 0.98 and en["unitMass"] == {"unit": "GRM", "value": 24}
    assert en["name"] == {"ja": "500mlペットボトル", "en": "500 ml PET bottle"}
    assert en["materialComposition"][2] == {
        "material": "paper",
        "massFraction": 0.02,
        "renewableFraction": 1.0,
    }


def test_errors_name_row_and_column() -> None:
    data = (
        b"from_stage,to_stage,material,mass,unit,period,region\n"
        b"collection,sorting,unobtainium,1,TNE,FY2024,23\n"
        b"collection,sorting,pet,-3,TNE,FY2024,23\n"
        b"collection,sorting,pet,3,TNE,FY2024,23\n"
        b"collection,sorting,pet,3,TNE,FY2024,23\n"
    )
    result = run_connector("csv", Blob("f.csv", data), CONFIG)
    items = result.report.items
    assert [i.code for i in items] == ["unknown-code", "invalid-mass", "", ""]
    assert "row 2, column 3 (material)" in items[0].message
    assert len({r["@id"] for r in result.records}) == 2  # identical unnamed rows kept apart


def test_product_rows_with_bad_fraction_and_missing_id() -> None:
    data = b"product_id,name_en,material,mass_fraction\nP1,Crate,hdpe,0.9\nP1,,pp,180%\n,,pp,0.1\n"
    result = run_connector("csv", Blob("p.csv", data), CONFIG)
    assert [(i.outcome, i.code) for i in result.report.items] == [
        ("error", "missing-field"),
        ("mapped", ""),
        ("error", "invalid-fraction"),
    ]
    assert result.records[0]["materialComposition"] == [{"material": "hdpe", "massFraction": 0.9}]


def test_unknown_headers() -> None:
    result = run_connector("csv", Blob("x.csv", b"a,b\n1,2\n"), CONFIG)
    assert [i.code for i in result.report.items] == ["unknown-template"]


def test_excel_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the `excel` extra is not installed")
    book = openpyxl.Workbook()
    sheet = book.active
    with (TEMPLATES / "flows.ja.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(
                [float(c) if c.replace(".", "").isdigit() and "." in c else c for c in row]
            )
    path = tmp_path / "flows.xlsx"
    book.save(path)
    records = run_connector("csv", path, CONFIG).records
    assert _strip_ids(records) == _strip_ids(
        run_connector("csv", TEMPLATES / "flows.ja.csv", CONFIG).records
    )


def test_cp932_and_semicolons() -> None:
    text = (TEMPLATES / "flows.ja.csv").read_text(encoding="utf-8-sig").replace(",", ";")
    records = run_connector("csv", Blob("sjis.csv", text.encode("cp932")), CONFIG).records
    assert len(records) == 2 and records[0]["fromStage"] == "collection"


class TestCsvContract(ConnectorContract):
    connector = "csv"
    config = CONFIG
    samples = tuple(sorted(TEMPLATES.glob("*.csv")))


def test_a_record_the_vocabulary_refuses_is_reported_at_its_row_and_column() -> None:
    from junkan_connect.connectors.csv_template import CsvTemplateConnector

    text = (TEMPLATES / "products.csv").read_text(encoding="utf-8-sig")
    assert "4901234567894" in text
    connector = CsvTemplateConnector(CONFIG)
    body = text.replace("4901234567894", "4901234567891").encode()  # wrong check digit
    assert list(connector.convert([Blob("p.csv", body)])) == []
    [note] = [n for n in connector.report.notes if n.code == "invalid-record"]
    assert (note.location, note.detail["column"]) == ("p.csv:2", "gtin")
    assert note.detail["record"].endswith("product/PB-500")
    assert "invalid-check-digit" in note.message


def test_a_cell_the_converter_refuses_names_the_column_as_headed_in_the_file() -> None:
    from junkan_connect.connectors.csv_template import CsvTemplateConnector

    lines = (TEMPLATES / "flows.ja.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    bad = lines[1].split(",")
    bad[header.index("素材")] = "ぺっと"
    product_lines = (TEMPLATES / "products.csv").read_text(encoding="utf-8-sig").splitlines()
    fraction = product_lines[0].split(",").index("mass_fraction")
    product = product_lines[1].split(",")
    product[fraction] = "1.5"
    connector = CsvTemplateConnector(CONFIG)
    list(
        connector.convert(
            [
                Blob("f.csv", "\n".join([lines[0], ",".join(bad)]).encode()),
                Blob("p.csv", "\n".join([product_lines[0], ",".join(product)]).encode()),
            ]
        )
    )
    errors = {(i.location, i.code, i.column) for i in connector.report.items if i.code}
    assert ("f.csv:2", "unknown-code", "素材") in errors, connector.report.items
    assert ("p.csv:2", "invalid-fraction", "mass_fraction") in errors, connector.report.items
