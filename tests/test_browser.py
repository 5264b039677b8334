"""What a person does in a real browser: open pages, follow links, search.

Playwright drives Debian's chromium (installed by `make test`), offline:
every request must stay on the loopback server and no console error may occur.
"""

from __future__ import annotations

import re

import pytest

from browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, search, serve

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make test` (it installs it)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


def _alternate_sitemap(message) -> bool:
    """Material looks for a sitemap.xml beside each hreflang alternate (for its
    language switch) and ignores a miss; only that failed load is tolerated."""
    return message.text.startswith("Failed to load resource") and message.location.get("url", "").endswith("/sitemap.xml")


@pytest.fixture
def page(browser, site_url):
    """A fresh page that records every request and console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and not _alternate_sitemap(m) and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    # Only loopback: the site itself, or site_url (127.0.0.1:8000), which
    # Material asks for the sitemap of each hreflang alternate.
    offsite = [u for u in page.requests if not re.match(r"^(data:|https?://(127\.0\.0\.1|localhost)[:/])", u)]
    assert offsite == [], f"requests left this machine: {offsite}"
    assert page.errors == [], f"console errors: {page.errors}"
    context.close()


def test_open_home_then_an_article(page, site_url):
    page.goto(site_url)
    assert page.locator("h1").first.inner_text().startswith("Multilingual news archive")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home-desktop.png"), full_page=False)
    page.locator("table a", has_text="Die Entstehung von Qwen").click()
    page.wait_for_url("**/articles/001_658489ee46d8266c/")
    assert page.locator("h1").first.inner_text().startswith("Die Entstehung von Qwen")
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.locator("h2#p-2").inner_text().startswith("Die Bedeutung von Open-Source KI")
    page.screenshot(path=str(ARTIFACTS / "article-desktop.png"), full_page=False)


def test_deep_link_to_a_paragraph(page, site_url):
    page.goto(site_url + "articles/000_95b5bb6a5ce7aeaa/#p-9")
    target = page.locator("#p-9")
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900


@pytest.mark.parametrize(
    ("query", "article"),
    [
        ("アリババ", "000_95b5bb6a5ce7aeaa"),  # Japanese
        ("Entstehung", "001_658489ee46d8266c"),  # German
        ("lithography", "en_chip_exports"),  # English
        ("深圳", "zh_robotics"),  # Chinese
    ],
)
def test_search_finds_the_article_in_each_language(page, site_url, query, article):
    page.goto(site_url)
    hrefs = search(page, query)
    assert any(f"articles/{article}/" in h for h in hrefs[:5]), (query, hrefs)
