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
    _side: dict = field(default_factory=dict)

    @property
    def source(self) -> str:
        if not self.manifest.get("rows"):
            return _EMPTY  # read_parquet fails on a glob matching no file
        return parquet_source(snapshot_io.parquet_glob(self.root, self.id))

    def side(self, name: str) -> pd.DataFrame:
        if name not in self._side:
            self._side[name] = read_side(self.root, self.manifest, name).to_pandas()
        return self._side[name]

    def flows_frame(self, where: str = "true", params: dict | None = None) -> pd.DataFrame:
        sql = f"SELECT * FROM {self.source} WHERE {where}"
        return self.con.sql(sql, params=params or {}).to_arrow_table().to_pandas()


class SnapshotReader:
    """Hands out the newest complete snapshot; one DuckDB database, a cursor per caller."""

    def __init__(self, root: Path, max_cached: int = 256) -> None:
        self.root = Path(root)
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
            cursor = self._con.cursor()  # DuckDB connections are not shared across threads
        return Snapshot(snapshot_id, manifest, self.root, cursor)
