"""MkDocs hooks: regenerate the archive before each build, set each page's language,
and keep `--dirty` builds whole.

Kept at the repository root so that `import newsarchive` works without
installing the package (MkDocs puts a hook's folder on sys.path while
loading it). The module is not reloaded by `mkdocs serve`; the language
data is, since each build reads it afresh.

Incremental builds: the generator rewrites only the Markdown whose bytes
change, so `mkdocs build --dirty` / `mkdocs serve --dirty` re-render exactly
the pages an edit reaches. The hooks below delete the HTML of pages the
generator removed and merge the search index of the pages re-rendered with
the previous one.

Full builds: on a machine with more than one core, the last half of the
generated pages is converted and rendered in forked workers while MkDocs
does the first half (newsarchive/mkdocs_ahead.py), and a generated page
whose conversion an earlier build kept is not converted again
(newsarchive/mkdocs_converted.py); the site is the same.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from newsarchive import language, mkdocs_partials, search_backend
from newsarchive.generated_markdown import GeneratedSubset
from newsarchive.mkdocs_ahead import Ahead
from newsarchive.mkdocs_converted import ConvertedPages
from newsarchive.pipeline import default_cache_folder, generate, remove_empty_parents
from newsarchive.render import CompiledTemplates

log = logging.getLogger("mkdocs.hooks.newsarchive")
_HTML_LANG = re.compile(r'<html lang="[^"]*"')
SEARCH_PLUGIN = "material/search"
SEARCH_INDEX = Path("search") / "search_index.json"
# MkDocs warns on every --dirty build that navigation may be stale; here
# every page's HTML depends only on its own Markdown (the navigation is fixed
# and articles are not in it), so the warning would only make `--strict` fail.
_DIRTY_WARNING = "A 'dirty' build is being performed"


@dataclass
class BuildState:
    """What one build hands from its early events to `on_post_build`."""

    dirty: bool = False
    serving: bool = False  # under `mkdocs serve`
    removed: list[str] = field(default_factory=list)  # generated sources gone since the last build
    pages: list[str] = field(default_factory=list)  # URL of every page, in build order
    rendered: set[str] = field(default_factory=set)  # URL of every page rendered in this build
    generated: frozenset[str] = frozenset()  # docs-relative path of every generated file
    converting_generated: bool = False  # whether the page MkDocs converts next is generated
    nav: Any = None  # MkDocs' Navigation of this build


_state = BuildState()
_ahead = Ahead()
_converted = ConvertedPages()


def _downgrade_dirty_warning(record: logging.LogRecord) -> bool:
    if record.levelno == logging.WARNING and record.getMessage().startswith(_DIRTY_WARNING):
        record.levelno, record.levelname = logging.INFO, "INFO"
    return True


logging.getLogger("mkdocs.commands.build").addFilter(_downgrade_dirty_warning)
logging.getLogger("mkdocs.commands.build").addFilter(_ahead.quiet)


def on_startup(command, dirty, **kwargs) -> None:
    _state.dirty, _state.serving = dirty, command == "serve"


def on_config(config, **kwargs):
    """Convert generated pages with the Markdown subset they are written in
    (see newsarchive/generated_markdown.py)."""
    config.markdown_extensions.append(GeneratedSubset(applies=lambda: _state.converting_generated))
    return config


def seeds_folder(config) -> Path:
    """`$ARCHIVE_SEEDS`, else `seeds/` beside mkdocs.yml."""
    base = Path(config.config_file_path).parent
    return Path(os.environ.get("ARCHIVE_SEEDS") or base / "seeds")


def on_pre_build(config, **kwargs) -> None:
    """Write the generated pages into docs_dir; unchanged files are not touched,
    so the rebuild this triggers under `mkdocs serve` finds nothing new."""
    docs = Path(config.docs_dir)
    archive, report = generate(seeds_folder(config), docs, cache_folder=default_cache_folder(docs))
    for warning in (*archive.warnings, *report.refused):
        log.warning("%s", warning)
    _state.removed, _state.pages, _state.rendered = list(report.removed), [], set()
    _state.generated = report.owned
    log.info(
        "newsarchive: %d articles, %d files written, %d removed",
        len(archive.articles), len(report.written), len(report.removed),
    )
    use_search_backend(config, len(archive.articles))


def use_search_backend(config, articles: int) -> None:
    """Pick the site search (`$ARCHIVE_SEARCH`, else by archive size) and tell
    the templates (`config.extra.archive_search`); with Pagefind, Material's
    search plugin is switched off so that no search_index.json is written."""
    try:
        backend = search_backend.choose(os.environ.get("ARCHIVE_SEARCH"), articles, _state.serving)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    config.extra["archive_search"] = backend
    if "material/search" in config.plugins:
        config.plugins["material/search"].config.enabled = backend == search_backend.MATERIAL
    log.info("newsarchive: search backend %s", backend)


@event_priority(-100)  # the workers render with the environment as every plugin left it
def on_env(env, config, files, **kwargs):
    """Keep the theme's compiled templates on disk: MkDocs makes a new Jinja
    environment for every build (each rebuild under `mkdocs serve`, too) and
    compiling Material's templates again took about 1 s each time. Jinja
    checks each template's source against its compiled form. Material's
    navigation and tabs are rendered once per folder for the generated pages
    outside the nav (newsarchive/mkdocs_partials.py).

    Then, every page being read, render the last generated pages in workers
    while MkDocs renders the first (newsarchive/mkdocs_ahead.py)."""
    folder = default_cache_folder(Path(config.docs_dir)).parent / "theme-templates"
    env.bytecode_cache = CompiledTemplates(str(folder))
    in_nav = {page.file.src_uri for page in _state.nav.pages} if _state.nav is not None else set()
    mkdocs_partials.share(env, lambda page: page.file.src_uri in _state.generated and page.file.src_uri not in in_nav)
    doc_files = files.documentation_pages(inclusion=_inclusion())
    rendering = _ahead.render(config, env, files, _state.nav, doc_files, _generated_pages(doc_files), _state.dirty)
    if rendering:
        log.info("newsarchive: %d generated pages rendered in workers", rendering)
    return env


def on_build_error(error, **kwargs) -> None:
    _ahead.finish()


@event_priority(-100)  # after any plugin that adds files
def on_files(files, config, **kwargs):
    """Delete the HTML (or copy) of each generated file that was removed, which a
    dirty build would otherwise leave behind; only when no current file writes
    the same path. Note every page for the search index merge."""
    current = {f.abs_dest_path for f in files}
    for rel in _state.removed:
        dest = Path(File(rel, config.docs_dir, config.site_dir, config.use_directory_urls).abs_dest_path)
        if str(dest) not in current and dest.is_file():
            dest.unlink()
            log.info("newsarchive: removed %s", dest.relative_to(config.site_dir).as_posix())
            remove_empty_parents(dest.parent, Path(config.site_dir).resolve())
    _state.pages = [_as_page_url(f.url) for f in files.documentation_pages()]
    return files


@event_priority(-100)  # after any plugin that changes the nav
def on_nav(nav, config, files, **kwargs):
    """Convert the last generated pages in workers while MkDocs converts the
    first (newsarchive/mkdocs_ahead.py), each page only if its conversion
    was not kept from an earlier build (newsarchive/mkdocs_converted.py)."""
    _state.nav = nav
    pages = _generated_pages(files.documentation_pages(inclusion=_inclusion()))
    _converted.open(default_cache_folder(Path(config.docs_dir)).parent / "converted-pages", config)
    converting = _ahead.convert(config, files, pages, _state.dirty, kept=_converted)
    if converting:
        log.info("newsarchive: %d of %d generated pages converted in workers", converting, len(pages))
    return nav


def _generated_pages(doc_files) -> list:
    """The generated pages among MkDocs' pages of this build, in its order."""
    return [
        f for f in doc_files
        if f.src_uri in _state.generated and not f.inclusion.is_excluded() and not (_state.dirty and not f.is_modified())
    ]


def _inclusion():
    return InclusionLevel.is_in_serve if _state.serving else InclusionLevel.is_included


def _as_page_url(file_url: str) -> str:
    """A file's URL as `Page.url` and the search index give it ("" for the home page)."""
    return "" if file_url in (".", "./") else file_url


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    """MkDocs makes the page's Markdown converter right after this event."""
    _state.converting_generated = page.file.src_uri in _state.generated
    return markdown


def on_page_context(context, page, config, nav, **kwargs):
    """MkDocs calls this only for pages it renders (all, or under --dirty the
    changed ones), in their turn, also for those a worker wrote."""
    _state.rendered.add(page.url)
    _ahead.written(page)
    return context


def on_post_page(output: str, page, config, **kwargs) -> str:
    """Give an article page the article's language on <html>, for readers,
    screen readers and search engines; with Pagefind, index its dates as one token."""
    if config.extra.get("archive_search") == search_backend.PAGEFIND:
        output = search_backend.index_dates(output)
    lang = page.meta.get("lang")
    if not lang or not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", str(lang)):
        return output
    return _HTML_LANG.sub(f'<html lang="{lang}"', output, count=1)


@event_priority(50)  # before Material's search plugin writes its index
def on_post_build(config, **kwargs) -> None:
    """Under --dirty, complete Material's search index; with Pagefind, index the
    written site (all of it, so a dirty build loses nothing; see search_backend),
    unless a dirty build rendered and removed no page."""
    _ahead.finish()
    _converted.save(present=set(_state.generated))
    log.info("newsarchive: %d generated pages converted as in an earlier build, %d anew",
             _converted.reused, _converted.stored)
    search = config.plugins.get(SEARCH_PLUGIN)
    if _state.dirty and search is not None and search.config.enabled:
        merge_search_index(search, Path(config.site_dir))
    if config.extra.get("archive_search") == search_backend.PAGEFIND:
        if _state.dirty and not _state.rendered and not _state.removed and (Path(config.site_dir) / "pagefind").is_dir():
            log.info("pagefind: no page rendered again, the index stands")
            return
        try:
            summary = search_backend.build_index(Path(config.site_dir))
        except RuntimeError as exc:
            raise PluginError(str(exc)) from exc
        if summary:
            log.info("pagefind: %s", summary)


def merge_search_index(search, site_dir: Path) -> None:
    """Give Material's index the previous entries of every page not rendered now.

    Material, under --dirty, keeps the previous index only within one
    `mkdocs serve` and then drops the old entries of the first rendered page
    alone (by URL prefix); a separate `mkdocs build --dirty` starts with none,
    so the index would hold only the rendered pages. Here the previous index is
    the one held, else the one on disk; old entries of pages rendered again or
    gone are dropped, and entries keep the order of a clean build.
    """
    if search.search_index_prev is not None:
        previous = search.search_index_prev.entries
    else:
        previous = _entries_on_disk(site_dir / SEARCH_INDEX)
    order = {url: i for i, url in enumerate(_state.pages)}
    kept = [e for e in previous if _page_url(e) in order and _page_url(e) not in _state.rendered]
    entries = sorted(kept + search.search_index.entries, key=lambda e: order.get(_page_url(e), len(order)))
    search.search_index.entries = entries
    search.search_index_prev = None  # merged here; Material's own merge would drop more


def _entries_on_disk(path: Path) -> list[dict]:
    try:
        docs = json.loads(path.read_text(encoding="utf-8")).get("docs")
    except (OSError, ValueError, AttributeError):
        return []
    return docs if isinstance(docs, list) else []


def _page_url(entry: dict) -> str:
    return str(entry.get("location", "")).split("#", 1)[0]


def on_serve(server, config, builder, **kwargs):
    """Watch the seeds folder even when `ARCHIVE_SEEDS` puts it elsewhere, and
    load the language model while the server waits, not on the first edit."""
    server.watch(str(seeds_folder(config)))
    language.preload()
    return server
