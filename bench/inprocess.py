"""`python -m bench.inprocess SEEDS DOCS`: the generator after one edit, in a process
that has built before, as the MkDocs hook regenerates under `mkdocs serve`.

Builds once (that build loads the cache), then edits one article per round
and times `generate` alone; prints the median of the rounds in seconds.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from newsarchive.pipeline import default_cache_folder, generate

from . import synth
from .measure import edit_arguments


def edit_seconds(seeds: Path, docs: Path, rounds: int) -> float:
    cache = default_cache_folder(docs)
    generate(seeds, docs, cache_folder=cache)
    times = []
    for n in range(rounds):
        synth.edit_one(seeds, 100 + n)
        start = time.perf_counter()
        generate(seeds, docs, cache_folder=cache)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    args = edit_arguments(__doc__, argv)
    print(f"{edit_seconds(args.seeds, args.docs, args.rounds):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
