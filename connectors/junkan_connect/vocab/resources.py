"""Read the generated artefacts shipped inside the package (no network, no file paths)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

_PACKAGE = "junkan_connect.vocab.generated"

CONTEXT_URL = "https://w3id.org/junkan/contexts/v1.jsonld"
NAMESPACE = "https://w3id.org/junkan/ns#"


def read_text(name: str) -> str:
    """An artefact as text, e.g. `shapes.ttl`, `vocab.ttl` or `codes/units.json`."""
    node = resources.files(_PACKAGE)
    for part in name.split("/"):
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


@cache
def read_json(name: str) -> Any:
    return json.loads(read_text(name))


def context_document() -> dict[str, Any]:
    """The JSON-LD context served at CONTEXT_URL; use it in a frozen document loader."""
    return read_json("context-v1.jsonld")


def validator_table() -> dict[str, Any]:
    return read_json("validator.json")


def code_schemes() -> list[str]:
    """Names of the published code lists (`materials`, `units`, `stages` …)."""
    folder = resources.files(_PACKAGE).joinpath("codes")
    return sorted(
        p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json")
    )
