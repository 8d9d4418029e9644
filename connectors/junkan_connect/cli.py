"""`junkan-connect`: list installed connectors (more commands arrive with the connectors)."""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import entry_points

from junkan_connect import __version__

GROUP = "junkan.connectors"


def _list(_: argparse.Namespace) -> int:
    found = sorted(entry_points(group=GROUP), key=lambda ep: ep.name)
    if not found:
        print("no connectors installed")
    for ep in found:
        print(f"{ep.name}\t{ep.value}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="junkan-connect", description=__doc__)
    parser.add_argument("--version", action="version", version=f"junkan-connect {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="installed connectors").set_defaults(func=_list)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
