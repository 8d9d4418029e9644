"""Fixtures for the analytics API tests (data always goes in through submissions)."""

from __future__ import annotations

import pytest
from flow_helpers import new_member


@pytest.fixture
def members(hub):
    """Five unrelated companies plus an analyst."""
    return [new_member(hub, f"co{i}") for i in range(5)]


@pytest.fixture
def analyst(hub):
    return new_member(hub, "analyst", role="analyst")


@pytest.fixture
def settings(backend, tmp_path):
    """As the root fixture, but automatic rebuilds wait an hour: tests build explicitly."""
    from junkan.settings import Settings

    return Settings(
        data_dir=tmp_path / "data",
        database_url=backend.url,
        log_format="text",
        snapshot_debounce_seconds=3600,
    )
