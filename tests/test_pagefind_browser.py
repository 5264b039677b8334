"""ARCHIVE_SEARCH=pagefind: the sample site searched with Pagefind in a real browser.

One build of the samples with Pagefind for the module. Every search goes
through Pagefind's own UI in the header panel, at desktop width, and the
date search and the panel also at phone width; every request must stay on
the loopback server.
"""

from __future__ import annotations

import json
import re

import pytest

from browser import serve
from conftest import mkdocs_build

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
FIRST = 5  # "among the first results": Pagefind's UI shows five before "Load more"
JAPANESE_PAGE = "articles/000_95b5bb6a5ce7aeaa/"


@pytest.fixture(scope="module")
def pagefind_site(mixed_seeds, tmp_path_factory):
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ARCHIVE_SEARCH", "pagefind")
        return mkdocs_build(mixed_seeds, tmp_path_factory.mktemp("pagefind-build"))


@pytest.fixture(scope="module")
def site_url(pagefind_site):
    with serve(pagefind_site) as url:
        yield url


def _alternate_sitemap(message) -> bool:
    """Material asks for a sitemap.xml beside each hreflang alternate and ignores a miss."""
    return message.text.startswith("Failed to load resource") and message.location.get("url", "").endswith("/sitemap.xml")


@pytest.fixture
def page(request, browser):
    """A fresh page that records requests and console errors; desktop width
    unless a test asks for `phone` (parametrize "page" indirectly)."""
    width, height = VIEWPORTS[getattr(request, "param", "desktop")]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and not _alternate_sitemap(m) and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    offsite = [u for u in page.requests if not re.match(r"^(data:|https?://127\.0\.0\.1[:/])", u)]
    assert offsite == [], f"requests left this machine: {offsite}"
    assert page.errors == [], f"console errors: {page.errors}"
    assert not any("search_index.json" in u for u in page.requests)
    context.close()


def pagefind_search(page, query: str) -> list[str]:
    """Open the header's search panel, type `query`, and return the result links
    (pages and their sections, in order) once Pagefind has shown them (a query
    without results times out)."""
    toggle = page.locator("header .archive-search__toggle")
    assert toggle.is_visible()
    toggle.click()
    box = page.locator(".pagefind-ui__search-input")
    assert box.is_visible() and box.evaluate("e => e === document.activeElement")
    box.fill(query)
    page.wait_for_function(
        """q => { const m = document.querySelector('.pagefind-ui__message');
                  return m && m.textContent.includes(q) && document.querySelector('.pagefind-ui__result-link')
                         && !document.querySelector('.pagefind-ui__loading') }""",
        arg=query, timeout=30_000,
    )
    return page.eval_on_selector_all(
        ".pagefind-ui__results > .pagefind-ui__result .pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))"
    )


def first_pages(links: list[str]) -> list[str]:
    """The first result pages (sections of one page collapse into it), in order."""
    pages = list(dict.fromkeys(link.split("#", 1)[0] for link in links))
    return pages[:FIRST]


def test_the_build_has_pagefind_and_no_material_index(pagefind_site):
    assert (pagefind_site / "pagefind" / "pagefind-ui.js").is_file()
    assert list((pagefind_site / "pagefind" / "fragment").iterdir())
    assert not (pagefind_site / "search" / "search_index.json").exists()
    article = (pagefind_site / JAPANESE_PAGE / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in article  # the page keeps its language; the index is one for all
    assert "data-pagefind-body" in article and "md-search__input" not in article


def test_pagefind_indexes_the_pages_material_would(pagefind_site):
    """A side-by-side translation page says `search: exclude` (its text is its two
    articles'); Pagefind, like Material's search, leaves it out."""
    pages = list(pagefind_site.rglob("index.html"))
    pairs = [p for p in pages if p.parent.parent.name == "translations"]
    assert pairs, "the samples have no translation pair page"
    assert not any("data-pagefind-body" in p.read_text(encoding="utf-8") for p in pairs)
    indexed = [p for p in pages if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert len(indexed) == len(list((pagefind_site / "pagefind" / "fragment").iterdir())) == len(pages) - len(pairs)


@pytest.mark.parametrize(("query", "article"), [
    ("アリババ", "000_95b5bb6a5ce7aeaa"),  # Japanese
    ("Entstehung", "001_658489ee46d8266c"),  # German
    ("lithography", "en_chip_exports"),  # English
])
def test_a_word_in_each_language_finds_its_article(page, site_url, query, article):
    page.goto(site_url)
    assert f"/articles/{article}/" in first_pages(pagefind_search(page, query))


def _entity_with_three_spellings(site) -> tuple[str, dict[str, str]]:
    """The most mentioned entity whose glossary entry spells it differently in
    English (Latin), Japanese (kana or kanji) and German."""
    entities = json.loads((site / "data" / "entities.json").read_text(encoding="utf-8"))
    for entity in sorted(entities, key=lambda e: -len(e["mentions"])):
        names = entity["names"]
        en, ja, de = (names.get(lang, [None])[0] for lang in ("en", "ja", "de"))
        if en and ja and de and len({en, ja, de}) == 3 and not re.search(r"[A-Za-z]", ja):
            return entity["url"], {"Latin": en, "Japanese": ja, "German": de}
    pytest.fail("no entity with distinct English, Japanese and German names in the samples")


@pytest.mark.parametrize("script", ["Latin", "Japanese", "German"])
def test_an_entity_is_found_by_each_spelling(page, site_url, pagefind_site, script):
    url, spellings = _entity_with_three_spellings(pagefind_site)
    page.goto(site_url)
    pages = first_pages(pagefind_search(page, spellings[script]))
    assert f"/{url}" in pages, (spellings[script], pages)


def _months(site) -> dict[str, set[str]]:
    """Month ("2025-03") -> articles with an event dated in it, from the built timeline."""
    events = json.loads((site / "data" / "timeline.json").read_text(encoding="utf-8"))
    months: dict[str, set[str]] = {}
    for event in events:
        if len(event["date"]) >= 7:
            months.setdefault(event["date"][:7], set()).add(event["article"])
    assert months, "the samples have no event dated to a month or a day"
    return months


@pytest.mark.parametrize("page", list(VIEWPORTS), indirect=True)
@pytest.mark.parametrize("start", ["", JAPANESE_PAGE])
def test_an_iso_month_leads_to_its_events(page, site_url, pagefind_site, start):
    """"2025-03" finds the timeline page of that month and the articles with an
    event in that month, from the English home page and from a Japanese page
    (whose query Pagefind would otherwise split into "2025" and "03")."""
    page.goto(site_url + start)
    for month, articles in sorted(_months(pagefind_site).items()):
        links = pagefind_search(page, month)
        pages = first_pages(links)
        assert f"/timeline/{month}/" in pages, (month, pages)
        assert {f"/articles/{a}/" for a in articles} <= set(pages), (month, pages)
        page.keyboard.press("Escape")


@pytest.mark.parametrize("page", list(VIEWPORTS), indirect=True)
def test_the_panel_fits_the_screen_and_a_result_opens(page, site_url):
    page.goto(site_url)
    links = pagefind_search(page, "Entstehung")
    width = page.viewport_size["width"]
    panel = page.locator(".archive-search__panel").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= width
    first = page.locator(".pagefind-ui__result-link").first
    assert first.is_visible() and first.bounding_box()["x"] + first.bounding_box()["width"] <= width
    first.click()
    page.wait_for_url(f"**{links[0]}")
    assert page.locator("h1").first.inner_text().startswith("Die Entstehung von Qwen")
    assert page.locator(".archive-search").is_hidden()
