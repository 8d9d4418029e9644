"""Analytics benchmark (not a test): prints figures.

    PYTHONPATH=platform python bench/analytics.py --rows 10000000

Generates a synthetic flow snapshot (numpy, dictionary-encoded strings, streamed period by
period so memory stays flat), then measures on it:
  * warm ``aggregate`` (material × from_stage × to_stage × period) on the integer-coded
    in-memory copy the hub aggregates on (``FlowCube``, loaded once per snapshot; the load
    is timed too; a sorting aggregation runs on ``cube.THREADS`` threads, DuckDB on
    ``--threads``) vs a bare DuckDB SUM … GROUP BY over the same Parquet in the same run;
    with ``--duckdb-path`` also ``aggregate`` straight over the Parquet (DuckDB two-level
    SQL, the path used when no cube is loaded; slow and memory-hungry on 10 M rows);
  * disclosure control (primary rule and bands) on that result, and full protection
    (primary + secondary + LP audit) of a table with margins;
  * peak RSS of the process.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from junkan.analytics import cube as cube_module
from junkan.analytics.aggregate import FlowQuery, aggregate, build_sql, parquet_source
from junkan.analytics.cube import COLUMNS, FlowCube
from junkan.analytics.disclosure import DisclosureRules, primary_mask, protect
from junkan.analytics.snapshot_io import latest_snapshot_id, parquet_glob, write_snapshot

MATERIALS = [f"mat-{i:02d}" for i in range(40)]
CATEGORIES = [f"cat-{i}" for i in range(8)]
STAGES = [f"stage-{i:02d}" for i in range(14)]
RECOVERY = [
    "reuse",
    "recycling_mechanical",
    "recycling_chemical",
    "biological",
    "energy_recovery",
    "incineration",
    "landfill",
]
DISCLOSURE = ["public", "members", "confidential"]
N_ORGS, N_GROUPS, N_REGIONS = 3000, 900, 400
YEARS = list(range(2014, 2024))


def dict_col(rng_idx: np.ndarray, values: list[str]) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(rng_idx.astype(np.int32)), pa.array(values))


def period_chunk(rng: np.random.Generator, year: int, n: int, offset: int) -> pa.Table:
    """One period's rows, fully vectorised; strings as dictionaries (cheap to build/hold)."""
    regions = [f"{1 + i % 47:02d}{i:03d}0" for i in range(N_REGIONS)]
    org_group = rng.integers(0, N_GROUPS, N_ORGS)  # fixed per seed: orgs belong to groups
    org = (rng.zipf(1.3, n) - 1) % N_ORGS  # skewed: a few big reporters
    material = rng.integers(0, len(MATERIALS), n)
    region = rng.integers(0, N_REGIONS, n)
    rec = rng.integers(-1, len(RECOVERY), n)
    ids = pa.array(np.arange(offset, offset + n, dtype=np.int64)).cast(pa.string())
    mass = rng.lognormal(8.0, 2.0, n)
    cols = {
        "record_id": ids,
        "owner_org": dict_col(org, [f"org-{i}" for i in range(N_ORGS)]),
        "group_id": dict_col(org_group[org], [f"grp-{i}" for i in range(N_GROUPS)]),
        "disclosure": dict_col(rng.choice(3, n, p=[0.1, 0.2, 0.7]), DISCLOSURE),
        "material": dict_col(material, MATERIALS),
        "material_category": dict_col(material % len(CATEGORIES), CATEGORIES),
        "from_stage": dict_col(rng.integers(0, len(STAGES), n), STAGES),
        "to_stage": dict_col(rng.integers(0, len(STAGES), n), STAGES),
        "period": pa.array(np.full(n, f"FY{year}")),
        "year": pa.array(np.full(n, year, dtype=np.int32)),
        "region": dict_col(region, regions),
        "prefecture": dict_col(region % 47, [f"{i + 1:02d}" for i in range(47)]),
        "recovery_type": pa.DictionaryArray.from_arrays(
            pa.array(rec.astype(np.int32), mask=rec < 0), pa.array(RECOVERY)
        ),
        "flow_class": dict_col(rng.integers(0, 3, n), ["product", "by_product", "waste"]),
        "origin": pa.nulls(n, pa.string()),
        "mass_kg": pa.array(mass),
        "uncertainty": pa.array(np.full(n, 0.1)),
        "data_quality": dict_col(
            rng.integers(0, 4, n), ["measured", "calculated", "estimated", "modelled"]
        ),
    }
    return pa.table(cols)


def chunks(rows: int, seed: int, timer: dict):
    per = -(-rows // len(YEARS))
    done = 0
    for year in YEARS:
        n = min(per, rows - done)
        if n <= 0:
            return
        t0 = time.perf_counter()
        table = period_chunk(np.random.default_rng([seed, year]), year, n, done)
        timer["generate"] += time.perf_counter() - t0
        done += n
        yield table


def timed(fn, repeat: int) -> tuple[float, object]:
    fn()  # warm: file metadata and OS cache
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def rss_now_mib() -> float:
    with open("/proc/self/statm") as statm:  # Linux: pages
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory-limit", default="640MB")
    ap.add_argument("--dir", type=Path, default=None)
    ap.add_argument("--duckdb-path", action="store_true", help="also time aggregate on Parquet")
    ap.add_argument("--write-only", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.write_only:
        return generate(args.write_only, args.rows)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        return run(args, Path(tmp))


def generate(root: Path, rows: int) -> int:
    """Write the synthetic snapshot (run in its own process: the hub reads snapshots, it never
    generates them, so the generator's memory must not count in the figures below)."""
    timer = {"generate": 0.0}
    t0 = time.perf_counter()
    write_snapshot(root, chunks(rows, 42, timer))
    print(f"rows                         {rows:>12,}")
    print(f"generate (numpy)             {timer['generate']:>10.2f} s")
    print(f"generate + write snapshot    {time.perf_counter() - t0:>10.2f} s (zstd, by period)")
    print(f"generator process peak RSS   {peak_rss_mib():>10.0f} MiB (not counted below)")
    return 0


def run(args, root: Path) -> int:
    command = [sys.executable, __file__, "--rows", str(args.rows), "--write-only", str(root)]
    subprocess.run(command, check=True)
    sid = latest_snapshot_id(root)
    print(f"peak RSS so far              {peak_rss_mib():>10.0f} MiB (now {rss_now_mib():.0f})")
    con = duckdb.connect()
    con.execute(f"SET threads = {args.threads}; SET memory_limit = '{args.memory_limit}'")
    src = parquet_source(parquet_glob(root, sid))
    keys = ("material", "from_stage", "to_stage", "period")
    query = FlowQuery(group_by=keys)
    bare_sql = f"SELECT {', '.join(keys)}, sum(mass_kg) FROM {src} GROUP BY ALL"
    t_bare, _ = timed(lambda: con.execute(bare_sql).df(), args.repeat)
    print(f"bare DuckDB SUM group-by     {t_bare:>10.3f} s  (Parquet)")
    if args.duckdb_path:
        sql, params = build_sql(query, src)
        t_same, _ = timed(lambda: con.execute(sql, params).df(), args.repeat)
        t_pq, ref = timed(lambda: aggregate(src, query, con, max_group_by=4), args.repeat)
        print(f"bare DuckDB, same 2-level SQL{t_same:>10.3f} s  (Parquet)")
        print(f"aggregate() on Parquet       {t_pq:>10.3f} s  ({t_pq / t_bare:.2f}x plain)")
    else:
        ref = None
    t0 = time.perf_counter()
    reader = con.sql(f"SELECT {', '.join(COLUMNS)} FROM {src}").to_arrow_reader(1 << 16)
    cube = FlowCube.from_arrow(reader)
    print(f"load FlowCube (once/snapshot){time.perf_counter() - t0:>10.2f} s")
    print(f"peak RSS so far              {peak_rss_mib():>10.0f} MiB (now {rss_now_mib():.0f})")
    t_agg, cells = timed(lambda: aggregate(cube, query, max_group_by=4), args.repeat)
    print(f"cells                        {len(cells):>12,}")
    print(f"aggregate() warm (FlowCube)  {t_agg:>10.3f} s  ({t_agg / t_bare:.2f}x plain)")
    print(f"  threads: FlowCube {cube_module.THREADS}, DuckDB {args.threads}; no cached state")
    if args.duckdb_path:
        same = ref[list(keys)].equals(cells[list(keys)]) and all(
            np.allclose(ref[c].to_numpy(float), cells[c].to_numpy(float))
            for c in ("value", "contributors", "x1", "x2", "abs_total")
        )
        print(f"FlowCube cells == DuckDB's   {same!s:>10}")
    rules = DisclosureRules()
    t_primary, mask = timed(lambda: primary_mask(cells, rules), args.repeat)
    t_protect, out = timed(lambda: protect(cells, keys, rules, audit_lp=False), args.repeat)
    print(
        f"primary rule on result       {t_primary:>10.3f} s "
        f"({int(mask.sum()):,} sensitive of {len(cells):,})"
    )
    print(
        f"protect() on result          {t_protect:>10.3f} s "
        f"(published {float((~out['suppressed']).mean()):.1%})"
    )
    margin_bench(cube, rules)
    print(f"peak RSS                     {peak_rss_mib():>10.0f} MiB")
    print(f"load average (1 min)         {os.getloadavg()[0]:>10.1f}")
    return 0


def margin_bench(cube: FlowCube, rules: DisclosureRules) -> None:
    """Full protection (secondary suppression + LP audit) on a table shown with margins."""
    keys = ("material", "to_stage")
    query = FlowQuery(
        group_by=keys, margins=True, period_from="FY2023", period_to="FY2023", prefectures=("13",)
    )
    cells = aggregate(cube, query)
    t0 = time.perf_counter()
    out = protect(cells, keys, rules, audit_lp=True)
    took = time.perf_counter() - t0
    print(
        f"protect() with margins + LP  {took:>10.3f} s ({len(cells):,} cells incl. margins, "
        f"{int(out['suppressed'].sum()):,} suppressed)"
    )


if __name__ == "__main__":
    sys.exit(main())
