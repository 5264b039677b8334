"""bench.serve reads the end of each rebuild from the server's log."""

from __future__ import annotations

import io

import pytest

from bench.serve import BUILT, _Log

# What `mkdocs serve` printed when the bench hung: MkDocs logs each message of
# its build logger once per process, so a rebuild as fast as an earlier one
# has no "Documentation built" line of its own.
REBUILDS = """INFO    -  [06:58:39] Detected file changes
INFO    -  Building documentation...
INFO    -  Documentation built in 0.33 seconds
INFO    -  [06:58:39] Reloading browsers
INFO    -  [06:58:39] Detected file changes
INFO    -  Building documentation...
INFO    -  newsarchive: 100 articles, 0 files written, 0 removed
INFO    -  [06:58:39] Reloading browsers
"""


class _Server:
    def __init__(self, text: str) -> None:
        self.stdout = io.StringIO(text)


def test_every_rebuild_is_seen_to_end_though_mkdocs_drops_a_repeated_line():
    log = _Log(_Server(REBUILDS))
    for _ in range(2):
        log.wait_for(BUILT, timeout=5)
    with pytest.raises(TimeoutError):
        log.wait_for(BUILT, timeout=0.2)
