"""Browser-test support: serve a built site on loopback, drive Debian's chromium.

`open_page` gives a page that records every request, console error, page
error and dialog; `assert_stayed_local` checks them. The `browser` and
`site_url` fixtures (one chromium and one server per session) are in
conftest.py.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a closed network: no background requests to Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
DESKTOP, PHONE = 1280, 390
# Only loopback: the site itself, or site_url (127.0.0.1:8000), which
# Material asks for the sitemap of each hreflang alternate.
_LOCAL = re.compile(r"^(data:|blob:|about:|https?://(127\.0\.0\.1|localhost)[:/])")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that leaves a page cancels its pending requests; not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port) for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator:
    """Debian's chromium under Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _alternate_sitemap(message) -> bool:
    """Material looks for a sitemap.xml beside each hreflang alternate (for its
    language switch) and ignores a miss; only that failed load is tolerated."""
    return message.text.startswith("Failed to load resource") and message.location.get("url", "").endswith("/sitemap.xml")


@contextlib.contextmanager
def open_page(browser, width: int = DESKTOP, height: int = 900, color_scheme: str = "light") -> Iterator:
    """A page in a fresh context that records requests, errors and dialogs
    (`page.requests`, `page.errors`, `page.dialogs`); dialogs are dismissed."""
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=color_scheme)
    page = context.new_page()
    page.requests, page.errors, page.dialogs = [], [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and not _alternate_sitemap(m) and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    try:
        yield page
    finally:
        context.close()


def assert_stayed_local(page) -> None:
    """Every request went to loopback and nothing logged an error."""
    assert page.requests, "no request was recorded"
    offsite = [u for u in page.requests if not _LOCAL.match(u)]
    assert offsite == [], f"requests left this machine: {offsite}"
    assert page.errors == [], f"console errors: {page.errors}"


def in_viewport(page, selector: str) -> bool:
    """The element's top edge is on screen and not under Material's sticky header."""
    return page.evaluate(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                    const h = document.querySelector('.md-header').getBoundingClientRect().bottom;
                    return r.top >= h - 1 && r.top < window.innerHeight; }""",
        selector,
    )


def screenshot(page, name: str) -> Path:
    """Save the visible part of the page as test-artifacts/NAME.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


_META = "document.querySelector('.md-search-result__meta')"


def search(page, query: str) -> list[str]:
    """Type `query` into Material's search and return the result links' hrefs.

    Waits for the index to finish loading before typing, then for the result
    count ("N matching documents") of this query.
    """
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # phone width: the search sits behind a header button
        page.locator("label.md-header__button[for='__search']").first.click()
    box.click()
    page.wait_for_function(f"() => {{ const m = {_META}; return m && !/Initializing/i.test(m.textContent) }}", timeout=30_000)
    if box.input_value():  # a query typed before: wait until its results are gone
        box.fill("")
        box.press("End")
        page.wait_for_function(f"() => !/matching document/i.test({_META}.textContent)", timeout=30_000)
    box.fill(query)  # the whole query at once, as a paste ...
    box.press("End")  # ... and a key release, which Material's search listens to
    page.wait_for_function(f"() => {{ const m = {_META}; return m && /matching document/i.test(m.textContent) }}", timeout=30_000)
    return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
