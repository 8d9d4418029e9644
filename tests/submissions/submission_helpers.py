"""Helpers for the submission tests: example records and a member that submits."""

from __future__ import annotations

import copy
import json
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples" / "records"
ACME = "https://example.org/orgs/acme-plastics"
CONTEXT = "https://w3id.org/junkan/contexts/v1.jsonld"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / "valid" / f"{name}.jsonld").read_text(encoding="utf-8"))


def flow(n: int, **changes) -> dict:
    """A valid MaterialFlow reported by ACME, numbered n."""
    record = copy.deepcopy(example("material-flow"))
    record["@id"] = f"https://example.org/materialflow/{n}"
    record["sourceRecordId"] = f"ERP-{n}"
    record.pop("facility", None)
    record.update(changes)
    return record


class Member:
    def __init__(self, hub, org_id: str, key: str) -> None:
        self.hub, self.org_id, self.key = hub, org_id, key

    def submit(self, payload, *, content_type="application/ld+json", params=None, headers=None):
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        return self.hub.client.post(
            "/api/v1/submissions",
            content=body,
            params=params or {},
            headers=self.hub.auth(self.key) | {"Content-Type": content_type} | (headers or {}),
        )


def read_fixture(path: Path) -> bytes:
    return path.read_bytes()
