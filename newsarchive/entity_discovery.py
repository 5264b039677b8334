"""EXTRACT: discover names the curated table does not know.

Script patterns find candidates: capitalised names in Latin, Cyrillic or
Greek text (titles, demonyms and sentence openers cut off), Latin names
inside CJK text, katakana names joined by ・, Chinese, Japanese and Korean
people next to a title, CJK and Korean organization names, model names with
versions.
A candidate becomes an entity when it is strong (a pattern with a cue, a
multi-word name in a language that does not capitalise nouns, a repeat, or
several articles). All word lists live in `data/entity_rules.yaml` and
`data/entity_words/*.yaml`; users promote or reject candidates in
`data/entity_review.yaml`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import cached_property, partial
from os.path import commonprefix
from pathlib import Path

from babel import Locale

from . import parallel
from .cache import digest
from .entities import EntitySpec, MatchRules, fold, is_han, is_katakana, ordered_names, short_forms
from .langdata import DATA_DIR, load_yaml
from .model import Article, EntityCandidate, EntityKind
from .text import CAPITALS, SMALL_LETTERS, LazyPattern, simplified_chinese, slugify, without_accents

_KATAKANA = "\u30a1-\u30fa\u30fc-\u30ff"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\u3005"
KATAKANA_RUN = LazyPattern(f"[{_KATAKANA}]+")
_KATAKANA_NAME_AFTER = LazyPattern(rf"[(（](?P<short>[{_KATAKANA}]{{3,10}})[)）]")  # "日本貿易振興機構（ジェトロ）"
ZH_FOREIGN_NAME = LazyPattern(r"(?P<first>[\u4e00-\u9fff](?:-?[\u4e00-\u9fff]){0,15})(?:[·・‧][\u4e00-\u9fff]{1,8})+")
KATAKANA_NAME = LazyPattern(rf"(?<![{_KATAKANA}])[{_KATAKANA}]{{2,}}(?:[・=][{_KATAKANA}]{{2,}})+(?![{_KATAKANA}])")
_LATIN_TOKEN = r"[A-Za-z0-9]+(?:[.&'\-][A-Za-z0-9]+)*"
LATIN_RUN = LazyPattern(rf"(?<![A-Za-z0-9.\-]){_LATIN_TOKEN}(?: {_LATIN_TOKEN})*(?![A-Za-z0-9])")
_UPPER = CAPITALS  # of the cased scripts: Latin, Greek, Cyrillic
_LOWER = SMALL_LETTERS
# "Dr.", "M.K.", "S.p.A.", "Inc.," or a word ("H&M")
_CAP_TOKEN = (rf"(?:(?:[{_UPPER}]\.){{2,3}}(?= |$)|[{_UPPER}]\.(?:\w{{1,2}}\.){{1,3}}(?=[ ,;:)]|$)"
              rf"|[{_UPPER}][{_LOWER}]{{0,2}}\.(?=[ ,;:)])|[{_UPPER}](?:[\w'’/\-&]*\w)?)")
_NUMERAL = LazyPattern(r"[IVX]{1,4}|\d+")
_INITIALS = LazyPattern(rf"(?:[{_UPPER}]\.)+")
HANGUL_RUN = LazyPattern(r"[\uac00-\ud7a3]+")
HANGUL_WORD = LazyPattern(r"[\uac00-\ud7a3A-Za-z0-9]+")
MODEL_VERSION = LazyPattern(
    r"(?<![A-Za-z0-9_.\-])(?P<name>[A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{2,})(?P<sep>[- ]?)"
    r"(?P<version>[vV]?\d+(?:\.\d+)*[A-Za-z]{0,2})(?P<size>-\d+(?:\.\d+)?[BbMmKkTt])?(?![A-Za-z0-9_.\-])"
)
_YEAR = LazyPattern(r"(?:19|20)\d\d")
_OPENERS = " \t\n\"“”«»„‘'’(–—"  # quotes, and the dash that opens direct speech ("– Żyjemy", "— Ми")
# "(EDU II)" too, and in any cased script ("(GIOŚ)", "(ФСБ)")
_ACRONYM_AFTER = LazyPattern(rf"\s?[(（]([{_UPPER}][{_UPPER}{_LOWER}&.\-]{{1,9}}(?: (?:[IVX]{{1,4}}|\d{{1,2}}))?)[)）]")
_SHORT_NAME_AFTER = LazyPattern(
    r"[(（](?:以下|下称|下稱)?[、，,]?(?P<mark>简称|簡稱|略称|略稱|通称|通稱)?[:：]?(?P<quote>[“「\"『])?"
    r"(?P<short>[^“”「」\"『』()（）、，,。:：]{2,10})[”」\"』]?[)）]"
)
_POSSESSIVE = LazyPattern(r"['’]s?$")
_CASE_ENDING = LazyPattern(r"(?<=\w)['’][^\W\d_]+")  # an apostrophe and the letters after it
_LOWER_WORD = LazyPattern(rf" ([{_LOWER}][\w\-]*)")
_NONSPACE = LazyPattern(r"\S+")
_ELIDED_START = LazyPattern(r"^\w['’]")  # "l'", "d'" before a word
_ZH_QUOTES = {"“": "”", "「": "」", "《": "》", "『": "』"}  # opening -> closing
_ZH_QUOTED_MOST = 6  # characters of a quoted name before the two of its numbered part
_ZH_QUOTE_BEFORE = LazyPattern(rf"[{''.join(_ZH_QUOTES)}][{_HAN}]*$")  # an opening mark, then Han characters only
_LATIN_LEAD = LazyPattern(r"(?<![A-Za-z0-9&])[A-Z][A-Za-z0-9&]*$")  # Latin letters glued before katakana
_INNER_CAPITAL = LazyPattern(rf"[{_LOWER}\-][{_UPPER}]")  # no common word is written so
_LOWER_START = LazyPattern(rf"(?<![\w'’])[{_LOWER}][\w\-]*")  # a word written in lower case

Found = tuple[int, int, str, EntityKind, bool]  # start, end, surface, kind, strong
_key = str.casefold  # word-list key of a token of NFKC text; `fold` gives the same for single Latin words


def _words(lists: Iterable) -> frozenset[str]:
    return frozenset(fold(str(w)) for w in lists or ())


@dataclass(frozen=True)
class CitationForm:
    """How a language declines the names it capitalises, to give a discovered
    name its citation form: "des Statistischen Bundesamts" names the
    "Statistisches Bundesamt", "der Deutschen Presse-Agentur" the "Deutsche
    Presse-Agentur" (data/entity_rules.yaml `citation_forms`)."""

    genitive_endings: tuple[str, ...]  # taken off a head noun whose rest ends as a noun listed
    adjective_endings: tuple[str, ...]  # of an adjective before the head noun, longest first
    strong_endings: dict[str, str]  # gender -> the adjective's ending without an article
    nouns: dict[str, str]  # ending of a head noun -> its gender
    min_adjective: int = 5

    @cached_property
    def noun_endings(self) -> tuple[str, ...]:
        """The endings of `nouns`, for one test of a word against them all."""
        return tuple(self.nouns)

    @classmethod
    def of(cls, data: dict) -> CitationForm:
        return cls(
            genitive_endings=tuple(sorted(data["genitive_endings"], key=len, reverse=True)),
            adjective_endings=tuple(sorted(data["adjective_endings"], key=len, reverse=True)),
            strong_endings=dict(data["strong_endings"]),
            nouns={fold(k): v for k, v in data["nouns"].items()},
        )

    def gender(self, noun: str) -> tuple[str, str] | None:
        """The noun without a genitive ending, and its gender, if its ending is listed."""
        key = fold(noun)
        for cut in ("", *self.genitive_endings):
            stem = key[: len(key) - len(cut)] if cut else key
            if cut and not key.endswith(cut):
                continue
            if stem.endswith(self.noun_endings):
                ending = next(e for e in self.nouns if stem.endswith(e))
                return noun[: len(noun) - len(cut)] if cut else noun, self.nouns[ending]
        return None

    def of_name(self, name: str, connectors: AbstractSet[str]) -> str:
        """`name` in its citation form: the head noun (the last word before a
        connector) without a genitive ending and the adjectives before it
        with the ending they take without an article; unchanged when the
        head noun's gender is not known."""
        words = name.split(" ")
        head = next((i - 1 for i, w in enumerate(words) if i and _key(w) in connectors), len(words) - 1)
        found = self.gender(words[head])
        if found is None:
            return name
        words[head], gender = found
        for i in range(head):
            word = words[i]
            ending = next((e for e in self.adjective_endings if word.endswith(e)), None)
            if ending is not None and len(word) >= self.min_adjective and word[:1].isupper():
                words[i] = word[: len(word) - len(ending)] + self.strong_endings[gender]
        return " ".join(words)


@dataclass(frozen=True)
class LatinWords:
    """The word lists of data/entity_words/, merged over languages, plus CLDR names."""

    stop: frozenset[str]  # never at the edge of a name
    function_words: frozenset[str]  # end an organization name written on in lower case
    lowercase_org_heads: frozenset[str]  # nouns an organization name written on in lower case may end with
    portfolio_titles: frozenset[str]  # lower-case titles whose portfolio follows a connector ("ministro dell'Economia")
    seat_after: LazyPattern  # a preposition of place and a capitalised word, after such a noun
    demonyms: frozenset[str]
    solo: frozenset[str]  # never a name on their own
    generic: frozenset[str]  # acronyms and words that end no name ("DRAM", "AI")
    connectors: frozenset[str]  # may stand inside a name, even capitalised ("Roberto De Zerbi")
    titles: frozenset[str]
    field_titles: frozenset[str]  # titles written after the field they head (Turkish "... Bakanı")
    foreign_stopwords: dict[str, frozenset[str]]  # per language with a list: the others' stopwords, a name's words there
    own_breakers: dict[str, frozenset[str]]  # per language: others' connectors that end a name in it (id "di", not it "di")
    title_endings: tuple[str, ...]
    org_first: frozenset[str]
    place_first: frozenset[str]  # first words that make a name a place ("Kanton Zürich", "Kabupaten Kolaka")
    org_last: frozenset[str]
    given_names: frozenset[str]
    run: LazyPattern
    abbreviations: frozenset[str] = frozenset()  # a full stop after them ends no sentence ("Corp.", "Gov.")
    calendar_abbreviations: frozenset[str] = frozenset()  # CLDR's, no name when written with their stop ("Aug. 26")
    compound_suffix: LazyPattern = LazyPattern("(?!)")  # "-based" after a name, at its end
    headed: LazyPattern = LazyPattern("(?!)")  # a lower-case head, a connector, a name ("université de Bordeaux")
    place_after: LazyPattern = LazyPattern("(?!)")  # a connector, maybe an article, and one capitalised word
    descriptor_endings: tuple[str, ...] = ()  # see `is_descriptor`
    elided: LazyPattern = LazyPattern("(?!)")  # a connector glued to the next word ("d'Italia")
    org_endings: tuple[str, ...] = ()  # endings of compound organization words ("Verkehrsgesellschaft")
    org_prefixes: tuple[str, ...] = ()  # first parts of compounds that name public bodies ("Bundes-")
    adjective_endings: tuple[str, ...] = ()  # a single word ending so is an adjective more often than a name
    place_prepositions: frozenset[str] = frozenset()  # see `place_name_endings`
    place_name_endings: tuple[str, ...] = ()  # in a language that capitalises nouns: a place after a preposition
    place_prefixes: tuple[str, ...] = ()  # a direction glued to a known place names a region ("Ostukraine")
    street_endings: tuple[str, ...] = ()  # in a language that capitalises nouns: a street or square ("Bürkliplatz")
    street_generic: frozenset[str] = frozenset()  # ... unless the word is a common noun ("Parkplatz")
    seat_prepositions: dict[str, frozenset[str]] = field(default_factory=dict)  # per language ("ve" is Turkish "and")
    coordinated_heads: frozenset[str] = frozenset()  # see `coordinated_tail`
    coordinated_head_endings: tuple[str, ...] = ()
    coordinated: LazyPattern = LazyPattern("(?!)")  # a conjunction, maybe a connector, then the run's start
    conjunctions: frozenset[str] = frozenset()  # "and" words
    coordinated_before: LazyPattern = LazyPattern("(?!)")  # capitalised words and a head-final "and", up to here
    truncated_before: LazyPattern = LazyPattern("(?!)")  # a compound cut short by a hyphen and "and", up to here
    conjoined_tail: LazyPattern = LazyPattern("(?!)")  # "and" and a capitalised word or two, right before a bracket

    @classmethod
    def load(cls, languages: Iterable[str], generic: Iterable[str], articles: Iterable[str]) -> LatinWords:
        merged: dict[str, set[str]] = defaultdict(set)
        own: dict[str, frozenset[str]] = {}
        breakers: dict[str, frozenset[str]] = {}
        seats: dict[str, frozenset[str]] = {}
        for path in sorted((DATA_DIR / "entity_words").glob("*.yaml")):
            for key, words in (load_yaml(str(Path("entity_words") / path.name)) or {}).items():
                merged[key] |= {str(w) for w in words or ()}
                if key == "stopwords":
                    own[path.stem] = _words(words)
                elif key == "not_connectors":
                    breakers[path.stem] = _words(words)
                elif key == "seat_prepositions":
                    seats[path.stem] = _words(words)
        cldr, language_names, countries, abbreviated = set(), set(), set(), set()
        for lang in languages:
            loc = Locale.parse(lang)
            for context in ("format", "stand-alone"):
                cldr |= set(loc.months[context]["wide"].values()) | set(loc.days[context]["wide"].values())
                abbreviated |= {name.rstrip(".") for names in (loc.months[context]["abbreviated"], loc.days[context][
                    "abbreviated"]) for name in names.values()}
            language_names |= {loc.languages[code] for code in languages if code in loc.languages}
            countries |= {name.casefold() for name in loc.territories.values()}
        # not one that is also a country's name ("Indonesia" is the language too, in Indonesian and Finnish)
        cldr |= {name for name in language_names if name.casefold() not in countries}
        connectors = sorted(merged["connectors"], key=len, reverse=True)
        conn = "|".join(map(re.escape, connectors))
        art = "|".join(map(re.escape, sorted(articles, key=len, reverse=True)))
        elided = sorted({str(w).replace("'", q) for w in merged["elided_connectors"] for q in "'’"}, key=len, reverse=True)
        glued = "|".join(map(re.escape, elided)) or "(?!)"
        glued_words = sorted({w.split()[-1] for w in elided}, key=len, reverse=True)  # "de l'" glues "l'"
        run = LazyPattern(
            rf"(?<![\w\-]){_CAP_TOKEN}(?:(?: (?:{conn})(?: (?:{art}))?)? {_CAP_TOKEN}| (?:(?:{conn}) )?(?:{glued}){_CAP_TOKEN})*(?![\w\-])"
        )
        conj = "|".join(map(re.escape, sorted(merged["conjunctions"], key=len, reverse=True))) or "(?!)"
        head_conj = "|".join(map(re.escape, sorted(merged["head_conjunctions"], key=len, reverse=True)))
        stop = _words(merged["stopwords"] | merged["demonyms"] | cldr)
        function_words = _words(merged["stopwords"])
        return cls(
            stop=stop,
            function_words=function_words,
            lowercase_org_heads=_words(merged["lowercase_org_heads"]),
            portfolio_titles=_words(merged["portfolio_titles"]),
            seat_after=LazyPattern(
                rf" (?:{'|'.join(map(re.escape, sorted(merged['seat_prepositions'], key=len, reverse=True)))}) "
                rf"{_CAP_TOKEN}(?![\w\-])" if merged["seat_prepositions"] else "(?!)"),
            demonyms=_words(merged["demonyms"]),
            solo=stop | _words(merged["common_capitalised"] | merged["org_first"]) | _words(generic),
            generic=_words(generic) - _words(merged["org_last"]),
            connectors=_words(merged["connectors"]) | _words(articles) | _words(glued_words),
            elided=LazyPattern(rf"(?:{'|'.join(map(re.escape, glued_words)) or '(?!)'})(?=[{_UPPER}])"),
            titles=_words(merged["titles"]),
            field_titles=_words(merged["field_titles"]),
            foreign_stopwords={lang: function_words - words for lang, words in own.items()},
            own_breakers=breakers,
            compound_suffix=LazyPattern(
                f"(?:{'|'.join(map(re.escape, sorted(merged['compound_suffixes'], key=len, reverse=True)))})$"
                if merged["compound_suffixes"] else "(?!)"),
            headed=LazyPattern(
                rf"(?<![\w\-])(?:{'|'.join(map(re.escape, sorted(merged['lowercase_heads'], key=len, reverse=True)))}) "
                rf"(?:(?:{conn}) |{glued})(?:{_CAP_TOKEN})(?: {_CAP_TOKEN})*(?![\w\-])" if merged["lowercase_heads"] else "(?!)"),
            title_endings=tuple(sorted(_words(merged["title_endings"]), key=len, reverse=True)),
            org_first=_words(merged["org_first"]),
            place_first=_words(merged["place_first"]),
            org_last=_words(merged["org_last"]),
            given_names=_words(merged["given_names"]),
            run=run,
            abbreviations=_words(merged.get("abbreviations") or ()),
            calendar_abbreviations=_words(abbreviated),
            place_after=LazyPattern(rf" (?:{conn})(?: (?:{art}))?[ ’']?(?<=[ ’']){_CAP_TOKEN}(?![\w\-])"),
            descriptor_endings=tuple(sorted(_words(merged.get("org_descriptor_endings") or ()), key=len, reverse=True)),
            org_endings=tuple(sorted(_words(merged["org_endings"]), key=len, reverse=True)),
            org_prefixes=tuple(sorted(_words(merged["org_prefixes"]), key=len, reverse=True)),
            adjective_endings=tuple(sorted(_words(merged["adjective_endings"]), key=len, reverse=True)),
            place_prepositions=_words(merged["place_prepositions"]),
            place_name_endings=tuple(sorted(_words(merged["place_name_endings"]), key=len, reverse=True)),
            place_prefixes=tuple(sorted(_words(merged["place_prefixes"]), key=len, reverse=True)),
            street_endings=tuple(sorted(_words(merged["street_endings"]), key=len, reverse=True)),
            street_generic=_words(merged["street_generic"]),
            seat_prepositions=seats,
            coordinated_heads=_words(merged["coordinated_heads"]),
            coordinated_head_endings=tuple(sorted(_words(merged["coordinated_head_endings"]), key=len, reverse=True)),
            coordinated=LazyPattern(rf" (?:{conj}) (?:(?:{conn})(?: (?:{art}))? |{glued})?(?=[{_UPPER}])"),
            conjunctions=_words(merged["conjunctions"]),
            coordinated_before=LazyPattern(
                rf"(?<![\w\-]){_CAP_TOKEN}(?:,? {_CAP_TOKEN})* (?:{head_conj}) $" if merged["head_conjunctions"] else "(?!)"
            ),
            truncated_before=LazyPattern(rf"(?<![\w\-])[{_UPPER}][^\W\d_]+- (?:{conj}) $"),
            conjoined_tail=LazyPattern(rf" (?:{conj}) {_CAP_TOKEN}(?: {_CAP_TOKEN})?(?=\s?[(（])"),
        )

    def is_given_name(self, token: str, declined: bool = False) -> bool:
        """A given name; `declined`: also with a case ending of one or two
        letters ("Andreje" of Andrej, in "hnutí ANO Andreje Babiše")."""
        key = _key(token)
        return key in self.given_names or declined and len(key) > 4 and (
            key[:-1] in self.given_names or key[:-2] in self.given_names)

    def is_title(self, token: str) -> bool:
        key = _key(token)
        # a title's ending on an organization's last word is no title ("Wiener Philharmoniker", not "Politiker")
        return key in self.titles or (len(key) > 5 and key.endswith(self.title_endings) and key not in self.org_last)

    def ends_as_organization(self, token: str) -> bool:
        """A compound whose last part names a kind of organization
        ("Verkehrsgesellschaft", "Mieterverein", "Hauptverbands"): at either
        edge of a name of several words, it makes the name an organization's."""
        return bool(self.org_endings) and _key(token).endswith(self.org_endings)

    def is_public_body(self, token: str) -> bool:
        """One compound word that names a federal or state body
        ("Bundeskartellamt", "Landesamt"): a name even alone, in a language
        that capitalises every noun."""
        key = _key(token)
        return bool(self.org_prefixes) and key.startswith(self.org_prefixes) and self.ends_as_organization(token)

    def heads_coordination(self, token: str) -> bool:
        """A first word of names that join two fields with "and" ("Ministry of
        Agriculture and Livestock Development")."""
        key = _key(token)
        return key in self.coordinated_heads or (bool(self.coordinated_head_endings) and key.endswith(self.coordinated_head_endings))

    def is_descriptor(self, token: str) -> bool:
        """A noun that says what kind of organization the name after it is
        ("Baukonzern Hochtief"); not one that starts a name ("Verband der ...")."""
        key = _key(token)
        return bool(self.descriptor_endings) and key.endswith(self.descriptor_endings) and key not in self.org_first


@dataclass(frozen=True)
class DiscoveryRules:
    """Compiled discovery settings (see entity_rules.yaml for their meaning)."""

    min_occurrences: int
    min_articles: int
    cjk_languages: frozenset[str]
    capitalised_nouns: frozenset[str]
    latin: LatinWords
    katakana_non_name_parts: frozenset[str]
    katakana_title_parts: frozenset[str]
    katakana_organization_parts: frozenset[str]
    cjk_organization: LazyPattern
    ja_organization: LazyPattern  # the same, with the breakers Japanese writes inside names (日本)
    cjk_place_names: dict[str, LazyPattern]  # per language: a run ended by a place word (…州, …県)
    cjk_city_words: tuple[str, ...]
    cjk_place_suffix: LazyPattern
    cjk_place_prefix_length: int
    cjk_generic_endings: tuple[str, ...]
    cjk_strong_suffixes: tuple[str, ...]
    zh_person: LazyPattern
    zh_listed_person: LazyPattern  # another name right after a person's, joined by 、, before a stop
    zh_name_enders: str
    zh_title_end_chars: str
    zh_titles: tuple[str, ...]
    cjk_name_breakers: str
    ja_person: LazyPattern
    ja_person_after_title: LazyPattern
    ja_company_of_head: LazyPattern
    cjk_division_suffixes: tuple[str, ...]
    cjk_venue_suffixes: tuple[str, ...]
    cjk_team_suffixes: tuple[str, ...]
    ja_company_at_place: LazyPattern
    ja_quoted_name: LazyPattern
    ja_quote_kinds: dict[str, EntityKind]
    ja_not_names: frozenset[str]  # with the titles: "代表" is no name
    ko_person: LazyPattern
    ko_name: LazyPattern  # a three-syllable name of a common surname
    ko_person_after_title: LazyPattern
    ko_team: LazyPattern
    ja_team: LazyPattern
    ko_particles: tuple[str, ...]
    ko_organization_suffixes: tuple[str, ...]
    ko_place_endings: dict[str, int]  # ending -> the shortest word it makes a place of ("부산항", "낙동강")
    ko_place_not_endings: tuple[str, ...]  # ... except words ending so ("주의사항", "정신건강")
    ko_min_length: dict[str, int]
    model_size: LazyPattern
    matching: MatchRules  # whose family names the matcher links to a full name (see `_family_names`)
    places: frozenset[str] = frozenset()  # folded names of the curated places (set by EntityTables)
    citation_forms: dict[str, CitationForm] = field(default_factory=dict)  # by language
    cjk_organization_more: LazyPattern = LazyPattern("(?!)")
    ja_legal_forms_after: tuple[str, ...] = ()
    katakana_name_suffixes: dict[str, EntityKind] = field(default_factory=dict)  # the kind each suffix gives
    katakana_name_suffix: LazyPattern = LazyPattern("(?!)")  # one of them, not before what it must not be
    apostrophe_suffixes: frozenset[str] = frozenset()  # languages writing case endings after an apostrophe
    cjk_place_names_after: dict[str, LazyPattern] = field(default_factory=dict)  # a place right after another
    zh_numbered_name: LazyPattern = LazyPattern("(?!)")
    zh_subplace: LazyPattern = LazyPattern("(?!)")  # at every place a transliterated place could start
    zh_organization_descriptors: tuple[str, ...] = ()
    cjk_organization_after: LazyPattern = LazyPattern("(?!)")
    zh_registered_company: LazyPattern = LazyPattern("(?!)")  # a long name before a legal form
    ja_country_prefixes: str = ""  # 英, 米, 独: one-character country names written before a name
    ja_prefixed_ministry_endings: tuple[str, ...] = ()
    romanization: dict[int, str] = field(default_factory=dict)  # str.translate table: Cyrillic, Greek letters to Latin
    romanization_pairs: tuple[tuple[str, str], ...] = ()  # letter pairs romanized as one, before the table ("ου": "ou")
    # spellings that romanizations of one letter differ by, made one before names are compared ("cz": "ch")
    romanization_spellings: tuple[tuple[str, str], ...] = ()
    legal_forms: tuple[str, ...] = ()  # "Private Limited", "GmbH", "A.Ş.": longest first
    declining_languages: frozenset[str] = frozenset()  # where every word of a name takes case endings
    syllables: dict[str, LazyPattern] = field(default_factory=dict)  # per language: a syllable, which alone needs a title
    case_ending_most: int = 3  # ... of at most this many letters
    descriptor_min_length: int = 11
    noun_endings: tuple[str, ...] = ()  # of common nouns, in the languages that capitalise them
    katakana_generic: frozenset[str] = frozenset()
    promote: tuple[dict, ...] = ()
    reject: frozenset[str] = frozenset()
    # {folded name: (its sightings, their verdict)} of the last `discover` under these rules: a
    # rebuild in the same process judges again only the names whose sightings changed
    verdicts: dict[str, tuple[list[Sighting], _Verdict]] = field(
        default_factory=dict, init=False, compare=False, repr=False)

    @cached_property
    def dotted_legal_forms(self) -> tuple[str, ...]:
        """Legal forms that end in a full stop, which a name ending in one keeps ("Inc.", "S.p.A.", "Zrt.")."""
        return tuple(form for form in self.legal_forms if form.endswith("."))

    def __getstate__(self) -> dict:
        """Pickled without the verdicts: they belong to one process's builds."""
        return {k: v for k, v in self.__dict__.items() if k != "verdicts"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, verdicts={})

    @classmethod
    def load(cls) -> DiscoveryRules:
        data = load_yaml("entity_rules.yaml")
        review = load_yaml("entity_review.yaml") or {}
        languages = load_yaml("entities.yaml").get("languages") or ["en"]
        lo, hi = data.get("cjk_name_length") or (2, 10)
        not_before = {str(k): str(v) for k, v in (data.get("cjk_suffix_not_before") or {}).items()}

        def endings_of(endings: Iterable[str]) -> str:
            """An alternation of `endings`, longest first, each not before its `not_before` characters."""
            return "|".join(
                re.escape(e) + (f"(?![{re.escape(not_before[e])}])" if e in not_before else "")
                for e in sorted(endings, key=len, reverse=True)
            ) or "(?!)"

        def suffixed(breakers: str, endings: Iterable[str], after: Iterable[str] = (), most: int = hi,
                     least: int = lo, alone: bool = True) -> LazyPattern:
            """A run of name characters, ended by one of `endings`; `alone`: not
            inside a longer run; `after`: right after one of these words."""
            alternatives = endings_of(endings)
            edge = rf"(?:(?![{re.escape(breakers)}])[{_HAN}{_KATAKANA}A-Za-z0-9])"
            char = rf"(?:{kept_words}|(?!{breaker_words}){edge})"
            lead = f"(?:{'|'.join(map(re.escape, sorted(after, key=len, reverse=True)))})" if after else ""
            start = f"(?:{after_breaker_word}(?<!{edge}))" if alone and not after else ""
            return LazyPattern(rf"{lead}{start}(?P<name>{char}{{{least},{most}}}?(?:{alternatives}))")

        def words_of(key: str) -> list[str]:
            return sorted(data.get(key) or (), key=len, reverse=True)

        kept_words = "|".join(map(re.escape, words_of("cjk_words_kept_in_names"))) or "(?!)"
        breaker_words = "|".join(map(re.escape, words_of("cjk_name_breaker_words"))) or "(?!)"
        # a name may start right after such a word (a lookbehind takes words of one length)
        after_breaker_word = "".join(
            f"(?<={'|'.join(re.escape(w) for w in words_of('cjk_name_breaker_words') if len(w) == n)})|"
            for n in sorted({len(w) for w in words_of("cjk_name_breaker_words")})
        )

        breakers = data["cjk_name_breakers"]
        ja_breakers = "".join(c for c in breakers if c not in (data.get("ja_not_name_breakers") or ""))
        place_endings = data.get("cjk_place_name_suffixes") or {}
        zh_titles = "|".join(map(re.escape, sorted(data["zh_person_titles"], key=len, reverse=True)))
        enders = data["zh_name_enders"]
        zh_name = rf"[{re.escape(data['zh_surnames'])}](?:(?![{re.escape(enders)}])[\u4e00-\u9fff]){{1,2}}"
        zh_titles_after = "|".join(map(re.escape, data.get("zh_titles_after") or ["(?!)"]))
        ja_titles = "|".join(map(re.escape, sorted(data["ja_person_titles"], key=len, reverse=True)))
        ja_lo, ja_hi = data.get("ja_name_length") or (2, 5)
        ja_quote_kinds = {word: kind for kind, words in (data.get("ja_quoted_name_after") or {}).items() for word in words}
        ja_quote_leads = "|".join(map(re.escape, sorted(ja_quote_kinds, key=len, reverse=True))) or "(?!)"
        ja_seats = "|".join(map(re.escape, data.get("ja_seat_endings") or ["(?!)"]))
        ja_heads = "|".join(map(re.escape, sorted(data.get("ja_company_head_titles") or ["(?!)"], key=len, reverse=True)))
        ko_titles = "|".join([rf"[\uac00-\ud7a3]{{0,6}}{re.escape(t)}" for t in data.get("ko_title_endings") or ()]
                             + list(map(re.escape, sorted(data["ko_person_titles"], key=len, reverse=True))))
        not_last = "".join(data.get("ko_name_not_before_title") or ())
        ko_not_last = rf"(?<![{re.escape(not_last)}])" if not_last else ""
        ko_before = "|".join(map(re.escape, sorted(data.get("ko_titles_before") or ["(?!)"], key=len, reverse=True)))
        particles = tuple(sorted(data["ko_particles"], key=len, reverse=True))
        ko_particle = "(?:" + "|".join(map(re.escape, particles)) + ")"
        katakana_suffixes: dict[str, EntityKind] = {
            **{e: "organization" for e in data["cjk_organization_suffixes"]}, **{e: "place" for e in place_endings.get("ja", ())}}
        ko_name = rf"(?:{'|'.join(data.get('ko_compound_surnames') or ['(?!)'])}|[{data['ko_surnames']}])[\uac00-\ud7a3]{{2}}"
        return cls(
            min_occurrences=int(data["min_occurrences"]),
            min_articles=int(data["min_articles"]),
            cjk_languages=frozenset(data["cjk_languages"]),
            capitalised_nouns=frozenset(data.get("capitalised_nouns") or ()),
            apostrophe_suffixes=frozenset(data.get("apostrophe_suffixes") or ()),
            latin=LatinWords.load(languages, data["generic_words"], data["connector_articles"]),
            katakana_non_name_parts=frozenset(data["katakana_non_name_parts"]),
            katakana_title_parts=frozenset(data.get("katakana_title_parts") or ()),
            katakana_organization_parts=frozenset(data.get("katakana_organization_parts") or ()),
            cjk_organization=suffixed(breakers, data["cjk_organization_suffixes"]),
            # "北京航空" + "航天大学": a name that goes on to a later suffix
            cjk_organization_more=suffixed(breakers, data["cjk_organization_suffixes"], most=6, least=0, alone=False),
            zh_numbered_name=LazyPattern(
                rf"[{_HAN}](?<![{data.get('zh_numbered_name_not_in', '')}])[{_HAN}](?<![{data.get('zh_numbered_name_not_in', '')}])"
                r"[一二三四五六七八九十]{1,3}号(?![\d一二三四五六七八九十])"),
            zh_subplace=LazyPattern(
                rf"(?=(?P<name>[{data.get('zh_transliteration_chars', '')}]{{2,5}})"
                rf"(?:{'|'.join(map(re.escape, data.get('zh_subplace_enders') or ()))}))") if data.get(
                'zh_transliteration_chars') else LazyPattern("(?!)"),
            # "民营企业" + "星海互联科技有限公司": a name right after a word that says what it is
            cjk_organization_after=suffixed(breakers, data["cjk_organization_suffixes"],
                                            after=data.get("zh_organization_descriptors") or ()),
            zh_organization_descriptors=tuple(data.get("zh_organization_descriptors") or ()),
            zh_registered_company=suffixed(data.get("zh_legal_name_breakers") or breakers, data.get("zh_legal_forms") or (),
                                           most=int(data.get("zh_legal_name_length") or hi)),
            ja_organization=suffixed(ja_breakers, data["cjk_organization_suffixes"]),
            ja_legal_forms_after=tuple(sorted(data.get("ja_legal_forms_after") or (), key=len, reverse=True)),
            cjk_place_names={lang: suffixed(ja_breakers if lang == "ja" else breakers, endings)
                             for lang, endings in place_endings.items()},
            cjk_place_names_after={lang: suffixed(ja_breakers if lang == "ja" else breakers, endings, alone=False)
                                   for lang, endings in place_endings.items()},
            katakana_name_suffixes=katakana_suffixes,
            katakana_name_suffix=LazyPattern(f"(?:{endings_of(katakana_suffixes)})"),
            cjk_city_words=tuple(data.get("cjk_city_words") or ()),
            cjk_place_suffix=LazyPattern(
                "|".join(map(re.escape, sorted(data.get("cjk_place_suffixes") or (), key=len, reverse=True))) or "(?!)"),
            cjk_place_prefix_length=hi,
            cjk_generic_endings=tuple(data.get("cjk_generic_endings") or ()),
            cjk_strong_suffixes=tuple(data.get("cjk_strong_suffixes") or ()),
            zh_person=LazyPattern(
                rf"(?:{zh_titles})(?P<name>{zh_name})"
                # or after 的 or a stop, right before a title that follows names ("南京大学的周立新教授")
                rf"|(?<=[的，。、：；“「\n])(?P<before>{zh_name})(?={zh_titles_after})"
            ),
            zh_listed_person=LazyPattern(rf"、(?P<name>{zh_name})(?=[、）)，,。；;\s])"),
            zh_title_end_chars=str(data.get("zh_title_end_chars") or ""),
            zh_name_enders=enders,
            zh_titles=tuple(data["zh_person_titles"]),
            cjk_name_breakers=data["cjk_name_breakers"],
            ja_person=LazyPattern(
                rf"(?<![{_HAN}])(?P<name>[{_HAN}]{{{ja_lo - 1},{ja_hi - 1}}}?(?![{re.escape(data['ja_name_not_ending'])}])[{_HAN}])(?:・[{_HAN}]{{0,8}}?)?(?:{ja_titles})"
            ),
            # "代表取締役社長：森田 剛": a head's name after the title, family and given name apart
            ja_person_after_title=LazyPattern(
                rf"(?:{ja_heads})[：:]?[ 　]?(?P<name>[{_HAN}]{{1,3}}[ 　][{_HAN}]{{1,3}})(?![{_HAN}])"
            ),
            ja_company_of_head=LazyPattern(
                rf"(?<![{_KATAKANA}{_HAN}A-Za-z0-9])(?P<name>[{_KATAKANA}{_HAN}A-Za-z0-9&]{{2,12}})の"
                rf"[{_HAN}]{{{ja_lo},{ja_hi}}}?(?:{ja_heads})"
            ),
            ja_company_at_place=LazyPattern(
                rf"(?<![{_KATAKANA}{_HAN}A-Za-z0-9])(?P<name>[{_KATAKANA}{_HAN}A-Za-z0-9&]{{2,12}})"
                rf"[(（][{_HAN}{_KATAKANA}]{{1,10}}?(?:{ja_seats})[)）]"
            ),
            # one space may part a brand from a product's name ("ホクシン エネキューブ10")
            ja_quoted_name=LazyPattern(
                rf"(?P<lead>{ja_quote_leads})「(?P<name>(?=[^「」]{{1,20}}」)[^「」、。,.!?！？\s]+(?:[ 　][^「」、。,.!?！？\s]+)?)」"),
            ja_quote_kinds=ja_quote_kinds,
            cjk_division_suffixes=tuple(data.get("cjk_division_suffixes") or ()),
            cjk_venue_suffixes=tuple(data.get("cjk_venue_suffixes") or ()),
            cjk_team_suffixes=tuple(data.get("cjk_team_suffixes") or ()),
            ja_not_names=frozenset([*(data.get("ja_not_names") or ()), *data["ja_person_titles"]]),
            ko_person=LazyPattern(
                rf"(?<![\uac00-\ud7a3])(?P<name>{ko_name}){ko_not_last}"
                rf"(?: (?P<between>[\uac00-\ud7a3A-Za-z0-9]+))? (?:{ko_titles}){ko_particle}?(?![\uac00-\ud7a3])"
            ),
            ko_name=LazyPattern(ko_name),
            ko_person_after_title=LazyPattern(
                rf"(?<![\uac00-\ud7a3])(?:{ko_before}) (?P<name>{ko_name})(?:(?:와|과|,) (?P<second>{ko_name}))?"
                rf"(?={ko_particle}?(?![\uac00-\ud7a3]))"
            ),
            ko_team=LazyPattern(
                rf"(?<![\uac00-\ud7a3A-Za-z])(?:[A-Z]{{1,4}}|[\uac00-\ud7a3]{{2,4}}) (?:{'|'.join(map(re.escape, data.get('ko_team_words') or ['(?!)']))})"
                rf"(?={ko_particle}?(?![\uac00-\ud7a3]))"
            ),
            ja_team=LazyPattern(
                rf"(?<![{_HAN}{_KATAKANA}A-Za-z0-9・])(?:[{_HAN}{_KATAKANA}A-Za-z0-9][{_HAN}{_KATAKANA}A-Za-z0-9・]{{0,8}}?)?"
                rf"(?:{'|'.join(map(re.escape, sorted(data.get('ja_team_words') or ['(?!)'], key=len, reverse=True)))})"
                rf"(?![{_KATAKANA}])"
            ),
            ko_particles=particles,
            ko_place_endings={str(k): int(v) for k, v in (data.get("ko_place_name_endings") or {}).items()},
            ko_place_not_endings=tuple(data.get("ko_place_name_not_endings") or ()),
            ko_organization_suffixes=tuple(sorted(data["ko_organization_suffixes"], key=len, reverse=True)),
            ko_min_length={str(k): int(v) for k, v in (data.get("ko_min_suffixed_length") or {}).items()},
            model_size=LazyPattern(data["model_size_pattern"]),
            matching=MatchRules.load(),
            descriptor_min_length=int(data.get("descriptor_min_length", 11)),
            noun_endings=tuple(data.get("capitalised_noun_endings") or ()),
            citation_forms={lang: CitationForm.of(d) for lang, d in (data.get("citation_forms") or {}).items()},
            ja_country_prefixes="".join(data.get("ja_country_prefixes") or ()),
            ja_prefixed_ministry_endings=tuple(data.get("ja_prefixed_ministry_endings") or ()),
            romanization={ord(k): v for table in (data.get("romanization") or {}).values() for k, v in table.items()
                          if len(k) == 1},
            romanization_pairs=tuple((k, v) for table in (data.get("romanization") or {}).values()
                                     for k, v in table.items() if len(k) > 1),
            romanization_spellings=tuple((str(a), str(b)) for a, b in data.get("romanization_spellings") or ()),
            legal_forms=tuple(sorted(map(str, data.get("legal_forms") or ()), key=len, reverse=True)),
            declining_languages=frozenset(map(str, data.get("declining_name_languages") or ())),
            syllables={lang: LazyPattern(p) for lang, p in (data.get("syllables") or {}).items()},
            case_ending_most=int(data.get("case_ending_most", 3)),
            katakana_generic=frozenset(data.get("katakana_generic_words") or ()) | frozenset(data["katakana_non_name_parts"]),
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
    same_as: str = ""  # folded name this one abbreviates ("ESA" for "Agencia Espacial Europea")
    base: str = ""  # the name's citation form when it is written declined ("Statistisches Bundesamt")

    @property
    def name(self) -> str:
        """The name this sighting is of (its citation form)."""
        return self.base or self.surface


# -- Latin-script names ---------------------------------------------------------------


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


def _is_short_name_form(token: str) -> bool:
    """An acronym, or a short word capitalised inside as acronyms and brand
    names are ("AfD", "BaFin", "TikTok"), which no noun is."""
    letters = [c for c in token if c.isalpha()]
    return _is_acronym(token) or (2 <= len(letters) <= 6 and letters[0].isupper() and sum(c.isupper() for c in letters) >= 2)


def _head(names: list[str], words: LatinWords) -> str:
    """The word that says what a name is: the one before its first connector
    ("Bayerisches Staatsministerium für ..."), else its first."""
    return next((names[i - 1] for i, t in enumerate(names) if i and _key(t) in words.connectors), names[0])


def _latin_kind(tokens: list[str], words: LatinWords, titled: bool) -> EntityKind:
    head = _head(tokens, words)
    if (_key(tokens[-1]) in words.org_last or _key(tokens[0]) in words.org_first or "&" in tokens[1:-1]
            or (len(tokens) > 1 and any(map(words.ends_as_organization, (tokens[0], tokens[-1], head))))
            or (len(tokens) == 1 and words.is_public_body(tokens[0]))):
        return "organization"
    if len(tokens) >= 2 and _key(tokens[0]) in words.place_first and (len(tokens) == 2 or _key(tokens[2]) in words.connectors):
        return "place"  # "St. Gallen", "Bad Neustadt an der Saale"; not "St. Galler Kantonalbank"
    if titled or (len(tokens) >= 2 and words.is_given_name(tokens[0])):
        return "person"
    return "organization" if len(tokens) == 1 and _is_short_name_form(tokens[0]) else "other"


def _tokens(run: str, offset: int, words: LatinWords) -> list[tuple[int, int, str]]:
    """The words of a capitalised run with their offsets; a glued connector
    is a word of its own ("d'" "Italia")."""
    tokens = []
    for t in _NONSPACE.finditer(run):
        start, text = t.start() + offset, t.group(0)
        if glued := words.elided.match(text):
            tokens.append((start, start + glued.end(), glued.group(0)))
            start, text = start + glued.end(), text[glued.end():]
        tokens.append((start, start + len(text), text))
    return tokens


def _name_parts(
    tokens: list[tuple[int, int, str]], words: LatinWords, foreign: AbstractSet[str] = frozenset(), opener: bool = True,
    breakers: AbstractSet[str] = frozenset(),
) -> Iterator[tuple[list[tuple[int, int, str]], bool]]:
    """Split a capitalised run at titles and stopwords; trim connectors at the edges.

    Yields each part with whether a title stood right before it. `foreign`
    stopwords (of other languages than the text's) are a name's words when
    capitalised, unless the run's first word opens a sentence (`opener`):
    "Los Angeles County", "Le Monde" in English.
    """
    part: list[tuple[int, int, str]] = []
    titled = False
    for i, tok in enumerate([*tokens, None]):
        text = tok[2] if tok else ""
        # a connector and the word after it stay inside a name ("Banca d'Italia")
        stop = _key(text) in words.stop and not (part and words.connectors & {_key(text), _key(part[-1][2])})
        stop = stop and not (text[:1].isupper() and _key(text) in foreign and (i or not opener))
        following = tokens[i + 1][2] if i + 1 < len(tokens) else None
        # a stopword of one language is a given name of another between two names ("Ayşe Nur Kalkan"),
        # and a demonym that is a given name opens a person's name ("Christian Dubé", not "Christian values")
        stop = stop and not (following and following[:1].isupper() and words.is_given_name(text)
                             and (part or _key(text) in words.demonyms))
        # a descriptor with no name after it is the name's last word ("Münchner Verkehrsgesellschaft"),
        # and one with a connector after it its first ("Hauptverbands der Deutschen Bauindustrie")
        descriptor = words.is_descriptor(text) and not (following is None and part) and _key(following or "") not in words.connectors
        breaks = tok is None or (text[:1].isupper() and (stop or words.is_title(text) or descriptor)) \
            or _key(text) in breakers  # another language's connector, a preposition here: id "Rina Anggraeni di Jakarta"
        owner = part and _POSSESSIVE.search(part[-1][2]) and _key(part[-1][2]) not in words.connectors  # "Lyon's Croix-Rousse" is two names
        if not breaks and not owner:
            part.append(tok)
            continue
        if breaks and tok is not None and _key(text) in words.field_titles:
            part = []  # "Enerji ve Tabii Kaynaklar Bakanı": the field of the title after it, no name
        while part and not part[0][2][:1].isupper():
            part, titled = part[1:], False
        while part and (not part[-1][2][:1].isupper() or _key(part[-1][2]) in words.generic):
            part = part[:-1]
        if part:
            yield from _split_person_from_organization(part, titled, words)
        if owner and not breaks:
            part, titled = [tok], False
            continue
        part, titled = [], bool(tok) and words.is_title(text)


def _split_person_from_organization(
    part: list[tuple[int, int, str]], titled: bool, words: LatinWords
) -> Iterator[tuple[list[tuple[int, int, str]], bool]]:
    """"Thomas Weber von der Universität Heidelberg" (or "vom Österreichischen
    Institut für ...": the head may follow an adjective) is a person, then an organization;
    in "Baker Camille Roux" a role word stands before a given name and family name
    (not the head of a place or body: "San Nicola di Melfi", "Fondazione Giorgio Cini")."""
    first = _key(part[0][2]) if part else ""
    if (len(part) >= 3 and not words.is_given_name(first) and first not in words.place_first
            and first not in words.org_first and words.is_given_name(part[1][2], declined=True)):
        if _is_acronym(part[0][2]):
            yield part[:1], False  # a party or company before its leader's name: "ANO Andreje Babiše"
        part, titled = part[1:], True
    person = titled or words.is_given_name(part[0][2])
    for i, (_, _, text) in enumerate(part[1:-1], 1):
        if person and _key(text) in words.connectors:
            j = i + 1
            while j < len(part) and not part[j][2][:1].isupper():
                j += 1
            head = [t[2] for t in part[j:j + 2] if _key(t[2]) not in words.connectors]  # "Österreichischen Institut"
            if any(_key(w) in words.org_first or words.ends_as_organization(w) for w in head):
                yield part[:i], titled
                yield part[j:], False
                return
    yield part, titled


def _sentences(tokens: list[tuple[int, int, str]], words: LatinWords) -> list[list[tuple[int, int, str]]]:
    """A run of capitalised words cut where a sentence ends inside it: after a
    word of three letters or more with a full stop that is no title or
    abbreviation ("the Red Sea. The disruptions", not "Dr. Weber", "St. Louis",
    "Acme Corp. Ltd", "M.K. Stalin")."""
    out: list[list[tuple[int, int, str]]] = [[]]
    for i, tok in enumerate(tokens):
        out[-1].append(tok)
        word = tok[2]
        stem = word[:-1].casefold()
        if (word.endswith(".") and len(stem) >= 3 and stem not in words.abbreviations and not words.is_title(word)
                and not _INITIALS.fullmatch(word) and i + 1 < len(tokens)):
            out.append([])
    return out


def latin_names(text: str, lang: str, rules: DiscoveryRules, lowercase: set[str]) -> Iterator[Found]:
    """Capitalised names ("Mark Carney", "Banco de México", "Glencore").

    A name of several words is strong in a language that does not capitalise
    nouns; in one that does, it needs a cue (a title before it, a given name,
    an organization word). A single word counts only in the
    middle of a sentence, when it is not a stopword and the article never
    writes it in lower case.
    """
    words = rules.latin
    nouns = lang in rules.capitalised_nouns
    foreign = words.foreign_stopwords.get(lang, frozenset())
    reach = 0  # the end of the last name: a lower-case tail may have taken the next run in
    for m in words.run.finditer(text):
        if m.start() < reach:
            continue
        tokens = _tokens(m.group(0), m.start(), words)
        sentences = _sentences(tokens, words)
        openers = {sentence[0][0] for sentence in sentences[1:]}
        initial = _at_sentence_start(text, m.start())
        before = _ELIDED_START.sub("", (text[max(0, m.start() - 40) : m.start()].split() or [""])[-1])
        parts = (item for k, sentence in enumerate(sentences)
                 for item in _name_parts(sentence, words, foreign, opener=initial or k > 0,
                                         breakers=words.own_breakers.get(lang, frozenset())))
        for part, titled in parts:
            if (len(part) == 3 and lang in rules.declining_languages and (titled or words.is_title(before))
                    and _declined_known_place(part[0][2], lang, rules)):
                part, titled = part[1:], True  # "Prezydent Krakowa Aleksander Miszalski": the title's place, then the person
            start, end = part[0][0], part[-1][1]
            tail = len(part) == 1 and _key(part[0][2]) in words.org_first
            if tail:
                end = _lowercase_tail(text, end, words)
            elif end == m.end():
                end = coordinated_tail(text, end, [t[2] for t in part], words)
            if start == m.start() and _key(part[-1][2]) in words.org_last:
                start = coordinated_head(text, start, words)
            named = start  # where the words that say what the name is begin
            if start == m.start() and (cut := words.truncated_before.search(text, max(0, start - 60), start)):
                start = cut.start()  # "Wasserstraßen- und Schifffahrtsamt": one name of two compounds
            prior = next((tok for tok in reversed(tokens) if tok[1] < start), None)  # the run's word before the part
            if (prior and _key(prior[2]) in words.demonyms and prior[1] + 1 == start
                    and ((len(part) > 1 and _key(part[-1][2]) in words.org_last)  # "Asian Development Bank"
                         or words.ends_as_organization(part[-1][2]))):  # "Münchner Verkehrsgesellschaft"
                start = prior[0]
            surface = _POSSESSIVE.sub("", text[start:end]) if not nouns else text[start:end]
            # a full stop ends the sentence, not an abbreviation or initials ("Corp.", "A.Ş.", "N.V.")
            if not surface.endswith(rules.dotted_legal_forms) and not _INITIALS.fullmatch(surface.rsplit(" ", 1)[-1]):
                surface = surface.rstrip(".")
            surface = words.compound_suffix.sub("", surface)  # "Santa Monica-based" is Santa Monica
            names = [t[2] for t in _tokens(text[named:end], 0, words)]
            titled = titled or (start == m.start() and words.is_title(before))
            kind = _latin_kind(names, words, titled)
            if (len(names) > 1 and end == m.end()
                    and (kind == "organization" or any(_key(n) in words.org_first for n in names[1:]))  # "Wojewódzki Sąd"
                    and (seat := _seat_in_known_place(text, end, lang, rules))):
                end, surface = seat, text[start:seat]  # "Wojewódzki Sąd Administracyjny w Krakowie"
                kind = "organization"
            # "Industrie- und Handelskammer": two fields joined before the compound that heads them
            truncated = start != named and words.ends_as_organization(names[0])
            kind = "organization" if truncated else kind
            # (a part that took a demonym in is an organization's, so `prior` is still the word before it here)
            previous = prior[2] if prior else before if start == m.start() else ""
            described = (not titled and kind == "other" and words.is_descriptor(previous)
                         and all(n[:1].isupper() for n in names))  # "Unternehmen Qwen für ...": a verb's object
            kind = "organization" if described else kind
            joined = len(names) >= 3 and any(_key(n) in words.connectors for n in names[1:-1])  # "Banca d'Italia"
            if end == part[-1][1] and not joined and all(
                    _key(n) in words.solo or not n[:1].isupper() or _NUMERAL.fullmatch(n) for n in names):
                continue  # common words, or one and a numeral ("Phase II")
            if len(names) == 1:
                key = _key(surface)
                if len(key) < 2 or key in words.solo or key in lowercase:
                    continue
                if (syllable := rules.syllables.get(lang)) and syllable.fullmatch(surface) and not titled:
                    continue  # "Trung tâm Kiểm soát": a syllable of a longer name
                if text[start:end].endswith(".") and key in words.calendar_abbreviations:
                    continue
                if (start == m.start() and initial or start in openers) and not titled and not _INNER_CAPITAL.search(surface):
                    continue  # a common word opening a sentence; not "Météo-France", "PartnerShip"
                if start == m.start() and _after_portfolio_title(text, start, words):
                    continue  # "la ministra de Hacienda": the portfolio, no name
                # "in Darmstadt", "aus Heidelberg": no article before it, and a place name's ending;
                # "zwischen Zürich und Winterthur": joined to a known place
                # "den Bucheggplatz", "an der Wehntalerstrasse": a street or a square, not a "Parkplatz"
                # nor the word alone ("Platz", "Strasse")
                placed = ((nouns and start == m.start() and _key(before) in words.place_prepositions
                           and key.endswith(words.place_name_endings))
                          or (nouns and key.endswith(words.street_endings) and key not in words.street_generic
                              and not key.startswith(words.street_endings))
                          or _joined_to_place(text, start, start + len(surface), rules) or _region_of_place(key, rules))
                kind = "place" if placed else kind
                strong = ((not nouns and not key.endswith(words.adjective_endings)) or _is_short_name_form(surface)
                          or described or words.is_public_body(surface) or placed or truncated)
                reach = start + len(surface)
                yield start, reach, surface, kind, strong
                continue
            if nouns:
                start, kind = _noun_language_trim(part, start, kind, names, words)
                surface = text[start:end]
            cue = titled or kind != "other"
            reach = start + len(surface)
            yield start, reach, surface, kind, (not nouns) or cue or _is_short_name_form(surface)


def _seat_in_known_place(text: str, end: int, lang: str, rules: DiscoveryRules) -> int | None:
    """The end of a preposition of place and a known place, maybe declined,
    right after a body's name: in languages that name courts and offices by
    their seat ("Sąd Okręgowy w Krakowie")."""
    prepositions = rules.latin.seat_prepositions.get(lang)
    seat = rules.latin.seat_after.match(text, end) if prepositions else None
    if not seat:
        return None
    preposition, *_, place = seat.group(0).split()
    endings = rules.matching.inflections.get(lang, ())
    known = _key(preposition) in prepositions and _known_inflected(fold(place), rules.places, endings)
    return seat.end() if known else None


def _declined_known_place(word: str, lang: str, rules: DiscoveryRules) -> bool:
    """Whether `word` is a known place in a case other than the one listed
    ("Krakowa" of "Kraków" takes an ending; "Prahy" of "Praha" changes one)."""
    key = fold(word)
    if key in rules.places:
        return False
    if _known_inflected(key, rules.places, rules.matching.inflections.get(lang, ())):
        return True
    return any(key.endswith(other) and key[: -len(other)] + ending in rules.places
               for ending, others in rules.matching.noun_endings.get(lang, {}).items() for other in others)


def _region_of_place(key: str, rules: DiscoveryRules) -> bool:
    """Whether one word is a direction glued to a known place ("Mittelrhein",
    "Ostukraine"): the region of it, a place."""
    return any(key.startswith(p) and len(key) - len(p) >= 3 and key[len(p):] in rules.places
               for p in rules.latin.place_prefixes)


def _after_portfolio_title(text: str, start: int, words: LatinWords) -> bool:
    """Whether a lower-case title and a connector or two stand right before
    `start` ("ministro dell'Economia", "ministre de l'Économie"), maybe with
    another portfolio and "and" between ("ministre de l'Industrie et de l'Énergie").
    """
    before = text[max(0, start - 80) : start].split()
    for _ in range(2):  # this portfolio, then the one before "and"
        joined = 0
        while before and joined < 2 and _key(before[-1]) in words.connectors:
            before, joined = before[:-1], joined + 1
        if not joined or not before:
            return False
        if _key(before[-1]) in words.portfolio_titles:
            return True
        if len(before) < 3 or _key(before[-1]) not in words.conjunctions:
            return False
        glued = words.elided.match(before[-2])  # "l'Industrie": its connector stays for the next round
        word = before[-2][glued.end():] if glued else before[-2]
        if not word[:1].isupper():
            return False
        before = before[:-2] + ([glued.group(0)] if glued else [])
    return False


_PLACE_WORDS = 3  # words of a known place looked at beside a coordinated name


def _joined_to_place(text: str, start: int, end: int, rules: DiscoveryRules) -> bool:
    """Whether a single capitalised word is coordinated with a known place
    ("Zürich und Winterthur", "Winterthur and Zurich", "Lyon, Grenoble"):
    then it is most often a place too."""
    conj = rules.latin.conjunctions
    before = text[max(0, start - 60) : start].split()
    if len(before) >= 2 and (_key(before[-1]) in conj or before[-1].endswith(",")):
        words = before[:-1] if _key(before[-1]) in conj else [*before[:-1], before[-1][:-1]]
        if any(fold(" ".join(words[-n:]).strip(",")) in rules.places for n in range(1, min(_PLACE_WORDS, len(words)) + 1)):
            return True
    after = text[end : end + 60].split()
    if len(after) >= 2 and _key(after[0]) in conj:
        return any(fold(" ".join(after[1 : 1 + n]).rstrip(".,;:!?)")) in rules.places for n in range(1, min(_PLACE_WORDS, len(after) - 1) + 1))
    return False


def _noun_language_trim(part: list[tuple[int, int, str]], start: int, kind: EntityKind, names: list[str],
                        words: LatinWords) -> tuple[int, EntityKind]:
    """Where a name of capitalised nouns really starts, and its kind: after the
    last connector when only its last word says "organization" ("Angaben des
    Statistischen Bundesamts" is "Statistischen Bundesamts"), and at an
    acronym after a connector that no cue makes part of a name ("Fraktionen
    von AfD" is "AfD")."""
    inner = [i for i, tok in enumerate(part[1:-1], 1) if _key(tok[2]) in words.connectors]
    if not inner or part[0][0] != start:
        return start, kind
    after = inner[-1] + 1
    while after < len(part) - 1 and _key(part[after][2]) in words.connectors:
        after += 1
    head = _head(names, words)
    first_cue = _key(head) in words.org_first or words.ends_as_organization(head) or words.is_title(head)
    if kind == "organization" and not first_cue and words.ends_as_organization(names[-1]):
        return part[after][0], kind
    if kind == "other" and after == len(part) - 1 and _is_short_name_form(part[-1][2]):
        return part[-1][0], "organization"
    return start, kind


def coordinated_head(text: str, start: int, words: LatinWords) -> int:
    """Where an organization's name starts when its head comes last and joins
    two fields before it with "and" ("Sanayi ve Teknoloji Bakanlığı", "Çevre,
    Şehircilik ve İklim Değişikliği Bakanlığı"): the capitalised words before
    the conjunction, up to a clause's start."""
    m = words.coordinated_before.search(text, max(0, start - 120), start)
    return m.start() if m else start


def coordinated_tail(text: str, end: int, names: list[str], words: LatinWords) -> int:
    """The end of a name that goes on after "and" ("Ministero dell'Economia e
    delle Finanze", "Ministério de Minas e Energia"): only after a name whose
    first word heads such names and which already holds a connector, and only
    over one more run of capitalised words that starts with no stopword, or
    a list of them ending in "and" ("Department for Environment, Food and
    Rural Affairs"); so "Italia e Francia" and "the Ministry and Parliament"
    stay apart, and a list without "and" ends the name."""
    first_connector = next((i for i, n in enumerate(names[1:-1], 1) if _key(n) in words.connectors), None)
    if first_connector is None or not any(words.heads_coordination(n) for n in names[:first_connector]):
        return end  # the head may follow an adjective: "Bayerisches Staatsministerium für ..."
    pos = end
    while listed := _coordinated_run(text, _LIST_COMMA.match(text, pos), words):  # "Environment, Food and Rural Affairs"
        pos = listed
    last = _coordinated_run(text, words.coordinated.match(text, pos), words)
    return last or end


_LIST_COMMA = LazyPattern(r", (?=[^\W\d_])")


def _coordinated_run(text: str, joint: re.Match[str] | None, words: LatinWords) -> int | None:
    """The end of the run of capitalised words after `joint` (a comma or a
    conjunction), unless it starts with a stopword, an acronym or a title."""
    run = joint and words.run.match(text, joint.end())
    if not run:
        return None
    sentence = _sentences(_tokens(run.group(0), run.start(), words), words)[0]
    if _key(sentence[0][2]) in words.stop or _is_acronym(sentence[0][2]) or words.is_title(sentence[0][2]):
        return None
    return sentence[-1][1]


def _at_sentence_start(text: str, i: int) -> bool:
    """Whether only quotes and spaces stand between `i` and a sentence end (or the start)."""
    j = i
    while j > 0 and i - j < 8 and text[j - 1] in _OPENERS:
        j -= 1
    return j == 0 or text[j - 1] in ".!?:;…"


def _lowercase_tail(text: str, end: int, words: LatinWords, most: int = 4) -> int:
    """The end of an organization name written on in lower case ("Ligue des champions").

    Takes up to `most` lower-case words after an organization word, up to a
    function word that is no connector, and only when a connector is among
    them ("Commission est attendue" is no name); ends at most one word after
    the word that follows the last connector. Without a connector, a name
    still runs on to a noun that heads bodies, in languages that capitalise
    only a name's first word ("Nejvyšší správní soud"), and on to the place
    it sits in ("Krajský soud v Brně").
    """
    pos, ends, head = end, [], None  # head: the end of the last noun that heads bodies
    for _ in range(most):
        m = _LOWER_WORD.match(text, pos)
        if not m:
            break
        word = _key(m.group(1))
        if word not in words.connectors and (word in words.function_words or (word in words.stop and word not in words.demonyms)):
            break
        ends.append((m.end(), word in words.connectors))
        if word in words.lowercase_org_heads:
            head = m.end()
        pos = m.end()
    while ends and ends[-1][1]:
        ends.pop()
    last_connector = max((i for i, (_, connector) in enumerate(ends) if connector), default=-1)
    if last_connector < 0:
        if head is None:
            return end
        seat = words.seat_after.match(text, head)  # "Krajský soud v Brně"
        return seat.end() if seat else head  # "Nejvyšší správní soud": up to the noun that heads it
    end = ends[min(len(ends) - 1, last_connector + 2)][0]
    named = words.place_after.match(text, end)  # "... des vignerons de la Champagne"
    return named.end() if named else end


def acronym_links(text: str, found: list[Found], words: LatinWords) -> Iterator[tuple[str, str, int, int]]:
    """(acronym, full name as written, its start and end) for "Full Name (ACRONYM)"
    right after a found name whose letters spell the acronym, in order from
    its first ("Agencia Nacional de Pruebas (ANP)", "Alfred-Wegener-Institut
    (AWI)"; not "Stefan Lorenz (SPD)", a party), or after an organization's
    name in a script without Latin letters ("한국해양수산개발원(KMI)"); also the
    short name CJK text gives an organization in brackets, marked as one
    (以下简称, 略称, quotes), made of its characters in order
    ("產業發展署（產發署）") or in katakana. A name that goes on over "and"
    to the bracket is the full name when the initials of all its capitalised
    words are in the acronym ("Consejo Nacional de Investigaciones
    Científicas y Técnicas (Conicet)")."""
    for start, end, surface, kind, _ in found:
        short = _SHORT_NAME_AFTER.match(text, end)
        if not (short and (short.group("mark") or short.group("quote") or _abbreviates(short.group("short"), surface))):
            short = _KATAKANA_NAME_AFTER.match(text, end)
        if kind == "organization" and short and short.group("short") != surface:
            yield short.group("short"), surface, start, end  # "星海互联科技有限公司（以下简称“星海互联”）", "日本貿易振興機構（ジェトロ）"
            continue
        m = _ACRONYM_AFTER.match(text, end)
        if not m and (joined := words.conjoined_tail.match(text, end)) and (m := _ACRONYM_AFTER.match(text, joined.end())):
            if _initials_in(surface + joined.group(0), m.group(1)):
                yield m.group(1), surface + joined.group(0), start, joined.end()
            continue
        if not m or not (_is_short_name_form(m.group(1)) or _word_acronym_of(m.group(1), surface)):  # "BfG", "BaFin" too
            continue
        if full := _spelling_tail(surface, m.group(1)):
            yield m.group(1), full, end - len(full), end
        elif kind == "organization" and not re.search("[A-Za-z]", surface):  # "한국해양수산개발원(KMI)": no letters to spell
            yield m.group(1), surface, start, end


def _names_known_entity(acronym: str, before: str, known: AbstractSet[str]) -> bool:
    """Whether the name ending `before` and spelled by `acronym` is a known
    entity's name in another case: the acronym is a known name and so is
    one whose words begin as the last words of `before` do ("Российских
    железных дорог (РЖД)" of "Российские железные дороги"). Two bodies may
    share an acronym ("Mit" of an Italian ministry, "MIT"), so the acronym
    alone does not tell. `known` holds folded names."""
    if fold(acronym) not in known:
        return False
    words = fold(before).split()
    stems = _known_stems(known)
    return any(tuple(w[:3] for w in words[-n:]) in stems for n in range(2, min(len(words), 8) + 1))


_STEMS: list = [None, frozenset()]  # the known names last asked about, and their `_known_stems`


def _known_stems(known: AbstractSet[str]) -> frozenset[tuple[str, ...]]:
    """The first three letters of each word of every known name of several
    words, made once per set of known names (one build's): scanning them all
    at each known acronym took 4% of a cold build."""
    if _STEMS[0] is not known:
        _STEMS[:] = [known, frozenset(tuple(w[:3] for w in key.split()) for key in known if " " in key)]
    return _STEMS[1]


def _initials_in(name: str, acronym: str) -> bool:
    """Whether the initials of every capitalised word of `name` are letters of
    `acronym`, in order and from its first."""
    initials = _initials(name)
    rest = iter(without_accents(acronym.casefold()))
    return len(initials) >= 3 and initials[0] == without_accents(acronym[:1].casefold()) and all(c in rest for c in initials)


def _initials(name: str, long_words: bool = False) -> list[str]:
    """The first letters, folded and without accents, of the capitalised words
    of `name`; with `long_words`, of every word of four letters or more too."""
    return [without_accents(w[0].casefold()) for w in re.split(r"[\s\-]+", name)
            if w[:1].isupper() or (long_words and len(w) > 3)]


def _word_acronym_of(token: str, name: str) -> bool:
    """Whether `token` is an acronym written as a word that holds the initials
    of every word of `name` but its short connectors, in order ("Comisión
    Nacional del Agua (Conagua)", "Istituto nazionale di fisica nucleare (Infn)"):
    the initials guard against a common word in brackets."""
    if not _WORD_ACRONYM.fullmatch(token):
        return False
    initials = _initials(name, long_words=True)
    rest = iter(token.casefold())
    return len(initials) >= 2 and initials[0] == token[0].casefold() and all(c in rest for c in initials)


def _abbreviates(short: str, name: str) -> bool:
    """Whether `short` is some of the characters of a longer CJK `name`, in
    order, as Chinese abbreviations are made (工研院 of 工業技術研究院)."""
    rest = iter(name)
    return len(short) < len(name) and all(is_han(c) for c in short) and all(c in rest for c in short)


_WORD_ACRONYM = LazyPattern(r"[A-Z][a-z]{2,6}")  # an acronym written as a word ("Seapa", "Conagua")
_CLAUSE_END = LazyPattern(r"[.;:!?()\[\]\"“”«»„]")


def headed_names(text: str, words: LatinWords) -> Iterator[Found]:
    """Names whose head is written in lower case before a connector, as French,
    Spanish and Italian write facilities and universities ("centrale nucléaire
    de Golfech", "université de Bordeaux", "central nuclear de Almaraz"): the head is
    part of the name, and the place inside it is no name of its own there."""
    for m in words.headed.finditer(text):
        yield m.start(), m.end(), m.group(0), "organization", True


def spelled_names(text: str, words: LatinWords, known: AbstractSet[str] = frozenset(), most: int = 12) -> Iterator[Found]:
    """A name written with lower-case words, known by the acronym in brackets
    after it, which the initials of its words spell ("Caisse de dépôt et
    placement du Québec (CDPQ)", "Réseau express métropolitain (REM)",
    "Securities and Exchange Board of India (SEBI)", "ministère des Transports
    et de la Mobilité durable (MTMD)"). Connectors and "and" give no letter;
    every other word gives its first, up to `most` words back within the
    clause; an acronym written as a word ("Seapa") must be spelled letter for
    letter. The first word is capitalised or heads organizations, and the name
    holds another capitalised word or stands inside a sentence: a capitalised
    phrase opening a sentence may be a common noun's ("Intelligence
    artificielle (IA)"). The name of a known entity written otherwise is
    no new name (see `_names_known_entity`)."""
    skipped = words.connectors | words.conjunctions
    for m in _ACRONYM_AFTER.finditer(text):
        letters = [c for c in without_accents(m.group(1).casefold()) if c.isalpha()]
        if not (_is_acronym(m.group(1)) or _WORD_ACRONYM.fullmatch(m.group(1))) or len(letters) < 3:
            continue
        if _names_known_entity(m.group(1), text[:m.start()], known):
            continue
        clause_start = max((c.end() for c in _CLAUSE_END.finditer(text, max(0, m.start() - 300), m.start())), default=0)
        tokens = list(re.finditer(r"[^\s,]+", text[clause_start:m.start()]))[-most:]
        need = letters[:]
        start = None
        for t in reversed(tokens):
            word = words.elided.sub("", t.group(0))  # "l'Unione" gives the U
            if _key(word) in skipped:
                continue
            if not need or without_accents(word[:1].casefold()) != need[-1]:
                break
            need.pop()
            start = clause_start + t.end() - len(word)
        if need or start is None:
            continue
        name = text[start:m.start()].rstrip()
        split = name.split()
        head, capitals = split[0], sum(1 for w in split if w[:1].isupper())
        if not (head[:1].isupper() or _key(head) in words.org_first):
            continue
        if capitals < 2 and _at_sentence_start(text, start):
            continue
        yield start, start + len(name), name, "organization", True


def _spelling_tail(name: str, acronym: str) -> str | None:
    """`name`, or the longest run of its last words from a capitalised one,
    that spells `acronym` and has two words or more: in a language that
    capitalises nouns a run may begin with one ("Angaben der Bundesanstalt
    für Gewässerkunde (BfG)" is Bundesanstalt für Gewässerkunde)."""
    words = name.split(" ")
    for k in range(len(words)):
        tail = " ".join(words[k:])
        if (not k or words[k][:1].isupper()) and len(re.split(r"[\s\-]+", tail)) > 1 and _spells(tail, acronym):
            return tail
    return None


def _spells(name: str, acronym: str) -> bool:
    plain = without_accents(name.casefold())
    letters = [c for c in without_accents(acronym.casefold()) if c.isalpha()]
    rest = iter(plain)
    return bool(letters) and plain[:1] == letters[0] and all(c in rest for c in letters)


# -- CJK and Korean names ----------------------------------------------------------------


def _glued(text: str, end: int, lang: str, rules: DiscoveryRules) -> bool:
    """Whether Latin letters ending at `end` begin a longer word: katakana
    after them in Japanese ("H3ロケット"), Hangul that is no particle in
    Korean ("HD한국조선해양", not "OpenAI는")."""
    if lang == "ja":
        return end < len(text) and is_katakana(text[end])
    if lang == "ko" and (word := HANGUL_RUN.match(text, end)):
        return word.group(0) not in rules.ko_particles
    return False


def latin_in_cjk(text: str, lang: str, rules: DiscoveryRules) -> Iterator[Found]:
    """Latin-script names inside CJK text: a lab, model or acronym amid kana
    and kanji, unless they are the start of a longer word."""
    words = rules.latin
    for m in LATIN_RUN.finditer(text):
        if _glued(text, m.end(), lang, rules):
            continue
        tokens = m.group(0).split(" ")
        while tokens and fold(tokens[0]) in words.solo:
            tokens = tokens[1:]
        while tokens and (last := fold(tokens[-1])) in words.solo and last not in words.org_last:
            tokens = tokens[:-1]
        if not tokens or not tokens[0][:1].isupper() or all(fold(t) in words.solo for t in tokens):
            continue
        if len(tokens) == 1 and len([c for c in tokens[0] if c.isalpha()]) < 2:
            continue
        surface = " ".join(tokens)
        start = m.start() + m.group(0).index(surface)
        yield start, start + len(surface), surface, _latin_kind(tokens, words, False), True


def katakana_names(text: str, rules: DiscoveryRules, known: AbstractSet[str]) -> Iterator[Found]:
    """Katakana names joined by ・ ("スコット・シンガー"), without a title
    joined the same way ("・コミッショナー"); not lists of known names. A
    part such as リーグ makes the name an organization's, and so does a
    known place before one other word ("ニューヨーク・ヤンキース",
    "ワシントン・ポスト": a club or a paper named after its city)."""
    for m in KATAKANA_NAME.finditer(text):
        parts = re.split("[・=]", m.group(0))
        while len(parts) > 2 and parts[-1] in rules.katakana_title_parts:
            parts.pop()
        if len(parts) < 2 or parts[-1] in rules.katakana_title_parts:
            continue
        after_place = len(parts) == 2 and fold(parts[0]) in rules.places and fold(parts[1]) not in known
        if any(p in rules.katakana_non_name_parts for p in parts) or (
                not after_place and any(fold(p) in known for p in parts)):
            continue
        surface = m.group(0)[: sum(map(len, parts)) + len(parts) - 1]
        kind = "organization" if after_place or any(p in rules.katakana_organization_parts for p in parts) else "person"
        start, end = m.start(), m.start() + len(surface)
        if kind == "organization" and (lead := _LATIN_LEAD.search(text, 0, start)):
            start, surface = lead.start(), lead.group(0) + surface  # "MGMリゾーツ・インターナショナル"; not "DFキム・ジュンホ"
        if suffix := rules.katakana_name_suffix.match(text, end):  # "キングス・クロス駅", "ロンドン・ノース・イースタン鉄道"
            surface, end, kind = surface + suffix[0], suffix.end(), rules.katakana_name_suffixes[suffix[0]]
        yield start, end, surface, kind, True


def cjk_place_compounds(text: str, rules: DiscoveryRules, known: AbstractSet[str]) -> Iterator[Found]:
    """A known name directly followed by a place word ("東京ドーム", "朝鲜半岛"):
    a place of its own, which the matcher then prefers to the shorter name."""
    for m in rules.cjk_place_suffix.finditer(text):
        end = m.start()
        start = next((end - n for n in range(min(end, rules.cjk_place_prefix_length), 0, -1)
                      if fold(text[end - n : end]) in known), None)
        if start is not None:
            yield start, m.end(), text[start : m.end()], "place", True


def place_katakana_names(text: str, rules: DiscoveryRules) -> Iterator[Found]:
    """A place in kanji written together with a katakana word, in Japanese:
    a club or a company ("川崎フロンターレ", "サンフレッチェ広島", "大阪ガス"),
    unless the word is a generic one ("日本チーム")."""
    def han_at(i: int) -> bool:
        return 0 <= i < len(text) and is_han(text[i])

    for m in KATAKANA_RUN.finditer(text):
        if len(m.group(0)) < 2 or m.group(0) in rules.katakana_generic:
            continue
        start, end = m.span()
        before = next((n for n in range(min(start, 4), 1, -1) if fold(text[start - n : start]) in rules.places
                       and not han_at(start - n - 1) and not han_at(end)), 0)  # "日本サッカー協会": longer
        after = 0 if before else next((n for n in range(4, 1, -1) if fold(text[end : end + n]) in rules.places
                                       and not han_at(end + n)), 0)
        if before or after:
            yield start - before, end + after, text[start - before : end + after], "organization", True


def zh_subplaces(text: str, rules: DiscoveryRules, known: AbstractSet[str]) -> Iterator[Found]:
    """A foreign place written right after the country it lies in, before a
    word that follows places ("匈牙利德布勒森的工厂", "西班牙萨拉戈萨合建"):
    transliteration characters only, not a known name."""
    reach = 0
    for m in rules.zh_subplace.finditer(text):
        start, end = m.span("name")
        if start < reach or fold(m.group("name")) in known:
            continue
        if any(fold(text[start - n : start]) in rules.places for n in range(min(start, rules.cjk_place_prefix_length), 1, -1)):
            reach = end
            yield start, end, m.group("name"), "place", True


def cjk_place_names(text: str, lang: str, rules: DiscoveryRules) -> Iterator[Found]:
    """CJK names ending in a word for a region, port or city ("马托格罗索州",
    "鹿児島県", "延岡市"), without a known place before them ("美國亞利桑那州"); not a
    known city with its city word ("名古屋市" is 名古屋)."""
    pattern, chained = rules.cjk_place_names.get(lang), rules.cjk_place_names_after.get(lang)
    found = list(pattern.finditer(text)) if pattern else []
    for m in list(found):  # "宮崎県延岡市": a city right after its prefecture
        while chained and (m := chained.match(text, m.end())):
            found.append(m)
    for m in sorted(found, key=lambda m: m.start()):
        name, start = m.group("name"), m.start("name")
        if any(name.endswith(w) and fold(name[: -len(w)]) in rules.places for w in rules.cjk_city_words):
            continue
        if name.endswith(rules.cjk_venue_suffixes):  # "移回台中洲際棒球場": a venue's name starts with its city
            cut = next((i for i in range(1, len(name) - 3) if any(
                fold(name[i:k]) in rules.places for k in range(i + 2, len(name) - 2))), 0)
        elif name.endswith(rules.cjk_division_suffixes):  # not a port or a launch site named after its region
            # "美國亞利桑那州": a known country or region before the division's own name
            cut = next((i for i in range(len(name) - 3, 1, -1) if fold(name[:i]) in rules.places), 0)
        else:
            cut = 0
        yield start + cut, m.end(), name[cut:], "place", True


def cjk_organizations(text: str, lang: str, rules: DiscoveryRules) -> Iterator[Found]:
    """CJK names ending in an organization suffix (…社, …集团, …大学); some suffixes are strong."""
    matches = list((rules.ja_organization if lang == "ja" else rules.cjk_organization).finditer(text))
    if lang == "zh":
        matches += rules.cjk_organization_after.finditer(text)
        matches += rules.zh_registered_company.finditer(text)
    reach = 0
    for m in sorted(matches, key=lambda m: m.start("name")):
        start, end = m.span("name")
        if start < reach:
            continue  # the same name again, after the word before it
        if lang == "zh":
            while (more := rules.cjk_organization_more.match(text, end)) and more.end() > end \
                    and not text.startswith(rules.zh_titles, end):  # "体育局" + "局长杨光明": its head
                end = more.end()  # "西安局" + "集团" + "有限公司"
            found = ((text.rfind(d, start, end - 3), d) for d in rules.zh_organization_descriptors)
            start = max((at + len(d) for at, d in found if at >= 0), default=start)  # "粮油企业华粮集团" is 华粮集团
        elif lang == "ja":
            end += next((len(f) for f in rules.ja_legal_forms_after if text.startswith(f, end)), 0)
        reach = end
        name = text[start:end]
        if lang == "ja" and len(name) > 3 and name[0] in rules.ja_country_prefixes and (
                is_katakana(name[1]) or name.endswith(rules.ja_prefixed_ministry_endings)):
            name, start = name[1:], start + 1  # 英イングランド銀行, 米国務省: "British", "US" before the name
        if name in rules.ja_legal_forms_after:
            continue
        strong = name.endswith(rules.cjk_strong_suffixes) or _under_division(name, rules)
        if suffix := next((t for t in rules.cjk_team_suffixes if name.endswith(t)), None):
            # "卫冕冠军斐济队", "南京队": a known place and the suffix name its team
            cut = next((i for i in range(len(name) - len(suffix)) if fold(name[i : -len(suffix)]) in rules.places), None)
            if cut is not None:
                name, start, strong = name[cut:], start + cut, True
        if not name.endswith(rules.cjk_generic_endings) or name.endswith(rules.ja_legal_forms_after):
            yield start, end, name, "organization", strong


def _under_division(name: str, rules: DiscoveryRules) -> bool:
    """Whether a CJK organization's name starts with the province, prefecture
    or town it serves, and says more after it ("新潟県酒造組合", "江苏省体育局"):
    a body's formal name, not a description."""
    return any(name[i - 1] in rules.cjk_division_suffixes and len(name) - i >= 3 for i in range(2, min(5, len(name))))


def _places_not_heading(places: Iterable[Found], organizations: list[Found]) -> Iterator[Found]:
    """Places, but not one an organization's name begins with ("京都市交通局",
    "江苏省体育局": the body, not the city); the place still runs before the
    organizations, so that "江苏省" alone is a province, no ministry (省)."""
    longer = {start: end for start, end, *_ in organizations}
    for place in places:
        if longer.get(place[0], 0) <= place[1]:
            yield place


def zh_foreign_names(text: str, rules: DiscoveryRules, known: AbstractSet[str]) -> Iterator[Found]:
    """Foreign names in Chinese, their parts joined by a middle dot
    ("穆罕默德·哈桑", "埃隆·马斯克"). The first part starts after a title or a
    character no name holds ("外长穆罕默德" -> "穆罕默德"); the last part ends
    before one that follows names ("哈桑表示" -> "哈桑"). Not a known name
    with its given name ("唐纳德·特朗普" when "特朗普" is known)."""
    for m in ZH_FOREIGN_NAME.finditer(text):
        first = m.group("first")
        cut = max([i + 1 for i, c in enumerate(first)
                   if c in rules.zh_name_enders or c in rules.cjk_name_breakers or c in rules.zh_title_end_chars] +
                  [first.rindex(t) + len(t) for t in rules.zh_titles if t in first] + [0])
        while 0 < cut < len(first) and first[cut] == "-":  # "让-皮埃尔" is one given name
            cut -= 1
        parts = re.split(r"[·・‧]", m.group(0)[cut:])
        last = parts[-1]
        stop = next((i for i, c in enumerate(last) if i and c in rules.zh_name_enders), len(last))
        parts[-1] = last[:stop]
        if not 1 <= len(parts[0]) <= 5 or not all(parts) or any(fold(p) in known for p in parts):
            continue
        start = m.start() + cut
        surface = text[start : start + sum(map(len, parts)) + len(parts) - 1]
        yield start, start + len(surface), surface, "person", True


def cjk_people(text: str, lang: str, rules: DiscoveryRules) -> Iterator[Found]:
    """People next to a title: "董事长王传福" (zh, and the names listed after
    it: "记者张博文、刘晓燕"), "佐藤恒治社長", "社長：森田 剛" (ja)."""
    if lang == "zh":
        for m in rules.zh_person.finditer(text):
            group = "name" if m.group("name") else "before"
            yield m.start(group), m.end(group), m.group(group), "person", True
            end = m.end(group)
            while more := rules.zh_listed_person.match(text, end):  # "记者张博文、刘晓燕": both reporters
                yield more.start("name"), more.end("name"), more.group("name"), "person", True
                end = more.end("name")
    elif lang == "ja":
        for m in rules.ja_person_after_title.finditer(text):
            yield m.start("name"), m.end("name"), m.group("name"), "person", True
        for m in rules.ja_person.finditer(text):
            if m.group("name") not in rules.ja_not_names:
                yield m.start("name"), m.end("name"), m.group("name"), "person", True


def ja_quoted_names(text: str, rules: DiscoveryRules) -> Iterator[Found]:
    """A name in 「」 right after the word for what it names ("探査機「つきかげ」",
    "メーカー「アルプス航機」"); after の or a verb the brackets quote words, not names."""
    for m in rules.ja_quoted_name.finditer(text):
        yield m.start("name"), m.end("name"), m.group("name"), rules.ja_quote_kinds[m.group("lead")], True


def ja_teams(text: str, rules: DiscoveryRules) -> Iterator[Found]:
    """Sports clubs by the word that ends their name ("阪神タイガース", "横浜F・マリノス", "ヤンキース")."""
    for m in rules.ja_team.finditer(text):
        yield m.start(), m.end(), m.group(0), "organization", True


def ja_companies(text: str, rules: DiscoveryRules) -> Iterator[Found]:
    """A company named before the person who heads it ("アルプス航機の小松健一社長")
    or before its seat in brackets ("セイコーエプソン（諏訪市）"): a run with
    two katakana or Latin letters in it or more (a run of kanji and digits is
    as often a time or a place: "当時の", "8代目の")."""
    found = [*rules.ja_company_of_head.finditer(text), *rules.ja_company_at_place.finditer(text)]
    for m in sorted(found, key=lambda m: m.start()):
        name = m.group("name")
        if name not in rules.ja_not_names and sum(is_katakana(c) or c.isascii() and c.isalpha() for c in name) >= 2:
            yield m.start("name"), m.end("name"), name, "organization", True


def _strip_particle(word: str, rules: DiscoveryRules) -> str:
    if not word.endswith(rules.ko_particles):  # most words: one test in C instead of one per particle
        return word
    for particle in rules.ko_particles:
        if word.endswith(particle) and len(word) > len(particle) + 1:
            return word[: -len(particle)]
    return word


def korean_names(text: str, rules: DiscoveryRules) -> Iterator[Found]:
    """Korean people before a title ("이재용 삼성전자 회장") or after an
    occupation ("배우 박서하"), and organizations by suffix, also after Latin
    letters ("LG그룹")."""
    for m in rules.ko_person.finditer(text):
        # "연출한 나홍진 감독": the word between is the name, not an organization ("이재용 삼성전자 회장")
        between = rules.ko_name.fullmatch(text, m.start("between"), m.end("between")) if m.group("between") else None
        group = "between" if between else "name"
        yield m.start(group), m.end(group), m.group(group), "person", True
    for m in rules.ko_team.finditer(text):
        yield m.start(), m.end(), m.group(0), "organization", True
    for m in rules.ko_person_after_title.finditer(text):
        for group in ("name", "second"):
            if m.group(group):
                yield m.start(group), m.end(group), m.group(group), "person", True
    place_endings = tuple(rules.ko_place_endings)
    for m in HANGUL_WORD.finditer(text):
        stripped = _strip_particle(m.group(0), rules)
        ending = next((e for e in place_endings if stripped.endswith(e)), None) if stripped.endswith(place_endings) else None
        if ending and len(stripped) >= rules.ko_place_endings[ending] and not stripped.endswith(rules.ko_place_not_endings):
            yield m.start(), m.start() + len(stripped), stripped, "place", True
            continue
        if not re.match(r"(?:[A-Z]{1,4})?[\uac00-\ud7a3]", m.group(0)):
            continue
        for word in dict.fromkeys((m.group(0), stripped)):
            suffixes = rules.ko_organization_suffixes
            suffix = next((s for s in suffixes if word.endswith(s)), None) if word.endswith(suffixes) else None
            if suffix and len(word) >= rules.ko_min_length.get(suffix, len(suffix) + 2):
                yield m.start(), m.start() + len(word), word, "organization", True
                break


def model_names(text: str, rules: DiscoveryRules) -> Iterator[Found]:
    """Names with a version ("Qwen 2.5-32B", "GPT-4o"); a size makes them
    strong. A bare number between a name and a lower-case word is a count
    ("beim Hersteller Stadler Rail 116 neue Züge"), no version."""
    for m in MODEL_VERSION.finditer(text):
        if fold(m.group("name")) in rules.latin.stop:
            continue
        if _YEAR.fullmatch(m.group("version")) and not m.group("size"):
            continue
        if not m.group("size") and _is_count(text, m):
            continue
        yield m.start(), m.end(), m.group(0), "product", bool(rules.model_size.search(m.group(0)))


_CAPITALISED_BEFORE = LazyPattern(rf"[{_UPPER}][\w\-]* $")


def _is_count(text: str, m: re.Match[str]) -> bool:
    """Whether a version match is a name's last word followed by a number
    that counts the lower-case words after it."""
    return (m.group("sep") == " " and m.group("version").isdigit()
            and bool(_CAPITALISED_BEFORE.search(text, max(0, m.start() - 40), m.start()))
            and bool(_LOWER_WORD.match(text, m.end())))


def zh_numbered_names(text: str, rules: DiscoveryRules) -> Iterator[Found]:
    """Spacecraft, rockets and satellites named by two characters and a
    number ("长征八号", "嫦娥五号", "神舟十八号"); not "每月一号" (a day).
    In quotation marks the name is all they hold ("“祖冲之二号”", "“本源悟空二号”")."""
    for m in rules.zh_numbered_name.finditer(text):
        start = m.start()
        if (opening := _ZH_QUOTE_BEFORE.search(text, max(0, start - _ZH_QUOTED_MOST), start)) \
                and text.startswith(_ZH_QUOTES[opening.group(0)[0]], m.end()):
            start = opening.start() + 1
        yield start, m.end(), text[start : m.end()], "product", True


def _lowercase_words(article: Article) -> set[str]:
    """Folded words the article writes in lower case somewhere (never a name there)."""
    return {_key(w) for p in article.paragraphs for w in _LOWER_START.findall(p.text)}


def _count_words(text: str, words: str) -> int:
    """How often `words` stand in `text` as whole words (nothing of `[\\w-]`
    glued to either side), like `re.findall` of them between lookarounds, but
    without compiling a pattern per name (thousands of names overflow re's cache)."""
    def glued(i: int) -> bool:
        return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_-")  # what `\\w` is, and the hyphen

    count, at = 0, text.find(words)
    while at >= 0:
        whole = not glued(at - 1) and not glued(at + len(words))
        count += whole
        at = text.find(words, at + (len(words) if whole else 1))
    return count


def sightings(article: Article, rules: DiscoveryRules, known: AbstractSet[str]) -> list[Sighting]:
    """Every candidate occurrence in an article's body, in reading order; a
    name of two or three words whose last word the article also writes on its
    own, even opening a sentence, is a person's ("Eli Tanuvasa ... Tanuvasa
    said": news name people in full once, then by their family name).

    Patterns run in order of specificity; a later pattern does not repeat a
    stretch of text an earlier one found in the same paragraph.
    """
    found = list(_sightings(article, rules, known))
    if article.lang in rules.cjk_languages or article.lang in rules.capitalised_nouns:
        return found
    text = "\n".join(unicodedata.normalize("NFKC", p.text) for p in article.paragraphs)
    first_family = article.lang in rules.matching.first_family_name_languages
    out = []
    for s in found:
        words = s.surface.split()
        if s.kind == "other" and s.pattern == "capitalised_name" and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
            # where people bear two family names, the first stands alone ("Efraín Morales López ... Morales")
            family = [words[-1], words[1]] if first_family and len(words) == 3 else [words[-1]]
            within = _count_words(text, s.surface)
            if any(_count_words(text, word) > within for word in family):
                s = replace(s, kind="person")
        out.append(s)
    return out


def _sightings(article: Article, rules: DiscoveryRules, known: AbstractSet[str]) -> Iterator[Sighting]:
    cjk = article.lang in rules.cjk_languages
    lowercase = set() if cjk else _lowercase_words(article)
    declension = rules.citation_forms.get(article.lang)
    citation = partial(declension.of_name, connectors=rules.latin.connectors) if declension else None
    for para in article.paragraphs:
        written = unicodedata.normalize("NFKC", para.text)
        # Chinese patterns and word lists are in Simplified characters; Traditional
        # text is read through its Simplified copy (one character for one), and
        # each name keeps the characters it was written in
        text = written.translate(simplified_chinese()) if article.lang == "zh" else written
        if article.lang in rules.apostrophe_suffixes:  # "Almanya'da" is read "Almanya   "
            text = _CASE_ENDING.sub(lambda m: " " * len(m.group(0)), written)
        finders = [("model_version", model_names(text, rules))]
        if cjk:
            organizations = list(cjk_organizations(text, article.lang, rules))
            finders += [
                ("cjk_place", cjk_place_compounds(text, rules, known)),
                ("katakana_name", katakana_names(text, rules, known)),
                ("place_katakana", place_katakana_names(text, rules) if article.lang == "ja" else iter(())),
                ("zh_foreign_name", zh_foreign_names(text, rules, known) if article.lang == "zh" else iter(())),
                ("zh_numbered_name", zh_numbered_names(text, rules) if article.lang == "zh" else iter(())),
                ("zh_subplace", zh_subplaces(text, rules, known) if article.lang == "zh" else iter(())),
                ("cjk_person", cjk_people(text, article.lang, rules)),
                ("ja_company", ja_companies(text, rules) if article.lang == "ja" else iter(())),
                ("ja_team", ja_teams(text, rules) if article.lang == "ja" else iter(())),
                ("ja_quoted_name", ja_quoted_names(text, rules) if article.lang == "ja" else iter(())),
                ("korean_name", korean_names(text, rules) if article.lang == "ko" else iter(())),
                ("latin_in_cjk", latin_in_cjk(text, article.lang, rules)),
                ("cjk_place_name", _places_not_heading(cjk_place_names(text, article.lang, rules), organizations)),
                ("cjk_organization", iter(organizations)),
            ]
        elif para.kind != "heading":  # headings may be in Title Case
            finders.append(("spelled_name", spelled_names(text, rules.latin, known)))
            finders.append(("headed_name", headed_names(text, rules.latin)))
            finders.append(("capitalised_name", latin_names(text, article.lang, rules, lowercase)))
        taken = bytearray(len(text) + 1)
        accepted: list[Found] = []
        seen: list[Sighting] = []  # one for each accepted name
        for pattern, found in finders:
            for item in found:
                start, end, surface, kind, strong = item
                if any(taken[start:end]):
                    continue
                if text is not written and surface == text[start:end]:
                    surface = written[start:end]
                accepted.append(item)
                base = citation(surface) if citation and pattern == "capitalised_name" and kind != "person" else surface
                seen.append(Sighting(surface, pattern, kind, strong, article.id, article.lang,
                                     base=base if base != surface else ""))
            for start, end, *_ in accepted:
                taken[start:end] = b"\x01" * (end - start)
        links = list(acronym_links(text, accepted, rules.latin))
        # the parts of a name that an acronym shows to go on ("... Científicas" and "Técnicas") are no names
        parts = {i for i, (start, end, *_) in enumerate(accepted)
                 for _, _, s, e in links if s <= start and end <= e and (start, end) != (s, e)}
        yield from (sighting for i, sighting in enumerate(seen) if i not in parts)
        surfaces = {surface for _, _, surface, _, _ in accepted}
        for acronym, full, _, _ in links:
            if _names_known_entity(acronym, full, known):
                continue
            if full not in surfaces:  # the end of a longer run ("Angaben der Bundesanstalt für Gewässerkunde")
                base = citation(full) if citation else full
                yield Sighting(full, "acronym", "organization", True, article.id, article.lang,
                               base=base if base != full else "")
            yield Sighting(acronym, "acronym", "organization", True, article.id, article.lang,
                           same_as=fold(citation(full) if citation else full))


# -- deciding ------------------------------------------------------------------------


def _decide(group: list[Sighting], rules: DiscoveryRules, capitalised_only: bool) -> tuple[bool, str]:
    """Whether a candidate's sightings make it an entity, and why."""
    articles = {s.article for s in group}
    if any(s.strong for s in group):
        return True, "strong pattern"
    if capitalised_only:  # German capitalises every noun: "Jahren" recurs in every archive
        return False, "capitalised words without a cue, in a language that capitalises nouns"
    if len(articles) >= rules.min_articles:
        return True, f"in {len(articles)} articles"
    if len(group) >= rules.min_occurrences:
        return True, f"{len(group)} occurrences"
    return False, "seen once"


# Each article's `new_sightings`, for a list of articles (a caller may keep them).
SightingsFor = Callable[[list[Article], DiscoveryRules, AbstractSet[str]], list[list[Sighting]]]
# The same with a digest of them all (a caller that keeps them digests each article's once).
# (articles, rules, known keys) -> (each article's sightings, maybe not read until iterated; their key)
KeyedSightingsFor = Callable[[list[Article], DiscoveryRules, AbstractSet[str]], tuple[Iterable[list[Sighting]], str]]


def new_sightings(article: Article, rules: DiscoveryRules, known_keys: AbstractSet[str]) -> list[Sighting]:
    """The sightings of names not in the curated table: a pure function of the
    article (rules and table come from the data files), so a caller may keep it.
    A known name with an inflection ending of the article's language
    ("Luksemburgu", "Sveriges") is that name, which the matcher finds."""
    endings = rules.matching.inflections.get(article.lang, ())
    return [s for s in sightings(article, rules, known_keys) if not _known_inflected(fold(s.surface), known_keys, endings)]


def _known_inflected(key: str, known_keys: AbstractSet[str], endings: Iterable[str]) -> bool:
    """Whether a folded name is a known one, maybe with one of its language's
    inflection endings ("luksemburgu", "krakowie")."""
    return key in known_keys or any(key.endswith(e) and key[: -len(e)] in known_keys for e in endings)


def all_new_sightings(articles: list[Article], rules: DiscoveryRules, known_keys: AbstractSet[str]) -> list[list[Sighting]]:
    """`new_sightings` of each article, in worker processes when there are many (parallel.py)."""
    def find(i: int) -> list[Sighting]:  # workers inherit the articles and get their numbers only
        return new_sightings(articles[i], rules, known_keys)

    return parallel.ordered_map(find, range(len(articles)))


def keyed_new_sightings(
    articles: list[Article], rules: DiscoveryRules, known_keys: AbstractSet[str]
) -> tuple[list[list[Sighting]], str]:
    """`all_new_sightings` and their key: a digest of each article's digest
    (a caller that keeps them article by article makes its own: `LinkSteps`)."""
    found = all_new_sightings(articles, rules, known_keys)
    return found, digest([digest(sightings) for sightings in found])


def _grouped(sightings: Iterable[list[Sighting]], rules: DiscoveryRules) -> dict[str, list[Sighting]]:
    """Sightings by folded name; an acronym defined in brackets joins its full name."""
    groups: dict[str, list[Sighting]] = defaultdict(list)
    for found in sightings:
        for s in found:
            groups[fold(s.name)].append(s)
    for key in sorted(groups):
        links = {s.same_as for s in groups.get(key, ()) if s.same_as}
        target = next((t for t in sorted(links) if t in groups and t != key), None)
        if target:
            groups[target] += [s for s in groups.pop(key)]
    _join_accent_variants(groups)
    _join_romanized(groups, rules)
    _join_declined_family_names(groups, rules.matching)
    _join_declined_names(groups, rules)
    _join_cjk_organization_tails(groups)
    return groups


def _join_declined_names(groups: dict[str, list[Sighting]], rules: DiscoveryRules) -> None:
    """Names of several words in one language that declines them, the same
    but for case endings ("Rada Miasta Krakowa", "Rady Miasta Krakowa";
    "Naczelny Sąd Administracyjny", "Naczelnego Sądu Administracyjnego"),
    are one name: the spelling seen most often keeps the sightings of all.
    Each pair of words must be one word or share all but at most
    `case_ending_most` letters at the end of each, and three letters at
    least. People are left out: a family name's ending may tell a woman
    from a man ("Kowalski", "Kowalska")."""
    most = rules.case_ending_most
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for key, group in groups.items():
        words = key.split()
        langs = {s.lang for s in group}
        if (len(words) >= 2 and len(langs) == 1 and langs <= rules.declining_languages
                and not any(s.kind == "person" for s in group)):
            buckets[(*langs, *(w[:3] for w in words))].append(key)

    def alike(a: str, b: str) -> bool:
        return all(x == y or (len(p := commonprefix((x, y))) >= 3 and len(x) - len(p) <= most and len(y) - len(p) <= most)
                   for x, y in zip(a.split(), b.split()))

    for keys in buckets.values():
        keys.sort(key=lambda k: (-len(groups[k]), k))
        while keys:
            head, *rest = keys
            joined = [k for k in rest if alike(head, k)]
            for other in joined:
                groups[head] += groups.pop(other)
            keys = [k for k in rest if k not in joined]


def _join_accent_variants(groups: dict[str, list[Sighting]]) -> None:
    """One name written with and without accents in different articles
    ("Fréjus", "Frejus"; an Italian and a French text) is one name: the
    spelling seen most often keeps the sightings of both."""
    variants: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        if all(ord(c) < 0x2E80 for c in key):  # alphabets only: kana and Hangul decompose into other letters
            variants[without_accents(key)].append(key)
    for keys in variants.values():
        if len(keys) > 1:
            keys.sort(key=lambda k: (-len(groups[k]), k))
            for other in keys[1:]:
                groups[keys[0]] += groups.pop(other)


_NOT_LETTERS = re.compile(r"[^a-z ]+")
ROMANIZED_LIKE = 0.85  # a romanized name and a Latin one this alike (difflib ratio of their skeletons) are one
ROMANIZED_MIN = 6  # letters of a skeleton below which only the same skeleton is the same name


def _skeleton(latin: str, spellings: tuple[tuple[str, str], ...]) -> str:
    """A Latin name with the spellings that romanizations of one letter
    disagree on made one ("Yandex", "Iandeks"; "Aleksiej", "Alexei")."""
    out = without_accents(latin.casefold()).replace("-", " ")
    for a, b in spellings:
        out = out.replace(a, b)
    return " ".join(_NOT_LETTERS.sub(" ", out).split())


def _is_latin(name: str) -> bool:
    """Letters of the Latin alphabets only (ł, ø and ı too)."""
    return any(c.isalpha() for c in name) and all(ord(c) < 0x250 or not c.isalpha() for c in name)


def _word_starts(skeleton: str) -> tuple[str, ...]:
    return tuple(word[:2] for word in skeleton.split())


def _join_romanized(groups: dict[str, list[Sighting]], rules: DiscoveryRules) -> None:
    """A name in Cyrillic or Greek whose romanization is a name found in
    Latin letters ("Ольга Тарасова", "Olga Tarasova"; "Интерфакс",
    "Interfax") is that name: the Latin group takes its sightings, so one
    entity has both. Where no skeleton is the same, the one Latin name of as
    many words, each starting with the same two letters, that is alike
    enough is that name ("Kluczewska Sopka", "Ключевская сопка"). Two Latin
    spellings are never joined this way ("Mayer", "Maier"), and no name is
    joined to one of two Latin names alike."""
    table, spellings = rules.romanization, rules.romanization_spellings
    if not table:
        return
    latin: dict[str, str | None] = {}
    near: dict[tuple[str, ...], list[str]] = defaultdict(list)  # word starts -> skeletons
    for key in groups:
        if _is_latin(key):
            skeleton = _skeleton(key, spellings)
            if skeleton not in latin:
                near[_word_starts(skeleton)].append(skeleton)
            latin[skeleton] = None if skeleton in latin else key  # two Latin names alike: join neither
    for key in [k for k in groups if any(ord(c) in table for c in k)]:
        skeleton = _skeleton(romanized(key, rules), spellings)
        if skeleton in latin:
            target = latin[skeleton]
        else:
            others = near.get(_word_starts(skeleton), ()) if len(skeleton) >= ROMANIZED_MIN else ()
            alike = [other for other in others if SequenceMatcher(None, skeleton, other, autojunk=False).ratio() >= ROMANIZED_LIKE]
            target = latin[alike[0]] if len(alike) == 1 else None
        if target and target in groups:
            groups[target] += groups.pop(key)


def _join_declined_family_names(groups: dict[str, list[Sighting]], rules: MatchRules) -> None:
    """A family name alone in a case of its own ("Соколова", "Зайцевой" after
    "Андрей Соколов", "Марина Зайцева"; "Лаптев" after "Игоря Лаптева", the
    full name declined) is that person: the matcher finds the family name
    only as written in the full name."""
    family: dict[tuple[str, str], str] = {}
    for key, group in groups.items():
        words = key.split()
        # a person's name, or two words no cue made one (a given name declined: "Игоря Лаптева")
        if len(words) >= 2 and any(s.kind == "person" or s.kind == "other" and len(words) == 2 for s in group):
            last = group[0].surface.split()[-1]
            for lang in {s.lang for s in group}:
                endings = rules.inflections.get(lang, ())
                forms = [*rules.declined(last, lang), *(last + e for e in endings),
                         *(last[: -len(e)] for e in endings if last.endswith(e) and len(last) - len(e) >= 3)]
                for form in forms:
                    family.setdefault((fold(form), lang), key)
    for key in [k for k in groups if " " not in k]:
        langs = {s.lang for s in groups[key]}
        target = {family.get((key, lang)) for lang in langs}
        if len(langs) == 1 and len(target) == 1 and (person := target.pop()) and person in groups and person != key:
            full = groups[person][0].name  # the family name alone names the person, as the full name does
            groups[person] += [replace(s, base=full) for s in groups.pop(key)]


def _join_cjk_organization_tails(groups: dict[str, list[Sighting]]) -> None:
    """A CJK organization name found with words before it ("粮油企业中粮集团",
    text has no spaces to stop at) is the shorter one found elsewhere
    ("中粮集团"): its sightings join that name's, cut to it."""
    names = {k for k, g in groups.items() if g[0].pattern == "cjk_organization"}
    for key in sorted(names, key=len, reverse=True):
        tail = next((key[i:] for i in range(1, len(key) - 2) if key[i:] in names and key[i:] in groups), None)
        if tail is not None:
            groups[tail] += [replace(s, surface=s.surface[len(s.surface) - len(tail):]) for s in groups.pop(key)]


@dataclass(frozen=True)
class _Verdict:
    """What a candidate's own sightings decide, under one set of rules."""

    name: str
    kind: EntityKind
    pattern: str
    occurrences: int
    articles: tuple[str, ...]
    accepted: bool
    reason: str
    reviewed: bool  # promoted or rejected in entity_review.yaml: no other test overrules it
    names: dict[str, tuple[str, ...]]
    id_base: str  # its entity id, unless taken


def _verdict(key: str, group: list[Sighting], rules: DiscoveryRules, promoted: dict[str, dict]) -> _Verdict:
    abbreviations = {s.surface for s in group if s.same_as}
    named = [s for s in group if s.surface not in abbreviations] or group
    name = _display(named)
    first = named[0]
    capitalised_only = all(s.pattern == "capitalised_name" and s.lang in rules.capitalised_nouns for s in group)
    accepted, reason = _decide(named, rules, capitalised_only)
    kind = first.kind if first.kind != "other" else next((s.kind for s in named if s.kind != "other"), "other")
    if not accepted and len(named) < len(group) and any(s.same_as for s in group):
        accepted, reason = True, "its acronym follows it in brackets"  # "Alfred-Wegener-Instituts (AWI)"
        kind = "organization" if kind == "other" else kind
    if key in rules.reject:
        accepted, reason = False, "rejected in entity_review.yaml"
    if key in promoted:
        accepted, reason = True, "promoted in entity_review.yaml"
        kind = promoted[key].get("kind", kind)
    return _Verdict(
        name, kind, first.pattern, len(group), tuple(sorted({s.article for s in group})), accepted, reason,
        key in rules.reject or key in promoted, _surface_names(group, rules) if accepted else {},
        _id_base(str((promoted.get(key) or {}).get("id") or name), kind) if accepted else "",
    )


def discover(
    articles: Iterable[Article], known_keys: AbstractSet[str], taken_ids: set[str], rules: DiscoveryRules | None = None,
    *, sightings_for: SightingsFor = all_new_sightings,
) -> tuple[list[EntitySpec], list[EntityCandidate]]:
    """Entities for the strong candidates (plus promoted names), and all candidates.

    `known_keys` are the folded aliases of the curated table (never
    rediscovered); `taken_ids` are ids new entities must not reuse; `rules`
    default to the data files; `sightings_for` is `all_new_sightings` unless
    the caller remembers its results.
    """
    rules = rules or DiscoveryRules.load()
    return discover_in(sightings_for(sorted(articles, key=lambda a: a.id), rules, known_keys), known_keys, taken_ids, rules)


def discover_in(
    sightings: Iterable[list[Sighting]], known_keys: AbstractSet[str], taken_ids: set[str], rules: DiscoveryRules,
) -> tuple[list[EntitySpec], list[EntityCandidate]]:
    """`discover` from each article's `new_sightings` (in the order of the
    articles' ids): a pure function of them, the table and the rules, so a
    caller may keep its result under a digest of the sightings."""
    groups = _grouped(sightings, rules)
    alone = _alone(groups)
    _descriptors_dropped(groups, rules, alone)
    _people_named_again(groups, alone)
    promoted = {fold(str(p["name"])): p for p in rules.promote if p.get("name")}
    ids = set(taken_ids)
    specs: list[EntitySpec] = []
    candidates: list[EntityCandidate] = []
    families = _family_names(groups, rules.matching)
    verdicts: dict[str, tuple[list[Sighting], _Verdict]] = {}
    for key, group in sorted(groups.items()):
        last = rules.verdicts.get(key)
        verdict = last[1] if last is not None and last[0] == group else _verdict(key, group, rules, promoted)
        verdicts[key] = (group, verdict)
        accepted, reason = verdict.accepted, verdict.reason
        if accepted and not verdict.reviewed and all((s.article, key) in families for s in group):
            accepted, reason = False, "family name of a person named in full in the same article"
        entity_id = None
        if accepted:
            entity_id = _unique_id(verdict.id_base, ids)
            specs.append(EntitySpec(entity_id, verdict.kind, verdict.names, "discovered"))
        candidates.append(EntityCandidate(
            verdict.name, verdict.kind, verdict.pattern, verdict.occurrences, verdict.articles, accepted, reason,
            entity_id,
        ))
    rules.verdicts.clear()
    rules.verdicts.update(verdicts)
    for key, entry in sorted(promoted.items()):
        if key not in groups and key not in known_keys:
            entity_id = _unique_id(_id_base(str(entry.get("id") or entry["name"]), entry.get("kind", "other")), ids)
            names = {str(lang): (str(entry["name"]),) for lang in entry.get("languages") or ("en",)}
            specs.append(EntitySpec(entity_id, entry.get("kind", "other"), names, "discovered"))
    return specs, candidates


def _alone(groups: dict[str, list[Sighting]]) -> set[tuple[str, str]]:
    """(article, folded name) of every name of one word found on its own."""
    return {(s.article, key) for key, group in groups.items() if " " not in key for s in group if " " not in s.surface}


def _descriptors_dropped(groups: dict[str, list[Sighting]], rules: DiscoveryRules, alone: set[tuple[str, str]]) -> None:
    """In a language that capitalises nouns, a run that starts with a long
    compound noun and whose last word, no common noun by its ending, stands
    alone in the same article is that noun and a name ("Forschungsschiff
    Polarstern ... die Polarstern", "Ozeanografen Henrik Sørlie ... Sørlie"):
    its sightings lose the noun and become strong, joining the name's own. In place."""
    for key in [k for k in groups if " " in k]:
        if not any(s.lang in rules.capitalised_nouns for s in groups[key]):
            continue
        kept = []
        for s in groups[key]:
            words = s.surface.split()
            if (s.lang in rules.capitalised_nouns and s.pattern == "capitalised_name" and len(words) in (2, 3)
                    and len(words[0]) >= rules.descriptor_min_length and _key(words[0]) not in rules.latin.given_names
                    and all(w[:1].isupper() for w in words) and not _key(words[-1]).endswith(rules.noun_endings)
                    and (s.article, fold(words[-1])) in alone):
                name = " ".join(words[1:])
                kind = "person" if len(words) == 3 else s.kind
                groups.setdefault(fold(name), []).append(replace(s, surface=name, kind=kind, strong=True))
            else:
                kept.append(s)
        if kept:
            groups[key] = kept
        else:
            del groups[key]


def _people_named_again(groups: dict[str, list[Sighting]], alone: set[tuple[str, str]]) -> None:
    """A name of two or three capitalised words of no known kind whose last
    word stands alone in the same article is a person's ("a spokeswoman,
    Karin Vogt, said ... Vogt added"): news name people in full once, then by
    their family name. Its sightings become a person's, in place. Not when
    that word is a place in the article ("in Ludwigshafen ... the tanker Stolt
    Ludwigshafen")."""
    places = {(s.article, key) for key, group in groups.items() if " " not in key for s in group if s.kind == "place"}
    lone_words = alone - places
    for key, group in groups.items():
        if " " not in key:
            continue
        for i, s in enumerate(group):
            words = s.surface.split()
            if (s.kind == "other" and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
                    and (s.article, fold(words[-1])) in lone_words):
                group[i] = replace(s, kind="person")


def _family_names(groups: dict[str, list[Sighting]], rules: MatchRules) -> set[tuple[str, str]]:
    """(article, folded family name) of the people found with a full name.

    Such a family name alone ("M. Faury" after "Guillaume Faury", "大谷選手"
    after "大谷翔平") is the same person: the matcher links it through the
    person's family-name alias.
    """
    return {
        (s.article, fold(short))
        for group in groups.values()
        for s in group
        if s.kind == "person"
        for short in short_forms(s.surface, s.lang, rules)
    }


def _display(group: list[Sighting]) -> str:
    counts = Counter(s.name for s in group)
    return min(counts, key=lambda s: (-counts[s], s))


def _surface_names(group: list[Sighting], rules: DiscoveryRules) -> dict[str, tuple[str, ...]]:
    """Names per language, most frequent spelling first (full names before
    acronyms), then each name ending in a legal form without it ("Drishti
    Orbital Private Limited" is also "Drishti Orbital": news drop it after the
    first mention); a name seen only in Cyrillic also gets its romanization, as a
    name in Latin script of that language ("ru-Latn": "Лукойл" is "Lukoil"),
    so that a reader finds it by the spelling of Latin-script news."""
    romanization = rules.romanization
    by_lang: dict[str, Counter] = defaultdict(Counter)
    for s in group:
        by_lang[s.lang][s.name] += 1
        by_lang[s.lang][s.surface] += 0  # a declined spelling is a name too, after the citation form
    abbreviations = {s.surface for s in group if s.same_as}
    names = {lang: sorted(c, key=lambda s: (s in abbreviations, -c[s], s)) for lang, c in by_lang.items()}
    for ns in names.values():
        ns += [short for n in list(ns) if (short := _without_legal_form(n, rules)) and short not in ns]
    if romanization and not any(without_accents(n).isascii() for ns in names.values() for n in ns):
        lang, first = next((lang, ns[0]) for lang, ns in names.items())
        if any(ord(c) in romanization for c in first) and not first.isupper():  # not an acronym ("РЖД")
            names[f"{lang}-Latn"] = [romanized(first, rules)]
    return ordered_names(names)


def _without_legal_form(name: str, rules: DiscoveryRules) -> str | None:
    """`name` without the legal form that ends it, if a name is left (not a common word alone);
    a Japanese one is written without a space ("北辰電機株式会社" is 北辰電機)."""
    if (form := next((f for f in rules.ja_legal_forms_after if name.endswith(f)), None)) is not None:
        return name[: -len(form)] if len(name) >= len(form) + 2 else None
    form = next((f for f in rules.legal_forms if name.endswith(" " + f)), None)
    if form is None:
        return None
    rest = name[: -len(form)].rstrip(" ,")
    return rest if len(rest) >= 3 and (" " in rest or _key(rest) not in rules.latin.solo) else None


def romanized(name: str, rules: DiscoveryRules) -> str:
    """`name` in Latin letters, each word capitalised as it was ("Усть-Луга" -> "Ust-Luga"):
    first the letter pairs that romanize as one ("ου"), then each letter."""
    for letters, latin in rules.romanization_pairs:
        name = name.replace(letters, latin).replace(letters.capitalize(), latin.capitalize())
    table = rules.romanization
    return "".join(c.lower().translate(table).capitalize() if c.isupper() else c.translate(table) for c in name)


def _id_base(name: str, kind: str) -> str:
    """A slug; a name without Latin letters gets its kind as prefix."""
    base = slugify(name)
    if not any(c.isascii() and c.isalnum() for c in name):
        base = f"{kind}-{base}"
    return "index-entity" if base == "index" else base


def _unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... when taken."""
    new, n = base, 1
    while new in taken:
        n += 1
        new = f"{base}-{n}"
    taken.add(new)
    return new
