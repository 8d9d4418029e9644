"""An in-memory, integer-coded copy of a flow snapshot, aggregated with numpy by sorting.

``aggregate.aggregate`` over DuckDB needs a first GROUP BY over every (cell, enterprise group)
pair: on 10 M rows that is ~8 M hash groups, several times the cost of a plain GROUP BY. Here
every groupable field is a small integer code, so a (cell, group) pair is one integer; the
pairs are found by sorting those integers (numpy's vectorised sort) and summing runs, and the
cells by summing runs of the sorted pairs. The result is the same frame ``aggregate`` returns
(same columns, same order), which ``tests/analytics/test_cube.py`` checks against DuckDB.

Codes follow the sorted labels, the last code of each field is NULL, so sorting codes sorts
labels the way DuckDB does (byte order, NULLS LAST).
"""

from __future__ import annotations

import bisect
import ctypes
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from functools import cache
from itertools import combinations, pairwise

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from junkan.analytics.aggregate import (
    GROUPABLE,
    LIST_FILTERS,
    TOTAL,
    UNIT_FACTORS,
    FlowQuery,
    period_year,
)

# Up to this many possible (cell, group) pairs (or one per row) are counted in dense arrays.
DENSE_PAIRS = 1 << 22
# Sorting aggregations split their work over this many threads from this many rows on.
THREADS = min(2, os.cpu_count() or 1)
PARALLEL_ROWS = 1 << 20
COLUMNS = (*GROUPABLE, "year", "group_id", "owner_org", "disclosure", "mass_kg")


def _small(codes: np.ndarray, size: int) -> np.ndarray:
    for dtype in (np.uint8, np.uint16, np.uint32):
        if size <= np.iinfo(dtype).max:
            return codes.astype(dtype)
    return codes.astype(np.int64)


class _Coder:
    """Dictionary codes for one column, built batch by batch (labels sorted at the end).

    Provisional code 0 is NULL and labels count from 1 in order of appearance; ``finish``
    renumbers them so codes follow the sorted labels and NULL comes last.
    """

    def __init__(self) -> None:
        self.index: dict = {}
        self.parts: list[np.ndarray] = []

    def add(self, array: pa.Array | pa.ChunkedArray) -> None:
        chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
        for chunk in chunks:
            if not pa.types.is_dictionary(chunk.type):
                chunk = pc.dictionary_encode(chunk)
            lut = [0]  # position 0 ← the NULL index (−1 after fill_null, shifted by one)
            for value in chunk.dictionary.to_pylist():
                lut.append(
                    0 if value is None else self.index.setdefault(value, len(self.index) + 1)
                )
            indices = pc.fill_null(chunk.indices, -1).to_numpy(zero_copy_only=False)
            self.parts.append(_small(np.asarray(lut)[indices.astype(np.int64) + 1], len(lut)))

    def finish(self) -> tuple[np.ndarray, list]:
        labels = sorted(self.index)
        remap = np.empty(len(self.index) + 1, dtype=np.int64)
        remap[0] = len(labels)
        for position, label in enumerate(labels):
            remap[self.index[label]] = position
        remap = _small(remap, len(labels))
        codes = np.concatenate([remap[part] for part in self.parts]) if self.parts else remap[:0]
        self.parts = []
        return codes, labels


@dataclass
class FlowCube:
    codes: dict[str, np.ndarray]  # groupable field → codes
    labels: dict[str, list]  # groupable field → sorted labels (code i ↔ labels[i])
    year: np.ndarray  # float32, NaN for NULL: comparisons with NaN are false, as in SQL
    group: np.ndarray
    group_labels: list
    owner: np.ndarray
    owner_labels: list
    nonpublic: np.ndarray  # bool; a NULL disclosure counts as non-public
    mass: np.ndarray

    @property
    def rows(self) -> int:
        return len(self.mass)

    @classmethod
    def from_arrow(cls, data: pa.Table | Iterable[pa.Table | pa.RecordBatch]) -> FlowCube:
        """Build from a flow table, or from its batches (memory stays near the cube's size)."""
        batches = data.to_batches() if isinstance(data, pa.Table) else data
        coders = {name: _Coder() for name in (*GROUPABLE, "group_id", "owner_org")}
        year, nonpublic, mass = [], [], []
        for batch in batches:
            for name, coder in coders.items():
                coder.add(batch.column(name))
            public = pc.fill_null(pc.equal(batch.column("disclosure"), "public"), False)
            nonpublic.append(~public.to_numpy(zero_copy_only=False))
            year.append(pc.cast(batch.column("year"), pa.float32()).to_numpy(zero_copy_only=False))
            weight = pc.fill_null(pc.cast(batch.column("mass_kg"), pa.float64()), 0.0)
            mass.append(weight.to_numpy(zero_copy_only=False))
        encoded = {name: coder.finish() for name, coder in coders.items()}
        # The batches are gone; hand their memory back rather than keep it for the next load.
        pa.default_memory_pool().release_unused()
        return cls(
            codes={name: encoded[name][0] for name in GROUPABLE},
            labels={name: encoded[name][1] for name in GROUPABLE},
            year=_joined(year, np.float32),
            group=encoded["group_id"][0],
            group_labels=encoded["group_id"][1],
            owner=encoded["owner_org"][0],
            owner_labels=encoded["owner_org"][1],
            nonpublic=_joined(nonpublic, bool),
            mass=_joined(mass, np.float64),
        )

    # --- selection ----------------------------------------------------------------------

    def _lookup(self, field: str, values) -> np.ndarray:
        """A boolean table over codes, true for the listed labels (NULL never matches)."""
        table = np.zeros(len(self.labels[field]) + 1, dtype=bool)
        for value in values:
            i = bisect.bisect_left(self.labels[field], value)
            if i < len(self.labels[field]) and self.labels[field][i] == value:
                table[i] = True
        return table

    def select(self, query: FlowQuery) -> np.ndarray | None:
        """Row positions the filters keep, or ``None`` for all rows."""
        mask = None

        def both(m):
            return m if mask is None else mask & m

        for attr, field in LIST_FILTERS:
            if getattr(query, attr):
                mask = both(self._lookup(field, getattr(query, attr))[self.codes[field]])
        if query.stages:
            hit = self._lookup("from_stage", query.stages)[self.codes["from_stage"]]
            hit |= self._lookup("to_stage", query.stages)[self.codes["to_stage"]]
            mask = both(hit)
        if query.period_from:
            mask = both(self.year >= period_year(query.period_from))
        if query.period_to:
            mask = both(self.year <= period_year(query.period_to))
        return None if mask is None else np.flatnonzero(mask)

    # --- aggregation --------------------------------------------------------------------

    def aggregate(
        self, query: FlowQuery, viewer_org: str | None = None, *, with_groups: bool = False
    ) -> pd.DataFrame:
        """What ``aggregate.aggregate`` returns for ``query``, computed on the cube."""
        keys = list(query.group_by)
        rows = self.select(query)
        radix = [len(self.labels[k]) + 1 for k in keys]
        pairs = self._pairs(rows, keys, radix, viewer_org)
        sets = [keys]
        if query.margins and keys:
            sets = [list(s) for n in range(len(keys), -1, -1) for s in combinations(keys, n)]
        scale = UNIT_FACTORS[query.unit]
        frames = [
            _cells(self._coarsen(pairs, keys, radix, s), keys, s, self, scale, with_groups)
            for s in sets
        ]
        frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        if query.margins and keys:
            frame = self._ordered(frame, keys)
        if viewer_org is None:
            frame["viewer_owns"] = False
        frame.attrs["viewer_org"] = viewer_org
        return frame

    def _pairs(self, rows, keys, radix, viewer_org) -> _Pairs:
        """Sum each (cell, group) pair: the first, big level of the two-level aggregation."""
        take = (lambda a: a) if rows is None else (lambda a: a[rows])
        n = self.rows if rows is None else len(rows)
        viewer = None if viewer_org is None else self._code_of(self.owner_labels, viewer_org)
        groups = len(self.group_labels) + 1
        dense = _dense_enough(float(np.prod(radix, dtype=np.float64)) * groups, n)
        if not dense and (packed := self._packed_pairs(rows, keys, radix, viewer)) is not None:
            return packed
        cell = np.zeros(n, dtype=np.int64)
        for key, r in zip(keys, radix, strict=True):
            cell *= r
            cell += take(self.codes[key])
        if dense:
            return self._dense_pairs(cell, take, groups, viewer)
        holder = [cell]
        del cell  # _runs takes the only reference and frees it early (it is 8 bytes a row)
        order, starts, pair_cell, pair_group = _runs(
            holder, take(self.group), len(self.group_labels)
        )
        if rows is not None:
            order = rows[order]
        mass = self.mass[order]
        total = np.add.reduceat(mass, starts) if len(mass) else mass
        del mass
        nonpublic = _any(self.nonpublic[order], starts)
        if viewer is None:
            own = np.zeros(len(starts), dtype=bool)
        else:
            own = _all(self.owner[order] == viewer, starts)
        return _Pairs(pair_cell, pair_group, total, nonpublic, own)

    def _packed_pairs(self, rows, keys, radix, viewer) -> _Pairs | None:
        """The pairs by one sort of plain integers that carry everything the pairs need.

        Each row becomes ``pair << (index bits + flags) | row index << flags | flags``, the
        flags being "non-public" and (for a viewer) "not the viewer's". Sorting puts each
        pair's rows together in row order (the index decides before the flags do), so sums
        add in the order the dense count and ``_runs`` use; the flags are then read from the
        sorted integers in one sequential pass instead of being gathered row by row.

        The work is split over ``THREADS`` threads (numpy releases the GIL in all of it): the
        rows are packed in slices, ``partition`` splits the integers into value ranges that
        are sorted side by side, and each range, moved to a pair boundary, is reduced on its
        own; the ranges' pairs, concatenated, are in (cell, group) order. ``None`` when the
        bits do not fit in 63 (``_runs`` handles that).
        """
        n = self.rows if rows is None else len(rows)
        groups = len(self.group_labels) + 1
        group_bits = (groups - 1).bit_length()  # pair = cell << group_bits | group
        space = 1 << group_bits
        for r in radix:
            space *= r  # Python ints: exact however large
        flag_bits = 1 if viewer is None else 2
        index_bits = max((n - 1).bit_length(), 1)
        low = index_bits + flag_bits
        if n == 0 or (space - 1).bit_length() + low > 63:
            return None
        parts = THREADS if n >= PARALLEL_ROWS else 1
        cuts = [n * i // parts for i in range(parts + 1)]
        packed = np.empty(n, dtype=np.int64)
        held = {"packed": packed}  # the closures read it from here, so it can be freed
        narrow = np.uint32 if space <= 1 << 32 else np.int64

        def pack(lo: int, hi: int) -> None:
            step = 1 << 20  # slices keep the temporaries small and in cache
            for start in range(lo, hi, step):
                pack_slice(start, min(start + step, hi))

        def pack_slice(lo: int, hi: int) -> None:
            at = slice(lo, hi) if rows is None else rows[lo:hi]
            pair = np.zeros(hi - lo, dtype=narrow)
            for key, r in zip(keys, radix, strict=True):
                pair *= r
                pair += self.codes[key][at]
            pair <<= group_bits
            pair |= self.group[at]
            out = held["packed"][lo:hi]
            out[:] = pair
            del pair
            out <<= low
            index = np.arange(lo, hi, dtype=np.int64)
            index <<= flag_bits
            index |= self.nonpublic[at]
            if viewer is not None:
                index |= (self.owner[at] != viewer).astype(np.int64) << 1
            out |= index

        _run_all(pack, list(pairwise(cuts)))
        if parts > 1:
            packed.partition(cuts[1:-1])
        _run_all(lambda lo, hi: held["packed"][lo:hi].sort(), list(pairwise(cuts)))
        # Move each cut to the first row of its pair, so no pair straddles two ranges.
        bounds = [0]
        for cut in cuts[1:-1]:
            first = (int(packed[cut]) >> low) << low
            bounds.append(max(int(np.searchsorted(packed, first)), bounds[-1]))
        bounds.append(n)

        def find(lo: int, hi: int):
            """Rows, flags and runs of a range; the packed integers are not needed after."""
            part = held["packed"][lo:hi]
            order = np.empty(hi - lo, dtype=np.uint32 if n <= 1 << 32 else np.int64)
            step = 1 << 20
            for at in range(0, hi - lo, step):  # in slices: no full-length temporary
                chunk = part[at : at + step] >> flag_bits
                chunk &= (1 << index_bits) - 1
                order[at : at + step] = chunk
            nonpublic, not_own = _flags(part, viewer is not None)
            part >>= low
            starts = _run_starts(part)
            run = part[starts]
            group = _small(run & ((1 << group_bits) - 1), groups)
            run >>= group_bits
            return [order, nonpublic, not_own, starts, run, group]

        def reduce(found: list) -> _Pairs:
            order, nonpublic, not_own, starts, run, group = found
            found.clear()  # the caller's list must not keep these alive
            if rows is not None:
                order = rows[order]
            mass = self.mass[order]
            del order
            total = np.add.reduceat(mass, starts)
            del mass
            any_nonpublic = _any(nonpublic, starts)
            own = np.zeros(len(starts), dtype=bool) if not_own is None else ~_any(not_own, starts)
            return _Pairs(run, group, total, any_nonpublic, own)

        ranges = [(lo, hi) for lo, hi in pairwise(bounds) if hi > lo]
        found = _run_all(find, ranges)
        del packed, held["packed"]  # before the gathers: it is 8 bytes a row
        pieces = _run_all(reduce, [(f,) for f in found])
        del found
        if len(pieces) == 1:
            return pieces[0]
        joined = {}
        for name in _FIELDS:  # one field at a time, each piece's part freed once copied
            joined[name] = np.concatenate([getattr(p, name) for p in pieces])
            for p in pieces:
                setattr(p, name, None)
        return _Pairs(**joined)

    def _dense_pairs(self, cell, take, groups: int, viewer) -> _Pairs:
        """Few possible pairs (the usual API query): count into a dense table, no sort."""
        key = cell
        key *= groups
        key += take(self.group)
        own = None if viewer is None else take(self.owner) == viewer
        return _dense(key, groups, take(self.mass), take(self.nonpublic), own)

    @staticmethod
    def _code_of(labels: list, value) -> int:
        i = bisect.bisect_left(labels, value)
        return i if i < len(labels) and labels[i] == value else -1

    def _coarsen(self, pairs: _Pairs, keys, radix, subset) -> _Pairs:
        """The pairs of a margin (some keys summed over), re-grouped from the finest pairs."""
        if subset == keys:
            return pairs
        cell = np.zeros(len(pairs.cell), dtype=np.int64)
        stride = 1
        digits = {}
        for key, r in zip(reversed(keys), reversed(radix), strict=True):
            digits[key] = (pairs.cell // stride) % r
            stride *= r
        for key, r in zip(keys, radix, strict=True):
            if key in subset:
                cell *= r
                cell += digits[key]
        groups = len(self.group_labels) + 1
        possible = np.prod([r for k, r in zip(keys, radix, strict=True) if k in subset])
        if _dense_enough(float(possible) * groups, 0):
            cell *= groups
            cell += pairs.group
            return _dense(cell, groups, pairs.total, pairs.nonpublic, pairs.own)
        order, starts, pair_cell, pair_group = _runs([cell], pairs.group, len(self.group_labels))
        total = np.add.reduceat(pairs.total[order], starts) if len(order) else pairs.total
        return _Pairs(
            pair_cell,
            pair_group,
            total,
            _any(pairs.nonpublic[order], starts),
            _all(pairs.own[order], starts),
        )

    def _ordered(self, frame: pd.DataFrame, keys) -> pd.DataFrame:
        """Sort as DuckDB's ORDER BY over the labelled keys: byte order, NULLS LAST."""
        ranks = []
        for key in keys:
            labels = self.labels[key]
            at = bisect.bisect_left(labels, TOTAL)
            table = {v: i + (i >= at) for i, v in enumerate(labels)}
            table[TOTAL] = at
            ranks.append(frame[key].map(lambda v, t=table, n=len(labels): t.get(v, n + 1)))
        order = np.lexsort([r.to_numpy() for r in reversed(ranks)])
        out = frame.iloc[order].reset_index(drop=True)
        out.attrs.update(frame.attrs)
        return out


@dataclass
class _Pairs:
    cell: np.ndarray  # sorted by (cell, group)
    group: np.ndarray
    total: np.ndarray
    nonpublic: np.ndarray
    own: np.ndarray


_FIELDS = [f.name for f in fields(_Pairs)]


def _runs(holder: list[np.ndarray], group: np.ndarray, n_groups: int):
    """Sort rows by (cell, group); return the order, run starts and each run's cell/group.

    ``holder`` holds the cell codes; they are taken out and overwritten (they become the
    sort key), so they can be freed as soon as the runs are found.
    """
    cell = holder.pop()
    n = len(cell)
    g = max(n_groups + 1, 1)
    index_bits = max(int(n - 1).bit_length(), 1)
    key_bits = max(int(cell.max(initial=0) + 1) * g, 1).bit_length()
    key = cell  # reused in place: these arrays are the size of the snapshot
    del cell
    key *= g
    key += group
    if key_bits + index_bits <= 63:
        # Pack the row index under the key and sort plain integers: numpy's vectorised sort
        # of int64 is far faster than an argsort.
        key <<= index_bits
        step = 1 << 20
        for lo in range(0, n, step):
            key[lo : lo + step] |= np.arange(lo, min(lo + step, n), dtype=np.int64)
        key.sort()
        order = np.empty(n, dtype=np.uint32 if n <= 1 << 32 else np.int64)
        for lo in range(0, n, step):
            order[lo : lo + step] = key[lo : lo + step] & ((1 << index_bits) - 1)
        key >>= index_bits
    else:
        order = np.argsort(key, kind="stable")
        key = key[order]
    if n == 0:
        empty = np.zeros(0, np.int64)
        return order, empty, empty, empty
    starts = _run_starts(key)
    run_key = key[starts]
    del key
    run_group = _small(run_key % g, g)
    run_key //= g
    return order, starts, run_key, run_group


def _dense(key, groups: int, mass, nonpublic, own) -> _Pairs:
    """Pairs from a dense count over ``key`` = cell × groups + group.

    ``bincount`` adds in input order, as the sorted runs do, so the sums are the same.
    """
    size = int(key.max()) + 1 if len(key) else 0
    counts = np.bincount(key, minlength=size)
    present = np.flatnonzero(counts)
    total = np.bincount(key, weights=mass, minlength=size)[present]
    any_nonpublic = np.bincount(key, weights=nonpublic, minlength=size)[present] > 0
    if own is None:
        all_own = np.zeros(len(present), dtype=bool)
    else:
        all_own = np.bincount(key, weights=own, minlength=size)[present] == counts[present]
    return _Pairs(present // groups, present % groups, total, any_nonpublic, all_own)


def _dense_enough(possible_pairs: float, rows: int) -> bool:
    return possible_pairs <= max(DENSE_PAIRS, rows)


def _flags(packed: np.ndarray, with_own: bool):
    """The two low bits of int64s as booleans (non-public; not the viewer's)."""
    # On little-endian machines read the low byte only: an eighth of the memory traffic.
    low = packed.view(np.uint8)[::8] if sys.byteorder == "little" else packed & 3
    nonpublic = (low & 1).astype(bool)
    not_own = ((low & 2) != 0) if with_own else None
    return nonpublic, not_own


@cache
def _release_large_blocks() -> None:
    """Have glibc map every block of 1 MiB or more on its own and unmap it when freed.

    Left to itself glibc raises that threshold to the largest block freed so far (up to
    32 MiB), so the threads' multi-megabyte temporaries are carved from per-thread heaps
    that keep freed space: measured on 10 M rows, the process then peaked ~150 MiB higher
    than the arrays it ever held at once. Process-wide, once, and only when threads run.
    """
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(ctypes.c_int(-3), ctypes.c_int(1 << 20))  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass  # not glibc: nothing to tune


def _run_all(fn, ranges: list) -> list:
    """``fn(lo, hi)`` for each range, on threads when there are several."""
    if len(ranges) == 1:
        return [fn(*ranges[0])]
    _release_large_blocks()
    with ThreadPoolExecutor(len(ranges)) as pool:
        return list(pool.map(lambda r: fn(*r), ranges))


def _joined(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


def _run_starts(key: np.ndarray) -> np.ndarray:
    """Where each run of equal values in a sorted, non-empty ``key`` begins."""
    new = np.empty(len(key), dtype=bool)
    new[0] = True
    np.not_equal(key[1:], key[:-1], out=new[1:])
    return np.flatnonzero(new)


def _any(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    if len(values) == 0:
        return np.zeros(0, dtype=bool)
    return np.logical_or.reduceat(values, starts)


def _all(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    if len(values) == 0:
        return np.zeros(0, dtype=bool)
    return np.logical_and.reduceat(values, starts)


def _cells(pairs: _Pairs, keys, subset, cube: FlowCube, scale: float, with_groups: bool):
    """The second level: per cell, value, contributor count, top two, flags.

    Millions of pairs are split at cell boundaries and done on ``THREADS`` threads.
    """
    n = len(pairs.cell)
    parts = THREADS if n >= PARALLEL_ROWS else 1
    bounds = [0]
    for i in range(1, parts):
        first = int(np.searchsorted(pairs.cell, pairs.cell[n * i // parts]))
        bounds.append(max(first, bounds[-1]))
    bounds.append(n)
    ranges = [(lo, hi) for lo, hi in pairwise(bounds) if hi > lo]
    pieces = _run_all(lambda lo, hi: _cell_stats(pairs, lo, hi), ranges) if ranges else []
    if len(pieces) == 1:
        stats = pieces[0]
    elif pieces:
        stats = {k: np.concatenate([p[k] for p in pieces]) for k in pieces[0]}
    else:
        stats = {k: np.zeros(0, dtype=np.int64) for k in ("cell", "starts", "contributors")}
        stats |= {k: np.zeros(0) for k in ("value", "x1", "x2", "abs_total")}
        stats |= {k: np.zeros(0, dtype=bool) for k in _FLAGS}
    starts = stats["starts"]
    columns = _labels(stats["cell"], keys, subset, cube)
    columns["value"] = stats["value"] * scale
    columns["contributors"] = stats["contributors"]
    for name in ("x1", "x2", "abs_total"):
        columns[name] = stats[name] * scale
    for name in _FLAGS:
        columns[name] = stats[name]
    # One Arrow → pandas conversion (as DuckDB's result takes): the key columns get the same
    # pandas dtype, and it is far cheaper than inserting columns one by one.
    out = pa.table({k: pa.array(v) for k, v in columns.items()}).to_pandas()
    if with_groups:
        names = np.array([*cube.group_labels, None], dtype=object)
        runs = np.split(names[pairs.group], starts[1:]) if len(starts) else []
        out["groups"] = pd.Series([list(g) for g in runs], index=out.index, dtype=object)
    return out


_FLAGS = ("has_negative", "has_nonpublic", "viewer_owns")


def _cell_stats(pairs: _Pairs, lo: int, hi: int) -> dict:
    """The cells of pairs ``lo:hi`` (whole cells, at least one pair)."""
    cell, total = pairs.cell[lo:hi], pairs.total[lo:hi]
    starts = _run_starts(cell)
    counts = np.diff(np.append(starts, hi - lo))
    # In place where possible: on 10 M rows these arrays are ~8 M pairs long.
    size = np.abs(total)
    abs_total = np.add.reduceat(size, starts)
    x1 = np.maximum.reduceat(size, starts)
    is_max = size == np.repeat(x1, counts)
    ties = np.add.reduceat(is_max, starts, dtype=np.int64)
    size[is_max] = -np.inf
    rest = np.maximum.reduceat(size, starts)
    del size, is_max
    return {
        "cell": cell[starts],
        "starts": starts + lo,
        "value": np.add.reduceat(total, starts),
        "contributors": counts.astype(np.int64),
        "x1": x1,
        "x2": np.where(ties >= 2, x1, np.where(counts >= 2, rest, 0.0)),
        "abs_total": abs_total,
        "has_negative": _any(total < 0, starts),
        "has_nonpublic": _any(pairs.nonpublic[lo:hi], starts),
        "viewer_owns": _all(pairs.own[lo:hi], starts),
    }


def _labels(cells: np.ndarray, keys, subset, cube: FlowCube) -> dict:
    """Decode cell codes of ``subset`` (mixed radix over the kept keys) into label columns."""
    columns = {}
    stride = 1
    kept = [k for k in keys if k in subset]
    for key in reversed(kept):
        r = len(cube.labels[key]) + 1
        digit = (cells // stride) % r
        stride *= r
        names = pa.array([*cube.labels[key], None], pa.string())
        columns[key] = names.take(pa.array(digit))  # in Arrow: no Python string objects
    return {
        k: columns[k] if k in columns else pa.array(np.full(len(cells), TOTAL), pa.string())
        for k in keys
    }
