"""Submissions, record identities, append-only record versions and derived analytic rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from junkan.db.base import Base, UtcDateTime
from junkan_connect.vocab import sizes

ORG_FK = "organizations.id"
RECORD_FK = "records.id"


class Submission(Base):
    __tablename__ = "submissions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    organization_id: Mapped[str] = mapped_column(String(32), ForeignKey(ORG_FK), index=True)
    key_id: Mapped[str | None] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    format: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(200))
    body_sha256: Mapped[str] = mapped_column(String(64))
    body_bytes: Mapped[int] = mapped_column(BigInteger)
    mode: Mapped[str] = mapped_column(String(10))
    dry_run: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16))
    received: Mapped[int] = mapped_column(Integer, default=0)
    valid: Mapped[int] = mapped_column(Integer, default=0)
    invalid: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[str | None] = mapped_column(Text)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))


class IdempotencyKey(Base):
    __tablename__ = "idempotency_keys"

    organization_id: Mapped[str] = mapped_column(String(32), ForeignKey(ORG_FK), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    submission_id: Mapped[str] = mapped_column(String(32))
    status_code: Mapped[int] = mapped_column(Integer)
    response_body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Record(Base):
    """The identity and current state of one record; its content lives in versions."""

    __tablename__ = "records"
    __table_args__ = (
        UniqueConstraint(
            "organization_id", "source_system", "source_record_id", name="uq_records_source"
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    iri: Mapped[str] = mapped_column(String(sizes.IRI_BYTES), unique=True)
    # No index of its own: uq_records_source (__table_args__) starts with organization_id.
    organization_id: Mapped[str] = mapped_column(String(32), ForeignKey(ORG_FK))
    record_type: Mapped[str] = mapped_column(String(40), index=True)
    source_system: Mapped[str | None] = mapped_column(String(sizes.SOURCE_SYSTEM_BYTES))
    source_record_id: Mapped[str | None] = mapped_column(String(sizes.SOURCE_RECORD_ID_BYTES))
    disclosure: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RecordVersion(Base):
    """Append-only: a version is never changed; a new one supersedes it from `valid_from`."""

    __tablename__ = "record_versions"

    record_id: Mapped[str] = mapped_column(String(32), ForeignKey(RECORD_FK), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No index: nothing reads versions by submission (migration 0005).
    submission_id: Mapped[str] = mapped_column(String(32), ForeignKey("submissions.id"))
    content_hash: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[datetime] = mapped_column(UtcDateTime)


class Flow(Base):
    """Current MaterialFlow records, flattened for analytics (replaced on each new version)."""

    __tablename__ = "flows"
    # A member's raw flows are listed in this order (flows/repository.py); analytics read
    # the snapshot, not this table.
    __table_args__ = (
        Index("ix_flows_organization_period", "organization_id", "period", "record_id"),
    )

    record_id: Mapped[str] = mapped_column(String(32), ForeignKey(RECORD_FK), primary_key=True)
    organization_id: Mapped[str] = mapped_column(String(32))
    material: Mapped[str] = mapped_column(String(100))
    from_stage: Mapped[str] = mapped_column(String(100))
    to_stage: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    region: Mapped[str] = mapped_column(String(6))
    prefecture: Mapped[str | None] = mapped_column(String(2))
    facility: Mapped[str | None] = mapped_column(String(2048))
    recovery_type: Mapped[str | None] = mapped_column(String(100))
    flow_class: Mapped[str | None] = mapped_column(String(40))
    origin: Mapped[str | None] = mapped_column(String(40))
    data_quality: Mapped[str | None] = mapped_column(String(40))
    uncertainty: Mapped[float | None] = mapped_column(Float)
    disclosure: Mapped[str] = mapped_column(String(16))
    mass_kg: Mapped[float] = mapped_column(Float)
    mass_value: Mapped[float] = mapped_column(Float)
    mass_unit: Mapped[str] = mapped_column(String(8))


class Product(Base):
    __tablename__ = "products"

    record_id: Mapped[str] = mapped_column(String(32), ForeignKey(RECORD_FK), primary_key=True)
    organization_id: Mapped[str] = mapped_column(String(32))
    gtin: Mapped[str | None] = mapped_column(String(14))
    model_number: Mapped[str | None] = mapped_column(String(sizes.PRODUCT_TEXT_CHARS))
    name_ja: Mapped[str | None] = mapped_column(String(sizes.PRODUCT_NAME_CHARS))
    name_en: Mapped[str | None] = mapped_column(String(sizes.PRODUCT_NAME_CHARS))
    category: Mapped[str | None] = mapped_column(String(sizes.PRODUCT_TEXT_CHARS))
    unit_mass_kg: Mapped[float | None] = mapped_column(Float)
    disclosure: Mapped[str] = mapped_column(String(16))


class ProductComponent(Base):
    __tablename__ = "product_components"

    record_id: Mapped[str] = mapped_column(String(32), ForeignKey(RECORD_FK), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    material: Mapped[str] = mapped_column(String(100))
    mass_fraction: Mapped[float | None] = mapped_column(Float)
    mass_kg: Mapped[float | None] = mapped_column(Float)
    recycled_pre: Mapped[float | None] = mapped_column(Float)
    recycled_post: Mapped[float | None] = mapped_column(Float)
    reused: Mapped[float | None] = mapped_column(Float)
    renewable: Mapped[float | None] = mapped_column(Float)
