"""Measure translation detection against the gold pairs (tests/gold/translations.yaml).

    python -m newsarchive.evaluate translations [--gold PATH] [-v]
    python -m newsarchive.evaluate translations --cost 100,300,1000

Per set, detection runs with the sidecars ignored (the detector must find
the pairs from the texts alone). Pair precision = true pairs found / pairs
found, recall = true pairs found / gold pairs. The *margin* is the score of
the weakest gold pair minus the score of the strongest false pair the
detector compared (a candidate): above 0 a threshold separates them, and
its size says how much room the threshold has.

`--cost` times detection and the side-by-side rows on synthetic archives of
N articles (copies of the samples and fixtures under new ids, so that many
pairs are candidates): how the cost grows with the archive size.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path

import yaml

from ..model import Article
from ..pipeline import build
from ..translations import (
    THRESHOLD,
    aligned_rows,
    candidate_pairs,
    compare,
    entity_anchors,
    find_translations,
    signature,
)

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "translations.yaml"


@dataclass
class SetScore:
    gold: set[tuple[str, str]]
    found: set[tuple[str, str]]
    weakest_true: tuple[float, str] = (0.0, "")
    strongest_false: tuple[float, str] = (0.0, "")
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return len(self.found & self.gold) / len(self.found) if self.found else 1.0

    @property
    def recall(self) -> float:
        return len(self.found & self.gold) / len(self.gold) if self.gold else 1.0

    @property
    def margin(self) -> float:
        return self.weakest_true[0] - self.strongest_false[0]

    def line(self, name: str) -> str:
        hits = len(self.found & self.gold)
        return (
            f"{name:8} gold {len(self.gold):2}  found {len(self.found):2}  correct {hits:2}  "
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  "
            f"weakest true {self.weakest_true[0]:.3f} ({self.weakest_true[1]})  "
            f"strongest false {self.strongest_false[0]:.3f} ({self.strongest_false[1] or 'none'})  "
            f"margin {self.margin:+.3f}"
        )


def _key(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x < y else (y, x)


def score_set(folder: Path, gold_pairs: list[list[str]]) -> SetScore:
    """Detection on one folder with the sidecars ignored, against its gold pairs."""
    archive = build(folder)
    articles = [replace(a, translation_of=None, translation_group=None) for a in archive.articles]
    anchors = entity_anchors(archive.entities)
    gold = {_key(*p) for p in gold_pairs}
    found = {(t.a, t.b) for t in find_translations(articles, anchors)}
    s = SetScore(gold, found)
    sigs = {a.id: signature(a, anchors.get(a.id)) for a in articles}
    order = [a.id for a in articles]
    proposed = {_key(order[i], order[j]) for i, j in candidate_pairs([sigs[i] for i in order])}
    true_scores = []
    for pair in sorted(gold):
        value = compare(sigs[pair[0]], sigs[pair[1]]).score
        true_scores.append((value, "-".join(pair)))
        if pair not in proposed:
            s.errors.append(f"{'-'.join(pair)}: never proposed as a candidate (score {value:.3f})")
    false_scores = [(compare(sigs[x], sigs[y]).score, f"{x}-{y}") for x, y in sorted(proposed - gold)]
    s.weakest_true = min(true_scores, default=(1.0, ""))
    s.strongest_false = max(false_scores, default=(0.0, ""))
    s.errors += [f"missed {x}-{y}" for x, y in sorted(gold - found)]
    s.errors += [f"false {x}-{y}" for x, y in sorted(found - gold)]
    s.errors += [f"score {v:.3f} {name} (true)" for v, name in sorted(true_scores)]
    s.errors += [f"score {v:.3f} {name} (false candidate)" for v, name in sorted(false_scores, reverse=True)[:5]]
    unproposed = {_key(x.id, y.id) for x, y in combinations(articles, 2) if x.lang != y.lang} - proposed - gold
    s.errors.append(f"{len(proposed)} candidates compared, {len(unproposed)} false cross-language pairs never compared")
    return s


def evaluate(gold_path: Path = GOLD, sets: Sequence[str] | None = None) -> dict[str, SetScore]:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    chosen = {n: s for n, s in gold["sets"].items() if not sets or n in sets}
    return {name: score_set(ROOT / spec["folder"], spec["pairs"]) for name, spec in chosen.items()}


def synthetic_archive(n: int, gold_path: Path = GOLD) -> list[Article]:
    """N articles: the gold sets' articles copied round-robin under new ids, sidecars dropped."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    pool = [a for spec in gold["sets"].values() for a in build(ROOT / spec["folder"]).articles]
    return [
        replace(a, id=f"c{k:05d}-{a.id}", translation_of=None, translation_group=None)
        for k, a in ((k, pool[k % len(pool)]) for k in range(n))
    ]


def cost(sizes: list[int]) -> list[str]:
    """CPU seconds (not wall time: the machine may be shared) for detection and page rows, per size."""
    lines = []
    for n in sizes:
        articles = synthetic_archive(n)
        by_id = {a.id: a for a in articles}
        start = time.process_time()
        links = find_translations(articles)
        detect = time.process_time() - start
        start = time.process_time()
        for link in links:
            aligned_rows(by_id[link.a], by_id[link.b], link)
        rows = time.process_time() - start
        compared = len(candidate_pairs([signature(a) for a in articles]))
        lines.append(f"N {n:5}  candidates {compared:5}  pairs {len(links):5}  detect {detect:7.2f} cpu-s  page rows {rows:6.2f} cpu-s")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["translations"])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the scores and every error")
    parser.add_argument("--sets", help="comma-separated set names (default: all)")
    parser.add_argument("--cost", help="comma-separated archive sizes to time instead (e.g. 100,300,1000)")
    args = parser.parse_args(argv)
    if args.cost:
        print("\n".join(cost([int(n) for n in args.cost.split(",")])))
        return 0
    results = evaluate(args.gold, args.sets.split(",") if args.sets else None)
    print(f"threshold {THRESHOLD}")
    for name, s in results.items():
        print(s.line(name))
    if args.verbose:
        for name, s in results.items():
            for error in s.errors:
                print(f"  [{name}] {error}")
    return 0
