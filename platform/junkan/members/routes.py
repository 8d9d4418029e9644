"""HTTP routes for organisations and API keys. One service call per handler."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from sqlalchemy.orm import Session

from junkan.auth.principal import Principal
from junkan.members.schemas import (
    ApiKeyCreate,
    ApiKeyIssued,
    ApiKeyRead,
    OrganizationCreate,
    OrganizationKind,
    OrganizationRead,
    OrganizationUpdate,
    Whoami,
)
from junkan.members.service import MembersService, etag
from junkan.web.deps import ANY_ROLE, MAX_OFFSET, UnitOfWorkRoute, get_session, require

router = APIRouter(prefix="/api/v1", route_class=UnitOfWorkRoute, tags=["members"])

Secretariat = Annotated[Principal, require("secretariat")]
AnyMember = Annotated[Principal, require(*ANY_ROLE)]
DbSession = Annotated[Session, Depends(get_session)]


@router.get("/me", response_model=Whoami)
def whoami(principal: AnyMember, session: DbSession) -> Whoami:
    org = MembersService(session).visible_organization(principal, principal.organization_id)
    return Whoami(
        organization=OrganizationRead.model_validate(org),
        role=principal.role,
        key_id=principal.key_id,
    )


@router.post("/organizations", status_code=201, response_model=OrganizationRead)
def create_organization(
    body: OrganizationCreate, principal: Secretariat, session: DbSession, response: Response
) -> OrganizationRead:
    org = MembersService(session).create_organization(principal.actor, body)
    response.headers["ETag"] = etag(org)
    response.headers["Location"] = f"/api/v1/organizations/{org.id}"
    return OrganizationRead.model_validate(org)


@router.get("/organizations", response_model=list[OrganizationRead])
def list_organizations(
    principal: Secretariat,
    session: DbSession,
    kind: OrganizationKind | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[OrganizationRead]:
    orgs = MembersService(session).list_organizations(kind, limit, offset)
    return [OrganizationRead.model_validate(o) for o in orgs]


@router.get("/organizations/{org_id}", response_model=OrganizationRead)
def get_organization(
    org_id: str, principal: AnyMember, session: DbSession, response: Response
) -> OrganizationRead:
    org = MembersService(session).visible_organization(principal, org_id)
    response.headers["ETag"] = etag(org)
    return OrganizationRead.model_validate(org)


@router.patch("/organizations/{org_id}", response_model=OrganizationRead)
def update_organization(
    org_id: str,
    body: OrganizationUpdate,
    principal: AnyMember,
    session: DbSession,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> OrganizationRead:
    org = MembersService(session).update_organization(principal, org_id, if_match, body)
    response.headers["ETag"] = etag(org)
    return OrganizationRead.model_validate(org)


@router.post("/organizations/{org_id}/keys", status_code=201, response_model=ApiKeyIssued)
def issue_key(
    org_id: str, body: ApiKeyCreate, principal: Secretariat, session: DbSession, request: Request
) -> ApiKeyIssued:
    ttl = request.app.state.settings.api_key_ttl_days
    api_key, secret = MembersService(session).issue_key(principal.actor, org_id, body, ttl)
    return ApiKeyIssued(**ApiKeyRead.model_validate(api_key).model_dump(), secret=secret)


@router.get("/organizations/{org_id}/keys", response_model=list[ApiKeyRead])
def list_keys(org_id: str, principal: Secretariat, session: DbSession) -> list[ApiKeyRead]:
    return [ApiKeyRead.model_validate(k) for k in MembersService(session).list_keys(org_id)]


@router.post("/keys/{key_id}/revoke", response_model=ApiKeyRead)
def revoke_key(key_id: str, principal: Secretariat, session: DbSession) -> ApiKeyRead:
    return ApiKeyRead.model_validate(MembersService(session).revoke_key(principal.actor, key_id))
