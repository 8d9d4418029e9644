"""HTTP routes for reading records. One service call per handler."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from junkan.auth.principal import Principal
from junkan.records.service import RecordsService
from junkan.web.deps import UnitOfWorkRoute, get_session, optional_principal

router = APIRouter(prefix="/api/v1", route_class=UnitOfWorkRoute, tags=["records"])

Caller = Annotated[Principal | None, optional_principal()]
DbSession = Annotated[Session, Depends(get_session)]
JSONLD = "application/ld+json"


def _service(request: Request, session: Session) -> RecordsService:
    return RecordsService(session, request.app.state.settings.effective_public_base_url())


@router.get("/records/{ref:path}/versions/{version}/provenance")
def provenance(
    ref: str, version: int, principal: Caller, session: DbSession, request: Request
) -> JSONResponse:
    """PROV-O (JSON-LD) for one version: who, which submission, derived from what."""
    document = _service(request, session).provenance(principal, ref, version)
    return JSONResponse(document, media_type=JSONLD)


@router.get("/records/{ref:path}/versions")
def versions(ref: str, principal: Caller, session: DbSession, request: Request) -> list[dict]:
    """Every version of a record, oldest first."""
    return _service(request, session).versions(principal, ref)


@router.get("/records/{ref:path}")
def read_record(
    ref: str, principal: Caller, session: DbSession, request: Request, as_of: datetime | None = None
) -> JSONResponse:
    """The current version (or the one in force at `as_of`) as JSON-LD. `ref`: id or IRI."""
    body, version = _service(request, session).current(principal, ref, as_of)
    return JSONResponse(
        body,
        media_type=JSONLD,
        headers={
            "ETag": f'"{version.content_hash}"',
            "Junkan-Record-Version": str(version.version),
        },
    )
