"""`python -m bench [--sizes 100,1000]`: measure the build at several archive sizes.

Writes docs/PERFORMANCE.md (see bench/__init__.py for adding a column).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from . import synth
from .measure import cpu_speed
from .report import render_report
from .run import ROOT, profile, run_size

DEFAULT_SIZES = (100, 1000, 10000)
PROFILE_LIMIT = 1000  # the edit is profiled at the largest measured size up to this (cold: the smallest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="article counts, e.g. 100,1000")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic archive")
    parser.add_argument("--workdir", type=Path, help="where archives and sites go (default: a temporary folder)")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "PERFORMANCE.md")
    parser.add_argument("--note", default="", help="a sentence for the report (e.g. how busy the machine was)")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    speed = [cpu_speed()]
    with tempfile.TemporaryDirectory(prefix="newsarchive-bench-") as tmp:
        work = args.workdir or Path(tmp)
        pool = synth.load_pool()
        results = []
        for n in sizes:
            print(f"bench: {n} articles...", file=sys.stderr, flush=True)
            results.append(run_size(work / str(n), n, args.seed, pool))
            args.output.write_text(render_report(results, {}, args.note, speed), encoding="utf-8")  # so far, in case a size fails
        profiles = {}
        largest = max((n for n in sizes if n <= PROFILE_LIMIT), default=None)
        if largest and not args.no_profile:
            smallest = min(sizes)
            profiles[f"cold generator, {smallest:,} articles"] = profile(work / str(smallest), cold=True)
            profiles[f"generator after one edit, {largest:,} articles"] = profile(work / str(largest), cold=False)
        speed.append(cpu_speed())
        report = render_report(results, profiles, args.note, speed)
    args.output.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
