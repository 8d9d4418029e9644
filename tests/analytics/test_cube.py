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


@pytest.fixture(params=["dense", "sorted", "threads", "runs"])
def engine(request, monkeypatch):
    """Every way of finding the (cell, group) pairs: dense counting; sorting packed integers
    (on one thread, or split over three however few the rows); sorting with ``_runs``."""
    monkeypatch.setattr(cube_module, "_dense_enough", lambda *_: request.param == "dense")
    if request.param == "threads":
        monkeypatch.setattr(cube_module, "THREADS", 3)
        monkeypatch.setattr(cube_module, "PARALLEL_ROWS", 1)
    if request.param == "runs":
        monkeypatch.setattr(FlowCube, "_packed_pairs", lambda *_: None)
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


def _generated_cube(seed: int, n: int) -> FlowCube:
    """Many rows, groups and cells, so pairs of several rows straddle any split point."""
    import numpy as np
    import pyarrow as pa

    rng = np.random.default_rng(seed)

    def labels(prefix: str, k: int, size: int, null_share: float = 0.0):
        values = pa.array([f"{prefix}{i:03d}" for i in range(k)])
        codes = rng.integers(0, k, size)
        return pa.DictionaryArray.from_arrays(
            pa.array(codes.astype(np.int32), mask=rng.random(size) < null_share), values
        )

    owner = rng.integers(0, 60, n)
    group_of = rng.integers(0, 25, 60)
    year = rng.integers(2019, 2024, n)
    table = pa.table(
        {
            "material": labels("m", 12, n, 0.01),
            "material_category": labels("c", 3, n),
            "from_stage": labels("f", 5, n),
            "to_stage": labels("t", 5, n, 0.02),
            "region": labels("r", 30, n),
            "prefecture": labels("p", 4, n),
            "period": pa.array([f"FY{y}" for y in year]),
            "recovery_type": labels("x", 4, n, 0.3),
            "year": pa.array(year.astype(np.int32)),
            "group_id": pa.array([f"G{g:02d}" for g in group_of[owner]]),
            "owner_org": pa.array([f"o{o:02d}" for o in owner]),
            "disclosure": pa.array(rng.choice(["public", "members", None], n, p=[0.6, 0.3, 0.1])),
            "mass_kg": pa.array(np.where(rng.random(n) < 0.05, -1.0, 1.0) * rng.lognormal(3, 2, n)),
        }
    )
    return FlowCube.from_arrow(table)


@pytest.mark.parametrize("threads", [1, 2, 3])
@pytest.mark.parametrize(
    "query",
    [
        FlowQuery(group_by=("material", "from_stage", "to_stage", "period")),
        FlowQuery(group_by=("region", "to_stage"), margins=True),
        FlowQuery(group_by=("material", "region"), period_from="FY2021", stages=("f001",)),
    ],
    ids=["four", "margins", "filtered"],
)
@pytest.mark.parametrize("viewer", [None, "o07"])
def test_packed_pairs_equal_runs_exactly(monkeypatch, threads, query, viewer):
    """The packed-integer sort (threads and all) gives bit-for-bit what ``_runs`` gives."""
    cube = _generated_cube(threads, 30_000)
    monkeypatch.setattr(cube_module, "_dense_enough", lambda *_: False)
    monkeypatch.setattr(cube_module, "THREADS", threads)
    monkeypatch.setattr(cube_module, "PARALLEL_ROWS", 1)
    packed = aggregate(cube, query, viewer_org=viewer, max_group_by=4, with_groups=True)
    monkeypatch.setattr(FlowCube, "_packed_pairs", lambda *_: None)
    runs = aggregate(cube, query, viewer_org=viewer, max_group_by=4, with_groups=True)
    assert len(packed) > 50
    assert packed.drop(columns="groups").equals(runs.drop(columns="groups"))
    assert [list(g) for g in packed["groups"]] == [list(g) for g in runs["groups"]]
