"""MkDocs' work on each generated page, done ahead in forked workers.

MkDocs converts and then renders every page in one process, one page after
another, and on a big archive that is all of `mkdocs build` but the search
index. Both steps depend only on the page and on what is settled before the
step starts (the config and the file list when the `nav` event fires; the
nav, the Jinja environment and each page's content when the `env` event
fires). So workers forked at those events do the last share of the pages
with MkDocs' own code (`_populate_page`, `_build_page`) while MkDocs does the
first share itself:

- a page converted ahead takes its worker's result instead of being
  converted again, provided its Markdown is the one the worker converted;
- a page rendered ahead is written by its worker; MkDocs, in its turn,
  renders an empty template for it, which it then does not write, and still
  runs every plugin event on it, so the search index is the same.

The log records of a page's work in a worker are emitted again in that
page's turn, so the warnings (and `--strict`) are those of a serial build.
Forking follows parallel.py: on Linux, from a process that runs one thread,
when there are enough pages to pay for it.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import parallel
from .mkdocs_converted import Converted, ConvertedPages, file_of

CHUNKS_PER_WORKER = 8  # results come back as they are done, and slow pages even out
BUILT_AHEAD = "newsarchive/built-ahead.html"  # the empty template MkDocs renders for a page a worker wrote
Records = tuple[tuple[str, int, str], ...]  # (logger, level, message)
# `Page.render` and its stand-ins, which return True when they took a kept conversion
Render = Callable[[Page, Any, Files], bool | None]


def _emit(records: Records) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


class _Kept(logging.Handler):
    """A worker's log records, kept for the main process to emit."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not self.records or self.records[-1] is not record:  # once, though it passes two loggers held here
            self.records.append(record)

    def take(self) -> Records:
        taken = tuple((r.name, r.levelno, r.getMessage()) for r in self.records)
        self.records.clear()
        return taken


# What the workers work on, set before they fork: inherited, never pickled.
_work: list[Callable[[File], Any]] = []
_files: list[Files] = []


def _in_worker(src_uris: list[str]) -> list[tuple[Any, Records]]:
    """Each page's result and log records; the worker prints nothing itself."""
    kept = _Kept()
    for name in ("", "mkdocs"):
        logging.getLogger(name).handlers = [kept]
    return [(_work[0](file_of(_files[0], uri)), kept.take()) for uri in src_uris]


def _convert(file: File, config, files: Files, dirty: bool, render: Render) -> Converted | None:
    """The page's conversion; None if `render` took one kept from an earlier
    build (the main process holds it too: it does not cross again)."""
    page = file.page
    assert page is not None
    seen: list[Converted] = []

    def render_and_keep(config, files) -> None:
        kept = render(page, config, files)
        seen.append(None if kept else Converted.of(page))

    page.render = render_and_keep  # type: ignore[method-assign]
    _populate_page(page, config, files, dirty)
    return seen[0]


def _render(file: File, config, doc_files: Sequence[File], nav, env: Environment, dirty: bool) -> None:
    assert file.page is not None
    _build_page(file.page, config, doc_files, nav, env, dirty, excluded=file.inclusion.is_excluded())


class _Share:
    """The last share of a list of pages, handed to forked workers in chunks."""

    def __init__(self, pages: Sequence[File], files: Files, work: Callable[[File], Any]) -> None:
        processes = parallel.worker_count(len(pages))
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict[str, tuple[Future, int]] = {}
        if processes < 2:
            return
        workers = processes - 1  # this process does the first share itself
        tail = list(pages[len(pages) // processes:])
        size = max(1, len(tail) // (workers * CHUNKS_PER_WORKER))
        chunks = [tail[i:i + size] for i in range(0, len(tail), size)]
        _work[:], _files[:] = [work], [files]
        gc.freeze()  # the workers' collector leaves the inherited objects alone
        try:
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            for chunk in chunks:
                future = self.pool.submit(_in_worker, [f.src_uri for f in chunk])
                self.futures.update((f.src_uri, (future, i)) for i, f in enumerate(chunk))
        finally:
            gc.unfreeze()

    def result(self, file: File) -> tuple[Any, Records]:
        """The worker's result for `file` and its log records (waits for them)."""
        future, index = self.futures[file.src_uri]
        return future.result()[index]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        _work.clear()
        _files.clear()


class Ahead:
    """The pages of one build done ahead, and the workers doing them."""

    def __init__(self) -> None:
        self.share: _Share | None = None
        self.built: set[str] = set()  # src_uri of each page a worker rendered and wrote
        self.taken = self.fallbacks = 0
        self.kept: ConvertedPages | None = None

    def convert(self, config, files: Files, pages: Sequence[File], dirty: bool,
                kept: ConvertedPages | None = None) -> int:
        """From the `nav` event: hand the last share of `pages` (in MkDocs'
        reading order) to workers, and give each of those pages a `render`
        that takes the worker's result. With `kept` conversions, every page
        of `pages`, here or in a worker, takes the kept one where it holds
        and keeps a new one. Returns how many pages went to workers."""
        self.finish()
        for file in pages:
            if file.page is None:  # as MkDocs makes the page of a file outside the nav
                Page(None, file, config)
        self.kept = kept
        self.share = _Share(pages, files, partial(_convert, config=config, files=files, dirty=dirty, render=self._render))
        for file in pages:
            if file.src_uri in self.share.futures:
                file.page.render = partial(self._take, file.page)  # type: ignore[union-attr, method-assign]
            elif kept is not None:
                file.page.render = partial(kept.render, file.page)  # type: ignore[union-attr, method-assign]
        self.taken = self.fallbacks = 0
        return len(self.share.futures)

    @property
    def _render(self) -> Render:
        return self.kept.render if self.kept is not None else Page.render

    def _take(self, page: Page, config, files: Files) -> None:
        del page.render  # back to the class's method for any later call
        assert self.share is not None
        converted, records = self.share.result(page.file)
        _emit(records)
        if converted is None:  # kept from an earlier build: found here too, unless the Markdown changed since
            self._render(page, config, files)
            self.taken += 1
        elif converted.markdown == page.markdown:
            converted.apply(page, files)
            if self.kept is not None and not records:
                self.kept.keep(page, files, converted)
            self.taken += 1
        else:  # changed between the worker's reading and this one
            self._render(page, config, files)
            self.fallbacks += 1

    def render(self, config, env: Environment, files: Files, nav, doc_files: Sequence[File],
               pages: Sequence[File], dirty: bool) -> int:
        """From the `env` event, once every page is read: hand the last share of
        `pages` (in MkDocs' writing order, `doc_files`) to workers that render
        and write them, and have MkDocs render `BUILT_AHEAD` for them instead.
        Returns how many pages went to workers."""
        self.finish()
        work = partial(_render, config=config, doc_files=doc_files, nav=nav, env=env, dirty=dirty)
        self.share = _Share(pages, files, work)
        self.built = set(self.share.futures)
        if self.built:  # after the fork: the workers render with the pages' own templates
            env.loader = ChoiceLoader([DictLoader({BUILT_AHEAD: ""}), env.loader])
            for uri in self.built:
                page = file_of(files, uri).page
                assert page is not None
                page.meta = {**page.meta, "template": BUILT_AHEAD}
        return len(self.built)

    def written(self, page: Page) -> None:
        """In MkDocs' turn of a page a worker wrote: emit its log records, once
        the worker is done with it."""
        if self.share is not None and page.file.src_uri in self.built:
            _emit(self.share.result(page.file)[1])

    def quiet(self, record: logging.LogRecord) -> bool:
        """A logging filter: MkDocs notes that it skipped writing an empty page,
        which for a page a worker wrote is no news."""
        message = record.getMessage()
        return not (self.built and message.startswith("Page skipped: '")
                    and message.split("'", 2)[1] in self.built)

    def finish(self) -> None:
        """Wait for the workers and stop them."""
        if self.share is not None:
            self.share.close()
            self.share = None
        self.built = set()
