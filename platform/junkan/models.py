"""Imports every feature's tables so the metadata is complete (Alembic, tests)."""

from junkan.audit.models import AuditEntry
from junkan.flows.models import AnsweredCell
from junkan.members.models import ApiKey, Organization
from junkan.submissions.models import (
    Flow,
    IdempotencyKey,
    Product,
    ProductComponent,
    Record,
    RecordVersion,
    Submission,
)

__all__ = [
    "AnsweredCell",
    "ApiKey",
    "AuditEntry",
    "Flow",
    "IdempotencyKey",
    "Organization",
    "Product",
    "ProductComponent",
    "Record",
    "RecordVersion",
    "Submission",
]
