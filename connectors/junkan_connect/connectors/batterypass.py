"""Battery Pass payloads (io.BatteryPass.* 1.0/1.2 aspects, Catena-X battery pass 6.x) → Product.

One payload file is one input item and becomes one Product record carrying what that aspect
holds: general product information (identifier, category, mass), material composition
(component masses), circularity (pre/post-consumer recycled shares per material) and the
carbon footprint (absolute, per battery). Aspects of one passport share the Product IRI when
they name the same passport, or when `passport_id` is configured. Files are read in any
Unicode encoding (the 1.2 payloads are UTF-16LE with a BOM). Placeholder numbers
(±1.797e308, 1e38-like) are reported and never stored. SAMM model files (-ld.json) and JSON
Schemas are recognised and skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import Field

from junkan_connect.connector import Connector, ConnectorConfig, ItemError, Record, Skip
from junkan_connect.connectors._samm import (
    SAMM_MASS_UNITS,
    as_fraction,
    get,
    is_placeholder,
    placeholders,
)
from junkan_connect.records import drop_none, mass, mint_iri, new_record
from junkan_connect.sources import Source, read_json, source_name

# battery material names (as written in the payloads) → material codes
MATERIALS = {
    "lithium": "lithium",
    "cobalt": "cobalt",
    "nickel": "nickel",
    "lead": "lead",
    "manganese": "manganese",
    "graphite": "graphite",
    "aluminium": "aluminium",
    "aluminum": "aluminium",
    "copper": "copper",
    "iron": "iron_steel",
    "steel": "iron_steel",
    "silicon": "silicon",
}
NOT_MAPPED = {
    "batteryTechicalProperties": "performance and durability values",
    "technicalSpecification": "performance and durability values",
    "labels": "labels and declarations",
    "materialSymbols": "labels and declarations",
    "supplyChainDueDiligenceReport": "a due-diligence report reference",
}


class BatteryPassConfig(ConnectorConfig):
    passport_id: str | None = Field(
        None, description="IRI key shared by all aspects of one passport"
    )
    product_name: str | None = None
    materials: dict[str, str] = Field(
        default_factory=dict, description="extra material name/CAS → material code"
    )


class BatteryPassConnector(Connector):
    name = "batterypass"
    version = "0.1.0"
    description = "Battery Pass aspect payloads (incl. UTF-16) → Product"
    Config = BatteryPassConfig
    config: BatteryPassConfig

    def convert(self, sources: Iterable[Source]) -> Iterator[Record]:
        """As Connector.convert, but the aspects of one passport become one Product: the hub
        refuses two records with the same @id in one submission."""
        merged: dict[str, Record] = {}
        for record in super().convert(sources):
            iri = record["@id"]
            if iri in merged:
                merged[iri] = merge_products(merged[iri], record)
                self.report.note(
                    iri,
                    "aspects-merged",
                    "another aspect of this passport was merged into the same Product",
                    severity="info",
                )
            else:
                merged[iri] = record
        yield from merged.values()

    def read(self, source: Source) -> Iterator[Record]:
        name = source_name(source)
        doc = read_json(source)
        yield from self.map_item(name, self._payload, doc, name)

    def _payload(self, doc: Any, name: str) -> list[Record]:
        if not isinstance(doc, dict):
            raise ItemError("not-an-aspect", "a Battery Pass payload is a JSON object")
        if "@graph" in doc or "$schema" in doc or "samm:properties" in str(doc)[:4000]:
            raise Skip("not-a-payload", "a SAMM model or JSON Schema, not passport data")
        for path, value in placeholders(doc):
            self.report.note(
                f"{name}#{path}",
                "placeholder-value",
                f"{float(value):g} is a generated placeholder, not data; not stored",
                value=float(value),
            )
        for key, what in NOT_MAPPED.items():
            if key in doc:
                raise Skip("aspect-not-mapped", f"{what}: no Product field holds them")
        fields = self._fields(doc, name)
        if not fields:
            raise Skip("nothing-to-map", "the payload holds no value a Product can store")
        return [self._product(doc, fields)]

    def _fields(self, doc: dict[str, Any], name: str) -> dict[str, Any]:
        if "catenax.battery" in str(doc.get("specVersion", "")):
            return self._catenax(doc)
        fields: dict[str, Any] = {}
        category = doc.get("batteryCategory")
        if isinstance(category, str):
            fields["category"] = f"battery:{category}"
        weight = doc.get("batteryMass", doc.get("batteryWeight"))
        if _usable(weight) and weight > 0:
            fields["unitMass"] = mass(weight, "KGM")
        components = self._composition(doc.get("batteryMaterials"), name)
        components += self._recycled(doc.get("recycledContent"), name)
        if components:
            fields["materialComposition"] = components
        footprint = doc.get("absoluteCarbonFootprint")
        if _usable(footprint) and footprint >= 0:
            fields["carbonFootprint"] = footprint
        elif _usable(doc.get("batteryCarbonFootprint")):
            self.report.note(
                name,
                "carbon-footprint-per-kwh",
                "batteryCarbonFootprint is per "
                "kWh of energy; Product.carbonFootprint is per battery",
            )
        return fields

    def _catenax(self, doc: dict[str, Any]) -> dict[str, Any]:
        part = get(doc, "identification", "identification", "type") or {}
        fields: dict[str, Any] = {}
        if part.get("nameAtManufacturer"):
            fields["name"] = {"en": part["nameAtManufacturer"]}
        if part.get("manufacturerPartId"):
            fields["modelNumber"] = part["manufacturerPartId"]
        if get(doc, "identification", "category"):
            fields["category"] = f"battery:{doc['identification']['category']}"
        weight = get(doc, "characteristics", "physicalDimension", "weight") or {}
        unit = SAMM_MASS_UNITS.get(weight.get("unit", ""))
        if unit and _usable(weight.get("value")) and weight["value"] > 0:
            fields["unitMass"] = mass(weight["value"], unit)
        return fields

    def _material(self, *names: Any) -> str | None:
        for raw in names:
            if isinstance(raw, str):
                key = raw.strip()
                found = self.config.materials.get(key) or MATERIALS.get(key.lower())
                if found:
                    return found
        return None

    def _composition(self, entries: Any, name: str) -> list[dict[str, Any]]:
        components = []
        for i, entry in enumerate(entries or ()):
            material = self._material(
                entry.get("batteryMaterialName"),
                entry.get("batteryMaterialIdentifier"),
                entry.get("materialIdentifier"),
            )
            if material is None:
                self.report.note(
                    f"{name}#batteryMaterials[{i}]",
                    "unknown-material",
                    f"no material code for {entry.get('batteryMaterialName')!r}",
                )
                continue
            weight = entry.get("batteryMaterialMass", entry.get("batteryMaterialWeight"))
            component = {"material": material}
            if _usable(weight) and weight > 0:
                component["mass"] = mass(weight, "KGM")
            components.append(component)
        return components

    def _recycled(self, entries: Any, name: str) -> list[dict[str, Any]]:
        components = []
        for i, entry in enumerate(entries or ()):
            material = self._material(entry.get("recycledMaterial"))
            where = f"{name}#recycledContent[{i}]"
            if material is None:
                self.report.note(
                    where,
                    "unknown-material",
                    f"no material code for {entry.get('recycledMaterial')!r}",
                )
                continue
            pre = as_fraction(entry.get("preConsumerShare"), "unit:percent")
            post = as_fraction(entry.get("postConsumerShare"), "unit:percent")
            if pre is not None and post is not None and pre + post > 1:
                self.report.note(
                    where,
                    "shares-exceed-total",
                    f"pre- and post-consumer shares add up to {100 * (pre + post):g} %",
                    severity="warning",
                )
            components.append(
                drop_none(
                    {
                        "material": material,
                        "recycledFractionPreConsumer": pre,
                        "recycledFractionPostConsumer": post,
                    }
                )
            )
        return components

    def _product(self, doc: dict[str, Any], fields: dict[str, Any]) -> Record:
        key = (
            self.config.passport_id
            or doc.get("productPassportIdentifier")
            or get(doc, "metadata", "passportIdentifier")
            or doc.get("productIdentifier")
        )
        if not key:
            raise ItemError(
                "missing-passport-id",
                "the payload names no passport: set `passport_id` so its aspects share one Product",
            )
        if self.config.reporter is None:
            raise ItemError("missing-reporter", "set `reporter` (the battery producer)")
        name = self.config.product_name or f"battery {doc.get('productIdentifier') or key}"
        record = new_record("Product", mint_iri(self.id_base, "product", key))
        record.update(
            disclosure=self.config.disclosure,
            name={"en": name[:2000]},
            producer=self.config.reporter,
            sourceRecordId=str(key),
            sourceSystem=self.source_system,
        )
        record.update(fields)
        return record


def merge_products(first: Record, second: Record) -> Record:
    """Fields of both; material components merged per material (later values win)."""
    merged = {**first, **{k: v for k, v in second.items() if k != "name"}}
    components: dict[str, dict[str, Any]] = {}
    for component in first.get("materialComposition", []) + second.get("materialComposition", []):
        components.setdefault(component["material"], {}).update(component)
    if components:
        merged["materialComposition"] = list(components.values())
    return merged


def _usable(value: Any) -> bool:
    return type(value) in (int, float) and not is_placeholder(value)
