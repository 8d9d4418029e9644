"""Demo product passports, targets and measures (fictional products of fictional members)."""

from __future__ import annotations

from demo_orgs import KITAKYUSHU, city


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


C = _component
# slug, producer, ja, en, category, unit mass (g), disclosure, composition, extra attributes.
# Battery compositions carry Co/Li/Ni recycled shares around the EU 2031 minimums.
PRODUCTS = (
    ("kanmon-water-500", "kanmon-beverage", "天然水 500mlペットボトル", "Natural water 500 ml PET",
     "beverage packaging", 24, "public",
     [C("pet", 0.88, post=0.5), C("pp", 0.09), C("paper", 0.03)],
     {"recyclableFraction": 0.97, "collectionFractionRecycling": 0.86}),
    ("kanmon-can-350", "kanmon-beverage", "缶コーヒー 350ml", "Canned coffee 350 ml",
     "beverage packaging", 15, "public", [C("aluminium", 1.0, post=0.72)],
     {"recyclableFraction": 1.0, "collectionFractionRecycling": 0.9}),
    ("dokai-preform-28", "dokai-bottle", "28gプリフォーム（再生PET100%）",
     "28 g preform (100 % recycled PET)", "packaging intermediate", 28, "members",
     [C("pet", 1.0, post=1.0)], {"recyclableFraction": 1.0}),
    ("genkai-fleece", "genkai-fibre", "再生ポリエステル綿", "Recycled polyester staple fibre",
     "textile fibre", 1000, "public", [C("polyester_fibre", 1.0, post=0.96)],
     {"recyclableFraction": 0.6}),
    ("chikushi-ev-module", "chikushi-battery", "EV用リチウムイオン電池モジュール（NMC811）",
     "EV lithium-ion battery module (NMC811)", "EV battery", 24_000, "confidential",
     [C("nickel", 0.12, post=0.08), C("cobalt", 0.015, post=0.18), C("lithium", 0.018, post=0.07),
      C("manganese", 0.015), C("graphite", 0.15), C("copper", 0.09), C("aluminium", 0.22),
      C("mixed_plastics", 0.12), C("iron_steel", 0.252)],
     {"expectedLifetime": 12, "industryAverageLifetime": 10, "recyclingEfficiency": 0.7}),
    ("chikushi-home-storage", "chikushi-battery", "家庭用蓄電池 6.5kWh",
     "Home storage battery 6.5 kWh", "stationary battery", 60_000, "members",
     [C("nickel", 0.06, post=0.05), C("cobalt", 0.02, post=0.12), C("lithium", 0.012, post=0.04),
      C("graphite", 0.1), C("aluminium", 0.18), C("iron_steel", 0.45), C("mixed_plastics", 0.178)],
     {"expectedLifetime": 15, "industryAverageLifetime": 12}),
    ("chikushi-ebike", "chikushi-battery", "電動アシスト自転車用バッテリー", "E-bike battery pack",
     "LMT battery", 2_600, "public",
     [C("nickel", 0.10, post=0.06), C("cobalt", 0.03, post=0.2), C("lithium", 0.015, post=0.08),
      C("graphite", 0.14), C("copper", 0.08), C("aluminium", 0.2), C("pc", 0.435)],
     {"expectedLifetime": 5, "industryAverageLifetime": 4}),
    ("chikuho-fridge-400", "chikuho-electric", "冷蔵庫 400L", "Refrigerator 400 l",
     "household appliance", 68_000, "public",
     [C("iron_steel", 0.48, post=0.2, pre=0.05), C("pp", 0.12, post=0.15), C("abs", 0.08, post=0.1),
      C("pur", 0.12), C("copper", 0.04), C("aluminium", 0.03), C("flat_glass", 0.05),
      C("pvc", 0.08)],
     {"expectedLifetime": 13, "industryAverageLifetime": 12, "collectionFractionRecycling": 0.8,
      "recyclingEfficiency": 0.8, "repairInfoUrl": "https://demo.junkan.example/repair/fr400"}),
    ("hibiki-rebar-d13", "hibiki-steel", "異形棒鋼 D13（電炉材）", "Deformed bar D13 (EAF steel)",
     "construction steel", 995, "public", [C("iron_steel", 1.0, post=0.9, pre=0.08)],
     {"recyclableFraction": 1.0, "expectedLifetime": 50, "industryAverageLifetime": 50}),
    ("onga-liner", "onga-paper", "段ボール原紙（再生）", "Recycled containerboard",
     "paperboard", 1000, "public", [C("paper", 1.0, post=0.93, renewableFraction=0.07)],
     {"recyclableFraction": 1.0}),
    ("hibiki-mart-pb-water", "hibiki-mart", "PB天然水 2L（ボトルtoボトル）",
     "Private-brand water 2 l (bottle-to-bottle)", "beverage packaging", 38, "public",
     [C("pet", 0.9, post=1.0), C("pp", 0.07), C("paper", 0.03)], {"recyclableFraction": 0.97}),
)  # fmt: skip

# slug, owner, indicator (None: custom KPI below), unit, baseline year and value, target year
# and value, direction, disclosure, achieved value per FY, plan document
TARGETS = (
    ("kanmon-rpet-2030", "kanmon-beverage", "wbcsd.cti.circ_in", "P1", 2021, 38, 2030, 100,
     "increase", "public", {2021: 38, 2022: 44, 2023: 50}, None),
    ("chikushi-co-rc-2031", "chikushi-battery", "eu.batt.rc.co", "P1", 2022, 9, 2031, 16,
     "increase", "members", {2022: 9, 2023: 12.5}, None),
    ("genkai-b2b-2030", "genkai-hd", None, "KTN", 2021, 12, 2030, 30, "increase", "public",
     {2021: 12.1, 2022: 13.4, 2023: 14.6}, None),
    ("kitakyushu-msw-rr-2030", city(KITAKYUSHU), "jp.msw.recycling_rate", "P1", 2021, 19.5,
     2030, 27, "increase", "public", {2022: 20.1, 2023: 20.8},
     "北九州市循環型社会形成推進基本計画（デモ）第4章"),
    ("fukuoka-fd-2030", "fukuoka-pref", "jp.fd", "KTN", 2021, 640, 2030, 520, "decrease",
     "public", {2022: 615}, "福岡県廃棄物処理計画（デモ）第3節"),
    ("hibiki-mart-takeback-2030", "hibiki-mart", None, "TNE", 2021, 5600, 2030, 9000, "increase",
     "public", {2021: 5600, 2022: 6050, 2023: 6480}, None),
)  # fmt: skip
CUSTOM_KPIS = {
    "genkai-b2b-2030": {
        "ja": "ボトルtoボトル用再生PET供給量", "en": "rPET supplied for bottle-to-bottle"
    },
    "hibiki-mart-takeback-2030": {"ja": "店頭回収量", "en": "In-store take-back volume"},
}  # fmt: skip

MEASURES = (
    ("kanmon-b2b", "kanmon-beverage", "kanmon-rpet-2030", "circular_procurement",
     {"ja": "ボトルtoボトル再生PETの調達拡大", "en": "Buy more bottle-to-bottle recycled PET"}),
    ("hibiki-mart-takeback", "hibiki-mart", "hibiki-mart-takeback-2030", "reverse_logistics",
     {"ja": "全店舗での店頭回収ボックス設置", "en": "Take-back boxes in every store"}),
    ("kitakyushu-plastics", city(KITAKYUSHU), "kitakyushu-msw-rr-2030", "recycling",
     {"ja": "製品プラスチックの一括回収", "en": "Joint collection of product plastics"}),
)  # fmt: skip
