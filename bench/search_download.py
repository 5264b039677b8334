"""What one search costs a visitor: bytes downloaded, with either search backend.

Serves a built site on loopback, opens its home page in headless chromium (a
fresh profile, so nothing is cached), runs one search with whichever backend
the site was built with (Material's search box, or the Pagefind panel) and
counts every response the server sent: its body bytes as stored, and the same
body gzipped (level 6, what a static host that compresses would send; the
server here sends it uncompressed, so the gzip figure is computed per file).

    python -m bench.search_download SITE [QUERY]
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Paths that only the search needs (index, engine, UI), per backend.
SEARCH_PATHS = ("search/", "pagefind/", "assets/javascripts/workers/", "assets/javascripts/lunr/",
                "assets/javascripts/archive-search.js", "assets/stylesheets/archive-search.css")


@dataclass
class Download:
    """The responses of one page view plus one search."""

    backend: str
    query: str
    requests: int = 0
    bytes: int = 0
    gzip_bytes: int = 0
    search_bytes: int = 0  # the part of `bytes` that is search index, engine or UI
    search_gzip_bytes: int = 0
    first_result_ms: int | None = 0  # None: no result within the wait (the bytes still count)
    results: list[str] = field(default_factory=list)

    def add(self, path: str, body: bytes) -> None:
        size, packed = len(body), len(gzip.compress(body, 6))
        self.requests += 1
        self.bytes += size
        self.gzip_bytes += packed
        if path.lstrip("/").startswith(SEARCH_PATHS):
            self.search_bytes += size
            self.search_gzip_bytes += packed


def _handler(site: Path, record):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            path = self.translate_path(self.path)
            if Path(path).is_dir():
                path = str(Path(path) / "index.html")
            if Path(path).is_file():
                record(self.path.split("?", 1)[0], Path(path).read_bytes())
            super().do_GET()

    return functools.partial(Handler, directory=str(site))


def backend_of(site: Path) -> str:
    return "pagefind" if (site / "pagefind" / "pagefind-ui.js").is_file() else "material"


def _search(page, backend: str, query: str) -> list[str]:
    """Type `query` into the site's search box; the result links once they show."""
    if backend == "pagefind":
        page.click(".archive-search__toggle")
        page.fill(".pagefind-ui__search-input", query)
        page.wait_for_selector(".pagefind-ui__result-link", timeout=60_000)
        return page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for='__search']").first.click()
    box.click()
    # A query typed while the worker still builds its index is dropped: wait for it.
    page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                           " return m && !/Initializing/i.test(m.textContent) }", timeout=600_000)
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__link", timeout=60_000)
    return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")


def bytes_for_one_search(site: Path, query: str, viewport: tuple[int, int] = (1280, 900)) -> Download:
    """Open the home page of `site`, search `query` once, and count what was downloaded."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    site = Path(site)
    result = Download(backend_of(site), query)
    lock = threading.Lock()

    def record(path: str, body: bytes) -> None:
        with lock:
            result.add(path, body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site, record))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
            start = time.monotonic()
            try:
                result.results = _search(page, result.backend, query)
                result.first_result_ms = round((time.monotonic() - start) * 1000)
                page.wait_for_load_state("networkidle")
            except PlaywrightTimeout:  # e.g. Material's index too large to load in time
                result.first_result_ms = None
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return result


def main(argv: list[str]) -> None:
    site = Path(argv[0])
    for query in argv[1:] or ["Alibaba"]:
        d = bytes_for_one_search(site, query)
        print(f"{d.backend}\t{query!r}\trequests={d.requests}\tbytes={d.bytes}\tgzip={d.gzip_bytes}"
              f"\tsearch_bytes={d.search_bytes}\tsearch_gzip={d.search_gzip_bytes}"
              f"\tfirst_result_ms={d.first_result_ms}\tresults={len(d.results)}")


if __name__ == "__main__":
    main(sys.argv[1:])
