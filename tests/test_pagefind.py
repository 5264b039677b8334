"""The search-backend switch and the markup Pagefind indexes (no browser)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from newsarchive.search_backend import AUTO_THRESHOLD, MATERIAL, PAGEFIND, choose, index_dates


@pytest.mark.parametrize(("setting", "articles", "serving", "backend"), [
    (None, 8, False, MATERIAL),
    ("", AUTO_THRESHOLD, False, MATERIAL),
    ("auto", AUTO_THRESHOLD + 1, False, PAGEFIND),
    ("auto", AUTO_THRESHOLD + 1, True, MATERIAL),  # mkdocs serve: the index that updates per page
    ("pagefind", 8, False, PAGEFIND),
    ("pagefind", 10_000, True, PAGEFIND),
    (" Material ", 10_000, False, MATERIAL),  # forcing the built-in one on a large archive
])
def test_choose(setting, articles, serving, backend):
    assert choose(setting, articles, serving) == backend


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


def test_mkdocs_serve_keeps_materials_search_on_a_large_archive(monkeypatch):
    """Pagefind re-indexes the whole site after every edit; under serve the
    hook picks the index that takes only the pages rendered again."""
    import hooks

    monkeypatch.delenv("ARCHIVE_SEARCH", raising=False)
    search = SimpleNamespace(config=SimpleNamespace(enabled=True))
    try:
        for command, backend in (("serve", MATERIAL), ("build", PAGEFIND)):
            config = SimpleNamespace(extra={}, plugins={"material/search": search})
            hooks.on_startup(command=command, dirty=True)
            hooks.use_search_backend(config, AUTO_THRESHOLD + 1)
            assert config.extra["archive_search"] == backend
            assert search.config.enabled is (backend == MATERIAL)
    finally:
        hooks.on_startup(command="build", dirty=False)
