"""RENDER: the JSON files of the data contract (`shared/DATA_CONTRACT.md`).

Lists are sorted and keys keep a fixed order, so two builds of the same
input give byte-identical files.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Archive
from .timeline import event_key, merge_translations


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def articles_json(archive: Archive) -> list[dict]:
    links = {(t.a, t.b): t for t in archive.translations} | {(t.b, t.a): t for t in archive.translations}
    partners = archive.translation_partners()
    out = []
    for a in sorted(archive.articles, key=lambda a: a.id):
        translations = partners.get(a.id, [])
        out.append({
            "id": a.id,
            "source": a.source,
            "lang": a.lang,
            "title": a.title,
            "date": a.date,
            "url": a.url,
            "translations": translations,
            "translation_score": {t: round(links[(a.id, t)].score, 3) for t in translations},
            "translation_evidence": {t: {"origin": links[(a.id, t)].origin, **links[(a.id, t)].evidence} for t in translations},
            "author": a.author,
            "lang_origin": a.lang_origin,
            "title_origin": a.title_origin,
            "paragraphs": len(a.paragraphs),
            "comments": len(a.comments),
            "chars": a.chars,
            "references": list(a.references),
        })
    return out


def entities_json(archive: Archive) -> list[dict]:
    return [
        {
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
        for e in sorted(archive.entities, key=lambda e: e.id)
    ]


def _anchor_key(anchor: str) -> tuple[str, int]:
    """p-2 before p-10."""
    prefix, _, number = anchor.rpartition("-")
    return (prefix, int(number)) if number.isdigit() else (anchor, 0)


def entity_candidates_json(archive: Archive) -> list[dict]:
    """Every name discovery considered, for review in data/entity_review.yaml."""
    return [
        {
            "name": c.name,
            "kind": c.kind,
            "pattern": c.pattern,
            "occurrences": c.occurrences,
            "articles": list(c.articles),
            "accepted": c.accepted,
            "reason": c.reason,
            "entity": c.entity,
        }
        for c in sorted(archive.entity_candidates, key=lambda c: (not c.accepted, c.name.casefold(), c.name))
    ]


def timeline_json(archive: Archive) -> list[dict]:
    """One object per event; `lang` and `same_event` (the same event in the
    other language versions) are additions to the contract's fields."""
    langs = {a.id: a.lang for a in archive.articles}
    originals = [a.id for a in archive.articles if not a.translation_of]
    same: dict = {}
    for entry in merge_translations(archive.events, archive.translations, originals):
        for v in entry.versions:
            same[v] = [{"article": o.article, "anchor": o.anchor} for o in entry.versions if o is not v]
    return [
        {
            "date": e.date,
            "precision": e.precision,
            "surface": e.surface,
            "inferred": e.inferred,
            "text": e.text,
            "article": e.article,
            "anchor": e.anchor,
            "entities": list(e.entities),
            "lang": langs.get(e.article, ""),
            "same_event": same.get(e, []),
        }
        for e in sorted(archive.events, key=event_key)
    ]


def render_data(archive: Archive) -> dict[str, str]:
    """{path relative to the docs folder: JSON text} for the three data files."""
    return {
        "data/articles.json": dump(articles_json(archive)),
        "data/entities.json": dump(entities_json(archive)),
        "data/entity_candidates.json": dump(entity_candidates_json(archive)),
        "data/timeline.json": dump(timeline_json(archive)),
    }
