"""Measuring one build step: wall time and peak memory of a child process, sizes on disk."""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from newsarchive.cache import wait_for_writer

GZIP_LEVEL = 6  # what web servers commonly use


@dataclass(frozen=True)
class Sample:
    """One timed run of a command."""

    seconds: float
    peak_mb: float  # resident set of the child (and anything it waited for)
    writing: float = 0.0  # after it ended, until its background writer released the cache folder


def timed(cmd: list[str], env: dict[str, str], cwd: Path, cache: Path | None = None) -> Sample:
    """Run `cmd` to completion; its rusage comes from wait4, so it is this child's alone.

    With `cache`, wait until the child's background writer (see
    `newsarchive.cache.flush`) has written that folder, so that the next
    step is not timed waiting for it, and note how long that took."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    if cache is not None:
        wait_for_writer(cache)
    return Sample(seconds, usage.ru_maxrss / 1024, time.perf_counter() - start - seconds if cache else 0.0)


def cpu_speed(rounds: int = 5) -> float:
    """Seconds one core takes for ten million Python additions (the best of
    `rounds`): the same code runs up to twice as fast on one day's VM as on
    another's, and this figure makes tables from different runs comparable."""
    best = float("inf")
    for _ in range(rounds):
        start, total = time.perf_counter(), 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return best


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def gzipped_bytes(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL))


def edit_arguments(description: str, argv: list[str] | None) -> argparse.Namespace:
    """SEEDS DOCS [--rounds N]: the command line of the edit measurements."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("seeds", type=Path)
    parser.add_argument("docs", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    return parser.parse_args(argv)
