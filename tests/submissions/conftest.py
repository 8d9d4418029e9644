"""Fixtures for the submission pipeline: members whose IRIs the example records use."""

from __future__ import annotations

import pytest
from submission_helpers import ACME, Member


@pytest.fixture
def acme(hub) -> Member:
    org_id, key = hub.new_org(iri=ACME, name_ja="アクメ樹脂", name_en="Acme Plastics")
    return Member(hub, org_id, key)


@pytest.fixture
def rival(hub) -> Member:
    org_id, key = hub.new_org(iri="https://example.org/orgs/rival", name_ja="ライバル")
    return Member(hub, org_id, key)
