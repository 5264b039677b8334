"""`python -m bench.serve SEEDS DOCS`: how long `mkdocs serve --dirty` takes to
show an edit, i.e. from saving one article to the end of the rebuild that
reloads the browser; prints the first build and the median of the rounds.

The docs folder should have been built once (cache warm), as when one
restarts `make serve` on an archive. Search is left to the hook's choice
(under serve: Material's, see newsarchive/search_backend.py).
"""

from __future__ import annotations

import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import synth
from .measure import edit_arguments

ROOT = synth.ROOT
BUILDING = re.compile(r"Building documentation")
# The end of a rebuild: the server reloads the browsers right after it. (Not
# MkDocs' "Documentation built in 0.33 seconds": MkDocs logs each message of
# its build logger once per process, so a rebuild as fast as an earlier one
# ends without that line.)
BUILT = re.compile(r"Reloading browsers")
SERVING = re.compile(r"Serving on")
FAILED = re.compile(r"^(ERROR|Traceback)|Aborted with")
# After a rebuild the server sees the generated files change and builds once
# more (that build renders nothing); no new build within this many seconds
# means the server is idle again.
SETTLE = 3.0


@dataclass(frozen=True)
class ServeTimes:
    first_build: float
    edits: list[float]  # seconds from saving an article to the end of its rebuild


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Log:
    """The server's log lines as (time, line), read on a thread."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, args=(proc,), daemon=True).start()

    def _pump(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            self.seen.append(line.rstrip())
            self.lines.put((time.perf_counter(), line.rstrip()))

    def wait_for(self, pattern: re.Pattern, timeout: float) -> float:
        """The time of the next line matching `pattern`."""
        deadline = time.perf_counter() + timeout
        while True:
            try:
                at, line = self.lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                raise TimeoutError(f"no {pattern.pattern!r} from mkdocs serve in {timeout:.0f} s; its last lines:\n"
                                   + "\n".join(self.seen[-40:])) from None
            if FAILED.search(line):
                raise RuntimeError("mkdocs serve failed:\n" + "\n".join(self.seen[-40:]))
            if pattern.search(line):
                return at

    def settle(self, timeout: float) -> None:
        """Wait until no build starts for SETTLE seconds."""
        while True:
            try:
                self.wait_for(BUILDING, SETTLE)
            except TimeoutError:
                return
            self.wait_for(BUILT, timeout)


def serve_edit_times(seeds: Path, docs: Path, rounds: int = 3, timeout: float = 600) -> ServeTimes:
    env = os.environ | {"ARCHIVE_SEEDS": str(seeds), "ARCHIVE_DOCS_DIR": str(docs), "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{_free_port()}",
           "-f", str(ROOT / "mkdocs.yml")]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        log = _Log(proc)
        first = log.wait_for(SERVING, timeout) - start
        log.settle(timeout)
        edits = []
        for n in range(rounds):
            saved = time.perf_counter()
            synth.edit_one(seeds, 500 + n)
            edits.append(log.wait_for(BUILT, timeout) - saved)
            log.settle(timeout)
        return ServeTimes(first, edits)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    args = edit_arguments(__doc__, argv)
    times = serve_edit_times(args.seeds, args.docs, args.rounds)
    print(f"first build {times.first_build:.1f} s; edit -> rebuilt "
          + ", ".join(f"{t:.2f}" for t in times.edits) + f" s (median {statistics.median(times.edits):.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
