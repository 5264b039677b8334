"""Accessibility basics of the built site: heading outline, text alternatives,
and the colour contrast of the site's own CSS classes (WCAG AA, 4.5:1) in the
light and the dark palette, computed in chromium from the styles it applied.

The article pages' `<html lang>` is checked in test_build.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import assert_stayed_local, open_page
from conftest import ROOT
from sitecheck import heading_problems, html_pages, parse

WCAG_AA = 4.5


def test_headings_are_in_order_on_every_page(built_site):
    problems = {p.relative_to(built_site).as_posix(): heading_problems(parse(p).headings) for p in html_pages(built_site)}
    assert len(problems) > 20 and all(parse(p).headings for p in html_pages(built_site))
    assert {page: why for page, why in problems.items() if why} == {}


def test_images_and_icon_links_have_text_alternatives(built_site):
    pages = html_pages(built_site)
    assert sum(len(parse(p).links) for p in pages) > 100
    no_alt = [(p.name, img.get("src")) for p in pages for img in parse(p).images if not img.get("alt", "").strip()]
    assert no_alt == []
    unnamed = {p.relative_to(built_site).as_posix(): parse(p).unnamed_controls for p in pages if parse(p).unnamed_controls}
    assert unnamed == {}


def site_classes() -> list[str]:
    """Every class the site's own stylesheets style (Material's md-* excluded)."""
    css = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "site_src" / "stylesheets").glob("*.css")))
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return sorted({c for c in re.findall(r"\.([a-zA-Z][\w-]*)", css) if not c.startswith("md-")})


def pages_showing(site: Path, classes: list[str]) -> dict[str, list[str]]:
    """The first page (site-relative URL) that uses each class -> the classes it is visited for."""
    pages: dict[str, list[str]] = {}
    texts = {p: p.read_text(encoding="utf-8") for p in html_pages(site) if p.name == "index.html"}
    for cls in classes:
        used = re.compile(rf'class="[^"]*(?<![\w-]){re.escape(cls)}(?![\w-])')
        page = next((p for p, text in texts.items() if used.search(text)), None)
        if page is not None:
            pages.setdefault(page.parent.relative_to(site).as_posix().removeprefix(".") + "/", []).append(cls)
    return {url.lstrip("/"): cls for url, cls in pages.items()}


# For each visible element with its own text inside an element of a class:
# its colour over its background (both composited over the layers below, as
# rgba() colours with alpha are), and the WCAG contrast ratio of the two.
_CONTRAST = """classes => {
  const rgba = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, below) => [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
  const background = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]); };
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };
  const shown = el => { if (!el.getClientRects().length || el.closest('[hidden]')) return false;
    for (let e = el; e; e = e.parentElement) { const s = getComputedStyle(e);
      if (s.visibility !== 'visible' || Number(s.opacity) === 0) return false; }
    return true; };
  const out = [];
  for (const cls of classes) for (const root of document.getElementsByClassName(cls))
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) || !shown(el)) continue;
      const bg = background(el), fg = over(rgba(getComputedStyle(el).color), bg);
      out.push({cls, tag: el.tagName, text: el.textContent.trim().slice(0, 40), ratio: Math.round(ratio(fg, bg) * 100) / 100});
    }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_of_the_site_classes_has_enough_contrast(browser, site_url, built_site, scheme):
    pytest.importorskip("playwright.sync_api")
    classes = site_classes()
    pages = pages_showing(built_site, classes)
    assert len(pages) >= 4, pages
    measured: list[dict] = []
    with open_page(browser, color_scheme=scheme) as page:
        for url, on_page in pages.items():
            page.goto(site_url + url)
            palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert palette == ("slate" if scheme == "dark" else "default")
            measured += [dict(m, page=url) for m in page.evaluate(_CONTRAST, on_page)]
        assert_stayed_local(page)
    assert len({m["cls"] for m in measured}) >= 10, {m["cls"] for m in measured}
    low = [m for m in measured if m["ratio"] < WCAG_AA]
    assert low == [], low
