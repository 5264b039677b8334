"""Measure article-structure extraction on held-out pages (tests/fixtures/structure/).

    python -m newsarchive.evaluate structure [--folder DIR] [-v]

Each article is read as the build reads it (sidecars included) and compared
with `gold.yaml`: title, date and author right; heading precision and recall
(by text); list items, paragraphs and comments counted exactly. Every input
line (after hard wraps are joined) that the page does not show is *dropped*:
a dropped line listed as furniture in the gold counts as furniture dropped,
any other dropped line is a real line lost (the figure that must stay 0).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..langdata import PageFurniture, fold
from ..model import Article
from ..pipeline import extract_article
from ..read import read_corpus
from ..structure import page_lines

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "tests" / "fixtures" / "structure"
MARKER_WIDTH = 4  # "## ", "• ", "① ", "■": a line may show without its mark


@dataclass
class Score:
    articles: int = 0
    titles: int = 0
    dates: int = 0
    authors: int = 0
    headings_gold: int = 0
    headings_predicted: int = 0
    headings_correct: int = 0
    furniture_gold: int = 0
    furniture_dropped: int = 0
    lines_lost: int = 0
    items: int = 0
    paragraphs: int = 0
    comments: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def heading_precision(self) -> float:
        return self.headings_correct / self.headings_predicted if self.headings_predicted else 1.0

    @property
    def heading_recall(self) -> float:
        return self.headings_correct / self.headings_gold if self.headings_gold else 1.0

    def summary(self) -> str:
        n = self.articles
        return (
            f"articles {n}  titles {self.titles}/{n}  dates {self.dates}/{n}  authors {self.authors}/{n}\n"
            f"headings P {self.heading_precision:.3f} R {self.heading_recall:.3f} "
            f"({self.headings_correct} right of {self.headings_predicted} found, {self.headings_gold} gold)\n"
            f"furniture dropped {self.furniture_dropped}/{self.furniture_gold}  real lines lost {self.lines_lost}\n"
            f"exact counts: items {self.items}/{n}  paragraphs {self.paragraphs}/{n}  comments {self.comments}/{n}"
        )


def shown_texts(article: Article) -> list[str]:
    """Every text the page prints: title, blocks, comments, references."""
    texts = [article.title, *(p.text for p in article.paragraphs), *article.references]
    for comment in article.comments:
        texts += [comment.text, comment.label]
    return [fold(t) for t in texts if t]


def is_shown(line: str, shown: list[str]) -> bool:
    """A line is shown when a printed text is that line, perhaps without a leading mark."""
    key = fold(line)
    return any(key == t or (key.endswith(t) and len(key) - len(t) <= MARKER_WIDTH) for t in shown)


def score_article(name: str, article: Article, text: str, gold: dict, furniture: PageFurniture) -> Score:
    s = Score(articles=1)

    def check(what: str, got: object, want: object) -> bool:
        if got != want:
            s.errors.append(f"{name}: {what} {got!r}, expected {want!r}")
        return got == want

    s.titles = check("title", article.title, gold["title"])
    s.dates = check("date", article.date, str(gold["date"]) if gold.get("date") else None)
    s.authors = check("author", article.author, gold.get("author"))
    headings = [p.text for p in article.paragraphs if p.kind == "heading"]
    wanted = list(gold.get("headings") or [])
    s.headings_predicted, s.headings_gold = len(headings), len(wanted)
    s.headings_correct = len(set(headings) & set(wanted))
    check("headings", headings, wanted)
    wanted_furniture = {fold(line) for line in gold.get("furniture") or ()}
    shown = shown_texts(article)
    seen_furniture: set[str] = set()
    for line in page_lines(text, furniture):
        if is_shown(line.text, shown):
            if fold(line.text) in wanted_furniture:
                s.errors.append(f"{name}: furniture shown: {line.text!r}")
        elif fold(line.text) in wanted_furniture:
            seen_furniture.add(fold(line.text))
        else:
            s.lines_lost += 1
            s.errors.append(f"{name}: REAL LINE LOST: {line.text!r}")
    s.furniture_gold, s.furniture_dropped = len(wanted_furniture), len(seen_furniture)
    kinds = [p.kind for p in article.paragraphs]
    s.items = check("items", kinds.count("item"), gold.get("items", 0))
    s.paragraphs = check("paragraphs", kinds.count("paragraph"), gold.get("paragraphs", 0))
    s.comments = check("comments", len(article.comments), gold.get("comments", 0))
    return s


def evaluate(folder: Path = FOLDER) -> Score:
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    furniture = PageFurniture.load()
    total = Score()
    for doc in read_corpus(folder).docs:
        if doc.path not in gold:
            continue
        s = score_article(doc.path, extract_article(doc, furniture), doc.text, gold[doc.path], furniture)
        for name, value in vars(s).items():
            setattr(total, name, getattr(total, name) + value)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["structure"])
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    total = evaluate(args.folder)
    print(total.summary())
    if args.verbose:
        print("\n".join(f"  {e}" for e in total.errors))
    return 0
