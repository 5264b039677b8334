"""The built site: entity pages exist and search can find an entity in any script."""

from __future__ import annotations

import json

import pytest

SPELLINGS = ["Alibaba", "アリババ", "Alibaba-Gruppe", "阿里巴巴"]


@pytest.fixture(scope="module")
def search_docs(built_site) -> dict[str, str]:
    """location -> all text the search index holds for that page."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        docs[page] = docs.get(page, "") + " " + doc.get("title", "") + " " + doc.get("text", "")
    return docs


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_search_index_finds_entity_page_and_articles_by_any_spelling(search_docs, spelling):
    assert spelling in search_docs["entities/alibaba/"]
    articles = [page for page, text in search_docs.items() if page.startswith("articles/0") and spelling in text]
    # the four sample articles mention Alibaba; the hidden name list makes each findable
    assert len(articles) == 4, articles


def test_entity_pages_and_glossary_script_are_built(built_site):
    assert (built_site / "entities" / "alibaba" / "index.html").is_file()
    glossary = (built_site / "entities" / "index.html").read_text(encoding="utf-8")
    assert "archive-glossary-filter" in glossary and "glossary-filter.js" in glossary
    article = (built_site / "articles" / "001_658489ee46d8266c" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../entities/alibaba/"' in article
