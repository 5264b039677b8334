"""EXTRACT: discover names the curated table does not know.

Script patterns find candidates (Latin names inside CJK text, capitalised
multi-word names, katakana names joined by ・, CJK organization names, model
names with versions); a candidate becomes an entity when it is strong:
repeated, seen in several articles, or carrying a strong cue (a given name,
an organization suffix, a model size, a ・-joined katakana name). All word
lists live in `data/entity_rules.yaml`; users promote or reject candidates in
`data/entity_review.yaml`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .entities import EntitySpec, fold, ordered_names
from .langdata import load_yaml
from .model import Article, EntityCandidate, EntityKind
from .text import slugify

_KATAKANA = "\u30a1-\u30fa\u30fc-\u30ff"
KATAKANA_NAME = re.compile(rf"(?<![{_KATAKANA}])[{_KATAKANA}]{{2,}}(?:[・=][{_KATAKANA}]{{2,}})+(?![{_KATAKANA}])")
_LATIN_TOKEN = r"[A-Za-z0-9]+(?:[.&'\-][A-Za-z0-9]+)*"
LATIN_RUN = re.compile(rf"(?<![A-Za-z0-9.\-]){_LATIN_TOKEN}(?: {_LATIN_TOKEN})*(?![A-Za-z0-9])")
_CAP_TOKEN = r"[A-ZÀ-ÖØ-Þ][\w'\-]*\w"
CAPITALISED_RUN = re.compile(rf"(?<![\w\-]){_CAP_TOKEN}(?: {_CAP_TOKEN})+(?![\w\-])")
MODEL_VERSION = re.compile(
    r"(?<![A-Za-z0-9_.\-])(?P<name>[A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{2,})(?P<sep>[- ]?)"
    r"(?P<version>[vV]?\d+(?:\.\d+)*[A-Za-z]{0,2})(?P<size>-\d+(?:\.\d+)?[BbMmKkTt])?(?![A-Za-z0-9_.\-])"
)
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class DiscoveryRules:
    """Compiled discovery settings (see entity_rules.yaml for their meaning)."""

    min_occurrences: int
    min_articles: int
    cjk_languages: frozenset[str]
    capitalised_nouns: frozenset[str]
    stopwords: frozenset[str]
    organization_suffixes: frozenset[str]
    given_names: frozenset[str]
    katakana_non_name_parts: frozenset[str]
    cjk_organization: re.Pattern[str]
    cjk_generic_endings: tuple[str, ...]
    model_size: re.Pattern[str]
    promote: tuple[dict, ...]
    reject: frozenset[str]

    @classmethod
    def load(cls) -> DiscoveryRules:
        data = load_yaml("entity_rules.yaml")
        review = load_yaml("entity_review.yaml") or {}
        lo, hi = data.get("cjk_name_length") or (2, 10)
        suffixes = "|".join(map(re.escape, sorted(data["cjk_organization_suffixes"], key=len, reverse=True)))
        char = rf"(?:(?![{re.escape(data['cjk_name_breakers'])}])[\u3400-\u4dbf\u4e00-\u9fff{_KATAKANA}A-Za-z0-9])"
        return cls(
            min_occurrences=int(data["min_occurrences"]),
            min_articles=int(data["min_articles"]),
            cjk_languages=frozenset(data["cjk_languages"]),
            capitalised_nouns=frozenset(data.get("capitalised_nouns") or ()),
            stopwords=frozenset(fold(str(w)) for w in data["latin_stopwords"]),
            organization_suffixes=frozenset(fold(str(w)) for w in data["organization_suffixes"]),
            given_names=frozenset(fold(str(w)) for w in data["given_names"]),
            katakana_non_name_parts=frozenset(data["katakana_non_name_parts"]),
            cjk_organization=re.compile(rf"(?<!{char}){char}{{{lo},{hi}}}?(?:{suffixes})"),
            cjk_generic_endings=tuple(data.get("cjk_generic_endings") or ()),
            model_size=re.compile(data["model_size_pattern"]),
            promote=tuple(review.get("promote") or ()),
            reject=frozenset(fold(str(n)) for n in review.get("reject") or ()),
        )


@dataclass(frozen=True)
class Sighting:
    """One occurrence of a candidate name."""

    surface: str
    pattern: str
    kind: EntityKind
    strong: bool
    article: str
    lang: str


# -- finding candidates --------------------------------------------------------


def _latin_name(tokens: list[str], rules: DiscoveryRules) -> list[str]:
    """`tokens` without leading/trailing stopwords ("Wie Warren Buffett" -> "Warren Buffett")."""
    while tokens and fold(tokens[0]) in rules.stopwords:
        tokens = tokens[1:]
    while tokens and fold(tokens[-1]) in rules.stopwords - rules.organization_suffixes:
        tokens = tokens[:-1]
    return tokens


def _latin_kind(tokens: list[str], rules: DiscoveryRules) -> tuple[EntityKind, bool]:
    """Kind of a Latin name and whether a cue makes it strong."""
    if len(tokens) >= 2 and fold(tokens[0]) in rules.given_names and tokens[-1][:1].isupper():
        return "person", True
    if len(tokens) >= 2 and fold(tokens[-1]) in rules.organization_suffixes:
        return "organization", True
    return "other", False


def _is_acronym_or_short(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) < 2 or (len(token) <= 5 and all(c.isupper() for c in letters))


def latin_in_cjk(text: str, rules: DiscoveryRules) -> Iterator[tuple[str, EntityKind, bool]]:
    """Latin-script names inside CJK text (a lab or model written in Latin letters amid kana and kanji)."""
    for m in LATIN_RUN.finditer(text):
        tokens = _latin_name(m.group(0).split(" "), rules)
        if not tokens or not tokens[0][:1].isupper():
            continue
        if len(tokens) == 1 and _is_acronym_or_short(tokens[0]):
            continue
        if all(fold(t) in rules.stopwords or _is_acronym_or_short(t) for t in tokens):
            continue
        yield (" ".join(tokens), *_latin_kind(tokens, rules))


def capitalised_names(text: str, rules: DiscoveryRules) -> Iterator[tuple[str, EntityKind, bool]]:
    """Runs of two or more capitalised words ("Warren Buffett", "Brightline Research")."""
    for m in CAPITALISED_RUN.finditer(text):
        tokens = _latin_name(m.group(0).split(" "), rules)
        if len(tokens) >= 2:
            yield (" ".join(tokens), *_latin_kind(tokens, rules))


def katakana_names(text: str, rules: DiscoveryRules, known: set[str]) -> Iterator[tuple[str, EntityKind, bool]]:
    """Katakana names joined by ・ ("スコット・シンガー"); not lists of known names."""
    for m in KATAKANA_NAME.finditer(text):
        parts = re.split("[・=]", m.group(0))
        if any(p in rules.katakana_non_name_parts for p in parts) or any(fold(p) in known for p in parts):
            continue
        yield m.group(0), "person", True


def cjk_organizations(text: str, rules: DiscoveryRules) -> Iterator[tuple[str, EntityKind, bool]]:
    """CJK names ending in an organization suffix (…社, …集团, …公司, …大学)."""
    for m in rules.cjk_organization.finditer(text):
        if not m.group(0).endswith(rules.cjk_generic_endings):
            yield m.group(0), "organization", False


def model_names(text: str, rules: DiscoveryRules) -> Iterator[tuple[str, EntityKind, bool]]:
    """Names with a version ("Qwen 2.5-32B", "GPT-4o"); a size makes them strong."""
    for m in MODEL_VERSION.finditer(text):
        if fold(m.group("name")) in rules.stopwords:
            continue
        if _YEAR.fullmatch(m.group("version")) and not m.group("size"):
            continue
        yield m.group(0), "product", bool(rules.model_size.search(m.group(0)))


def sightings(article: Article, rules: DiscoveryRules, known: set[str]) -> Iterator[Sighting]:
    """Every candidate occurrence in an article's body, in reading order.

    Patterns run in order of specificity; a later pattern does not repeat a
    name an earlier one found in the same paragraph.
    """
    cjk = article.lang in rules.cjk_languages
    for para in article.paragraphs:
        text = unicodedata.normalize("NFKC", para.text)
        finders = [("model_version", model_names(text, rules))]
        if cjk:
            finders += [
                ("katakana_name", katakana_names(text, rules, known)),
                ("latin_in_cjk", latin_in_cjk(text, rules)),
                ("cjk_organization", cjk_organizations(text, rules)),
            ]
        elif para.kind != "heading":  # headings may be in Title Case
            finders.append(("capitalised_name", capitalised_names(text, rules)))
        claimed: set[str] = set()  # names found by an earlier pattern
        for pattern, found in finders:
            keys = set()
            for surface, kind, strong in found:
                key = fold(surface)
                if key not in claimed:
                    keys.add(key)
                    yield Sighting(surface, pattern, kind, strong, article.id, article.lang)
            claimed |= keys


# -- deciding ------------------------------------------------------------------------


def _decide(group: list[Sighting], rules: DiscoveryRules, capitalised_only: bool) -> tuple[bool, str]:
    """Whether a candidate's sightings make it an entity, and why."""
    articles = {s.article for s in group}
    if any(s.strong for s in group):
        return True, "strong pattern"
    if len(articles) >= rules.min_articles:
        return True, f"in {len(articles)} articles"
    if capitalised_only:
        return False, "capitalised words in one article of a language that capitalises nouns"
    if len(group) >= rules.min_occurrences:
        return True, f"{len(group)} occurrences"
    return False, "seen once"


def discover(
    articles: Iterable[Article], known_keys: set[str], taken_ids: set[str], rules: DiscoveryRules | None = None
) -> tuple[list[EntitySpec], list[EntityCandidate]]:
    """Entities for the strong candidates (plus promoted names), and all candidates.

    `known_keys` are the folded aliases of the curated table (never
    rediscovered); `taken_ids` are ids new entities must not reuse; `rules`
    default to the data files.
    """
    rules = rules or DiscoveryRules.load()
    groups: dict[str, list[Sighting]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: a.id):
        for s in sightings(article, rules, known_keys):
            if fold(s.surface) not in known_keys:
                groups[fold(s.surface)].append(s)
    promoted = {fold(str(p["name"])): p for p in rules.promote if p.get("name")}
    ids = set(taken_ids)
    specs: list[EntitySpec] = []
    candidates: list[EntityCandidate] = []
    for key, group in sorted(groups.items()):
        name = _display(group)
        first = group[0]
        capitalised_only = all(s.pattern == "capitalised_name" and s.lang in rules.capitalised_nouns for s in group)
        accepted, reason = _decide(group, rules, capitalised_only)
        kind = first.kind if first.kind != "other" else next((s.kind for s in group if s.kind != "other"), "other")
        if key in rules.reject:
            accepted, reason = False, "rejected in entity_review.yaml"
        if key in promoted:
            accepted, reason = True, "promoted in entity_review.yaml"
            kind = promoted[key].get("kind", kind)
        entity_id = None
        if accepted:
            entity_id = _new_id(str((promoted.get(key) or {}).get("id") or name), kind, ids)
            specs.append(EntitySpec(entity_id, kind, _surface_names(group), "discovered"))
        candidates.append(EntityCandidate(
            name, kind, first.pattern, len(group), tuple(sorted({s.article for s in group})), accepted, reason, entity_id
        ))
    for key, entry in sorted(promoted.items()):
        if key not in groups and key not in known_keys:
            entity_id = _new_id(str(entry.get("id") or entry["name"]), entry.get("kind", "other"), ids)
            names = {str(lang): (str(entry["name"]),) for lang in entry.get("languages") or ("en",)}
            specs.append(EntitySpec(entity_id, entry.get("kind", "other"), names, "discovered"))
    return specs, candidates


def _display(group: list[Sighting]) -> str:
    counts = Counter(s.surface for s in group)
    return min(counts, key=lambda s: (-counts[s], s))


def _surface_names(group: list[Sighting]) -> dict[str, tuple[str, ...]]:
    """Names per language, most frequent spelling first."""
    by_lang: dict[str, Counter] = defaultdict(Counter)
    for s in group:
        by_lang[s.lang][s.surface] += 1
    return ordered_names({lang: sorted(c, key=lambda s: (-c[s], s)) for lang, c in by_lang.items()})


def _new_id(name: str, kind: str, taken: set[str]) -> str:
    """A unique slug; a name without Latin letters gets its kind as prefix."""
    base = slugify(name)
    if not any(c.isascii() and c.isalnum() for c in name):
        base = f"{kind}-{base}"
    if base == "index":
        base = "index-entity"
    new, n = base, 1
    while new in taken:
        n += 1
        new = f"{base}-{n}"
    taken.add(new)
    return new
