"""The demo region's members and facilities: a coastal recycling cluster in Fukuoka Prefecture.

Municipalities are real (JIS X 0402 codes with check digits); every company, the university
and the associations are fictional. Corporate numbers are synthetic but carry valid check
digits (generated from the fixed seed).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

BASE = "https://demo.junkan.example/"
FUKUOKA = "40"


def org_iri(slug: str) -> str:
    return f"{BASE}org/{slug}"


def record_iri(kind: str, slug: str) -> str:
    return f"{BASE}{kind}/{slug}"


@dataclass(frozen=True)
class Org:
    slug: str
    kind: str
    name_ja: str
    name_en: str
    role: str  # what the organisation does in the demo story
    region: str  # municipality code where it sits (or the prefecture)
    group: str | None = None  # slug of the enterprise group's parent
    municipality_code: str | None = None
    member_since: str = "2023-09-01"


KITAKYUSHU, MUNAKATA, NAKAMA, YUKUHASHI = "401005", "402206", "402150", "402133"
MUNICIPALITIES = {  # code: (ja, en, population FY2021, g/person/day of MSW)
    KITAKYUSHU: ("北九州市", "Kitakyushu City", 935_000, 905),
    MUNAKATA: ("宗像市", "Munakata City", 97_000, 830),
    NAKAMA: ("中間市", "Nakama City", 40_500, 870),
    YUKUHASHI: ("行橋市", "Yukuhashi City", 70_800, 850),
}

# slug | kind | name (ja) | name (en) | role | where | group parent
ORG_TABLE = """
secretariat      | secretariat        | サーキュラーパートナーズ事務局（デモ） | Circular Partners Secretariat (demo)     | secretariat       | 13     | -
genkai-hd        | company            | 玄海マテリアルズホールディングス株式会社 | Genkai Materials Holdings Co., Ltd.     | holding           | 401005 | -
genkai-pet       | company            | 玄海ペットリサイクル株式会社         | Genkai PET Recycling Co., Ltd.           | recycler          | 401005 | genkai-hd
genkai-fibre     | company            | 玄海ファイバー株式会社               | Genkai Fibre Co., Ltd.                   | manufacturer      | 401005 | genkai-hd
genkai-logi      | company            | 玄海環境ロジスティクス株式会社       | Genkai Eco Logistics Co., Ltd.           | collector         | 402133 | genkai-hd
hibiki-steel     | company            | 響灘製鋼株式会社                     | Hibikinada Steel Works Co., Ltd.         | recycler          | 401005 | -
hibiki-metal     | company            | 響灘メタルリサイクル株式会社         | Hibikinada Metal Recycling Co., Ltd.     | collector         | 401005 | hibiki-steel
chikushi-battery | company            | 筑紫バッテリー株式会社               | Chikushi Battery Co., Ltd.               | manufacturer      | 402133 | -
chikushi-recycle | company            | 筑紫エナジーリサイクル株式会社       | Chikushi Energy Recycling Co., Ltd.      | recycler          | 402133 | chikushi-battery
kanmon-beverage  | company            | 関門飲料株式会社                     | Kanmon Beverages Co., Ltd.               | manufacturer      | 401005 | -
dokai-bottle     | company            | 洞海ボトル株式会社                   | Dokai Bottle Co., Ltd.                   | manufacturer      | 401005 | -
onga-paper       | company            | 遠賀製紙株式会社                     | Onga Paper Mills Co., Ltd.               | recycler          | 402150 | -
moji-aluminium   | company            | 門司アルミ再生株式会社               | Moji Aluminium Recycling Co., Ltd.       | recycler          | 401005 | -
kokura-cullet    | company            | 小倉カレット株式会社                 | Kokura Cullet Co., Ltd.                  | recycler          | 401005 | -
hibiki-mart      | company            | 株式会社ひびきマート                 | Hibiki Mart Co., Ltd.                    | retailer          | 402206 | -
wakamatsu-env    | company            | 若松環境サービス株式会社             | Wakamatsu Environmental Services Co., Ltd. | collector       | 401005 | -
munakata-clean   | company            | 宗像クリーンサービス株式会社         | Munakata Clean Service Co., Ltd.         | collector         | 402206 | -
yahata-sorting   | company            | 八幡資源選別株式会社                 | Yahata Resource Sorting Co., Ltd.        | sorter            | 401005 | -
tobata-paper     | company            | 戸畑古紙センター株式会社             | Tobata Recovered Paper Centre Co., Ltd.  | sorter            | 401005 | -
kk-eco-energy    | company            | 北九州エコエナジー株式会社           | Kitakyushu Eco Energy Co., Ltd.          | energy_from_waste | 401005 | -
hibiki-landfill  | company            | 響灘最終処分場管理株式会社           | Hibikinada Landfill Management Co., Ltd. | landfill          | 401005 | -
chikuho-electric | company            | 筑豊電機株式会社                     | Chikuho Electric Co., Ltd.               | manufacturer      | 402150 | -
"""  # noqa: E501 (tables read better unwrapped)
# Public bodies (real municipalities, synthetic figures), academia and associations.
PUBLIC_TABLE = """
fukuoka-pref     | municipality       | 福岡県                               | Fukuoka Prefecture                       | prefecture        | 40     | 400009
hibiki-tech      | university         | 響灘工業大学                         | Hibikinada Institute of Technology       | university        | 401005 | -
kyushu-recycling | industry_body      | 一般社団法人九州リサイクル産業協会   | Kyushu Recycling Industry Association    | industry_body     | 40     | -
nk-env-institute | research_institute | 北部九州環境研究所                   | Northern Kyushu Environmental Research Institute | research  | 401005 | -
hibiki-council   | related_org        | 響灘循環産業推進協議会               | Hibikinada Circular Industry Council     | related           | 401005 | -
"""  # noqa: E501 (tables read better unwrapped)


def _rows(table: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("|")] for line in table.strip().splitlines()]


def _orgs() -> tuple[Org, ...]:
    companies = [
        Org(slug, kind, ja, en, role, where, group=None if group == "-" else group)
        for slug, kind, ja, en, role, where, group in _rows(ORG_TABLE)
    ]
    public = [
        Org(slug, kind, ja, en, role, where, municipality_code=None if code == "-" else code,
            member_since="2024-04-01" if kind == "municipality" else "2023-09-01")
        for slug, kind, ja, en, role, where, code in _rows(PUBLIC_TABLE)
    ]  # fmt: skip
    cities = [
        Org(f"city-{code}", "municipality", ja, en, "municipality", code,
            municipality_code=code, member_since="2024-04-01")
        for code, (ja, en, _, _) in MUNICIPALITIES.items()
    ]  # fmt: skip
    return (*companies, public[0], *cities, *public[1:])


ORGS: tuple[Org, ...] = _orgs()
BY_SLUG = {o.slug: o for o in ORGS}


def city(code: str) -> str:
    return f"city-{code}"


def corporate_numbers(seed: int) -> dict[str, str]:
    """Synthetic 法人番号 for every non-municipal organisation, each with a valid check digit."""
    from junkan_connect.identifiers import corporate_number_check_digit

    rng = random.Random(f"{seed}:corporate-numbers")  # noqa: S311 (reproducible data, not security)
    numbers: dict[str, str] = {}
    for org in ORGS:
        if org.kind == "municipality":
            continue
        base = f"{rng.randrange(10**11, 10**12):012d}"
        numbers[org.slug] = f"{corporate_number_check_digit(base)}{base}"
    return numbers


@dataclass(frozen=True)
class Site:
    slug: str
    operator: str
    kind: str
    name_ja: str
    name_en: str
    region: str
    lat: float
    lon: float
    capacity_t: float | None = None
    disclosure: str = "public"
    landfill_class: str | None = None
    remaining_m3: float | None = None


# slug | operator | facility kind | name (ja) | name (en) | region | lat | lon | capacity t/yr
SITE_TABLE = """
genkai-pet-wakamatsu | genkai-pet       | recycling                    | 玄海ペットリサイクル 若松工場 | Genkai PET Recycling Wakamatsu plant | 401005 | 33.94 | 130.78 | 30000
genkai-fibre-plant   | genkai-fibre     | manufacturing                | 玄海ファイバー 響灘工場 | Genkai Fibre Hibikinada plant | 401005 | 33.93 | 130.77 | 15000
genkai-logi-depot    | genkai-logi      | collection_point             | 玄海環境ロジ 行橋集積所 | Genkai Eco Logistics Yukuhashi depot | 402133 | 33.73 | 130.98 | -
hibiki-eaf           | hibiki-steel     | recycling                    | 響灘製鋼 電炉工場 | Hibikinada Steel electric arc furnace | 401005 | 33.92 | 130.75 | 200000
hibiki-shredder      | hibiki-metal     | recycling                    | 響灘メタル シュレッダー工場 | Hibikinada Metal shredder | 401005 | 33.92 | 130.76 | 150000
chikushi-cells       | chikushi-battery | manufacturing                | 筑紫バッテリー 行橋セル工場 | Chikushi Battery Yukuhashi cell plant | 402133 | 33.71 | 130.97 | 8000
chikushi-hydromet    | chikushi-recycle | recycling                    | 筑紫エナジーリサイクル 湿式製錬工場 | Chikushi Energy Recycling hydrometallurgy plant | 402133 | 33.70 | 130.99 | 2000
kanmon-bottling      | kanmon-beverage  | manufacturing                | 関門飲料 門司工場 | Kanmon Beverages Moji plant | 401005 | 33.94 | 130.96 | 60000
dokai-preform        | dokai-bottle     | manufacturing                | 洞海ボトル プリフォーム工場 | Dokai Bottle preform plant | 401005 | 33.90 | 130.82 | 12000
onga-mill            | onga-paper       | recycling                    | 遠賀製紙 中間工場 | Onga Paper Nakama mill | 402150 | 33.82 | 130.71 | 80000
moji-remelt          | moji-aluminium   | recycling                    | 門司アルミ再生 溶解工場 | Moji Aluminium remelting plant | 401005 | 33.95 | 130.95 | 10000
kokura-cullet-plant  | kokura-cullet    | recycling                    | 小倉カレット工場 | Kokura Cullet plant | 401005 | 33.88 | 130.88 | 12000
yahata-mrf           | yahata-sorting   | sorting                      | 八幡資源選別センター | Yahata sorting centre (MRF) | 401005 | 33.86 | 130.80 | 40000
tobata-yard          | tobata-paper     | sorting                      | 戸畑古紙ヤード | Tobata recovered-paper yard | 401005 | 33.90 | 130.83 | 70000
wakamatsu-depot      | wakamatsu-env    | collection_point             | 若松環境サービス 集積所 | Wakamatsu Environmental Services depot | 401005 | 33.91 | 130.79 | -
munakata-depot       | munakata-clean   | collection_point             | 宗像クリーン 集積所 | Munakata Clean Service depot | 402206 | 33.80 | 130.54 | -
hibiki-mart-takeback | hibiki-mart      | collection_point             | ひびきマート 店頭回収 | Hibiki Mart in-store take-back | 402206 | 33.81 | 130.55 | -
kk-efw               | kk-eco-energy    | incineration_energy_recovery | 北九州エコエナジー 発電施設 | Kitakyushu Eco Energy waste-to-energy plant | 401005 | 33.93 | 130.74 | 160000
hibiki-landfill-site | hibiki-landfill  | landfill                     | 響灘管理型最終処分場 | Hibikinada controlled landfill | 401005 | 33.95 | 130.72 | -
kitakyushu-incinerator | city-401005    | incineration_energy_recovery | 北九州市 清掃工場（デモ） | Kitakyushu City incineration plant (demo) | 401005 | 33.87 | 130.85 | 300000
"""  # noqa: E501 (a table reads better unwrapped)
MEMBERS_ONLY_SITES = {"chikushi-hydromet"}
LANDFILLS = {"hibiki-landfill-site": ("controlled", 1_850_000)}  # landfill class, remaining m3


def _site(slug, operator, kind, ja, en, region, lat, lon, capacity) -> Site:
    landfill_class, remaining = LANDFILLS.get(slug, (None, None))
    return Site(
        slug, operator, kind, ja, en, region, float(lat), float(lon),
        None if capacity == "-" else int(capacity),
        "members" if slug in MEMBERS_ONLY_SITES else "public", landfill_class, remaining,
    )  # fmt: skip


SITES: tuple[Site, ...] = tuple(_site(*row) for row in _rows(SITE_TABLE))
