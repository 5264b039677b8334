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
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import groupby

from babel import Locale, UnknownLocaleError
from jinja2 import Environment, PackageLoader, StrictUndefined

from .cache import Cache, digest
from .entity_pages import EntityPages, segments
from .model import Archive, Article, Paragraph
from .render_timeline import install as install_timeline, render_timeline
from .translations import Row, aligned_rows, pair_page

# Marks that start inline syntax (links: brackets and parentheses), attr_list
# `{...}`, table cells or heading closers wherever they stand (`<`, `>`, `&`
# are HTML-escaped instead).
_MD_SPECIAL = re.compile(r"[\\`*_\[\](){}|#]")
# At the start of a line: a list item (`- `, `+ `, `1. `) or a setext rule (`=`).
_LINE_START = re.compile(r"^( ?\d*)((?<=\d)\.|[-+=])")
# At the end: `!` before a link that a template writes next is an image.
_BANG_END = re.compile(r"!$")
HOME_LIMIT = 100


def md_inline(text: str) -> str:
    """Text that Markdown shows exactly as written, on one line."""
    return _md_escape(" ".join(str(text).split()))


def md_part(text: str) -> str:
    """Like `md`, for a piece of a line: spaces at its edges are kept."""
    return _md_escape(re.sub(r"\s+", " ", str(text)))


def _md_escape(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\g<0>", html.escape(text, quote=False))
    return _BANG_END.sub(r"\\!", _LINE_START.sub(r"\1\\\2", text))


def html_text(text: str) -> str:
    return html.escape(str(text), quote=True)


def yaml_value(text: str) -> str:
    """A YAML scalar (JSON strings are valid YAML) of HTML-escaped text.

    MkDocs themes print front-matter titles into HTML unescaped, so the
    value is escaped here.
    """
    return json.dumps(html.escape(" ".join(str(text).split()), quote=False), ensure_ascii=False)


@lru_cache(maxsize=None)
def language_name(code: str) -> str:
    """The language's own name for itself (日本語, Deutsch), from CLDR."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
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


@lru_cache(maxsize=1)
def make_environment() -> Environment:
    """One environment per process: under `mkdocs serve` the compiled
    templates are reused (Jinja reloads a template whose file changed)."""
    env = Environment(
        loader=PackageLoader("newsarchive", "templates"),
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


def render_pages(archive: Archive, cache: Cache | None = None) -> dict[str, str]:
    """Every generated page: {path relative to the docs folder: Markdown}."""
    env = make_environment()
    timeline = install_timeline(env, archive)  # article_events(), events_for() for every template
    by_id = {a.id: a for a in archive.articles}
    languages = _language_counts(archive.articles)
    ordered = _newest_first(archive.articles)
    partners = archive.translation_partners()
    siblings = {a.id: [by_id[t] for t in partners.get(a.id, ()) if t in by_id] for a in archive.articles}
    stats = {
        "articles": len(archive.articles),
        "languages": languages,
        "entities": len(archive.entities),
        "events": len(archive.events),
        "translations": len(archive.translations),
    }
    pages: dict[str, str] = {
        "index.md": env.get_template("home.md.j2").render(
            articles=ordered[:HOME_LIMIT], total=len(ordered), stats=stats, siblings=siblings
        ),
        "articles/index.md": env.get_template("articles_index.md.j2").render(
            groups=[(lang, [a for a in ordered if a.lang == lang]) for lang, _ in languages], stats=stats,
            siblings=siblings,
        ),
    }
    cache = cache or Cache(None)
    entity_pages = EntityPages(archive)
    pages.update(entity_pages.pages(env, cache))
    pages |= render_timeline(env, timeline)
    article_template = env.get_template("article.md.j2")
    entity_keys = {e.id: digest(e) for e in archive.entities} if cache.folder else {}
    for article in archive.articles:
        context = {
            "article": article,
            "translations": siblings[article.id],
            "entity_links": entity_pages.links(article.id),
            "article_entities": entity_pages.in_article(article.id),
        }
        key = digest(article_page_inputs(context, entity_keys, timeline.article_events(article.id))) if cache.folder else ""
        pages[article.page_path] = cache.memo("article-page", key, partial(article_template.render, context))
    pages |= render_translation_pages(env, archive, by_id)
    return pages


def article_page_inputs(context: dict, entity_keys: dict[str, str], events: list) -> tuple:
    """Everything an article page shows, as a cache key: the template's
    arguments (each entity by the digest of the whole entity, cheaper than
    pickling its every mention per page) and the article's events, which the
    template reaches through `article_events()`."""
    listed = tuple((x.label, x.count, x.names, entity_keys[x.entity.id]) for x in context["article_entities"])
    return (context["article"], tuple(context["translations"]), context["entity_links"], listed, tuple(events))


def render_translation_pages(env: Environment, archive: Archive, by_id: dict[str, Article]) -> dict[str, str]:
    """One side-by-side page per translation pair (not in the nav), laid out
    by the alignment that detection made (the link carries it)."""
    template = env.get_template("translation.md.j2")
    pages = {}
    for link in archive.translations:
        a, b = by_id[link.a], by_id[link.b]
        pages[pair_page(a.id, b.id)] = template.render(link=link, a=a, b=b, rows=aligned_rows(a, b, link))
    return pages
