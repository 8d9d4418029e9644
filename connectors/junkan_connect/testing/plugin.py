"""pytest plugin (entry point `pytest11`): fixtures for connector tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from junkan_connect.testing.network import no_network as _no_network


@pytest.fixture
def no_network() -> Iterator[None]:
    """Any socket connection attempted inside the test raises NetworkAccessError."""
    with _no_network():
        yield
