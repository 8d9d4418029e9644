"""Member organisations and their API keys."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from junkan.db.base import Base, UtcDateTime
from junkan_connect.vocab.sizes import IRI_BYTES


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # The IRI records use for this organisation (reporter, owner, producer, operator). A key of
    # a unique index, whose entries are bounded in bytes: checked in bytes of UTF-8 on input.
    iri: Mapped[str] = mapped_column(String(IRI_BYTES), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    name_ja: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    corporate_number: Mapped[str | None] = mapped_column(String(13), unique=True)
    municipality_code: Mapped[str | None] = mapped_column(String(6), unique=True)
    prefecture_code: Mapped[str | None] = mapped_column(String(2))
    # The enterprise group: the parent organisation. Disclosure control counts all
    # organisations under one parent as a single contributor.
    group_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    member_since: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    label: Mapped[str | None] = mapped_column(String(200))
    # SHA-256 of the whole secret; the secret itself is shown once and never stored.
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
