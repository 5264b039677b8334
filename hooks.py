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


def on_post_page(output: str, page, config, **kwargs) -> str:
    """Give an article page the article's language on <html>, for readers,
    screen readers and search engines."""
    lang = page.meta.get("lang")
    if not lang or not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", str(lang)):
        return output
    return _HTML_LANG.sub(f'<html lang="{lang}"', output, count=1)


def on_serve(server, config, builder, **kwargs):
    """Watch the seeds folder even when `ARCHIVE_SEEDS` puts it elsewhere."""
    server.watch(str(seeds_folder(config)))
    return server
