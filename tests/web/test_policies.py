"""Every route declares who may call it."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from junkan.web.deps import POLICY_ATTR

# The framework's OpenAPI description; it exposes only the public API shape.
FRAMEWORK_ROUTES = {"/openapi.json"}


def _policies(dependant: Dependant) -> list[str]:
    found = []
    for dep in dependant.dependencies:
        if dep.call is not None and hasattr(dep.call, POLICY_ATTR):
            found.append(getattr(dep.call, POLICY_ATTR))
        found.extend(_policies(dep))
    return found


def iter_api_routes(routes) -> Iterator[APIRoute]:
    """Every API route, descending into included routers."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from iter_api_routes(included.routes)
        elif isinstance(route, APIRoute):
            yield route
        else:
            assert route.path in FRAMEWORK_ROUTES, f"unexpected non-API route {route.path}"


def test_every_route_declares_exactly_one_policy(app) -> None:
    missing, doubled = [], []
    routes = list(iter_api_routes(app.routes))
    assert len(routes) >= 10
    for route in routes:
        policies = _policies(route.dependant)
        if not policies:
            missing.append(f"{sorted(route.methods)} {route.path}")
        elif len(set(policies)) > 1:
            doubled.append(f"{route.path}: {policies}")
    assert not missing, f"routes without a role policy: {missing}"
    assert not doubled, f"routes with conflicting policies: {doubled}"


def test_the_walk_detects_a_route_without_policy(app) -> None:
    app.add_api_route("/unguarded", lambda: {"ok": True})
    route = next(r for r in iter_api_routes(app.routes) if r.path == "/unguarded")
    assert _policies(route.dependant) == []
