"""Throughput of the fast vocabulary validator on simple MaterialFlow records.

    python bench/vocab_validate.py [N]

Prints records/s (target: ≥ 100,000 in pure Python on one core).
"""

from __future__ import annotations

import sys
import time

from junkan_connect.vocab import CONTEXT_URL, validate

MATERIALS = ["pet", "pp", "aluminium", "paper", "glass", "iron_steel", "food_waste", "copper"]
STAGES = [
    ("collection", "sorting"),
    ("sorting", "recycling"),
    ("use", "collection"),
    ("recycling", "manufacturing"),
    ("collection", "incineration"),
]


def make_records(n: int) -> list[dict]:
    records = []
    for i in range(n):
        src, dst = STAGES[i % len(STAGES)]
        records.append(
            {
                "@context": CONTEXT_URL,
                "@id": f"https://example.org/flows/{i}",
                "@type": "MaterialFlow",
                "reporter": "https://example.org/orgs/acme",
                "material": MATERIALS[i % len(MATERIALS)],
                "mass": {"value": 10.0 + i % 97, "unit": "TNE" if i % 2 else "KGM"},
                "fromStage": src,
                "toStage": dst,
                "period": "FY2023",
                "region": "131016",
                "recoveryType": "recycling_mechanical",
                "flowClass": "waste",
                "origin": "post_consumer",
                "dataQuality": "measured",
                "uncertainty": 0.05,
                "disclosure": "confidential",
                "sourceRecordId": f"row-{i}",
                "sourceSystem": "erp",
            }
        )
    return records


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    records = make_records(n)
    best = 0.0
    for _ in range(3):
        start = time.perf_counter()
        invalid = sum(1 for r in records if validate(r))
        elapsed = time.perf_counter() - start
        best = max(best, n / elapsed)
    assert invalid == 0, f"{invalid} benchmark records unexpectedly invalid"
    print(f"{n} MaterialFlow records, best of 3: {best:,.0f} records/s")


if __name__ == "__main__":
    main()
