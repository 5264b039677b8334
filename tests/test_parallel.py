"""Per-article extraction in forked workers: the same archive as in one process."""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor

import pytest

from bench import synth
from newsarchive import parallel
from conftest import tree
from newsarchive.cache import flush, forget_memory
from newsarchive.pipeline import build, generate, render

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

    class Recorded(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            work = parallel._work[0]
            started.append(getattr(work, "func", work).__qualname__)  # what the workers run (a partial: its function)

    monkeypatch.setattr(parallel, "_executor", lambda: Recorded)
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


POOLED_STEPS = {  # what a cold build of many articles does in workers
    "extract_article", "all_new_sightings", "all_mentions", "signatures", "compare_all", "extract_events",
}
RENDERING = "Recall.cached_many"  # the pages and JSON records no cache holds


def _pooled_steps(pools: list[str]) -> set[str]:
    return {name.split(".<locals>")[0] for name in pools}


@needs_two_cpus
def test_a_pool_build_gives_the_serial_archive_and_site(tmp_path, monkeypatch, pools):
    monkeypatch.setenv("ARCHIVE_WORKERS", "1")
    synth.generate(tmp_path, 60, seed=5, pool=synth.load_pool())  # every language, translations, sidecars
    serial = build(tmp_path)
    serial_site = render(serial)
    assert not pools
    monkeypatch.delenv("ARCHIVE_WORKERS")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    pooled = build(tmp_path)
    assert _pooled_steps(pools) == POOLED_STEPS
    assert pools.count("compare_all.<locals>.one") >= 1  # the candidates (group members: when any is left)
    assert len(pooled.articles) == 60 and len({a.lang for a in pooled.articles}) >= 4 and pooled.translations
    assert pooled == serial
    pools.clear()
    assert render(pooled) == serial_site
    assert _pooled_steps(pools) == {RENDERING}


@needs_two_cpus
def test_a_first_cached_build_uses_the_workers_and_gives_the_serial_site(tmp_path, monkeypatch, pools):
    """An empty cache folder: the missing signatures and comparisons are
    computed together, in workers, and cached as a serial build caches them."""
    monkeypatch.setenv("ARCHIVE_WORKERS", "1")
    synth.generate(tmp_path / "seeds", 60, seed=5, pool=synth.load_pool())
    generate(tmp_path / "seeds", tmp_path / "serial", cache_folder=tmp_path / "serial-cache")
    assert not pools
    monkeypatch.delenv("ARCHIVE_WORKERS")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    forget_memory()
    generate(tmp_path / "seeds", tmp_path / "pooled", cache_folder=tmp_path / "pooled-cache")
    assert _pooled_steps(pools) == POOLED_STEPS | {RENDERING}
    assert tree(tmp_path / "pooled") == tree(tmp_path / "serial")
    flush()  # the cache files are written when a process ends
    packs = sorted(p.name for p in (tmp_path / "pooled-cache" / "packs").iterdir())
    assert packs == sorted(p.name for p in (tmp_path / "serial-cache" / "packs").iterdir())
    assert any(name.startswith("candidate.") for name in packs) and any(name.startswith("signature.") for name in packs)
    pools.clear()
    forget_memory()
    generate(tmp_path / "seeds", tmp_path / "pooled", cache_folder=tmp_path / "pooled-cache")  # a new process
    assert not pools  # everything from the cache


@needs_two_cpus
def test_archive_workers_caps_the_processes(monkeypatch):
    monkeypatch.setattr(parallel, "single_threaded", lambda: True)
    assert parallel.worker_count(10_000) >= 2
    monkeypatch.setenv("ARCHIVE_WORKERS", "1")
    assert parallel.worker_count(10_000) == 1
