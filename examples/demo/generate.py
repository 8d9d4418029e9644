"""Generate the Junkan demo region (fixed seed) as NDJSON submissions plus a manifest.

    python examples/demo/generate.py                      # rewrite examples/demo/data/
    python examples/demo/generate.py --scale 10 --out /tmp/demo10   # 10x the flows, for benchmarks

The output is byte-identical for the same seed and scale. `junkan serve --demo` loads
examples/demo/data/ through the submission pipeline (platform/junkan/demo.py).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import demo_flows  # noqa: E402
import demo_records  # noqa: E402
from demo_orgs import BY_SLUG, ORGS, corporate_numbers, org_iri  # noqa: E402

SEED = 20260401
DATA_DIR = HERE / "data"
CHUNK = 5_000  # records per submission file (keeps scaled files under the body limits)
# The deliberate validation failure: a collector's file with one record in litres, sent in
# partial mode so the valid records are stored and the hub keeps a validation report.
PARTIAL_MEMBER = "munakata-clean"


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def organizations(seed: int) -> list[dict]:
    numbers = corporate_numbers(seed)
    return [
        {
            "slug": org.slug,
            "iri": org_iri(org.slug),
            "kind": org.kind,
            "name_ja": org.name_ja,
            "name_en": org.name_en,
            "corporate_number": numbers.get(org.slug),
            "municipality_code": org.municipality_code,
            "prefecture_code": org.region[:2],
            "group": org_iri(org.group) if org.group else None,
            "member_since": org.member_since,
            "role": org.role,
        }
        for org in ORGS
    ]


def _profile_records(slug: str, numbers: dict[str, str]) -> Iterator[dict]:
    yield demo_records.profile(slug, numbers.get(slug))
    yield from demo_records.facilities(slug)


def _member_records(slug: str, seed: int) -> Iterator[dict]:
    yield from demo_records.products(slug, seed)
    yield from demo_records.targets(slug)
    yield from demo_records.measures(slug)
    yield from demo_records.projects(slug)
    yield from demo_records.stock_records(slug)
    yield from demo_records.region_statistics(slug, seed)


def _flows_by_reporter(seed: int, scale: int) -> dict[str, list[dict]]:
    flows: dict[str, list[dict]] = {}
    every = (
        *demo_flows.chain_flows(seed, scale),
        *demo_flows.process_records(seed, scale),
        *demo_flows.msw_flows(seed),
        *demo_records.national_mfa(HERE / "national_mfa.csv"),
    )
    for record in every:
        slug = record["reporter"].rsplit("/", 1)[1]
        flows.setdefault(slug, []).append(record)
    return flows


def _invalid_record() -> dict:
    slug = "munakata-clean-used-oil-fy2023"
    return demo_flows._flow(
        demo_records.record_iri("materialflow", slug),
        PARTIAL_MEMBER,
        "used_cooking_oil",
        "use",
        "collection",
        2023,
        BY_SLUG[PARTIAL_MEMBER].region,
        0,
        disclosure="members",
        sourceSystem="munakata-clean-erp",
        sourceRecordId=slug,
    ) | {"mass": {"unit": "LTR", "value": 18000}}


def submissions(seed: int, scale: int) -> Iterator[tuple[str, str, list[dict]]]:
    """(file stem, submitting member slug, records) in load order."""
    numbers = corporate_numbers(seed)
    for slug in BY_SLUG:
        yield f"1-{slug}-profile", slug, list(_profile_records(slug, numbers))
    for slug in BY_SLUG:
        records = list(_member_records(slug, seed))
        if records:
            yield f"2-{slug}-records", slug, records
    flows = _flows_by_reporter(seed, scale)
    for slug in BY_SLUG:
        records = flows.get(slug, [])
        if slug == PARTIAL_MEMBER:
            records.insert(len(records) // 2, _invalid_record())
        for start in range(0, len(records), CHUNK):
            yield f"3-{slug}-flows-{start // CHUNK}", slug, records[start : start + CHUNK]


def _write_lines(path: Path, lines: Iterable[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def generate(out: Path, seed: int = SEED, scale: int = 1) -> dict:
    if out.exists():
        shutil.rmtree(out)
    (out / "submissions").mkdir(parents=True)
    orgs = organizations(seed)
    _write_lines(out / "organizations.ndjson", (dumps(o) for o in orgs))
    entries, types = [], Counter()
    for stem, slug, records in submissions(seed, scale):
        name = f"submissions/{stem}.ndjson"
        _write_lines(out / name, (dumps(r) for r in records))
        invalid = sum(1 for r in records if r.get("mass", {}).get("unit") == "LTR")
        types.update(r["@type"] for r in records)
        entries.append(
            {
                "file": name,
                "submitter": org_iri(slug),
                "records": len(records),
                "mode": "partial" if invalid else "atomic",
                "expected_invalid": invalid,
            }
        )
    manifest = {
        "seed": seed,
        "scale": scale,
        "organizations": len(orgs),
        "records": sum(e["records"] for e in entries),
        "expected_invalid": sum(e["expected_invalid"] for e in entries),
        "expected_mass_imbalance_warnings": scale,
        "record_types": dict(sorted(types.items())),
        "submissions": entries,
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="multiply company flows N times")
    parser.add_argument("--out", type=Path, help="output directory (default: the committed data)")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    if args.scale != 1 and args.out is None:
        parser.error("a scaled set is for benchmarks: write it elsewhere with --out DIR")
    manifest = generate(args.out or DATA_DIR, SEED, args.scale)
    print(
        f"{manifest['organizations']} organisations, {manifest['records']} records "
        f"in {len(manifest['submissions'])} submissions -> {args.out or DATA_DIR}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
