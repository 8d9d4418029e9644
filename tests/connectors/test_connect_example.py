"""The example third-party connector package works as documented (without installing it)."""

from __future__ import annotations

import importlib
import sys
import tomllib
from typing import ClassVar

from conftest import REPO
from junkan_connect.connector import Connector
from junkan_connect.testing import ConnectorContract

EXAMPLE = REPO / "examples" / "connector-example"
sys.path.insert(0, str(EXAMPLE / "src"))
weighbridge = importlib.import_module("junkan_weighbridge")
sys.path.remove(str(EXAMPLE / "src"))


def test_entry_point_names_the_connector_class() -> None:
    meta = tomllib.loads((EXAMPLE / "pyproject.toml").read_text())
    target = meta["project"]["entry-points"]["junkan.connectors"]["weighbridge"]
    module, attribute = target.split(":")
    cls = getattr(importlib.import_module(module), attribute)
    assert issubclass(cls, Connector) and cls.name == "weighbridge"
    assert meta["project"]["dependencies"] == ["junkan-connect>=0.1"]


class TestExampleContract(ConnectorContract):
    connector = weighbridge.WeighbridgeConnector
    config: ClassVar = {
        "reporter": "https://example.org/orgs/yard",
        "region": "23",
        "materials": {"PET bottles": "pet", "PET flakes": "pet"},
    }
    samples = (EXAMPLE / "tests" / "data" / "tickets.csv",)
