"""EXTRACT: entity mentions, from the curated alias table and discovered names.

Every alias of every entity goes into one Aho-Corasick automaton per build.
Aliases and paragraphs are folded the same way (NFKC, case folding, one
space for any run of whitespace), and a folded paragraph keeps a map back to
the original offsets, so one pass over a paragraph costs O(its length)
however large the table is. Matches are then checked at their edges (whole
words for Latin names, no katakana word cut in two) and overlaps resolved
longest first, then leftmost, as spaCy's EntityRuler does.
"""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick
from babel import Locale

from . import parallel
from .cache import digest
from .langdata import load_yaml
from .model import Article, Entity, EntityKind, Mention
from .text import LazyPattern, simplified_chinese, slugify

if TYPE_CHECKING:
    from .entity_discovery import DiscoveryRules, KeyedSightingsFor

T = TypeVar("T")
Keep = Callable[[str, str, Callable[[], T]], T]  # (namespace, key, compute): `Cache.memo`, or just compute

KINDS = ("person", "organization", "product", "place", "event", "other")
NAME_SEPARATORS = LazyPattern(r"[ ・·=]")
HAN_NAME = LazyPattern("[\u3400-\u4dbf\u4e00-\u9fff\u3005]+")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2212": "-", "\u2019": "'", "\u00b7": "·"})
_ASCII_SPACE = str.maketrans(dict.fromkeys("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", " "))


# -- folding ---------------------------------------------------------------------


def fold_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """`text` folded for matching, with each folded char's original span.

    A base character and its combining marks fold together, so decomposed
    accents still match; runs of whitespace become one space. Most texts
    have neither marks nor runs of spaces: they fold one character at a
    time from a memo (C-level `map`), which is what keeps matching cheap;
    the others take the unit-by-unit path.
    """
    if text.isascii():
        folded = text.lower().translate(_ASCII_SPACE)
        if "  " in folded:
            return _fold_units(text)
        return folded, list(range(len(text))), list(range(1, len(text) + 1))
    parts = list(map(_fold_char, text))
    folded = "".join(parts)
    if "  " in folded or any(map(unicodedata.combining, text)):
        return _fold_units(text)
    if len(folded) == len(text):
        return folded, list(range(len(text))), list(range(1, len(text) + 1))
    starts = [i for i, part in enumerate(parts) for _ in part]
    return folded, starts, [i + 1 for i in starts]


@lru_cache(maxsize=1 << 16)
def _fold_char(char: str) -> str:
    """One character folded as a unit of its own (see `fold_with_offsets`)."""
    if char.isspace():
        return " "
    return unicodedata.normalize("NFKC", char.translate(_DASHES)).casefold().translate(simplified_chinese())


def _fold_units(text: str) -> tuple[str, list[int], list[int]]:
    """`fold_with_offsets` one unit (a base character and its marks) at a time."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        unit = text[i:j]
        if unit.isspace():
            folded = "" if out and out[-1] == " " else " "
        else:
            folded = unicodedata.normalize("NFKC", unit.translate(_DASHES)).casefold().translate(simplified_chinese())
        for ch in folded:
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), starts, ends


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The matching key of a name (see `fold_with_offsets`)."""
    return fold_with_offsets(text.strip())[0].strip()


def is_latin_word_char(ch: str) -> bool:
    """A letter or digit of an alphabetic script (Latin, Greek, Cyrillic...)."""
    return ch.isalnum() and ord(ch) < 0x2E80


def is_hangul(ch: str) -> bool:
    """A Hangul syllable or letter."""
    return "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


def is_katakana(ch: str) -> bool:
    """Katakana or the long vowel mark; not the ・ that separates words."""
    return "\u30a1" <= ch <= "\u30ff" and ch != "\u30fb"


def is_han(ch: str) -> bool:
    """A CJK ideograph (or the iteration mark 々), as HAN_NAME takes them."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch == "\u3005"


# -- the alias table ---------------------------------------------------------------


@dataclass(frozen=True)
class EntitySpec:
    """An entity known before matching: curated, CLDR place, or discovered."""

    id: str
    kind: EntityKind
    names: dict[str, tuple[str, ...]]
    origin: str = "curated"


@dataclass(frozen=True)
class Alias:
    """One name of one entity, as put into the automaton."""

    entity: str
    text: str
    key: str
    priority: int  # lower wins when two entities share a key
    short_form: bool = False  # a family name or a name without its suffix: valid only after the full name in the article
    place: bool = False  # may take a CJK city word ("大阪" in "大阪市")

    @property
    def exact_case(self) -> bool:
        """Short all-caps names ("US", "EU") must match exactly, not "us"."""
        letters = [c for c in self.text if c.isalpha()]
        return 0 < len(letters) <= 3 and all(c.isupper() for c in letters) and self.text.isascii()

    @property
    def proper(self) -> bool:
        """A capitalised name of a cased script does not match a lower-case
        word: "Meta" not "meta", "Réunion" not the French "réunion" (meeting)."""
        return self.text[:1].isupper()


def _korean_endings(particles: Iterable[str], place_words: Iterable[str]) -> frozenset[str]:
    """What may follow a name inside a Korean word: a particle, or a place word with or without one."""
    particles = set(particles)
    return frozenset(particles | {w + p for w in place_words for p in ("", *particles)})


@dataclass(frozen=True)
class MatchRules:
    """Language rules used while matching (from entity_rules.yaml)."""

    inflections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    min_family_name_length: int = 2
    family_name_particles: frozenset[str] = frozenset()  # folded ("di", "von", "der")
    han_family_name_length: dict[str, int] = field(default_factory=dict)
    given_name_languages: frozenset[str] = frozenset()  # where a person is called by the given name
    first_family_name_languages: frozenset[str] = frozenset()  # where the first of two family names is used alone
    short_form_suffixes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> suffixes, longest first
    ko_particles: frozenset[str] = frozenset()  # what may follow a name inside a Korean word ("삼성전자는")
    city_words: tuple[tuple[str, str], ...] = ()  # (folded word, characters it must not precede): "市", not "市場"
    ko_city_words: tuple[str, ...] = ()  # after a Korean place, part of its mention ("부산시가": 부산시)
    adjective_endings: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    noun_endings: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> MatchRules:
        data = load_yaml("entity_rules.yaml")
        return cls(
            inflections={k: tuple(v) for k, v in (data.get("inflection_suffixes") or {}).items()},
            min_family_name_length=int(data.get("min_family_name_length", 2)),
            family_name_particles=frozenset(str(w).casefold() for w in data.get("family_name_particles") or ()),
            han_family_name_length={str(k): int(v) for k, v in (data.get("han_family_name_length") or {}).items()},
            given_name_languages=frozenset(map(str, data.get("given_name_languages") or ())),
            first_family_name_languages=frozenset(map(str, data.get("first_family_name_languages") or ())),
            short_form_suffixes=_short_form_suffixes(data),
            ko_particles=_korean_endings(data.get("ko_particles") or (), data.get("ko_place_endings") or ()),
            city_words=tuple((fold(w), fold(str((data.get("cjk_suffix_not_before") or {}).get(w, ""))))
                             for w in data.get("cjk_city_words") or ()),
            ko_city_words=tuple(sorted(map(str, data.get("ko_city_words") or ()), key=len, reverse=True)),
            adjective_endings=_endings(data.get("adjective_endings")),
            noun_endings=_endings(data.get("noun_endings")),
        )

    def declined(self, name: str, lang: str) -> list[str]:
        """Other forms of a capitalised name: of its first word when that is a
        declinable adjective ("Deutschen Bank"), of its last word when its
        ending declines ("Москве" for "Москва")."""
        if not name[:1].isupper():
            return []
        first, _, rest = name.partition(" ")
        firsts = [
            first[: -len(ending)] + other
            for ending, others in self.adjective_endings.get(lang, {}).items()
            if rest and first.endswith(ending)
            for other in others
        ]
        forms = [f"{f} {rest}" for f in firsts]
        last = name.rsplit(" ", 1)[-1]
        endings = self.noun_endings.get(lang, {})
        ending = max((e for e in endings if last.endswith(e) and len(last) > len(e) + 2), key=len, default=None)
        if ending is not None:
            lasts = [name[: -len(ending)] + other for other in endings[ending]]
            forms += lasts
            # both declined ("Ленинградской области" for "Ленинградская область")
            forms += [f"{f} {form.partition(' ')[2]}" for f in firsts for form in lasts if " " in form]
        return forms


def _endings(data: dict | None) -> dict[str, dict[str, tuple[str, ...]]]:
    """{language: {ending: its other endings}} from entity_rules.yaml."""
    return {lang: {str(k): tuple(map(str, v)) for k, v in endings.items()} for lang, endings in (data or {}).items()}


def _names_by_language(raw: dict, languages: list[str]) -> dict[str, tuple[str, ...]]:
    """Expand `all:` to every language; keep each language's order, no repeats."""
    out: dict[str, list[str]] = {}
    for lang in languages:
        names = [*(raw.get(lang) or ()), *(raw.get("all") or ())]
        out[lang] = list(dict.fromkeys(str(n) for n in names))
    for lang, names in raw.items():
        if lang not in out and lang != "all":
            out[lang] = list(dict.fromkeys(str(n) for n in names))
    return {lang: tuple(names) for lang, names in out.items() if names}


def load_curated() -> list[EntitySpec]:
    """The curated entities and the CLDR places, in file order.

    A place name that a curated entity (or an earlier place) already has is
    dropped from the place, so that every name belongs to one entity.
    """
    data = load_yaml("entities.yaml")
    languages = list(data.get("languages") or ["en"])
    specs = [
        EntitySpec(e["id"], e["kind"], _names_by_language(e.get("names") or {}, languages))
        for e in data.get("entities") or ()
    ]
    taken = {fold(n): s.id for s in specs for names in s.names.values() for n in names}
    places = []
    for spec in place_specs(load_yaml("places.yaml"), languages):
        names = {}
        for lang, ns in spec.names.items():
            kept = tuple(n for n in ns if taken.setdefault(fold(n), spec.id) == spec.id)
            if kept:
                names[lang] = kept
        if names:
            places.append(EntitySpec(spec.id, spec.kind, names, spec.origin))
    return specs + places


def _merge(first: dict[str, tuple[str, ...]], extra: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    keys = list(dict.fromkeys([*first, *extra]))
    return {k: tuple(dict.fromkeys([*first.get(k, ()), *extra.get(k, ())])) for k in keys}


def _city_name(locale: Locale, zone: str) -> str:
    """CLDR's exemplar city of a time zone, else the zone's own name."""
    return (locale.time_zones.get(zone) or {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")


def _territory_codes(data: dict, english: Locale) -> list[str]:
    chosen = data.get("territories") or ()
    codes = sorted(english.territories) if chosen == "all" else [str(c) for c in chosen]
    excluded = {str(c) for c in data.get("exclude_territories") or ()}
    return [c for c in codes if c not in excluded]


def _zones(data: dict, locales: dict[str, Locale]) -> list[str]:
    """Time zones of the chosen areas, one level deep, that CLDR names a city for."""
    regions = set(data.get("tz_regions") or ())
    excluded = set(data.get("exclude_tz") or ())
    known = {z for loc in locales.values() for z, v in loc.time_zones.items() if v.get("city")}
    return sorted(z for z in known if z.count("/") == 1 and z.split("/")[0] in regions and z not in excluded)


def place_specs(data: dict, languages: list[str]) -> list[EntitySpec]:
    """Countries, regions and cities named by CLDR in every language."""
    locales = {lang: Locale.parse(lang) for lang in languages}
    english = locales.get("en") or Locale.parse("en")
    ids = data.get("ids") or {}
    skip = {lang: set(names) for lang, names in (data.get("exclude_names") or {}).items()}

    def keep(names: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        return {lang: tuple(n for n in ns if n not in skip.get(lang, ())) for lang, ns in names.items()}

    specs: dict[str, EntitySpec] = {}
    for code in _territory_codes(data, english):
        pid = ids.get(code) or slugify(english.territories[code])
        names = {lang: (loc.territories[code],) for lang, loc in locales.items() if code in loc.territories}
        specs[pid] = EntitySpec(pid, "place", keep(names))
    zones = {slugify(_city_name(english, z)): z for z in _zones(data, locales)}
    for pid, zone in {**zones, **(data.get("tz_cities") or {})}.items():
        if pid not in specs:  # a city-state's zone names the country itself
            specs[pid] = EntitySpec(pid, "place", {lang: (_city_name(loc, zone),) for lang, loc in locales.items()})
    for pid, raw in (data.get("cities") or {}).items():
        specs[pid] = EntitySpec(pid, "place", _names_by_language(raw, languages))
    for pid, raw in (data.get("aliases") or {}).items():
        if pid in specs:
            specs[pid] = EntitySpec(pid, "place", _merge(specs[pid].names, _names_by_language(raw, languages)))
    return list(specs.values())


def family_name(name: str, lang: str, rules: MatchRules) -> str | None:
    """The family name of a person's name in language `lang`: the last part
    of a multi-part name ("Singer", "シンガー") with the particles before it
    ("Di Lorenzo", "von der Leyen"), or, where names in kanji
    start with a family name of known length (`han_family_name_length`),
    its first characters ("山本" of "山本由伸"), or its first part when the
    name is written with a space ("森田" of "森田 剛")."""
    parts = [p for p in NAME_SEPARATORS.split(name.strip()) if p]
    length = rules.han_family_name_length.get(lang)
    if length and len(parts) == 2 and all(HAN_NAME.fullmatch(p) for p in parts):
        return parts[0] if len(parts[0]) >= rules.min_family_name_length else None
    if len(parts) >= 2:
        if len(parts[-1]) < rules.min_family_name_length:
            return None
        first = len(parts) - 1
        while first > 1 and parts[first - 1].casefold() in rules.family_name_particles:
            first -= 1
        return " ".join(parts[first:])
    if length and len(name) > length and HAN_NAME.fullmatch(name):
        return name[:length]
    return None


def short_forms(name: str, lang: str, rules: MatchRules) -> list[str]:
    """The parts of a person's name that refer to them after the full name:
    the family name (`family_name`), every run of parts that ends the name
    after the given name ("Lindqvist Berg" of "Anna Lindqvist Berg", "Lan
    Anh" of "Nguyễn Thị Lan Anh"), where a person has two family names
    (`first_family_name_languages`) the first ("Durazo" of "Alfonso Durazo
    Montaño"), and where people are called by their given name
    (`given_name_languages`: Indonesian "Bahlil"), the given name."""
    family = family_name(name, lang, rules)
    if family is None:
        return []
    parts = [p for p in NAME_SEPARATORS.split(name.strip()) if p]
    first = len(parts) - len(family.split())
    forms = [family, *(" ".join(parts[k:]) for k in range(1, first))]
    if len(parts) == 3 and first == 2 and lang in rules.first_family_name_languages:
        forms.append(parts[1])
    if lang in rules.given_name_languages:
        forms.append(parts[0])
    return [f for f in dict.fromkeys(forms) if len(f) >= rules.min_family_name_length]


def build_aliases(specs: Iterable[EntitySpec], rules: MatchRules) -> list[Alias]:
    """Every name of every entity (with its declined forms), plus family names of people.

    A family name is left out when it is also a full name of some entity.
    """
    specs = list(specs)
    aliases: list[Alias] = []
    for rank, spec in enumerate(specs):
        priority = rank if spec.origin == "curated" else len(specs) + rank
        place = spec.kind == "place"
        for lang, names in spec.names.items():
            for name in names:
                aliases.append(Alias(spec.id, name, fold(name), priority, place=place))
                aliases += [Alias(spec.id, form, fold(form), priority, place=place) for form in rules.declined(name, lang)]
    full_keys = {a.key for a in aliases}
    for rank, spec in enumerate(specs):
        for lang, names in spec.names.items():
            for name in names:
                shorts = short_forms(name, lang, rules) if spec.kind == "person" else unsuffixed(name, lang, rules)
                aliases += [Alias(spec.id, short, fold(short), 2 * len(specs) + rank, short_form=True)
                            for short in shorts if fold(short) not in full_keys]
    return aliases


def _short_form_suffixes(data: dict) -> dict[str, tuple[str, ...]]:
    """`short_form_suffixes` per language, longest first; a Japanese club
    (`ja_team_words`) is also called by the town or owner before its name."""
    suffixes = {str(k): [str(s) for s in v] for k, v in (data.get("short_form_suffixes") or {}).items()}
    suffixes.setdefault("ja", []).extend(map(str, data.get("ja_team_words") or ()))
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in suffixes.items()}


def unsuffixed(name: str, lang: str, rules: MatchRules) -> list[str]:
    """A name without the word that ends it, as news go on to call a place or
    a body once named in full ("宮崎" after "宮崎県", "故宫" after "故宫博物院");
    the word must be one of the language's `short_form_suffixes`."""
    suffix = next((s for s in rules.short_form_suffixes.get(lang, ()) if name.endswith(s)), None)
    short = name[: len(name) - len(suffix)].rstrip() if suffix else ""
    return [short] if len(short) >= rules.min_family_name_length else []


# -- matching ----------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """One accepted match in a paragraph, in original offsets."""

    start: int
    end: int
    alias: Alias
    suffix: int = 0  # length of an inflection ending included in the span


def alias_automaton(aliases: Iterable[Alias]) -> AliasAutomaton:
    """The best alias of each key (lowest priority) in one Aho-Corasick automaton."""
    best: dict[str, Alias] = {}
    for alias in aliases:
        if alias.key and (alias.key not in best or alias.priority < best[alias.key].priority):
            best[alias.key] = alias
    return AliasAutomaton([alias for _, alias in sorted(best.items())])


_ALIAS_FIELDS = tuple(f.name for f in dataclasses.fields(Alias))


class AliasAutomaton:
    """An Aho-Corasick automaton of alias keys whose values index the aliases.

    It pickles as an automaton of ints and the aliases' fields in columns,
    and each Alias is made again when a match first needs it: a new process
    loads that in a tenth of the time of an automaton holding tens of
    thousands of Alias objects, and an edit matches one article with it.
    """

    def __init__(self, aliases: list[Alias]):
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for i, alias in enumerate(aliases):
            automaton.add_word(alias.key, i)
        if aliases:
            automaton.make_automaton()
        self.automaton = automaton
        self._columns = tuple(tuple(getattr(a, f) for a in aliases) for f in _ALIAS_FIELDS)
        self._made = dict(enumerate(aliases))  # the aliases at hand; unpickled, none (`__setstate__`)

    def __getstate__(self) -> tuple:
        return self.automaton, self._columns

    def __setstate__(self, state: tuple) -> None:
        self.automaton, self._columns = state
        self._made: dict[int, Alias] = {}

    def __len__(self) -> int:
        return len(self.automaton)

    def alias(self, i: int) -> Alias:
        made = self._made.get(i)
        if made is None:
            made = self._made[i] = Alias(*(column[i] for column in self._columns))
        return made

    def iter(self, text: str) -> Iterator[tuple[int, Alias]]:
        """(index of the last character, alias) of every key found in `text`."""
        for last, i in self.automaton.iter(text):
            yield last, self.alias(i)

    def items(self) -> list[tuple[str, Alias]]:
        return [(alias.key, alias) for alias in map(self.alias, range(len(self)))]


class AliasMatcher:
    """All aliases in one automaton (see `alias_automaton`); `find` runs it on a text.

    `fingerprint` names the aliases: two matchers with equal fingerprints
    find the same mentions in any text. A caller that knows what decides
    the aliases (the data files and the discovered names) passes a digest
    of that; otherwise it is a digest of every alias.
    """

    def __init__(self, automaton: AliasAutomaton, rules: MatchRules, fingerprint: str = ""):
        self.rules = rules
        self.automaton = automaton
        self.size = len(automaton)
        self.fingerprint = fingerprint or hashlib.sha256(repr(sorted(automaton.items())).encode()).hexdigest()
        # {entity id: ((spec, surfaces seen, mentions), Entity)} of the last `recognize` with this matcher
        self.recognized: dict[str, tuple[tuple, Entity]] = {}

    @classmethod
    def of(cls, aliases: Iterable[Alias], rules: MatchRules) -> AliasMatcher:
        return cls(alias_automaton(aliases), rules)

    def find(self, text: str, lang: str) -> list[Found]:
        """Non-overlapping matches in `text`, longest first then leftmost."""
        if not self.size:
            return []
        folded, starts, ends = fold_with_offsets(text)
        suffixes = self.rules.inflections.get(lang, ())
        candidates: list[tuple[int, int, int, Alias]] = []
        for last, alias in self.automaton.iter(folded):
            a, b = last - len(alias.key) + 1, last + 1
            extended = _edges(folded, a, b, suffixes, self.rules.ko_particles)
            if extended is None:
                continue
            if alias.place and extended == b and is_han(folded[b - 1]):
                extended += _city_word(folded, b, self.rules.city_words)
            elif alias.place and is_hangul(folded[b - 1]):
                extended = b + _korean_city_word(folded, b, self.rules)
            surface = text[starts[a] : ends[extended - 1]]
            if _case_ok(alias, surface):
                candidates.append((a, extended, extended - b, alias))
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[3].entity))
        taken = bytearray(len(folded))
        found = []
        for a, b, suffix, alias in candidates:
            if any(taken[a:b]):
                continue
            taken[a:b] = b"\x01" * (b - a)
            found.append(Found(starts[a], ends[b - 1], alias, suffix))
        return sorted(found, key=lambda f: f.start)


def _edges(folded: str, a: int, b: int, suffixes: tuple[str, ...], particles: frozenset[str] = frozenset()) -> int | None:
    """The match end if [a, b) sits on word edges, allowing an inflection ending.

    Returns None when the match cuts a Latin word or a katakana word, or
    starts inside a Korean word, or ends inside one before anything but a
    particle ("삼성전자는", not "한국시리즈"), or when a name in kanji is written together
    with katakana, as one compound name ("サンフレッチェ広島", "日本サッカー協会").
    """
    before = folded[a - 1] if a else ""
    if before and (
        (is_latin_word_char(folded[a]) and is_latin_word_char(before))
        or (is_katakana(folded[a]) and is_katakana(before))
        or (is_hangul(folded[a]) and is_hangul(before))
        or (is_han(folded[a]) and is_katakana(before))
    ):
        return None
    after = folded[b] if b < len(folded) else ""
    if not after:
        return b
    if (is_katakana(folded[b - 1]) or is_han(folded[b - 1])) and is_katakana(after):
        return None
    if particles and is_hangul(folded[b - 1]) and is_hangul(after):
        rest = b
        while rest < len(folded) and is_hangul(folded[rest]):
            rest += 1
        if folded[b:rest] not in particles:
            return None
    if is_latin_word_char(folded[b - 1]) and is_latin_word_char(after):
        for suffix in suffixes:
            end = b + len(suffix)
            if folded.startswith(suffix, b) and (end == len(folded) or not is_latin_word_char(folded[end])):
                return end
        return None
    return b


def _city_word(folded: str, at: int, words: tuple[tuple[str, str], ...]) -> int:
    """The length of a city word at `at` ("大阪市" is the city 大阪, its surface with 市), else 0."""
    for word, not_before in words:
        end = at + len(word)
        if folded.startswith(word, at) and (end == len(folded) or folded[end] not in not_before):
            return len(word)
    return 0


def _korean_city_word(folded: str, at: int, rules: MatchRules) -> int:
    """The length of a city word at `at` that ends the Korean word or comes
    before a particle ("부산시가": 시; not "부산시장", the mayor), else 0."""
    for word in rules.ko_city_words:
        end = rest = at + len(word)
        while rest < len(folded) and is_hangul(folded[rest]):
            rest += 1
        if folded.startswith(word, at) and (rest == end or folded[end:rest] in rules.ko_particles):
            return len(word)
    return 0


def _case_ok(alias: Alias, surface: str) -> bool:
    norm = unicodedata.normalize("NFKC", surface)
    if alias.exact_case:
        return norm.startswith(alias.text)
    if alias.proper:
        first = next((c for c in norm if c.isalpha()), "")
        return not first.islower()
    return True


# -- recognition ------------------------------------------------------------------


def article_mentions(article: Article, matcher: AliasMatcher) -> list[tuple[Mention, int]]:
    """Mentions in an article's body, in reading order, with their ending length.

    A family-name match counts only once its person's full name has appeared
    earlier in the same article.
    """
    introduced: set[str] = set()
    out = []
    for para in article.paragraphs:
        for f in matcher.find(para.text, article.lang):
            if f.alias.short_form and f.alias.entity not in introduced:
                continue
            introduced.add(f.alias.entity)
            out.append((Mention(f.alias.entity, article.id, para.anchor, f.start, f.end, para.text[f.start : f.end]), f.suffix))
    return out


def all_mentions(articles: list[Article], matcher: AliasMatcher) -> list[list[tuple[Mention, int]]]:
    """`article_mentions` of each article, in worker processes when there are
    many: they inherit the articles and the automaton and get the articles'
    numbers only."""
    return parallel.ordered_map(lambda i: article_mentions(articles[i], matcher), range(len(articles)))


def ordered_names(names: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """English first (the display name), then the other languages by code."""
    langs = sorted(names, key=lambda lang: (lang != "en", lang))
    return {lang: tuple(names[lang]) for lang in langs if names[lang]}


def _names_with_surfaces(spec: EntitySpec, seen: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Known names per language, then each new spelling seen in that language."""
    names = {lang: list(ns) for lang, ns in spec.names.items()}
    folded: dict[str, set[str]] = {}  # of the languages seen only: a place has names in a hundred
    for lang, surface in dict.fromkeys(seen):  # an entity is seen thousands of times, in a few spellings
        known = folded.get(lang)
        if known is None:
            known = folded[lang] = {fold(n) for n in names.get(lang, ())}
        if fold(surface) not in known:
            name = " ".join(surface.split())
            names.setdefault(lang, []).append(name)
            known.add(fold(name))
    return ordered_names(names)


MentionsOf = Callable[[list[Article], "AliasMatcher"], list[list[tuple[Mention, int]]]]


def recognize(
    articles: Iterable[Article], specs: list[EntitySpec], rules: MatchRules,
    *, mentions_of: MentionsOf = all_mentions, matcher: AliasMatcher | None = None,
) -> tuple[Entity, ...]:
    """Entities mentioned at least once, each with every mention, sorted by id.

    `mentions_of` is `all_mentions` unless the caller remembers its
    results (by article and `AliasMatcher.fingerprint`); `matcher` is the
    automaton of `specs`, when the caller keeps one: an entity whose spec,
    names seen and mentions are those of its last call is that call's object.
    """
    matcher = matcher or AliasMatcher.of(build_aliases(specs, rules), rules)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    seen: dict[str, list[tuple[str, str]]] = defaultdict(list)
    ordered = sorted(articles, key=lambda a: a.id)
    for article, found in zip(ordered, mentions_of(ordered, matcher)):
        for mention, suffix in found:
            mentions[mention.entity].append(mention)
            seen[mention.entity].append((article.lang, mention.surface[: len(mention.surface) - suffix]))
    entities, recognized = [], {}
    for spec in specs:
        if not mentions.get(spec.id):
            continue
        inputs = (spec, seen[spec.id], mentions[spec.id])
        last = matcher.recognized.get(spec.id)
        entity = last[1] if last is not None and last[0] == inputs else Entity(
            spec.id, spec.kind, _names_with_surfaces(spec, seen[spec.id]), tuple(mentions[spec.id]), spec.origin
        )
        recognized[spec.id] = (inputs, entity)
        entities.append(entity)
    matcher.recognized = recognized  # an unchanged entity stays the same object: later stages compare by identity
    return tuple(sorted(entities, key=lambda e: e.id))


@dataclass(frozen=True)
class EntityTables:
    """What matching and discovery take from the data files alone (the same
    for every article and every build of one code version)."""

    rules: MatchRules
    curated: tuple[EntitySpec, ...]
    known: frozenset[str]  # folded full names of the curated table: never rediscovered
    discovery: DiscoveryRules

    @classmethod
    def load(cls) -> EntityTables:
        from .entity_discovery import DiscoveryRules  # discovery builds on this module

        rules = MatchRules.load()
        curated = tuple(load_curated())
        known = frozenset(alias.key for alias in build_aliases(curated, rules) if not alias.short_form)
        places = frozenset(fold(n) for spec in curated if spec.kind == "place" for ns in spec.names.values() for n in ns)
        return cls(rules, curated, known, dataclasses.replace(DiscoveryRules.load(), places=places))


def _compute(namespace: str, key: str, compute: Callable[[], T]) -> T:
    return compute()


def extract_entities(
    articles: Iterable[Article], *, sightings_for: KeyedSightingsFor | None = None, mentions_of: MentionsOf = all_mentions,
    keep: Keep = _compute,
) -> tuple[tuple[Entity, ...], tuple]:
    """The build step: curated table + discovered names -> entities, candidates.

    Discovery runs first so that its names join the one automaton. The two
    per-article steps can be remembered by the caller (see `discover`,
    `recognize`), and so can the tables, the discovered names and the
    automaton (`keep`): they change only with the data files and the
    sightings, and making them costs more than matching one edited article.
    """
    from .entity_discovery import discover_in, keyed_new_sightings  # discovery builds on this module

    articles = list(articles)
    tables: EntityTables = keep("entity-tables", "", EntityTables.load)
    curated_ids = {spec.id for spec in tables.curated}
    find_sightings = sightings_for or keyed_new_sightings
    sightings, sightings_key = find_sightings(sorted(articles, key=lambda a: a.id), tables.discovery, tables.known)
    # an edit that names no new name leaves every sighting as it was (they hold no positions): nothing to decide again
    discovered, candidates = keep("discovery", sightings_key, lambda: discover_in(
        sightings, tables.known, curated_ids, tables.discovery))
    specs = [*tables.curated, *discovered]
    key = digest(discovered)  # with the data files (in every cache key), all that decides the aliases
    matcher = keep("matcher", key, lambda: AliasMatcher(
        keep("automaton", key, lambda: alias_automaton(build_aliases(specs, tables.rules))), tables.rules, key))
    return recognize(articles, specs, tables.rules, mentions_of=mentions_of, matcher=matcher), tuple(candidates)
