"""Script-aware text helpers shared by the stages (no language data here)."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_WIDE = ("W", "F")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
# Latin (with its extensions: Ł, Ş, İ, Č, Ș, Vietnamese Đ, Ế), Greek and
# Cyrillic (with Ukrainian Ї, Є, Ґ) letters, as regex class contents: `re`
# has no \p{Lu}, and a range like À-Þ leaves out most of these alphabets.
_CASED_BLOCKS = ((0x41, 0x250), (0x370, 0x530), (0x1E00, 0x1F00))


def _character_class(test) -> str:
    """The characters of `_CASED_BLOCKS` that pass `test`, as class contents,
    consecutive ones as a range (a class of ranges matches faster than one of
    hundreds of single characters)."""
    codes = [c for lo, hi in _CASED_BLOCKS for c in range(lo, hi) if test(chr(c))]
    runs: list[list[int]] = []
    for c in codes:
        if runs and c == runs[-1][1] + 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in runs)


CAPITALS = _character_class(str.isupper)
SMALL_LETTERS = _character_class(str.islower)
_SENTENCE_END = re.compile(
    rf"""(?<=[。．！？!?])[」』”"’)）]*\s*   # CJK or exclamation: split right after
      |(?<=[.])[”"’)]*\s+(?=[{CAPITALS}„“"‘(\d])  # full stop + space + capital
    """,
    re.X,
)
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]|\b(?:Dr|Mr|Mrs|Ms|Prof|St|vs|bzw|ca|Nr|etc|z\.B|u\.a|d\.h|Inc|Ltd|Co|Jr|Sr))\.$")



class LazyPattern:
    """A regular expression compiled where it is first used, and pickled as
    its source. The entity tables come from the cache in every new process,
    and compiling all their patterns there (most of them for scripts an
    edit does not touch) took longer than loading everything else in them."""

    METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags = pattern, flags

    def __getattr__(self, name: str):
        """The compiled pattern's method, on the first use of any (later uses find them on the instance)."""
        if name not in self.METHODS:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        self.__dict__.update((method, getattr(compiled, method)) for method in self.METHODS)
        return self.__dict__[name]

    def __reduce__(self):
        return LazyPattern, (self.pattern, self.flags)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyPattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags})"


def normalize(text: str) -> str:
    """NFKC (full-width ASCII to ASCII, compatibility forms folded), for matching."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1)
def simplified_chinese() -> dict[int, str]:
    """A `str.translate` table from each Traditional Chinese character that has
    one Simplified form to that form (國 -> 国, 團 -> 团), from OpenCC's
    character table as the opencc-python-reimplemented package ships it
    (read as data: importing the package costs more). One character for
    one, so a text keeps its offsets; empty if the package is missing."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(list(spec.submodule_search_locations)[0]) / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        traditional, _, simplified = line.partition("\t")
        first = simplified.split(" ")[0]
        if len(traditional) == 1 and len(first) == 1 and first != traditional:
            table[ord(traditional)] = first
    return table


def without_accents(text: str) -> str:
    """Compatibility-decomposed (NFKD), combining marks dropped: Zürich =
    Zurich. Each distinct character is tested once: this runs on every block."""
    if text.isascii():
        return text  # nothing to decompose
    decomposed = unicodedata.normalize("NFKD", text)
    marks = {c for c in set(decomposed) if unicodedata.combining(c)}
    return decomposed.translate(dict.fromkeys(map(ord, marks))) if marks else decomposed


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in _WIDE


def display_width(text: str) -> int:
    """Width in terminal columns: CJK characters count twice, as they read."""
    if text.isascii():
        return len(text)
    widths = list(map(unicodedata.east_asian_width, text))  # C-level: this runs on every block
    return len(text) + widths.count("W") + widths.count("F")


def kana_ratio(text: str) -> float:
    """Share of letters that are hiragana/katakana (only Japanese uses kana)."""
    kana = len(_KANA.findall(text))
    if not kana:  # most texts: no need to count their letters
        return 0.0
    letters = sum(map(str.isalpha, text))
    return kana / letters if letters else 0.0


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans `(start, end)` of `text`, CJK- and Latin-aware.

    A Latin full stop only ends a sentence before a space and a capital, and
    not after a known abbreviation or a single letter ("A.I.", "z.B.").
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= start:
            continue
        head = text[start : m.start()].rstrip("”\"’)」』）")
        if head.endswith(".") and _ABBREVIATION.search(head):
            continue
        end = m.start() + len(m.group(0).rstrip())
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


# Latin letters that NFKD does not take apart into a base letter and a mark
_UNDECOMPOSED = str.maketrans({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "AE",
                               "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th", "ı": "i", "Ħ": "H", "ħ": "h"})


def slugify(name: str, *, fallback_key: str | None = None) -> str:
    """An ASCII slug for ids and URLs; non-Latin names get a stable hash.

    `fallback_key` (e.g. the full source path) feeds the hash when the name
    has no ASCII letters or digits to keep.
    """
    ascii_part = unicodedata.normalize("NFKD", normalize(name).translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_part.lower()).strip("-_")
    lost = sum(1 for c in name if c.isalnum() and not c.isascii())
    if not slug or lost > len(slug):
        digest = hashlib.sha1((fallback_key or name).encode("utf-8")).hexdigest()[:8]
        slug = f"{slug}-{digest}" if slug else digest
    return slug[:80]


def shorten(text: str, width: int) -> str:
    """`text` cut to about `width` columns (CJK counts double), with an ellipsis."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        used += 2 if is_wide(char) else 1
        if used > width - 1:
            break
        out.append(char)
    return "".join(out).rstrip() + "…"
