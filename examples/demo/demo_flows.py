"""Synthetic material flows of the demo region: company loops, recycler batches, municipal waste.

Every mass is derived from a chain's base tonnage, a yearly trend and seeded noise, so the
flows are coherent (each stage passes on roughly what it received) and reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from demo_chains import IMBALANCED, PROCESSES, Edge, chains
from demo_orgs import BY_SLUG, MUNICIPALITIES, city, org_iri, record_iri

YEARS = (2021, 2022, 2023)
CONTEXT = "https://w3id.org/junkan/contexts/v1.jsonld"
MSW_SOURCE = "junkan-demo-msw-survey"


def tonnes(value: float, digits: int = 1) -> dict:
    return {"unit": "TNE", "value": round(value, digits)}


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
    for name, base, growth, edges in chains():
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


def _months(year: int) -> Iterator[str]:
    for month in range(4, 16):
        yield f"{year + (month > 12)}-{(month - 1) % 12 + 1:02d}"


def process_records(seed: int, scale: int = 1) -> Iterator[dict]:
    for slug, site, material, annual, outputs, losses in PROCESSES:
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
            "mass": tonnes(total * share * factor * rng.uniform(0.99, 1.01), 3),
        }
        if recovery:
            amount["recoveryType"] = recovery
        amounts.append(amount)
    return amounts


def _process(slug, site, material, month, suffix, amount, outputs, losses, off, rng):
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
        "inputs": [{"material": material, "mass": tonnes(amount, 3)}],
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
    # The vocabulary's municipal-waste stages (msw view), as the jp_msw connector emits them;
    # the demo cities report only planned collection, so treatment leaves from that node.
    collect, treat = "planned_collection", "intermediate_treatment"
    rows = [("mixed_msw", "msw_generation", collect, collected, None)]
    rows += [
        (m, "msw_generation", "group_collection", s * total, "recycling_mechanical")
        for m, s in GROUP_COLLECTION
    ]
    rows += [(m, collect, "direct_recycling", t, "recycling_mechanical") for m, t in direct]
    rows += [
        ("mixed_msw", collect, treat, burnt, "energy_recovery" if energy else "incineration"),
        ("mixed_plastics", collect, treat, sorted_in, None),
        ("mixed_msw", collect, "landfill", direct_landfill, "landfill"),
        ("incineration_ash", treat, "recycling", ash_recycled, "recycling_inorganic"),
        ("iron_steel", treat, "recycling", metal, "recycling_metal"),
        ("incineration_ash", treat, "landfill", ash - ash_recycled, "landfill"),
        ("mixed_msw", treat, "reduction", burnt - ash - metal, None),
        ("mixed_plastics", treat, "recycling", sorted_in * 0.7, "recycling_mechanical"),
        ("mixed_plastics", treat, "landfill", sorted_in * 0.3, "landfill"),
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
