"""The dashboard in headless Chromium, used as a person would use it.

Every page: figures render, no console error, no request to any origin but the test server,
a screenshot under tmp_path. Then the flows page: Sankey labels, a filter, the language
switch, keyboard access and the CSV download.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need Playwright for Python (the dev extra)"
)
PlaywrightError = sync_api.Error

PAGES = {
    "overview": "/",
    "flows": "/flows",
    "regions": "/regions",
    "region": "/regions/131016",
    "members": "/members",
    "indicators": "/indicators",
    "indicator": "/indicators/jp.cyc_in",
    "data-quality": "/data-quality",
}
ALL_RENDERED = """() => [...document.querySelectorAll('[data-figure]')]
    .every(e => e.dataset.rendered === 'true')"""


class Watch:
    """Console errors, uncaught exceptions and requests leaving the test server's origin."""

    def __init__(self, page, origin: str) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.origin = origin
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        # Every request passes through here; one for another origin is noted and never sent.
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def check(self) -> None:
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.foreign, f"requests outside the server's origin: {self.foreign}"


@contextmanager
def open_page(browser, origin: str, locale: str = "en-GB"):
    context = browser.new_context(
        locale=locale, accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    watch = Watch(page, origin)
    try:
        yield page, watch
    finally:
        context.close()


def node_labels(page) -> list[str]:
    return page.locator("#sankey .node-label").all_text_contents()


def goto(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(ALL_RENDERED, timeout=15_000)


def test_every_page_renders_without_errors_or_outside_requests(served, browser, tmp_path) -> None:
    _, _, origin = served
    with open_page(browser, origin) as (page, watch):
        for name, path in PAGES.items():
            goto(page, origin + path)
            assert page.locator("html").get_attribute("lang") == "en"
            assert page.locator("h1").count() == 1
            page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
        watch.check()
    assert len(list(tmp_path.glob("*.png"))) == len(PAGES)


def test_sankey_filter_language_and_keyboard(served, browser) -> None:
    _, _, origin = served
    with open_page(browser, origin) as (page, watch):
        goto(page, origin + "/flows?material=pet&region=131041")
        labels = node_labels(page)
        assert {"Collection", "Sorting", "Recycling", "Manufacturing", "Use"} <= set(labels)
        # Plotly's "Share chart" button would upload the figure to Plotly Cloud.
        assert page.locator(".modebar-btn").count() > 0
        assert page.locator('.modebar-btn[data-title^="Share"]').count() == 0
        assert "hidden to protect confidential data" in page.locator("#hidden-note").inner_text()

        with page.expect_navigation():
            page.select_option("#f-material", "aluminium")
        page.wait_for_function(ALL_RENDERED)
        changed = node_labels(page)
        assert changed != labels and "Sorting" not in changed

        with page.expect_navigation():
            page.click("#lang-switch")
        page.wait_for_function(ALL_RENDERED)
        assert page.locator("html").get_attribute("lang") == "ja"
        assert "収集" in node_labels(page)
        assert page.locator("#f-material").input_value() == "aluminium"  # filters kept

        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        watch.check()


def test_csv_download_of_the_current_view(served, browser, tmp_path) -> None:
    _, _, origin = served
    with open_page(browser, origin) as (page, watch):
        goto(page, origin + "/flows?material=pet&unit=kg&region=131041")
        with page.expect_download() as info:
            page.click("#download-csv")
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        header, *rows = target.read_text(encoding="utf-8").splitlines()
        assert header.startswith("material,material_category,from_stage,to_stage,")
        assert rows and all(row.startswith("pet,") and ",kg," in row for row in rows)
        watch.check()


def test_the_watch_catches_outside_requests_and_console_errors(served, browser) -> None:
    _, _, origin = served
    with open_page(browser, origin) as (page, watch):
        goto(page, origin + "/indicators")
        # The pages' Content-Security-Policy refuses the fetch and says so on the console.
        page.evaluate("fetch('http://192.0.2.1/x').catch(() => null)")
        page.wait_for_timeout(200)
        with pytest.raises(AssertionError, match="console errors"):
            watch.check()
        watch.errors.clear()
        with pytest.raises(PlaywrightError):
            page.goto("http://192.0.2.1/elsewhere")
        with pytest.raises(AssertionError, match=r"192\.0\.2\.1"):
            watch.check()


@pytest.fixture
def no_chromium(monkeypatch):
    monkeypatch.setenv("JUNKAN_CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setattr("shutil.which", lambda name: None)


def test_missing_chromium_is_detected(no_chromium, monkeypatch) -> None:
    from conftest import chromium_path

    monkeypatch.setattr("os.path.exists", lambda path: False)
    assert chromium_path() is None


def test_labelled_controls_and_a_phone_sized_screen(served, browser, tmp_path) -> None:
    _, _, origin = served
    with open_page(browser, origin, locale="ja-JP") as (page, watch):
        page.set_viewport_size({"width": 390, "height": 844})
        for path in ("/flows", "/", "/regions", "/members"):
            goto(page, origin + path)
            assert page.locator("html").get_attribute("lang") == "ja"
            unlabelled = page.evaluate(
                "[...document.querySelectorAll('select, input:not([type=hidden]), button')]"
                ".filter(e => !(e.labels && e.labels.length) && !e.textContent.trim()"
                " && !e.getAttribute('aria-label')).length"
            )
            assert unlabelled == 0, path
            # Wide tables scroll inside their own box; the page itself never scrolls sideways.
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} is {overflow}px wider than a phone screen"
        page.screenshot(path=str(tmp_path / "members-phone.png"), full_page=True)
        watch.check()
