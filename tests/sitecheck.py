"""Static checks of a built site's HTML: links, anchors, headings, images.

One parser for every page; the tests in test_build.py and
test_accessibility.py assert on what it finds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

# Attributes that load or link to another file of the site.
_URL_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
              ("iframe", "src"), ("source", "src"), ("audio", "src"), ("video", "src")}


@dataclass
class Page:
    ids: dict[str, str] = field(default_factory=dict)  # id -> tag
    links: list[str] = field(default_factory=list)  # <a href>
    urls: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) of every link and asset
    headings: list[int] = field(default_factory=list)  # 1..6, in document order
    images: list[dict] = field(default_factory=list)  # attrs of every <img>
    unnamed_controls: list[str] = field(default_factory=list)  # <a>/<button> with no text and no label
    html_lang: str = ""


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._controls: list[dict] = []  # open <a>/<button>: their attrs and whether text was seen

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        p = self.page
        if "id" in attrs:
            p.ids.setdefault(attrs["id"], tag)
        for (t, attr) in _URL_ATTRS:
            if tag == t and attrs.get(attr):
                p.urls.append((tag, attrs[attr]))
        if tag == "a" and attrs.get("href"):
            p.links.append(attrs["href"])
        if re.fullmatch(r"h[1-6]", tag):
            p.headings.append(int(tag[1]))
        if tag == "img":
            p.images.append(attrs)
            for c in self._controls:
                c["named"] = c["named"] or bool(attrs.get("alt", "").strip())
        if tag == "html":
            p.html_lang = attrs.get("lang", "")
        if tag in ("a", "button"):
            named = bool(attrs.get("aria-label", "").strip() or attrs.get("title", "").strip())
            self._controls.append({"tag": tag, "attrs": attrs, "named": named})

    def handle_data(self, data):
        if data.strip():
            for c in self._controls:
                c["named"] = True

    def handle_endtag(self, tag):
        if tag in ("a", "button") and self._controls and self._controls[-1]["tag"] == tag:
            c = self._controls.pop()
            if not c["named"] and (c["tag"] == "button" or c["attrs"].get("href")):
                self.page.unnamed_controls.append(f"<{tag} {c['attrs']}>")


@lru_cache(maxsize=None)
def _parse_cached(path: str, mtime_ns: int) -> Page:
    parser = _Parser()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def parse(path: Path) -> Page:
    return _parse_cached(str(path), path.stat().st_mtime_ns)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _local_target(page_path: Path, url: str) -> tuple[Path, str] | None:
    """The file and fragment a relative URL points to; None for other sites and schemes."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) or url.startswith("//"):
        return None
    url = url.split("?", 1)[0]
    target, _, anchor = url.partition("#")
    dest = (page_path.parent / target).resolve() if target else page_path
    if dest.is_dir():
        dest = dest / "index.html"
    return dest, anchor


def broken_links(site: Path) -> list[tuple[str, str, str]]:
    """(page, url, why) for every local link or asset that does not resolve:
    a missing file, or a #fragment with no such id in the target page.

    404.html is skipped: it is served at any depth, so it uses site-absolute
    links by design.
    """
    broken = []
    for path in html_pages(site):
        if path.name == "404.html" and path.parent == site:
            continue
        for tag, url in parse(path).urls:
            resolved = _local_target(path, url)
            if resolved is None:
                continue
            dest, anchor = resolved
            where = path.relative_to(site).as_posix()
            if not dest.is_file():
                broken.append((where, url, "no such file"))
            elif anchor and dest.suffix == ".html" and anchor not in parse(dest).ids:
                broken.append((where, url, "no such id"))
    return broken


def paragraph_links(site: Path) -> list[tuple[str, str, str]]:
    """(page, url, tag of the target element) of every link to an article paragraph (#p-N)."""
    found = []
    for path in html_pages(site):
        for url in parse(path).links:
            resolved = _local_target(path, url)
            if resolved and re.fullmatch(r"p-\d+", resolved[1]) and resolved[0].is_file():
                found.append((path.relative_to(site).as_posix(), url, parse(resolved[0]).ids.get(resolved[1], "")))
    return found


def heading_problems(levels: list[int]) -> list[str]:
    """Why a page's heading outline is broken: not exactly one h1, h1 not first, a skipped level."""
    problems = []
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} h1")
    if levels and levels[0] != 1:
        problems.append(f"first heading is h{levels[0]}")
    for before, level in zip(levels, levels[1:]):
        if level > before + 1:
            problems.append(f"h{before} then h{level}")
    return problems
