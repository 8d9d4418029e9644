"""Demo records other than flows: profiles, facilities, passports, targets, statistics."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

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


def _component(
    material: str, fraction: float, post: float = 0.0, pre: float = 0.0, **extra: object
) -> dict:
    component = {"material": material, "massFraction": fraction}
    if post:
        component["recycledFractionPostConsumer"] = post
    if pre:
        component["recycledFractionPreConsumer"] = pre
    component.update(extra)
    return component


# slug, producer, ja, en, category, unit mass (g), disclosure, composition, extra attributes
PRODUCTS = (
    (
        "kanmon-water-500",
        "kanmon-beverage",
        "天然水 500mlペットボトル",
        "Natural water 500 ml PET",
        "beverage packaging",
        24,
        "public",
        [_component("pet", 0.88, post=0.5), _component("pp", 0.09), _component("paper", 0.03)],
        {"recyclableFraction": 0.97, "collectionFractionRecycling": 0.86},
    ),
    (
        "kanmon-can-350",
        "kanmon-beverage",
        "缶コーヒー 350ml",
        "Canned coffee 350 ml",
        "beverage packaging",
        15,
        "public",
        [_component("aluminium", 1.0, post=0.72)],
        {"recyclableFraction": 1.0, "collectionFractionRecycling": 0.9},
    ),
    (
        "dokai-preform-28",
        "dokai-bottle",
        "28gプリフォーム（再生PET100%）",
        "28 g preform (100 % recycled PET)",
        "packaging intermediate",
        28,
        "members",
        [_component("pet", 1.0, post=1.0)],
        {"recyclableFraction": 1.0},
    ),
    (
        "genkai-fleece",
        "genkai-fibre",
        "再生ポリエステル綿",
        "Recycled polyester staple fibre",
        "textile fibre",
        1000,
        "public",
        [_component("polyester_fibre", 1.0, post=0.96)],
        {"recyclableFraction": 0.6},
    ),
    (
        "chikushi-ev-module",
        "chikushi-battery",
        "EV用リチウムイオン電池モジュール（NMC811）",
        "EV lithium-ion battery module (NMC811)",
        "EV battery",
        24_000,
        "confidential",
        [
            _component("nickel", 0.12, post=0.08),
            _component("cobalt", 0.015, post=0.18),
            _component("lithium", 0.018, post=0.07),
            _component("manganese", 0.015),
            _component("graphite", 0.15),
            _component("copper", 0.09),
            _component("aluminium", 0.22),
            _component("mixed_plastics", 0.12),
            _component("iron_steel", 0.252),
        ],
        {"expectedLifetime": 12, "industryAverageLifetime": 10, "recyclingEfficiency": 0.7},
    ),
    (
        "chikushi-home-storage",
        "chikushi-battery",
        "家庭用蓄電池 6.5kWh",
        "Home storage battery 6.5 kWh",
        "stationary battery",
        60_000,
        "members",
        [
            _component("nickel", 0.06, post=0.05),
            _component("cobalt", 0.02, post=0.12),
            _component("lithium", 0.012, post=0.04),
            _component("graphite", 0.1),
            _component("aluminium", 0.18),
            _component("iron_steel", 0.45),
            _component("mixed_plastics", 0.178),
        ],
        {"expectedLifetime": 15, "industryAverageLifetime": 12},
    ),
    (
        "chikushi-ebike",
        "chikushi-battery",
        "電動アシスト自転車用バッテリー",
        "E-bike battery pack",
        "LMT battery",
        2_600,
        "public",
        [
            _component("nickel", 0.10, post=0.06),
            _component("cobalt", 0.03, post=0.2),
            _component("lithium", 0.015, post=0.08),
            _component("graphite", 0.14),
            _component("copper", 0.08),
            _component("aluminium", 0.2),
            _component("pc", 0.435),
        ],
        {"expectedLifetime": 5, "industryAverageLifetime": 4},
    ),
    (
        "chikuho-fridge-400",
        "chikuho-electric",
        "冷蔵庫 400L",
        "Refrigerator 400 l",
        "household appliance",
        68_000,
        "public",
        [
            _component("iron_steel", 0.48, post=0.2, pre=0.05),
            _component("pp", 0.12, post=0.15),
            _component("abs", 0.08, post=0.1),
            _component("pur", 0.12),
            _component("copper", 0.04),
            _component("aluminium", 0.03),
            _component("flat_glass", 0.05),
            _component("pvc", 0.08),
        ],
        {
            "expectedLifetime": 13,
            "industryAverageLifetime": 12,
            "collectionFractionRecycling": 0.8,
            "recyclingEfficiency": 0.8,
            "repairInfoUrl": "https://demo.junkan.example/repair/fr400",
        },
    ),
    (
        "hibiki-rebar-d13",
        "hibiki-steel",
        "異形棒鋼 D13（電炉材）",
        "Deformed bar D13 (EAF steel)",
        "construction steel",
        995,
        "public",
        [_component("iron_steel", 1.0, post=0.9, pre=0.08)],
        {"recyclableFraction": 1.0, "expectedLifetime": 50, "industryAverageLifetime": 50},
    ),
    (
        "onga-liner",
        "onga-paper",
        "段ボール原紙（再生）",
        "Recycled containerboard",
        "paperboard",
        1000,
        "public",
        [_component("paper", 1.0, post=0.93, renewableFraction=0.07)],
        {"recyclableFraction": 1.0},
    ),
    (
        "hibiki-mart-pb-water",
        "hibiki-mart",
        "PB天然水 2L（ボトルtoボトル）",
        "Private-brand water 2 l (bottle-to-bottle)",
        "beverage packaging",
        38,
        "public",
        [_component("pet", 0.9, post=1.0), _component("pp", 0.07), _component("paper", 0.03)],
        {"recyclableFraction": 0.97},
    ),
)


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


# slug, owner, indicator or custom KPI, unit, base year/value, target year/value, direction,
# disclosure, achieved values per FY, plan document
TARGETS = (
    (
        "kanmon-rpet-2030",
        "kanmon-beverage",
        "wbcsd.cti.circ_in",
        "P1",
        2021,
        38,
        2030,
        100,
        "increase",
        "public",
        {2021: 38, 2022: 44, 2023: 50},
        None,
    ),
    (
        "chikushi-co-rc-2031",
        "chikushi-battery",
        "eu.batt.rc.co",
        "P1",
        2022,
        9,
        2031,
        16,
        "increase",
        "members",
        {2022: 9, 2023: 12.5},
        None,
    ),
    (
        "genkai-b2b-2030",
        "genkai-hd",
        None,
        "KTN",
        2021,
        12,
        2030,
        30,
        "increase",
        "public",
        {2021: 12.1, 2022: 13.4, 2023: 14.6},
        None,
    ),
    (
        "kitakyushu-msw-rr-2030",
        city(KITAKYUSHU),
        "jp.msw.recycling_rate",
        "P1",
        2021,
        19.5,
        2030,
        27,
        "increase",
        "public",
        {2022: 20.1, 2023: 20.8},
        "北九州市循環型社会形成推進基本計画（デモ）第4章",
    ),
    (
        "fukuoka-fd-2030",
        "fukuoka-pref",
        "jp.fd",
        "KTN",
        2021,
        640,
        2030,
        520,
        "decrease",
        "public",
        {2022: 615},
        "福岡県廃棄物処理計画（デモ）第3節",
    ),
    (
        "hibiki-mart-takeback-2030",
        "hibiki-mart",
        None,
        "TNE",
        2021,
        5600,
        2030,
        9000,
        "increase",
        "public",
        {2021: 5600, 2022: 6050, 2023: 6480},
        None,
    ),
)
CUSTOM_KPIS = {
    "genkai-b2b-2030": {
        "ja": "ボトルtoボトル用再生PET供給量",
        "en": "rPET supplied for bottle-to-bottle",
    },
    "hibiki-mart-takeback-2030": {"ja": "店頭回収量", "en": "In-store take-back volume"},
}


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


MEASURES = (
    (
        "kanmon-b2b",
        "kanmon-beverage",
        "kanmon-rpet-2030",
        "circular_procurement",
        {"ja": "ボトルtoボトル再生PETの調達拡大", "en": "Buy more bottle-to-bottle recycled PET"},
    ),
    (
        "hibiki-mart-takeback",
        "hibiki-mart",
        "hibiki-mart-takeback-2030",
        "reverse_logistics",
        {"ja": "全店舗での店頭回収ボックス設置", "en": "Take-back boxes in every store"},
    ),
    (
        "kitakyushu-plastics",
        city(KITAKYUSHU),
        "kitakyushu-msw-rr-2030",
        "recycling",
        {"ja": "製品プラスチックの一括回収", "en": "Joint collection of product plastics"},
    ),
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
