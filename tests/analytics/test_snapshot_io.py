import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from junkan.analytics import snapshot_io as sio


def test_snapshot_ids_increase_and_latest_is_newest(tmp_path, make_flows):
    first = sio.write_snapshot(tmp_path, make_flows([{"mass_kg": 1.0}]))
    second = sio.write_snapshot(tmp_path, make_flows([{"mass_kg": 2.0}]))
    assert (first, second) == (1, 2)
    assert sio.latest_snapshot_id(tmp_path) == 2
    assert sio.snapshot_ids(tmp_path) == [1, 2]


def test_empty_root_has_no_snapshot(tmp_path, make_flows):
    assert sio.latest_snapshot_id(tmp_path / "nothing") is None


def test_partitioned_by_period_with_zstd(tmp_path, make_flows):
    rows = [{"period": "FY2022"}, {"period": "FY2023"}, {"period": "FY2023"}]
    sid = sio.write_snapshot(tmp_path, make_flows(rows))
    base = sio.snapshot_dir(tmp_path, sid)
    parts = sorted(p.name for p in base.iterdir() if p.is_dir())
    assert parts == ["period=FY2022", "period=FY2023"]
    files = list(base.rglob("*.parquet"))
    meta = pq.ParquetFile(files[0]).metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert json.loads((base / sio.MANIFEST).read_text())["rows"] == 3


def test_incomplete_snapshot_is_invisible(tmp_path, make_flows):
    sio.write_snapshot(tmp_path, make_flows([{}]))
    # A crashed build leaves a numbered dir without a manifest, or a temp dir.
    (tmp_path / "00000007").mkdir()
    (tmp_path / ".tmp-crashed").mkdir()
    assert sio.latest_snapshot_id(tmp_path) == 1
    # The next build must not reuse a number that is on disk.
    assert sio.write_snapshot(tmp_path, make_flows([{}])) == 2


def test_failed_write_leaves_no_trace(tmp_path, make_flows):
    bad = pa.table({"record_id": ["x"]})
    with pytest.raises(sio.SnapshotSchemaError):
        sio.write_snapshot(tmp_path, bad)
    assert list(tmp_path.iterdir()) == []


def test_streamed_batches_and_dictionary_strings(tmp_path, make_flows):
    table = make_flows([{"material": "steel"}, {"material": "paper", "period": "FY2022"}])
    encoded = table.set_column(
        table.schema.get_field_index("material"),
        "material",
        table.column("material").dictionary_encode(),
    )
    sid = sio.write_snapshot(tmp_path, [encoded.slice(0, 1), encoded.slice(1, 1)])
    assert sio.read_manifest(tmp_path, sid)["rows"] == 2
    files = sorted(sio.snapshot_dir(tmp_path, sid).rglob("*.parquet"))
    materials = sorted(pq.read_table(f).column("material").to_pylist()[0] for f in files)
    assert materials == ["paper", "steel"]
