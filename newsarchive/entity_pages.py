"""RENDER helpers for the entity layer: glossary, entity pages, article links.

Everything here prepares plain data for the templates (segments, snippets,
counts); the templates escape and format it. Paragraph text with entity
links is a list of `Segment`s, never Markdown assembled in Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import partial
from itertools import combinations

from jinja2 import Environment, Template

from .cache import Cache
from .model import Archive, Entity, Event, Mention
from .recall import Generated, Recall

SNIPPET_CONTEXT = 40
Link = tuple[int, int, str]  # start, end, entity id


@dataclass(frozen=True)
class Segment:
    """A piece of paragraph text, linked to an entity page when `entity` is set."""

    text: str
    entity: str | None = None


def segments(text: str, links: list[Link] | None, start: int = 0, end: int | None = None) -> list[Segment]:
    """`text[start:end]`, stripped, cut into plain and linked pieces.

    Only links that lie wholly inside the range are kept.
    """
    end = len(text) if end is None else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    out: list[Segment] = []
    pos = start
    for a, b, entity in sorted(links or ()):
        if a < pos or b > end:
            continue
        if a > pos:
            out.append(Segment(text[pos:a]))
        out.append(Segment(text[a:b], entity))
        pos = b
    if pos < end:
        out.append(Segment(text[pos:end]))
    return out


def snippet(text: str, start: int, end: int, width: int = SNIPPET_CONTEXT) -> tuple[str, str, str]:
    """(before, match, after): a short window of `text` around one mention."""
    a, b = max(0, start - width), min(len(text), end + width)
    before = ("…" if a else "") + text[a:start]
    after = text[end:b] + ("…" if b < len(text) else "")
    return before, text[start:end], after


@dataclass(frozen=True)
class ArticleEntity:
    """An entity as listed on an article page."""

    entity: Entity
    count: int  # mentions in the article
    label: str  # its most frequent spelling in the article
    names: tuple[str, ...]  # every name in every language, once each


def all_names(entity: Entity) -> tuple[str, ...]:
    """Every name of an entity across languages, without repeats."""
    return tuple(dict.fromkeys(n for names in entity.names.values() for n in names))


@dataclass(frozen=True)
class ArticleRef:
    """What an entity page shows of an article."""

    id: str
    title: str
    lang: str


@dataclass(frozen=True)
class EntityRef:
    """What an entity page shows of a related entity."""

    id: str
    display_name: str
    kind: str


@dataclass(frozen=True)
class EntityView:
    """What an entity page shows, gathered from the whole archive; it holds
    nothing else (articles and related entities as refs)."""

    entity: Entity
    articles: tuple[tuple[ArticleRef, int], ...]  # article, mention count
    mentions: tuple[tuple[ArticleRef, tuple[tuple[Mention, tuple[str, str, str]], ...]], ...]
    related: tuple[tuple[EntityRef, int], ...]  # co-occurring entity, shared paragraphs
    events: tuple[Event, ...]


@dataclass(frozen=True)
class MentionIndex:
    """The archive's mentions regrouped for the pages: by article, the
    articles of each entity and the paragraphs each pair of entities shares."""

    by_article: dict[str, tuple[Mention, ...]]
    articles_of: dict[str, tuple[str, ...]]  # entity id -> ids of the articles mentioning it, sorted
    cooccurrence: dict[str, dict[str, int]]  # entity id -> {other entity id: shared paragraphs}

    @classmethod
    def of(cls, entities: tuple[Entity, ...]) -> MentionIndex:
        by_article: dict[str, list[Mention]] = defaultdict(list)
        in_paragraph: dict[tuple[str, str], set[str]] = defaultdict(set)
        for e in entities:
            for m in e.mentions:
                by_article[m.article].append(m)
                in_paragraph[(m.article, m.anchor)].add(e.id)
        counts: dict[str, Counter] = defaultdict(Counter)
        for ids in in_paragraph.values():
            for a, b in combinations(sorted(ids), 2):
                counts[a][b] += 1
                counts[b][a] += 1
        return cls(
            {aid: tuple(found) for aid, found in by_article.items()},
            {e.id: tuple(sorted({m.article for m in e.mentions})) for e in entities},
            {eid: dict(found) for eid, found in counts.items()},
        )


class EntityPages:
    """Entity lookups for one archive: links for articles, views for pages."""

    def __init__(self, archive: Archive, cache: Cache | None = None):
        self.archive = archive
        self.keys = archive.analysis_keys
        self.by_id = {e.id: e for e in archive.entities}
        self.articles = {a.id: a for a in archive.articles}
        # the previous build's index while every entity keeps its mentions (see Recall)
        mentions = tuple((e.id, e.mentions) for e in archive.entities)
        index = Recall(cache or Cache(None), "mention-index")("all", mentions, partial(MentionIndex.of, archive.entities))
        self.by_article = index.by_article
        self.articles_of = index.articles_of
        self.cooccurrence = index.cooccurrence
        self.events_of: dict[str, list[Event]] = defaultdict(list)  # one pass, not one scan per entity
        for ev in sorted(archive.events, key=lambda ev: (ev.date, ev.article, ev.anchor, ev.surface)):
            for eid in dict.fromkeys(ev.entities):
                self.events_of[eid].append(ev)
        self.shown = {e.id: (e.id, e.kind, e.display_name, tuple(e.names.items())) for e in archive.entities}
        self._paragraphs: dict[str, dict[str, tuple[int, str]]] = {}

    def paragraphs(self, article_id: str) -> dict[str, tuple[int, str]]:
        """{anchor: (position, text)} of one article, made when a view first needs it
        (after an edit only a few views are built)."""
        if article_id not in self._paragraphs:
            found = enumerate(self.articles[article_id].paragraphs)
            self._paragraphs[article_id] = {p.anchor: (i, p.text) for i, p in found}
        return self._paragraphs[article_id]

    def links(self, article_id: str) -> dict[str, list[Link]]:
        """anchor -> the first mention of each entity in that paragraph."""
        out: dict[str, dict[str, Link]] = defaultdict(dict)
        for m in self.by_article.get(article_id, ()):
            first = out[m.anchor].get(m.entity)
            if first is None or m.start < first[0]:
                out[m.anchor][m.entity] = (m.start, m.end, m.entity)
        return {anchor: sorted(found.values()) for anchor, found in sorted(out.items())}

    def article_inputs(self, article_id: str) -> tuple:
        """What `links` and `in_article` are made of, cheap to compare: the
        article's mentions and the kind and names of each entity they name."""
        mentions = self.by_article.get(article_id, ())
        return mentions, tuple(self.shown[eid] for eid in dict.fromkeys(m.entity for m in mentions))

    def in_article(self, article_id: str) -> list[ArticleEntity]:
        """Entities an article mentions, most mentioned first."""
        surfaces: dict[str, Counter] = defaultdict(Counter)
        for m in self.by_article.get(article_id, ()):
            surfaces[m.entity][m.surface] += 1
        listed = [
            ArticleEntity(
                self.by_id[eid],
                sum(seen.values()),
                min(seen, key=lambda s: (-seen[s], s)),
                all_names(self.by_id[eid]),
            )
            for eid, seen in surfaces.items()
        ]
        return sorted(listed, key=lambda x: (-x.count, x.label.casefold(), x.entity.id))

    def view(self, entity: Entity) -> EntityView:
        per_article: dict[str, list[Mention]] = defaultdict(list)
        for m in entity.mentions:
            per_article[m.article].append(m)
        ordered = sorted(
            (aid for aid in per_article if aid in self.articles),
            key=lambda aid: (-len(per_article[aid]), aid),
        )
        refs = {aid: ArticleRef(aid, self.articles[aid].title, self.articles[aid].lang) for aid in ordered}
        mentions = tuple((refs[aid], self._snippets(aid, per_article[aid])) for aid in ordered)
        related = sorted(
            ((self.by_id[other], n) for other, n in self.cooccurrence.get(entity.id, {}).items()),
            key=lambda pair: (-pair[1], pair[0].display_name.casefold(), pair[0].id),
        )
        return EntityView(
            entity,
            tuple((refs[aid], len(per_article[aid])) for aid in ordered),
            mentions,
            tuple((EntityRef(e.id, e.display_name, e.kind), n) for e, n in related),
            tuple(self.events_of.get(entity.id, ())),
        )

    def _snippets(self, article_id: str, mentions: list[Mention]) -> tuple[tuple[Mention, tuple[str, str, str]], ...]:
        """An article's mentions of one entity in reading order, each with its snippet."""
        paragraphs = self.paragraphs(article_id)
        ordered = sorted(mentions, key=lambda m: (paragraphs[m.anchor][0], m.start))
        return tuple((m, snippet(paragraphs[m.anchor][1], m.start, m.end)) for m in ordered)

    def page_inputs(self, entity: Entity) -> tuple:
        """What an entity page is made of (see `Recall`): the entity's kind,
        origin and names, the articles that mention it (their titles,
        paragraphs, mentions and events: the entity's mentions, snippets,
        related counts and events are all made of those articles) and how
        each related entity is shown. Of each article its analysis key when
        the build has them: comparing the entity's every mention and snippet
        cost most of a new process's rebuild after one edit."""
        if not self.keys:  # the articles, related entities and events themselves, as the view is made of them
            articles = tuple(self.articles.get(aid) for aid in self.articles_of[entity.id])
            related = tuple((self.shown[other], n) for other, n in self.cooccurrence.get(entity.id, {}).items())
            return self.shown[entity.id], entity, articles, related, tuple(self.events_of.get(entity.id, ()))
        related = tuple(sorted((other, n, *self.shown[other][1:3]) for other, n in self.cooccurrence.get(entity.id, {}).items()))
        articles = tuple(self.keys[aid] for aid in self.articles_of[entity.id] if aid in self.articles)
        return self.shown[entity.id], entity.origin, articles, related

    def pages(self, env: Environment, cache: Cache) -> dict[str, Generated]:
        """The glossary index and one page per entity; a page is rendered
        again only when what it is made of changed (`page_inputs`)."""
        template = env.get_template("entity.md.j2")
        counts = {e.id: (len(self.articles_of[e.id]), len(e.mentions)) for e in self.archive.entities}
        glossary = partial(self.glossary, env, cache, counts)
        pages = {"entities/index.md": Recall(cache, "glossary")("index", self.glossary_inputs(counts), glossary)}
        entities = self.archive.entities
        rendered = Recall(cache, "entity-page").cached_many([
            (entity.id, self.page_inputs(entity), partial(self._page, template, entity)) for entity in entities
        ], files=True)
        pages.update((f"entities/{entity.id}.md", page) for entity, page in zip(entities, rendered))
        return pages

    def _page(self, template: Template, entity: Entity) -> str:
        return template.render(view=self.view(entity))

    def glossary_inputs(self, counts: dict[str, tuple[int, int]]) -> tuple:
        """Everything the glossary shows of each entity."""
        shown = tuple((e.id, e.kind, e.origin, tuple(e.names.items()), counts[e.id]) for e in self.archive.entities)
        return shown, len(self.archive.entity_candidates)

    def glossary(self, env: Environment, cache: Cache, counts: dict[str, tuple[int, int]]) -> str:
        """The glossary index; `counts`: {entity id: (articles, mentions)}.
        Its rows are kept one by one (an edit changes the counts of a few
        entities: a new process renders those rows, not thousands)."""
        entities = sorted(self.archive.entities, key=_glossary_order)
        template = env.get_template("_glossary_row.md.j2")

        rendered = Recall(cache, "glossary-row").cached_many(
            ((e.id, (e.display_name, tuple(e.names.items()), counts[e.id]),
              partial(template.render, entity=e, counts=counts[e.id])) for e in entities))
        rows: dict[str, list[str]] = defaultdict(list)
        for entity, text in zip(entities, rendered):
            rows[entity.kind].append(text)
        return env.get_template("glossary.md.j2").render(
            entities=entities,
            rows=rows,
            kinds=_kind_order(entities),
            discovered=sum(1 for e in entities if e.origin == "discovered"),
            candidates=len(self.archive.entity_candidates),
        )


KIND_ORDER = ("person", "organization", "product", "place", "event", "other")


def _glossary_order(entity: Entity) -> tuple:
    return (KIND_ORDER.index(entity.kind), entity.display_name.casefold(), entity.id)


def _kind_order(entities: tuple[Entity, ...]) -> list[str]:
    present = {e.kind for e in entities}
    return [k for k in KIND_ORDER if k in present]
