"""Traceability events of UNTP credentials (DTE): the EPCIS-like part of the untp connector.

TransformationEvent → ProcessRecord; ObjectEvent whose bizStep moves material (the epcis
connector's defaults: commissioning, shipping, decommissioning …) → MaterialFlow per mass.
"""

from __future__ import annotations

from typing import Any

from junkan_connect.connector import ItemError, Record, Skip
from junkan_connect.connectors._epcis_rules import bare_cbv
from junkan_connect.connectors.epcis import OBJECT_FLOWS
from junkan_connect.records import as_number, mass, mass_unit, mint_iri, month_of, new_record

PROCESS_TYPES = {
    "smelting": "material_production",
    "refining": "material_production",
    "mining": "extraction",
    "recycling": "recycling",
    "sorting": "sorting",
    "manufacturing": "manufacturing",
    "assembly": "manufacturing",
    "repair": "repair",
    "remanufacturing": "remanufacture",
}


def iri_of(value: Any) -> str | None:
    """An http(s) or urn IRI (the vocabulary's forms); DIDs are not among them."""
    if isinstance(value, dict):
        value = value.get("id")
    if isinstance(value, str) and value.startswith(("https://", "http://", "urn:")):
        return value
    return None


class UntpEvents:
    """Mixed into UntpConnector; uses its config, report and helpers."""

    def _amounts(self, entries: Any, location: str) -> list[dict[str, Any]]:
        amounts = []
        for i, entry in enumerate(entries or ()):
            quantity, unit = as_number(entry.get("quantity")), entry.get("uom")
            if quantity is None or not mass_unit(unit):
                self.report.note(
                    f"{location}/{i}",
                    "not-a-mass",
                    f"{entry.get('quantity')} {unit} of {entry.get('productId')} has no mass",
                )
                continue
            material = self._material(entry.get("productId"), entry.get("productName"))
            if material is None:
                self.report.note(
                    f"{location}/{i}",
                    "unknown-material",
                    f"no material for {entry.get('productId')}",
                )
                continue
            amounts.append({"mass": mass(quantity, unit), "material": material})
        return amounts

    def _event(self, event: dict[str, Any], location: str) -> list[Record]:
        inputs = self._amounts(event.get("inputQuantityList"), f"{location}/inputQuantityList")
        outputs = self._amounts(event.get("outputQuantityList"), f"{location}/outputQuantityList")
        if not inputs:
            raise Skip("no-mass", "no input has a mass (see the notes)")
        kind = str(event.get("processType", "")).lower()
        key = str(event.get("id") or location)
        record = new_record("ProcessRecord", mint_iri(self.id_base, "processrecord", key))
        record.update(self._event_fields(event, key, location))
        record.update(
            processType=self.config.process_types.get(kind)
            or PROCESS_TYPES.get(kind, self.config.default_process_type),
            inputs=inputs,
            sourceEventId=key,
        )
        if outputs:
            record["outputs"] = outputs
        return [record]

    def _event_fields(self, event: dict[str, Any], key: str, location: str) -> dict[str, Any]:
        period = month_of(event.get("eventTime"))
        if period is None or self.config.region is None:
            raise ItemError("missing-period-or-region", "needs eventTime and `region`")
        fields = {
            "disclosure": self.config.disclosure,
            "period": period,
            "region": self.config.region,
            "reporter": self._reporter(),
            "sourceRecordId": key,
            "sourceSystem": self.source_system,
        }
        facility = self.facility_iri(iri_of(event.get("bizLocation")), location)
        if facility:
            fields["facility"] = facility
        return fields

    def _object_event(self, event: dict[str, Any], location: str) -> list[Record]:
        step = bare_cbv(str(event.get("bizStep") or ""))
        stages = OBJECT_FLOWS.get(step)
        if stages is None:
            raise Skip("not-a-material-flow", f"bizStep {step or '(none)'!r} moves no material")
        amounts = self._amounts(event.get("quantityList"), f"{location}/quantityList")
        if not amounts:
            raise Skip("no-mass", "no quantity has a mass (see the notes)")
        base = str(event.get("id") or location)
        records = []
        for i, amount in enumerate(amounts):
            key = f"{base}#{i}"
            record = new_record("MaterialFlow", mint_iri(self.id_base, "materialflow", key))
            record.update(self._event_fields(event, key, location))
            record.update(fromStage=stages[0], toStage=stages[1], **amount)
            records.append(record)
        return records
