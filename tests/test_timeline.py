"""Timeline: events from articles, translation merging, pages, JSON, and the measured quality floor."""

from __future__ import annotations

import json
import re

import pytest

from newsarchive.evaluate.dates import GOLD, evaluate
from newsarchive.export import timeline_json
from newsarchive.langdata import PageFurniture
from newsarchive.model import Archive, Article, Entity, Mention, Paragraph, SourceDoc, TranslationLink
from newsarchive.pipeline import build, render
from newsarchive.render import render_pages
from newsarchive.structure import parse_article
from newsarchive.timeline import extract_events, merge_translations, translation_groups


def article(aid: str, lang: str, texts: list[str], date: str | None = None, **kw) -> Article:
    paragraphs = tuple(Paragraph(f"p-{i}", "paragraph", t) for i, t in enumerate(texts, 1))
    return Article(id=aid, source=f"{aid}.txt", lang=lang, title=aid, paragraphs=paragraphs, date=date, **kw)


JA = article("ja1", "ja", ["3月5日、アリババは新モデルを発表した。株価は上昇した。", "2023年11月に前身が登場した。"], "2025-03-10")
DE = article("de1", "de", ["Am 5. März stellte Alibaba ein Modell vor. Die Aktie stieg.", "Im November 2023 kam der Vorgänger."], "2025-03-10")


def test_events_carry_sentence_anchor_and_inferred_flag():
    events = extract_events([JA])
    assert [(e.date, e.surface, e.anchor, e.inferred, e.precision) for e in events] == [
        ("2023-11", "2023年11月", "p-2", False, "month"),
        ("2025-03-05", "3月5日", "p-1", True, "day"),
    ]
    assert events[1].text == "3月5日、アリババは新モデルを発表した。"


def test_entities_are_those_mentioned_inside_the_sentence():
    mentions = [
        Mention("alibaba", "ja1", "p-1", 5, 9, "アリババ"),
        Mention("stock", "ja1", "p-1", 21, 23, "株価"),  # second sentence: not in the event
    ]
    events = extract_events([JA], mentions)
    assert {e.surface: e.entities for e in events} == {"3月5日": ("alibaba",), "2023年11月": ()}


def test_without_article_date_the_latest_full_date_is_the_anchor():
    a = article("x", "ja", ["2024年10月1日に稼働した。", "昨年12月に着工した。"])
    assert [(e.surface, e.date, e.inferred) for e in extract_events([a])] == [
        ("昨年12月", "2023-12", True), ("2024年10月1日", "2024-10-01", False),
    ]


def test_without_any_anchor_relative_dates_are_not_placed():
    a = article("x", "ja", ["3月5日に発表。昨年に続く。2022年から。"])
    assert [e.surface for e in extract_events([a])] == ["2022年"]


def test_translation_groups_are_transitive():
    links = [TranslationLink("b", "c", 0.9), TranslationLink("a", "b", 0.9)]
    assert translation_groups(["a", "b", "c", "d"], links) == {"a": "a", "b": "a", "c": "a", "d": "d"}


def test_same_event_in_two_translations_is_one_entry():
    events = extract_events([JA, DE])
    assert len(events) == 4
    entries = merge_translations(events, [TranslationLink("de1", "ja1", 0.95)], originals=["ja1"])
    assert [(t.date, [v.article for v in t.versions]) for t in entries] == [
        ("2023-11", ["ja1", "de1"]), ("2025-03-05", ["ja1", "de1"]),
    ]
    assert len(merge_translations(events, [])) == 4


def test_timeline_pages_merge_translations_and_link_each_version():
    events = extract_events([JA, DE])
    archive = Archive(articles=(JA, DE), events=events, translations=(TranslationLink("de1", "ja1", 0.95),))
    pages = render_pages(archive)
    assert sorted(p for p in pages if p.startswith("timeline/")) == [
        "timeline/2023-11.md", "timeline/2025-03.md", "timeline/index.md"]
    march = pages["timeline/2025-03.md"]
    assert march.count('<li class="tl-event"') == 1, "one entry for the two translations"
    assert "(../articles/ja1.md#p-1)" in march and "(../articles/de1.md#p-1)" in march
    assert "# March 2025 {#2025-03}" in march and "(index.md#2025-03)" in march
    for form in ("2025-03", "2025年3月", "März 2025", "March 2025", "2025-03-05", "5. März 2025"):
        assert form in march
    assert "2023" not in march, "a month page holds only its own month"
    index = pages["timeline/index.md"]
    assert "tl-event" not in index, "the entry page lists months, not events"
    assert "{#2023}" in index and '<li id="2023-11"' in index and "{#2025}" in index
    assert index.index("(2023-11.md)") < index.index("(2025-03.md)"), "oldest first"
    data = timeline_json(archive)
    assert [d["same_event"] for d in data if d["article"] == "ja1"][0] == [{"article": "de1", "anchor": "p-2"}]


def test_year_only_events_get_a_year_page():
    a = article("y", "en", ["In 2024 the plant opened.", "On 3 May 2024 it closed."])
    pages = render_pages(Archive(articles=(a,), events=extract_events([a])))
    year, may = pages["timeline/2024.md"], pages["timeline/2024-05.md"]
    assert year.count("tl-event") == 1 and "plant opened" in year and "closed" not in year
    assert may.count("tl-event") == 1 and "closed" in may
    assert "[2024, year only](2024.md) · 1 event" in pages["timeline/index.md"]


def test_filters_list_only_the_pages_own_languages_and_entities():
    mentions = (Mention("alibaba", "ja1", "p-1", 5, 9, "アリババ"),)
    entity = Entity("alibaba", "organization", {"ja": ("アリババ",)}, mentions)
    archive = Archive(articles=(JA, DE), entities=(entity,), events=extract_events([JA, DE], mentions))
    pages = render_pages(archive)
    assert 'value="alibaba"' in pages["timeline/2025-03.md"]
    assert 'data-tl-filter="entities"' not in pages["timeline/2023-11.md"]
    assert 'value="ja"' in pages["timeline/2023-11.md"] and 'value="de"' in pages["timeline/2023-11.md"]


def test_article_and_entity_partials():
    mentions = (Mention("alibaba", "ja1", "p-1", 5, 9, "アリババ"),)
    entity = Entity("alibaba", "organization", {"ja": ("アリババ",)}, mentions)
    archive = Archive(articles=(JA,), entities=(entity,), events=extract_events([JA], mentions))
    pages = render_pages(archive)
    art = pages["articles/ja1.md"]
    assert "## Dates in this article" in art
    assert "(../timeline/2025-03.md)" in art and "[¶](#p-1)" in art
    from newsarchive.render import make_environment
    from newsarchive.render_timeline import install

    env = make_environment()
    install(env, archive)
    out = env.from_string('{% set entity = e %}{% include "_entity_events.md.j2" %}').render(e=entity)
    assert "## Timeline" in out and "(../articles/ja1.md#p-1)" in out
    assert "](../timeline/2025-03.md)" in out, "each date links to its month's page"
    assert out.count('class="tl-event"') == 1, "only the event whose sentence names the entity"


def test_article_text_is_escaped_in_the_timeline():
    a = article("evil", "en", ['In 2024 <script>alert(1)</script> [x](http://e.vil) happened.'])
    page = render_pages(Archive(articles=(a,), events=extract_events([a])))["timeline/2024.md"]
    assert "<script>" not in page and "](http" not in page


def test_timeline_json_has_the_contract_fields(mixed_seeds):
    archive = build(mixed_seeds)
    data = json.loads(render(archive)["data/timeline.json"])
    assert data, "the samples and corpus hold dated events"
    required = {"date", "surface", "inferred", "text", "article", "anchor", "entities"}
    ids = {a.id for a in archive.articles}
    for item in data:
        assert required <= set(item)
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", item["date"])
        assert item["article"] in ids and item["surface"] in item["text"]
    assert [d["date"] for d in data] == sorted(d["date"] for d in data)


def test_two_builds_are_byte_identical(mixed_seeds):
    assert render(build(mixed_seeds)) == render(build(mixed_seeds))


# -- measured quality (see tests/gold/dates.yaml, `python -m newsarchive.evaluate dates`) --

# Measured: holdout2 (languages without a data file when it was written, and
# new forms) P 0.990 R 0.979; holdout3 (written after tuning) P 0.964 R 0.900;
# holdout4 (stop 21, blind) P 0.962 R 0.877 when first measured, then P 0.965
# R 0.965 after relative months ("last month", 先月), Korean days with a
# direction ("지난 8일"), Chinese 周三 and the Russian instrumental months.
# Floors a small margin below.
FLOORS = {
    "samples": (1.0, 1.0), "holdout": (0.95, 0.95), "holdout2": (0.97, 0.96), "holdout3": (0.94, 0.87),
    "holdout4": (0.94, 0.94), "all sets": (0.97, 0.95),
}


@pytest.fixture(scope="module")
def scores():
    return evaluate()


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_precision_and_recall_stay_above_the_measured_floor(scores, name):
    precision, recall = FLOORS[name]
    assert scores[name].precision >= precision, scores[name].errors
    assert scores[name].recall >= recall, scores[name].errors


# The blind sets, kept apart from the tuned ones (see the head of each gold file):
# measured (precision, recall) minus 0.03.
BLIND_FLOORS = {"dates_holdout5.yaml": ("holdout5", 0.959, 0.959), "dates_holdout6.yaml": ("holdout6", 0.944, 0.912),
                "dates_holdout7.yaml": ("holdout7", 0.904, 0.847), "dates_holdout8.yaml": ("holdout8", 0.852, 0.661),
                "dates_holdout9.yaml": ("holdout9", 0.935, 0.836), "dates_holdout10.yaml": ("holdout10", 0.857, 0.781)}


@pytest.mark.parametrize("gold", sorted(BLIND_FLOORS))
def test_blind_date_sets_stay_above_their_measured_floors(gold):
    name, precision, recall = BLIND_FLOORS[gold]
    s = evaluate(GOLD.parent / gold)[name]
    assert s.precision >= precision and s.recall >= recall, s.errors


def test_inferred_dates_are_resolved_or_left_open(scores):
    total = scores["all sets"]
    assert total.inferred_left_open == total.inferred_unknowable, "never guess without an anchor"
    # measured 99/103: future or past yearless months against the nearest-month rule, weekdays ahead
    assert total.inferred_resolved >= 0.9 * total.inferred_knowable
    assert scores["scenario 1"].inferred_resolved == scores["scenario 1"].inferred_knowable == 5


def test_the_date_of_a_wire_dateline_is_no_event():
    text = "Published on March 4, 2025\nSYDNEY, March 4 (Reuters) - Exporters must reserve gas from July 1, King said on Tuesday."
    a = parse_article(SourceDoc("gas.txt", f"Gas Rules\n{text}"), PageFurniture.load(), "en")
    assert a.dateline.startswith("SYDNEY")
    assert [(e.surface, e.date) for e in extract_events([a])] == [("Tuesday", "2025-03-04"), ("July 1", "2025-07-01")]


def test_weekdays_count_from_the_articles_date_else_the_latest_full_date():
    undated = article("x", "nl", ["Op 21 januari 2025 tekenden zij het contract, na overleg op afgelopen donderdag."])
    assert [(e.surface, e.date) for e in extract_events([undated])] == [("afgelopen donderdag", "2025-01-16"),
                                                                       ("21 januari 2025", "2025-01-21")]
    text = ["Ab dem 14. März 2026 fährt die Fähre, teilte die Stadt am Montag mit."]
    dated = article("y", "de", text, "2025-11-05")
    assert [(e.surface, e.date) for e in extract_events([dated])] == [("Montag", "2025-11-03"), ("14. März 2026", "2026-03-14")]
