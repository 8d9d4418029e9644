"""Foreign formats through the connectors, inside the hub's pipeline (?format= / CSV types)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from junkan.submissions.models import Flow, Record

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "examples" / "templates"
EXTERNAL = REPO.parent / "shared" / "external"


def _count(hub, model) -> int:
    with hub.database.unit_of_work(write=False) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_cp932_csv_with_japanese_headers_is_accepted(acme) -> None:
    text = (TEMPLATES / "flows.ja.csv").read_text(encoding="utf-8-sig")
    response = acme.submit(text.encode("cp932"), content_type="text/csv")
    assert response.status_code == 201, response.text
    body = response.json()
    rows = len(text.strip().splitlines()) - 1
    assert body["summary"]["created"] == rows
    assert _count(acme.hub, Flow) == rows
    with acme.hub.database.unit_of_work(write=False) as session:
        assert session.scalar(select(Flow.material).where(Flow.mass_kg == 12500.0)) == "pet"


def test_english_template_and_a_bad_row_with_its_row_number(acme) -> None:
    lines = (TEMPLATES / "flows.csv").read_text(encoding="utf-8").strip().splitlines()
    bad = lines[1].replace("TNE", "XYZ")
    body = "\n".join([lines[0], lines[1].replace("0001", "0009"), bad.replace("0001", "0010")])
    atomic = acme.submit(body.encode(), content_type="text/csv")
    assert atomic.status_code == 422, atomic.text
    items = atomic.json()["report"]["items"]
    assert any(i.get("row") == 3 and i.get("column") == "unit" for i in items), items
    assert _count(acme.hub, Record) == 0
    partial = acme.submit(body.encode(), content_type="text/csv", params={"mode": "partial"})
    assert partial.status_code == 201
    assert partial.json()["summary"]["created"] == 1


def test_a_row_the_vocabulary_refuses_names_its_row_and_column(acme) -> None:
    # The converter maps the row; the vocabulary then refuses the period. The report names
    # the CSV row and the column as headed in the file, not only the minted record IRI.
    lines = (TEMPLATES / "flows.ja.csv").read_text(encoding="utf-8-sig").strip().splitlines()
    header = lines[0].split(",")
    period = header.index("期間")
    cells = lines[2].split(",")
    cells[period] = "FY20X3"
    body = "\n".join([lines[0], lines[1], ",".join(cells)]).encode("cp932")
    response = acme.submit(body, content_type="text/csv", params={"mode": "partial"})
    assert response.status_code == 201, response.text
    items = [i for i in response.json()["report"]["items"] if i["code"] == "invalid-record"]
    assert len(items) == 1, response.json()["report"]
    assert (items[0]["row"], items[0]["column"]) == (3, "期間"), items[0]
    assert "invalid-period" in items[0]["message"]
    assert response.json()["summary"]["created"] == 1


def test_unknown_format_and_bad_connector_config(acme) -> None:
    unknown = acme.submit(b"{}", params={"format": "nope"})
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown-format"
    bad_config = acme.submit(
        (TEMPLATES / "flows.csv").read_bytes(),
        content_type="text/csv",
        headers={"Junkan-Connector-Config": json.dumps({"colour": "green"})},
    )
    assert bad_config.status_code == 422
    assert bad_config.json()["code"] == "invalid-connector-config"


@pytest.mark.skipif(not EXTERNAL.is_dir(), reason="../shared/external is not present")
def test_epcis_document_by_format_name(acme) -> None:
    document = (
        EXTERNAL
        / "openepcis-dpp-ready"
        / "extensions"
        / "eu"
        / "ppwr"
        / "epcis"
        / "recovery.jsonld"
    )
    config = {"region": "23", "default_material": "pet"}
    response = acme.submit(
        document.read_bytes(),
        params={"format": "epcis"},
        headers={"Junkan-Connector-Config": json.dumps(config)},
    )
    assert response.status_code == 201, response.text
    assert response.json()["summary"]["created"] == 1
    codes = {i["code"] for i in response.json()["report"]["items"]}
    assert "unit-mass-unknown" in codes  # the pieces it could not weigh are reported
    assert "inputs-not-weighed" in codes
    with acme.hub.database.unit_of_work(write=False) as session:
        assert session.scalar(select(Record.record_type)) == "ProcessRecord"
