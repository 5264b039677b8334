"""The data contract (shared/DATA_CONTRACT.md) as checks the tests share."""

from __future__ import annotations

import re

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KINDS = {"person", "organization", "product", "place", "event", "other"}


def check_articles(articles: list[dict]) -> None:
    assert isinstance(articles, list) and articles
    ids = [a["id"] for a in articles]
    assert len(set(ids)) == len(ids)
    for a in articles:
        assert {"id", "source", "lang", "title", "date", "url", "translations"} <= a.keys()
        assert all(isinstance(a[k], str) and a[k] for k in ("id", "source", "lang", "title", "url"))
        assert a["date"] is None or ISO_DATE.match(a["date"])
        assert all(t in ids and t != a["id"] for t in a["translations"])
    by_id = {a["id"]: a for a in articles}
    for a in articles:  # symmetric
        assert all(a["id"] in by_id[t]["translations"] for t in a["translations"])


def check_entities(entities: list[dict], article_ids: set[str]) -> None:
    assert isinstance(entities, list)
    for e in entities:
        assert {"id", "kind", "names", "url", "mentions"} <= e.keys()
        assert e["kind"] in KINDS
        assert isinstance(e["names"], dict) and all(isinstance(v, list) and v for v in e["names"].values())
        for m in e["mentions"]:
            assert m["article"] in article_ids and re.match(r"^[pc]-\d+$", m["anchor"]) and m["surface"]


def check_timeline(events: list[dict], article_ids: set[str]) -> None:
    assert isinstance(events, list)
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    for e in events:
        assert {"date", "surface", "inferred", "text", "article", "anchor", "entities"} <= e.keys()
        assert ISO_DATE.match(e["date"]) and isinstance(e["inferred"], bool)
        assert e["article"] in article_ids and e["surface"] and e["text"]
