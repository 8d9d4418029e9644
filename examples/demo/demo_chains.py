"""The demo region's material loops as tables: who reports which flow, and recycler batches.

Each chain row is one edge: material, from stage, to stage, share of the chain's base tonnage,
reporters (`@set` names a collector set below, otherwise one member slug), recovery type, flow
class, origin (post/pre consumer), disclosure and facility slug; `-` leaves a field out.
"""

from __future__ import annotations

from dataclasses import dataclass

ORIGINS = {"post": "post_consumer", "pre": "pre_consumer", "-": None}

# Collector sets: several enterprise groups with comparable shares, so public cells survive
# the >= 3 groups and p % rules of disclosure control.
COLLECTORS = {
    "pet": (("wakamatsu-env", 0.30), ("munakata-clean", 0.22), ("genkai-logi", 0.25),
            ("hibiki-mart", 0.23)),
    "can": (("wakamatsu-env", 0.30), ("munakata-clean", 0.20), ("genkai-logi", 0.22),
            ("hibiki-mart", 0.28)),
    "steel": (("wakamatsu-env", 0.35), ("genkai-logi", 0.27), ("hibiki-metal", 0.38)),
    "paper": (("wakamatsu-env", 0.30), ("munakata-clean", 0.27), ("tobata-paper", 0.43)),
    "glass": (("wakamatsu-env", 0.40), ("munakata-clean", 0.31), ("genkai-logi", 0.29)),
    "battery": (("hibiki-mart", 0.28), ("chikuho-electric", 0.32), ("genkai-logi", 0.40)),
}  # fmt: skip

# chain: (base tonnes in FY2021, yearly growth)
BASES = {
    "pet": (18_000, 0.04), "steel": (120_000, 0.01), "paper": (60_000, -0.01),
    "aluminium": (6_000, 0.03), "glass": (9_000, -0.02), "battery": (800, 0.25),
    "efw": (40_000, 0.0),
}  # fmt: skip

EDGES = """
pet       pet               use                 collection           1.00  @pet              -                    waste      post members      -
pet       pet               collection          sorting              0.98  @pet              -                    waste      post members      -
pet       pet               sorting             recycling            0.92  yahata-sorting    recycling_mechanical waste      post confidential yahata-mrf
pet       mixed_plastics    sorting             energy_recovery      0.06  yahata-sorting    energy_recovery      waste      post confidential yahata-mrf
pet       pet               recycling           manufacturing        0.80  genkai-pet        recycling_mechanical product    post confidential genkai-pet-wakamatsu
pet       pp                recycling           energy_recovery      0.08  genkai-pet        energy_recovery      waste      post confidential genkai-pet-wakamatsu
pet       polyester_fibre   manufacturing       distribution         0.45  genkai-fibre      -                    product    post public       genkai-fibre-plant
pet       pet               material_production manufacturing        0.40  dokai-bottle      -                    product    -    confidential dokai-preform
pet       pet               manufacturing       distribution         0.73  dokai-bottle      -                    product    -    confidential dokai-preform
pet       pet               distribution        use                  0.95  kanmon-beverage   -                    product    -    public       kanmon-bottling
steel     iron_steel        use                 collection           1.00  @steel            -                    waste      post members      -
steel     iron_steel        collection          pre_treatment        0.99  @steel            -                    waste      post members      -
steel     iron_steel        pre_treatment       recycling            0.93  hibiki-metal      recycling_metal      waste      post confidential hibiki-shredder
steel     mixed_plastics    pre_treatment       energy_recovery      0.05  hibiki-metal      energy_recovery      waste      post confidential hibiki-shredder
steel     iron_steel        recycling           manufacturing        0.84  hibiki-steel      recycling_metal      product    post confidential hibiki-eaf
steel     steel_slag        recycling           material_production  0.09  hibiki-steel      recycling_inorganic  by_product pre  confidential hibiki-eaf
steel     fly_ash           recycling           landfill             0.015 hibiki-steel      landfill             waste      pre  confidential hibiki-eaf
paper     corrugated_board  use                 collection           1.00  @paper            -                    waste      post members      -
paper     corrugated_board  collection          sorting              0.99  @paper            -                    waste      post members      -
paper     corrugated_board  sorting             recycling            0.97  tobata-paper      recycling_mechanical waste      post confidential tobata-yard
paper     paper             recycling           manufacturing        0.85  onga-paper        recycling_mechanical product    post confidential onga-mill
paper     industrial_sludge recycling           energy_recovery      0.10  onga-paper        energy_recovery      waste      pre  confidential onga-mill
paper     paper             manufacturing       distribution         0.84  onga-paper        -                    product    -    public       onga-mill
aluminium aluminium         use                 collection           1.00  @can              -                    waste      post members      -
aluminium aluminium         collection          sorting              0.99  @can              -                    waste      post members      -
aluminium aluminium         sorting             recycling            0.96  yahata-sorting    recycling_metal      waste      post confidential yahata-mrf
aluminium aluminium         recycling           material_production  0.90  moji-aluminium    recycling_metal      product    post confidential moji-remelt
aluminium residues          recycling           landfill             0.04  moji-aluminium    landfill             waste      pre  confidential moji-remelt
aluminium aluminium         material_production manufacturing        0.88  kanmon-beverage   -                    product    -    confidential kanmon-bottling
aluminium aluminium         distribution        use                  0.90  kanmon-beverage   -                    product    -    public       kanmon-bottling
glass     container_glass   use                 collection           1.00  @glass            -                    waste      post members      -
glass     container_glass   collection          recycling            0.97  @glass            recycling_inorganic  waste      post members      -
glass     container_glass   recycling           manufacturing        0.90  kokura-cullet     recycling_inorganic  product    post confidential kokura-cullet-plant
glass     residues          recycling           landfill             0.06  kokura-cullet     landfill             waste      post confidential kokura-cullet-plant
battery   li_ion_battery    use                 collection           1.00  @battery          -                    waste      post members      -
battery   li_ion_battery    collection          pre_treatment        0.98  @battery          -                    waste      post members      -
battery   li_ion_battery    pre_treatment       recycling            0.95  chikushi-recycle  recycling_metal      waste      post confidential chikushi-hydromet
battery   cobalt            recycling           material_production  0.060 chikushi-recycle  recycling_metal      product    post confidential chikushi-hydromet
battery   nickel            recycling           material_production  0.120 chikushi-recycle  recycling_metal      product    post confidential chikushi-hydromet
battery   lithium           recycling           material_production  0.018 chikushi-recycle  recycling_metal      product    post confidential chikushi-hydromet
battery   copper            recycling           material_production  0.070 chikushi-recycle  recycling_metal      product    post confidential chikushi-hydromet
battery   mixed_plastics    recycling           energy_recovery      0.150 chikushi-recycle  energy_recovery      waste      post confidential chikushi-hydromet
battery   cobalt            material_production manufacturing        0.055 chikushi-battery  -                    product    post confidential chikushi-cells
battery   nickel            material_production manufacturing        0.110 chikushi-battery  -                    product    post confidential chikushi-cells
battery   lithium           material_production manufacturing        0.016 chikushi-battery  -                    product    post confidential chikushi-cells
battery   li_ion_battery    manufacturing       distribution         6.0   chikushi-battery  -                    product    -    public       chikushi-cells
efw       mixed_plastics    collection          energy_recovery      1.00  kk-eco-energy     energy_recovery      waste      pre  members      kk-efw
efw       incineration_ash  energy_recovery     landfill             0.10  kk-eco-energy     landfill             waste      pre  public       kk-efw
efw       incineration_ash  energy_recovery     recycling            0.05  kk-eco-energy     recycling_inorganic  waste      pre  public       kk-efw
"""  # noqa: E501 (a table reads better unwrapped)


@dataclass(frozen=True)
class Edge:
    material: str
    src: str
    dst: str
    ratio: float  # share of the chain's base tonnage
    reporters: tuple[tuple[str, float], ...]  # (org slug, share of the edge)
    recovery: str | None
    flow_class: str
    origin: str | None
    disclosure: str
    site: str | None


def _edge(fields: list[str]) -> Edge:
    material, src, dst, ratio, who, recovery, flow_class, origin, disclosure, site = fields
    reporters = COLLECTORS[who[1:]] if who.startswith("@") else ((who, 1.0),)
    return Edge(
        material, src, dst, float(ratio), reporters, None if recovery == "-" else recovery,
        flow_class, ORIGINS[origin], disclosure, None if site == "-" else site,
    )  # fmt: skip


def chains() -> list[tuple[str, float, float, list[Edge]]]:
    """(chain name, base tonnes, growth, edges) in table order."""
    edges: dict[str, list[Edge]] = {name: [] for name in BASES}
    for line in EDGES.strip().splitlines():
        name, *fields = line.split()
        edges[name].append(_edge(fields))
    return [(name, *BASES[name], edges[name]) for name in BASES]


# Recycler batches: member, facility, input material, annual input (t), then outputs and
# declared losses as (material, share of the input, recovery type).
PROCESSES = (
    ("genkai-pet", "genkai-pet-wakamatsu", "pet", 16_500,
     (("pet", 0.87, "recycling_mechanical"),),
     (("pp", 0.09, "energy_recovery"), ("residues", 0.04, "landfill"))),
    ("hibiki-steel", "hibiki-eaf", "iron_steel", 112_000,
     (("iron_steel", 0.90, "recycling_metal"), ("steel_slag", 0.085, "recycling_inorganic")),
     (("fly_ash", 0.015, "landfill"),)),
    ("onga-paper", "onga-mill", "corrugated_board", 58_000,
     (("paper", 0.88, "recycling_mechanical"),),
     (("industrial_sludge", 0.11, "energy_recovery"),)),
    ("moji-aluminium", "moji-remelt", "aluminium", 5_700,
     (("aluminium", 0.94, "recycling_metal"),), (("residues", 0.05, "landfill"),)),
    ("kokura-cullet", "kokura-cullet-plant", "container_glass", 8_700,
     (("container_glass", 0.93, "recycling_inorganic"),), (("residues", 0.065, "landfill"),)),
    ("chikushi-recycle", "chikushi-hydromet", "li_ion_battery", 760,
     (("cobalt", 0.063, "recycling_metal"), ("nickel", 0.126, "recycling_metal"),
      ("lithium", 0.019, "recycling_metal"), ("copper", 0.074, "recycling_metal"),
      ("aluminium", 0.09, "recycling_metal"), ("iron_steel", 0.11, "recycling_metal")),
     (("mixed_plastics", 0.16, "energy_recovery"), ("water_content", 0.33, None))),
)  # fmt: skip
# The deliberate data-quality problem: this batch reports 18 % less output than it should.
IMBALANCED = ("genkai-pet", 2022, 10)
