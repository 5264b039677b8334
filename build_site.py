#!/usr/bin/env python3
"""Turn a folder of plain-text articles into the archive's Markdown and JSON.

    python build_site.py                          # seeds/ -> site_src/
    python build_site.py --seeds DIR --out DIR    # any folder of articles
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections import Counter
from pathlib import Path

if __name__ == "__main__":
    gc.disable()  # the run's objects live until `_exit`: collecting while the modules load costs a tenth of an edit's rebuild

from newsarchive.cache import flush
from newsarchive.language import preload
from newsarchive.pipeline import default_cache_folder, generate
from newsarchive.read import MAX_BYTES

PROGRESS_THRESHOLD = 200


def _progress(seeds: Path):
    """tqdm over the files when there are many and a terminal to show it."""
    if not (sys.stderr.isatty() and seeds.is_dir() and sum(1 for _ in seeds.rglob("*.txt")) >= PROGRESS_THRESHOLD):
        return None
    from tqdm import tqdm

    return lambda items: tqdm(items, desc="reading", unit="file", leave=False)


def _evidence_line(evidence: dict) -> str:
    """The evidence of one translation pair, short enough for one line."""
    keys = ("blocks", "structure", "anchors_matched", "numbers_agree", "shared_anchors")
    return ", ".join(f"{k} {evidence[k]}" for k in keys if k in evidence)


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=here / "seeds", help="folder of *.txt articles (default: seeds)")
    parser.add_argument("--out", type=Path, default=here / "site_src", help="MkDocs docs folder to write (default: site_src)")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when any file gave a warning")
    parser.add_argument("--max-mb", type=float, default=MAX_BYTES / 1048576, help="skip articles larger than this (MB)")
    parser.add_argument("--cache", type=Path, help="cache folder (default: .cache/newsarchive beside --out)")
    parser.add_argument("--no-cache", action="store_true", help="build from scratch, without reading or writing a cache")
    parser.add_argument("-q", "--quiet", action="store_true", help="print warnings only")
    args = parser.parse_args(argv)

    cache = None if args.no_cache else args.cache or default_cache_folder(args.out)
    if cache is None or not cache.is_dir() or not any(cache.iterdir()):
        preload()  # a build from scratch detects languages: load the model while the files are read
    archive, report = generate(
        args.seeds, args.out, cache_folder=cache, max_bytes=int(args.max_mb * 1048576), progress=_progress(args.seeds)
    )
    warnings = [*archive.warnings, *report.refused]
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not args.quiet:
        langs = Counter(a.lang for a in archive.articles)
        print(
            f"{len(archive.articles)} articles read ({', '.join(f'{k} {v}' for k, v in sorted(langs.items()))}); "
            f"{len(archive.entities)} entities ({sum(e.origin == 'discovered' for e in archive.entities)} discovered), "
            f"{len(archive.events)} events, "
            f"{len(archive.translations)} translation pairs; {len(warnings)} warnings"
        )
        for t in archive.translations:
            print(f"  translation {t.a} <-> {t.b}: score {t.score:.3f} ({t.origin}; {_evidence_line(t.evidence)})")
        print(f"{args.out}: {len(report.written)} files written, {report.unchanged} unchanged, {len(report.removed)} removed")
    return 1 if args.strict and warnings else 0


def _exit(status: int) -> None:
    """End the process without the interpreter's teardown, which frees the
    build's million objects one by one (over a second at 1,000 articles):
    the output streams are written first, and the cache files by a child
    process (see `flush`). Under a profiler or a tracer (cProfile,
    coverage), which write their results at exit, the process ends as usual."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(status)
    sys.stdout.flush()
    sys.stderr.flush()
    flush(background=True)
    os._exit(status)


if __name__ == "__main__":
    _exit(main())
