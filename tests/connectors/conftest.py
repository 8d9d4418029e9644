"""Fixtures for the connector SDK tests: the shared real-sample corpus and small helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXTERNAL = (REPO / ".." / "shared" / "external").resolve()
DATA = Path(__file__).resolve().parent / "data"


def external_path(*parts: str) -> Path:
    """A path inside ../shared/external; skips the test when the corpus is absent."""
    if not EXTERNAL.is_dir():
        pytest.skip(
            f"real-sample corpus not found at {EXTERNAL} (a plain clone without "
            "../shared/external); these tests run in CI"
        )
    return EXTERNAL.joinpath(*parts)


@pytest.fixture
def external() -> Path:
    return external_path()


@pytest.fixture
def data() -> Path:
    return DATA
