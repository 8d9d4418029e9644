"""Fixtures for the dashboard tests: a seeded hub, a live server and headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from webui_seed import Seeded, seed

CHROMIUM_ENV = "JUNKAN_CHROMIUM"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def seeded(hub) -> tuple[object, Seeded]:
    return hub, seed(hub)


@contextmanager
def serve(app) -> Iterator[str]:
    """``app`` behind a real uvicorn server on 127.0.0.1; yields its origin."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(5)


@pytest.fixture
def served(seeded) -> Iterator[tuple[object, Seeded, str]]:
    """The seeded hub behind a real uvicorn server."""
    hub, data = seeded
    with serve(hub.app) as origin:
        yield hub, data, origin


def chromium_path() -> str | None:
    path = os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or "/usr/bin/chromium"
    return path if os.path.exists(path) else None


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's package) driven by Playwright; skips clearly if absent."""
    path = chromium_path()
    if path is None:
        pytest.skip(
            "browser tests need Chromium: `apt-get install chromium` (or set JUNKAN_CHROMIUM); "
            ".ci/run installs it and fails on this skip"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need Playwright for Python: pip install -e '.[dev]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
