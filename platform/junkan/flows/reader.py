"""Open the current snapshot for reading: DuckDB source, manifest and side tables."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from junkan.analytics import snapshot_io
from junkan.analytics.aggregate import parquet_source
from junkan.analytics.cube import COLUMNS, FlowCube
from junkan.flows.errors import NoSnapshot
from junkan.flows.snapshots import read_side

_DUCK_TYPES = {"string": "VARCHAR", "int32": "INTEGER", "double": "DOUBLE"}
_EMPTY = "(SELECT * FROM (SELECT {}) WHERE false)".format(
    ", ".join(f"NULL::{_DUCK_TYPES[str(f.type)]} AS {f.name}" for f in snapshot_io.FLOW_SCHEMA)
)


@dataclass
class Snapshot:
    id: int
    manifest: dict
    root: Path
    con: duckdb.DuckDBPyConnection
    table: str | None = None  # the in-memory copy with integer group ids, when loaded
    group_names: dict | None = None  # integer group id → enterprise-group id
    cube: FlowCube | None = None  # the integer-coded copy aggregates run on, when loaded
    _side: dict = field(default_factory=dict)

    @property
    def aggregate_source(self) -> str | FlowCube:
        """What ``aggregate.aggregate`` should run on: the cube when loaded."""
        return self.cube if self.cube is not None else self.source

    @property
    def source(self) -> str:
        if not self.manifest.get("rows"):
            return _EMPTY  # read_parquet fails on a glob matching no file
        if self.table is not None:
            return self.table
        return parquet_source(snapshot_io.parquet_glob(self.root, self.id))

    def group_ids(self, codes) -> frozenset[str]:
        """Enterprise-group ids of a contributor list (integer-coded when loaded)."""
        return frozenset(self.group_list(codes))

    def group_list(self, codes) -> list[str]:
        """The same, sorted. The cube already lists group ids, sorted; DuckDB over the
        loaded table lists integer codes."""
        if self.cube is not None or self.group_names is None:
            return sorted(codes)
        return sorted(self.group_names[c] for c in codes)

    def side(self, name: str) -> pd.DataFrame:
        if name not in self._side:
            self._side[name] = read_side(self.root, self.manifest, name).to_pandas()
        return self._side[name]

    def flows_frame(self, where: str = "true", params: dict | None = None) -> pd.DataFrame:
        sql = f"SELECT * FROM {self.source} WHERE {where}"
        return self.con.sql(sql, params=params or {}).to_arrow_table().to_pandas()


class SnapshotReader:
    """Hands out the newest complete snapshot; one DuckDB database, a cursor per caller."""

    def __init__(self, root: Path, max_cached: int = 256, *, in_memory: bool = True) -> None:
        self.root = Path(root)
        self.in_memory = in_memory
        self._loaded: dict[int, tuple] = {}  # snapshot id → (group names, cube), newest last
        self._load_lock = threading.Lock()
        self._con = duckdb.connect()
        self._lock = threading.Lock()
        self._cache: dict[int, dict] = {}
        self._results: OrderedDict = OrderedDict()
        self.max_cached = max_cached

    def cached(self, key: tuple, compute):
        """Memoise a result computed from one immutable snapshot (the key names its id).

        Snapshots never change, so a result keyed by snapshot id can never go stale; the
        dashboard asks the same few queries over and over.
        """
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]
        value = compute()
        with self._lock:
            self._results[key] = value
            while len(self._results) > self.max_cached:
                self._results.popitem(last=False)
        return value

    def current(self) -> Snapshot:
        snapshot_id = snapshot_io.latest_snapshot_id(self.root)
        if snapshot_id is None:
            raise NoSnapshot("Run `junkan snapshot build` or submit data and wait a moment.")
        with self._lock:
            manifest = self._cache.get(snapshot_id)
            if manifest is None:
                manifest = snapshot_io.read_manifest(self.root, snapshot_id)
                self._cache = {snapshot_id: manifest}
        snap = Snapshot(snapshot_id, manifest, self.root, self._con.cursor())
        if self.in_memory and manifest.get("rows"):
            snap.group_names, snap.cube = self._load(snap)
            snap.table = f"flows_{snapshot_id}"
        return snap

    def _load(self, snap: Snapshot) -> tuple[dict, FlowCube]:
        """Copy the snapshot into DuckDB memory once, with integer enterprise-group ids.

        Grouping by an integer instead of a string group id makes the two-level aggregation
        two to three times faster (measured on 1 M rows); the Parquet files stay the
        published, portable form. The previous snapshot's tables stay, since a request may
        still be reading them; older ones are dropped. Aggregates run on a second, integer-coded
        copy (:class:`FlowCube`), several times faster than DuckDB's two-level GROUP BY.
        """
        with self._load_lock:
            if snap.id in self._loaded:
                return self._loaded[snap.id]
            parquet = parquet_source(snapshot_io.parquet_glob(self.root, snap.id))
            con, n = self._con.cursor(), snap.id
            con.execute(
                f"CREATE OR REPLACE TABLE groups_{n} AS SELECT (row_number() OVER ())::INTEGER"
                f" AS code, group_id FROM (SELECT DISTINCT group_id FROM {parquet})"
            )
            con.execute(
                f"CREATE OR REPLACE TABLE flows_{n} AS SELECT f.* REPLACE (g.code AS group_id)"
                f" FROM {parquet} f JOIN groups_{n} g ON f.group_id = g.group_id"
            )
            names = dict(con.execute(f"SELECT code, group_id FROM groups_{n}").fetchall())
            # The cube keeps the group ids themselves: its contributor lists then need no
            # mapping back (the guard hashes hundreds of them per request).
            columns = ", ".join("g.group_id" if c == "group_id" else f"f.{c}" for c in COLUMNS)
            cube_sql = f"SELECT {columns} FROM flows_{n} f JOIN groups_{n} g ON f.group_id = g.code"
            batches = con.sql(cube_sql).to_arrow_reader(1 << 16)
            self._loaded[n] = names, FlowCube.from_arrow(batches)
            for old in sorted(self._loaded)[:-2]:
                con.execute(f"DROP TABLE IF EXISTS flows_{old}; DROP TABLE IF EXISTS groups_{old}")
                del self._loaded[old]
            return self._loaded[n]
