"""The repository layout keeps `platform/` a source root, never a package."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_stdlib_platform_module_is_not_shadowed() -> None:
    import platform

    assert platform.system() in {"Linux", "Darwin", "Windows"}
    assert "site-packages" not in platform.__file__
    assert str(REPO_ROOT / "platform") not in platform.__file__


def test_platform_source_root_has_no_init() -> None:
    assert not (REPO_ROOT / "platform" / "__init__.py").exists()


def test_repo_root_on_path_still_gives_stdlib_platform(monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(REPO_ROOT))
    monkeypatch.delitem(sys.modules, "platform")
    module = importlib.import_module("platform")
    assert hasattr(module, "system"), module
    assert module.system()


def test_top_level_folders_exist() -> None:
    for folder in ("platform", "schemas", "connectors", "examples", "tests", "bench", "docs"):
        assert (REPO_ROOT / folder).is_dir(), folder
