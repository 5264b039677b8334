"""RENDER: the timeline pages, and the helpers article and entity pages use to list events.

The timeline is one page per month (`timeline/2025-03.md`) and one per year
for the events dated only to a year (`timeline/2025.md`), under an overview
(`timeline/index.md`, ids `#2025` and `#2025-03` as before the split) that
links to them with their event counts. A page shows only its own events, so
an edit rewrites the pages of the months it touches and the overview, and
every other page stays byte-identical (the writer keeps its mtime). Each
page and event also carries its date in other written forms (ISO and, from
CLDR through Babel, "2025年3月", "März 2025", "March 2025"...) in hidden
text, because the site search matches words, not dates.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby

from babel.dates import format_date, format_skeleton
from jinja2 import Environment

from .cache import Cache
from .langdata import DATA_DIR, load_yaml
from .model import Archive, Event
from .recall import Generated, Recall
from .text import shorten
from .timeline import TimelineEntry, event_key, merge_translations, paragraph_number

SITE_LOCALE = "en"
SENTENCE_WIDTH = 220


@dataclass
class Section:
    """A year or a month of the timeline; `entries` are those dated at exactly its precision."""

    id: str
    label: str
    search: list[str]
    entries: list[TimelineEntry] = field(default_factory=list)
    months: list[Section] = field(default_factory=list)


def search_locales() -> list[str]:
    """Languages whose date forms are written into the page: data files with `search_forms`."""
    codes = {SITE_LOCALE}
    for path in sorted((DATA_DIR / "dates").glob("*.yaml")):
        if (load_yaml(f"dates/{path.name}") or {}).get("search_forms"):
            codes.add(path.stem)
    return sorted(codes)


def date_forms(iso: str, locales: list[str]) -> list[str]:
    """`iso` as written in each locale: "2025-03" -> ["2025-03", "March 2025", "März 2025", "2025年3月"...]."""
    return list(_date_forms(iso, tuple(locales)))


# (iso, locales) -> its `date_forms`: Babel's formatting is slow (loading a
# locale's data costs a new process more than the rest of an edit's
# timeline), and an archive's events share few dates; kept in the cache
# between processes (see `install`)
_FORMS: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
DATE_FORMS = "date-forms"  # the `Cache.keep_latest` name of `_FORMS`


def _date_forms(iso: str, locales: tuple[str, ...]) -> tuple[str, ...]:
    forms = _FORMS.get((iso, locales))
    if forms is None:
        forms = _FORMS[iso, locales] = _format_forms(iso, locales)
    return forms


def _format_forms(iso: str, locales: tuple[str, ...]) -> tuple[str, ...]:
    parts = [int(p) for p in iso.split("-")]
    day = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    forms = [iso]
    for locale in locales:
        if len(parts) == 3:
            forms.append(format_date(day, "long", locale=locale))
        elif len(parts) == 2:
            forms.append(format_skeleton("yMMMM", day, locale=locale))
        else:
            forms.append(format_skeleton("y", day, locale=locale))
    return tuple(dict.fromkeys(forms))


def date_label(iso: str) -> str:
    """The date in the site's language: "March 5, 2025", "March 2025", "2025"."""
    return date_forms(iso, [SITE_LOCALE])[-1]


def section_id(iso: str) -> str:
    """The timeline section holding a date: "2025-03" for 2025-03-05, "2025" for a year."""
    return iso[:7]


def timeline_page(iso: str) -> str:
    """The page (from the docs root) listing a date's events: "timeline/2025-03.md", "timeline/2025.md"."""
    return f"timeline/{section_id(iso)}.md"


def shorten_sentence(text: str, width: int = SENTENCE_WIDTH) -> str:
    """An event's sentence cut for the timeline list."""
    return shorten(text, width)


def build_sections(entries: list[TimelineEntry], locales: list[str]) -> list[Section]:
    """Years, oldest first, each with its year-only entries and its months."""
    years: list[Section] = []
    for year, in_year in groupby(entries, key=lambda t: t.date[:4]):
        section = Section(year, year, date_forms(year, locales))
        for month, in_month in groupby(in_year, key=lambda t: t.date[:7]):
            items = list(in_month)
            if month == year:
                section.entries = items
            else:
                section.months.append(Section(month, date_label(month), date_forms(month, locales), items))
        years.append(section)
    return years


@dataclass
class TimelineView:
    """Everything the timeline templates need, computed once per build."""

    entries: list[TimelineEntry]
    sections: list[Section]
    locales: list[str]
    langs: dict[str, str]  # article id -> language
    entity_names: dict[str, str]
    by_article: dict[str, list[Event]]
    by_entity: dict[str, list[TimelineEntry]]

    @classmethod
    def of(cls, archive: Archive, cache: Cache | None = None) -> TimelineView:
        """The view of `archive`, the previous build's (`Recall`) while the
        events, links, languages and entity names it is made of are equal.
        It is shared between builds: treat it as read-only."""
        langs = {a.id: a.lang for a in archive.articles}
        names = {e.id: e.display_name for e in archive.entities}
        originals = tuple(a.id for a in archive.articles if not a.translation_of)
        locales = (cache or Cache(None)).memo("search-locales", "", search_locales)  # reads every date data file
        inputs = (archive.events, archive.translations, originals, tuple(langs.items()), tuple(names.items()), locales)
        make = partial(cls._make, archive.events, archive.translations, originals, locales, langs, names)
        return Recall(cache or Cache(None), "timeline-view")("view", inputs, make)

    @classmethod
    def _make(cls, events: tuple[Event, ...], links: tuple, originals: tuple[str, ...], locales: list[str],
              langs: dict[str, str], entity_names: dict[str, str]) -> TimelineView:
        entries = merge_translations(events, links, originals)
        by_article: dict[str, list[Event]] = defaultdict(list)
        for e in sorted(events, key=lambda e: (paragraph_number(e.anchor), event_key(e))):
            by_article[e.article].append(e)
        by_entity: dict[str, list[TimelineEntry]] = defaultdict(list)
        for entry in entries:
            for entity in entry.entities:
                by_entity[entity].append(entry)
        return cls(
            entries=entries,
            sections=build_sections(entries, locales),
            locales=locales,
            langs=langs,
            entity_names=entity_names,
            by_article=dict(by_article),
            by_entity=dict(by_entity),
        )

    def article_events(self, article_id: str) -> list[Event]:
        """The dated events of one article, in reading order."""
        return self.by_article.get(article_id, [])

    def events_for(self, entity_id: str) -> list[TimelineEntry]:
        """The timeline entries naming an entity, oldest first (for entity pages)."""
        return self.by_entity.get(entity_id, [])

    def entry_langs(self, entry: TimelineEntry) -> list[str]:
        return sorted({self.langs.get(v.article, "") for v in entry.versions} - {""})

    def globals(self) -> dict:
        """Jinja globals: `article_events(id)`, `events_for(entity_id)` and formatting helpers."""
        return {
            "article_events": self.article_events,
            "events_for": self.events_for,
            "entry_langs": self.entry_langs,
            "article_lang": lambda article_id: self.langs.get(article_id, ""),
            "entity_name": lambda entity_id: self.entity_names.get(entity_id, entity_id),
            "has_entity_page": lambda entity_id: entity_id in self.entity_names,
            "date_forms": lambda iso: date_forms(iso, self.locales),
            "date_label": date_label,
            "section_id": section_id,
            "timeline_page": timeline_page,
            "shorten": shorten_sentence,
        }


def install(env: Environment, archive: Archive, cache: Cache | None = None) -> TimelineView:
    """Make the timeline helpers available to every template of this build."""
    if cache is not None:
        cache.carry(DATE_FORMS, _FORMS)
    view = TimelineView.of(archive, cache)
    env.globals.update(view.globals())
    return view


def render_timeline(env: Environment, view: TimelineView, cache: Cache | None = None) -> dict[str, Generated]:
    """The overview and one page per month (and per year, for year-only
    events): {path: Markdown}. A page is rendered again only when what it
    shows changed (`page_inputs`), in this process or the next."""
    cache = cache or Cache(None)
    recall = Recall(cache, "timeline-page")
    overview = partial(env.get_template("timeline.md.j2").render, sections=view.sections, total=len(view.entries))
    pages = {"timeline/index.md": recall("index", (overview_inputs(view.sections), len(view.entries)), overview)}
    template = env.get_template("timeline_month.md.j2")
    items = []
    for year in view.sections:
        for section in ([year] if year.entries else []) + year.months:
            filters = _filters(view, section.entries)
            inputs = page_inputs(view, section, year, filters)
            items.append((section.id, inputs, partial(template.render, section=section, year=year, **filters)))
    pages.update((timeline_page(name), page) for (name, _, _), page in zip(items, recall.cached_many(items, files=True)))
    return pages


def overview_inputs(sections: list[Section]) -> tuple:
    """What the overview shows of each year and month: labels, date forms, counts."""
    return tuple(
        (y.id, y.label, tuple(y.search), len(y.entries), tuple((m.id, m.label, len(m.entries)) for m in y.months))
        for y in sections
    )


def page_inputs(view: TimelineView, section: Section, year: Section, filters: dict[str, list[str]]) -> tuple:
    """Everything a month page shows: its section and year, its entries,
    and of their articles and entities the language and name it prints."""
    entities = filters["filter_entities"]
    articles = sorted({v.article for entry in section.entries for v in entry.versions})
    return (
        section.id, section.label, tuple(section.search), year.id, tuple(section.entries), tuple(view.locales),
        tuple(filters["filter_langs"]), tuple(entities),
        tuple((e, view.entity_names.get(e)) for e in entities),
        tuple((a, view.langs.get(a, "")) for a in articles),
    )


def _filters(view: TimelineView, entries: list[TimelineEntry]) -> dict[str, list[str]]:
    """The languages and entities of a page's own events, for its filter menus
    (only its own, so the page changes only when its events do)."""
    entities = sorted({e for t in entries for e in t.entities}, key=lambda e: (view.entity_names.get(e, e), e))
    langs = sorted({lang for t in entries for lang in view.entry_langs(t)})
    return {"filter_langs": langs, "filter_entities": entities}
