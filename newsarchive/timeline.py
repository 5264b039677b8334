"""LINK: dated events from articles, and one timeline entry per event across translations.

Each date expression in an article's body becomes an Event carrying its
sentence, paragraph anchor and the entities mentioned in that sentence.
Relative dates count from the article's own date, else from the latest full
date written in the article. The date of a wire dateline ("SYDNEY, March 4
(Reuters) -") is the article's, not an event of its story.
Every article is scanned once, and mentions are indexed by paragraph once, so
the cost is linear in the text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from . import parallel
from .dates import Anchor, DateLexicon, RawDate, article_anchor, resolve, scan
from .model import Article, Entity, Event, Mention, Paragraph, TranslationLink
from .text import split_sentences


def all_mentions(entities: Iterable[Entity]) -> list[Mention]:
    """The mentions of every entity, flattened (empty when there are no entities)."""
    return [m for e in entities for m in e.mentions]


def paragraph_number(anchor: str) -> int:
    """3 for "p-3": the paragraph's position, for sorting in reading order."""
    tail = anchor.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def event_key(event: Event) -> tuple:
    """The timeline's sort order: date, then article, then reading order."""
    return (event.date, event.article, paragraph_number(event.anchor), event.text, event.surface)


def _sentence_at(spans: list[tuple[int, int]], offset: int, length: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= offset < end:
            return start, end
    return 0, length


def scan_article(article: Article, lexicon: DateLexicon, date: str | None = None
                 ) -> tuple[list[tuple[Paragraph, list[RawDate]]], Anchor | None]:
    """The date expressions of each paragraph (not those of a wire dateline)
    and the anchor they count from (`date`, else the article's own)."""
    scanned = [(p, scan(p.text, lexicon)) for p in article.paragraphs]
    if article.dateline and scanned and scanned[0][0].text.startswith(article.dateline):
        first, raws = scanned[0]
        scanned[0] = (first, [r for r in raws if r.start >= len(article.dateline)])
    return scanned, article_anchor(date or article.date, (r for _, raws in scanned for r in raws))


def article_events(article: Article, lexicon: DateLexicon, mentions: dict[str, list[Mention]]) -> list[Event]:
    """The dated events of one article; `mentions` maps paragraph anchor -> mentions."""
    scanned, anchor = scan_article(article, lexicon)
    events: list[Event] = []
    for paragraph, raws in scanned:
        spans = split_sentences(paragraph.text) if raws else []
        for raw in raws:
            match = resolve(raw, anchor)
            if match.iso is None or match.precision is None:
                continue  # no certain year: not placed on the timeline
            start, end = _sentence_at(spans, raw.start, len(paragraph.text))
            names = {m.entity for m in mentions.get(paragraph.anchor, ()) if m.start >= start and m.end <= end}
            events.append(Event(
                date=match.iso,
                precision=match.precision,
                surface=match.surface,
                text=paragraph.text[start:end].strip(),
                article=article.id,
                anchor=paragraph.anchor,
                inferred=match.inferred,
                entities=tuple(sorted(names)),
            ))
    return events


def extract_events(articles: Iterable[Article], mentions: Iterable[Mention] = ()) -> tuple[Event, ...]:
    """Every dated event of every article, deduplicated and sorted by date.

    Many articles are scanned in worker processes (see parallel.py); they
    inherit the lexicons and mentions, and only get the article numbers.
    """
    articles = list(articles)
    by_paragraph: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        by_paragraph[m.article][m.anchor].append(m)
    lexicons = {lang: DateLexicon.load(lang) for lang in sorted({a.lang for a in articles})}

    def events_of(i: int) -> list[Event]:
        article = articles[i]
        return article_events(article, lexicons[article.lang], by_paragraph.get(article.id, {}))

    events = {e for found in parallel.ordered_map(events_of, range(len(articles))) for e in found}
    return tuple(sorted(events, key=event_key))


# -- one event told in several translations -------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One event on the timeline: the same dated sentence in each language version.

    `versions` holds one Event per article, the original (or first) first.
    """

    versions: tuple[Event, ...]

    @property
    def event(self) -> Event:
        return self.versions[0]

    @property
    def date(self) -> str:
        return self.event.date

    @property
    def entities(self) -> tuple[str, ...]:
        return tuple(sorted({e for v in self.versions for e in v.entities}))


def translation_groups(article_ids: Iterable[str], links: Iterable[TranslationLink]) -> dict[str, str]:
    """article id -> key of its translation set (the smallest id in it)."""
    parent = {a: a for a in article_ids}

    def root(a: str) -> str:
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for link in links:
        ra, rb = root(link.a), root(link.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {a: root(a) for a in sorted(parent)}


def merge_translations(
    events: Iterable[Event], links: Iterable[TranslationLink], originals: Iterable[str] = ()
) -> list[TimelineEntry]:
    """Events grouped so that one event told in two translations is one entry.

    Within a translation set, the k-th event with a given date in one article
    is paired with the k-th event with that date in each other article (a
    translation keeps its dates and their order). `originals` are the ids of
    articles that are not themselves translations; their version comes first.
    """
    ordered = sorted(events, key=event_key)
    group = translation_groups({e.article for e in ordered}, links)
    first = set(originals)
    buckets: dict[tuple[str, str], dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for e in sorted(ordered, key=lambda e: (e.article, paragraph_number(e.anchor), e.date)):
        buckets[(group[e.article], e.date)][e.article].append(e)
    entries: list[TimelineEntry] = []
    for (_, _), per_article in sorted(buckets.items()):
        articles = sorted(per_article, key=lambda a: (a not in first, a))
        for k in range(max(len(v) for v in per_article.values())):
            versions = tuple(per_article[a][k] for a in articles if k < len(per_article[a]))
            entries.append(TimelineEntry(versions))
    return sorted(entries, key=lambda t: event_key(t.event))
