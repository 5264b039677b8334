"""MkDocs' conversion of generated pages, kept from one build to the next.

Converting Markdown to HTML is most of a clean `mkdocs build` of a big
archive, and after an edit (or a new article) almost every generated page
has the Markdown it had before. What MkDocs' conversion leaves on a page
(see `Converted`) depends only on:

- the page's Markdown, as the converter gets it;
- its own URL, and the file and URL of each page it links to (relative links
  are rewritten to the target's URL and checked against the file list);
- mkdocs.yml, the hooks and this package (the converter's extensions);
- the versions of the libraries that convert.

All of that names a kept conversion (`key`), so the list of the site's
files can change (a new article adds pages) without losing the pages whose
links did not. A conversion that logged anything is not kept, so a build
served from kept conversions gives every warning a clean build gives (the
anchor checks run after conversion, on every build, from what is kept).

Kept in `<folder>/<shard>.pickle`, one shard per leading hex digit of the
digest of a page's path, rewritten only when one of its pages changed.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import posixpath
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .cache import MISSING, code_version, digest, installed, write_pickle

_LIBRARIES = ("markdown", "pymdown_extensions", "mkdocs", "mkdocs_material")
# the target of every inline link: generated pages have no other kind (see generated_markdown.py)
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")


@dataclass(frozen=True)
class Converted:
    """What `Page.render` leaves on a page, in a form that crosses processes."""

    markdown: str  # the Markdown it was converted from
    content: str
    toc: Any  # mkdocs.structure.toc.TableOfContents
    title: str | None
    anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # keyed by the linked file's src_uri

    @classmethod
    def of(cls, page: Page) -> Converted:
        links = page.links_to_anchors
        return cls(
            page.markdown or "", page.content or "", page.toc, page._title_from_render, page.present_anchor_ids,
            None if links is None else {f.src_uri: anchors for f, anchors in links.items()},
        )

    def apply(self, page: Page, files: Files) -> None:
        page.content, page.toc, page._title_from_render = self.content, self.toc, self.title
        page.present_anchor_ids = self.anchor_ids
        if self.links_to_anchors is not None:
            page.links_to_anchors = {file_of(files, uri): anchors for uri, anchors in self.links_to_anchors.items()}


def file_of(files: Files, src_uri: str) -> File:
    found = files.get_file_from_path(src_uri)
    assert found is not None, src_uri  # a conversion is kept, and crosses processes, with the links it had
    return found


def _shard(src_uri: str) -> str:
    return hashlib.sha256(src_uri.encode()).hexdigest()[0]


class _Logged(logging.Handler):
    """Counts the records logged while MkDocs converts one page (by MkDocs,
    or by an extension through another logger)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def _logging_counted() -> Iterator[_Logged]:
    handler = _Logged()
    loggers = [logging.getLogger(name) for name in ("", "mkdocs")]  # MkDocs' logger does not propagate
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


class ConvertedPages:
    """The kept conversions of one folder, held in memory between the builds
    of one process (`mkdocs serve`) and written back after each build."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.context = ""
        self.kept: dict[str, tuple[str, Converted]] = {}  # src_uri -> (key, conversion)
        self.changed: set[str] = set()  # shards to write
        self.reused = self.stored = 0  # pages of this build whose conversion was kept / is kept now
        self._urls: dict[tuple[str, str], str | None] = {}

    def open(self, folder: Path, config) -> None:
        """Use the conversions kept in `folder` for a build with `config`
        (read from disk the first time, or after another folder)."""
        base = Path(config.config_file_path).parent
        files = [Path(config.config_file_path), *(base / hook for hook in config.get("hooks") or ())]
        self.context = digest(code_version(), installed(_LIBRARIES), [p.read_bytes() for p in files if p.is_file()])
        self.reused = self.stored = 0
        self._urls = {}  # (folder, link target) -> URL, for this build's file list
        if folder == self.folder:
            return
        self.folder, self.kept, self.changed = folder, {}, set()
        for path in sorted(folder.glob("*.pickle")) if folder.is_dir() else ():
            try:
                with path.open("rb") as f:
                    entries = pickle.load(f)
            except Exception:  # unreadable or foreign: converted again
                continue
            if isinstance(entries, dict):
                self.kept.update(entries)

    def key(self, page: Page, files: Files) -> str:
        """What the page's conversion depends on (see the module docstring)."""
        markdown = page.markdown or ""
        here = posixpath.dirname(page.file.src_uri)
        targets = [(target, self._url(files, here, target)) for target in sorted(set(_LINK_TARGET.findall(markdown)))]
        return digest(self.context, page.file.src_uri, page.file.url, markdown, targets)

    def _url(self, files: Files, here: str, target: str) -> str | None:
        """The URL of the file a link from the folder `here` points to (None:
        no file of the site), looked up once per build: the pages of a folder
        link to the same pages again and again."""
        known = self._urls.get((here, target), MISSING)
        if known is MISSING:
            parts = urlsplit(target)
            found = None
            if not parts.scheme and not parts.netloc and parts.path:
                found = files.get_file_from_path(posixpath.normpath(posixpath.join(here, unquote(parts.path))))
            known = self._urls[here, target] = found.url if found is not None else None
        return known

    def render(self, page: Page, config, files: Files) -> bool:
        """`Page.render`, or what it left on this page last time (then True)."""
        key = self.key(page, files)
        kept = self.kept.get(page.file.src_uri)
        if kept is not None and kept[0] == key:
            kept[1].apply(page, files)
            self.reused += 1
            return True
        with _logging_counted() as logged:
            Page.render(page, config, files)
        if not logged.count:
            self.keep(page, files, Converted.of(page), key)
        return False

    def keep(self, page: Page, files: Files, converted: Converted, key: str | None = None) -> None:
        """Keep a conversion made without a log record (in a worker, say)."""
        key = key or self.key(page, files)
        src = page.file.src_uri
        if self.kept.get(src, ("",))[0] == key:
            self.reused += 1
        else:
            self.kept[src] = (key, replace(converted, markdown=""))  # the key holds the Markdown's digest
            self.changed.add(_shard(src))
            self.stored += 1

    def save(self, present: set[str]) -> None:
        """Forget the pages no longer in the site, then write the shards that changed."""
        if self.folder is None:
            return
        for src in [s for s in self.kept if s not in present]:
            del self.kept[src]
            self.changed.add(_shard(src))
        if not self.changed:  # a build that converted nothing anew and lost no page
            return
        by_shard: dict[str, dict[str, tuple[str, Converted]]] = {s: {} for s in self.changed}
        for src, entry in self.kept.items():
            if (shard := _shard(src)) in by_shard:
                by_shard[shard][src] = entry
        for shard, entries in sorted(by_shard.items()):
            write_pickle(self.folder / f"{shard}.pickle", entries)
        self.changed.clear()

