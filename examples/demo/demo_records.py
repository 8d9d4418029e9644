"""Demo records other than flows: profiles, facilities, passports, targets, statistics."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

from demo_catalogue import CUSTOM_KPIS, MEASURES, PRODUCTS, TARGETS
from demo_flows import CONTEXT, YEARS, tonnes
from demo_orgs import (
    BY_SLUG,
    KITAKYUSHU,
    MUNICIPALITIES,
    SITES,
    city,
    org_iri,
    record_iri,
)

SYNTHETIC = "Junkan demo region: synthetic values, not official statistics"


def _record(kind: str, slug: str, record_type: str, disclosure: str, **fields: object) -> dict:
    record = {
        "@context": CONTEXT,
        "@id": record_iri(kind, slug),
        "@type": record_type,
        "disclosure": disclosure,
    }
    record.update({k: v for k, v in fields.items() if v is not None})
    return record


def profile(slug: str, corporate_number: str | None) -> dict:
    """The organisation's own public profile record (submitted by itself)."""
    org = BY_SLUG[slug]
    return {
        "@context": CONTEXT,
        "@id": org_iri(slug),
        "@type": "Organization",
        "disclosure": "public",
        "name": {"ja": org.name_ja, "en": org.name_en},
        "organizationKind": org.kind,
        "prefecture": org.region[:2],
        "memberSince": org.member_since,
        **({"corporateNumber": corporate_number} if corporate_number else {}),
        **({"municipalityCode": org.municipality_code} if org.municipality_code else {}),
    }


def facilities(slug: str) -> Iterator[dict]:
    for site in SITES:
        if site.operator != slug:
            continue
        yield _record(
            "facility",
            site.slug,
            "Facility",
            site.disclosure,
            name={"ja": site.name_ja, "en": site.name_en},
            operator=org_iri(site.operator),
            facilityKind=site.kind,
            region=site.region,
            latitude=site.lat,
            longitude=site.lon,
            annualCapacity=tonnes(site.capacity_t) if site.capacity_t else None,
            landfillClass=site.landfill_class,
            remainingLandfillVolume=(
                {"unit": "MTQ", "value": site.remaining_m3} if site.remaining_m3 else None
            ),
        )


def _gtin(base12: str) -> str:
    """GTIN-13 with its GS1 check digit (weights 1,3 from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(base12))
    return base12 + str((10 - total % 10) % 10)


def products(slug: str, seed: int) -> Iterator[dict]:
    rng = random.Random(f"{seed}:gtin")  # noqa: S311 (reproducible data, not security)
    for pid, producer, ja, en, category, grams, disclosure, components, extra in PRODUCTS:
        gtin = _gtin(f"459{rng.randrange(10**8, 10**9):09d}")
        if producer != slug:
            continue
        yield _record(
            "product",
            pid,
            "Product",
            disclosure,
            name={"ja": ja, "en": en},
            producer=org_iri(producer),
            gtin=gtin,
            modelNumber=pid.upper(),
            category=category,
            unitMass={"unit": "GRM", "value": grams},
            materialComposition=components,
            **extra,
        )


def targets(slug: str) -> Iterator[dict]:
    for (
        tid,
        owner,
        indicator,
        unit,
        by,
        bv,
        ty,
        tv,
        direction,
        disclosure,
        achieved,
        plan,
    ) in TARGETS:
        if owner != slug:
            continue
        yield _record(
            "target",
            tid,
            "Target",
            disclosure,
            owner=org_iri(owner),
            indicator=indicator,
            customKpi=CUSTOM_KPIS.get(tid),
            valueUnit=unit,
            baselineYear=by,
            baselineValue=bv,
            targetYear=ty,
            targetValue=tv,
            direction=direction,
            planDocument=plan,
            submittedAt="2024-06-28",
        )
        for year, value in achieved.items():
            yield _record(
                "followupreport",
                f"{tid}-fy{year}",
                "FollowUpReport",
                disclosure,
                target=record_iri("target", tid),
                reporter=org_iri(owner),
                period=f"FY{year}",
                achievedValue=value,
                valueUnit=unit,
                submittedAt=f"{year + 1}-06-30",
                reviewStatus="accepted" if year < 2023 else "submitted",
            )


def measures(slug: str) -> Iterator[dict]:
    for mid, owner, target, category, description in MEASURES:
        if owner == slug:
            yield _record(
                "measure",
                mid,
                "Measure",
                "public",
                owner=org_iri(owner),
                target=record_iri("target", target),
                measureCategory=category,
                description=description,
                startDate="2024-04-01",
                endDate="2031-03-31",
            )


def projects(slug: str) -> Iterator[dict]:
    if slug == "hibiki-tech":
        yield _record(
            "project",
            "hibiki-battery-loop",
            "Project",
            "public",
            name={
                "ja": "響灘リチウムイオン電池循環実証",
                "en": "Hibikinada lithium-ion battery loop pilot",
            },
            coordinator=org_iri(slug),
            participants=[
                org_iri(s)
                for s in ("chikushi-battery", "chikushi-recycle", "hibiki-mart", city(KITAKYUSHU))
            ],
            description={
                "en": "Collection, hydrometallurgical recycling and recycled-content "
                "tracking of Co, Li and Ni in the demo region."
            },
            startDate="2022-04-01",
            endDate="2025-03-31",
            regions=["40", KITAKYUSHU],
            disclosureDate="2025-09-30",
        )
    if slug == "nk-env-institute":
        yield _record(
            "project",
            "nk-regional-mfa",
            "Project",
            "public",
            name={"ja": "北部九州地域物質フロー推計", "en": "Northern Kyushu regional MFA"},
            coordinator=org_iri(slug),
            participants=[org_iri("fukuoka-pref")],
            startDate="2023-04-01",
            regions=["40"],
        )


def stock_records(slug: str) -> Iterator[dict]:
    if slug == "nk-env-institute":
        for year in YEARS:
            yield _record(
                "stockrecord",
                f"li-ion-in-use-fy{year}",
                "StockRecord",
                "public",
                reporter=org_iri(slug),
                material="li_ion_battery",
                stage="stock_in_use",
                region="40",
                asOf=f"{year + 1}-03-31",
                mass=tonnes(9_000 * 1.2 ** (year - 2021)),
                dataQuality="modelled",
                uncertainty=0.3,
            )
    if slug == "hibiki-landfill":
        for year in YEARS:
            yield _record(
                "stockrecord",
                f"hibiki-landfill-fy{year}",
                "StockRecord",
                "members",
                reporter=org_iri(slug),
                material="incineration_ash",
                stage="landfill",
                region=KITAKYUSHU,
                asOf=f"{year + 1}-03-31",
                mass=tonnes(410_000 + 6_000 * (year - 2021)),
                dataQuality="measured",
            )


def region_statistics(slug: str, seed: int) -> Iterator[dict]:
    """Population and GDP per region and FY (synthetic, rounded approximations)."""
    org = BY_SLUG[slug]
    if org.kind != "municipality":
        return
    rng = random.Random(f"{seed}:regionstats:{slug}")  # noqa: S311 (reproducible data, not security)
    code = org.municipality_code
    region = code[:2] if code.endswith("0009") else code
    population = 5_120_000 if region == "40" else MUNICIPALITIES[code][2]
    for year in YEARS:
        people = round(population * (1 - 0.005) ** (year - YEARS[0]))
        gdp = people * 4.1 * rng.uniform(0.98, 1.02)  # about 4.1 million yen per person
        yield _record(
            "regionstatistics",
            f"{region}-fy{year}",
            "RegionStatistics",
            "public",
            region=region,
            period=f"FY{year}",
            population=people,
            gdpMillionYen=round(gdp),
            gdpBaseYear=2015,
            gdpKind="real",
            statisticsSource=SYNTHETIC,
        )


def national_mfa(csv_path: Path) -> Iterator[dict]:
    """Japan's national material-flow account, from the cited MOE figures (national_mfa.csv)."""
    rows = (
        line
        for line in csv_path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    for row in csv.DictReader(rows):
        year = row["fiscal_year"]
        slug = f"jp-fy{year}-{row['from_stage']}-{row['to_stage']}"
        yield _record(
            "materialflow",
            slug,
            "MaterialFlow",
            "public",
            reporter=org_iri("secretariat"),
            material=row["material"],
            fromStage=row["from_stage"],
            toStage=row["to_stage"],
            period=f"FY{year}",
            region="JP",
            mass={"unit": "KTN", "value": round(float(row["value_mt"]) * 1000)},
            dataQuality="calculated",
            sourceSystem="moe-material-flow",
            sourceRecordId=f"{row['source']}:{slug}",
        )
