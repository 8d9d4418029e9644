"""The demo hub: a secretariat and a fresh key, then whatever demo data `examples/` holds."""

from __future__ import annotations

from sqlalchemy import select

from junkan.db.uow import Database
from junkan.members.models import Organization
from junkan.members.schemas import ApiKeyCreate, OrganizationCreate, OrganizationKind, Role
from junkan.members.service import MembersService
from junkan.settings import Settings

DEMO_ACTOR = "demo"


def prepare_demo(database: Database, settings: Settings) -> str:
    """Ensure the demo secretariat exists and return a newly issued key for it."""
    with database.unit_of_work() as session:
        service = MembersService(session)
        secretariat = session.scalar(
            select(Organization).where(Organization.kind == OrganizationKind.secretariat).limit(1)
        )
        if secretariat is None:
            secretariat = service.create_organization(
                DEMO_ACTOR,
                OrganizationCreate(
                    kind=OrganizationKind.secretariat,
                    name_ja="サーキュラーパートナーズ事務局（デモ）",
                    name_en="Circular Partners Secretariat (demo)",
                    prefecture_code="13",
                ),
            )
        _, secret = service.issue_key(
            DEMO_ACTOR,
            secretariat.id,
            ApiKeyCreate(role=Role.secretariat, label="demo", ttl_days=30),
            settings.api_key_ttl_days,
        )
    return secret
