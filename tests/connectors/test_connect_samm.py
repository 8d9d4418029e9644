"""Catena-X and Battery Pass connectors: fixtures with edge cases, then the real payloads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA, external_path
from junkan_connect.connectors._samm import as_fraction, is_placeholder
from junkan_connect.connectors.batterypass import BatteryPassConnector
from junkan_connect.testing import ConnectorContract, run_connector
from junkan_connect.vocab import to_kg, validate

CATENAX = {
    "reporter": "https://example.org/orgs/recycler",
    "region": "23",
    "default_material": "aluminium",
}
BATTERY = {"reporter": "https://example.org/orgs/cellmaker"}
TRACTUSX = "tractusx-sldt-semantic-models"
# extreme numbers as written in the files: 1.6E38, -1.797E308, or a 31+ digit integer
EXTREME = re.compile(r"-?\d(?:\.\d+)?[eE]\+?(?:3\d|30[0-8])\b|-?\d{31,}")


def kg(amounts: list[dict]) -> float:
    return sum(to_kg(a["mass"]["value"], a["mass"]["unit"]) for a in amounts)


def test_placeholders_and_fractions() -> None:
    assert is_placeholder(-1.7976931348623157e308) and is_placeholder(2.49e38)
    assert not is_placeholder(699) and not is_placeholder("1e38")
    assert as_fraction(12.5, None) == 0.125
    assert as_fraction(5.3, "unit:partPerMillion") == pytest.approx(5.3e-6)
    assert as_fraction(130, "unit:percent") is None


def test_recycling_batch_fixture_steps_and_placeholder() -> None:
    result = run_connector("catenax", DATA / "catenax-recycling-batch.json", CATENAX)
    assert [i.code for i in result.report.items] == ["invalid-mass"]
    assert result.records == []
    assert result.report.codes()["placeholder-value"] == 1


def test_recycling_batch_fixture_without_placeholder(tmp_path: Path) -> None:
    text = (DATA / "catenax-recycling-batch.json").read_text()
    fixed = tmp_path / "batch.json"
    fixed.write_text(text.replace("-1.7976931348623157e+308", "880.0"))
    result = run_connector("catenax", fixed, CATENAX)
    steps = result.records
    assert [r["period"] for r in steps] == ["2025-03", "2025-04", "2025-04"]
    assert {r["processType"] for r in steps} == {"pre_treatment"}
    assert kg(steps[0]["inputs"]) == kg(steps[0]["outputs"]) + kg(steps[0]["losses"])
    assert "losses" not in steps[2]
    assert result.report.codes()["mass-imbalance"] == 1  # 900 in, 880 out, 0 loss
    assert steps[0]["outputs"][0]["recoveryType"] == "recycling_mechanical"


def test_battery_fixture_utf16_with_placeholders() -> None:
    result = run_connector("batterypass", DATA / "batterypass-circularity-utf16.json", BATTERY)
    [product] = result.records
    assert product["materialComposition"] == [
        {
            "material": "cobalt",
            "recycledFractionPreConsumer": 0.04,
            "recycledFractionPostConsumer": 0.12,
        }
    ]
    assert "carbonFootprint" not in product
    codes = result.report.codes()
    assert codes["placeholder-value"] == 2 and codes["unknown-material"] == 1


class TestCatenaxContract(ConnectorContract):
    connector = "catenax"
    config = CATENAX
    samples = (DATA / "catenax-recycling-batch.json",)


class TestBatteryPassContract(ConnectorContract):
    connector = "batterypass"
    config = BATTERY
    samples = (DATA / "batterypass-circularity-utf16.json",)


# -- real payloads ----------------------------------------------------------------------------


def test_real_recycling_batch_balances() -> None:
    path = external_path(
        TRACTUSX, "io.catenax.material_accounting", "1.0.0", "gen", "RecyclingBatch.json"
    )
    [record] = run_connector("catenax", path, CATENAX).records
    assert record["@type"] == "ProcessRecord" and validate(record) == []
    assert kg(record["inputs"]) == pytest.approx(kg(record["outputs"]) + kg(record["losses"]))
    assert kg(record["inputs"]) == 10.0


def _payloads(folder: str, *patterns: str) -> list[Path]:
    root = external_path(folder)
    found = sorted(p for pattern in patterns for p in root.glob(pattern))
    assert found
    return found


def test_every_catenax_payload_converts_or_says_why() -> None:
    mapped = set()
    for path in _payloads(TRACTUSX, "*/*/gen/*.json"):
        if path.name.endswith("-schema.json"):
            continue
        result = run_connector("catenax", path, CATENAX)
        [item] = result.report.items
        assert item.outcome != "error", (path.name, item)
        assert all(validate(r) == [] for r in result.records), path.name
        if item.outcome == "mapped":
            mapped.add(path.name)
    assert {
        "RecyclingBatch.json",
        "DigitalProductPassport.json",
        "Pcf.json",
        "SecondaryMaterialContent.json",
    } <= mapped


def test_catenax_passport_fractions() -> None:
    path = external_path(
        TRACTUSX,
        "io.catenax.generic.digital_product_passport",
        "6.0.0",
        "gen",
        "DigitalProductPassport.json",
    )
    config = {**CATENAX, "materials": {"201-004-7": "plastics"}, "recycled_as": "post_consumer"}
    [product] = run_connector("catenax", path, config).records
    [component] = product["materialComposition"]
    assert component == {
        "material": "plastics",
        "massFraction": pytest.approx(5.3e-6),
        "renewableFraction": 0.235,
        "recycledFractionPostConsumer": 0.125,
    }


def test_every_battery_pass_payload_converts_or_reports_placeholders() -> None:
    config = {**BATTERY, "passport_id": "urn:uuid:00000000-0000-4000-8000-00000000b001"}
    for path in _payloads("batterypass-data-model", "BatteryPass/*/*/gen/*"):
        result = run_connector("batterypass", path, config)
        [item] = result.report.items
        assert item.outcome != "error", (path.name, item)
        assert all(validate(r) == [] for r in result.records), path.name
        if item.code != "not-a-payload":  # every extreme number in the file is reported
            text = path.read_bytes().decode(
                "utf-16" if path.read_bytes()[:2] == b"\xff\xfe" else "utf-8"
            )
            expected = len(EXTREME.findall(text))
            assert result.report.codes()["placeholder-value"] == expected, path.name
        for record in result.records:  # a placeholder is never stored
            assert "e+38" not in str(record) and "e+308" not in str(record)


def test_battery_pass_composition_payload() -> None:
    path = external_path(
        "batterypass-data-model",
        "BatteryPass",
        "io.BatteryPass.MaterialComposition",
        "1.2.0",
        "gen",
        "MaterialComposition-payload.json",
    )
    result = run_connector("batterypass", path, {**BATTERY, "passport_id": "urn:x:1"})
    [product] = result.records
    assert product["materialComposition"][0] == {"material": "lithium"}  # mass was 1.6e38
    assert any(
        n.code == "placeholder-value" and "batteryMaterialMass" in n.location
        for n in result.report.notes
    )


def test_aspects_of_one_passport_merge_into_one_product() -> None:
    folder = external_path("batterypass-data-model", "BatteryPass")
    paths = sorted(folder.glob("*/1.2.0/gen/*payload.json")) + sorted(
        folder.glob("io.BatteryPass.Circularity/1.2.0/gen/Circularity.json")
    )
    config = {**BATTERY, "passport_id": "urn:uuid:00000000-0000-4000-8000-00000000b001"}
    connector = BatteryPassConnector(config)
    [product] = list(connector.convert(paths))
    assert validate(product) == []
    assert product["unitMass"] == {"unit": "KGM", "value": 699}
    materials = {c["material"] for c in product["materialComposition"]}
    assert {"lithium", "cobalt"} <= materials
    assert connector.report.codes()["aspects-merged"] >= 2
