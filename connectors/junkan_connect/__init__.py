"""Junkan connector SDK: vocabulary, identifiers, the Connector API, HubClient and the
reference connectors.

The public names below are imported lazily, so `import junkan_connect` stays cheap and a
connector that only needs the vocabulary does not pay for httpx.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Connector": "junkan_connect.connector",
    "ConnectorConfig": "junkan_connect.connector",
    "ItemError": "junkan_connect.connector",
    "Skip": "junkan_connect.connector",
    "ConversionReport": "junkan_connect.report",
    "Blob": "junkan_connect.sources",
    "HubClient": "junkan_connect.client",
    "HubError": "junkan_connect.client",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'junkan_connect' has no attribute {name!r}")
