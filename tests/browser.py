"""Browser-test support: serve a built site on loopback, drive Debian's chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port) for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


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
    box.fill(query)  # the whole query at once, as a paste ...
    box.press("End")  # ... and a key release, which Material's search listens to
    page.wait_for_function(f"() => {{ const m = {_META}; return m && /matching document/i.test(m.textContent) }}", timeout=30_000)
    return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
