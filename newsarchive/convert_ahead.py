"""Convert generated pages in forked workers, ahead of MkDocs.

MkDocs converts every page's Markdown in one process, one page after
another, and on a big archive that is most of `mkdocs build`. A page's
conversion depends only on its Markdown, the config and the file list, all
settled when the `nav` event fires. So workers forked there convert the last
pages with MkDocs' own code (`_populate_page`) while MkDocs converts the
first ones; when MkDocs comes to a page converted ahead, the page takes the
result instead of converting it again, provided its Markdown is the one the
worker converted. The log records of a worker's conversion are emitted
again in that page's turn, so the warnings (and `--strict`) are those of a
serial build. Forking follows parallel.py: on Linux, from a process that runs
one thread, when there are enough pages to pay for it.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

from mkdocs.commands.build import _populate_page
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import parallel

CHUNKS_PER_WORKER = 8  # results come back as they are done, and slow pages even out


@dataclass(frozen=True)
class Converted:
    """What `Page.render` leaves on a page, in a form that crosses processes."""

    markdown: str  # the Markdown it was converted from
    content: str
    toc: Any  # mkdocs.structure.toc.TableOfContents
    title: str | None
    anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # keyed by the linked file's src_uri
    records: tuple[tuple[str, int, str], ...]  # (logger, level, message) emitted while converting

    @classmethod
    def of(cls, page: Page, records: Sequence[logging.LogRecord]) -> Converted:
        links = page.links_to_anchors
        return cls(
            page.markdown or "", page.content or "", page.toc, page._title_from_render, page.present_anchor_ids,
            None if links is None else {f.src_uri: anchors for f, anchors in links.items()},
            tuple((r.name, r.levelno, r.getMessage()) for r in records),
        )

    def apply(self, page: Page, files: Files) -> None:
        for name, level, message in self.records:
            logging.getLogger(name).log(level, message)
        page.content, page.toc, page._title_from_render = self.content, self.toc, self.title
        page.present_anchor_ids = self.anchor_ids
        if self.links_to_anchors is not None:
            page.links_to_anchors = {_file(files, uri): anchors for uri, anchors in self.links_to_anchors.items()}


def _file(files: Files, src_uri: str) -> File:
    found = files.get_file_from_path(src_uri)
    assert found is not None, src_uri  # the file list is the one the worker had
    return found


class _Records(logging.Handler):
    """Keeps a worker's log records for the main process, which emits them."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not self.records or self.records[-1] is not record:  # once, though it passes two loggers held here
            self.records.append(record)


@dataclass
class _Job:
    config: Any  # MkDocsConfig
    files: Files
    dirty: bool


_job: list[_Job] = []  # what the workers convert with: inherited through fork, never pickled


def _convert(src_uris: list[str]) -> list[Converted]:
    """In a worker: MkDocs' own reading and conversion of each page."""
    job = _job[0]
    kept = _Records()
    for name in ("", "mkdocs"):  # the worker prints nothing: its records go back to the main process
        logger = logging.getLogger(name)
        logger.handlers = [kept]
    done = []
    for uri in src_uris:
        file = _file(job.files, uri)
        page = file.page or Page(None, file, job.config)
        kept.records.clear()
        seen: list[Converted] = []
        page.render = partial(_render_and_keep, page, seen, kept)  # type: ignore[method-assign]
        _populate_page(page, job.config, job.files, job.dirty)
        done.append(seen[0])
    return done


def _render_and_keep(page: Page, seen: list[Converted], kept: _Records, config, files) -> None:
    Page.render(page, config, files)
    seen.append(Converted.of(page, kept.records))


class Ahead:
    """The pages of one build converted in workers, and the workers."""

    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.taken = self.fallbacks = 0

    def start(self, config, files: Files, pages: Sequence[File], dirty: bool) -> int:
        """Hand the last share of `pages` (in MkDocs' reading order) to workers,
        and give each of those pages a `render` that takes the worker's result.
        Returns how many pages went to workers (0: MkDocs converts all)."""
        self.finish()
        processes = parallel.worker_count(len(pages))
        if processes < 2:
            return 0
        workers = processes - 1  # this process converts the first share itself
        tail = list(pages[len(pages) // processes:])
        size = max(1, len(tail) // (workers * CHUNKS_PER_WORKER))
        chunks = [tail[i:i + size] for i in range(0, len(tail), size)]
        for file in tail:
            if file.page is None:  # as MkDocs makes the page of a file outside the nav
                Page(None, file, config)
        _job[:] = [_Job(config, files, dirty)]
        gc.freeze()  # the workers' collector leaves the inherited objects alone
        try:
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            futures = [self.pool.submit(_convert, [f.src_uri for f in chunk]) for chunk in chunks]
        finally:
            gc.unfreeze()
        for chunk, future in zip(chunks, futures):
            for index, file in enumerate(chunk):
                page = file.page
                assert page is not None
                page.render = partial(self._take, page, future, index)  # type: ignore[method-assign]
        return len(tail)

    def _take(self, page: Page, future: Future, index: int, config, files: Files) -> None:
        del page.render  # back to the class's method for any later call
        converted: Converted = future.result()[index]
        if converted.markdown == page.markdown:
            converted.apply(page, files)
            self.taken += 1
        else:  # changed between the worker's reading and this one
            page.render(config, files)
            self.fallbacks += 1

    def finish(self) -> None:
        """Stop the workers (all results are in once MkDocs has read every page)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        _job.clear()
