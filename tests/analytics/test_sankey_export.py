import io

import pandas as pd
import pyarrow.parquet as pq
import pytest

from junkan.analytics.export import (
    AGGREGATE_SCHEMA,
    UnsafeExport,
    aggregate_table,
    escape_cell,
    to_csv,
    to_parquet,
)
from junkan.analytics.sankey import sankey


def link_map(result):
    return {(lk["source"], lk["target"]): lk["value"] for lk in result["links"]}


def cell(src, dst, value, suppressed=False):
    return {"from_stage": src, "to_stage": dst, "value": value, "suppressed": suppressed}


def test_cycle_and_unaccounted_nodes():
    cells = [
        cell("production", "use", 100.0),
        cell("use", "collection", 60.0),
        cell("collection", "recycling", 70.0),  # 10 more than collected
        cell("recycling", "production", 50.0),  # loop back
        cell("recycling", "landfill", 20.0),
    ]
    out = sankey(cells)
    links = link_map(out)
    assert links[("recycling", "production")] == 50.0
    assert links[("use", "unaccounted_out:use")] == pytest.approx(40.0)
    assert links[("unaccounted_in:collection", "collection")] == pytest.approx(10.0)
    # production: in 50, out 100 -> 50 appears from nowhere
    assert links[("unaccounted_in:production", "production")] == pytest.approx(50.0)
    assert ("recycling", "unaccounted_out:recycling") not in links  # 70 in, 70 out
    kinds = {n["id"]: n["kind"] for n in out["nodes"]}
    assert kinds["unaccounted_out:use"] == "unaccounted" and kinds["use"] == "process"
    assert out["hidden_links"] == 0


def test_hidden_links_are_counted_not_drawn_nor_derivable():
    cells = [
        cell("a", "b", 100.0),
        cell("b", "c", 70.0),
        cell("b", "d", 30.0, suppressed=True),
        cell("x", "y", None, suppressed=True),
    ]
    out = sankey(cells)
    links = link_map(out)
    assert ("b", "d") not in links and out["hidden_links"] == 2
    # b shows in 100 / out 70, but drawing a 30 "unaccounted" would reveal the hidden link.
    assert not any("unaccounted" in n["id"] for n in out["nodes"])
    assert out["nodes_with_hidden_links"] == ["b"]


def test_small_imbalance_within_tolerance_is_not_drawn():
    out = sankey([cell("a", "b", 100.0), cell("b", "c", 99.5)], tolerance=0.01)
    assert len(out["links"]) == 2


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+81-3", "'+81-3"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("steel", "steel"),
        (-5.0, "-5.0"),
        (None, ""),
        (True, "true"),
    ],
)
def test_escape_cell(raw, safe):
    assert escape_cell(raw) == safe


def test_csv_round_trip_keeps_numbers_and_escapes_text():
    frame = pd.DataFrame({"material": ['=HYPERLINK("x")', "紙"], "value": [-1.5, 2.0]})
    text = to_csv(frame)
    assert text.splitlines()[1].startswith("\"'=HYPERLINK")
    back = pd.read_csv(io.StringIO(text))
    assert back["value"].tolist() == [-1.5, 2.0]
    assert back["material"].tolist()[1] == "紙"


def test_internal_columns_are_refused():
    with pytest.raises(UnsafeExport):
        to_csv(pd.DataFrame({"material": ["a"], "x1": [1.0]}))


def protected_frame():
    return pd.DataFrame(
        {
            "material": ["steel", "paper"],
            "value": [1.0, 99.0],  # the paper value must not survive: it is suppressed
            "suppressed": [False, True],
            "suppression": [None, "primary"],
            "contributors_band": ["3-4", None],
            "rule_version": ["v1", "v1"],
        }
    )


def test_parquet_schema_is_stable(tmp_path):
    path = tmp_path / "agg.parquet"
    to_parquet(protected_frame(), path, unit="t", snapshot_id=7)
    table = pq.read_table(path)
    assert table.schema.equals(AGGREGATE_SCHEMA, check_metadata=False)
    assert table.schema.metadata[b"junkan.schema"] == b"aggregate/1"
    assert table.column("value").to_pylist() == [1.0, None]
    assert table.column("to_stage").to_pylist() == [None, None]
    assert table.column("snapshot_id").to_pylist() == [7, 7]


def test_aggregate_table_nulls_suppressed_values():
    table = aggregate_table(protected_frame(), unit="kg", snapshot_id=1)
    assert table.column("value").to_pylist()[1] is None


def test_sankey_from_protected_frame(snapshot_source):
    from junkan.analytics.aggregate import FlowQuery, aggregate
    from junkan.analytics.disclosure import protect

    rows = [
        *[
            {"owner_org": f"o{i}", "from_stage": "use", "to_stage": "collection", "mass_kg": 10.0}
            for i in range(5)
        ],
        {"owner_org": "solo", "from_stage": "collection", "to_stage": "recycling"},
    ]
    dims = ("from_stage", "to_stage")
    out = sankey(protect(aggregate(snapshot_source(rows), FlowQuery(group_by=dims)), dims))
    assert link_map(out) == {("use", "collection"): 50.0}
    assert out["hidden_links"] == 1
