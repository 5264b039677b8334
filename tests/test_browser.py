"""What a person does in a real browser: open pages, follow links, search.

Playwright drives Debian's chromium (installed by `make test`), offline:
every request of every test must stay on the loopback server and no console
error may occur. The pages to visit are picked from the site's JSON data,
not named here, so the tests follow the corpus.
"""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urlsplit

import pytest

from browser import DESKTOP, PHONE, assert_stayed_local, in_viewport, open_page, screenshot, search

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def data(built_site) -> dict[str, list]:
    return {name: json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
            for name in ("articles", "entities", "timeline")}


@pytest.fixture
def page(browser):
    """A desktop page; after the test, every request it made must have stayed local."""
    with open_page(browser) as page:
        yield page
        assert_stayed_local(page)


def _words(text: str) -> str:
    return " ".join(text.split())


def _h1(page) -> str:
    return page.locator("article h1").first.evaluate("h => h.firstChild.textContent").strip()


def _journey_article(data) -> dict:
    """An article with a translation and entity mentions: every step can be taken."""
    mentioned = {m["article"] for e in data["entities"] for m in e["mentions"]}
    return next(a for a in data["articles"] if a["translations"] and a["id"] in mentioned)


# Marks the last item of the entity page's "Mentions" section that links to
# a paragraph of the article `url` (the section ends at the next h2).
_MARK_LAST_MENTION = """url => {
  let items = [], el = document.getElementById('mentions').nextElementSibling;
  for (; el && el.tagName !== 'H2'; el = el.nextElementSibling)
    if (el.tagName === 'UL') items.push(...el.querySelectorAll(`li a[href*="${url}#p-"]`));
  items[items.length - 1].closest('li').dataset.journey = '1';
}"""


def test_a_reader_walks_through_the_site(page, site_url, data):
    """Home -> article -> its translation and back -> an entity -> the paragraph
    of a mention -> the timeline -> a month -> the paragraph of an event."""
    articles = {a["id"]: a for a in data["articles"]}
    article = _journey_article(data)
    other = articles[article["translations"][0]]

    page.goto(site_url)
    assert _h1(page).startswith("Multilingual news archive")
    page.locator(f"article a[href='{article['url']}']").first.click()
    page.wait_for_url(f"**/{article['url']}")
    assert _h1(page) == article["title"]
    assert page.evaluate("document.documentElement.lang") == article["lang"]

    page.locator(f".archive-translations a[hreflang='{other['lang']}']").click()
    page.wait_for_url(f"**/{other['url']}")
    assert _h1(page) == other["title"]
    assert page.evaluate("document.documentElement.lang") == other["lang"]
    page.go_back()
    page.wait_for_url(f"**/{article['url']}")
    assert _h1(page) == article["title"]

    link = page.locator("article p[id^='p-'] a[href*='/entities/']").first
    entity_url = "entities/" + link.get_attribute("href").split("entities/")[1]
    entity = next(e for e in data["entities"] if e["url"] == entity_url)
    link.click()
    page.wait_for_url(f"**/{entity_url}")
    assert _h1(page) in {names[0] for names in entity["names"].values()}

    # the last mention in this article: the page must scroll to reach it
    page.evaluate(_MARK_LAST_MENTION, article["url"])
    mention = page.locator("li[data-journey]")
    surface = mention.locator("strong").first.inner_text()
    anchor = mention.locator("a").last.get_attribute("href").split("#")[1]
    mention.locator("a").last.click()
    page.wait_for_url(f"**/{article['url']}#{anchor}")
    assert in_viewport(page, f"#{anchor}"), anchor
    assert page.evaluate("document.querySelector(':target').id") == anchor
    assert surface in page.locator(f"#{anchor}").inner_text()

    page.mouse.wheel(0, -10**6)  # back to the top, where the tabs show again
    page.wait_for_selector(".md-tabs:not([hidden])")
    page.locator(".md-tabs a", has_text="Timeline").click()
    page.wait_for_url("**/timeline/")
    month = page.locator(".tl-months a").last  # the newest month: its page lists its events
    month_url = "timeline/" + month.get_attribute("href").split("timeline/")[-1]
    month.click()
    page.wait_for_url(f"**/{month_url}")
    assert page.locator(".tl-event").count() >= 1
    event = page.locator(".tl-event .tl-links a").last
    href = event.get_attribute("href")
    target_id, anchor = href.split("articles/")[1].split("/#")
    sentence = next(e["text"] for e in reversed(data["timeline"]) if e["article"] == target_id and e["anchor"] == anchor)
    event.click()
    page.wait_for_url(f"**/articles/{target_id}/#{anchor}")
    assert in_viewport(page, f"#{anchor}"), anchor
    assert _words(sentence.strip("…").split("…")[0])[:30] in _words(page.locator(f"#{anchor}").inner_text())
    visited = {u.split("#")[0] for u in page.requests if u.endswith("/")}
    assert len(visited) >= 6, visited


def test_deep_link_to_a_paragraph(page, site_url, data):
    article = max(data["articles"], key=lambda a: a["paragraphs"])
    anchor = f"p-{article['paragraphs'] * 3 // 4}"
    page.goto(f"{site_url}{article['url']}#{anchor}")
    assert in_viewport(page, f"#{anchor}")


def _search_cases() -> list[tuple[str, str]]:
    """(query, page the query must find among the first results)."""
    return [
        ("アリババ", "articles/000_95b5bb6a5ce7aeaa/"),  # Japanese word
        ("Entstehung", "articles/001_658489ee46d8266c/"),  # German
        ("lithography", "articles/en_chip_exports/"),  # English
        ("深圳", "articles/zh_robotics/"),  # Chinese
        ("agriculteurs", "articles/fr_meteo/"),  # French
        ("Alibaba", "entities/alibaba/"),  # an entity, Latin script
        ("アリババグループ", "entities/alibaba/"),  # ... Japanese spelling
        ("Alibaba-Gruppe", "entities/alibaba/"),  # ... German spelling
        ("2025-03", "timeline/2025-03/"),  # a date: the timeline page of that month
    ]


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """One page for every search (the index loads once); it must stay local."""
    with open_page(browser) as page:
        page.goto(site_url)
        yield page
        assert_stayed_local(page)


@pytest.mark.parametrize(("query", "wanted"), _search_cases())
def test_search_finds_the_page(search_page, query, wanted):
    pages = list(dict.fromkeys(urlsplit(h).path.lstrip("/") for h in search(search_page, query)))
    assert wanted in pages[:3], (query, pages[:8])
    assert search_page.errors == []


def _screen_pages(data) -> dict[str, str]:
    """Home, an article in a CJK script (glyphs must render), the entity with
    the most mentions, the timeline and its month with the most events."""
    cjk = next((a for a in data["articles"] if a["lang"] in ("ja", "zh")), data["articles"][0])
    entity = max(data["entities"], key=lambda e: len(e["mentions"]))
    months = Counter(e["date"][:7] for e in data["timeline"] if len(e["date"]) >= 7)
    month = min(months, key=lambda m: (-months[m], m))
    return {"home": "", "article": cjk["url"], "entity": entity["url"], "timeline": "timeline/",
            "timeline-month": f"timeline/{month}/"}


@pytest.mark.parametrize(("width", "label"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_screenshots_and_no_sideways_scrolling(browser, site_url, data, width, label):
    with open_page(browser, width=width, height=900 if width == DESKTOP else 844) as page:
        for name, url in _screen_pages(data).items():
            page.goto(site_url + url)
            page.evaluate("document.fonts.ready")
            path = screenshot(page, f"{name}-{label}")
            assert path.stat().st_size > 10_000
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (name, label, overflow)
        assert_stayed_local(page)
