"""Helpers for the analytics tests: members that submit flows through the API."""

from __future__ import annotations

import contextlib
import copy
import io
import itertools
import json
import math
from pathlib import Path

import pyarrow.parquet as pq

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "records" / "valid"
_n = itertools.count(1)


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.jsonld").read_text(encoding="utf-8"))


def flow(reporter: str, material: str, tonnes: float, **changes) -> dict:
    """A MaterialFlow record (confidential unless changed), numbered uniquely."""
    n = next(_n)
    record = copy.deepcopy(example("material-flow"))
    record.pop("facility", None)
    record.update(
        {
            "@id": f"https://example.org/materialflow/t{n}",
            "sourceRecordId": f"T-{n}",
            "reporter": reporter,
            "material": material,
            "mass": {"unit": "TNE", "value": tonnes},
        }
    )
    record.update(changes)
    return record


class Member:
    def __init__(self, hub, org_id: str, key: str, iri: str) -> None:
        self.hub, self.org_id, self.key, self.iri = hub, org_id, key, iri

    @property
    def headers(self) -> dict:
        return self.hub.auth(self.key)

    def submit(self, records: list[dict]):
        response = self.hub.client.post(
            "/api/v1/submissions",
            content=json.dumps(records).encode(),
            headers=self.headers | {"Content-Type": "application/ld+json"},
        )
        assert response.status_code == 201, response.text
        return response

    def flows(self, material: str, tonnes: float, **changes):
        return self.submit([flow(self.iri, material, tonnes, **changes)])

    def get(self, path: str, **params):
        return self.hub.client.get(path, params=params, headers=self.headers)


def new_member(hub, name: str, *, role: str = "member", group_of: Member | None = None) -> Member:
    iri = f"https://example.org/orgs/{name}"
    fields = {"iri": iri, "name_ja": name}
    if group_of is not None:
        fields["group_id"] = group_of.org_id
    org_id, key = hub.new_org(role=role, **fields)
    return Member(hub, org_id, key, iri)


def build(hub) -> int:
    return hub.app.state.snapshots.build_now()["id"]


def one_result(response) -> dict:
    """The one result of an indicator answer (200 expected)."""
    assert response.status_code == 200, response.text
    [result] = response.json()["results"]
    return result


def numbers(obj) -> list[float]:
    """Every number anywhere in a JSON document."""
    if isinstance(obj, bool) or obj is None:
        return []
    if isinstance(obj, int | float):
        return [float(obj)]
    if isinstance(obj, dict):
        return [x for v in obj.values() for x in numbers(v)]
    if isinstance(obj, list):
        return [x for v in obj for x in numbers(v)]
    return []


def csv_numbers(text: str) -> list[float]:
    out = []
    for line in text.splitlines():
        for cell in line.split(","):
            with contextlib.suppress(ValueError):
                out.append(float(cell))
    return out


def parquet_numbers(content: bytes) -> list[float]:
    table = pq.read_table(io.BytesIO(content))
    out = []
    for column in table.columns:
        for v in column.to_pylist():
            if isinstance(v, int | float) and not isinstance(v, bool):
                out.append(float(v))
    return out


def turtle_numbers(content: bytes) -> list[float]:
    """Every numeric literal of a Turtle document (parsed, so a malformed one fails)."""
    from rdflib import Graph, Literal

    graph = Graph().parse(data=content, format="turtle")
    out = []
    for obj in graph.objects():
        value = obj.toPython() if isinstance(obj, Literal) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            out.append(float(value))
        elif isinstance(obj, Literal):  # a number typed as text would still be a leak
            with contextlib.suppress(ValueError):
                out.append(float(str(obj)))
    return out


def leaks(found: list[float], secrets: set[float]) -> set[float]:
    """Secrets (in kg or t) that appear among ``found`` numbers."""
    hits = set()
    for secret in secrets:
        for value in found:
            if math.isclose(value, secret, rel_tol=1e-9) or math.isclose(
                value, secret * 1000, rel_tol=1e-9
            ):
                hits.add(secret)
    return hits
