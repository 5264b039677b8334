"""The search-backend switch and the markup Pagefind indexes (no browser)."""

from __future__ import annotations

import pytest

from newsarchive.search_backend import AUTO_THRESHOLD, MATERIAL, PAGEFIND, choose, index_dates


@pytest.mark.parametrize(("setting", "articles", "backend"), [
    (None, 8, MATERIAL),
    ("", AUTO_THRESHOLD, MATERIAL),
    ("auto", AUTO_THRESHOLD + 1, PAGEFIND),
    ("pagefind", 8, PAGEFIND),
    (" Material ", 10_000, MATERIAL),  # forcing the built-in one on a large archive
])
def test_choose(setting, articles, backend):
    assert choose(setting, articles) == backend


def test_choose_refuses_an_unknown_backend():
    with pytest.raises(ValueError, match="lunr"):
        choose("lunr", 8)


def test_index_dates_adds_the_compact_form_of_months_and_days_only():
    html = ('<li><time class="tl-date" datetime="2025-03-05">March 5, 2025</time>'
            '<time datetime="2025-03">March 2025</time><time datetime="2025">2025</time></li>')
    out = index_dates(html)
    assert out.count('data-pagefind-index-attrs="data-archive-date"') == 2
    assert 'data-archive-date="20250305" class="tl-date" datetime="2025-03-05">March 5, 2025</time>' in out
    assert 'data-archive-date="202503" datetime="2025-03">' in out
    assert '<time datetime="2025">2025</time>' in out  # a year is one token already


def test_index_dates_leaves_escaped_article_text_alone():
    text = '<p>&lt;time datetime="2025-03-05"&gt;</p>'
    assert index_dates(text) == text


def test_the_default_build_of_a_small_archive_uses_materials_search(built_site):
    assert (built_site / "search" / "search_index.json").is_file()
    assert not (built_site / "pagefind").exists()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "md-search__input" in home and "pagefind" not in home
