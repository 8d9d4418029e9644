"""Synthetic material flows of the demo region: company loops, recycler batches, municipal waste.

Every mass is derived from a chain's base tonnage, a yearly trend and seeded noise, so the
flows are coherent (each stage passes on roughly what it received) and reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from demo_orgs import BY_SLUG, MUNICIPALITIES, city, org_iri, record_iri

YEARS = (2021, 2022, 2023)
CONTEXT = "https://w3id.org/junkan/contexts/v1.jsonld"
MSW_SOURCE = "junkan-demo-msw-survey"


@dataclass(frozen=True)
class Edge:
    material: str
    src: str
    dst: str
    ratio: float  # share of the chain's base tonnage
    reporters: tuple[tuple[str, float], ...]  # (org slug, share of the edge)
    recovery: str | None = None
    flow_class: str = "waste"
    origin: str | None = "post_consumer"
    disclosure: str = "confidential"
    site: str | None = None


def _collectors(*pairs: tuple[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(pairs)


PET_COLLECTORS = _collectors(
    ("wakamatsu-env", 0.30), ("munakata-clean", 0.22), ("genkai-logi", 0.25), ("hibiki-mart", 0.23)
)
CAN_COLLECTORS = _collectors(
    ("wakamatsu-env", 0.30), ("munakata-clean", 0.20), ("genkai-logi", 0.22), ("hibiki-mart", 0.28)
)
STEEL_COLLECTORS = _collectors(
    ("wakamatsu-env", 0.35), ("genkai-logi", 0.27), ("hibiki-metal", 0.38)
)
PAPER_COLLECTORS = _collectors(
    ("wakamatsu-env", 0.30), ("munakata-clean", 0.27), ("tobata-paper", 0.43)
)
GLASS_COLLECTORS = _collectors(
    ("wakamatsu-env", 0.40), ("munakata-clean", 0.31), ("genkai-logi", 0.29)
)
BATTERY_COLLECTORS = _collectors(
    ("hibiki-mart", 0.28), ("chikuho-electric", 0.32), ("genkai-logi", 0.40)
)


def _one(slug: str) -> tuple[tuple[str, float], ...]:
    return ((slug, 1.0),)


# (chain name, base tonnes in FY2021, yearly growth, edges)
CHAINS: tuple[tuple[str, float, float, tuple[Edge, ...]], ...] = (
    (
        "pet",
        18_000,
        0.04,
        (
            Edge("pet", "use", "collection", 1.00, PET_COLLECTORS, disclosure="members"),
            Edge("pet", "collection", "sorting", 0.98, PET_COLLECTORS, disclosure="members"),
            Edge(
                "pet",
                "sorting",
                "recycling",
                0.92,
                _one("yahata-sorting"),
                "recycling_mechanical",
                site="yahata-mrf",
            ),
            Edge(
                "mixed_plastics",
                "sorting",
                "energy_recovery",
                0.06,
                _one("yahata-sorting"),
                "energy_recovery",
                site="yahata-mrf",
            ),
            Edge(
                "pet",
                "recycling",
                "manufacturing",
                0.80,
                _one("genkai-pet"),
                "recycling_mechanical",
                "product",
                site="genkai-pet-wakamatsu",
            ),
            Edge(
                "pp",
                "recycling",
                "energy_recovery",
                0.08,
                _one("genkai-pet"),
                "energy_recovery",
                site="genkai-pet-wakamatsu",
            ),
            Edge(
                "polyester_fibre",
                "manufacturing",
                "distribution",
                0.45,
                _one("genkai-fibre"),
                flow_class="product",
                disclosure="public",
                site="genkai-fibre-plant",
            ),
            Edge(
                "pet",
                "material_production",
                "manufacturing",
                0.40,
                _one("dokai-bottle"),
                flow_class="product",
                origin=None,
                site="dokai-preform",
            ),
            Edge(
                "pet",
                "manufacturing",
                "distribution",
                0.73,
                _one("dokai-bottle"),
                flow_class="product",
                origin=None,
                site="dokai-preform",
            ),
            Edge(
                "pet",
                "distribution",
                "use",
                0.95,
                _one("kanmon-beverage"),
                flow_class="product",
                origin=None,
                disclosure="public",
                site="kanmon-bottling",
            ),
        ),
    ),
    (
        "steel",
        120_000,
        0.01,
        (
            Edge("iron_steel", "use", "collection", 1.00, STEEL_COLLECTORS, disclosure="members"),
            Edge(
                "iron_steel",
                "collection",
                "pre_treatment",
                0.99,
                STEEL_COLLECTORS,
                disclosure="members",
            ),
            Edge(
                "iron_steel",
                "pre_treatment",
                "recycling",
                0.93,
                _one("hibiki-metal"),
                "recycling_metal",
                site="hibiki-shredder",
            ),
            Edge(
                "mixed_plastics",
                "pre_treatment",
                "energy_recovery",
                0.05,
                _one("hibiki-metal"),
                "energy_recovery",
                site="hibiki-shredder",
            ),
            Edge(
                "iron_steel",
                "recycling",
                "manufacturing",
                0.84,
                _one("hibiki-steel"),
                "recycling_metal",
                "product",
                site="hibiki-eaf",
            ),
            Edge(
                "steel_slag",
                "recycling",
                "material_production",
                0.09,
                _one("hibiki-steel"),
                "recycling_inorganic",
                "by_product",
                "pre_consumer",
                site="hibiki-eaf",
            ),
            Edge(
                "fly_ash",
                "recycling",
                "landfill",
                0.015,
                _one("hibiki-steel"),
                "landfill",
                origin="pre_consumer",
                site="hibiki-eaf",
            ),
        ),
    ),
    (
        "paper",
        60_000,
        -0.01,
        (
            Edge(
                "corrugated_board",
                "use",
                "collection",
                1.00,
                PAPER_COLLECTORS,
                disclosure="members",
            ),
            Edge(
                "corrugated_board",
                "collection",
                "sorting",
                0.99,
                PAPER_COLLECTORS,
                disclosure="members",
            ),
            Edge(
                "corrugated_board",
                "sorting",
                "recycling",
                0.97,
                _one("tobata-paper"),
                "recycling_mechanical",
                site="tobata-yard",
            ),
            Edge(
                "paper",
                "recycling",
                "manufacturing",
                0.85,
                _one("onga-paper"),
                "recycling_mechanical",
                "product",
                site="onga-mill",
            ),
            Edge(
                "industrial_sludge",
                "recycling",
                "energy_recovery",
                0.10,
                _one("onga-paper"),
                "energy_recovery",
                origin="pre_consumer",
                site="onga-mill",
            ),
            Edge(
                "paper",
                "manufacturing",
                "distribution",
                0.84,
                _one("onga-paper"),
                flow_class="product",
                origin=None,
                disclosure="public",
                site="onga-mill",
            ),
        ),
    ),
    (
        "aluminium",
        6_000,
        0.03,
        (
            Edge("aluminium", "use", "collection", 1.00, CAN_COLLECTORS, disclosure="members"),
            Edge("aluminium", "collection", "sorting", 0.99, CAN_COLLECTORS, disclosure="members"),
            Edge(
                "aluminium",
                "sorting",
                "recycling",
                0.96,
                _one("yahata-sorting"),
                "recycling_metal",
                site="yahata-mrf",
            ),
            Edge(
                "aluminium",
                "recycling",
                "material_production",
                0.90,
                _one("moji-aluminium"),
                "recycling_metal",
                "product",
                site="moji-remelt",
            ),
            Edge(
                "residues",
                "recycling",
                "landfill",
                0.04,
                _one("moji-aluminium"),
                "landfill",
                origin="pre_consumer",
                site="moji-remelt",
            ),
            Edge(
                "aluminium",
                "material_production",
                "manufacturing",
                0.88,
                _one("kanmon-beverage"),
                flow_class="product",
                origin=None,
                site="kanmon-bottling",
            ),
            Edge(
                "aluminium",
                "distribution",
                "use",
                0.90,
                _one("kanmon-beverage"),
                flow_class="product",
                origin=None,
                disclosure="public",
                site="kanmon-bottling",
            ),
        ),
    ),
    (
        "glass",
        9_000,
        -0.02,
        (
            Edge(
                "container_glass", "use", "collection", 1.00, GLASS_COLLECTORS, disclosure="members"
            ),
            Edge(
                "container_glass",
                "collection",
                "recycling",
                0.97,
                GLASS_COLLECTORS,
                "recycling_inorganic",
                disclosure="members",
            ),
            Edge(
                "container_glass",
                "recycling",
                "manufacturing",
                0.90,
                _one("kokura-cullet"),
                "recycling_inorganic",
                "product",
                site="kokura-cullet-plant",
            ),
            Edge(
                "residues",
                "recycling",
                "landfill",
                0.06,
                _one("kokura-cullet"),
                "landfill",
                site="kokura-cullet-plant",
            ),
        ),
    ),
    (
        "battery",
        800,
        0.25,
        (
            Edge(
                "li_ion_battery",
                "use",
                "collection",
                1.00,
                BATTERY_COLLECTORS,
                disclosure="members",
            ),
            Edge(
                "li_ion_battery",
                "collection",
                "pre_treatment",
                0.98,
                BATTERY_COLLECTORS,
                disclosure="members",
            ),
            Edge(
                "li_ion_battery",
                "pre_treatment",
                "recycling",
                0.95,
                _one("chikushi-recycle"),
                "recycling_metal",
                site="chikushi-hydromet",
            ),
            Edge(
                "cobalt",
                "recycling",
                "material_production",
                0.060,
                _one("chikushi-recycle"),
                "recycling_metal",
                "product",
                site="chikushi-hydromet",
            ),
            Edge(
                "nickel",
                "recycling",
                "material_production",
                0.120,
                _one("chikushi-recycle"),
                "recycling_metal",
                "product",
                site="chikushi-hydromet",
            ),
            Edge(
                "lithium",
                "recycling",
                "material_production",
                0.018,
                _one("chikushi-recycle"),
                "recycling_metal",
                "product",
                site="chikushi-hydromet",
            ),
            Edge(
                "copper",
                "recycling",
                "material_production",
                0.070,
                _one("chikushi-recycle"),
                "recycling_metal",
                "product",
                site="chikushi-hydromet",
            ),
            Edge(
                "mixed_plastics",
                "recycling",
                "energy_recovery",
                0.150,
                _one("chikushi-recycle"),
                "energy_recovery",
                site="chikushi-hydromet",
            ),
            Edge(
                "cobalt",
                "material_production",
                "manufacturing",
                0.055,
                _one("chikushi-battery"),
                flow_class="product",
                site="chikushi-cells",
            ),
            Edge(
                "nickel",
                "material_production",
                "manufacturing",
                0.110,
                _one("chikushi-battery"),
                flow_class="product",
                site="chikushi-cells",
            ),
            Edge(
                "lithium",
                "material_production",
                "manufacturing",
                0.016,
                _one("chikushi-battery"),
                flow_class="product",
                site="chikushi-cells",
            ),
            Edge(
                "li_ion_battery",
                "manufacturing",
                "distribution",
                6.0,
                _one("chikushi-battery"),
                flow_class="product",
                origin=None,
                disclosure="public",
                site="chikushi-cells",
            ),
        ),
    ),
    (
        "efw",
        40_000,
        0.0,
        (
            Edge(
                "mixed_plastics",
                "collection",
                "energy_recovery",
                1.00,
                _one("kk-eco-energy"),
                "energy_recovery",
                origin="pre_consumer",
                disclosure="members",
                site="kk-efw",
            ),
            Edge(
                "incineration_ash",
                "energy_recovery",
                "landfill",
                0.10,
                _one("kk-eco-energy"),
                "landfill",
                origin="pre_consumer",
                disclosure="public",
                site="kk-efw",
            ),
            Edge(
                "incineration_ash",
                "energy_recovery",
                "recycling",
                0.05,
                _one("kk-eco-energy"),
                "recycling_inorganic",
                origin="pre_consumer",
                disclosure="public",
                site="kk-efw",
            ),
        ),
    ),
)


def tonnes(value: float) -> dict:
    return {"unit": "TNE", "value": round(value, 1)}


def _flow(
    iri: str,
    reporter: str,
    material: str,
    src: str,
    dst: str,
    year: int,
    region: str,
    mass_t: float,
    **extra: object,
) -> dict:
    record = {
        "@context": CONTEXT,
        "@id": iri,
        "@type": "MaterialFlow",
        "reporter": org_iri(reporter),
        "material": material,
        "fromStage": src,
        "toStage": dst,
        "period": f"FY{year}",
        "region": region,
        "mass": tonnes(mass_t),
    }
    record.update({k: v for k, v in extra.items() if v is not None})
    return record


def chain_flows(seed: int, scale: int = 1) -> Iterator[dict]:
    """Company MaterialFlows; with scale > 1 each yearly flow is split into `scale` batches."""
    for name, base, growth, edges in CHAINS:
        rng = random.Random(f"{seed}:chain:{name}")  # noqa: S311 (reproducible data, not security)
        for year in YEARS:
            level = base * (1 + growth) ** (year - YEARS[0]) * rng.uniform(0.97, 1.03)
            for position, edge in enumerate(edges):
                for slug, share in edge.reporters:
                    mass = level * edge.ratio * share * rng.uniform(0.985, 1.015)
                    yield from _batches(name, position, edge, slug, year, mass, scale, rng)


def _batches(
    name: str,
    position: int,
    edge: Edge,
    slug: str,
    year: int,
    mass: float,
    scale: int,
    rng: random.Random,
) -> Iterator[dict]:
    org = BY_SLUG[slug]
    for batch in range(scale):
        part = mass / scale * (rng.uniform(0.9, 1.1) if scale > 1 else 1.0)
        suffix = f"-b{batch}" if scale > 1 else ""
        slug_id = f"{slug}-{name}{position}-{edge.material}-fy{year}{suffix}"
        yield _flow(
            record_iri("materialflow", slug_id),
            slug,
            edge.material,
            edge.src,
            edge.dst,
            year,
            org.region,
            part,
            disclosure=edge.disclosure,
            flowClass=edge.flow_class,
            origin=edge.origin,
            recoveryType=edge.recovery,
            facility=record_iri("facility", edge.site) if edge.site else None,
            dataQuality="measured",
            sourceSystem=f"{slug}-erp",
            sourceRecordId=slug_id,
        )


# Recycler batches: (org, site, chain, input material, outputs, losses) with shares of the input.
PROCESSES = (
    (
        "genkai-pet",
        "genkai-pet-wakamatsu",
        "pet",
        "pet",
        16_500,
        (("pet", 0.87, "recycling_mechanical"),),
        (("pp", 0.09, "energy_recovery"), ("residues", 0.04, "landfill")),
    ),
    (
        "hibiki-steel",
        "hibiki-eaf",
        "steel",
        "iron_steel",
        112_000,
        (("iron_steel", 0.90, "recycling_metal"), ("steel_slag", 0.085, "recycling_inorganic")),
        (("fly_ash", 0.015, "landfill"),),
    ),
    (
        "onga-paper",
        "onga-mill",
        "paper",
        "corrugated_board",
        58_000,
        (("paper", 0.88, "recycling_mechanical"),),
        (("industrial_sludge", 0.11, "energy_recovery"),),
    ),
    (
        "moji-aluminium",
        "moji-remelt",
        "aluminium",
        "aluminium",
        5_700,
        (("aluminium", 0.94, "recycling_metal"),),
        (("residues", 0.05, "landfill"),),
    ),
    (
        "kokura-cullet",
        "kokura-cullet-plant",
        "glass",
        "container_glass",
        8_700,
        (("container_glass", 0.93, "recycling_inorganic"),),
        (("residues", 0.065, "landfill"),),
    ),
    (
        "chikushi-recycle",
        "chikushi-hydromet",
        "battery",
        "li_ion_battery",
        760,
        (
            ("cobalt", 0.063, "recycling_metal"),
            ("nickel", 0.126, "recycling_metal"),
            ("lithium", 0.019, "recycling_metal"),
            ("copper", 0.074, "recycling_metal"),
            ("aluminium", 0.09, "recycling_metal"),
            ("iron_steel", 0.11, "recycling_metal"),
        ),
        (("mixed_plastics", 0.16, "energy_recovery"), ("water_content", 0.33, None)),
    ),
)
# The deliberate data-quality problem: this batch reports 18 % less output than it should.
IMBALANCED = ("genkai-pet", 2022, 10)


def _months(year: int) -> Iterator[str]:
    for month in range(4, 16):
        yield f"{year + (month > 12)}-{(month - 1) % 12 + 1:02d}"


def process_records(seed: int, scale: int = 1) -> Iterator[dict]:
    for slug, site, chain, material, annual, outputs, losses in PROCESSES:
        rng = random.Random(f"{seed}:process:{slug}")  # noqa: S311 (reproducible data, not security)
        for year in YEARS:
            for month in _months(year):
                for batch in range(scale):
                    amount = annual / 12 / scale * rng.uniform(0.9, 1.1)
                    off = 0.82 if (slug, year, int(month[5:])) == IMBALANCED else 1.0
                    suffix = f"-b{batch}" if scale > 1 else ""
                    yield _process(
                        slug,
                        site,
                        chain,
                        material,
                        month,
                        suffix,
                        amount,
                        outputs,
                        losses,
                        off,
                        rng,
                    )


def _amounts(parts, total: float, rng: random.Random, factor: float = 1.0) -> list[dict]:
    amounts = []
    for material, share, recovery in parts:
        amount = {
            "material": material,
            "mass": tonnes(total * share * factor * rng.uniform(0.99, 1.01)),
        }
        if recovery:
            amount["recoveryType"] = recovery
        amounts.append(amount)
    return amounts


def _process(slug, site, chain, material, month, suffix, amount, outputs, losses, off, rng):
    slug_id = f"{slug}-{month}{suffix}"
    return {
        "@context": CONTEXT,
        "@id": record_iri("processrecord", slug_id),
        "@type": "ProcessRecord",
        "reporter": org_iri(slug),
        "processType": "recycling",
        "period": month,
        "region": BY_SLUG[slug].region,
        "facility": record_iri("facility", site),
        "inputs": [{"material": material, "mass": tonnes(amount)}],
        "outputs": _amounts(outputs, amount, rng, off),
        "losses": _amounts(losses, amount, rng),
        "dataQuality": "measured",
        "disclosure": "confidential",
        "sourceSystem": f"{slug}-mes",
        "sourceRecordId": slug_id,
    }


# Municipal waste, per person per day: shares of the collected total (計画収集 + 直接搬入).
DIRECT_RECYCLING = (
    ("paper", 0.022),
    ("pet", 0.008),
    ("container_glass", 0.012),
    ("aluminium", 0.003),
    ("iron_steel", 0.004),
)
GROUP_COLLECTION = (("newspaper", 0.045), ("textiles", 0.006))


def msw_flows(seed: int) -> Iterator[dict]:
    """Municipal waste statistics as MaterialFlows (see docs/demo.md for the mapping)."""
    for code, (_, _, population, grams) in MUNICIPALITIES.items():
        rng = random.Random(f"{seed}:msw:{code}")  # noqa: S311 (reproducible data, not security)
        for year in YEARS:
            people = population * (1 - 0.005) ** (year - YEARS[0])
            days = 366 if year % 4 == 3 else 365  # FY(year) contains Feb of year + 1
            total = people * grams * days / 1e6 * rng.uniform(0.97, 1.0) * (0.985 ** (year - 2021))
            yield from _msw_year(code, year, total, rng)


def _msw_year(code: str, year: int, total: float, rng: random.Random) -> Iterator[dict]:
    reporter = city(code)
    energy = code in ("401005", "402206")
    group = sum(share for _, share in GROUP_COLLECTION) * total
    collected = total - group
    direct = [(m, s * collected * rng.uniform(0.9, 1.1)) for m, s in DIRECT_RECYCLING]
    direct_landfill = collected * rng.uniform(0.005, 0.02)
    sorted_in = collected * rng.uniform(0.04, 0.06)
    burnt = collected - sum(m for _, m in direct) - direct_landfill - sorted_in
    ash = burnt * rng.uniform(0.10, 0.12)
    ash_recycled, metal = ash * rng.uniform(0.2, 0.4), burnt * 0.006
    rows = [("mixed_msw", "use", "collection", collected, None)]
    rows += [
        (m, "use", "recycling", s * total, "recycling_mechanical") for m, s in GROUP_COLLECTION
    ]
    rows += [(m, "collection", "recycling", t, "recycling_mechanical") for m, t in direct]
    rows += [
        (
            "mixed_msw",
            "collection",
            "incineration",
            burnt,
            "energy_recovery" if energy else "incineration",
        ),
        ("mixed_plastics", "collection", "sorting", sorted_in, None),
        ("mixed_msw", "collection", "landfill", direct_landfill, "landfill"),
        ("incineration_ash", "incineration", "recycling", ash_recycled, "recycling_inorganic"),
        ("iron_steel", "incineration", "recycling", metal, "recycling_metal"),
        ("incineration_ash", "incineration", "landfill", ash - ash_recycled, "landfill"),
        ("mixed_msw", "incineration", "reduction", burnt - ash - metal, None),
        ("mixed_plastics", "sorting", "recycling", sorted_in * 0.7, "recycling_mechanical"),
        ("mixed_plastics", "sorting", "landfill", sorted_in * 0.3, "landfill"),
    ]
    for material, src, dst, mass, recovery in rows:
        slug_id = f"{code}-fy{year}-{src}-{dst}-{material}"
        yield _flow(
            record_iri("materialflow", slug_id),
            reporter,
            material,
            src,
            dst,
            year,
            code,
            mass,
            disclosure="public",
            flowClass="waste",
            origin="post_consumer",
            recoveryType=recovery,
            dataQuality="measured",
            sourceSystem=MSW_SOURCE,
            sourceRecordId=slug_id,
        )
