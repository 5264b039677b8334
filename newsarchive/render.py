"""RENDER: the archive to Markdown pages, through the Jinja2 templates.

Templates only format; everything they print from an article goes through
one of the escaping filters below, so no article can inject Markdown, HTML,
MkDocs syntax or script into the site:

- `md`: Markdown inline text: HTML-escaped (`<`, `>`, `&`), and
  backslash-escaped only where a mark can start syntax of the enabled
  extensions (`_MD_SPECIAL` anywhere, list/ordered-list/setext marks at the
  start, `!` at the end, where a template may follow it with a link);
  `pymdownx.escapeall` turns each escape back into plain text. Escaping
  every punctuation mark was as safe but made each comma an inline-pattern
  match, the main cost of converting the pages;
- `html`: text inside raw HTML;
- `yaml`: a front-matter value.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import groupby
from pathlib import Path

from babel import Locale, UnknownLocaleError
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, Template
from jinja2.bccache import Bucket

from .cache import Cache
from .entity_pages import EntityPages, segments
from .model import Archive, Article, Paragraph, TranslationLink
from .recall import Generated, Recall
from .render_timeline import install as install_timeline, render_timeline
from .translations import Row, aligned_rows, pair_page

# Marks that start inline syntax (links: brackets and parentheses), attr_list
# `{...}`, table cells or heading closers wherever they stand (`<`, `>`, `&`
# are HTML-escaped instead), each backslash-escaped by `str.replace`, the
# backslash first: one C scan per mark is several times faster than
# `str.translate` with a table (a mapping lookup per character, slow on CJK
# text) or a regex substitution (per match).
_MD_SPECIAL = "\\`*_[](){}|#"
# At the start of a line: a list item (`- `, `+ `, `1. `) or a setext rule (`=`).
_LINE_START = re.compile(r"^( ?\d*)((?<=\d)\.|[-+=])")
_SPACES = re.compile(r"\s+")
HOME_LIMIT = 100


def md_inline(text: str) -> str:
    """Text that Markdown shows exactly as written, on one line."""
    return _md_escape(" ".join(str(text).split()))


def md_part(text: str) -> str:
    """Like `md`, for a piece of a line: spaces at its edges are kept."""
    return _md_escape(_SPACES.sub(" ", str(text)))


def _md_escape(text: str) -> str:
    """`text` HTML-escaped, its Markdown marks backslash-escaped; a `!` at the
    end too (before a link that a template writes next it would make an image)."""
    text = html.escape(text, quote=False)
    for mark in _MD_SPECIAL:
        if mark in text:
            text = text.replace(mark, "\\" + mark)
    if start := _LINE_START.match(text):
        text = f"{start[1]}\\{start[2]}{text[start.end():]}"
    return text[:-1] + "\\!" if text.endswith("!") else text


def html_text(text: str) -> str:
    return html.escape(str(text), quote=True)


def yaml_value(text: str) -> str:
    """A YAML scalar (JSON strings are valid YAML) of HTML-escaped text.

    MkDocs themes print front-matter titles into HTML unescaped, so the
    value is escaped here.
    """
    return json.dumps(html.escape(" ".join(str(text).split()), quote=False), ensure_ascii=False)


# code -> `language_name`: loading a locale from CLDR costs a new process a
# hundredth of a second per language; kept in the cache between processes
_LANGUAGE_NAMES: dict[str, str] = {}
LANGUAGE_NAMES = "language-names"  # the `Cache.carry` name of `_LANGUAGE_NAMES`


def language_name(code: str) -> str:
    """The language's own name for itself (日本語, Deutsch), from CLDR."""
    name = _LANGUAGE_NAMES.get(code)
    if name is None:
        name = _LANGUAGE_NAMES[code] = _own_name(code)
    return name


def _own_name(code: str) -> str:
    """The language's own name; with a script subtag, the script's name too
    ("ru-Latn": "Русский (латиница)")."""
    base, _, script = code.partition("-")
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
        if len(script) == 4 and script.isalpha() and name == Locale.parse(base).get_display_name(base):
            name = f"{name} ({Locale.parse(base).scripts.get(script.title(), script)})"  # Babel says only "русский"
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if name else code


@dataclass(frozen=True)
class ListBlock:
    """Consecutive list items, rendered as one Markdown list."""

    items: tuple[Paragraph, ...]
    ordered: bool
    kind: str = "list"


def group_lists(blocks: tuple[Paragraph, ...]) -> list[Paragraph | ListBlock]:
    """Blocks with consecutive items of one list gathered into a ListBlock."""
    out: list[Paragraph | ListBlock] = []
    for (is_item, list_no), run in groupby(blocks, key=lambda b: (b.kind == "item", b.list_no)):
        run = tuple(run)
        if is_item:
            out.append(ListBlock(run, run[0].ordered))
        else:
            out.extend(run)
    return out


def item_rest(item: Paragraph) -> str:
    """The text of a "Label: text" item after its label and colon."""
    return item.text[len(item.label) :].lstrip().lstrip(":：").strip() if item.label else item.text


def row_note(row: Row, a: Article, b: Article) -> str:
    """What a non 1-1 row of the side-by-side view shows, in words."""
    la, lb = language_name(a.lang), language_name(b.lang)
    return {
        "merge-b": f"merged: {len(row.a)} blocks in {la}, one in {lb}",
        "split-b": f"split: one block in {la}, {len(row.b)} in {lb}",
        "only-a": f"only in {la}",
        "only-b": f"only in {lb}",
    }.get(row.kind, "")


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's bytecode cache, in a folder made when first needed; a folder
    that cannot be read or written keeps nothing (the cache is an optimisation)."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


@lru_cache(maxsize=1)
def make_environment(compiled: Path | None = None) -> Environment:
    """One environment per process: under `mkdocs serve` the compiled
    templates are reused (Jinja reloads a template whose file changed).
    With a `compiled` folder they are also kept there for the next process
    (compiling them took a quarter of a rebuild after one edit)."""
    env = Environment(
        loader=PackageLoader("newsarchive", "templates"),
        bytecode_cache=CompiledTemplates(str(compiled)) if compiled is not None else None,
        autoescape=False,  # Markdown output: escaping is explicit, per context
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(md=md_inline, md_part=md_part, html=html_text, yaml=yaml_value, langname=language_name)
    env.globals.update(
        group_lists=group_lists, item_rest=item_rest, segments=segments, pair_page=pair_page, row_note=row_note
    )
    return env


def _language_counts(articles: tuple[Article, ...]) -> list[tuple[str, int]]:
    counts = Counter(a.lang for a in articles)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _newest_first(articles: tuple[Article, ...]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date or "", a.id), reverse=True)


def render_pages(archive: Archive, cache: Cache | None = None) -> dict[str, Generated]:
    """Every generated page: {path relative to the docs folder: Markdown}.

    Each page is rendered again only when what it shows changed (`Recall`,
    in this process and the next), so a rebuild after one edit renders a
    few pages.
    """
    cache = cache or Cache(None)
    env = make_environment(cache.folder / "templates" if cache.folder is not None else None)
    cache.carry(LANGUAGE_NAMES, _LANGUAGE_NAMES)
    timeline = install_timeline(env, archive, cache)  # article_events(), events_for() for every template
    by_id = {a.id: a for a in archive.articles}
    partners = archive.translation_partners()
    siblings = {a.id: [by_id[t] for t in partners.get(a.id, ()) if t in by_id] for a in archive.articles}
    pages = render_indexes(env, archive, siblings, cache)
    entity_pages = EntityPages(archive, cache)
    pages.update(entity_pages.pages(env, cache))
    pages |= render_timeline(env, timeline, cache)
    article_template = env.get_template("article.md.j2")
    items = []
    for article in archive.articles:
        events = tuple(timeline.article_events(article.id))
        inputs = article_page_inputs(archive.analysis_keys, entity_pages, article, siblings[article.id], events)
        items.append((article.id, inputs, partial(_article_page, article_template, entity_pages, article,
                                                  siblings[article.id])))
    rendered = Recall(cache, "article-page").cached_many(items, files=True)
    pages.update((article.page_path, page) for article, page in zip(archive.articles, rendered))
    pages |= render_translation_pages(env, archive, by_id, cache)
    return pages


def render_indexes(env: Environment, archive: Archive, siblings: dict[str, list[Article]], cache: Cache) -> dict[str, str]:
    """The home page and the article index, rendered again only when a row
    they show changed (an edit changes an article's length, not its row,
    mostly); of the index, only the section of the changed row's language."""
    languages = _language_counts(archive.articles)
    ordered = _newest_first(archive.articles)
    stats = {
        "articles": len(archive.articles),
        "languages": languages,
        "entities": len(archive.entities),
        "events": len(archive.events),
        "translations": len(archive.translations),
    }
    rows = tuple((a.id, a.title, a.lang, a.date, a.chars, tuple((t.id, t.lang) for t in siblings[a.id])) for a in ordered)
    shown = tuple(stats.items())
    recall = Recall(cache, "index-page")
    home = partial(env.get_template("home.md.j2").render,
                   articles=ordered[:HOME_LIMIT], total=len(ordered), stats=stats, siblings=siblings)
    return {
        "index.md": recall("home", (rows[:HOME_LIMIT], shown), home),
        "articles/index.md": recall("articles", (rows, shown), partial(
            _articles_index, env, cache, ordered, rows, languages, stats, siblings)),
    }


def _articles_index(env: Environment, cache: Cache, ordered: list[Article], rows: tuple,
                    languages: list[tuple[str, int]], stats: dict, siblings: dict[str, list[Article]]) -> str:
    """The article index: one section per language, each rendered again only when one of its rows changed."""
    recall = Recall(cache, "index-section")
    section = env.get_template("_articles_section.md.j2")
    sections = [
        recall(lang, tuple(row for row in rows if row[2] == lang), partial(
            section.render, lang=lang, articles=[a for a in ordered if a.lang == lang], siblings=siblings))
        for lang, _ in languages
    ]
    return env.get_template("articles_index.md.j2").render(sections=sections, stats=stats)


def _article_page(template: Template, entity_pages: EntityPages, article: Article, translations: list[Article]) -> str:
    return template.render({
        "article": article,
        "translations": translations,
        "entity_links": entity_pages.links(article.id),
        "article_entities": entity_pages.in_article(article.id),
    })


def article_page_inputs(keys: dict[str, str], entity_pages: EntityPages, article: Article,
                        translations: list[Article], events: tuple) -> tuple:
    """Everything an article page shows (see `Recall`): the article with its
    mentions and events, its translations, and how each entity it names is
    shown; of each article its analysis key when the build has them."""
    mentions, shown = entity_pages.article_inputs(article.id)
    if keys:
        return keys[article.id], tuple(keys[t.id] for t in translations), shown
    return article, tuple(translations), mentions, shown, events


def render_translation_pages(
    env: Environment, archive: Archive, by_id: dict[str, Article], cache: Cache | None = None
) -> dict[str, Generated]:
    """One side-by-side page per translation pair (not in the nav), laid out
    by the alignment that detection made (the link carries it); a page is
    rendered again only when its link or one of its two articles changed."""
    cache = cache or Cache(None)
    template = env.get_template("translation.md.j2")
    pairs = [(by_id[link.a], by_id[link.b], link) for link in archive.translations]
    keys = archive.analysis_keys
    rendered = Recall(cache, "translation-page").cached_many([
        ((a.id, b.id), (link, *((keys[a.id], keys[b.id]) if keys else (a, b))),
         partial(_translation_page, template, link, a, b))
        for a, b, link in pairs
    ], files=True)
    return {pair_page(a.id, b.id): page for (a, b, _), page in zip(pairs, rendered)}


def _translation_page(template: Template, link: TranslationLink, a: Article, b: Article) -> str:
    return template.render(link=link, a=a, b=b, rows=aligned_rows(a, b, link))
