"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from junkan.db import migrate
from junkan.errors import ServiceUnavailable
from junkan.web.deps import UnitOfWorkRoute, public

router = APIRouter(route_class=UnitOfWorkRoute, tags=["health"])


@router.get("/healthz", dependencies=[Depends(public)])
async def healthz() -> dict[str, str]:
    """The process is up. Touches nothing else."""
    return {"status": "ok"}


def _readiness(engine) -> dict[str, str]:
    try:
        current = migrate.current_revision(engine)
    except Exception as exc:  # any driver error means "not ready", never a 500
        raise ServiceUnavailable(
            "The database is not reachable.", code="database-unreachable"
        ) from exc
    head = migrate.head_revision()
    if current != head:
        raise ServiceUnavailable(
            f"The database schema is at {current}, the code expects {head}: "
            "run `junkan db upgrade`.",
            code="schema-outdated",
        )
    return {"status": "ready", "schema": head}


@router.get("/readyz", dependencies=[Depends(public)])
async def readyz(request: Request) -> dict[str, str]:
    """The database answers and its schema is at the latest migration."""
    return await run_in_threadpool(_readiness, request.app.state.db.engine)
