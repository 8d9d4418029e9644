"""Who is calling: resolved from the API key, never from the request body."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from junkan.auth import keys
from junkan.errors import Unauthorized
from junkan.members.repository import MembersRepository


@dataclass(frozen=True)
class Principal:
    organization_id: str
    group_id: str
    role: str
    key_id: str
    # The organisation's IRI, when the caller was authenticated by key (most references in
    # a submission name the submitter itself).
    organization_iri: str | None = None

    @property
    def actor(self) -> str:
        return f"key:{self.key_id}"

    @property
    def is_secretariat(self) -> bool:
        return self.role == "secretariat"


def bearer_token(authorization: str | None) -> str:
    """The key from an `Authorization: Bearer <key>` header, or 401."""
    if not authorization:
        raise Unauthorized(
            "Send an API key as `Authorization: Bearer <key>`.", code="missing-credentials"
        )
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Use the Bearer scheme: `Authorization: Bearer <key>`.")
    return token


def authenticate(session: Session, authorization: str | None, now: datetime) -> Principal:
    token = bearer_token(authorization)
    key_id = keys.parse(token)
    found = MembersRepository(session).get_key_with_org(key_id) if key_id else None
    # Compare against a dummy hash when the id is unknown so timing does not tell.
    stored_hash = found.secret_hash if found else "0" * 64
    if not keys.matches(token, stored_hash) or found is None:
        raise Unauthorized("The API key is not valid.", code="invalid-key")
    if found.revoked_at is not None:
        raise Unauthorized("The API key has been revoked.", code="key-revoked")
    if found.expires_at <= now:
        raise Unauthorized("The API key has expired.", code="key-expired")
    return Principal(
        organization_id=found.organization_id,
        group_id=found.group_id or found.organization_id,
        role=found.role,
        key_id=found.id,
        organization_iri=found.organization_iri,
    )
