"""Connectors are found through the entry-point group `junkan.connectors`, loaded lazily.

Listing reads only package metadata; a connector's module is imported when it is first asked
for by name. A connector that fails to import, or is not a Connector subclass, fails loudly
with its name and the entry point it came from — it is never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points

from junkan_connect.connector import Connector

GROUP = "junkan.connectors"


class ConnectorNotFoundError(LookupError):
    pass


class ConnectorLoadError(RuntimeError):
    """The entry point exists but does not give a usable connector."""

    def __init__(self, name: str, target: str, reason: str) -> None:
        super().__init__(f"connector {name!r} ({target}) cannot be loaded: {reason}")
        self.name = name
        self.target = target
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ConnectorInfo:
    name: str
    target: str  # "module:attribute" of the entry point
    distribution: str  # the installed package that registered it
    version: str = ""  # the connector's own version (when loaded)
    description: str = ""
    status: str = "ok"  # "ok" or "error: <reason>"


def _entry_points() -> dict[str, list[EntryPoint]]:
    found: dict[str, list[EntryPoint]] = {}
    for ep in entry_points(group=GROUP):
        found.setdefault(ep.name, []).append(ep)
    return found


def names() -> list[str]:
    """Names of the registered connectors, without importing any of them."""
    return sorted(_entry_points())


def _load(name: str, eps: list[EntryPoint]) -> type[Connector]:
    targets = ", ".join(ep.value for ep in eps)
    if len(eps) > 1 and len({ep.value for ep in eps}) > 1:
        raise ConnectorLoadError(name, targets, "registered more than once by different packages")
    ep = eps[0]
    try:
        obj = ep.load()
    except Exception as exc:  # any import-time failure is reported with the connector's name
        raise ConnectorLoadError(name, ep.value, f"{type(exc).__name__}: {exc}") from exc
    if not (isinstance(obj, type) and issubclass(obj, Connector)):
        raise ConnectorLoadError(name, ep.value, "not a junkan_connect.Connector subclass")
    if getattr(obj, "name", None) != name:
        raise ConnectorLoadError(
            name, ep.value, f"the class says its name is {getattr(obj, 'name', None)!r}"
        )
    return obj


def load(name: str) -> type[Connector]:
    eps = _entry_points().get(name)
    if not eps:
        known = ", ".join(names()) or "none"
        raise ConnectorNotFoundError(f"no connector named {name!r} (installed: {known})")
    return _load(name, eps)


def describe() -> list[ConnectorInfo]:
    """Every registered connector with its version and load status (imports each one)."""
    infos = []
    for name, eps in sorted(_entry_points().items()):
        dist = eps[0].dist.name if eps[0].dist else ""
        try:
            cls = _load(name, eps)
        except ConnectorLoadError as exc:
            infos.append(ConnectorInfo(name, exc.target, dist, status=f"error: {exc.reason}"))
            continue
        infos.append(ConnectorInfo(name, eps[0].value, dist, cls.version, cls.description))
    return infos
