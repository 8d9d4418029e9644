"""Code lists and the unit table hold what the issue and DOMAIN.md require."""

from __future__ import annotations

import math

import pytest

from junkan_connect.vocab import (
    UnitError,
    code_list,
    is_code,
    is_mass_unit,
    kg_factor,
    lookup,
    to_kg,
    validate,
)
from junkan_connect.vocab.codes import prefecture_name

MFA_NODES = {
    "domestic_extraction",
    "import",
    "export",
    "net_addition_to_stock",
    "energy_consumption_process_emissions",
    "food_consumption",
    "fertiliser",
    "waste_generation",
    "cyclical_use",
    "reduction",
    "natural_return",
    "final_disposal",
    "water_content_balancing",
}
CHAIN = {
    "extraction",
    "material_production",
    "manufacturing",
    "distribution",
    "use",
    "collection",
    "sorting",
    "reuse",
    "remanufacture",
    "recycling",
    "energy_recovery",
    "incineration",
    "landfill",
}


def test_stages_cover_the_national_account_and_the_product_chain():
    codes = set(code_list("stages").codes)
    assert codes >= MFA_NODES
    assert codes >= CHAIN


def test_materials_hierarchy_and_mappings():
    materials = code_list("materials")
    assert len(materials) >= 60
    for code in materials:
        assert code.attributes["moeCategory"] in {
            "biomass",
            "fossil",
            "metal",
            "non_metallic_mineral",
        }
        assert code.attributes["ewmfa"] in {"MF1", "MF2", "MF3", "MF4"}
    for metal in ("cobalt", "lithium", "nickel", "manganese", "copper", "aluminium", "iron_steel"):
        assert metal in materials
    assert [c.code for c in materials.ancestors("eps")] == ["ps", "plastics"]
    waste_types = code_list("industrial_waste_types")
    assert len(waste_types) == 20
    for code in materials:
        if "industrialWasteType" in code.attributes:
            assert code.attributes["industrialWasteType"] in waste_types


def test_recovery_types_carry_eu_codes():
    assert lookup("recovery_types", "energy_recovery").attributes["euCode"] == "R1"
    assert lookup("recovery_types", "landfill").attributes["euCode"] == "D1"
    assert "euCode" not in lookup("recovery_types", "reuse").attributes


def test_prefectures():
    prefectures = code_list("prefectures")
    assert len(prefectures) == 47
    assert prefecture_name("13") == "東京都"
    assert prefecture_name("131016", "en") == "Tokyo"
    assert prefecture_name("47") == "沖縄県"


def test_small_enums():
    assert set(code_list("disclosure_level").codes) == {"public", "members", "confidential"}
    assert set(code_list("data_quality_class").codes) == {
        "measured",
        "calculated",
        "estimated",
        "modelled",
    }
    assert set(code_list("organization_kind").codes) == {
        "company",
        "industry_body",
        "municipality",
        "university",
        "research_institute",
        "related_org",
        "secretariat",
    }


@pytest.mark.parametrize(
    ("value", "unit", "kg"),
    [
        (12.5, "TNE", 12500.0),
        (500, "GRM", 0.5),
        (1, "LBR", 0.45359237),
        (3, "KGM", 3.0),
        (2, "MGM", 2e-6),
        (1, "KTN", 1e6),
    ],
)
def test_to_kg(value, unit, kg):
    assert math.isclose(to_kg(value, unit), kg)


def test_not_a_mass_and_unknown_units():
    for unit in ("H87", "C62", "EA", "LTR", "MTQ", "KWH"):
        assert is_code("units", unit)
        assert not is_mass_unit(unit)
        with pytest.raises(UnitError) as err:
            kg_factor(unit)
        assert err.value.code == "not-a-mass-unit"
    with pytest.raises(UnitError) as err:
        to_kg(1, "TONNES")
    assert err.value.code == "unknown-unit"
    with pytest.raises(ValueError):
        to_kg(math.nan, "KGM")


def test_non_dict_records_and_non_finite_numbers():
    assert [i.code for i in validate([])] == ["not-an-object"]
    flow = {
        "@context": "https://w3id.org/junkan/contexts/v1.jsonld",
        "@id": "https://example.org/f",
        "@type": "MaterialFlow",
        "reporter": "https://example.org/o",
        "material": "pet",
        "mass": {"value": math.inf, "unit": "KGM"},
        "fromStage": "use",
        "toStage": "collection",
        "period": "2023",
        "region": "JP",
        "disclosure": "public",
    }
    issues = validate(flow)
    assert [(i.path, i.code) for i in issues] == [("$.mass.value", "non-finite-number")]


def test_code_lists_as_csv_and_mass_normalisation():
    from junkan_connect.vocab import code_schemes, normalise_mass, to_csv

    assert {"materials", "stages", "units", "prefectures", "recovery_types"} <= set(code_schemes())
    lines = to_csv("materials").splitlines()
    assert lines[0].startswith("code,label_ja,label_en,broader,")
    assert any(line.startswith("eps,発泡スチロール（EPS）,") and ",ps," in line for line in lines)
    assert normalise_mass({"value": 12.5, "unit": "TNE"}) == {
        "value": 12.5,
        "unit": "TNE",
        "kg": 12500.0,
    }


@pytest.mark.parametrize(
    "doc",
    [
        None,
        1,
        "x",
        {1: 2},
        {"@type": {"x": 1}},
        {"@type": "MaterialFlow", 1: 2},
        {"@type": "MaterialFlow", "@context": {"a": [1]}, "mass": {"value": [1], "unit": {}}},
        {"@type": "Organization", "name": {"ja": None, 3: "x"}},
        {"@type": "Product", "materialComposition": [None, 1, {"material": ["pet"]}]},
        {"@type": "Project", "regions": [["13"]], "participants": {"a": 1}},
    ],
)
def test_validator_never_raises_on_garbage(doc):
    issues = validate(doc)
    assert issues
    assert all(isinstance(i.code, str) and i.path.startswith("$") for i in issues)
