"""Every query on organisations and API keys."""

from __future__ import annotations

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from junkan.members.models import ApiKey, Organization

_keys, _orgs = ApiKey.__table__, Organization.__table__
_KEY_WITH_ORG = (
    select(
        _keys.c.id,
        _keys.c.role,
        _keys.c.secret_hash,
        _keys.c.expires_at,
        _keys.c.revoked_at,
        _orgs.c.id.label("organization_id"),
        _orgs.c.group_id,
        _orgs.c.iri.label("organization_iri"),
    )
    .join(_orgs, _keys.c.organization_id == _orgs.c.id)
    .where(_keys.c.id == bindparam("key_id"))
)


class MembersRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get_organization(self, org_id: str) -> Organization | None:
        return self.session.get(Organization, org_id)

    def find_by_iri(self, iri: str) -> Organization | None:
        return self.session.scalar(select(Organization).where(Organization.iri == iri))

    def iris_to_ids(self, iris: set[str]) -> dict[str, str]:
        """Organisation ids for those of the IRIs that name an organisation."""
        found: dict[str, str] = {}
        pending = list(iris)
        for start in range(0, len(pending), 500):
            chunk = pending[start : start + 500]
            rows = self.session.execute(
                select(Organization.iri, Organization.id).where(Organization.iri.in_(chunk))
            )
            found.update({iri: org_id for iri, org_id in rows})
        return found

    def list_organizations(
        self, *, kind: str | None, limit: int, offset: int
    ) -> list[Organization]:
        query = select(Organization).order_by(Organization.created_at, Organization.id)
        if kind:
            query = query.where(Organization.kind == kind)
        return list(self.session.scalars(query.limit(limit).offset(offset)))

    def find_conflict(
        self, *, corporate_number: str | None, municipality_code: str | None, exclude: str | None
    ) -> str | None:
        """Name the unique identifier another organisation already holds, if any."""
        for column, value in (
            (Organization.corporate_number, corporate_number),
            (Organization.municipality_code, municipality_code),
        ):
            if value is None:
                continue
            query = select(Organization.id).where(column == value)
            if exclude:
                query = query.where(Organization.id != exclude)
            if self.session.scalar(query) is not None:
                return column.key
        return None

    def add(self, obj: Organization | ApiKey) -> None:
        self.session.add(obj)
        self.session.flush()

    def get_key(self, key_id: str) -> ApiKey | None:
        return self.session.get(ApiKey, key_id)

    def get_key_with_org(self, key_id: str) -> Row | None:
        """What authentication needs of a key and its organisation, in one indexed query.

        A Core statement built once: every request runs it, and loading ORM entities would
        cost more than the query itself."""
        return self.session.connection().execute(_KEY_WITH_ORG, {"key_id": key_id}).first()

    def list_keys(self, org_id: str) -> list[ApiKey]:
        return list(
            self.session.scalars(
                select(ApiKey).where(ApiKey.organization_id == org_id).order_by(ApiKey.created_at)
            )
        )
