"""The timeline split into one page per month (and per year for year-only
events): every event on exactly one page, the entry page linking to each, and
an edit rewriting only the pages of the months whose events it changed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from newsarchive.pipeline import build, generate, render
from newsarchive.render_timeline import section_id
from newsarchive.timeline import merge_translations

EVENT = re.compile(r'<li class="tl-event".*?</li>', re.S)
DATE = re.compile(r'<time class="tl-date" datetime="([\d-]+)"')
FIRST_VERSION = re.compile(r"\(\.\./articles/([^)#]+)\.md#([^)]+)\)")


def timeline_pages(files: dict[str, str]) -> dict[str, str]:
    """{"2025-03": Markdown} for every timeline page but the entry page."""
    return {Path(rel).stem: text for rel, text in files.items()
            if rel.startswith("timeline/") and rel != "timeline/index.md"}


@pytest.fixture(scope="module")
def archive(mixed_seeds):
    return build(mixed_seeds)


@pytest.fixture(scope="module")
def files(archive):
    return render(archive)


def test_every_event_is_on_exactly_the_page_of_its_month(archive, files):
    originals = [a.id for a in archive.articles if not a.translation_of]
    entries = merge_translations(archive.events, archive.translations, originals)
    pages = timeline_pages(files)
    assert len(pages) > 3, "the samples span several months"
    placed = []
    for stem, text in pages.items():
        events = EVENT.findall(text)
        assert events, f"timeline/{stem}.md lists no event"
        for li in events:
            assert section_id(DATE.search(li).group(1)) == stem, (stem, li)
            placed.append((stem, FIRST_VERSION.search(li).groups()))
    expected = [(section_id(t.date), (t.versions[0].article, t.versions[0].anchor)) for t in entries]
    assert sorted(placed) == sorted(expected)


def test_the_entry_page_links_to_every_page_and_counts_its_events(files):
    index = files["timeline/index.md"]
    pages = timeline_pages(files)
    linked = dict(re.findall(r"\]\(([\d-]+)\.md\) · (\d+) events?", index))
    assert linked.keys() == pages.keys()
    assert {stem: int(n) for stem, n in linked.items()} == {stem: len(EVENT.findall(t)) for stem, t in pages.items()}
    assert "tl-event" not in index


def test_month_pages_keep_filters_search_forms_and_deep_links(files):
    for stem, text in timeline_pages(files).items():
        assert text.startswith("---\ntitle: ") and "search:\n  boost:" in text.split("\n---\n")[0]
        assert f"{{#{stem}}}" in text and '<div class="tl-filters" hidden>' in text
        assert f'<p class="tl-search" hidden>{stem}' in text, "the ISO form is searchable"
        assert FIRST_VERSION.search(text), "each event links to its paragraph"


def _months_by_article(timeline_json: str, article: str) -> dict[str, list]:
    events = json.loads(timeline_json)
    months: dict[str, list] = {}
    for e in events:
        months.setdefault(section_id(e["date"]), []).append(e)
    return {m: es for m, es in months.items() if any(e["article"] == article for e in es)}


def test_an_edit_rewrites_only_the_pages_of_its_months(mixed_seeds, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(mixed_seeds, seeds)
    out = tmp_path / "docs"
    generate(seeds, out, cache_folder=None)
    before_json = (out / "data" / "timeline.json").read_text(encoding="utf-8")
    files = sorted(out.rglob("timeline/*.md"))
    mtimes = {p: p.stat().st_mtime_ns for p in files}
    source = seeds / "en_chip_exports.txt"
    text = source.read_text(encoding="utf-8")
    assert "Executives warned" in text
    edited = text.replace("Executives warned", "The first plant opened on 14 February 2019. Executives warned")
    source.write_text(edited, encoding="utf-8")
    _, report = generate(seeds, out, cache_folder=None)
    after_json = (out / "data" / "timeline.json").read_text(encoding="utf-8")
    article = next(e["article"] for e in json.loads(after_json) if "14 February 2019" in e["surface"])
    touched = _months_by_article(before_json, article) | _months_by_article(after_json, article)
    rewritten = sorted(rel for rel in report.written if rel.startswith("timeline/"))
    assert "timeline/2019-02.md" in rewritten and "timeline/index.md" in rewritten
    assert set(rewritten) <= {"timeline/index.md", *(f"timeline/{m}.md" for m in touched)}
    kept = [p for p in files if p.relative_to(out).as_posix() not in rewritten]
    assert len(kept) >= 2, "the other months were left alone"
    assert all(p.stat().st_mtime_ns == mtimes[p] for p in kept)
