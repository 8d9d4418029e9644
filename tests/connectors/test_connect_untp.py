"""UNTP connector: envelopes, versions and the real credential samples."""

from __future__ import annotations

import json
from typing import ClassVar

import pytest

from conftest import DATA, external_path
from junkan_connect.sources import Blob
from junkan_connect.testing import ConnectorContract, run_connector
from junkan_connect.vocab import to_kg, validate

CONFIG = {
    "region": "13",
    "materials": {"hdpe-code": "hdpe", "https://example.org/materials/rhdpe": "hdpe"},
}


def test_presentation_with_subject_array_and_v03_fields() -> None:
    result = run_connector("untp", DATA / "untp-vp-0.3.json", CONFIG)
    outcomes = [(i.location.split("#")[1], i.outcome, i.code) for i in result.report.items]
    assert outcomes == [
        ("/verifiableCredential/0/credentialSubject", "mapped", ""),
        ("/verifiableCredential/1/credentialSubject/0", "error", "missing-reporter"),
        ("/verifiableCredential/1/credentialSubject/1", "skipped", "not-a-material-flow"),
        ("/verifiableCredential/1/credentialSubject/2", "error", "not-an-object"),
    ]
    [product] = result.records
    assert product["producer"] == "https://example.org/orgs/example-plastics"
    assert product["gtin"] == "04912345000019"
    assert product["unitMass"] == {"unit": "GRM", "value": 1850}
    assert product["recyclableFraction"] == 1.0
    assert product["materialComposition"] == [
        {
            "material": "hdpe",
            "massFraction": 0.95,
            "recycledFractionPostConsumer": 0.4,
            "originCountry": "JP",
        }
    ]
    codes = result.report.codes()
    assert codes["proof-not-verified"] == 1 and codes["unknown-material"] == 1


def test_event_with_reporter_and_piece_output() -> None:
    config = {**CONFIG, "reporter": "https://example.org/orgs/example-plastics"}
    result = run_connector("untp", DATA / "untp-vp-0.3.json", config)
    process = next(r for r in result.records if r["@type"] == "ProcessRecord")
    assert process["processType"] == "manufacturing" and "outputs" not in process
    assert result.report.codes()["not-a-mass"] == 1  # 1000 H87 reported, not stored


class TestUntpContract(ConnectorContract):
    connector = "untp"
    config: ClassVar = {**CONFIG, "reporter": "https://example.org/orgs/example-plastics"}
    samples = (DATA / "untp-vp-0.3.json",)


# -- real credentials -------------------------------------------------------------------------

REAL = {
    "region": "JP",
    "reporter": "https://example.org/orgs/copper-smelter",
    "materials": {
        "41410": "metal_ores",
        "https://id.gs1.org/01/12345678901234": "metal_ores",
        "https://id.gs1.org/01/09876543211234": "copper",
    },
}


def test_copper_chain_converts_to_product_facility_and_process() -> None:
    folder = external_path("untp-opsecid-interop", "implementations", "opsecid", "samples")
    kinds = {}
    for path in sorted(folder.glob("*.jsonld")):
        result = run_connector("untp", path, REAL)
        assert all(validate(r) == [] for r in result.records), path.name
        assert not any(i.outcome == "error" for i in result.report.items), path.name
        kinds[path.stem] = [r["@type"] for r in result.records]
    assert kinds == {
        "dpp": ["Product"],
        "dfr": ["Facility"],
        "dte": ["ProcessRecord"],
        "dcc": [],
        "dia": [],
    }
    [process] = run_connector("untp", folder / "dte.jsonld", REAL).records
    loss = to_kg(5000, "KGM") - sum(
        to_kg(o["mass"]["value"], o["mass"]["unit"]) for o in process["outputs"]
    )
    assert process["processType"] == "material_production" and loss == pytest.approx(200)


def test_every_untp_file_converts_or_says_why() -> None:
    root = external_path()
    files = sorted(
        p
        for folder in root.glob("untp-*")
        for p in folder.rglob("*")
        if p.is_file() and p.name != "SOURCE.md"
    )
    assert len(files) >= 15
    mapped = 0
    for path in files:
        result = run_connector("untp", path, REAL)
        assert result.report.items, path
        assert not any(i.outcome == "error" for i in result.report.items), path
        mapped += len(result.records)
    assert mapped >= 7
    signed = (
        root
        / "untp-bcgov-publisher-service"
        / "configs"
        / "credentials"
        / "BCMinesActPermitCredential"
        / "v1.1"
        / "sample.json"
    )
    assert run_connector("untp", signed, REAL).report.codes()["proof-not-verified"] == 1


def test_object_event_with_masses_becomes_flows() -> None:
    credential = {
        "type": ["VerifiableCredential", "DigitalTraceabilityEvent"],
        "credentialSubject": [
            {
                "type": ["ObjectEvent", "Event"],
                "id": "https://example.org/events/ship-7",
                "eventTime": "2025-03-09T10:00:00Z",
                "bizStep": "https://ref.gs1.org/cbv/BizStep-shipping",
                "bizLocation": "https://id.gs1.org/414/4912345000019",
                "quantityList": [
                    {
                        "productId": "https://example.org/materials/rhdpe",
                        "quantity": 3.5,
                        "uom": "TNE",
                    },
                    {
                        "productId": "https://example.org/materials/rhdpe",
                        "quantity": 40,
                        "uom": "H87",
                    },
                ],
            }
        ],
    }
    config = {
        **CONFIG,
        "reporter": "https://example.org/orgs/example-plastics",
        "facilities": {"https://id.gs1.org/414/4912345000019": "https://example.org/fac/1"},
    }
    source = Blob("dte.json", json.dumps(credential).encode())
    result = run_connector("untp", source, config)
    [flow] = result.records
    assert (flow["fromStage"], flow["toStage"]) == ("distribution", "use")
    assert flow["mass"] == {"unit": "TNE", "value": 3.5} and flow["material"] == "hdpe"
    assert flow["facility"] == "https://example.org/fac/1" and flow["period"] == "2025-03"
    assert validate(flow) == [] and result.report.codes()["not-a-mass"] == 1
