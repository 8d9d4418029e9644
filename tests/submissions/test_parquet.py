"""Parquet submissions: dotted columns become records; the footer's row count is checked first."""

from __future__ import annotations

import io
import struct

import pyarrow as pa
import pyarrow.parquet as pq
from submission_helpers import ACME

PARQUET = "application/vnd.apache.parquet"


def _flows_table(n: int) -> pa.Table:
    return pa.table(
        {
            "@id": [f"https://example.org/pq/{i}" for i in range(n)],
            "reporter": [ACME] * n,
            "material": ["aluminium"] * n,
            "mass.value": [float(i + 1) for i in range(n)],
            "mass.unit": ["KGM"] * n,
            "fromStage": ["collection"] * n,
            "toStage": ["recycling"] * n,
            "period": ["FY2023"] * n,
            "region": ["13"] * n,
            "disclosure": ["members"] * n,
            "facility": [None] * n,
        }
    )


def _parquet(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _claiming_rows(real_rows: int, claimed: int) -> bytes:
    """A genuine small file whose footer says it holds `claimed` rows (as an attacker's would)."""
    data = _parquet(pa.table({"x": pa.array(range(real_rows), pa.int64())}))
    footer_length = struct.unpack("<I", data[-8:-4])[0]
    footer = data[-8 - footer_length : -8]
    old, new = _varint(real_rows * 2), _varint(claimed * 2)  # thrift compact: zigzag varints
    assert old in footer
    patched = footer.replace(old, new)
    return data[: -8 - footer_length] + patched + struct.pack("<I", len(patched)) + b"PAR1"


def test_parquet_flows_are_stored(acme) -> None:
    response = acme.submit(_parquet(_flows_table(5)), content_type=PARQUET)
    assert response.status_code == 201, response.text
    assert response.json()["summary"]["created"] == 5
    stored = acme.hub.client.get(
        "/api/v1/records/https://example.org/pq/2", headers=acme.hub.auth(acme.key)
    ).json()
    assert stored["mass"] == {"value": 3.0, "unit": "KGM"}
    assert "facility" not in stored


def test_footer_declaring_a_billion_rows_is_refused_unread(acme) -> None:
    body = _claiming_rows(123_457, 1_000_000_000)
    assert pq.ParquetFile(io.BytesIO(body)).metadata.num_rows == 1_000_000_000
    response = acme.submit(body, content_type=PARQUET)
    assert response.status_code == 413
    assert response.json()["code"] == "too-many-records"


def test_not_parquet(acme) -> None:
    response = acme.submit(b"PAR1 not really", content_type=PARQUET)
    assert response.status_code == 422
    assert response.json()["code"] == "malformed-parquet"


def test_an_iri_over_2048_bytes_in_a_small_parquet_file_is_refused_at_the_field(acme) -> None:
    """The byte check of every prepared record: 700 kanji make an @id of 720 characters
    (within the character limit) but 2,120 bytes of UTF-8, more than the records table's
    index keeps. Compressed, the whole file is smaller than the IRI, so the cheap scan for
    long literals over the body does not send it to the structural walk."""
    from junkan.submissions.limits import Limits, body_may_hold_long_literal

    table = _flows_table(1).set_column(0, "@id", pa.array(["https://example.org/pq/" + "字" * 700]))
    buffer = io.BytesIO()
    options = {"store_schema": False, "use_dictionary": False, "write_statistics": False}
    pq.write_table(table, buffer, compression="zstd", **options)
    body = buffer.getvalue()
    assert not body_may_hold_long_literal(body, Limits())
    response = acme.submit(body, content_type=PARQUET)
    assert response.status_code == 422, response.text
    items = response.json()["report"]["items"]
    assert [(i["index"], i["path"], i["code"]) for i in items] == [(0, "$.@id", "iri-too-long")]
