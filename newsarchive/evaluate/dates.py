"""Measure date extraction against the gold annotation (tests/gold/dates.yaml).

    python -m newsarchive.evaluate dates [--gold PATH] [--by-language] [-v]
    python -m newsarchive.evaluate dates --time 300   # the scanner's speed

A prediction is *found* when it overlaps a gold expression in the same
paragraph, and *correct* when it also has the gold ISO value (or, like the
gold, none) and the same `inferred` flag. Precision = correct / predicted,
recall = correct / gold. Inferred dates are counted apart: how many with a
knowable value were resolved to it, and how many unknowable ones were left
unresolved instead of guessed.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..dates import DateLexicon, resolve, scan
from ..timeline import scan_article
from ..model import Article
from ..pipeline import build

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "dates.yaml"


@dataclass(frozen=True)
class Item:
    """One date expression in one paragraph of an article."""

    anchor: str
    start: int
    end: int
    surface: str
    iso: str | None
    inferred: bool


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    correct: int = 0
    inferred_knowable: int = 0
    inferred_resolved: int = 0
    inferred_unknowable: int = 0
    inferred_left_open: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("gold", "predicted", "found", "correct", "inferred_knowable", "inferred_resolved",
                     "inferred_unknowable", "inferred_left_open"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:13} gold {self.gold:3}  predicted {self.predicted:3}  correct {self.correct:3}  "
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  "
            f"inferred resolved {self.inferred_resolved}/{self.inferred_knowable}  "
            f"unknowable left unresolved {self.inferred_left_open}/{self.inferred_unknowable}"
        )


def predict(article: Article, anchor: str | None = None) -> list[Item]:
    """The extractor's view of an article body, resolved as the timeline does."""
    scanned, start = scan_article(article, DateLexicon.load(article.lang), anchor)
    out = []
    for p, raws in scanned:
        for raw in raws:
            m = resolve(raw, start)
            out.append(Item(p.anchor, m.start, m.end, m.surface, m.iso, m.inferred))
    return out


def locate(article: Article, gold: list[list]) -> tuple[list[Item], list[str]]:
    """Gold rows to Items by finding each surface (its n-th occurrence) in the body."""
    items, missing = [], []
    for row in gold:
        surface, iso, inferred = row[:3]
        nth = row[3] if len(row) > 3 else 1
        seen = 0
        for p in article.paragraphs:
            pos = p.text.find(surface)
            while pos >= 0 and seen + 1 < nth:
                seen += 1
                pos = p.text.find(surface, pos + 1)
            if pos >= 0:
                items.append(Item(p.anchor, pos, pos + len(surface), surface, iso, bool(inferred)))
                break
        else:
            missing.append(surface)
    return items, missing


def score(article: Article, gold: list[list], anchor: str | None = None) -> Score:
    golds, missing = locate(article, gold)
    preds = predict(article, anchor)
    s = Score(gold=len(gold), predicted=len(preds))
    s.errors += [f"{article.source}: gold {m!r} not in the body" for m in missing]
    matched: set[int] = set()
    for g in golds:
        hit = next((i for i, p in enumerate(preds) if i not in matched and p.anchor == g.anchor
                    and p.start < g.end and g.start < p.end), None)
        if g.inferred:
            s.inferred_knowable += g.iso is not None
            s.inferred_unknowable += g.iso is None
        if hit is None:
            s.errors.append(f"{article.source}: missed {g.surface!r}")
            continue
        matched.add(hit)
        p = preds[hit]
        s.found += 1
        if p.iso == g.iso and p.inferred == g.inferred:
            s.correct += 1
            if g.inferred:
                s.inferred_resolved += g.iso is not None
                s.inferred_left_open += g.iso is None
        else:
            s.errors.append(f"{article.source}: {g.surface!r} gave {p.iso} inferred={p.inferred}, gold {g.iso} inferred={g.inferred}")
    for i, p in enumerate(preds):
        if i not in matched:
            s.errors.append(f"{article.source}: false date {p.surface!r} -> {p.iso}")
    return s


def evaluate(gold_path: Path = GOLD, by_language: bool = False) -> dict[str, Score]:
    """Scores per gold set and per scenario, and "all sets" together;
    with `by_language`, also per set and article language ("holdout2/ko")."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    results: dict[str, Score] = {}
    archives = {}
    for name, spec in gold["sets"].items():
        archive = build(ROOT / spec["folder"])
        archives[name] = {a.source: a for a in archive.articles}
        total = Score()
        per_lang: dict[str, Score] = defaultdict(Score)
        for source, entry in sorted(spec["articles"].items()):
            article = archives[name][source]
            s = score(article, entry["dates"])
            total.add(s)
            per_lang[article.lang].add(s)
        results[name] = total
        if by_language:
            results.update({f"{name}/{lang}": s for lang, s in sorted(per_lang.items())})
    overall = Score()
    for name in gold["sets"]:
        overall.add(results[name])
    results["all sets"] = overall
    for i, sc in enumerate(gold.get("scenarios") or (), 1):
        results[f"scenario {i}"] = score(archives[sc["set"]][sc["article"]], sc["dates"], sc["anchor"])
    return results


def scan_time(gold_path: Path = GOLD, articles: int = 300, rounds: int = 5) -> tuple[float, int]:
    """Milliseconds per article that `scan` takes over the gold sets' articles
    repeated to `articles` (best of `rounds`), and the dates it found."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    pool = [a for spec in gold["sets"].values() for a in build(ROOT / spec["folder"]).articles]
    sample = (pool * (articles // len(pool) + 1))[:articles]
    lexicons = {a.lang: DateLexicon.load(a.lang) for a in sample}
    best, found = float("inf"), 0
    for _ in range(rounds):
        start = time.perf_counter()
        found = sum(len(scan(p.text, lexicons[a.lang])) for a in sample for p in a.paragraphs)
        best = min(best, time.perf_counter() - start)
    return best / len(sample) * 1000, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["dates"])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    parser.add_argument("--by-language", action="store_true", help="also score each set per language")
    parser.add_argument("--time", type=int, metavar="N", help="instead, time the scanner over N articles")
    args = parser.parse_args(argv)
    if args.time:
        ms, found = scan_time(args.gold, args.time)
        print(f"dates.scan: {ms:.3f} ms per article over {args.time} articles ({found} dates), best of 5")
        return 0
    results = evaluate(args.gold, args.by_language)
    for name, s in results.items():
        print(s.line(name))
    if args.verbose:
        for name, s in results.items():
            for error in s.errors if name != "all sets" and "/" not in name else ():
                print(f"  [{name}] {error}")
    return 0

