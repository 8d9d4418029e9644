"""Aggregation of a flow snapshot with DuckDB.

Every cell carries, besides its value, what disclosure control needs: the number of distinct
enterprise groups, the two largest absolute group contributions, the sum of absolute group
contributions, whether any contribution is negative or non-public, and the sole owning
organisation if there is one. Those internals never leave the hub (see ``PUBLIC_COLUMNS`` in
``disclosure``); they exist so suppression can be decided without a second scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

if TYPE_CHECKING:
    from junkan.analytics.cube import FlowCube

GROUPABLE = (
    "material",
    "material_category",
    "from_stage",
    "to_stage",
    "region",
    "prefecture",
    "period",
    "recovery_type",
)
MAX_GROUP_BY = 3
UNIT_FACTORS = {"kg": 1.0, "t": 0.001}
# Margin cells carry this in the key columns they sum over; a real key can be NULL, so NULL
# cannot double as "total".
TOTAL = "__total__"
INTERNAL_COLUMNS = (
    "contributors",
    "x1",
    "x2",
    "abs_total",
    "has_negative",
    "has_nonpublic",
    "viewer_owns",
)


class QueryTooComplex(ValueError):
    """Unknown group-by field, a repeated one, or more than the allowed number."""

    code = "query-too-complex"


class InvalidQuery(ValueError):
    """A filter that can never match, such as a reversed period range or an unknown unit."""

    code = "invalid-query"


@dataclass(frozen=True)
class FlowQuery:
    group_by: tuple[str, ...]
    period_from: str | None = None
    period_to: str | None = None
    materials: tuple[str, ...] = ()
    material_categories: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    prefectures: tuple[str, ...] = ()
    from_stages: tuple[str, ...] = ()
    to_stages: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()  # either end of the flow
    recovery_types: tuple[str, ...] = ()
    unit: str = "kg"
    margins: bool = False
    extra: dict = field(default_factory=dict, compare=False)


def period_year(period: str) -> int:
    """FY2023 → 2023; the fiscal-year label is the year in which the FY starts."""
    match = re.search(r"(\d{4})", period or "")
    if not match:
        raise InvalidQuery(f"unreadable period: {period!r}")
    return int(match.group(1))


def validate(query: FlowQuery, max_group_by: int = MAX_GROUP_BY) -> None:
    keys = query.group_by
    unknown = [k for k in keys if k not in GROUPABLE]
    if unknown or len(set(keys)) != len(keys) or len(keys) > max_group_by:
        raise QueryTooComplex(
            f"group_by takes up to {max_group_by} distinct fields of {', '.join(GROUPABLE)}"
        )
    if query.unit not in UNIT_FACTORS:
        raise InvalidQuery(f"unit must be one of {', '.join(UNIT_FACTORS)}")
    if (
        query.period_from
        and query.period_to
        and period_year(query.period_from) > period_year(query.period_to)
    ):
        raise InvalidQuery("period_from is after period_to")


LIST_FILTERS = (
    ("materials", "material"),
    ("material_categories", "material_category"),
    ("regions", "region"),
    ("prefectures", "prefecture"),
    ("from_stages", "from_stage"),
    ("to_stages", "to_stage"),
    ("recovery_types", "recovery_type"),
)


def _where(query: FlowQuery) -> tuple[str, dict]:
    clauses, params = ["true"], {}
    for attr, column in LIST_FILTERS:
        values = list(getattr(query, attr))
        if values:
            clauses.append(f"list_contains(${attr}, {column})")
            params[attr] = values
    if query.stages:
        clauses.append("(list_contains($stages, from_stage) OR list_contains($stages, to_stage))")
        params["stages"] = list(query.stages)
    if query.period_from:
        clauses.append("year >= $year_from")
        params["year_from"] = period_year(query.period_from)
    if query.period_to:
        clauses.append("year <= $year_to")
        params["year_to"] = period_year(query.period_to)
    return " AND ".join(clauses), params


_SQL = """
WITH per_group AS (
  SELECT {sel}group_id,
         sum(mass_kg) AS g_sum,
         bool_or(disclosure <> 'public') AS g_nonpublic{own_inner}
  FROM {source}
  WHERE {where}
  GROUP BY {inner_group}
)
SELECT {outer_keys}
       sum(g_sum) * $scale AS value,
       count(*) AS contributors,
       max(abs(g_sum)) * $scale AS x1,
       coalesce(max(abs(g_sum), 2)[2], 0) * $scale AS x2,
       sum(abs(g_sum)) * $scale AS abs_total,
       bool_or(g_sum < 0) AS has_negative,
       bool_or(g_nonpublic) AS has_nonpublic,
       {own_outer} AS viewer_owns{groups}
FROM per_group
{outer}
"""


def build_sql(
    query: FlowQuery, source: str, viewer_org: str | None = None, *, with_groups: bool = False
) -> tuple[str, dict]:
    """Two-level aggregation: first per cell and enterprise group, then per cell.

    Grouping per enterprise group first is what makes affiliated organisations count as one
    contributor and gives the group contributions the p%-rule needs. ``viewer_owns`` says a
    cell is made entirely of ``viewer_org``'s records; it is a per-row boolean rather than
    carrying owner names through the big first level, which would cost memory and time.
    ``with_groups`` adds each cell's list of contributing groups (for the differencing
    guard) from the small second level, saving the guard a second scan of the snapshot.
    """
    keys = list(query.group_by)
    where, params = _where(query)
    inner_keys = ", ".join(keys)
    if query.margins and keys:
        inner_group = f"group_id, CUBE({inner_keys})"
        key_cols = ", ".join(
            f"CASE WHEN grouping({k}) = 1 THEN '{TOTAL}' ELSE {k} END AS {k}" for k in keys
        )
    else:
        inner_group = ", ".join([*keys, "group_id"])
        key_cols = inner_keys
    sel = f"{key_cols}, " if keys else ""
    outer = f"GROUP BY {inner_keys} ORDER BY {inner_keys} NULLS LAST" if keys else ""
    params["scale"] = UNIT_FACTORS[query.unit]
    own_inner, own_outer = "", "false"
    if viewer_org is not None:
        own_inner = ",\n         coalesce(bool_and(owner_org = $viewer_org), false) AS g_own"
        own_outer = "bool_and(g_own)"
        params["viewer_org"] = viewer_org
    sql = _SQL.format(
        sel=sel,
        own_inner=own_inner,
        source=source,
        where=where,
        inner_group=inner_group,
        outer_keys=inner_keys + ", " if keys else "",
        own_outer=own_outer,
        groups=",\n       list(group_id ORDER BY group_id) AS groups" if with_groups else "",
        outer=outer,
    )
    return sql, params


def parquet_source(glob: str) -> str:
    """A DuckDB table expression over a snapshot glob (the period comes from the path)."""
    escaped = glob.replace("'", "''")
    return (
        f"read_parquet('{escaped}', hive_partitioning = true, hive_types = {{'period': VARCHAR}})"
    )


def aggregate(
    source: str | FlowCube,
    query: FlowQuery,
    con: duckdb.DuckDBPyConnection | None = None,
    *,
    viewer_org: str | None = None,
    max_group_by: int = MAX_GROUP_BY,
    with_groups: bool = False,
) -> pd.DataFrame:
    """Aggregate ``source``: a DuckDB table expression (e.g. :func:`parquet_source`) or a
    :class:`~junkan.analytics.cube.FlowCube` (the same result, computed in memory by sorting;
    several times faster on millions of rows).

    Returns one row per cell with the group-by keys, ``value`` in ``query.unit`` and the
    internal disclosure columns listed in ``INTERNAL_COLUMNS``. With ``margins=True`` the
    result also holds every margin (row, column and grand totals), marked with ``TOTAL``.
    Pass ``viewer_org`` when the table is for a member, so cells made only of its own records
    can be shown to it (the frame remembers whom ``viewer_owns`` was computed for).
    """
    validate(query, max_group_by)
    if not isinstance(source, str):
        return source.aggregate(query, viewer_org, with_groups=with_groups)
    sql, params = build_sql(query, source, viewer_org, with_groups=with_groups)
    con = con or duckdb.connect()
    # Through Arrow: markedly cheaper than DuckDB's own DataFrame conversion for string keys.
    frame = con.sql(sql, params=params).to_arrow_table().to_pandas()
    if not query.group_by:
        frame = frame[frame["contributors"] > 0].reset_index(drop=True)
    frame.attrs["viewer_org"] = viewer_org
    return frame


def contributor_groups(
    source: str,
    query: FlowQuery,
    cell: dict,
    con: duckdb.DuckDBPyConnection | None = None,
) -> frozenset[str]:
    """The enterprise groups contributing to one cell (for the differencing guard)."""
    validate(query)
    where, params = _where(query)
    for i, key in enumerate(query.group_by):
        if cell.get(key) == TOTAL:
            continue
        if cell.get(key) is None:
            where += f" AND {key} IS NULL"
        else:
            where += f" AND {key} = $cell{i}"
            params[f"cell{i}"] = cell[key]
    con = con or duckdb.connect()
    rows = con.execute(f"SELECT DISTINCT group_id FROM {source} WHERE {where}", params).fetchall()
    return frozenset(r[0] for r in rows)
