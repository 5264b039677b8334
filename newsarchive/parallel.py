"""Per-item work spread over forked processes, for the big cold builds.

Forked workers inherit what the parent has loaded (modules, data files, the
language model), so they start in milliseconds and only the items and the
results cross between processes. Fork is used only where it is safe: on Linux
(macOS system libraries do not survive a fork), from a process that runs
one thread (not under `mkdocs serve`, whose server threads a fork would
copy mid-work). Results
come back in the order of the items, so the output does not depend on it.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

MIN_ITEMS = 200  # fewer items are done in this process: starting workers and pickling cost more than they save
MAX_WORKERS = 8
CHUNKS_PER_WORKER = 8  # small enough to even out slow items, large enough to keep pickling calls few

T = TypeVar("T")
R = TypeVar("R")
_work: list[Callable] = []  # the function the workers run: inherited through fork, never pickled


def worker_count(items: int) -> int:
    """How many processes `ordered_map` uses for `items` items (1: this one);
    `$ARCHIVE_WORKERS` caps it (1 keeps all work in this process, e.g. on a
    machine whose cores other jobs keep busy)."""
    if items < MIN_ITEMS or not single_threaded() or not sys.platform.startswith("linux"):
        return 1
    cap = int(os.environ.get("ARCHIVE_WORKERS") or MAX_WORKERS)
    return max(1, min(len(os.sched_getaffinity(0)), cap, items))


def single_threaded() -> bool:
    return threading.active_count() == 1


def _executor() -> type:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor


def _run(item):
    return _work[0](item)


def ordered_map(fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """`[fn(x) for x in items]`, in forked worker processes when there are many.

    `fn` must be pure: what it changes in a worker's memory stays there.
    """
    items = list(items)
    workers = worker_count(len(items))
    if workers == 1:
        return [fn(x) for x in items]
    import multiprocessing  # here: a rebuild after one edit never forks, and these imports cost it 0.02 s

    _work[:] = [fn]
    gc.freeze()  # the workers' collector leaves the inherited objects alone: no time spent, no pages copied
    try:
        with _executor()(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, items, chunksize=max(1, len(items) // (workers * CHUNKS_PER_WORKER))))
    finally:
        gc.unfreeze()
        _work.clear()
