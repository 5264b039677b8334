"""Per-article extraction in forked workers: the same archive as in one process."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from bench import synth
from newsarchive import parallel
from newsarchive.pipeline import build, render

needs_two_cpus = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="one CPU, or no fork: the map runs in this process",
)


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


@pytest.fixture
def pools(monkeypatch):
    """Every pool `ordered_map` starts, recorded. Threads other tests of the
    session leave idle (a served site) do not keep the pool from forking."""
    monkeypatch.setattr(parallel, "single_threaded", lambda: True)
    started = []

    class Recorded(parallel.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Recorded)
    return started


@needs_two_cpus
def test_many_items_run_in_worker_processes_in_order(monkeypatch, pools):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10)
    results = parallel.ordered_map(_pid_and_square, range(200))
    assert [square for _, square in results] == [n * n for n in range(200)]
    assert os.getpid() not in {pid for pid, _ in results}
    assert len(pools) == 1


def test_few_items_stay_in_this_process(pools):
    results = parallel.ordered_map(_pid_and_square, range(parallel.MIN_ITEMS - 1))
    assert {pid for pid, _ in results} == {os.getpid()}
    assert not pools


def test_no_fork_while_another_thread_runs(monkeypatch):
    """`mkdocs serve` runs server threads: a fork would copy them mid-work."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert parallel.worker_count(100) == 1
    finally:
        release.set()
        thread.join()


@needs_two_cpus
def test_a_pool_build_gives_the_serial_archive_and_site(tmp_path, monkeypatch, pools):
    synth.generate(tmp_path, 60, seed=5, pool=synth.load_pool())  # every language, translations, sidecars
    serial = build(tmp_path)
    assert not pools
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    pooled = build(tmp_path)
    assert len(pools) == 3  # the articles' extraction, their name sightings, their dated events
    assert len(pooled.articles) == 60 and len({a.lang for a in pooled.articles}) >= 4 and pooled.translations
    assert pooled == serial
    assert render(pooled) == render(serial)


@needs_two_cpus
def test_archive_workers_caps_the_processes(monkeypatch):
    monkeypatch.setattr(parallel, "single_threaded", lambda: True)
    assert parallel.worker_count(10_000) >= 2
    monkeypatch.setenv("ARCHIVE_WORKERS", "1")
    assert parallel.worker_count(10_000) == 1
