"""Weighbridge tickets → Junkan MaterialFlow records.

A recycling yard's weighbridge writes one CSV row per weighed truck:

    ticket,date,direction,material,gross_kg,tare_kg,partner
    T-1001,2025-04-02,in,PET bottles,14200,9800,city-collection

`in` tickets are deliveries (collection → recycling), `out` tickets are shipments of
recyclate (recycling → material_production). The net mass is gross − tare.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from junkan_connect import Connector, ConnectorConfig, ItemError, Skip
from junkan_connect.records import as_number, mass, mint_iri, month_of, new_record
from junkan_connect.sources import Source, read_rows, source_name

__version__ = "0.1.0"

DIRECTIONS = {"in": ("collection", "recycling"), "out": ("recycling", "material_production")}


class WeighbridgeConfig(ConnectorConfig):
    materials: dict[str, str] = Field(
        default_factory=dict, description="material name on the ticket → Junkan material code"
    )
    facility: str | None = Field(None, description="IRI of the yard")


class WeighbridgeConnector(Connector):
    name = "weighbridge"
    version = __version__
    description = "weighbridge tickets (CSV) → MaterialFlow"
    Config = WeighbridgeConfig
    config: WeighbridgeConfig

    def read(self, source: Source) -> Iterator[dict]:
        name = source_name(source)
        header, rows = read_rows(source)
        for line, row in rows:
            ticket = dict(zip(header, (cell.strip() for cell in row), strict=False))
            # one outcome per ticket: mapped, skipped or error, with the CSV line
            yield from self.map_item(f"{name}:{line}", self._ticket, ticket)

    def _ticket(self, ticket: dict[str, str]) -> list[dict]:
        if ticket.get("direction") == "void":
            raise Skip("void-ticket", "the weighing was cancelled")
        stages = DIRECTIONS.get(ticket.get("direction", ""))
        if stages is None:
            raise ItemError("unknown-direction", f"direction {ticket.get('direction')!r}")
        material = self.config.materials.get(ticket.get("material", ""))
        if material is None:
            raise ItemError("unknown-material", f"map {ticket.get('material')!r} in `materials`")
        gross, tare = as_number(ticket.get("gross_kg")), as_number(ticket.get("tare_kg"))
        if gross is None or tare is None or gross < tare:
            raise ItemError("invalid-weight", f"gross {gross} / tare {tare}")
        period = month_of(ticket.get("date"))
        if period is None or self.config.region is None or self.config.reporter is None:
            raise ItemError("missing-field", "needs a date, and `region`/`reporter` in config")
        record = new_record(
            "MaterialFlow", mint_iri(self.id_base, "materialflow", ticket["ticket"])
        )
        record.update(
            disclosure=self.config.disclosure,
            fromStage=stages[0],
            toStage=stages[1],
            material=material,
            mass=mass(gross - tare, "KGM"),
            period=period,
            region=self.config.region,
            reporter=self.config.reporter,
            dataQuality="measured",
            sourceRecordId=ticket["ticket"],
            sourceSystem=self.source_system,
        )
        if self.config.facility:
            record["facility"] = self.config.facility
        return [record]
