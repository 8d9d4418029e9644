"""First render of the dashboard's flows page on the demo region, in headless Chromium.

    python bench/dashboard.py [--rounds 5]

Starts `junkan serve --demo` on a fresh SQLite database in a temporary directory, opens
/flows in Debian's Chromium (Playwright, `/usr/bin/chromium`), and prints: the server's
first answer, the first render with Plotly.js not yet cached, and the best and worst render
with it cached (target: drawn within 1 s of navigation).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import httpx
from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RENDERED = """() => [...document.querySelectorAll('[data-figure]')]
    .every(e => e.dataset.rendered === 'true')"""
DRAWN = """() => Math.max(...[...document.querySelectorAll('[data-figure]')]
    .map(e => +e.dataset.renderedAt))"""


def start_demo(workdir: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    junkan = os.path.join(os.path.dirname(sys.executable), "junkan")
    env = os.environ | {"JUNKAN_LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen(
        [junkan, "serve", "--demo", "--port", str(port)],
        cwd=workdir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    origin = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(origin + "/readyz", timeout=1).status_code == 200:
                return proc, origin
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the demo hub did not start")


def render_ms(page, url: str) -> float:
    page.goto(url)
    page.wait_for_function(RENDERED, timeout=30_000)
    return page.evaluate(DRAWN)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    workdir = tempfile.mkdtemp()
    proc, origin = start_demo(workdir)
    try:
        started = time.perf_counter()
        httpx.get(origin + "/flows", timeout=60).raise_for_status()
        server_ms = (time.perf_counter() - started) * 1000
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page()
            cold = render_ms(page, origin + "/flows")
            warm = [render_ms(page, origin + "/flows?lang=en") for _ in range(args.rounds)]
            browser.close()
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"flows page, demo region: server first answer {server_ms:.0f} ms")
    print(f"first render, Plotly.js not cached: {cold:.0f} ms")
    print(
        f"first render, Plotly.js cached: best {min(warm):.0f} ms, worst {max(warm):.0f} ms "
        f"over {args.rounds} (target <= 1000 ms)"
    )


if __name__ == "__main__":
    main()
