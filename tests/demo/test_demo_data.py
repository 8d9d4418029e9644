"""The committed demo data set: reproducible, scalable, valid identifiers, the promised content."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from junkan_connect.identifiers import is_valid_corporate_number, is_valid_municipality_code

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO = REPO_ROOT / "examples" / "demo"
DATA = DEMO / "data"
MUNICIPALITIES = {"400009", "401005", "402206", "402150", "402133"}


def _ndjson(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _generate(out: Path, *extra: str) -> dict:
    subprocess.run(
        [sys.executable, str(DEMO / "generate.py"), "--out", str(out), *extra],
        check=True,
        capture_output=True,
    )
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def orgs() -> list[dict]:
    return _ndjson(DATA / "organizations.ndjson")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [r for p in sorted((DATA / "submissions").glob("*.ndjson")) for r in _ndjson(p)]


def test_generator_reproduces_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    _generate(tmp_path / "again")
    assert _files(tmp_path / "again") == _files(DATA)


def test_scale_multiplies_company_flows_and_batches(tmp_path: Path, records) -> None:
    base = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    company = [f for f in _flows(records) if f.get("sourceSystem", "").endswith("-erp")]
    scaled = _generate(tmp_path / "x3", "--scale", "3")
    assert scaled["scale"] == 3
    assert scaled["organizations"] == base["organizations"]
    assert scaled["record_types"]["ProcessRecord"] == 3 * base["record_types"]["ProcessRecord"]
    grown = scaled["record_types"]["MaterialFlow"] - base["record_types"]["MaterialFlow"]
    assert len(company) > 200 and grown == 2 * len(company)


def test_scaled_sets_are_not_written_over_the_committed_data() -> None:
    done = subprocess.run(
        [sys.executable, str(DEMO / "generate.py"), "--scale", "2"], capture_output=True
    )
    assert done.returncode != 0
    assert b"--out" in done.stderr


def test_identifiers_are_valid_and_unique(orgs: list[dict]) -> None:
    codes = [o["municipality_code"] for o in orgs if o["municipality_code"]]
    numbers = [o["corporate_number"] for o in orgs if o["corporate_number"]]
    assert set(codes) == MUNICIPALITIES and len(codes) == len(set(codes))
    assert all(is_valid_municipality_code(c) for c in codes)
    assert len(numbers) >= 20 and len(numbers) == len(set(numbers))
    assert all(is_valid_corporate_number(n) for n in numbers)
    assert len({o["iri"] for o in orgs}) == len(orgs)


def test_members_cover_every_kind_and_role_and_form_groups(orgs: list[dict]) -> None:
    assert 28 <= len(orgs) <= 34
    kinds = {o["kind"] for o in orgs}
    assert kinds >= {"company", "industry_body", "municipality", "university", "secretariat"}
    roles = {o["role"] for o in orgs}
    for role in ("manufacturer", "retailer", "collector", "sorter", "recycler"):
        assert role in roles
    assert {"energy_from_waste", "landfill"} <= roles
    parents = defaultdict(list)
    for org in orgs:
        if org["group"]:
            parents[org["group"]].append(org["slug"])
    assert len(parents) >= 2
    assert set(parents) <= {o["iri"] for o in orgs if not o["group"]}


def _flows(records: list[dict]) -> list[dict]:
    return [r for r in records if r["@type"] == "MaterialFlow" and r["mass"]["unit"] != "LTR"]


def test_flows_cover_materials_years_loops_and_disclosure(records: list[dict]) -> None:
    flows = _flows(records)
    regional = [f for f in flows if f["region"] != "JP"]
    assert len({f["material"] for f in regional}) >= 8
    assert {f["period"] for f in regional} == {"FY2021", "FY2022", "FY2023"}
    assert {f["disclosure"] for f in records} == {"public", "members", "confidential"}
    edges = {(f["fromStage"], f["toStage"]) for f in regional}
    loop = [
        ("use", "collection"),
        ("collection", "sorting"),
        ("sorting", "recycling"),
        ("recycling", "manufacturing"),
        ("manufacturing", "distribution"),
        ("distribution", "use"),
    ]
    assert set(loop) <= edges
    metals = {f["material"] for f in regional if f["toStage"] == "material_production"}
    assert {"cobalt", "lithium", "nickel"} <= metals


def _passes_disclosure(contributions: dict[str, float]) -> bool:
    """>= 3 enterprise groups and the p %-rule (p = 15), as in DOMAIN.md."""
    values = sorted(contributions.values(), reverse=True)
    if len(values) < 3:
        return False
    return sum(values) - values[0] - values[1] >= 0.15 * values[0]


def test_some_confidential_company_cells_survive_disclosure_control(records, orgs) -> None:
    group_of = {o["iri"]: o["group"] or o["iri"] for o in orgs}
    companies = {o["iri"] for o in orgs if o["kind"] == "company"}
    cells: dict[tuple, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for flow in _flows(records):
        if flow["reporter"] in companies and flow["disclosure"] != "public":
            key = (flow["material"], flow["fromStage"], flow["toStage"], flow["period"])
            cells[key][group_of[flow["reporter"]]] += flow["mass"]["value"]
    published = [key for key, groups in cells.items() if _passes_disclosure(groups)]
    assert len(published) >= 10
    assert {key[0] for key in published} >= {"pet", "iron_steel", "aluminium", "li_ion_battery"}
    assert len(published) < len(cells)  # single-reporter recycler cells stay hidden


def test_municipal_waste_statistics_allow_a_recycling_rate(records: list[dict]) -> None:
    msw = [f for f in _flows(records) if f.get("sourceSystem") == "junkan-demo-msw-survey"]
    for code in MUNICIPALITIES - {"400009"}:
        own = [f for f in msw if f["region"] == code and f["period"] == "FY2023"]
        tonnes = defaultdict(float)
        for flow in own:
            tonnes[(flow["fromStage"], flow["toStage"])] += flow["mass"]["value"]
        group = sum(v for (_, dst), v in tonnes.items() if dst == "group_collection")
        treated = sum(v for (src, _), v in tonnes.items() if src == "planned_collection")
        recycled = group + sum(
            v for (_, dst), v in tonnes.items() if dst in ("direct_recycling", "recycling")
        )
        rate = recycled / (treated + group)
        assert 0.08 < rate < 0.35, (code, rate)


def test_national_account_matches_the_cited_fy2006_figures(records: list[dict]) -> None:
    national = {
        (f["fromStage"], f["toStage"]): f["mass"]["value"] / 1000
        for f in _flows(records)
        if f["region"] == "JP" and f["period"] == "FY2006"
    }
    assert national[("natural_resource_input", "total_material_input")] == 1591
    assert national[("cyclical_use", "total_material_input")] == 228
    assert national[("waste_generation", "final_disposal")] == 29
    inflow = national[("natural_resource_input", "total_material_input")] + 228
    assert round(228 / inflow * 100, 1) == 12.5  # input-side cyclical use rate, DOMAIN.md §2.3
    assert all(
        f["reporter"].endswith("/secretariat") for f in _flows(records) if f["region"] == "JP"
    )
