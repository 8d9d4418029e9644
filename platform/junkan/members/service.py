"""Rules for organisations and keys. Never commits: the unit of work does."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.orm import Session

from junkan.audit import service as audit
from junkan.auth import keys
from junkan.auth.principal import Principal
from junkan.db.base import utcnow
from junkan.errors import (
    Conflict,
    Forbidden,
    InvalidRequest,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from junkan.members.models import ApiKey, Organization
from junkan.members.repository import MembersRepository
from junkan.members.schemas import (
    ORG_IRI_BASE,
    ApiKeyCreate,
    OrganizationCreate,
    OrganizationUpdate,
)


def etag(org: Organization) -> str:
    return f'"org-{org.id}-v{org.version}"'


class MembersService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = MembersRepository(session)

    def create_organization(self, actor: str, data: OrganizationCreate) -> Organization:
        if data.group_id is not None and self.repo.get_organization(data.group_id) is None:
            raise InvalidRequest(
                "group_id names no organisation.",
                code="unknown-group",
                errors=[{"loc": ["body", "group_id"], "code": "unknown-group"}],
            )
        self._refuse_duplicates(data.corporate_number, data.municipality_code, exclude=None)
        if data.iri and self.repo.find_by_iri(data.iri) is not None:
            raise Conflict("Another organisation already has this IRI.", code="duplicate-iri")
        now = utcnow()
        org_id = uuid.uuid4().hex
        org = Organization(
            id=org_id,
            **(data.model_dump() | {"iri": data.iri or ORG_IRI_BASE + org_id}),
            created_at=now,
            updated_at=now,
            version=1,
        )
        self.repo.add(org)
        audit.record(
            self.session,
            actor=actor,
            action="organization.create",
            entity_type="organization",
            entity_id=org.id,
            data=data.model_dump(mode="json"),
        )
        return org

    def _refuse_duplicates(
        self, corporate_number: str | None, municipality_code: str | None, exclude: str | None
    ) -> None:
        taken = self.repo.find_conflict(
            corporate_number=corporate_number, municipality_code=municipality_code, exclude=exclude
        )
        if taken:
            code = "duplicate-" + taken.replace("_", "-")
            raise Conflict(f"Another organisation already has this {taken}.", code=code)

    def list_organizations(self, kind: str | None, limit: int, offset: int) -> list[Organization]:
        return self.repo.list_organizations(kind=kind, limit=limit, offset=offset)

    def visible_organization(self, principal: Principal, org_id: str) -> Organization:
        """The organisation if the caller may see it; otherwise the same 404 as a missing one."""
        org = self.repo.get_organization(org_id)
        if org is None or not (principal.is_secretariat or principal.organization_id == org_id):
            raise NotFound()
        return org

    def update_organization(
        self, principal: Principal, org_id: str, if_match: str | None, data: OrganizationUpdate
    ) -> Organization:
        org = self.visible_organization(principal, org_id)
        if not if_match:
            raise PreconditionRequired("Send If-Match with the ETag from your last GET.")
        if if_match.strip() != etag(org):
            raise PreconditionFailed("The organisation changed since you read it; GET it again.")
        changes = data.model_dump(exclude_unset=True)
        if "corporate_number" in changes:
            self._refuse_duplicates(changes["corporate_number"], None, exclude=org.id)
        if (
            org.municipality_code
            and changes.get("prefecture_code", org.prefecture_code) != (org.municipality_code[:2])
        ):
            raise InvalidRequest("prefecture_code must match the municipality code.")
        for field, value in changes.items():
            setattr(org, field, value)
        org.version += 1
        org.updated_at = utcnow()
        self.session.flush()
        audit.record(
            self.session,
            actor=principal.actor,
            action="organization.update",
            entity_type="organization",
            entity_id=org.id,
            data=data.model_dump(mode="json", exclude_unset=True),
        )
        return org

    def issue_key(
        self, actor: str, org_id: str, data: ApiKeyCreate, default_ttl_days: int
    ) -> tuple[ApiKey, str]:
        org = self.repo.get_organization(org_id)
        if org is None:
            raise NotFound()
        if data.role == "secretariat" and org.kind != "secretariat":
            raise Forbidden(
                "Only the secretariat organisation can hold secretariat keys.",
                code="role-not-allowed",
            )
        key_id, secret = keys.generate()
        now = utcnow()
        api_key = ApiKey(
            id=key_id,
            organization_id=org.id,
            role=data.role.value,
            label=data.label,
            secret_hash=keys.hash_key(secret),
            created_at=now,
            expires_at=now + timedelta(days=data.ttl_days or default_ttl_days),
            revoked_at=None,
        )
        self.repo.add(api_key)
        audit.record(
            self.session,
            actor=actor,
            action="api_key.issue",
            entity_type="api_key",
            entity_id=key_id,
            data={"organization_id": org.id, "role": api_key.role, "label": data.label},
        )
        return api_key, secret

    def revoke_key(self, actor: str, key_id: str) -> ApiKey:
        api_key = self.repo.get_key(key_id)
        if api_key is None:
            raise NotFound()
        if api_key.revoked_at is None:
            api_key.revoked_at = utcnow()
            self.session.flush()
            audit.record(
                self.session,
                actor=actor,
                action="api_key.revoke",
                entity_type="api_key",
                entity_id=key_id,
                data={"organization_id": api_key.organization_id},
            )
        return api_key

    def list_keys(self, org_id: str) -> list[ApiKey]:
        if self.repo.get_organization(org_id) is None:
            raise NotFound()
        return self.repo.list_keys(org_id)
