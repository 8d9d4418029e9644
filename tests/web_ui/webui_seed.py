"""A small region put into a hub through the submission API, for the dashboard tests.

Tokyo, FY2023. In Shinjuku (131041): four collectors of different enterprise groups (PET and
aluminium), three recyclers of each (published: ≥ 3 groups, none dominant), one recycler's
lone edge (hidden by disclosure control), three bottle makers closing the PET loop. In
Chiyoda (131016): the municipality's public waste statistics. Plus Japan's FY2006 national
account (DOMAIN.md §2.3).
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field

CONTEXT = "https://w3id.org/junkan/contexts/v1.jsonld"
BASE = "https://example.org/webui"
CITY = "131016"  # Chiyoda: municipal statistics
COMPANIES = "131041"  # Shinjuku: the companies' loops
_ids = itertools.count(1)

# FY2006 national account, million tonnes (DOMAIN.md §2.3); 583 into waste = 293 + 290 water.
NATIONAL_2006 = [
    ("domestic_extraction", "natural_resource_input", 778),
    ("import", "natural_resource_input", 813),
    ("natural_resource_input", "total_material_input", 1591),
    ("cyclical_use", "total_material_input", 228),
    ("total_material_input", "export", 170),
    ("total_material_input", "net_addition_to_stock", 754),
    ("total_material_input", "waste_generation", 293),
    ("water_content_balancing", "waste_generation", 290),
    ("waste_generation", "cyclical_use", 228),
    ("waste_generation", "reduction", 241),
    ("waste_generation", "natural_return", 85),
    ("waste_generation", "final_disposal", 29),
]
MSW_2023 = [  # (from, to, material, t): the vocabulary's municipal-waste stages
    ("msw_generation", "planned_collection", "mixed_msw", 20000),
    ("planned_collection", "intermediate_treatment", "mixed_msw", 15000),
    ("planned_collection", "direct_recycling", "mixed_msw", 3000),
    ("planned_collection", "landfill", "mixed_msw", 500),
    ("intermediate_treatment", "landfill", "incineration_ash", 1500),
    ("intermediate_treatment", "recycling", "incineration_ash", 800),
    ("intermediate_treatment", "reduction", "mixed_msw", 12700),
    ("msw_generation", "group_collection", "newspaper", 700),
]
# Recycling rate = (3000 + 800 + 700) / (3000 + 15000 + 500 + 700) = 23.4 %.
MSW_RECYCLING_RATE = 4500 / 19200 * 100


def flow(reporter: str, src: str, dst: str, material: str, tonnes: float, **extra) -> dict:
    n = next(_ids)
    return {
        "@context": CONTEXT,
        "@id": f"{BASE}/flows/{n}",
        "@type": "MaterialFlow",
        "reporter": reporter,
        "material": material,
        "mass": {"value": tonnes, "unit": "TNE"},
        "fromStage": src,
        "toStage": dst,
        "period": "FY2023",
        "region": COMPANIES,
        "disclosure": "members",
    } | extra


@dataclass
class Seeded:
    keys: dict[str, str] = field(default_factory=dict)  # member name → API key
    orgs: dict[str, str] = field(default_factory=dict)  # member name → organisation id


def _submit(hub, key: str, records: list[dict]) -> None:
    response = hub.client.post(
        "/api/v1/submissions",
        content=json.dumps(records).encode(),
        headers=hub.auth(key) | {"Content-Type": "application/ld+json"},
    )
    assert response.status_code in (200, 201), response.text


def _member(hub, seeded: Seeded, name: str, **fields) -> str:
    iri = f"{BASE}/orgs/{name}"
    fields = {"name_en": name.replace("-", " ").title()} | fields
    org_id, key = hub.new_org(iri=iri, name_ja=f"{name}（テスト）", **fields)
    seeded.keys[name], seeded.orgs[name] = key, org_id
    return iri


def _companies(hub, seeded: Seeded) -> None:
    for i, (pet, alu) in enumerate([(100, 50), (110, 55), (95, 60), (105, 52)]):
        iri = _member(hub, seeded, f"collector-{i}", prefecture_code="13")
        records = [
            flow(iri, "use", "collection", "pet", pet),
            flow(iri, "collection", "sorting", "pet", pet - 10),
            flow(iri, "use", "collection", "aluminium", alu),
            flow(iri, "collection", "recycling", "aluminium", alu - 5),
        ]
        _submit(hub, seeded.keys[f"collector-{i}"], records)
    for i, amount in enumerate([120, 125, 130]):
        iri = _member(hub, seeded, f"recycler-{i}")
        secret = {"disclosure": "confidential"}
        records = [
            flow(iri, "sorting", "recycling", "pet", amount, **secret),
            flow(iri, "recycling", "manufacturing", "pet", amount - 20, **secret),
            # A small edge in the same row: complementary suppression takes it, so the loop's
            # recycling → manufacturing edge stays visible.
            flow(iri, "recycling", "material_production", "pet", 10 + i, **secret),
            flow(iri, "recycling", "manufacturing", "aluminium", 60 + 2 * i, **secret),
        ]
        if i == 0:  # one recycler alone on this edge: must be hidden
            records.append(flow(iri, "recycling", "energy_recovery", "pet", 15, **secret))
        _submit(hub, seeded.keys[f"recycler-{i}"], records)
    for i, amount in enumerate([80, 85, 90]):
        iri = _member(hub, seeded, f"bottler-{i}")
        record = flow(iri, "manufacturing", "use", "pet", amount, disclosure="public")
        _submit(hub, seeded.keys[f"bottler-{i}"], [record])


def _city(hub, seeded: Seeded) -> None:
    iri = _member(hub, seeded, "chiyoda", kind="municipality", municipality_code=CITY)
    records = [flow(iri, s, d, m, t, region=CITY, disclosure="public") for s, d, m, t in MSW_2023]
    records.append(
        {
            "@context": CONTEXT,
            "@id": f"{BASE}/stats/{CITY}-fy2023",
            "@type": "RegionStatistics",
            "region": CITY,
            "period": "FY2023",
            "population": 67000,
            "disclosure": "public",
        }
    )
    _submit(hub, seeded.keys["chiyoda"], records)


def _national(hub, seeded: Seeded) -> None:
    iri = _member(hub, seeded, "national-account", kind="related_org")
    records = [
        flow(
            iri, s, d, "products_mixed", v * 1e6, period="FY2006", region="JP", disclosure="public"
        )
        for s, d, v in NATIONAL_2006
    ]
    records.append(
        flow(
            iri,
            "waste_generation",
            "final_disposal",
            "products_mixed",
            13.04e6,
            period="FY2019",
            region="JP",
            disclosure="public",
        )
    )
    _submit(hub, seeded.keys["national-account"], records)


def _targets(hub, seeded: Seeded) -> None:
    owner = f"{BASE}/orgs/bottler-0"
    target = {
        "@context": CONTEXT,
        "@id": f"{BASE}/targets/bottler-0-rc",
        "@type": "Target",
        "owner": owner,
        "indicator": "wbcsd.cti.circ_in",
        "baselineYear": 2022,
        "baselineValue": 12,
        "targetYear": 2030,
        "targetValue": 30,
        "direction": "increase",
        "valueUnit": "P1",
        "disclosure": "public",
    }
    report = {
        "@context": CONTEXT,
        "@id": f"{BASE}/reports/bottler-0-rc-fy2023",
        "@type": "FollowUpReport",
        "target": target["@id"],
        "reporter": owner,
        "period": "FY2023",
        "achievedValue": 17.5,
        "valueUnit": "P1",
        "disclosure": "public",
    }
    _submit(hub, seeded.keys["bottler-0"], [target, report])


def seed(hub) -> Seeded:
    seeded = Seeded()
    _companies(hub, seeded)
    _city(hub, seeded)
    _national(hub, seeded)
    _targets(hub, seeded)
    return seeded
