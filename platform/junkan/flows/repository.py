"""Queries on the OLTP store for raw flows (the live table, not a snapshot)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from junkan.members.models import Organization
from junkan.submissions.models import Flow, Record

RAW_COLUMNS = (
    "record_id",
    "material",
    "from_stage",
    "to_stage",
    "period",
    "region",
    "prefecture",
    "recovery_type",
    "flow_class",
    "origin",
    "data_quality",
    "uncertainty",
    "disclosure",
    "mass_kg",
    "mass_value",
    "mass_unit",
)


class FlowsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def organization_exists(self, org_id: str) -> bool:
        return self.session.get(Organization, org_id) is not None

    def raw_flows(
        self, *, organization_id: str | None, public_only: bool, limit: int, offset: int
    ) -> tuple[list[dict], int]:
        columns = [getattr(Flow, c) for c in RAW_COLUMNS]
        stmt = select(Record.iri, Flow.organization_id, *columns).join(
            Record, Record.id == Flow.record_id
        )
        count = select(func.count()).select_from(Flow)
        if organization_id is not None:
            stmt = stmt.where(Flow.organization_id == organization_id)
            count = count.where(Flow.organization_id == organization_id)
        if public_only:
            stmt = stmt.where(Flow.disclosure == "public")
            count = count.where(Flow.disclosure == "public")
        stmt = stmt.order_by(Flow.period, Flow.record_id).limit(limit).offset(offset)
        rows = [
            dict(zip(("iri", "organization_id", *RAW_COLUMNS), r, strict=True))
            for r in self.session.execute(stmt)
        ]
        return rows, self.session.scalar(count) or 0
