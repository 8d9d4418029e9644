#!/usr/bin/env python3
"""Developer entry point that needs nothing but Python 3.11+.

    python3 tasks.py demo     set up .venv and start the hub with the demo data (SQLite)
    python3 tasks.py test     set up .venv and run the whole test suite
    python3 tasks.py lint     ruff check
    python3 tasks.py schemas  regenerate the vocabulary artefacts from schemas/junkan.yaml
    python3 tasks.py setup    only create/update .venv

The virtual environment is rebuilt only when a pyproject file changed since the last setup.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".junkan-setup"
REQUIREMENT_FILES = [ROOT / "pyproject.toml", ROOT / "connectors" / "pyproject.toml"]


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in REQUIREMENT_FILES:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def setup() -> None:
    if sys.version_info < (3, 11):
        sys.exit("Junkan needs Python 3.11 or newer.")
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    if not (BIN / "python").exists():
        print("creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    print("installing junkan and junkan-connect (editable) with dev tools …", flush=True)
    subprocess.run([*pip, "-e", str(ROOT / "connectors"), "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(_fingerprint())


def run(*args: str) -> int:
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    rest = argv[1:]
    if command == "setup":
        setup()
        return 0
    if command == "demo":
        setup()
        return run("junkan", "serve", "--demo", *rest)
    if command == "test":
        setup()
        return run("python", "-m", "pytest", *rest)
    if command == "schemas":
        setup()
        return run("python", str(ROOT / "schemas" / "build.py"), *rest)
    if command == "lint":
        setup()
        return run("ruff", "check", ".") or run("ruff", "format", "--check", ".")
    print(__doc__)
    return 0 if command == "help" else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
