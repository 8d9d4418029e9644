"""`junkan-connect`: list connectors, convert offline, push to a hub, validate record files."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from junkan_connect import __version__, registry
from junkan_connect.client import HubClient, HubError, SubmissionResult
from junkan_connect.connector import Connector
from junkan_connect.vocab import validate
from junkan_connect.vocab.sizes import size_issues


def _parse_value(text: str) -> Any:
    # objects, lists, quoted strings and literals are JSON; anything else stays a string
    # (so a region code like 13 is not turned into a number)
    if not text.strip().startswith(("{", "[", '"')) and text.strip() not in (
        "true",
        "false",
        "null",
    ):
        return text
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def load_config(path: str | None, settings: list[str]) -> dict[str, Any]:
    """Config from a JSON or TOML file, then `--set key=value` overrides (values as JSON)."""
    config: dict[str, Any] = {}
    if path:
        raw = Path(path).read_bytes()
        config = tomllib.loads(raw.decode()) if path.endswith(".toml") else json.loads(raw)
    for item in settings:
        key, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"--set expects KEY=VALUE, got {item!r}")
        config[key.strip()] = _parse_value(value)
    return config


def _connector(args: argparse.Namespace, config: dict[str, Any] | None = None) -> Connector:
    try:
        cls = registry.load(args.name)
        return cls(load_config(args.config, args.set) if config is None else config)
    except (registry.ConnectorNotFoundError, registry.ConnectorLoadError) as exc:
        raise SystemExit(f"junkan-connect: {exc}") from exc
    except ValidationError as exc:
        raise SystemExit(f"junkan-connect: invalid config for {args.name}:\n{exc}") from exc


def _finish(connector: Connector, args: argparse.Namespace) -> int:
    print(connector.report.format_text(), file=sys.stderr)
    if args.report:
        Path(args.report).write_text(
            json.dumps(connector.report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 0 if connector.report.ok else 1


def cmd_list(args: argparse.Namespace) -> int:
    infos = registry.describe()
    if args.json:
        print(json.dumps([asdict(info) for info in infos], indent=2))
        return 0
    for info in infos:
        print(
            f"{info.name:12} {info.version or '-':8} {info.status:6} "
            f"{info.description or info.target}"
        )
    return 0 if all(info.status == "ok" for info in infos) else 1


def _write_records(records: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        count += 1
    return count


def _output_format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    return "parquet" if (args.output or "").lower().endswith(".parquet") else "jsonl"


def cmd_convert(args: argparse.Namespace) -> int:
    connector = _connector(args)
    records = connector.convert(args.inputs)
    if _output_format(args) == "parquet":
        from junkan_connect.parquet_out import (
            ParquetUnavailable,
            UnsupportedStructure,
            write_parquet,
        )

        if not args.output or args.output == "-":
            print("error: Parquet output needs -o FILE.parquet", file=sys.stderr)
            return 2
        try:
            write_parquet(records, args.output)
        except (ParquetUnavailable, UnsupportedStructure) as exc:
            print(f"error [{exc.code}]: {exc}", file=sys.stderr)
            return 2
    elif args.output and args.output != "-":
        with open(args.output, "w", encoding="utf-8") as out:
            _write_records(records, out)
    else:
        _write_records(records, sys.stdout)
    return _finish(connector, args)


def _progress(total: list[int]) -> Any:
    def show(sent: int, result: SubmissionResult) -> None:
        total[0] = sent
        if sys.stderr.isatty():
            print(
                f"\r  sent {sent} records ({result.status}"
                f"{', replayed' if result.replayed else ''})",
                end="",
                file=sys.stderr,
            )

    return show


def _push(client: HubClient, connector: Connector, args: argparse.Namespace) -> int:
    sent = [0]
    try:
        result = client.push(
            connector.convert(args.inputs),
            mode=args.mode,
            dry_run=args.dry_run,
            progress=_progress(sent),
        )
    except HubError as exc:
        print(f"\njunkan-connect: push stopped after {sent[0]} records: {exc}", file=sys.stderr)
        if exc.problem.get("report"):
            print(
                json.dumps(exc.problem["report"], ensure_ascii=False, indent=2)[:20000],
                file=sys.stderr,
            )
        _finish(connector, args)
        return 2
    print(file=sys.stderr)
    replayed = sum(batch.replayed for batch in result.batches)
    print(
        json.dumps(
            {"batches": len(result.batches), "replayed": replayed, "summary": result.summary}
        )
    )
    return _finish(connector, args)


def cmd_push(args: argparse.Namespace) -> int:
    # the same variables as `junkan submit`; JUNKAN_KEY is still read for older scripts
    key = args.key or os.environ.get("JUNKAN_API_KEY") or os.environ.get("JUNKAN_KEY")
    if not key:
        raise SystemExit("junkan-connect: give --key or set JUNKAN_API_KEY")
    hub = args.hub or os.environ.get("JUNKAN_HUB_URL")
    if not hub:
        raise SystemExit("junkan-connect: give --hub or set JUNKAN_HUB_URL")
    config = load_config(args.config, args.set)
    with HubClient(hub, key, batch_size=args.batch_size) as client:
        if not config.get("reporter"):
            # the hub accepts records reported by the key's own organisation only
            try:
                config["reporter"] = client.organization_iri()
            except HubError as exc:
                raise SystemExit(f"junkan-connect: {exc}") from exc
        return _push(client, _connector(args, config), args)


def read_record_file(path: str) -> Iterator[tuple[str, Any]]:
    """(location, record) from NDJSON/JSONL, or a JSON document (record, array or @graph)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    if path.endswith((".jsonl", ".ndjson")):
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield f"{path}:{number}", json.loads(line)
        return
    doc = json.loads(text)
    if isinstance(doc, dict) and "@graph" in doc:
        doc = doc["@graph"]
    if isinstance(doc, list):
        for index, record in enumerate(doc):
            yield f"{path}[{index}]", record
    else:
        yield path, doc


def cmd_validate(args: argparse.Namespace) -> int:
    records = problems = 0
    for path in args.files:
        try:
            for location, record in read_record_file(path):
                records += 1
                issues = validate(record) or size_issues(record)
                problems += bool(issues)
                for issue in issues:
                    print(f"{location} {issue.path}: [{issue.code}] {issue.message}")
        except (OSError, ValueError) as exc:
            problems += 1
            print(f"{path}: [unreadable-input] {exc}")
    print(f"{records} records, {records - problems} valid, {problems} with issues", file=sys.stderr)
    return 1 if problems else 0


def _add_convert_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="connector name (see `junkan-connect list`)")
    parser.add_argument("inputs", nargs="+", help="input files")
    parser.add_argument("-c", "--config", help="connector config (JSON or TOML file)")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override one config value (VALUE parsed as JSON if it can be)",
    )
    parser.add_argument("--report", help="write the full conversion report (JSON) here")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="junkan-connect", description="Junkan connector SDK command line"
    )
    parser.add_argument("--version", action="version", version=f"junkan-connect {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list", help="installed connectors with version and status")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("convert", help="convert inputs to records offline (JSON Lines or Parquet)")
    _add_convert_args(p)
    p.add_argument(
        "-o", "--output", help="output file (.jsonl, or .parquet for Parquet); default stdout"
    )
    p.add_argument(
        "--format",
        choices=("jsonl", "parquet"),
        help="output format; default from the -o suffix (.parquet → parquet), else jsonl",
    )
    p.set_defaults(func=cmd_convert)
    p = sub.add_parser("push", help="convert inputs and push the records to a hub")
    _add_convert_args(p)
    p.add_argument("--hub", help="hub base URL, e.g. http://localhost:8000 ($JUNKAN_HUB_URL)")
    p.add_argument("--key", help="API key (default: $JUNKAN_API_KEY)")
    p.add_argument("--dry-run", action="store_true", help="validate on the hub, store nothing")
    p.add_argument("--mode", choices=("atomic", "partial"), default="atomic")
    p.add_argument("--batch-size", type=int, default=1000)
    p.set_defaults(func=cmd_push)
    p = sub.add_parser("validate", help="validate record files offline against the vocabulary")
    p.add_argument("files", nargs="+", help=".jsonl/.ndjson or .json/.jsonld files")
    p.set_defaults(func=cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
