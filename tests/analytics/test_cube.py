"""The in-memory cube must give exactly what the DuckDB aggregation gives.

Disclosure decisions are made on these columns, so the two engines are compared cell by cell
(keys, order, counts, top two, flags, contributor lists) over random tables and many query
shapes, including margins, NULL keys, negative values, filters and viewers.
"""

import itertools
import random

import pyarrow.parquet as pq
import pytest

from junkan.analytics import cube as cube_module
from junkan.analytics.aggregate import FlowQuery, aggregate, parquet_source
from junkan.analytics.cube import FlowCube
from junkan.analytics.snapshot_io import parquet_glob, write_snapshot

FIELDS = ("material", "from_stage", "to_stage", "region", "period", "recovery_type")


def random_rows(seed: int, n: int = 400) -> list[dict]:
    rnd = random.Random(seed)
    rows = []
    for _ in range(n):
        org = rnd.choice(["a1", "a2", "b", "c", "d", "e", "f", "g"])
        year = rnd.choice([2021, 2022, 2023])
        rows.append(
            {
                "owner_org": org,
                "group_id": {"a1": "A", "a2": "A"}.get(org, org.upper()),
                "disclosure": rnd.choice(["public", "members", "confidential"]),
                "material": rnd.choice(["steel", "paper", "pet", "glass"]),
                "material_category": "x",
                "from_stage": rnd.choice(["collection", "sorting", "use"]),
                "to_stage": rnd.choice(["recycling", "landfill", "stock"]),
                "region": rnd.choice(["13", "27", None]),
                "period": f"FY{year}",
                "year": year,
                "recovery_type": rnd.choice([None, "landfill", "recycling_mechanical"]),
                # mostly positive, a few negative; some exact ties between groups
                "mass_kg": rnd.choice([100.0, 250.0, rnd.uniform(-50, 900)]),
            }
        )
    return rows


QUERIES = [
    FlowQuery(group_by=()),
    FlowQuery(group_by=("material",)),
    FlowQuery(group_by=("region",), margins=True),
    FlowQuery(group_by=("material", "period"), margins=True, unit="t"),
    FlowQuery(group_by=("from_stage", "to_stage", "recovery_type"), margins=True),
    FlowQuery(group_by=("to_stage", "region", "material")),
    FlowQuery(group_by=("material",), materials=("steel", "pet", "nothing"), margins=True),
    FlowQuery(group_by=("region", "to_stage"), stages=("use", "stock"), margins=True),
    FlowQuery(group_by=("period",), period_from="FY2022", period_to="FY2023"),
    FlowQuery(group_by=("material",), regions=("27",), period_to="FY2021"),
    FlowQuery(group_by=("material",), materials=("nothing",), margins=True),
    FlowQuery(group_by=(), materials=("nothing",)),
]


@pytest.fixture(params=["dense", "sorted"])
def engine(request, monkeypatch):
    """Both ways of finding the (cell, group) pairs: dense counting and sorting."""
    monkeypatch.setattr(cube_module, "_dense_enough", lambda *_: request.param == "dense")
    return request.param


@pytest.fixture(params=[1, 2, 3])
def both(request, tmp_path, make_flows, engine):
    table = make_flows(random_rows(request.param))
    root = tmp_path / "s"
    sid = write_snapshot(root, table)
    glob = parquet_glob(root, sid)
    cube = FlowCube.from_arrow(pq.read_table(root / f"{sid:08d}"))
    return parquet_source(glob), cube


def assert_same(expected, actual):
    assert list(actual.columns) == list(expected.columns)
    assert len(actual) == len(expected)
    if len(expected):  # DuckDB's empty grand total has NULL (object) flags; ours are bool
        assert list(actual.dtypes) == list(expected.dtypes)
    for want, got in zip(expected.to_dict("records"), actual.to_dict("records"), strict=True):
        for column, value in want.items():
            if isinstance(value, float) and value != value:
                assert got[column] != got[column], column  # both NaN (a NULL key)
            elif isinstance(value, float):
                assert got[column] == pytest.approx(value, rel=1e-9, abs=1e-9), column
            elif column == "groups":
                assert list(got[column]) == list(value)
            else:
                assert got[column] == value, (column, want, got)


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: ",".join(q.group_by) or "total")
@pytest.mark.parametrize("viewer", [None, "b", "a1"])
def test_cube_matches_duckdb(both, query, viewer):
    source, cube = both
    expected = aggregate(source, query, viewer_org=viewer, with_groups=True)
    actual = aggregate(cube, query, viewer_org=viewer, with_groups=True)
    assert_same(expected, actual)
    assert actual.attrs["viewer_org"] == viewer


def test_cube_matches_duckdb_on_every_three_field_cube(both):
    source, cube = both
    for keys in itertools.combinations(FIELDS, 3):
        query = FlowQuery(group_by=keys, margins=True)
        assert_same(aggregate(source, query), aggregate(cube, query))


def test_owned_cell_needs_every_row_to_be_the_viewers(both):
    _source, cube = both
    cells = aggregate(cube, FlowQuery(group_by=("material", "region")), viewer_org="nobody")
    assert not cells["viewer_owns"].any()
