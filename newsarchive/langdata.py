"""Access to the language data files in `newsarchive/data/`.

A data file is parsed again whenever it changed on disk, so that editing it
during `mkdocs serve` takes effect on the next rebuild; derived lookup tables
that cannot change during a run are cached.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"
_SHARE_TOKEN_SPLIT = re.compile(r"[\s,|/·:：]+")
SHARE_BAR_MAX_TOKENS = 12
SHARE_BAR_MAX_CHARS = 160


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: ~10x faster


def load_yaml(name: str) -> Any:
    """Parse one data file, e.g. `page_furniture.yaml`.

    Parsed again only when the file changed (its size and mtime), so that an
    edit takes effect on the next build and an unchanged file costs nothing.
    Callers must not mutate what they get.
    """
    path = DATA_DIR / name
    st = path.stat()
    return _parse_yaml(path, st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=256)
def _parse_yaml(path: Path, size: int, mtime_ns: int) -> Any:
    with path.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=_SAFE_LOADER)


@lru_cache(maxsize=4096)
def fold(line: str) -> str:
    """The comparison key of a furniture line: NFKC, case-folded, spaces collapsed.
    Memoised: reading one page asks for the key of most of its lines several times."""
    return " ".join(unicodedata.normalize("NFKC", line).casefold().split())


def _phrases(value: Any) -> frozenset[str]:
    """Folded phrases of a list, or of a mapping of lists (one per language)."""
    if isinstance(value, dict):
        value = [phrase for phrases in value.values() for phrase in phrases or ()]
    return frozenset(fold(str(phrase)) for phrase in value or ())


def _alternations(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """Patterns joined into one anchored and one unanchored alternation.

    One `^(?:a|b|...)` is tried at the line start only: many times faster
    than trying each pattern (or an alternation of `^a|^b`) in turn.
    """
    anchored = [p[1:] for p in patterns if p.startswith("^")]
    anywhere = [p for p in patterns if not p.startswith("^")]
    out = [f"^(?:{'|'.join(f'(?:{p})' for p in anchored)})"] if anchored else []
    out += ["|".join(f"(?:{p})" for p in anywhere)] if anywhere else []
    return tuple(re.compile(p) for p in out)


@dataclass(frozen=True)
class PageFurniture:
    """Compiled rules for telling page furniture from article text."""

    drop_lines: frozenset[str]
    drop_patterns: tuple[re.Pattern[str], ...]  # see _alternations
    comment_headers: tuple[re.Pattern[str], ...]
    reference_patterns: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    bylines: tuple[re.Pattern[str], ...] = ()
    lead_datelines: tuple[re.Pattern[str], ...] = ()
    related_headers: frozenset[str] = frozenset()
    toc_headers: frozenset[str] = frozenset()
    comment_drop_lines: frozenset[str] = frozenset()
    comment_drop_patterns: tuple[re.Pattern[str], ...] = ()
    section_labels: frozenset[str] = frozenset()
    author_box_headers: frozenset[str] = frozenset()
    author_box_max_lines: int = 3
    share_verbs: frozenset[str] = frozenset()
    share_joiners: frozenset[str] = frozenset()
    share_platforms: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    share_vocabulary: frozenset[str] = frozenset()  # verbs, joiners and platforms together
    pattern_max_width: int = 300
    _dropped: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)  # memo

    @classmethod
    def load(cls) -> PageFurniture:
        data = load_yaml("page_furniture.yaml")
        compile_all = lambda key: tuple(re.compile(p) for p in data.get(key) or ())  # noqa: E731
        share = data.get("share") or {}
        verbs, joiners, platforms = (_phrases(share.get(key)) for key in ("verbs", "joiners", "platforms"))
        return cls(
            drop_lines=_phrases(data.get("drop_lines")),
            drop_patterns=_alternations(data.get("drop_patterns") or ()),
            comment_headers=compile_all("comment_headers"),
            reference_patterns=compile_all("reference_patterns"),
            datelines=compile_all("datelines"),
            bylines=compile_all("bylines"),
            lead_datelines=compile_all("lead_datelines"),
            related_headers=_phrases(data.get("related_headers")),
            toc_headers=_phrases(data.get("toc_headers")),
            comment_drop_lines=_phrases(data.get("comment_drop_lines")),
            comment_drop_patterns=compile_all("comment_drop_patterns"),
            section_labels=_phrases(data.get("section_labels")),
            author_box_headers=_phrases(data.get("author_box_headers")),
            author_box_max_lines=int(data.get("author_box_max_lines", 3)),
            share_verbs=verbs,
            share_joiners=joiners,
            share_platforms=platforms,
            share_vocabulary=verbs | joiners | platforms,
            name_particles=_phrases(data.get("name_particles")),
            pattern_max_width=int(data.get("pattern_max_width", 300)),
        )

    def is_dropped(self, line: str) -> bool:
        """A whole line of furniture: a listed phrase, a share bar or a short patterned line."""
        if len(line) > self.pattern_max_width:
            return fold(line) in self.drop_lines
        if (known := self._dropped.get(line)) is not None:
            return known
        dropped = (
            fold(line) in self.drop_lines or self.is_share_bar(line) or any(p.search(line) for p in self.drop_patterns)
        )
        self._dropped[line] = dropped
        return dropped

    def share_words(self, line: str) -> tuple[int, int] | None:
        """(verbs, platforms) of a line made only of share words, else None."""
        if len(line) > SHARE_BAR_MAX_CHARS:
            return None
        tokens = [t for t in _SHARE_TOKEN_SPLIT.split(fold(line)) if t]
        if not tokens or len(tokens) > SHARE_BAR_MAX_TOKENS or not self.share_vocabulary.issuperset(tokens):
            return None
        return sum(t in self.share_verbs for t in tokens), sum(t in self.share_platforms for t in tokens)

    def is_share_bar(self, line: str) -> bool:
        """Only share words, with a verb or at least two platforms ("Share on X", "Facebook Twitter")."""
        return is_share_run([self.share_words(line)])


def is_share_run(counts: list[tuple[int, int] | None]) -> bool:
    """Lines of share words that hold a share verb or at least two platforms, together."""
    if not counts or any(c is None for c in counts):
        return False
    return sum(c[0] for c in counts) > 0 or sum(c[1] for c in counts) >= 2  # type: ignore[index]
