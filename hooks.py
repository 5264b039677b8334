"""MkDocs hooks: regenerate the archive before each build, set each page's language.

Kept at the repository root so that `import newsarchive` works without
installing the package (MkDocs puts a hook's folder on sys.path while
loading it). The module is not reloaded by `mkdocs serve`; the language
data is, since each build reads it afresh.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from newsarchive import search_backend
from newsarchive.pipeline import default_cache_folder, generate

log = logging.getLogger("mkdocs.hooks.newsarchive")
_HTML_LANG = re.compile(r'<html lang="[^"]*"')


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
        backend = search_backend.choose(os.environ.get("ARCHIVE_SEARCH"), articles)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    config.extra["archive_search"] = backend
    if "material/search" in config.plugins:
        config.plugins["material/search"].config.enabled = backend == search_backend.MATERIAL
    log.info("newsarchive: search backend %s", backend)


def on_post_page(output: str, page, config, **kwargs) -> str:
    """Give an article page the article's language on <html>, for readers,
    screen readers and search engines; with Pagefind, index its dates as one token."""
    if config.extra.get("archive_search") == search_backend.PAGEFIND:
        output = search_backend.index_dates(output)
    lang = page.meta.get("lang")
    if not lang or not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", str(lang)):
        return output
    return _HTML_LANG.sub(f'<html lang="{lang}"', output, count=1)


def on_post_build(config, **kwargs) -> None:
    """With Pagefind: index the written site (one combined index, see search_backend)."""
    if config.extra.get("archive_search") == search_backend.PAGEFIND:
        try:
            summary = search_backend.build_index(Path(config.site_dir))
        except RuntimeError as exc:
            raise PluginError(str(exc)) from exc
        if summary:
            log.info("pagefind: %s", summary)


def on_serve(server, config, builder, **kwargs):
    """Watch the seeds folder even when `ARCHIVE_SEEDS` puts it elsewhere."""
    server.watch(str(seeds_folder(config)))
    return server
