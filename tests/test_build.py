"""Integration: the sample archive built by MkDocs, pages, links and JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

from contract import check_articles, check_entities, check_timeline
from sitecheck import broken_links, html_pages, paragraph_links, parse


def load(site: Path, name: str):
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def test_json_follows_the_contract(built_site):
    articles = load(built_site, "articles.json")
    check_articles(articles)
    ids = {a["id"] for a in articles}
    check_entities(load(built_site, "entities.json"), ids)
    check_timeline(load(built_site, "timeline.json"), ids)
    langs = {a["source"]: a["lang"] for a in articles}
    assert langs["000_95b5bb6a5ce7aeaa.txt"] == "ja"
    assert langs["001_658489ee46d8266c.txt"] == "de"
    assert langs["en_chip_exports.txt"] == "en"
    assert langs["zh_robotics.txt"] == "zh"
    assert langs["fr_meteo.txt"] == "fr"


def test_every_article_has_a_page_with_structure(built_site):
    for article in load(built_site, "articles.json"):
        page_path = built_site / article["url"] / "index.html"
        page = parse(page_path)
        html = page_path.read_text(encoding="utf-8")
        assert page.html_lang == article["lang"]
        assert "p-1" in page.ids
        assert "<h1" in html and article["title"].split()[0].replace("&", "&amp;") in html


def test_article_headings_lists_and_metadata(built_site):
    html = (built_site / "articles" / "en_chip_exports" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="chipmakers-brace-for-new-export-rules">Chipmakers Brace for New Export Rules' in html
    assert re.search(r'<h2 id="p-\d+">What the rules cover', html)
    assert re.search(r'<li id="p-\d+"><strong>Lithography:</strong> Machines', html)
    assert "2025-03-12" in html and "Dana Whitfield" in html
    assert ">Share<" not in html and "Related articles" not in html
    assert "Reader comments" in html and "Great overview" in html
    assert "Published on" not in html


def test_dateline_comment_header_and_reference_of_a_sample(built_site):
    article = next(a for a in load(built_site, "articles.json") if a["source"].startswith("004_"))
    assert article["date"] == "2024-06-16"
    assert article["title_origin"] == "comment-header"
    assert len(article["title"]) < 60
    html = (built_site / article["url"] / "index.html").read_text(encoding="utf-8")
    assert "Last Updated" not in html
    assert "Reader comments" in html and "archive-references" in html


def test_internal_links_and_anchors_resolve(built_site):
    pages = {p.relative_to(built_site).as_posix() for p in html_pages(built_site)}
    # every kind of page is among those checked
    for kind in ("index.html", "articles/", "entities/", "timeline/", "translations/", "about/"):
        assert any(p.startswith(kind) for p in pages), kind
    assert broken_links(built_site) == []
    assets = {url for p in html_pages(built_site) for tag, url in parse(p).urls if tag != "a"}
    assert any(u.endswith(".css") for u in assets) and any(u.endswith(".js") for u in assets)


def test_mention_and_event_links_land_on_a_paragraph(built_site):
    links = paragraph_links(built_site)
    sources = {page.split("/")[0] for page, _, _ in links}
    assert {"entities", "timeline", "translations"} <= sources, sources
    assert [link for link in links if link[2] not in ("p", "li", "h2", "h3", "h4", "h5", "h6")] == []


def test_no_external_assets(built_site):
    for path in [built_site / "index.html", *built_site.glob("articles/*/index.html")]:
        html = path.read_text(encoding="utf-8")
        assets = re.findall(r'<(?:script|img|iframe)[^>]+src="([^"]+)"', html)
        assets += re.findall(r'<link[^>]+href="([^"]+)"', html)
        assert assets
        for url in assets:
            assert not re.match(r"^(https?:)?//", url) or url.startswith("http://127.0.0.1"), (path, url)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_navigation_does_not_list_every_article(built_site):
    nav = (built_site / "index.html").read_text(encoding="utf-8").split("md-nav--primary")[1]
    nav = nav.split("</nav>")[0]
    assert "000_95b5bb6a5ce7aeaa" not in nav
    assert "Articles" in nav and "Glossary" in nav and "Timeline" in nav


def test_home_page_table_and_counts(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "<strong>8</strong> articles in <strong>5</strong> languages" in html
    assert html.count('href="articles/') >= 8
    assert "日本語" in html and "Deutsch" in html and "English" in html
