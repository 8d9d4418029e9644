"""GS1 EPCIS 2.0 JSON/JSON-LD → ProcessRecord and MaterialFlow records.

- TransformationEvent → ProcessRecord (inputs/outputs from the quantity and EPC lists).
  Masses in Rec 20 mass units are kept as given; pieces (H87, C62, EA, no uom, single EPCs)
  become mass only through a configured unit mass, otherwise they are reported. When no input
  has a mass the record would be incomplete, so the outputs are emitted as MaterialFlows out
  of the process stage instead, and the report says so.
- ObjectEvent whose bizStep moves material (commissioning, shipping, destroying, recovery …,
  configurable) → one MaterialFlow per quantity with a mass.
- Aggregation, Association and Transaction events and observation steps are skipped with a
  reason: they describe packing, assembly links, business transactions or readings, not
  material moving between life-cycle stages.
Every event is first checked against EPCIS 2.0/CBV 2.0 rules; invalid events are errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field

from junkan_connect.canonical import content_hash
from junkan_connect.connector import Connector, ConnectorConfig, ItemError, Record, Skip
from junkan_connect.connectors._epcis_rules import (
    EVENT_TYPES,
    GS1_CONTEXTS,
    PIECE_UNITS,
    bare_cbv,
    cbv_warnings,
    check_event,
    gtin_of,
)
from junkan_connect.records import mass, mass_unit, mint_iri, month_of, new_record
from junkan_connect.sources import Source, read_json, source_name
from junkan_connect.vocab import code_list, to_kg

MASS_UNITS = frozenset(c.code for c in code_list("units") if "kgFactor" in c.attributes)


class UnitMass(BaseModel):
    value: float = Field(gt=0)
    unit: str = "KGM"


# TransformationEvent bizStep → process type (a stage code)
PROCESS_TYPES = {
    "commissioning": "manufacturing",
    "creating_class_instance": "manufacturing",
    "assembling": "manufacturing",
    "repairing": "repair",
    "destroying": "pre_treatment",
    "disassembling": "pre_treatment",
    "oec:BizStep-recovery": "recycling",
    "oec:BizStep-recycling": "recycling",
}
# ObjectEvent bizStep → (fromStage, toStage) of the material flow it records
# ObjectEvent steps skipped on purpose, with the reason
OBJECT_SKIPS = {
    "receiving": (
        "mirrors-shipping",
        "receiving records the other end of a shipment; the shipping event carries the "
        "flow (map receiving in object_flows when you capture only receipts)",
    ),
}
OBJECT_FLOWS = {
    "commissioning": ("manufacturing", "distribution"),
    "shipping": ("distribution", "use"),
    "decommissioning": ("use", "collection"),
    "collecting": ("use", "collection"),
    # destroyed objects become waste; the treatment route is not in the event
    "destroying": ("use", "waste_generation"),
    "repairing": ("use", "repair"),
    "oec:BizStep-recovery": ("collection", "recycling"),
}


class EpcisConfig(ConnectorConfig):
    materials: dict[str, str] = Field(
        default_factory=dict, description="EPC class, EPC or GTIN-14 → material code"
    )
    default_material: str | None = Field(None, description="material when none is mapped")
    unit_masses: dict[str, UnitMass] = Field(
        default_factory=dict, description="EPC class, EPC or GTIN-14 → mass of one piece"
    )
    process_types: dict[str, str] = Field(
        default_factory=dict, description="extra bizStep → processType (overrides defaults)"
    )
    object_flows: dict[str, tuple[str, str]] = Field(
        default_factory=dict, description="extra ObjectEvent bizStep → [fromStage, toStage]"
    )
    default_process_type: str = "manufacturing"
    facilities: dict[str, str] = Field(
        default_factory=dict, description="bizLocation id (SGLN/GLN IRI) → hub Facility IRI"
    )


def _events(doc: Any) -> tuple[str, list[Any]]:
    """(JSON pointer of the event list, events) for documents, query results or bare events."""
    if isinstance(doc, list):
        return "", doc
    if not isinstance(doc, dict):
        raise ItemError("not-epcis", "the document is not a JSON object")
    kind = doc.get("type")
    if isinstance(kind, str) and kind in EVENT_TYPES:
        return "", [doc]
    body = doc.get("epcisBody")
    body = body if isinstance(body, dict) else {}
    if isinstance(body.get("eventList"), list):
        return "/epcisBody/eventList", body["eventList"]
    results = body.get("queryResults")
    results = results.get("resultsBody") if isinstance(results, dict) else None
    if isinstance(results, dict) and isinstance(results.get("eventList"), list):
        return "/epcisBody/queryResults/resultsBody/eventList", results["eventList"]
    raise ItemError("not-epcis", "no epcisBody.eventList or query results found")


class EpcisConnector(Connector):
    name = "epcis"
    version = "0.1.0"
    description = "GS1 EPCIS 2.0 events → ProcessRecord / MaterialFlow"
    Config = EpcisConfig
    config: EpcisConfig

    def __init__(self, config: Any = None, **overrides: Any) -> None:
        super().__init__(config, **overrides)
        self.process_types = {**PROCESS_TYPES, **self.config.process_types}
        self.object_flows = {**OBJECT_FLOWS, **self.config.object_flows}
        self._converted = False
        self._known_materials: dict[str, str] = {}  # identifier → material, once resolved

    def read(self, source: Source) -> Iterator[Record]:
        name = source_name(source)
        doc = read_json(source)
        try:
            self._check_context(doc, name)
            pointer, events = _events(doc)
        except ItemError as exc:
            self.report.error(name, exc.code, str(exc))
            return
        for index, event in enumerate(events):
            location = f"{name}#{pointer}/{index}"
            yield from self.map_item(location, self._event, event, location)

    def _check_context(self, doc: Any, name: str) -> None:
        if isinstance(doc, list):
            return
        context = doc.get("@context") if isinstance(doc, dict) else None
        if context is None:
            raise ItemError("missing-context", "an EPCIS 2.0 JSON-LD document needs @context")
        entries = context if isinstance(context, list) else [context]
        urls = [c for c in entries if isinstance(c, str)]
        if not any(url in GS1_CONTEXTS for url in urls):
            raise ItemError("unknown-context", f"no GS1 EPCIS context among {urls}")
        for entry in entries:
            if not (isinstance(entry, str) and entry in GS1_CONTEXTS):
                self.report.note(
                    name,
                    "extension-context",
                    f"extension context {entry!r} recognised by name, not fetched",
                    severity="info",
                )

    # -- one event ----------------------------------------------------------------------------

    def _event(self, event: Any, location: str) -> list[Record]:
        if not isinstance(event, dict):
            raise ItemError("not-an-event", "event is not a JSON object")
        problems = check_event(event)
        if problems:
            raise ItemError(problems[0][0], "; ".join(message for _, message in problems))
        for code, message in cbv_warnings(event):
            self.report.note(location, code, message)
        etype = event["type"]
        if etype == "TransformationEvent":
            return self._transformation(event, location)
        if etype == "ObjectEvent":
            return self._object(event, location)
        raise Skip(
            "not-a-material-flow",
            f"{etype} records packing, assembly links or "
            "business transactions, not material moving between stages",
        )

    def _context(self, event: dict[str, Any], location: str) -> dict[str, Any]:
        """Fields shared by every record of an event: reporter, region, period, ids."""
        reporter = self.config.reporter or self._party(event)
        if reporter is None:
            raise ItemError(
                "missing-reporter", "set `reporter` in the config (the event has no owning party)"
            )
        if self.config.region is None:
            raise ItemError(
                "missing-region", "set `region` in the config (EPCIS has no JIS region codes)"
            )
        event_id = event.get("eventID") or "sha256:" + content_hash(event)
        fields = {
            "disclosure": self.config.disclosure,
            "period": month_of(event["eventTime"]),
            "region": self.config.region,
            "reporter": reporter,
            "sourceRecordId": event_id,
            "sourceSystem": self.source_system,
        }
        facility = self.facility_iri((event.get("bizLocation") or {}).get("id"), location)
        if facility:
            fields["facility"] = facility
        return fields

    @staticmethod
    def _party(event: dict[str, Any]) -> str | None:
        for entry in event.get("sourceList") or ():
            if bare_cbv(entry.get("type", "")) == "owning_party":
                return entry.get("source")
        return None

    def _material(self, identifier: str, location: str) -> str | None:
        gtin = gtin_of(identifier)
        found = self.config.materials.get(identifier) or (
            self.config.materials.get(gtin) if gtin else None
        )
        if found is not None or self.config.default_material is not None:
            self._known_materials[identifier] = found or self.config.default_material
        if found is None and self.config.default_material is None:
            self.report.note(
                location,
                "unknown-material",
                f"no material configured for {identifier}",
                identifier=identifier,
            )
        return found or self.config.default_material

    def _unit_mass(self, identifier: str) -> UnitMass | None:
        gtin = gtin_of(identifier)
        return self.config.unit_masses.get(identifier) or (
            self.config.unit_masses.get(gtin) if gtin else None
        )

    def _amount(
        self, identifier: str, quantity: float, uom: str | None, where: tuple[str, str, int]
    ) -> dict[str, Any] | None:
        """A MaterialAmount, or None (with a report note) when it has no mass or material.

        `where` is (event location, list key, index), formatted only when a note is written.
        """
        if uom is not None and mass_unit(uom):
            measured = {"unit": uom, "value": quantity}
        elif uom is None or uom in PIECE_UNITS:
            unit_mass = self._unit_mass(identifier)
            if unit_mass is None:
                self.report.note(
                    "{}/{}/{}".format(*where),
                    "unit-mass-unknown",
                    f"{quantity} {uom or 'pieces'} of {identifier}: configure "
                    "unit_masses to convert",
                    identifier=identifier,
                    quantity=quantity,
                    uom=uom or "EA",
                )
                return None
            measured = mass(round(quantity * unit_mass.value, 9), unit_mass.unit)
            self._converted = True
        else:
            self.report.note(
                "{}/{}/{}".format(*where),
                "not-a-mass-unit",
                f"{quantity} {uom} of {identifier} is not a mass",
                identifier=identifier,
                quantity=quantity,
                uom=uom,
            )
            return None
        material = self._material(identifier, where[0])
        return None if material is None else {"mass": measured, "material": material}

    def _amounts(self, event: dict[str, Any], side: str, location: str) -> list[dict]:
        """MaterialAmounts of one side ("input", "output" or "" for an ObjectEvent)."""
        quantities = f"{side}QuantityList" if side else "quantityList"
        epcs = f"{side}EPCList" if side else "epcList"
        amounts = []
        known = self._known_materials
        for i, element in enumerate(event.get(quantities) or ()):
            uom = element.get("uom")
            material = known.get(element["epcClass"]) if uom in MASS_UNITS else None
            if material is not None:  # the common case, without the general path's calls
                mass_ = {"unit": uom, "value": element.get("quantity", 1)}
                amounts.append({"mass": mass_, "material": material})
                continue
            found = self._amount(
                element["epcClass"],
                element.get("quantity", 1),
                element.get("uom"),
                (location, quantities, i),
            )
            if found:
                amounts.append(found)
        for i, epc in enumerate(event.get(epcs) or ()):
            found = self._amount(epc, 1, None, (location, epcs, i))
            if found:
                amounts.append(found)
        return amounts

    def _transformation(self, event: dict[str, Any], location: str) -> list[Record]:
        step = bare_cbv(event.get("bizStep") or "")
        process = self.process_types.get(step, self.config.default_process_type)
        self._converted = False
        inputs = self._amounts(event, "input", location)
        outputs = self._amounts(event, "output", location)
        if not inputs and not outputs:
            raise Skip("no-mass", "no input or output has a mass (see the notes)")
        fields = self._context(event, location)
        if not inputs:
            self.report.note(
                location,
                "inputs-not-weighed",
                "no input has a mass, so the process record holds its outputs only "
                "(configure unit_masses to weigh counted inputs)",
            )
        record = new_record(
            "ProcessRecord", mint_iri(self.id_base, "processrecord", fields["sourceRecordId"])
        )
        record.update(fields)
        record["processType"] = process
        record["sourceEventId"] = fields["sourceRecordId"]
        if inputs:
            record["inputs"] = inputs
        if outputs:
            record["outputs"] = outputs
            if inputs and self._converted:  # pieces became masses: show the balance
                self._note_balance(inputs, outputs, location)
        return [record]

    def _note_balance(self, inputs: list[dict], outputs: list[dict], location: str) -> None:
        total_in = sum(to_kg(a["mass"]["value"], a["mass"]["unit"]) for a in inputs)
        total_out = sum(to_kg(a["mass"]["value"], a["mass"]["unit"]) for a in outputs)
        self.report.note(
            location,
            "mass-balance",
            f"inputs {total_in:g} kg, outputs "
            f"{total_out:g} kg, unaccounted {total_in - total_out:g} kg",
            severity="info",
            input_kg=total_in,
            output_kg=total_out,
            unaccounted_kg=round(total_in - total_out, 9),
        )

    def _flows(
        self, fields: dict[str, Any], source: str, target: str, amounts: list[dict]
    ) -> list[Record]:
        records = []
        for i, amount in enumerate(amounts):
            key = f"{fields['sourceRecordId']}#{i}"
            record = new_record("MaterialFlow", mint_iri(self.id_base, "materialflow", key))
            record.update(fields)
            record.update(
                fromStage=source,
                toStage=target,
                mass=amount["mass"],
                material=amount["material"],
                sourceRecordId=key,
            )
            records.append(record)
        return records

    def _object(self, event: dict[str, Any], location: str) -> list[Record]:
        step = bare_cbv(event.get("bizStep") or "")
        stages = self.object_flows.get(step)
        if stages is None and step in OBJECT_SKIPS:
            raise Skip(*OBJECT_SKIPS[step])
        if stages is None:
            raise Skip(
                "not-a-material-flow",
                f"bizStep {step or '(none)'!r} does not move "
                "material (add it to object_flows to map it)",
            )
        amounts = self._amounts(event, "", location)
        if not amounts:
            raise Skip("no-mass", "no quantity has a mass (see the notes)")
        return self._flows(self._context(event, location), stages[0], stages[1], amounts)
