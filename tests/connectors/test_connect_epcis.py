"""EPCIS connector: small in-repo fixtures for edge cases, then the real sample corpus."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from conftest import DATA, external_path
from junkan_connect.connectors._epcis_rules import bare_cbv, gtin_of
from junkan_connect.connectors.epcis import EpcisConnector
from junkan_connect.testing import ConnectorContract, run_connector
from junkan_connect.vocab import to_kg, validate

CONFIG = {
    "reporter": "https://example.org/orgs/recycler",
    "region": "23",
    "default_material": "pet",
}
DPP = ("openepcis-dpp-ready",)
RECOVERY = (*DPP, "extensions", "eu", "ppwr", "epcis", "recovery.jsonld")
CAPTURE = (
    "openepcis-test-resources",
    "core",
    "src",
    "main",
    "resources",
    "2.0",
    "EPCIS",
    "JSON",
    "Capture",
)


def test_gtin_from_urn_and_digital_link() -> None:
    assert gtin_of("https://id.gs1.org/01/09521004005019/10/LOT") == "09521004005019"
    # SGTIN 0614141.812345.6789 is GTIN 80614141123458 (GS1 TDS worked example)
    assert gtin_of("urn:epc:id:sgtin:0614141.812345.6789") == "80614141123458"
    assert gtin_of("urn:epc:id:sscc:0614141.1234567890") is None


def test_cbv_forms_are_normalised() -> None:
    for form in (
        "shipping",
        "urn:epcglobal:cbv:bizstep:shipping",
        "https://ref.gs1.org/cbv/BizStep-shipping",
        "cbv:BizStep-shipping",
    ):
        assert bare_cbv(form) == "shipping"
    assert bare_cbv("oec:BizStep-recovery") == "oec:BizStep-recovery"


def test_small_document_outcomes() -> None:
    result = run_connector(EpcisConnector, DATA / "epcis-small.json", CONFIG)
    outcomes = [(i.outcome, i.code) for i in result.report.items]
    assert outcomes == [
        ("mapped", ""),
        ("mapped", ""),
        ("skipped", "not-a-material-flow"),
        ("skipped", "not-a-material-flow"),
        ("error", "invalid-event-time"),
        ("skipped", "no-mass"),
    ]
    process, flow = result.records
    assert process["@type"] == "ProcessRecord" and process["processType"] == "manufacturing"
    assert process["inputs"] == [{"mass": {"unit": "TNE", "value": 2}, "material": "pet"}]
    assert process["outputs"] == [{"mass": {"unit": "KGM", "value": 1800}, "material": "pet"}]
    assert "facility" not in process  # unmapped locations are left out, noted once
    assert result.report.codes()["location-not-mapped"] == 1
    assert process["period"] == "2025-04"
    assert flow["fromStage"] == "distribution" and flow["toStage"] == "use"
    assert all(validate(r) == [] for r in result.records)
    codes = result.report.codes()
    assert codes["not-a-mass-unit"] == 1  # the litres output
    assert codes["unit-mass-unknown"] == 2  # two commissioned pieces
    assert codes["extension-context"] == 1
    # the error message names every problem of the event, not only the first
    error = result.report.items[4]
    assert "unknown-biz-step" not in error.code and "transforming" in error.message


def test_custom_biz_step_and_unit_mass_by_gtin() -> None:
    gtin = gtin_of("urn:epc:id:sgtin:4912345.012345.3")
    config = {
        **CONFIG,
        "facilities": {"urn:epc:id:sgln:4912345.00001.0": "https://example.org/facility/yard"},
        "process_types": {"ex:shredding": "pre_treatment"},
        "unit_masses": {gtin: {"value": 120, "unit": "GRM"}},
        "materials": {gtin: "aluminium"},
    }
    result = run_connector(EpcisConnector, DATA / "epcis-small.json", config)
    assert result.records[0]["processType"] == "pre_treatment"
    assert result.records[0]["facility"] == "https://example.org/facility/yard"
    commissioned = [r for r in result.records if r.get("fromStage") == "manufacturing"]
    assert [r["mass"] for r in commissioned] == [{"unit": "GRM", "value": 120}] * 2
    assert {r["material"] for r in commissioned} == {"aluminium"}


def test_missing_region_is_an_item_error() -> None:
    result = run_connector(EpcisConnector, DATA / "epcis-small.json", {"default_material": "pet"})
    assert result.report.codes()["missing-reporter"] == 2
    result = run_connector(
        EpcisConnector,
        DATA / "epcis-small.json",
        {"default_material": "pet", "reporter": "https://example.org/o"},
    )
    assert result.report.codes()["missing-region"] == 2
    assert result.records == []


def test_not_json_and_not_epcis_are_reported(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "other.json").write_text('{"@context": "https://example.org/ctx", "a": 1}')
    connector = EpcisConnector(CONFIG)
    records = list(connector.convert([tmp_path / "broken.json", tmp_path / "other.json"]))
    assert records == []
    assert [(Path(i.location).name, i.code) for i in connector.report.items] == [
        ("broken.json", "invalid-json"),
        ("other.json", "unknown-context"),
    ]


class TestEpcisContract(ConnectorContract):
    connector = "epcis"
    config = CONFIG
    samples = (DATA / "epcis-small.json",)
    expected_items: ClassVar = {"epcis-small.json": 6}


# -- the real sample corpus -------------------------------------------------------------------


def test_recovery_without_unit_mass_reports_pieces() -> None:
    result = run_connector("epcis", external_path(*RECOVERY), CONFIG)
    assert result.report.codes()["unit-mass-unknown"] == 1
    note = next(n for n in result.report.notes if n.code == "unit-mass-unknown")
    assert note.detail == {
        "identifier": "https://id.gs1.org/01/09521004005019",
        "quantity": 24500,
        "uom": "H87",
    }
    assert result.report.codes()["inputs-not-weighed"] == 1
    [record] = result.records
    assert record["@type"] == "ProcessRecord" and record["processType"] == "recycling"
    assert "inputs" not in record  # counted in pieces: reported, not guessed
    [output] = record["outputs"]
    assert to_kg(output["mass"]["value"], output["mass"]["unit"]) == pytest.approx(312.4)
    assert record["sourceRecordId"].startswith("urn:uuid:5c2b4e90-1234-4abc-9876-1f2c3d4e5f63")
    assert validate(record) == []


def test_recovery_with_unit_mass_is_a_balanced_process_record() -> None:
    config = {**CONFIG, "unit_masses": {"09521004005019": {"value": 25, "unit": "GRM"}}}
    result = run_connector("epcis", external_path(*RECOVERY), config)
    [record] = result.records
    assert record["@type"] == "ProcessRecord" and record["processType"] == "recycling"
    [output] = record["outputs"]
    assert to_kg(output["mass"]["value"], output["mass"]["unit"]) == pytest.approx(312.4)
    [inputs] = record["inputs"]
    assert to_kg(inputs["mass"]["value"], inputs["mass"]["unit"]) == pytest.approx(612.5)
    balance = next(n for n in result.report.notes if n.code == "mass-balance")
    assert balance.detail["unaccounted_kg"] == pytest.approx(300.1)
    assert validate(record) == []


def _real_documents() -> list[Path]:
    root = external_path()
    found = sorted((root / DPP[0]).glob("**/epcis/*.jsonld"))
    found += sorted(root.joinpath(*CAPTURE, "Documents").glob("*.json"))
    found += sorted(root.joinpath(*CAPTURE[:-1], "Query").glob("*.json"))
    found += sorted(root.joinpath(*CAPTURE, "Events").glob("*.json"))
    assert len(found) >= 50
    return found


def test_every_real_document_converts_with_a_complete_report() -> None:
    for path in _real_documents():
        result = run_connector("epcis", path, CONFIG)
        report = result.report
        assert report.items, path
        assert report.records == len(result.records), path
        assert all(validate(r) == [] for r in result.records), path
        assert report.ok, (path, report.format_text())


def test_invalid_documents_give_errors_not_crashes() -> None:
    invalid = sorted(external_path(*CAPTURE, "Invalid").glob("*.json"))
    assert len(invalid) == 15
    for path in invalid:
        result = run_connector("epcis", path, CONFIG)
        assert not result.report.ok, path.name
        assert result.report.summary()["errors"] >= 1, path.name


class TestEpcisContractOnRealSamples(ConnectorContract):
    connector = "epcis"
    config = CONFIG

    def contract_samples(self) -> list:
        return _real_documents()[::4]


def test_receiving_is_skipped_as_the_mirror_of_shipping() -> None:
    path = external_path(
        *DPP, "extensions", "eu", "electronics", "epcis", "ownership-transfer.jsonld"
    )
    result = run_connector("epcis", path, CONFIG)
    codes = [i.code for i in result.report.items]
    assert codes[1] == "mirrors-shipping"
    assert codes[2] == "not-a-material-flow"  # retail_selling; its URN disposition: a warning
    assert result.report.codes()["unknown-disposition"] == 1
