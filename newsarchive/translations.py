"""LINK: find which articles are one text in several languages.

Words do not survive translation, but the shape of a text and its anchors
do: the sequence of headings and paragraphs with their relative lengths,
the numbers, months, Latin-script names (`Qwen`, `QwQ-32B`) and entity ids,
in the same order. Detection runs in three steps so that cost stays near
linear in the archive size:

1. `signature`: per article, blocks with normalised lengths and anchors;
2. `candidate_pairs`: an inverted index over shape and rare anchors proposes
   a bounded number of partners per article (other languages only);
3. `compare`: a Gale-Church length alignment of the two block sequences
   (beads 1-1, 1-2, 2-1, skipped runs, kind-aware; bead costs as numpy
   matrices from arrays cached on the signature) scored with the anchors
   that land in the same bead and the agreement of the aligned text's
   numbers (a follow-up story or another report of the same event brings
   numbers of its own). The score is the geometric mean of structure and
   anchor evidence, weighted by how many anchors there are.

`compare` is a pure function of the two signatures, and the pair's
alignment travels on the TranslationLink, so the side-by-side page never
aligns again and results can be cached by article content.

Sidecar metadata (`translation_of`, `translation_group`) then links or
unlinks pairs, and linked articles are gathered into groups in which every
pair of languages is linked.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import combinations
from typing import TypeVar

import numpy as np

from . import parallel
from .dates import weekday_names, written_month_names
from .langdata import load_yaml
from .model import Article, Entity, Mention, Paragraph, TranslationLink
from .text import LazyPattern, display_width, is_wide, normalize, without_accents

# -- tunables (method parameters, not facts about any article) -----------------

THRESHOLD = 0.47  # a compared pair at or above this score is a translation. It was 0.55, midway
# between the strongest false and the weakest true pair of the first sets; later blind sets
# scored faithful translations at 0.51-0.55, so it came down, and order and placement weigh
# more (ORDER_WEIGHT 2 -> 4, PLACED_TRUSTED 0.9 -> 0.95, PLACED_WEIGHT 4 -> 6), which keeps two
# reports of one event below it (the strongest false pair of all the sets scores 0.458)
CANDIDATES_PER_ARTICLE = 8  # deep comparisons per article, at most
MAX_POSTING = 64  # anchors shared by more articles do not propose pairs
MIN_BLOCK_RATIO = 0.4  # fewer blocks than this share of the other side: no pair
GC_VARIANCE = 6.8  # Gale & Church (1993): variance of length difference per char
BEAD_PRIOR = {(1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.0445, (1, 2): 0.0445}
# A dropped section is one event, not one per block: runs of up to 4 skipped
# blocks are single beads whose prior shrinks slowly with the run length.
for _k in range(2, 5):
    BEAD_PRIOR[(_k, 0)] = BEAD_PRIOR[(0, _k)] = 0.005 * 0.5 ** (_k - 1)
HEADING_MISMATCH = 4.0  # extra cost: a heading aligned with a non-heading
ITEM_MISMATCH = 0.5  # extra cost: a list item aligned with a paragraph
ANCHOR_BONUS = 1.5  # cost removed per (weighted) anchor two aligned blocks share
NUMBERS_TRUSTED = 10  # numbers in the aligned text from which their agreement fully counts
NUMBER_WEIGHT = 2.0  # exponent of the number agreement in the anchor evidence
ANCHOR_FLOOR = 0.05  # anchor evidence never counts as less (one unmatched anchor is no proof)
SKIP_COST = 10.0  # cost of leaving the whole text unaligned (scaled by the share left out)
BAND = 0.2  # alignment stays within this share of the blocks of the diagonal
ORDER_TRUSTED = 0.9  # share of shared-anchor pairs in the same order from which the order fully counts
ORDER_MIN_SHARED = 8  # fewer shared anchors say nothing about their order
ORDER_WEIGHT = 4.0  # exponent of the order agreement (below ORDER_TRUSTED) in the anchor evidence
PLACED_TRUSTED = 0.95  # share of the shared anchors in facing blocks from which their placement fully counts
PLACED_WEIGHT = 6.0  # exponent of that share (below PLACED_TRUSTED) in the anchor evidence

T = TypeVar("T")

_NUMBER = LazyPattern(r"\d+(?:[.,]\d+)*")
_GROUPED = LazyPattern(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_WORD = LazyPattern(r"[A-Za-z0-9]+(?:[.,][0-9]+)*")
_CJK_MONTH = LazyPattern(r"(?<!\d)(\d{1,2})\s*月")
_RUN = LazyPattern(r"\w+")
# thousands grouped with spaces ("4 800", NFKC makes no-break and narrow spaces plain ones)
_SPACED_GROUPS = LazyPattern(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d]|[.,]\d)")
_SENTENCE_START = LazyPattern(r"(?:[.!?。！？:：]\s*|[\"'„“«(]\s*)$")


# -- signatures ----------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One block (or the title) as the aligner sees it."""

    kind: str  # "title", "heading", "paragraph" or "item"
    length: float  # characters / all characters of the article
    anchors: tuple[str, ...]  # in text order


_VIEWS = ("body", "anchors", "spread", "side", "index_keys", "first_seen")  # cached on a Signature, never pickled


@dataclass(frozen=True)
class Signature:
    """What survives translation, computed once per article."""

    id: str
    lang: str
    chars: int
    blocks: tuple[Block, ...]  # title first, then the body

    @cached_property
    def body(self) -> tuple[Block, ...]:
        return self.blocks[1:]

    @cached_property
    def anchors(self) -> Counter:
        return Counter(t for b in self.blocks for t in b.anchors)

    @cached_property
    def spread(self) -> Counter:
        """How many blocks hold each anchor (for the share expected by chance)."""
        return Counter(t for x in self.blocks for t in set(x.anchors))

    @cached_property
    def side(self) -> Side:
        """The body as arrays for the aligner, built once per article."""
        return Side.of(self.body)

    @cached_property
    def first_seen(self) -> dict[str, int]:
        """Each anchor's first place in the body, counted in anchors."""
        first: dict[str, int] = {}
        for t in (t for b in self.body for t in b.anchors):
            first.setdefault(t, len(first))
        return first

    @cached_property
    def index_keys(self) -> frozenset[str]:
        """What `candidate_pairs` indexes the article by: its shape and anchors."""
        return frozenset({self.shape, *self.anchors})

    def __getstate__(self) -> dict:
        """The fields only: the cached views (a Counter, numpy arrays) cost more
        to pickle and unpickle than to rebuild for the few pairs compared again."""
        return {k: v for k, v in self.__dict__.items() if k not in _VIEWS}

    @property
    def shape(self) -> str:
        """Exact structure key: blocks, headings, items."""
        kinds = Counter(b.kind for b in self.body)
        return f"shape:{len(self.body)}:{kinds['heading']}:{kinds['item']}"


def is_latin_script(text: str) -> bool:
    """True when most letters are Latin: then Latin words are the language itself."""
    letters = {c: n for c, n in Counter(text).items() if c.isalpha()}  # each distinct letter named once
    latin = sum(n for c, n in letters.items() if "LATIN" in unicodedata.name(c, ""))
    return bool(letters) and latin * 2 > sum(letters.values())


def number_key(raw: str, scaled: bool = False) -> str | None:
    """A number by its significant digits, so that it survives number words.

    `1,000` = `1.000` = `1 000`; `38 million` = `3,800万` (both `n:38`);
    `1.2万` = `12,000`. Numbers below 10 are too common to tell anything,
    unless a scale word follows (`scaled`): `1.5 billion` = `15億` (`n:15`).
    """
    if _GROUPED.fullmatch(raw):
        raw = re.sub(r"[.,]", "", raw)
    if raw.count(".") + raw.count(",") > 1:
        return None
    if float(raw.replace(",", ".")) < 10 and not scaled:
        return None
    digits = re.sub(r"\D", "", raw).strip("0")
    return f"n:{digits}" if digits else None


@lru_cache(maxsize=1)
def _scale_pattern() -> re.Pattern[str]:
    """A scale word right after a number (data/number_scales.yaml)."""
    words = sorted({without_accents(w) for group in load_yaml("number_scales.yaml")["words"] for w in group}, key=len, reverse=True)
    spaced = "|".join(re.escape(w) for w in words if not is_wide(w[0]))  # alphabets: a whole word
    wide = "|".join(re.escape(w) for w in words if is_wide(w[0]))  # CJK, Hangul: glued to what follows
    return re.compile(rf"\s?(?:(?:{spaced})(?!\w)|(?:{wide}))", re.IGNORECASE)


@lru_cache(maxsize=1)
def _weekdays() -> tuple[dict[str, int], re.Pattern[str]]:
    """Weekday names (`dates.weekday_names`): those in alphabets, and a
    pattern of those in CJK and Hangul, glued to what follows (목요일에)."""
    spaced = {name: day for name, day in weekday_names().items() if not is_wide(name[0])}
    wide = "|".join(re.escape(n) for n in sorted(weekday_names(), key=len, reverse=True) if n not in spaced)
    return spaced, re.compile(rf"(?:{wide})" if wide else r"(?!)", re.IGNORECASE)


def _calendar(text: str) -> list[tuple[int, str]]:
    """Month and weekday mentions with their offsets: `m:3` for März = March
    = 3月, `d:3` for Thursday = donderdag = 목요일 (Monday 0). A name in an
    alphabet is a whole word (`\\w` run; a weekday may join two with a
    hyphen: segunda-feira), looked up, not matched against hundreds of names
    at every position: this runs on every block of every article."""
    found = [(m.start(), f"m:{int(m.group(1))}") for m in _CJK_MONTH.finditer(text) if 1 <= int(m.group(1)) <= 12]
    months, (weekdays, wide) = written_month_names(), _weekdays()
    taken = 0  # the end of a hyphenated weekday: its second word is not looked up again
    for m in _RUN.finditer(text):
        word, start = m.group(0), m.start()
        if word in months:
            found.append((start, f"m:{months[word]}"))
        if start < taken:
            continue
        joined = _RUN.match(text, m.end() + 1) if text.startswith("-", m.end()) else None
        if joined and (both := text[start:joined.end()].casefold()) in weekdays:
            found.append((start, f"d:{weekdays[both]}"))
            taken = joined.end()
        elif (folded := word.casefold()) in weekdays:
            found.append((start, f"d:{weekdays[folded]}"))
    found += [(m.start(), f"d:{weekday_names()[m.group(0).casefold()]}") for m in wide.finditer(text)]
    return found


@lru_cache(maxsize=1)
def _compound_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    """A number of CJK units and the power of ten of each unit (data/number_scales.yaml)."""
    units = load_yaml("number_scales.yaml")["compound_units"]
    unit = "[" + "".join(units) + "]"
    part = rf"\d+(?:\.\d+)?\s?{unit}"
    # two parts or more ("1억 7840만"), or one and digits glued to it ("4万8200"; not "38万 2025年")
    return re.compile(rf"{part}(?:\s?{part}|{unit})+\d*|{part}\d+"), units  # 1천만: a unit right after one


def _compounds_spelled_out(text: str) -> str:
    """`1억7840만` -> `178400000`: a number of several CJK units as one
    number, so that it meets `178.4 million` (a number with one unit keeps
    its digits: `38万` already meets `380,000` by `number_key`)."""
    pattern, units = _compound_pattern()

    def value(m: re.Match[str]) -> str:
        """千 multiplies within a group of four digits, 万/億/兆 multiply the group:
        8천400만 = (8,000 + 400) x 10,000."""
        total, group, digits = 0.0, 0.0, ""
        for part in re.findall(r"\d+(?:\.\d+)?|\S", m.group(0)):
            if part not in units:
                digits = part
            elif units[part] < 4:
                group, digits = group + float(digits or "1") * 10 ** units[part], ""
            else:
                total += (group + float(digits or "0") or 1.0) * 10 ** units[part]
                group, digits = 0.0, ""
        return str(round(total + group + float(digits or "0")))

    return pattern.sub(value, text) if any(u in text for u in units) else text


@lru_cache(maxsize=1)
def capitalised_nouns() -> frozenset[str]:
    """Languages that capitalise every noun (data/entity_rules.yaml): there a
    capital says nothing of a name, and their nouns would weigh down the
    anchors of a true pair ("Fahrrinne", "Pegel" find no partner)."""
    return frozenset(load_yaml("entity_rules.yaml").get("capitalised_nouns") or ())


def name_words(texts: Iterable[str]) -> frozenset[str]:
    """Capitalised words used like names in Latin-script text.

    A word counts when it is capitalised in mid-sentence and never written
    in lower case in the same article: `Alibaba` yes, `The`/`In` no (not
    used for languages that capitalise nouns).
    """
    texts = list(texts)
    lower = {w for t in texts for w in _WORD.findall(t) if w.islower()}
    names = set()
    for text in texts:
        for m in _WORD.finditer(text):
            w = m.group(0)
            before = text[max(0, m.start() - 4) : m.start()]
            if w[:1].isupper() and w.lower() not in lower and not _SENTENCE_START.search(before) and m.start() > 0:
                names.add(w)
    return frozenset(names)


def anchors_of(text: str, latin: bool, names: frozenset[str]) -> tuple[str, ...]:
    """Numbers, months, weekdays and name-like Latin tokens of one block, in text order.

    A number glued to a unit in lower case (`8200t`, `10km`) is the number;
    one glued to capitals is a name (`32B`, `5G`).
    """
    text = _SPACED_GROUPS.sub(lambda m: m.group(0).replace(" ", ""), _compounds_spelled_out(normalize(text)))
    found: list[tuple[int, str]] = _calendar(text)
    folded = without_accents(text)
    months, weekdays = written_month_names(), weekday_names()
    for m in _WORD.finditer(folded):
        word = m.group(0)
        number = _NUMBER.match(word) if word[0].isdigit() else None
        if number and (number.end() == len(word) or (word[number.end():].isalpha() and word[number.end():].islower())):
            scaled = number.end() == len(word) and bool(_scale_pattern().match(folded, m.end()))
            if key := number_key(number.group(0), scaled):
                found.append((m.start(), key))
        elif len(word) >= 2 and word not in months and word.casefold() not in weekdays and (
            not word.isalpha() or not latin or word in names or _is_acronym(word)  # not all letters: a digit in it
        ):
            found.append((m.start(), f"w:{word}"))
    return tuple(key for _, key in sorted(found))


def _is_acronym(word: str) -> bool:
    """`AI`, `USA`, `QwQ`, `DeepSeek`: capitals beyond the first letter."""
    return len(word) >= 2 and word[1:] != word[1:].lower()


EntitySpan = tuple[int, int, str]  # start, end (offsets into the paragraph's text), entity id


def signature(article: Article, entities: Mapping[str, Sequence[EntitySpan]] | None = None) -> Signature:
    """The article's blocks with relative lengths and anchors (+ entity ids by anchor).

    The words of an entity mention count as its id only: `Polska` and
    `Polen` are one anchor (`e:poland`), not one that meets and two
    inflected words that never do.
    """
    parts = [("title", article.title, "")] + [(p.kind, p.text, p.anchor) for p in article.paragraphs]
    latin = is_latin_script(" ".join(t for _, t, _ in parts))
    names = name_words(t for _, t, _ in parts) if latin and article.lang not in capitalised_nouns() else frozenset()
    widths = [display_width(t) for _, t, _ in parts]  # a CJK character weighs two Latin ones
    total = sum(widths) or 1
    entities = entities or {}
    blocks = tuple(
        Block(kind, width / total, anchors_of(_unnamed(text, spans := entities.get(anchor, ())), latin, names)
              + tuple(f"e:{e}" for _, _, e in spans))
        for (kind, text, anchor), width in zip(parts, widths)
    )
    return Signature(article.id, article.lang, total, blocks)


def _unnamed(text: str, spans: Sequence[EntitySpan]) -> str:
    """The text with its entity mentions blanked out."""
    for start, end, _ in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def signatures(articles: Sequence[Article], entities: Mapping[str, Mapping[str, Sequence[EntitySpan]]] | None = None) -> list[Signature]:
    """`signature` of each article (with its entity anchors), in worker
    processes when there are many (parallel.py)."""
    anchors = entities or {}
    _weekdays(), _scale_pattern(), _compound_pattern()  # built once here, not in each worker after the fork

    def sign(i: int) -> Signature:  # workers inherit the articles and get their numbers only
        return signature(articles[i], anchors.get(articles[i].id))

    return parallel.ordered_map(sign, range(len(articles)))


def entity_anchors(entities: Iterable[Entity]) -> dict[str, dict[str, tuple[EntitySpan, ...]]]:
    """{article id: {paragraph anchor: entity mentions in text order}} from the entity layer."""
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for entity in entities:
        for m in entity.mentions:
            by_article[m.article].append(m)
    return {a: article_anchors(mentions) for a, mentions in by_article.items()}


def article_anchors(mentions: Iterable[Mention]) -> dict[str, tuple[EntitySpan, ...]]:
    """{paragraph anchor: entity mentions in text order} of one article's
    mentions (what `signature` adds to its blocks)."""
    out: dict[str, list[EntitySpan]] = defaultdict(list)
    for m in mentions:
        out[m.anchor].append((m.start, m.end, m.entity))
    return {p: tuple(sorted(v)) for p, v in out.items()}


# -- candidates ----------------------------------------------------------------


def candidate_pairs(signatures: Sequence[Signature]) -> list[tuple[int, int]]:
    """Index pairs worth a deep comparison, a bounded number per article.

    Keys are the exact shape and every anchor; a key held by more than
    MAX_POSTING articles is too common to propose anything. Pairs are ranked
    by the rarity of the keys they share (idf), and each article keeps its
    best CANDIDATES_PER_ARTICLE partners.
    """
    return list(CandidateIndex.of(signatures).pairs)


@dataclass(frozen=True, eq=False)
class CandidateIndex:
    """The inverted index behind `candidate_pairs`, with every pair's weight.

    Kept between builds so that `of(signatures, previous)` redoes only the
    postings of the keys the changed articles hold or held (their idf and
    the pairs in them) and the partner lists of the articles in those
    pairs. A pair's weight is always summed afresh over its shared keys in
    one order (by first holder, then key), so an updated index and one built
    from scratch give the same floats, hence the same pairs.
    """

    ids: tuple[str, ...]
    keys: tuple[frozenset[str], ...]  # per article: its shape and anchors
    langs: tuple[str, ...]
    sizes: tuple[int, ...]  # body blocks
    postings: dict[str, tuple[int, ...]]  # key -> articles holding it, in order
    partners: tuple[dict[int, float], ...]  # per article: {partner: weight}
    best: tuple[tuple[int, ...], ...]  # per article: its heaviest partners
    pairs: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, signatures: Sequence[Signature], previous: CandidateIndex | None = None) -> CandidateIndex:
        """The index of `signatures`, updated from `previous` when it indexed the
        same articles in the same order (`previous` itself is left as it was)."""
        ids = tuple(s.id for s in signatures)
        keys = tuple(s.index_keys for s in signatures)
        langs, sizes = tuple(s.lang for s in signatures), tuple(len(s.blocks) - 1 for s in signatures)
        if previous is None or previous.ids != ids:
            return cls._fresh(ids, keys, langs, sizes)
        old = zip(previous.keys, previous.langs, previous.sizes)
        changed = [i for i, (was, now) in enumerate(zip(old, zip(keys, langs, sizes))) if was != now]
        if not changed:
            return previous
        postings, touched = _updated_postings(previous.postings, previous.keys, keys, changed)
        recast = {i for i in changed if (langs[i], sizes[i]) != (previous.langs[i], previous.sizes[i])}
        moved: dict[int, dict[int, float | None]] = defaultdict(dict)  # article -> {partner: new weight}
        for i, j in _affected_pairs(previous.postings, postings, touched, recast):
            moved[i][j] = moved[j][i] = _pair_weight(i, j, keys, langs, sizes, postings)
        partners, best = list(previous.partners), list(previous.best)
        for x, news in moved.items():
            mine = {**partners[x], **news}
            partners[x] = {y: w for y, w in mine.items() if w is not None}
            if not _same_best(best[x], previous.partners[x], news):
                best[x] = _best(partners[x])
        pairs = _kept_pairs(previous.pairs, previous.best, best)
        return cls(ids, keys, langs, sizes, postings, tuple(partners), tuple(best), pairs)


    @classmethod
    def _fresh(
        cls, ids: tuple[str, ...], keys: tuple[frozenset[str], ...], langs: tuple[str, ...], sizes: tuple[int, ...]
    ) -> CandidateIndex:
        """The index built from scratch: each usable posting adds its idf to
        its pairs, postings taken in the order `_pair_weight` sums them."""
        lists: dict[str, list[int]] = defaultdict(list)
        for i, held in enumerate(keys):
            for key in held:
                lists[key].append(i)
        postings = {key: tuple(members) for key, members in lists.items()}
        usable = sorted((members[0], key) for key, members in postings.items() if _eligible(members))
        partners: list[dict[int, float]] = [{} for _ in ids]
        for _, key in usable:
            members = postings[key]
            idf = math.log(1 + len(ids) / len(members))
            for i, j in combinations(members, 2):
                if _compatible(i, j, langs, sizes):
                    partners[i][j] = partners[i].get(j, 0) + idf
        for i, mine in enumerate(partners):
            for j, weight in list(mine.items()):
                if j > i:
                    partners[j][i] = weight
        best = tuple(_best(mine) for mine in partners)
        pairs = _kept_pairs((), ((),) * len(ids), best)
        return cls(ids, keys, langs, sizes, postings, tuple(partners), best, pairs)


def _compatible(i: int, j: int, langs: Sequence[str], sizes: Sequence[int]) -> bool:
    """Whether two articles may be translations: other languages, similar block counts."""
    return langs[i] != langs[j] and min(sizes[i], sizes[j]) >= MIN_BLOCK_RATIO * max(sizes[i], sizes[j])


def _updated_postings(
    postings: dict[str, tuple[int, ...]], old: Sequence[frozenset[str]], new: Sequence[frozenset[str]], changed: list[int]
) -> tuple[dict[str, tuple[int, ...]], set[str]]:
    """The postings with the changed articles moved, and the keys they hold or held."""
    touched = {k for i in changed for k in old[i] | new[i]}
    moved = set(changed)
    out = dict(postings)
    for key in touched:
        members = sorted({m for m in postings.get(key, ()) if m not in moved} | {i for i in changed if key in new[i]})
        if members:
            out[key] = tuple(members)
        else:
            out.pop(key, None)
    return out, touched


def _eligible(members: tuple[int, ...]) -> bool:
    return 2 <= len(members) <= MAX_POSTING


def _affected_pairs(
    before: dict[str, tuple[int, ...]], after: dict[str, tuple[int, ...]], touched: set[str], recast: set[int]
) -> set[tuple[int, int]]:
    """Pairs whose weight may differ: every pair of a touched posting whose
    holders changed (its idf moved), and every pair of an article whose
    language or block count changed (the filters of its pairs moved)."""
    pairs: set[tuple[int, int]] = set()
    for key in touched:
        old, new = before.get(key, ()), after.get(key, ())
        if not (_eligible(old) or _eligible(new)):
            continue
        members = sorted(set(old) | set(new))
        if old != new:
            pairs.update(combinations(members, 2))
        elif recast:
            pairs.update((c, m) if c < m else (m, c) for c in recast.intersection(members) for m in members if m != c)
    return pairs


def _pair_weight(
    i: int, j: int, keys: Sequence[frozenset[str]], langs: Sequence[str], sizes: Sequence[int],
    postings: dict[str, tuple[int, ...]],
) -> float | None:
    """The summed idf of the usable keys two articles share, None when they
    cannot be translations (one language, too different a length) or share none."""
    if not _compatible(i, j, langs, sizes):
        return None
    shared = [k for k in keys[i] & keys[j] if _eligible(postings[k])]
    if not shared:
        return None
    n = len(keys)
    return sum(math.log(1 + n / len(postings[k])) for k in sorted(shared, key=lambda k: (postings[k][0], k)))


def _same_best(best: tuple[int, ...], before: dict[int, float], news: dict[int, float | None]) -> bool:
    """Whether an article's best partners stay as they were when only `news`
    changed: none of them was among the best, and none now outranks the last."""
    if len(best) < CANDIDATES_PER_ARTICLE or any(y in news for y in best):
        return False
    last = (-before[best[-1]], best[-1])
    return all(w is None or (-w, y) > last for y, w in news.items())


def _kept_pairs(
    pairs: tuple[tuple[int, int], ...], before: Sequence[tuple[int, ...]], best: Sequence[tuple[int, ...]]
) -> tuple[tuple[int, int], ...]:
    """The pairs some article keeps among its best (`pairs` as they were under
    `before`), patched where an article's best partners changed."""
    redone = [x for x, (was, now) in enumerate(zip(before, best)) if was is not now]
    if not redone:
        return pairs
    out = set(pairs)
    for x in redone:
        for j in set(before[x]) - set(best[x]):
            if x not in best[j]:
                out.discard((x, j) if x < j else (j, x))
        out.update((x, j) if x < j else (j, x) for j in best[x])
    return tuple(sorted(out))


def _best(partners: dict[int, float]) -> tuple[int, ...]:
    """An article's CANDIDATES_PER_ARTICLE heaviest partners (ties: lower index first)."""
    return tuple(j for _, j in sorted((-w, j) for j, w in partners.items())[:CANDIDATES_PER_ARTICLE])


# -- alignment -----------------------------------------------------------------


@dataclass(frozen=True)
class Bead:
    """Blocks of A aligned with blocks of B (indices into the body)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    fit: float  # probability-like agreement of the lengths, 0..1
    kinds_agree: bool = True  # headings face headings, items face items

    @property
    def kind(self) -> str:
        return _row_kind(self.a, self.b)


def _row_kind(a: Sequence[int], b: Sequence[int]) -> str:
    """"1-1", "merge-b" (two of A in one of B), "split-b", or a block on one side only."""
    if not a:
        return "only-b"
    if not b:
        return "only-a"
    return {(1, 1): "1-1", (2, 1): "merge-b", (1, 2): "split-b"}[(len(a), len(b))]


@dataclass(frozen=True, eq=False)
class Side:
    """The body of one article as arrays, computed once per signature."""

    length: np.ndarray  # share of the text per block
    heads: np.ndarray  # 1 for a heading (or title), else 0
    items: np.ndarray  # 1 for a list item, else 0
    counts: tuple[Counter, ...]  # anchors per block

    @classmethod
    def of(cls, blocks: Sequence[Block]) -> Side:
        return cls(
            np.array([x.length for x in blocks], dtype=float),
            np.array([x.kind in ("heading", "title") for x in blocks], dtype=float),
            np.array([x.kind == "item" for x in blocks], dtype=float),
            tuple(Counter(x.anchors) for x in blocks),
        )

    def scaled(self, ratio: float) -> Side:
        return replace(self, length=self.length / ratio)


def _erfc(x: np.ndarray) -> np.ndarray:
    """Complementary error function for x >= 0 (Numerical Recipes, error < 1.2e-7)."""
    t = 1 / (1 + 0.5 * x)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (
        0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    return t * np.exp(-x * x + poly)


def _length_fit(la: np.ndarray, lb: np.ndarray, scale: float) -> np.ndarray:
    """Gale-Church: chance that lengths la, lb (shares of the text) are one text."""
    la, lb = np.asarray(la) * scale, np.asarray(lb) * scale
    mean = (la + lb) / 2
    delta = np.abs(lb - la) / np.sqrt(GC_VARIANCE * np.maximum(mean, 1e-12))
    return np.where(mean > 0, np.maximum(_erfc(delta / math.sqrt(2)), 1e-12), 1.0)


def anchor_weights(a: Signature, b: Signature) -> dict[str, float]:
    """Per shared anchor, the weight of one occurrence.

    An anchor used as often on both sides weighs 1 in all; one used much
    more on one side (a topic word, not a matching detail) weighs less.
    """
    ca, cb = a.anchors, b.anchors
    return {t: 1 / max(ca[t], cb[t]) * min(ca[t], cb[t]) / max(ca[t], cb[t]) for t in ca.keys() & cb.keys()}


def _spans(values: np.ndarray, size: int) -> np.ndarray:
    """Sums over every run of `size` consecutive rows (run i starts at row i)."""
    if size == 1:
        return values  # the same floats as the sum below (0 + x), not a copy
    return sum(values[k : len(values) - size + 1 + k] for k in range(size))


def _anchor_counts(side: Side, types: Sequence[str]) -> np.ndarray:
    """Occurrences of each shared anchor type per block (blocks x types)."""
    return np.array([[c.get(t, 0) for t in types] for c in side.counts], dtype=float).reshape(len(side.counts), len(types))


def _bead_costs(a: Side, b: Side, anchors: tuple[np.ndarray, np.ndarray, np.ndarray] | None, scale: float, di: int, dj: int):
    """Cost, length fit and kind cost of every bead a[i:i+di] x b[j:j+dj], as matrices.

    `anchors`: the shared anchor counts of A and B and each type's weight.
    """
    la, lb = _spans(a.length, di), _spans(b.length, dj)
    fit = _length_fit(la[:, None], lb[None, :], scale)
    ha, hb = _spans(a.heads, di)[:, None], _spans(b.heads, dj)[None, :]
    kind = HEADING_MISMATCH * (np.abs(ha - hb) + (((ha > 0) & (di > 1)) | ((hb > 0) & (dj > 1))))
    kind = kind + ITEM_MISMATCH * ((_spans(a.items, di)[:, None] > 0) != (_spans(b.items, dj)[None, :] > 0))
    cost = -np.log(fit) + kind
    if anchors is not None:
        ca, cb, weight = anchors
        shared = np.minimum(_spans(ca, di)[:, None, :], _spans(cb, dj)[None, :, :]) @ weight
        cost = cost - ANCHOR_BONUS * shared
    return cost, fit, kind


def align(a: Side, b: Side, weights: Mapping[str, float] | None = None, scale: float = 1000.0) -> list[Bead]:
    """The cheapest monotone alignment of two block sequences (banded DP).

    The cost of every possible bead is computed up front as numpy matrices
    (one per bead shape); the DP itself only adds and compares floats.
    """
    weights = weights or {}
    na, nb = len(a.length), len(b.length)
    band = max(3, int(BAND * max(na, nb)) + abs(na - nb))
    types = sorted(weights)
    anchors = (_anchor_counts(a, types), _anchor_counts(b, types), np.array([weights[t] for t in types])) if types else None
    beads = {m: _bead_costs(a, b, anchors, scale, *m) for m in BEAD_PRIOR if m[0] and m[1] and m[0] <= na and m[1] <= nb}
    tables = {m: c.tolist() for m, (c, _, _) in beads.items()}
    skip_a = (SKIP_COST * np.concatenate([[0.0], np.cumsum(a.length)])).tolist()
    skip_b = (SKIP_COST * np.concatenate([[0.0], np.cumsum(b.length)])).tolist()
    moves = [(di, dj, -math.log(p), tables.get((di, dj))) for (di, dj), p in BEAD_PRIOR.items()]
    inf = math.inf
    cost = [[inf] * (nb + 1) for _ in range(na + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (nb + 1) for _ in range(na + 1)]
    cost[0][0] = 0.0
    for i in range(na + 1):
        centre = int(i * nb / na) if na else 0
        row, steps, here = cost[i], back[i], skip_a[i]
        reach = [
            (dj, cost[i - di], prior, table[i - di] if di and dj else None, skip_a[i - di], (di, dj))
            for di, dj, prior, table in moves if i >= di and (table is not None or not (di and dj))
        ]
        for j in range(max(0, centre - band), min(nb, centre + band) + 1):
            best, step, there = row[j], None, skip_b[j]
            for dj, before, prior, table_row, was, move in reach:
                pj = j - dj
                if pj < 0 or (prev := before[pj]) == inf:
                    continue
                if table_row is not None:
                    c = prev + prior + table_row[pj]
                else:  # a skipped run costs by the share of the text it leaves out
                    c = prev + prior + here - was + there - skip_b[pj]
                if c < best:
                    best, step = c, move
            if step is not None:
                row[j], steps[j] = best, step
    out: list[Bead] = []
    i, j = na, nb
    while (i, j) != (0, 0) and (step := back[i][j]) is not None:
        pi, pj = i - step[0], j - step[1]
        if step in beads:
            _, fit, kind = beads[step]
            out.append(Bead(tuple(range(pi, i)), tuple(range(pj, j)), float(fit[pi, pj]), bool(kind[pi, pj] == 0)))
        else:
            out.append(Bead(tuple(range(pi, i)), tuple(range(pj, j)), 0.0))
        i, j = pi, pj
    return out[::-1]


def length_ratio(a: Sequence[Block], b: Sequence[Block], beads: Sequence[Bead]) -> float:
    """Median length ratio B/A over 1-1 beads, estimated from the pair itself.

    Lengths are shares of each text, so when one side drops a section its
    other blocks look longer; the 1-1 beads show by how much.
    """
    ratios = sorted(b[x.b[0]].length / a[x.a[0]].length for x in beads if x.kind == "1-1" and a[x.a[0]].length > 0)
    if len(ratios) < 3:
        return 1.0
    mid = len(ratios) // 2
    median = ratios[mid] if len(ratios) % 2 else (ratios[mid - 1] + ratios[mid]) / 2
    return min(max(median, 0.5), 2.0)


# -- scoring -------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    score: float
    evidence: dict
    beads: tuple[Bead, ...]


def compare(a: Signature, b: Signature) -> Comparison:
    """Align two articles and say how sure we are that they are one text."""
    weights = anchor_weights(a, b)
    scale = math.sqrt(a.chars * b.chars)
    title_fit = float(_length_fit(a.blocks[0].length, b.blocks[0].length, scale))
    beads = align(a.side, b.side, weights, scale)
    ratio = length_ratio(a.body, b.body, beads)
    if abs(math.log(ratio)) > 0.05:  # one side lacks or adds text: realign at the observed ratio
        beads = align(a.side, b.side.scaled(ratio), weights, scale)
    paired = [x for x in beads if x.a and x.b]
    mass = sum(a.body[i].length for x in paired for i in x.a) + sum(b.body[j].length for x in paired for j in x.b)
    body_mass = sum(x.length for x in a.body) + sum(x.length for x in b.body) or 1.0
    coverage = mass / body_mass
    fit = sum(x.fit for x in paired) / len(paired) if paired else 0.0
    kinds = sum(x.kinds_agree for x in paired) / len(paired) if paired else 0.0
    amount = min(1.0, (len(paired) + 1) / 6)  # few blocks say little
    structure = amount * coverage * (0.6 * fit + 0.4 * kinds)
    placed = _placed(a, b, beads)
    matched, types = anchor_match(a, b, placed)
    numbers, counted = number_agreement(a, b, beads)
    agree = 1 - min(1.0, counted / NUMBERS_TRUSTED) * (1 - numbers)
    order, shared = order_agreement(a, b)
    in_order = min(1.0, order / ORDER_TRUSTED) if shared >= ORDER_MIN_SHARED else 1.0
    share_placed = placement(a, b, placed)
    in_place = min(1.0, share_placed / PLACED_TRUSTED) if shared >= ORDER_MIN_SHARED else 1.0
    anchors = matched * agree**NUMBER_WEIGHT * in_order**ORDER_WEIGHT * in_place**PLACED_WEIGHT
    score = _combine(structure, anchors, types)
    evidence = {
        "blocks": [len(a.body), len(b.body)],
        "beads": dict(sorted(Counter(x.kind for x in beads).items())),
        "length_fit": round(fit, 3),
        "title_fit": round(title_fit, 3),
        "kinds_agree": round(kinds, 3),
        "aligned_text": round(coverage, 3),
        "structure": round(structure, 3),
        "anchors_matched": round(matched, 3),
        "numbers_agree": round(numbers, 3),
        "numbers": counted,
        "order_agrees": round(order, 3),
        "anchors_placed": round(share_placed, 3),
        "anchor_types": types,
        "shared_anchors": _shared_list(a, b),
    }
    return Comparison(round(score, 4), evidence, tuple(beads))


def order_agreement(a: Signature, b: Signature) -> tuple[float, int]:
    """The share of pairs of shared anchors that come in the same order in
    both bodies, and how many anchors they share. A translation keeps the
    order of what it tells; two reports of one event tell it in their own
    order ("the result, then the turnout" against "the turnout, then the
    result")."""
    first_a, first_b = a.first_seen, b.first_seen
    shared = [t for t in first_a if t in first_b]
    if len(shared) < 2:
        return 1.0, len(shared)
    pa = np.array([first_a[t] for t in shared])
    pb = np.array([first_b[t] for t in shared])
    same = np.sign(pa[:, None] - pa[None, :]) * np.sign(pb[:, None] - pb[None, :])
    return float((same > 0).sum() / max(1, (same != 0).sum())), len(shared)


def placement(a: Signature, b: Signature, placed: Counter) -> float:
    """The share of the anchors both texts hold that sit in facing blocks
    (`placed`: see `_placed`). A translation keeps each fact in its
    paragraph; another report of the same event tells the same facts in
    paragraphs of its own."""
    shared = sum((a.anchors & b.anchors).values())
    return sum(placed.values()) / shared if shared else 1.0


def _placed(a: Signature, b: Signature, beads: Sequence[Bead] | None) -> Counter:
    """How many occurrences of each anchor meet the same anchor in the bead
    opposite (titles face titles); without beads, every shared occurrence
    (the most any alignment could place)."""
    if beads is None:
        return a.anchors & b.anchors
    placed: Counter = Counter()
    facing = [(Counter(a.blocks[0].anchors), Counter(b.blocks[0].anchors))] + [
        (_bead_anchors(a, x.a), _bead_anchors(b, x.b)) for x in beads if x.a and x.b
    ]
    for ca, cb in facing:
        for t in ca.keys() & cb.keys():
            placed[t] += min(ca[t], cb[t])
    return placed


def _combine(structure: float, anchors: float, types: int) -> float:
    """Geometric mean of structure and anchor evidence, the anchors weighing by how many there are."""
    trust = min(1.0, types / 4)  # how much the anchors can tell
    return structure ** (1 - 0.5 * trust) * max(anchors, ANCHOR_FLOOR) ** (0.5 * trust)


def score_bound(a: Signature, b: Signature) -> float:
    """The highest score any alignment could give the pair, from the anchors alone.

    Structure and number agreement are at most 1 and anchors can at best all
    be placed, so a pair whose bound is below the threshold needs no
    alignment: it cannot be a translation.
    """
    matched, types = anchor_match(a, b, _placed(a, b, None))
    return _combine(1.0, matched, types)


def number_agreement(a: Signature, b: Signature, beads: Sequence[Bead]) -> tuple[float, int]:
    """Dice agreement of the numbers, months and weekdays of the aligned text, and how many there are.

    A translation keeps its numbers; a follow-up story or an independent
    report of the same event brings numbers of its own. Blocks left
    unaligned (a dropped section, an added summary) do not count.
    """
    def numbers(sig: Signature, indices: Iterable[int]) -> Counter:
        return Counter(t for i in indices for t in sig.body[i].anchors if t[:2] in ("n:", "m:", "d:"))

    na = numbers(a, (i for x in beads if x.a and x.b for i in x.a))
    nb = numbers(b, (j for x in beads if x.a and x.b for j in x.b))
    total = sum(na.values()) + sum(nb.values())
    return (2 * sum((na & nb).values()) / total if total else 1.0), total


def anchor_match(a: Signature, b: Signature, placed: Counter) -> tuple[float, int]:
    """How much of the sparser side's anchors reappear in the aligned blocks.

    For each distinct anchor of the side with fewer of them: the share of
    its occurrences met by the same anchor in the bead opposite (`placed`,
    see `_placed`), minus the share expected by chance (the share of blocks
    holding it on the other side). A topic word found everywhere proves
    little; a translation's numbers and names line up. Returns the matched
    share and the effective number of anchors it rests on.
    """
    sparse, dense = (a, b) if len(a.anchors) <= len(b.anchors) else (b, a)
    if not sparse.anchors:
        return 0.0, 0
    chance = {t: dense.spread[t] / len(dense.blocks) for t in sparse.anchors}  # a topic word everywhere proves little
    total = sum(1 - p for p in chance.values())
    if total <= 0:
        return 0.0, 0
    matched = sum(max(0.0, min(placed[t], n) / n - chance[t]) for t, n in sparse.anchors.items()) / total
    return matched, round(total)


def _bead_anchors(sig: Signature, blocks: tuple[int, ...]) -> Counter:
    """The anchors of some body blocks of one bead (one block: the side's own count, not a copy)."""
    if len(blocks) == 1:
        return sig.side.counts[blocks[0]]
    return Counter(t for i in blocks for t in sig.body[i].anchors)


def _shared_list(a: Signature, b: Signature, limit: int = 12) -> list[str]:
    """The shared anchors, most frequent first (for the reader of the evidence)."""
    shared = Counter({t: min(a.anchors[t], b.anchors[t]) for t in a.anchors.keys() & b.anchors.keys()})
    return [t for t, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


# -- metadata and groups ---------------------------------------------------------


class _Groups:
    """Union-find that refuses merges metadata or languages forbid."""

    def __init__(self, articles: Sequence[Article], declared: Mapping[str, str]):
        self.parent = {a.id: a.id for a in articles}
        self.langs = {a.id: Counter([a.lang]) for a in articles}
        self.keys = {a.id: {declared[a.id]} if a.id in declared else set() for a in articles}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: str, y: str, *, strict: bool) -> bool:
        """Merge two groups; strict (detected) merges keep one article per
        language and never join two groups that metadata declared apart."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return True
        if strict and (self.keys[rx] and self.keys[ry] and self.keys[rx] != self.keys[ry]):
            return False
        if strict and self.langs[rx].keys() & self.langs[ry].keys():
            return False
        rx, ry = sorted((rx, ry))
        self.parent[ry] = rx
        self.langs[rx] += self.langs.pop(ry)
        self.keys[rx] |= self.keys.pop(ry)
        return True


def reference_index(articles: Sequence[Article]) -> dict[str, str]:
    """{every name metadata may give an article by (id, file path, file name,
    with or without `.txt`): its id}; a name two articles share goes to the
    first. Built once, so resolving every sidecar's reference stays linear."""
    index: dict[str, str] = {}
    for a in articles:
        stem = a.source.removesuffix(".txt")
        for name in (a.id, a.source, stem, stem.rsplit("/", 1)[-1], a.source.rsplit("/", 1)[-1]):
            index.setdefault(name, a.id)
    return index


def declared_links(articles: Sequence[Article]) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Pairs the sidecars link, and each declared article's group key.

    Articles sharing a `translation_group` are one group; `translation_of`
    puts an article in the group of the article it names.
    """
    by_group: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        if a.translation_group:
            by_group[a.translation_group].append(a.id)
    pairs = [(ids[0], other) for _, ids in sorted(by_group.items()) for other in ids[1:]]
    named = reference_index(articles)
    for a in articles:
        if a.translation_of and (target := named.get(a.translation_of.strip())) and target != a.id:
            pairs.append((a.id, target))
    union = _Groups(articles, {})
    for x, y in pairs:
        union.union(x, y, strict=False)
    group_keys: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        if a.translation_group or a.translation_of:
            group_keys[union.find(a.id)].update([a.translation_group] if a.translation_group else [])
    declared = {}
    for a in articles:
        root = union.find(a.id)
        if root in group_keys:
            declared[a.id] = min(group_keys[root]) if group_keys[root] else f"of:{root}"
    return sorted(pairs), declared


# -- the step ------------------------------------------------------------------


SignaturesOf = Callable[[Sequence[Article]], Sequence[Signature]]
PairsOf = Callable[[Sequence[Signature]], Sequence[tuple[int, int]]]
Pairs = Sequence[tuple[Signature, Signature]]
ComparePairs = Callable[[Pairs], Sequence[Comparison]]
CompareCandidates = Callable[[Pairs], Sequence[Comparison | None]]


def compare_candidate(a: Signature, b: Signature) -> Comparison | None:
    """`compare` of a pair that is a translation, else None: not aligned at
    all when the anchors alone show that it cannot reach THRESHOLD, and not
    kept when it falls short (most candidates: a cache of verdicts stays
    small; a group that links such a pair anyway compares it again)."""
    if score_bound(a, b) + 1e-4 < THRESHOLD:
        return None
    result = compare(a, b)
    return result if result.score >= THRESHOLD else None


def compare_all(pairs: Pairs, compare_one: Callable[[Signature, Signature], T]) -> list[T]:
    """`compare_one` of each pair, in worker processes when there are many:
    the workers inherit the signatures and get the pairs' numbers only."""
    def one(i: int) -> T:
        return compare_one(*pairs[i])

    return parallel.ordered_map(one, range(len(pairs)))


def compare_candidates(pairs: Pairs) -> list[Comparison | None]:
    return compare_all(pairs, compare_candidate)


def compare_pairs(pairs: Pairs) -> list[Comparison]:
    return compare_all(pairs, compare)


def find_translations(
    articles: Sequence[Article],
    entities: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    *,
    signatures_of: SignaturesOf | None = None,
    pairs_of: PairsOf = candidate_pairs,
    compare_pairs: ComparePairs = compare_pairs,
    candidates: CompareCandidates = compare_candidates,
) -> tuple[TranslationLink, ...]:
    """Every translation pair of the archive, sorted, with score and evidence.

    `entities` are the entity anchors of each article (`entity_anchors`).
    `signatures_of`, `pairs_of`, `compare_pairs` and `candidates` are
    `signatures` (with those anchors), `candidate_pairs`, `compare_pairs` and
    `compare_candidates` unless the caller remembers their results (all are
    pure functions of their inputs). Each gets all its items in one call, so
    that many of them are computed in worker processes.
    """
    sigs = list(signatures_of(articles) if signatures_of else signatures(articles, entities))
    sig_of = {s.id: s for s in sigs}
    keys = [_key(sigs[i].id, sigs[j].id) for i, j in pairs_of(sigs)]
    found = candidates([(sig_of[x], sig_of[y]) for x, y in keys])
    results: dict[tuple[str, str], Comparison] = {k: c for k, c in zip(keys, found) if c is not None}
    pairs, declared = declared_links(articles)
    groups = _Groups(articles, declared)
    for x, y in pairs:
        groups.union(x, y, strict=False)
    detected = sorted((-c.score, k) for k, c in results.items())
    for _, (x, y) in detected:
        groups.union(x, y, strict=True)
    by_id = {a.id: a for a in articles}
    declared_pairs = {_key(x, y) for x, y in pairs}
    members: dict[str, list[str]] = defaultdict(list)
    for a in sorted(by_id):
        members[groups.find(a)].append(a)
    linked = [
        _key(x, y) for ids in members.values() for x, y in combinations(ids, 2) if by_id[x].lang != by_id[y].lang
    ]
    rest = [k for k in linked if k not in results]  # group members no candidate comparison decided
    results_of = results | dict(zip(rest, compare_pairs([(sig_of[x], sig_of[y]) for x, y in rest])))
    links = []
    for key in linked:
        x, y = key
        result = results_of[key]
        alignment = tuple((bead.a, bead.b) for bead in result.beads)
        if key in declared_pairs or (x in declared and declared.get(x) == declared.get(y)):
            evidence = {**result.evidence, "detected_score": result.score}
            links.append(TranslationLink(*key, 1.0, evidence, "metadata", alignment))
        else:
            evidence = result.evidence if key in results else {**result.evidence, "via": "group"}
            links.append(TranslationLink(*key, result.score, evidence, "detected", alignment))
    return tuple(sorted(links, key=lambda t: (t.a, t.b)))


def _key(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x < y else (y, x)


# -- for the side-by-side view ---------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One row of the side-by-side view: blocks of A beside blocks of B."""

    kind: str  # "1-1", "merge-b", "split-b", "only-a", "only-b"
    a: tuple[Paragraph, ...]
    b: tuple[Paragraph, ...]


def aligned_rows(a: Article, b: Article, link: TranslationLink | None = None) -> list[Row]:
    """The two bodies aligned block to block, as the detector aligned them.

    The link carries the detector's alignment (computed with the entity
    anchors too); without one the pair is aligned here.
    """
    spans = link.alignment if link and link.alignment else [(x.a, x.b) for x in compare(signature(a), signature(b)).beads]
    return [Row(_row_kind(ia, ib), tuple(a.paragraphs[i] for i in ia), tuple(b.paragraphs[j] for j in ib)) for ia, ib in spans]


def pair_page(x: str, y: str) -> str:
    """Docs-relative path of the side-by-side page of two articles."""
    a, b = _key(x, y)
    return f"translations/{a}--{b}.md"
