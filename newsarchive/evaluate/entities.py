"""Measure recognition against a hand-made gold file.

    python -m newsarchive.evaluate entities                    # every set below
    python -m newsarchive.evaluate entities --set dev          # one set
    python -m newsarchive.evaluate entities --seeds DIR --gold FILE

Sets: `samples` (seeds/), `dev` (tests/fixtures/entities/dev, the articles
the rules are tuned on), `holdout` (tests/fixtures/entities/holdout, measured,
and since stop 19 its Japanese and Chinese errors tuned on), `holdout2`
(tests/fixtures/entities/holdout2, written without reading the rules, then
tuned on), `holdout3` (the same, tuned on in stop 19), `holdout4`
(written in stop 20 without reading the rules, then tuned on) and `holdout5`
(the same, stop 21); holdout6 to holdout10 were written the same way, each
measured first and then tuned on; holdout11 and holdout12 (stops 39, 42)
the same; holdout13 (stop 43) is measured only.

Units are (article, entity, surface form) triples: a predicted triple is right
when the gold file lists that surface for that entity in that article. Gold
keys are entity ids, or names for entities only discovery can find (then any
of the predicted entity's names may match, or else, as a blind annotator may
key a name in English, the entity sharing the most surfaces with the key in
that article). Prints precision and recall per article language and overall.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..entities import fold
from ..model import Archive, Entity

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "entities"
GOLD_DIR = ROOT / "tests" / "gold"
SETS: dict[str, tuple[Path, Path]] = {
    "samples": (ROOT / "seeds", GOLD_DIR / "entities.yaml"),
    "dev": (FIXTURES / "dev", GOLD_DIR / "entities_dev.yaml"),
    "holdout": (FIXTURES / "holdout", GOLD_DIR / "entities_holdout.yaml"),
    "holdout2": (FIXTURES / "holdout2", GOLD_DIR / "entities_holdout2.yaml"),
    "holdout3": (FIXTURES / "holdout3", GOLD_DIR / "entities_holdout3.yaml"),
    "holdout4": (FIXTURES / "holdout4", GOLD_DIR / "entities_holdout4.yaml"),
    "holdout5": (FIXTURES / "holdout5", GOLD_DIR / "entities_holdout5.yaml"),
    "holdout6": (FIXTURES / "holdout6", GOLD_DIR / "entities_holdout6.yaml"),
    "holdout7": (FIXTURES / "holdout7", GOLD_DIR / "entities_holdout7.yaml"),
    "holdout8": (FIXTURES / "holdout8", GOLD_DIR / "entities_holdout8.yaml"),
    "holdout9": (FIXTURES / "holdout9", GOLD_DIR / "entities_holdout9.yaml"),
    "holdout10": (FIXTURES / "holdout10", GOLD_DIR / "entities_holdout10.yaml"),
    "holdout11": (FIXTURES / "holdout11", GOLD_DIR / "entities_holdout11.yaml"),
    "holdout12": (FIXTURES / "holdout12", GOLD_DIR / "entities_holdout12.yaml"),
    "holdout13": (FIXTURES / "holdout13", GOLD_DIR / "entities_holdout13.yaml"),
}
Triple = tuple[str, str, str]  # article, gold key, surface


@dataclass(frozen=True)
class Score:
    lang: str
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0


def load_gold(path: Path) -> dict[str, dict[str, list[str]]]:
    with path.open(encoding="utf-8") as f:
        return {str(k): {str(e): [str(s) for s in v] for e, v in ents.items()} for k, ents in yaml.safe_load(f).items()}


def _matches(key: str, entity: Entity) -> bool:
    return key == entity.id or fold(key) in {fold(n) for names in entity.names.values() for n in names}


def predicted_triples(archive: Archive, gold: dict[str, dict[str, list[str]]]) -> set[Triple]:
    """Predictions in gold articles, each named by the gold key it matches (or its id).

    A gold key that names no predicted entity in its article (a blind
    annotator keys "Federal Office of Transport" where the archive only knows
    "Bundesamt für Verkehr") is given, one to one, to the entity whose
    surfaces in that article share the most with the key's surfaces."""
    by_id = {e.id: e for e in archive.entities}
    surfaces: dict[tuple[str, str], set[str]] = defaultdict(set)  # (article, entity id) -> surfaces
    for entity in archive.entities:
        for m in entity.mentions:
            if m.article in gold:
                surfaces[m.article, entity.id].add(m.surface)
    out: set[Triple] = set()
    for article, keys in gold.items():
        found = sorted(e for a, e in surfaces if a == article)
        named = {e: next((k for k in keys if _matches(k, by_id[e])), None) for e in found}
        free = set(keys) - set(named.values())
        overlaps = sorted((-len(set(keys[k]) & surfaces[article, e]), e, k) for e in found if named[e] is None for k in free)
        for shared, entity_id, key in overlaps:
            if shared and key in free and named[entity_id] is None:
                named[entity_id] = key
                free.discard(key)
        for e in found:
            out |= {(article, named[e] or f"id:{e}", s) for s in surfaces[article, e]}
    return out


def score(archive: Archive, gold: dict[str, dict[str, list[str]]]) -> list[Score]:
    """Precision and recall per language of the gold articles, then `all`."""
    lang_of = {a.id: a.lang for a in archive.articles}
    gold_triples = {(a, k, s) for a, ents in gold.items() for k, surfaces in ents.items() for s in surfaces}
    predicted = predicted_triples(archive, gold)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for lang in (lang_of.get(a, "?") for a, _, _ in predicted):
        counts[lang][1] += 1
    for a, _, _ in gold_triples:
        counts[lang_of.get(a, "?")][2] += 1
    for a, _, _ in predicted & gold_triples:
        counts[lang_of.get(a, "?")][0] += 1
    scores = [Score(lang, *c) for lang, c in sorted(counts.items())]
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return scores + [Score("all", *total)]


def errors(archive: Archive, gold: dict[str, dict[str, list[str]]]) -> tuple[list[Triple], list[Triple]]:
    """(false positives, misses), sorted, to show what went wrong."""
    gold_triples = {(a, k, s) for a, ents in gold.items() for k, surfaces in ents.items() for s in surfaces}
    predicted = predicted_triples(archive, gold)
    return sorted(predicted - gold_triples), sorted(gold_triples - predicted)


def report(archive: Archive, gold: dict[str, dict[str, list[str]]], show_errors: bool = True) -> list[str]:
    """The score table (and the errors) of one set, as lines."""
    lines = [f"{'lang':<5} {'precision':>9} {'recall':>7} {'tp':>4} {'pred':>5} {'gold':>5}"]
    for s in score(archive, gold):
        lines.append(f"{s.lang:<5} {s.precision:>9.3f} {s.recall:>7.3f} {s.true_positives:>4} {s.predicted:>5} {s.gold:>5}")
    false_positives, misses = errors(archive, gold)
    for label, items in (("false positive", false_positives), ("missed", misses)):
        lines += [f"{label}: {article} {key} {surface!r}" for article, key, surface in items if show_errors]
    curated = sum(1 for e in archive.entities if e.origin == "curated")
    lines.append(
        f"entities: {curated} curated, {len(archive.entities) - curated} discovered "
        f"({len(archive.entity_candidates)} candidates)"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    from ..pipeline import build

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["entities"])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all", help="which evaluation set (default: all)")
    parser.add_argument("--seeds", type=Path, help="a folder of articles instead of a named set (with --gold)")
    parser.add_argument("--gold", type=Path, help="the gold file for --seeds")
    parser.add_argument("--quiet", action="store_true", help="scores only, no list of errors")
    args = parser.parse_args(argv)
    if args.seeds or args.gold:
        sets = {"custom": (args.seeds or SETS["samples"][0], args.gold or SETS["samples"][1])}
    else:
        sets = SETS if args.set == "all" else {args.set: SETS[args.set]}
    for i, (name, (seeds, gold_path)) in enumerate(sets.items()):
        if len(sets) > 1:
            print(("\n" if i else "") + f"== {name} ({seeds.relative_to(ROOT) if seeds.is_relative_to(ROOT) else seeds})")
        print("\n".join(report(build(seeds), load_gold(gold_path), not args.quiet)))
    return 0
