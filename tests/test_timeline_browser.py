"""In a real browser: the date search finds the month's timeline page, and its filters work.

Needs Playwright (skipped without it) and Debian's chromium.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import CORPUS, SEEDS, mkdocs_build

playwright = pytest.importorskip("playwright.sync_api")
HOLDOUT = Path(__file__).parent / "fixtures" / "dates_holdout"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    seeds = tmp_path_factory.mktemp("browser-seeds")
    for path in [*SEEDS.glob("*.txt"), *CORPUS.glob("*.txt"), *HOLDOUT.glob("*.txt")]:
        shutil.copy2(path, seeds / path.name)
    site = mkdocs_build(seeds, tmp_path_factory.mktemp("browser-build"))
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def page(browser, site_url):
    """A page of the session's chromium (conftest.py): one Playwright per session."""
    page = browser.new_page()
    yield page
    page.close()


def search(page, site_url: str, query: str, wanted: str) -> list[str]:
    """Type `query` into Material's search; the result links (query part dropped)
    once `wanted` is among the first two, or whatever is shown after 15 s."""
    page.goto(f"{site_url}/timeline/")
    page.wait_for_load_state("networkidle")  # the search worker has its index
    page.locator("label.md-search__icon, .md-search__input").first.click()
    targets: list[str] = []
    for attempt in range(30):  # results render in steps while the index loads
        if attempt % 10 == 0:  # (re)type: a query typed before the index is ready is dropped
            page.fill(".md-search__input", "")
            page.type(".md-search__input", query)
        page.wait_for_timeout(500)
        hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        targets = [re.sub(r"\?[^#]*", "", h) for h in hrefs]  # drop Material's ?h= highlight query
        if any(t.endswith(wanted) for t in targets[:2]):
            break
    return targets


@pytest.mark.parametrize("query, month", [
    ("2023-11", "2023-11"),
    ("2023年11月", "2023-11"),
    ("November 2023", "2023-11"),
    ("Oktober 2023", "2023-10"),
    ("März 2022", "2022-03"),
    ("2023年12月", "2023-12"),
    ("2025-02", "2025-02"),
])
def test_date_search_leads_to_the_month(page, site_url, query, month):
    wanted = f"/timeline/{month}/"
    targets = [t.split("#")[0] for t in search(page, site_url, query, wanted)]
    assert wanted in [t[len(site_url):] for t in targets[:2]], targets[:5]


def month_with_mixed_events(page, site_url: str, selector: str) -> int:
    """Open the timeline month pages in turn until one has events matching
    `selector` and events that do not; its number of events."""
    page.goto(f"{site_url}/timeline/")
    months = page.eval_on_selector_all(".tl-months a", "els => els.map(e => e.href)")
    assert months, "the timeline links to its month pages"
    for url in months:
        page.goto(url)
        page.wait_for_selector(".tl-filters:not([hidden])")
        total = page.locator(".tl-event").count()
        if 0 < page.locator(selector).count() < total:
            return total
    pytest.fail(f"no month mixes {selector} with other events")


def test_the_entry_page_lists_months_not_events(page, site_url):
    page.goto(f"{site_url}/timeline/")
    assert page.locator(".tl-event").count() == 0
    counts = page.locator(".tl-months li").all_inner_texts()
    assert counts and all(re.search(r"· \d+ events?$", c) for c in counts), counts


def test_language_filter_hides_other_languages(page, site_url):
    total = month_with_mixed_events(page, site_url, ".tl-event[data-lang~=zh]")
    page.select_option("select[data-tl-filter=lang]", "zh")
    visible = page.locator(".tl-event:visible")
    assert 0 < visible.count() < total
    assert all("zh" in lang.split() for lang in visible.evaluate_all("els => els.map(e => e.dataset.lang)"))
    assert page.locator(".tl-count").inner_text() == f"{visible.count()} / {total}"
    page.select_option("select[data-tl-filter=lang]", "")
    assert page.locator(".tl-event:visible").count() == total


def test_entity_filter_keeps_only_events_naming_the_entity(page, site_url):
    total = month_with_mixed_events(page, site_url, ".tl-event[data-entities='']")
    options = page.eval_on_selector_all("select[data-tl-filter=entities] option", "els => els.map(e => e.value)")
    entity = next(v for v in options if v)
    page.select_option("select[data-tl-filter=entities]", entity)
    visible = page.locator(".tl-event:visible")
    assert 0 < visible.count() < total
    named = visible.evaluate_all("els => els.map(e => e.dataset.entities.split(' '))")
    assert all(entity in names for names in named)
    assert page.locator(".tl-count").inner_text() == f"{visible.count()} / {total}"
