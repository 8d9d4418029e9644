"""Request plumbing: the per-request unit of work and the role policies.

Every route declares exactly one policy (`public`, or `require(...)` with the roles it
admits); tests/web/test_policies.py walks all routes and fails on any without one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from junkan.auth.principal import Principal, authenticate, bearer_token
from junkan.db.base import utcnow
from junkan.errors import Forbidden, InvalidRequest

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The largest page offset: both databases take OFFSET as a signed 64-bit integer (SQLite's
# driver refuses a larger Python int outright).
MAX_OFFSET = 2**62
POLICY_ATTR = "__junkan_policy__"
# Query parameters that would carry a credential; keys in URLs end up in logs and caches.
_CREDENTIAL_PARAMS = frozenset({"api_key", "apikey", "key", "token", "access_token", "auth"})


class _UnitOfWork:
    def __init__(self, request: Request) -> None:
        self.db = request.app.state.db
        self.write = request.method not in SAFE_METHODS
        self.session: Session | None = None

    def get(self) -> Session:
        if self.session is None:
            self.session = self.db.session(write=self.write)
        return self.session

    def finish(self, ok: bool) -> None:
        if self.session is None:
            return
        session, self.session = self.session, None
        try:
            if ok:
                session.commit()
            else:
                session.rollback()
        finally:
            session.close()

    @property
    def open(self) -> bool:
        return self.session is not None


class UnitOfWorkRoute(APIRoute):
    """Commits after the handler succeeded and before the response leaves: 2xx only after COMMIT."""

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()

        async def with_unit_of_work(request: Request) -> Response:
            uow = _UnitOfWork(request)
            request.state.uow = uow
            try:
                response = await handler(request)
            except BaseException:
                if uow.open:
                    await run_in_threadpool(uow.finish, False)
                raise
            if uow.open:
                await run_in_threadpool(uow.finish, response.status_code < 400)
            return response

        return with_unit_of_work


async def get_session(request: Request) -> Session:
    # Async on purpose: creating the session does no I/O, so it needs no worker thread.
    return request.state.uow.get()


def _check_url(request: Request) -> None:
    """Refuse an API key in the URL, and a NUL character in the path or a query value (no
    database stores it in text; PostgreSQL refuses even to compare with it)."""
    for name, value in request.path_params.items():
        if isinstance(value, str) and "\x00" in value:
            raise _nul_in(["path", name])
    for name, value in request.query_params.multi_items():
        if name.lower() in _CREDENTIAL_PARAMS or value.startswith("jk_"):
            raise InvalidRequest(
                "API keys are accepted only in the Authorization header, never in the URL.",
                code="credentials-in-query",
                errors=[{"loc": ["query", name], "code": "credentials-in-query"}],
            )
        if "\x00" in value or "\x00" in name:
            raise _nul_in(["query", name])


def _nul_in(loc: list[str]) -> InvalidRequest:
    return InvalidRequest(
        "The URL contains a NUL character (%00).",
        errors=[{"loc": loc, "code": "invalid-request", "message": "contains NUL (%00)"}],
    )


def _mark(func: Callable[..., Any], policy: str) -> Callable[..., Any]:
    setattr(func, POLICY_ATTR, policy)
    return func


async def public(request: Request) -> None:
    # Async: it does no I/O, and a sync dependency costs every public request a thread hop.
    _check_url(request)


_mark(public, "public")


def _admit(
    request: Request, session: Session, authorization: str | None, roles: tuple[str, ...]
) -> Principal:
    """The caller behind the key, if its role is one of `roles` (else 401 / 403)."""
    principal = authenticate(session, authorization, utcnow())
    if principal.role not in roles:
        raise Forbidden(f"This needs one of the roles: {', '.join(roles)}.")
    request.state.principal = principal
    return principal


def require(*roles: str) -> Any:
    """A dependency admitting callers whose key has one of `roles`."""

    def policy(request: Request, session: Session = Depends(get_session)) -> Principal:
        _check_url(request)
        return _admit(request, session, request.headers.get("authorization"), roles)

    _mark(policy, "roles:" + ",".join(roles))
    return Depends(policy)


@dataclass(frozen=True)
class DeferredAuth:
    """A role policy whose key check runs in the handler's worker thread.

    For hot write routes: the key lookup, the work and the COMMIT then share one thread hop
    instead of three. The header's shape is checked before the body is read; the handler
    must call `principal()` before it touches any data (it is the only way to learn who
    the caller is)."""

    request: Request
    authorization: str
    roles: tuple[str, ...]

    def principal(self) -> Principal:
        return _admit(self.request, self.request.state.uow.get(), self.authorization, self.roles)


def require_in_handler(*roles: str) -> Any:
    """Like `require`, resolved by the handler through `DeferredAuth.principal()`."""

    async def policy(request: Request) -> DeferredAuth:
        _check_url(request)
        header = request.headers.get("authorization")
        bearer_token(header)
        return DeferredAuth(request, header, roles)

    _mark(policy, "roles:" + ",".join(roles))
    return Depends(policy)


ANY_ROLE = ("member", "analyst", "secretariat")


def optional_principal() -> Any:
    """Public route that shows more to a caller with a valid key; a bad key is still a 401."""

    def policy(request: Request, session: Session = Depends(get_session)) -> Principal | None:
        _check_url(request)
        header = request.headers.get("authorization")
        if header is None:
            return None
        return authenticate(session, header, utcnow())

    _mark(policy, "public")
    return Depends(policy)
