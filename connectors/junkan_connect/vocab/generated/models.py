"""Pydantic v2 models of the Junkan vocabulary (v1).

Generated from schemas/junkan.yaml by schemas/build.py. Do not edit.
Models are closed (extra keys are errors) and strict (no string-to-number coercion).
Optional fields default to None but reject an explicit null, as the JSON-LD form does.
"""

# ruff: noqa: E501

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from junkan_connect.vocab.fields import (
    check_corporate_number,
    check_gs1,
    check_municipality_code,
)

CONTEXT_URL = 'https://w3id.org/junkan/contexts/v1.jsonld'


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Quantity(_Closed):
    """quantity / 数量"""

    value: Annotated[float, Field(allow_inf_nan=False)]
    unit: Literal['KGM', 'GRM', 'MGM', 'TNE', 'KTN', 'DTN', 'LBR', 'ONZ', 'STN', 'LTN', 'H87', 'C62', 'EA', 'NAR', 'LTR', 'MTQ', 'MTR', 'KMT', 'MTK', 'KMK', 'KWH', 'MWH', 'GWH', 'GJ', 'P1', 'ANN', 'DAY', 'HUR', 'MIN']


class MassQuantity(_Closed):
    """mass / 質量"""

    value: Annotated[float, Field(ge=0, le=1e+18, allow_inf_nan=False)]
    unit: Literal['KGM', 'GRM', 'MGM', 'TNE', 'KTN', 'DTN', 'LBR', 'ONZ', 'STN', 'LTN']


class Organization(_Closed):
    """organisation / 組織"""

    context: Literal[CONTEXT_URL] = Field(alias="@context")
    id: Annotated[str, Field(alias="@id", pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    type: Literal['Organization'] = Field(alias="@type")
    disclosure: Literal['public', 'members', 'confidential']
    sourceRecordId: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    sourceSystem: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    name: Annotated[dict[Literal['ja', 'en'], Annotated[str, Field(min_length=1, max_length=2000)]], Field(min_length=1)]
    organizationKind: Literal['company', 'industry_body', 'municipality', 'university', 'research_institute', 'related_org', 'secretariat']
    corporateNumber: Annotated[str, Field(pattern='^[1-9][0-9]{12}$'), AfterValidator(check_corporate_number)] = None
    gln: Annotated[str, Field(pattern='^[0-9]{13}$'), AfterValidator(check_gs1)] = None
    lei: Annotated[str, Field(pattern='^[A-Z0-9]{18}[0-9]{2}$')] = None
    municipalityCode: Annotated[str, Field(pattern='^(0[1-9]|[1-3][0-9]|4[0-7])[0-9]{4}$'), AfterValidator(check_municipality_code)] = None
    prefecture: Annotated[str, Field(pattern='^(0[1-9]|[1-3][0-9]|4[0-7])$')] = None
    website: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')] = None
    memberSince: Annotated[str, Field(pattern='^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')] = None
    publicDisclosureUrl: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')] = None


class Facility(_Closed):
    """facility / 施設"""

    context: Literal[CONTEXT_URL] = Field(alias="@context")
    id: Annotated[str, Field(alias="@id", pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    type: Literal['Facility'] = Field(alias="@type")
    disclosure: Literal['public', 'members', 'confidential']
    sourceRecordId: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    sourceSystem: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    name: Annotated[dict[Literal['ja', 'en'], Annotated[str, Field(min_length=1, max_length=2000)]], Field(min_length=1)]
    operator: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    facilityKind: Literal['manufacturing', 'collection_point', 'sorting', 'recycling', 'reuse_repair', 'composting_biogas', 'incineration', 'incineration_energy_recovery', 'landfill', 'other']
    region: Annotated[str, Field(pattern='^(JP|0[1-9]|[1-3][0-9]|4[0-7]|(0[1-9]|[1-3][0-9]|4[0-7])[0-9]{4})$'), AfterValidator(check_municipality_code)]
    latitude: Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)] = None
    longitude: Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)] = None
    gln: Annotated[str, Field(pattern='^[0-9]{13}$'), AfterValidator(check_gs1)] = None
    annualCapacity: MassQuantity = None
    permits: list[Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')]] = None
    landfillClass: Literal['stable', 'controlled', 'isolated'] = None
    remainingLandfillVolume: Quantity = None


class SubstanceOfConcern(_Closed):
    """substance of concern / 懸念物質"""

    casNumber: Annotated[str, Field(pattern='^[1-9][0-9]{1,6}-[0-9]{2}-[0-9]$')]
    substanceName: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    concentration: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    regulation: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None


class MaterialComponent(_Closed):
    """material component / 構成素材"""

    material: Literal['plastics', 'pet', 'hdpe', 'ldpe', 'pp', 'ps', 'eps', 'pvc', 'abs', 'pc', 'pa', 'pur', 'pla', 'mixed_plastics', 'rubber', 'tyres', 'metals', 'iron_steel', 'stainless_steel', 'cast_iron', 'aluminium', 'copper', 'zinc', 'lead', 'tin', 'nickel', 'cobalt', 'lithium', 'manganese', 'rare_earths', 'precious_metals', 'gold', 'silver', 'pgm', 'metal_ores', 'glass', 'container_glass', 'flat_glass', 'paper', 'corrugated_board', 'newspaper', 'office_paper', 'beverage_cartons', 'textiles', 'cotton', 'wool', 'polyester_fibre', 'nylon_fibre', 'biomass', 'wood', 'food_waste', 'garden_waste', 'crops', 'crop_residues', 'livestock_manure', 'sewage_sludge', 'used_cooking_oil', 'fish_seafood', 'non_metallic_minerals', 'sand_gravel', 'crushed_stone', 'limestone', 'cement', 'concrete', 'asphalt_concrete', 'ceramics_bricks', 'gypsum', 'soil', 'graphite', 'silicon', 'fossil_fuels', 'coal', 'crude_oil', 'natural_gas', 'waste_oil', 'residues', 'incineration_ash', 'fly_ash', 'steel_slag', 'industrial_sludge', 'waste_acid', 'waste_alkali', 'products_mixed', 'weee', 'batteries', 'li_ion_battery', 'lead_acid_battery', 'solar_panels', 'end_of_life_vehicles', 'mixed_msw', 'mixed_construction_waste', 'fertiliser', 'water_content']
    massFraction: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    mass: MassQuantity = None
    recycledFractionPreConsumer: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    recycledFractionPostConsumer: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    reusedFraction: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    renewableFraction: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    originCountry: Annotated[str, Field(pattern='^[A-Z]{2}$')] = None
    substancesOfConcern: list[SubstanceOfConcern] = None


class Product(_Closed):
    """product (model-level passport) / 製品（型式単位のパスポート）"""

    context: Literal[CONTEXT_URL] = Field(alias="@context")
    id: Annotated[str, Field(alias="@id", pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    type: Literal['Product'] = Field(alias="@type")
    disclosure: Literal['public', 'members', 'confidential']
    sourceRecordId: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    sourceSystem: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    name: Annotated[dict[Literal['ja', 'en'], Annotated[str, Field(min_length=1, max_length=2000)]], Field(min_length=1)]
    producer: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    gtin: Annotated[str, Field(pattern='^([0-9]{8}|[0-9]{12,14})$'), AfterValidator(check_gs1)] = None
    modelNumber: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    category: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    unitMass: MassQuantity = None
    materialComposition: list[MaterialComponent] = None
    recyclableFraction: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    expectedLifetime: Annotated[float, Field(ge=0, allow_inf_nan=False)] = None
    industryAverageLifetime: Annotated[float, Field(ge=0, allow_inf_nan=False)] = None
    useIntensity: Annotated[float, Field(ge=0, allow_inf_nan=False)] = None
    industryAverageUseIntensity: Annotated[float, Field(ge=0, allow_inf_nan=False)] = None
    collectionFractionRecycling: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    collectionFractionReuse: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    collectionFractionComposting: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    collectionFractionEnergyRecovery: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    recyclingEfficiency: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    feedstockRecyclingEfficiency: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = None
    repairInfoUrl: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')] = None
    disassemblyInfoUrl: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')] = None
    carbonFootprint: Annotated[float, Field(ge=0, allow_inf_nan=False)] = None
    carbonFootprintDataQuality: Annotated[float, Field(ge=1, le=5, allow_inf_nan=False)] = None
    dppUrl: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')] = None


class MaterialFlow(_Closed):
    """material flow / 物質フロー"""

    context: Literal[CONTEXT_URL] = Field(alias="@context")
    id: Annotated[str, Field(alias="@id", pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    type: Literal['MaterialFlow'] = Field(alias="@type")
    disclosure: Literal['public', 'members', 'confidential']
    sourceRecordId: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    sourceSystem: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    reporter: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    material: Literal['plastics', 'pet', 'hdpe', 'ldpe', 'pp', 'ps', 'eps', 'pvc', 'abs', 'pc', 'pa', 'pur', 'pla', 'mixed_plastics', 'rubber', 'tyres', 'metals', 'iron_steel', 'stainless_steel', 'cast_iron', 'aluminium', 'copper', 'zinc', 'lead', 'tin', 'nickel', 'cobalt', 'lithium', 'manganese', 'rare_earths', 'precious_metals', 'gold', 'silver', 'pgm', 'metal_ores', 'glass', 'container_glass', 'flat_glass', 'paper', 'corrugated_board', 'newspaper', 'office_paper', 'beverage_cartons', 'textiles', 'cotton', 'wool', 'polyester_fibre', 'nylon_fibre', 'biomass', 'wood', 'food_waste', 'garden_waste', 'crops', 'crop_residues', 'livestock_manure', 'sewage_sludge', 'used_cooking_oil', 'fish_seafood', 'non_metallic_minerals', 'sand_gravel', 'crushed_stone', 'limestone', 'cement', 'concrete', 'asphalt_concrete', 'ceramics_bricks', 'gypsum', 'soil', 'graphite', 'silicon', 'fossil_fuels', 'coal', 'crude_oil', 'natural_gas', 'waste_oil', 'residues', 'incineration_ash', 'fly_ash', 'steel_slag', 'industrial_sludge', 'waste_acid', 'waste_alkali', 'products_mixed', 'weee', 'batteries', 'li_ion_battery', 'lead_acid_battery', 'solar_panels', 'end_of_life_vehicles', 'mixed_msw', 'mixed_construction_waste', 'fertiliser', 'water_content']
    mass: MassQuantity
    fromStage: Literal['domestic_extraction', 'import', 'import_resources', 'import_products', 'natural_resource_input', 'total_material_input', 'export', 'net_addition_to_stock', 'energy_consumption_process_emissions', 'food_consumption', 'fertiliser', 'waste_generation', 'cyclical_use', 'reduction', 'natural_return', 'final_disposal', 'water_content_balancing', 'msw_generation', 'planned_collection', 'direct_delivery', 'group_collection', 'msw_treatment', 'direct_recycling', 'intermediate_treatment', 'extraction', 'material_production', 'manufacturing', 'distribution', 'use', 'collection', 'sorting', 'pre_treatment', 'reuse', 'repair', 'remanufacture', 'recycling', 'composting_digestion', 'energy_recovery', 'incineration', 'landfill', 'stock_in_use']
    toStage: Literal['domestic_extraction', 'import', 'import_resources', 'import_products', 'natural_resource_input', 'total_material_input', 'export', 'net_addition_to_stock', 'energy_consumption_process_emissions', 'food_consumption', 'fertiliser', 'waste_generation', 'cyclical_use', 'reduction', 'natural_return', 'final_disposal', 'water_content_balancing', 'msw_generation', 'planned_collection', 'direct_delivery', 'group_collection', 'msw_treatment', 'direct_recycling', 'intermediate_treatment', 'extraction', 'material_production', 'manufacturing', 'distribution', 'use', 'collection', 'sorting', 'pre_treatment', 'reuse', 'repair', 'remanufacture', 'recycling', 'composting_digestion', 'energy_recovery', 'incineration', 'landfill', 'stock_in_use']
    period: Annotated[str, Field(pattern='^(FY)?(19|20)[0-9]{2}$|^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$')]
    region: Annotated[str, Field(pattern='^(JP|0[1-9]|[1-3][0-9]|4[0-7]|(0[1-9]|[1-3][0-9]|4[0-7])[0-9]{4})$'), AfterValidator(check_municipality_code)]
    facility: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')] = None
    recoveryType: Literal['reuse', 'preparing_for_reuse', 'repair', 'refurbish', 'remanufacture', 'recycling_mechanical', 'recycling_chemical', 'recycling_metal', 'recycling_inorganic', 'solvent_reclamation', 'acid_base_regeneration', 'catalyst_recovery', 'oil_rerefining', 'biological', 'land_treatment', 'energy_recovery', 'storage_pending_recovery', 'incineration', 'landfill', 'landfill_engineered', 'biological_treatment', 'physico_chemical_treatment', 'storage_pending_disposal'] = None
    flowClass: Literal['product', 'by_product', 'waste'] = None
    origin: Literal['pre_consumer', 'post_consumer'] = None
    dataQuality: Literal['measured', 'calculated', 'estimated', 'modelled'] = None
    uncertainty: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] = None


class MaterialAmount(_Closed):
    """material amount / 素材別の量"""

    material: Literal['plastics', 'pet', 'hdpe', 'ldpe', 'pp', 'ps', 'eps', 'pvc', 'abs', 'pc', 'pa', 'pur', 'pla', 'mixed_plastics', 'rubber', 'tyres', 'metals', 'iron_steel', 'stainless_steel', 'cast_iron', 'aluminium', 'copper', 'zinc', 'lead', 'tin', 'nickel', 'cobalt', 'lithium', 'manganese', 'rare_earths', 'precious_metals', 'gold', 'silver', 'pgm', 'metal_ores', 'glass', 'container_glass', 'flat_glass', 'paper', 'corrugated_board', 'newspaper', 'office_paper', 'beverage_cartons', 'textiles', 'cotton', 'wool', 'polyester_fibre', 'nylon_fibre', 'biomass', 'wood', 'food_waste', 'garden_waste', 'crops', 'crop_residues', 'livestock_manure', 'sewage_sludge', 'used_cooking_oil', 'fish_seafood', 'non_metallic_minerals', 'sand_gravel', 'crushed_stone', 'limestone', 'cement', 'concrete', 'asphalt_concrete', 'ceramics_bricks', 'gypsum', 'soil', 'graphite', 'silicon', 'fossil_fuels', 'coal', 'crude_oil', 'natural_gas', 'waste_oil', 'residues', 'incineration_ash', 'fly_ash', 'steel_slag', 'industrial_sludge', 'waste_acid', 'waste_alkali', 'products_mixed', 'weee', 'batteries', 'li_ion_battery', 'lead_acid_battery', 'solar_panels', 'end_of_life_vehicles', 'mixed_msw', 'mixed_construction_waste', 'fertiliser', 'water_content']
    mass: MassQuantity
    recoveryType: Literal['reuse', 'preparing_for_reuse', 'repair', 'refurbish', 'remanufacture', 'recycling_mechanical', 'recycling_chemical', 'recycling_metal', 'recycling_inorganic', 'solvent_reclamation', 'acid_base_regeneration', 'catalyst_recovery', 'oil_rerefining', 'biological', 'land_treatment', 'energy_recovery', 'storage_pending_recovery', 'incineration', 'landfill', 'landfill_engineered', 'biological_treatment', 'physico_chemical_treatment', 'storage_pending_disposal'] = None


class ProcessRecord(_Closed):
    """process record / プロセス記録"""

    context: Literal[CONTEXT_URL] = Field(alias="@context")
    id: Annotated[str, Field(alias="@id", pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    type: Literal['ProcessRecord'] = Field(alias="@type")
    disclosure: Literal['public', 'members', 'confidential']
    sourceRecordId: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    sourceSystem: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    reporter: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    processType: Literal['domestic_extraction', 'import', 'import_resources', 'import_products', 'natural_resource_input', 'total_material_input', 'export', 'net_addition_to_stock', 'energy_consumption_process_emissions', 'food_consumption', 'fertiliser', 'waste_generation', 'cyclical_use', 'reduction', 'natural_return', 'final_disposal', 'water_content_balancing', 'msw_generation', 'planned_collection', 'direct_delivery', 'group_collection', 'msw_treatment', 'direct_recycling', 'intermediate_treatment', 'extraction', 'material_production', 'manufacturing', 'distribution', 'use', 'collection', 'sorting', 'pre_treatment', 'reuse', 'repair', 'remanufacture', 'recycling', 'composting_digestion', 'energy_recovery', 'incineration', 'landfill', 'stock_in_use']
    period: Annotated[str, Field(pattern='^(FY)?(19|20)[0-9]{2}$|^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$')]
    region: Annotated[str, Field(pattern='^(JP|0[1-9]|[1-3][0-9]|4[0-7]|(0[1-9]|[1-3][0-9]|4[0-7])[0-9]{4})$'), AfterValidator(check_municipality_code)]
    facility: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')] = None
    inputs: list[MaterialAmount] = None
    outputs: list[MaterialAmount] = None
    losses: list[MaterialAmount] = None
    sourceEventId: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    dataQuality: Literal['measured', 'calculated', 'estimated', 'modelled'] = None


class StockRecord(_Closed):
    """stock record / ストック記録"""

    context: Literal[CONTEXT_URL] = Field(alias="@context")
    id: Annotated[str, Field(alias="@id", pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    type: Literal['StockRecord'] = Field(alias="@type")
    disclosure: Literal['public', 'members', 'confidential']
    sourceRecordId: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    sourceSystem: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    reporter: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    material: Literal['plastics', 'pet', 'hdpe', 'ldpe', 'pp', 'ps', 'eps', 'pvc', 'abs', 'pc', 'pa', 'pur', 'pla', 'mixed_plastics', 'rubber', 'tyres', 'metals', 'iron_steel', 'stainless_steel', 'cast_iron', 'aluminium', 'copper', 'zinc', 'lead', 'tin', 'nickel', 'cobalt', 'lithium', 'manganese', 'rare_earths', 'precious_metals', 'gold', 'silver', 'pgm', 'metal_ores', 'glass', 'container_glass', 'flat_glass', 'paper', 'corrugated_board', 'newspaper', 'office_paper', 'beverage_cartons', 'textiles', 'cotton', 'wool', 'polyester_fibre', 'nylon_fibre', 'biomass', 'wood', 'food_waste', 'garden_waste', 'crops', 'crop_residues', 'livestock_manure', 'sewage_sludge', 'used_cooking_oil', 'fish_seafood', 'non_metallic_minerals', 'sand_gravel', 'crushed_stone', 'limestone', 'cement', 'concrete', 'asphalt_concrete', 'ceramics_bricks', 'gypsum', 'soil', 'graphite', 'silicon', 'fossil_fuels', 'coal', 'crude_oil', 'natural_gas', 'waste_oil', 'residues', 'incineration_ash', 'fly_ash', 'steel_slag', 'industrial_sludge', 'waste_acid', 'waste_alkali', 'products_mixed', 'weee', 'batteries', 'li_ion_battery', 'lead_acid_battery', 'solar_panels', 'end_of_life_vehicles', 'mixed_msw', 'mixed_construction_waste', 'fertiliser', 'water_content']
    mass: MassQuantity
    stage: Literal['domestic_extraction', 'import', 'import_resources', 'import_products', 'natural_resource_input', 'total_material_input', 'export', 'net_addition_to_stock', 'energy_consumption_process_emissions', 'food_consumption', 'fertiliser', 'waste_generation', 'cyclical_use', 'reduction', 'natural_return', 'final_disposal', 'water_content_balancing', 'msw_generation', 'planned_collection', 'direct_delivery', 'group_collection', 'msw_treatment', 'direct_recycling', 'intermediate_treatment', 'extraction', 'material_production', 'manufacturing', 'distribution', 'use', 'collection', 'sorting', 'pre_treatment', 'reuse', 'repair', 'remanufacture', 'recycling', 'composting_digestion', 'energy_recovery', 'incineration', 'landfill', 'stock_in_use']
    region: Annotated[str, Field(pattern='^(JP|0[1-9]|[1-3][0-9]|4[0-7]|(0[1-9]|[1-3][0-9]|4[0-7])[0-9]{4})$'), AfterValidator(check_municipality_code)]
    asOf: Annotated[str, Field(pattern='^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')]
    cohortYear: Annotated[int, Field(ge=1900, le=2100)] = None
    dataQuality: Literal['measured', 'calculated', 'estimated', 'modelled'] = None
    uncertainty: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] = None


class RegionStatistics(_Closed):
    """region statistics / 地域統計"""

    context: Literal[CONTEXT_URL] = Field(alias="@context")
    id: Annotated[str, Field(alias="@id", pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    type: Literal['RegionStatistics'] = Field(alias="@type")
    disclosure: Literal['public', 'members', 'confidential']
    sourceRecordId: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    sourceSystem: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    region: Annotated[str, Field(pattern='^(JP|0[1-9]|[1-3][0-9]|4[0-7]|(0[1-9]|[1-3][0-9]|4[0-7])[0-9]{4})$'), AfterValidator(check_municipality_code)]
    period: Annotated[str, Field(pattern='^(FY)?(19|20)[0-9]{2}$|^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$')]
    population: Annotated[int, Field(ge=0)] = None
    gdpMillionYen: Annotated[float, Field(ge=0, allow_inf_nan=False)] = None
    gdpBaseYear: Annotated[int, Field(ge=1900, le=2100)] = None
    gdpKind: Literal['real', 'nominal'] = None
    areaKm2: Annotated[float, Field(ge=0, allow_inf_nan=False)] = None
    statisticsSource: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None


class Target(_Closed):
    """target / 目標"""

    context: Literal[CONTEXT_URL] = Field(alias="@context")
    id: Annotated[str, Field(alias="@id", pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    type: Literal['Target'] = Field(alias="@type")
    disclosure: Literal['public', 'members', 'confidential']
    sourceRecordId: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    sourceSystem: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    owner: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    indicator: Annotated[str, Field(pattern='^[a-z0-9]+(\\.[a-z0-9_]+)+$')] = None
    customKpi: Annotated[dict[Literal['ja', 'en'], Annotated[str, Field(min_length=1, max_length=2000)]], Field(min_length=1)] = None
    valueUnit: Literal['KGM', 'GRM', 'MGM', 'TNE', 'KTN', 'DTN', 'LBR', 'ONZ', 'STN', 'LTN', 'H87', 'C62', 'EA', 'NAR', 'LTR', 'MTQ', 'MTR', 'KMT', 'MTK', 'KMK', 'KWH', 'MWH', 'GWH', 'GJ', 'P1', 'ANN', 'DAY', 'HUR', 'MIN'] = None
    scope: Annotated[dict[Literal['ja', 'en'], Annotated[str, Field(min_length=1, max_length=2000)]], Field(min_length=1)] = None
    baselineYear: Annotated[int, Field(ge=1900, le=2100)] = None
    baselineValue: Annotated[float, Field(allow_inf_nan=False)] = None
    targetYear: Annotated[int, Field(ge=1900, le=2100)]
    targetValue: Annotated[float, Field(allow_inf_nan=False)]
    direction: Literal['increase', 'decrease', 'maintain']
    publishedUrl: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')] = None
    planDocument: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    submittedAt: Annotated[str, Field(pattern='^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')] = None


class Measure(_Closed):
    """measure / 取組"""

    context: Literal[CONTEXT_URL] = Field(alias="@context")
    id: Annotated[str, Field(alias="@id", pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    type: Literal['Measure'] = Field(alias="@type")
    disclosure: Literal['public', 'members', 'confidential']
    sourceRecordId: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    sourceSystem: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    owner: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    target: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')] = None
    description: Annotated[dict[Literal['ja', 'en'], Annotated[str, Field(min_length=1, max_length=2000)]], Field(min_length=1)]
    measureCategory: Literal['design_for_circularity', 'circular_procurement', 'industrial_symbiosis', 'reduce', 'reuse', 'repair', 'sharing', 'refurbish', 'remanufacture', 'reverse_logistics', 'cascading', 'recycling', 'energy_recovery', 'other']
    startDate: Annotated[str, Field(pattern='^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')] = None
    endDate: Annotated[str, Field(pattern='^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')] = None


class FollowUpReport(_Closed):
    """follow-up report / フォローアップ報告"""

    context: Literal[CONTEXT_URL] = Field(alias="@context")
    id: Annotated[str, Field(alias="@id", pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    type: Literal['FollowUpReport'] = Field(alias="@type")
    disclosure: Literal['public', 'members', 'confidential']
    sourceRecordId: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    sourceSystem: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    target: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    reporter: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    period: Annotated[str, Field(pattern='^(FY)?(19|20)[0-9]{2}$|^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$')]
    achievedValue: Annotated[float, Field(allow_inf_nan=False)] = None
    valueUnit: Literal['KGM', 'GRM', 'MGM', 'TNE', 'KTN', 'DTN', 'LBR', 'ONZ', 'STN', 'LTN', 'H87', 'C62', 'EA', 'NAR', 'LTR', 'MTQ', 'MTR', 'KMT', 'MTK', 'KMK', 'KWH', 'MWH', 'GWH', 'GJ', 'P1', 'ANN', 'DAY', 'HUR', 'MIN'] = None
    narrative: Annotated[dict[Literal['ja', 'en'], Annotated[str, Field(min_length=1, max_length=2000)]], Field(min_length=1)] = None
    evidence: list[Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]] = None
    submittedAt: Annotated[str, Field(pattern='^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')] = None
    reviewStatus: Literal['submitted', 'under_review', 'accepted', 'returned'] = None


class Project(_Closed):
    """project / プロジェクト"""

    context: Literal[CONTEXT_URL] = Field(alias="@context")
    id: Annotated[str, Field(alias="@id", pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    type: Literal['Project'] = Field(alias="@type")
    disclosure: Literal['public', 'members', 'confidential']
    sourceRecordId: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    sourceSystem: Annotated[str, Field(pattern='^[^\\x00]{1,2000}$')] = None
    name: Annotated[dict[Literal['ja', 'en'], Annotated[str, Field(min_length=1, max_length=2000)]], Field(min_length=1)]
    coordinator: Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]
    participants: list[Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]] = None
    description: Annotated[dict[Literal['ja', 'en'], Annotated[str, Field(min_length=1, max_length=2000)]], Field(min_length=1)] = None
    startDate: Annotated[str, Field(pattern='^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')] = None
    endDate: Annotated[str, Field(pattern='^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')] = None
    regions: list[Annotated[str, Field(pattern='^(JP|0[1-9]|[1-3][0-9]|4[0-7]|(0[1-9]|[1-3][0-9]|4[0-7])[0-9]{4})$'), AfterValidator(check_municipality_code)]] = None
    results: list[Annotated[str, Field(pattern='^(https?://[^\\s<>"{}|\\\\^`]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s<>"{}|\\\\^`]+)$')]] = None
    disclosureDate: Annotated[str, Field(pattern='^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')] = None


RECORD_MODELS = {m.__name__: m for m in (Organization, Facility, Product, MaterialFlow, ProcessRecord, StockRecord, RegionStatistics, Target, Measure, FollowUpReport, Project)}
