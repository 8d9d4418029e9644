"""Tables of the flows feature: what the differencing guard has already answered."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from junkan.db.base import Base, UtcDateTime


class AnsweredCell(Base):
    """One contributor set published for one cell label, by any viewer.

    Keyed by the cell's label (its group-by values), not by viewer or query: differencing
    works across viewers and across filters, so the memory must too.
    """

    __tablename__ = "answered_cells"

    cell_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    groups_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    groups: Mapped[str] = mapped_column(Text)  # JSON list of enterprise-group ids
    first_answered_at: Mapped[datetime] = mapped_column(UtcDateTime)
