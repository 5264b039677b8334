"""Access to the language data files in `newsarchive/data/`.

Data is read fresh for each build (no module-level cache) so that editing a
data file during `mkdocs serve` takes effect on the next rebuild; only the
derived lookup tables that cannot change during a run are cached.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"


def load_yaml(name: str) -> Any:
    """Parse one data file, e.g. `page_furniture.yaml`."""
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def fold(line: str) -> str:
    """The comparison key of a furniture line: NFKC, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", line).casefold().split())


@dataclass(frozen=True)
class PageFurniture:
    """Compiled rules for telling page furniture from article text."""

    drop_lines: frozenset[str]
    drop_patterns: tuple[re.Pattern[str], ...]
    comment_headers: tuple[re.Pattern[str], ...]
    reference_patterns: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]

    @classmethod
    def load(cls) -> PageFurniture:
        data = load_yaml("page_furniture.yaml")
        compile_all = lambda key: tuple(re.compile(p) for p in data.get(key) or ())  # noqa: E731
        return cls(
            drop_lines=frozenset(fold(line) for line in data.get("drop_lines") or ()),
            drop_patterns=compile_all("drop_patterns"),
            comment_headers=compile_all("comment_headers"),
            reference_patterns=compile_all("reference_patterns"),
            datelines=compile_all("datelines"),
        )

    def is_dropped(self, line: str) -> bool:
        return fold(line) in self.drop_lines or any(p.search(line) for p in self.drop_patterns)
