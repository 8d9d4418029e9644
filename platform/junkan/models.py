"""Imports every feature's tables so the metadata is complete (Alembic, tests)."""

from junkan.audit.models import AuditEntry
from junkan.members.models import ApiKey, Organization

__all__ = ["ApiKey", "AuditEntry", "Organization"]
