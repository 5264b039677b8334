"""RENDER: the JSON files of the data contract (`shared/DATA_CONTRACT.md`).

Lists are sorted and keys keep a fixed order, so two builds of the same
input give byte-identical files.

Each file is a list of records, and each record is encoded on its own and
kept (`Recall`, in this process and the next) while its inputs stay equal:
`json.dumps(indent=2)` runs the pure-Python encoder, and encoding the whole
archive again after one edit cost more than the rest of the rebuild.
`join_items` puts the fragments (`item_text`) together exactly as
`json.dumps` lays out the whole list.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from .cache import Cache, digest
from .model import Archive, Article, Entity, EntityCandidate, Event, TranslationLink
from .recall import Recall
from .render_timeline import TimelineView
from .timeline import event_key

# One record of a file: (name, inputs that decide it, a function that builds it).
Item = tuple[Any, Any, Callable[[], dict]]
DATA_FILES = ("articles", "entities", "entity_candidates", "timeline")  # data/<name>.json


def encode(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def item_text(data: Any) -> str:
    """`data` as `encode` writes it as an item of a list: every line two
    spaces further right. JSON strings hold no raw line break (json escapes
    it), so a line break is always layout."""
    return "  " + encode(data).replace("\n", "\n  ")


def join_items(items: Iterable[str]) -> str:
    """`encode(list)` from the `item_text`s of its items."""
    items = list(items)
    return "[\n" + ",\n".join(items) + "\n]" if items else "[]"


def article_record(a: Article, links: tuple[tuple[str, TranslationLink], ...]) -> dict:
    """`links`: (partner id, link) for each translation of `a`, by partner id."""
    return {
        "id": a.id,
        "source": a.source,
        "lang": a.lang,
        "title": a.title,
        "date": a.date,
        "url": a.url,
        "translations": [t for t, _ in links],
        "translation_score": {t: round(link.score, 3) for t, link in links},
        "translation_evidence": {t: {"origin": link.origin, **link.evidence} for t, link in links},
        "author": a.author,
        "lang_origin": a.lang_origin,
        "title_origin": a.title_origin,
        "paragraphs": len(a.paragraphs),
        "comments": len(a.comments),
        "chars": a.chars,
        "references": list(a.references),
    }


def _article_items(archive: Archive) -> Iterator[Item]:
    links = {(t.a, t.b): t for t in archive.translations} | {(t.b, t.a): t for t in archive.translations}
    partners = archive.translation_partners()
    for a in sorted(archive.articles, key=lambda a: a.id):
        shown = tuple((t, links[(a.id, t)]) for t in partners.get(a.id, []))
        evidence = tuple(tuple(link.evidence.items()) for _, link in shown)  # its order is written
        article = archive.analysis_keys.get(a.id, a)  # the key stands for the article's fields
        yield a.id, (article, shown, evidence), partial(article_record, a, shown)


def entity_record(e: Entity) -> dict:
    return {
        "id": e.id,
        "kind": e.kind,
        "names": {lang: list(names) for lang, names in sorted(e.names.items())},
        "url": e.url,
        "origin": e.origin,
        "articles": len({m.article for m in e.mentions}),
        "mentions": [
            {"article": m.article, "anchor": m.anchor, "surface": m.surface, "start": m.start, "end": m.end}
            for m in sorted(e.mentions, key=lambda m: (m.article, _anchor_key(m.anchor), m.start))
        ],
    }


def _entity_items(archive: Archive) -> Iterator[Item]:
    """Each record follows from the entity's names and the analysis keys of
    the articles that mention it (when the build has them): comparing its
    every mention in a new process cost more than encoding the few that changed."""
    keys = archive.analysis_keys
    for e in sorted(archive.entities, key=lambda e: e.id):
        if keys:
            articles = tuple(keys[aid] for aid in sorted({m.article for m in e.mentions}))
            inputs: tuple = (e.kind, e.origin, tuple(e.names.items()), articles)
        else:
            inputs = (e, tuple(e.names.items()))
        yield e.id, inputs, partial(entity_record, e)


def _anchor_key(anchor: str) -> tuple[str, int]:
    """p-2 before p-10."""
    prefix, _, number = anchor.rpartition("-")
    return (prefix, int(number)) if number.isdigit() else (anchor, 0)


def candidate_record(c: EntityCandidate) -> dict:
    return {
        "name": c.name,
        "kind": c.kind,
        "pattern": c.pattern,
        "occurrences": c.occurrences,
        "articles": list(c.articles),
        "accepted": c.accepted,
        "reason": c.reason,
        "entity": c.entity,
    }


def _candidate_items(archive: Archive) -> Iterator[Item]:
    """Every name discovery considered, for review in data/entity_review.yaml."""
    for c in sorted(archive.entity_candidates, key=lambda c: (not c.accepted, c.name.casefold(), c.name)):
        yield c, c, partial(candidate_record, c)


def event_record(e: Event, lang: str, same: tuple[Event, ...]) -> dict:
    """`lang` and `same_event` (the same event in the other language versions)
    are additions to the contract's fields."""
    return {
        "date": e.date,
        "precision": e.precision,
        "surface": e.surface,
        "inferred": e.inferred,
        "text": e.text,
        "article": e.article,
        "anchor": e.anchor,
        "entities": list(e.entities),
        "lang": lang,
        "same_event": [{"article": o.article, "anchor": o.anchor} for o in same],
    }


def _event_items(archive: Archive, view: TimelineView) -> Iterator[Item]:
    """`view`: the timeline pages' view, whose entries pair each event with its translations."""
    same: dict[Event, tuple[Event, ...]] = {}
    for entry in view.entries:
        for v in entry.versions:
            same[v] = tuple(o for o in entry.versions if o is not v)
    for e in sorted(archive.events, key=event_key):
        lang, others = view.langs.get(e.article, ""), same.get(e, ())
        # named by its fields (a tuple reads back faster than thousands of dataclasses, in each new process)
        yield tuple(vars(e).values()), (lang, tuple((o.article, o.anchor) for o in others)), partial(event_record, e, lang, others)


def articles_json(archive: Archive) -> list[dict]:
    return [make() for _, _, make in _article_items(archive)]


def entities_json(archive: Archive) -> list[dict]:
    return [make() for _, _, make in _entity_items(archive)]


def entity_candidates_json(archive: Archive) -> list[dict]:
    return [make() for _, _, make in _candidate_items(archive)]


def timeline_json(archive: Archive) -> list[dict]:
    return [make() for _, _, make in _event_items(archive, TimelineView.of(archive))]


def render_data(archive: Archive, cache: Cache | None = None) -> dict[str, str]:
    """{path relative to the docs folder: JSON text} for the data files; a
    record is encoded again only when its inputs changed."""
    cache = cache or Cache(None)
    files = (
        _article_items(archive),
        _entity_items(archive),
        _candidate_items(archive),
        _event_items(archive, TimelineView.of(archive, cache)),  # the pages' view, reused
    )
    out = {}
    for name, items in zip(DATA_FILES, files):
        joined = partial(_joined, cache, name, items)
        if name == "entity_candidates":
            # discovery's verdicts change only when an edit brings a name never seen: one entry for the whole file
            candidates = archive.entity_candidates
            out[f"data/{name}.json"] = Recall(cache, "candidates-file")("all", candidates, lambda: cache.memo(
                "candidates-file", digest("candidates-file", candidates), joined))
        else:
            out[f"data/{name}.json"] = joined()
    return out


def _joined(cache: Cache, name: str, items: Iterable[Item]) -> str:
    """The text of `data/<name>.json`, each record encoded again only when its inputs changed."""
    fragments = Recall(cache, record_namespace(name)).cached_many(
        (item, inputs, lambda make=make: item_text(make())) for item, inputs, make in items
    )
    return join_items(fragments) + "\n"


def record_namespace(name: str) -> str:
    """Where the fragments of `data/<name>.json` are kept (`Recall`)."""
    return f"{name}-record"
