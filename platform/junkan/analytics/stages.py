"""Stage (process) codes the analytics layer reads from flows.

Every code here is a code of the vocabulary's lifecycle-stage list (schemas/codes/stages.csv),
so a MaterialFlow submitted through the API can carry it; a test keeps the two aligned. The
national codes are the list's ``mfa`` view (nodes of MOE's material-flow figure, 我が国の物質
フロー); the municipal ones its ``msw`` view (the MSW survey, 一般廃棄物処理実態調査), plus the
shared ``recycling``, ``landfill`` and ``reduction`` nodes.
"""

# National material-flow account (nodes of the MOE figure)
DOMESTIC_EXTRACTION = "domestic_extraction"  # 国内資源
IMPORT = "import"  # 輸入 (resources and products)
NATURAL_RESOURCE_INPUT = "natural_resource_input"  # 天然資源等投入量
TOTAL_MATERIAL_INPUT = "total_material_input"  # 総物質投入量
CYCLICAL_USE = "cyclical_use"  # 循環利用量
WASTE_GENERATION = "waste_generation"  # 廃棄物等の発生
FINAL_DISPOSAL = "final_disposal"  # 最終処分
EXPORT = "export"  # 輸出
NET_ADDITION_TO_STOCK = "net_addition_to_stock"  # 蓄積純増
ENERGY_CONSUMPTION = "energy_consumption_process_emissions"  # エネルギー消費及び工業プロセス排出
FOOD_CONSUMPTION = "food_consumption"  # 食料消費
FERTILISER = "fertiliser"  # 施肥
REDUCTION = "reduction"  # 減量化
NATURAL_RETURN = "natural_return"  # 自然還元
WATER_CONTENT = "water_content_balancing"  # 含水等 (balancing input)

# Municipal solid waste (MSW survey)
MSW_SOURCE = "msw_generation"  # households and businesses
PLANNED_COLLECTION = "planned_collection"  # 計画収集
DIRECT_DELIVERY = "direct_delivery"  # 直接搬入
GROUP_COLLECTION = "group_collection"  # 集団回収
# ごみ処理 (ごみ総処理量): collected waste entering treatment, for tables (like the survey's)
# that do not split treatment by collection route
MSW_TREATMENT = "msw_treatment"
INTERMEDIATE_TREATMENT = "intermediate_treatment"  # 中間処理
DIRECT_RECYCLING = "direct_recycling"  # 直接資源化
RECYCLING = "recycling"  # 資源化 (recycled material leaving the system)
LANDFILL = "landfill"  # 最終処分場
# Treatment (直接資源化, 中間処理, 直接最終処分) starts from one of these
MSW_COLLECTED = (PLANNED_COLLECTION, DIRECT_DELIVERY, MSW_TREATMENT)

# Recovery types counted as recycling (EU R2–R11) for Eurostat's CMU rate
RECYCLING_RECOVERY_TYPES = frozenset(
    {"recycling_mechanical", "recycling_chemical", "biological", "recycling"}
)
