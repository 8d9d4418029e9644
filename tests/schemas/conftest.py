"""Session fixtures for the vocabulary tests (parsed once: shapes and JSON Schema)."""

from __future__ import annotations

import pytest
import vocab_oracle


@pytest.fixture(scope="session")
def shapes_graph():
    return vocab_oracle.shapes_graph()


@pytest.fixture(scope="session")
def json_schema_validator():
    return vocab_oracle.json_schema_validator()
