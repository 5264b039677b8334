"""How `python build_site.py` ends: the output streams are written before
the process skips the interpreter's teardown, the cache files by a child
that holds the folder's lock until they are written, and a profiler or
tracer still gets to write its results."""

from __future__ import annotations

import subprocess
import sys

from newsarchive.cache import wait_for_writer
from tests.conftest import ROOT


def test_the_end_writes_the_cache_and_the_summary(tmp_path):
    out, cache = tmp_path / "docs", tmp_path / "cache"
    result = subprocess.run(
        [sys.executable, "build_site.py", "--seeds", "seeds", "--out", str(out), "--cache", str(cache)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert f"{out}: " in result.stdout and "files written" in result.stdout
    assert (out / "articles" / "index.md").is_file()
    wait_for_writer(cache)  # a child process writes the cache files as the build ends
    assert any((cache / "packs").iterdir())


def test_a_profiled_run_writes_its_profile(tmp_path):
    profile = tmp_path / "build.prof"
    result = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "build_site.py", "--seeds", "seeds",
         "--out", str(tmp_path / "docs"), "--no-cache", "-q"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert profile.stat().st_size > 10_000

