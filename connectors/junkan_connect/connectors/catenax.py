"""Catena-X aspect payloads (SAMM JSON) → ProcessRecord and Product records.

Mapped aspects: material accounting RecyclingBatch (each child process step → ProcessRecord
with inputs = outputs + loss), Digital Product Passport 6.x/7.x and PCF (→ Product), secondary
material content (→ Product with recycled fractions). Certificates, end-of-life stories, waste
descriptions and part master data carry no masses or compositions we can store; they are
skipped with the reason. Percentages (0..100) and ppm become 0..1 fractions; placeholder
numbers (±1.797e308, 1e38-like) are reported and never used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from junkan_connect.connector import Connector, ConnectorConfig, ItemError, Record, Skip
from junkan_connect.connectors._samm import (
    applicable,
    as_fraction,
    get,
    is_placeholder,
    language,
    placeholders,
)
from junkan_connect.records import drop_none, mass, mint_iri, month_of, new_record
from junkan_connect.sources import Source, read_json, source_name

PROCESS_TYPES = {
    "dismantling": "pre_treatment",
    "shredding": "pre_treatment",
    "sorting": "sorting",
    "recycling": "recycling",
    "collection": "collection",
    "remanufacturing": "remanufacture",
    "repair": "repair",
}
# aspects recognised but not mapped: key that identifies them → why
NOT_MAPPED = {
    "certificate": "a certificate (reuse, repair, remanufacturing, refurbishing, recycling or "
    "waste) names parts and dates but no masses",
    "recyclingStrategyCertificateProperty": "a recycling strategy certificate holds no masses",
    "recyclingStatus": "an end-of-life story describes one part's condition, not a flow",
    "dismantlerProperties": "a certificate of destruction holds no masses",
    "certificateNumber": "a certificate of dismantler describes a company, not a flow",
    "riskPotential": "a waste description has composition percentages but no quantity",
    "childItems": "a bill of material links parts, it has no material masses",
    "localIdentifiers": "part master data (batch/serial part) has no material content",
    "partTypeInformation": "part type master data has no material content",
    "materialFlowScenarioRequest": "a simulation request is not reported data",
    "materialFlowSimulationResult": "simulation results are not reported data",
    "materialSourceShares": "recycling information gives shares for an asset without its "
    "material or mass",
    "anonymizedVin": "vehicle information describes a vehicle, not a material flow",
    "chemicalCharacterization": "material master data has no quantity",
    "wasteCode": "a waste code alone has no quantity",
    "specific": "a chemical material passport has no product or flow quantity",
    "materials": "a material-accounting composition names materials of an asset without its mass",
}


class CatenaxConfig(ConnectorConfig):
    materials: dict[str, str] = Field(
        default_factory=dict, description="material name, CAS number or class → material code"
    )
    default_material: str | None = None
    parties: dict[str, str] = Field(default_factory=dict, description="BPN → organisation IRI")
    process_types: dict[str, str] = Field(default_factory=dict)
    recycled_as: Literal["post_consumer", "pre_consumer"] | None = Field(
        None, description="how to store a 'recycled' share whose origin the payload omits"
    )


class CatenaxConnector(Connector):
    name = "catenax"
    version = "0.1.0"
    description = "Catena-X aspects (RecyclingBatch, DPP, PCF, secondary material content)"
    Config = CatenaxConfig
    config: CatenaxConfig

    def read(self, source: Source) -> Iterator[Record]:
        name = source_name(source)
        doc = read_json(source)
        for path, value in placeholders(doc):
            self.report.note(
                f"{name}#{path}",
                "placeholder-value",
                f"{float(value):g} is a placeholder, not data; ignored",
                value=float(value),
            )
        yield from self.map_item(name, self._aspect, doc, name)

    def _aspect(self, doc: Any, name: str) -> list[Record]:
        if not isinstance(doc, dict):
            raise ItemError("not-an-aspect", "a Catena-X aspect payload is a JSON object")
        if "childProcessSteps" in doc:
            return self._recycling_batch(doc, name)
        if "productLifeCycleStagesAndEmissions" in doc:
            return [self._pcf(doc, name)]
        if "secondaryMaterialContent" in doc:
            return [self._secondary_content(doc, name)]
        if "battery" in str(doc.get("specVersion", "")):
            raise Skip(
                "use-batterypass-connector",
                "a Catena-X battery pass: convert it with the batterypass connector",
            )
        if (
            "digital_product_passport" in str(get(doc, "metadata", "specVersion", default=""))
            or {"metadata", "identification"} <= doc.keys()
        ):
            return [self._passport(doc, name)]
        for key, reason in NOT_MAPPED.items():
            if key in doc:
                raise Skip("aspect-not-mapped", reason)
        raise Skip("unknown-aspect", f"no mapping for an aspect with keys {sorted(doc)[:6]}")

    # -- shared ---------------------------------------------------------------------------

    def _party(self, bpn: Any) -> str:
        iri = self.config.parties.get(bpn) if isinstance(bpn, str) else None
        iri = iri or self.config.reporter
        if iri is None:
            raise ItemError("missing-reporter", f"map BPN {bpn!r} in `parties` or set `reporter`")
        return iri

    def _material(self, *keys: Any) -> str | None:
        for key in keys:
            if isinstance(key, str) and key in self.config.materials:
                return self.config.materials[key]
        return self.config.default_material

    def _product(self, key: str, name: str, lang: str, producer: str) -> Record:
        record = new_record("Product", mint_iri(self.id_base, "product", key))
        record.update(
            disclosure=self.config.disclosure,
            name={lang: name[:2000]},
            producer=producer,
            sourceRecordId=key,
            sourceSystem=self.source_system,
        )
        return record

    # -- RecyclingBatch -------------------------------------------------------------------

    def _recycling_batch(self, doc: dict[str, Any], name: str) -> list[Record]:
        info = doc.get("processInformation") or {}
        kind = str(info.get("processType", "")).lower()
        process = self.config.process_types.get(kind) or PROCESS_TYPES.get(kind, "recycling")
        recovery = (
            "recycling_chemical"
            if info.get("chemicalRecycling")
            else "recycling_mechanical"
            if info.get("mechanicalRecycling")
            else None
        )
        if self.config.region is None:
            raise ItemError("missing-region", "set `region` in the config")
        material = self._material(doc.get("recyclingBatchId"))
        if material is None:
            raise ItemError(
                "unknown-material",
                "RecyclingBatch names no material: set "
                "`default_material` or map the batch id in `materials`",
            )
        reporter = self._party(get(doc, "operator", "bpnsProperty"))
        batch = doc.get("recyclingBatchId") or doc.get("globalAssetId")
        return [
            self._step(step, i, batch, process, recovery, material, reporter, name)
            for i, step in enumerate(doc["childProcessSteps"])
        ]

    def _step(
        self,
        step: dict[str, Any],
        index: int,
        batch: str,
        process: str,
        recovery: str | None,
        material: str,
        reporter: str,
        name: str,
    ) -> Record:
        masses = _step_masses(step, index)
        period = month_of(step.get("endTimestamp") or step.get("measurementTimestamp"))
        if period is None:
            raise ItemError("missing-period", f"childProcessSteps[{index}] has no timestamp")
        key = f"{batch}#{index}"
        record = new_record("ProcessRecord", mint_iri(self.id_base, "processrecord", key))
        output = drop_none(
            {
                "mass": mass(masses["outputNetMass"], "KGM"),
                "material": material,
                "recoveryType": recovery,
            }
        )
        record.update(
            disclosure=self.config.disclosure,
            period=period,
            region=self.config.region,
            reporter=reporter,
            processType=process,
            inputs=[{"mass": mass(masses["inputNetMass"], "KGM"), "material": material}],
            outputs=[output],
            sourceRecordId=key,
            sourceSystem=self.source_system,
        )
        if masses["processLoss"]:
            record["losses"] = [{"mass": mass(masses["processLoss"], "KGM"), "material": material}]
        self._note_gap(masses, index, name)
        return record

    def _note_gap(self, masses: dict[str, float], index: int, name: str) -> None:
        gap = masses["inputNetMass"] - masses["outputNetMass"] - masses["processLoss"]
        if abs(gap) > 1e-9 * max(masses["inputNetMass"], 1):
            self.report.note(
                name,
                "mass-imbalance",
                f"step {index}: input − output − loss = {gap:g} kg",
                unaccounted_kg=gap,
            )

    # -- Digital Product Passport ---------------------------------------------------------

    def _passport(self, doc: dict[str, Any], name: str) -> Record:
        meta = doc.get("metadata") or {}
        ident = doc.get("identification") or {}
        part = ident.get("partTypeInformation") or ident.get("type") or {}
        title = part.get("nameAtManufacturer")
        if not title:
            raise ItemError("missing-name", "the passport has no nameAtManufacturer")
        producer = self._party(
            get(doc, "operation", "manufacturer", "manufacturer")  # 6.x
            or get(
                doc, "operation", "manufacturing", "manufacturer", "manufacturerIdentification"
            )  # 7.x
            or get(meta, "economicOperator", "economicOperatorIdentification")
        )
        key = meta.get("passportIdentifier") or part.get("manufacturerPartId") or name
        record = self._product(key, title, language(meta.get("language")), producer)
        if part.get("manufacturerPartId"):
            record["modelNumber"] = part["manufacturerPartId"]
        components = self._components(doc, name)
        if components:
            record["materialComposition"] = components
        return record

    def _material_entries(self, doc: dict[str, Any]) -> list[dict[str, Any]]:
        v6 = applicable(get(doc, "materials", "materialComposition"))
        if isinstance(v6, list):
            return v6
        return get(doc, "composition", "materialInformation", "materials", default=[]) or []

    def _components(self, doc: dict[str, Any], name: str) -> list[dict[str, Any]]:
        components = []
        for i, entry in enumerate(self._material_entries(doc)):
            ids = entry.get("id") or entry.get("materialIdentifications") or []
            keys = [
                k
                for item in ids
                for k in (
                    item.get("id"),
                    item.get("name"),
                    item.get("materialId"),
                    item.get("materialName"),
                )
            ]
            material = self._material(*keys)
            where = f"{name}#materials[{i}]"
            if material is None:
                self.report.note(where, "unknown-material", f"no material code for {keys}")
                continue
            components.append(self._component(entry, material, where))
        return components

    def _component(self, entry: dict[str, Any], material: str, where: str) -> dict[str, Any]:
        concentration = entry.get("concentration")
        unit = entry.get("unit")
        if isinstance(concentration, dict):  # 7.x nests value and unit
            concentration = get(entry, "concentration", "concentrationValue")
            unit = get(entry, "concentration", "concentrationUnit")
        elif concentration is None:
            concentration = get(
                entry, "concentrationInformation", "concentration", "concentrationValue"
            )
            unit = get(entry, "concentrationInformation", "concentration", "concentrationUnit")
        component = {
            "material": material,
            "massFraction": as_fraction(concentration, unit),
            "renewableFraction": as_fraction(entry.get("renewable"), "unit:percent"),
        }
        recycled = as_fraction(entry.get("recycled"), "unit:percent")
        if recycled is not None and self.config.recycled_as is None:
            self.report.note(
                where,
                "recycled-origin-unknown",
                "a recycled share without pre/"
                "post-consumer origin is not stored (set `recycled_as`)",
                recycled=recycled,
            )
        elif recycled is not None:
            field = (
                "recycledFractionPostConsumer"
                if self.config.recycled_as == "post_consumer"
                else "recycledFractionPreConsumer"
            )
            component[field] = recycled
        origin = entry.get("materialOrigin")
        if isinstance(origin, str) and len(origin) == 2 and origin.isupper():
            component["originCountry"] = origin
        return drop_none(component)

    # -- PCF and secondary material content -----------------------------------------------

    def _pcf(self, doc: dict[str, Any], name: str) -> Record:
        info = get(doc, "companyAndProductInformation", 0, "productInformation", 0) or {}
        company = get(
            doc, "companyAndProductInformation", 0, "companyInformation", 0, "companyIds", 0
        )
        stage = get(doc, "productLifeCycleStagesAndEmissions", 0, "productionStage", 0) or {}
        title = info.get("productNameCompany")
        footprint = stage.get("pcfExcludingBiogenicUptake")
        amount = info.get("declaredUnitAmount")
        if not title or type(footprint) not in (int, float) or not amount:
            raise ItemError(
                "incomplete-pcf",
                "needs productNameCompany, declaredUnitAmount and pcfExcludingBiogenicUptake",
            )
        key = (info.get("productIds") or [title])[0]
        record = self._product(key, title, "en", self._party(company))
        # The product unit here is the PCF's declared unit (e.g. 1 liter); unit mass and
        # footprint both refer to it, so they stay consistent.
        record["carbonFootprint"] = max(footprint, 0) / amount
        per_unit = info.get("productMassPerDeclaredUnit")
        if type(per_unit) in (int, float) and not is_placeholder(per_unit) and per_unit > 0:
            record["unitMass"] = mass(per_unit, "KGM")
        self.report.note(
            name,
            "declared-unit",
            f"product unit taken as the declared unit "
            f"({amount} {info.get('declaredUnitOfMeasurement')})",
            severity="info",
        )
        return record

    def _secondary_content(self, doc: dict[str, Any], name: str) -> Record:
        components = []
        for i, entry in enumerate(doc["secondaryMaterialContent"]):
            standard = get(entry, "materialNameStandardized", "materialNameStandardizedValue")
            material = self._material(standard, entry.get("materialClass"))
            if material is None:
                self.report.note(
                    f"{name}#secondaryMaterialContent[{i}]",
                    "unknown-material",
                    f"no material code for {standard!r}",
                )
                continue
            inorganic = get(entry, "inorganic", "secondaryInorganic") or {}
            pre = _percent_sum(inorganic.get("preConsumer"))
            post = sum(_percent_sum(v) for k, v in inorganic.items() if k.startswith("post"))
            components.append(
                drop_none(
                    {
                        "material": material,
                        "recycledFractionPreConsumer": as_fraction(pre, "unit:percent"),
                        "recycledFractionPostConsumer": as_fraction(post, "unit:percent"),
                    }
                )
            )
        if not components:
            raise Skip("no-mapped-material", "no material of the declaration could be mapped")
        order = str(doc.get("orderNumber") or name)
        record = self._product(
            f"order-{order}", f"secondary material content, order {order}", "en", self._party(None)
        )
        record["materialComposition"] = components
        return record


def _step_masses(step: dict[str, Any], index: int) -> dict[str, float]:
    """The three masses of a child process step, in kg (the aspect's unit)."""
    masses = {}
    for key in ("inputNetMass", "outputNetMass", "processLoss"):
        value = step.get(key)
        if type(value) not in (int, float) or is_placeholder(value) or value < 0:
            raise ItemError(
                "invalid-mass", f"childProcessSteps[{index}].{key} {value!r} is not a mass in kg"
            )
        masses[key] = value
    return masses


def _percent_sum(block: Any) -> float:
    """Sum of percentageOfMaterialWeight over a block's recycling routes."""
    if not isinstance(block, dict):
        return 0.0
    return sum(
        v.get("percentageOfMaterialWeight", 0)
        for v in block.values()
        if isinstance(v, dict) and not is_placeholder(v.get("percentageOfMaterialWeight"))
    )
