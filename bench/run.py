"""One benchmark run per archive size: synthesize, build cold, warm, with MkDocs, after an edit
(clean, then `--dirty` on the site that clean build left)."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from newsarchive.pipeline import default_cache_folder

from . import synth
from .measure import Sample, gzipped_bytes, timed, tree_bytes
from .search_download import Download, bytes_for_one_search
from .serve import serve_edit_times

ROOT = synth.ROOT
SEARCH_INDEX = Path("search") / "search_index.json"
# `mkdocs serve` is measured up to this size: above it Material's search index
# (which serve uses) would hold hundreds of MB in the server's memory.
SERVE_LIMIT = 1000


@dataclass
class Result:
    """Everything measured for one size; `site` stays on disk for extra columns."""

    size: int
    seeds: Path
    docs: Path
    site: Path
    cold: Sample
    warm: Sample
    mkdocs: Sample
    mkdocs_kept: Sample  # the same clean build again: every page's conversion kept from the first
    edit_generator: Sample
    edit_mkdocs: Sample
    edit_dirty: Sample
    edit_inprocess: float  # seconds, median of rounds in one process (as under mkdocs serve)
    mkdocs_pagefind: Sample  # a clean build with Pagefind as the search backend
    edit_serve: float | None  # seconds from an edit to the rebuilt site under `mkdocs serve --dirty` (median)
    site_bytes: int
    index_bytes: int
    index_gzip_bytes: int
    search_material: Download  # one search on the home page of the Material-search site
    search_pagefind: Download  # the same search on the Pagefind site


@dataclass(frozen=True)
class Workspace:
    """The folders of one size: seeds, docs (hand-written pages + generated), site, cache."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        """Where both the generator and the MkDocs hook keep their cache."""
        return default_cache_folder(self.docs)

    def env(self) -> dict[str, str]:
        """Material's search at every size, so that its index can be measured
        (a second build measures Pagefind). Python keeps its compiled modules,
        as it does by default (a sandbox that turns that off would add the
        compilation of every module to every run)."""
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        return env | {
            "ARCHIVE_SEEDS": str(self.seeds), "ARCHIVE_DOCS_DIR": str(self.docs), "NO_MKDOCS_2_WARNING": "1",
            "ARCHIVE_SEARCH": "material",
        }

    def generator(self) -> list[str]:
        return [sys.executable, str(ROOT / "build_site.py"), "--seeds", str(self.seeds), "--out", str(self.docs), "-q"]

    def mkdocs(self, *flags: str, site: Path | None = None) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "build", "-q", *flags, "-f", str(ROOT / "mkdocs.yml"),
                "-d", str(site or self.site)]

    def inprocess(self) -> list[str]:
        return [sys.executable, "-m", "bench.inprocess", str(self.seeds), str(self.docs)]


def prepare(root: Path, size: int, seed: int, pool: synth.Pool) -> Workspace:
    """A fresh workspace holding `size` synthetic articles and the hand-written pages."""
    from tests.conftest import hand_written_docs  # the same copy the integration tests make

    shutil.rmtree(root, ignore_errors=True)
    ws = Workspace(root)
    synth.generate(ws.seeds, size, seed=seed, pool=pool)
    ws.docs.mkdir(parents=True)
    hand_written_docs(ws.docs)
    return ws


def run_size(root: Path, size: int, seed: int, pool: synth.Pool) -> Result:
    ws = prepare(root, size, seed, pool)
    env = ws.env()
    cold = timed(ws.generator(), env, ROOT, ws.cache)
    warm = timed(ws.generator(), env, ROOT, ws.cache)
    mkdocs = timed(ws.mkdocs(), env, ROOT)
    mkdocs_kept = timed(ws.mkdocs(), env, ROOT)
    index = ws.site / SEARCH_INDEX
    site_bytes, index_bytes, index_gzip = tree_bytes(ws.site), index.stat().st_size, gzipped_bytes(index)
    synth.edit_one(ws.seeds, 1)
    edit_generator = timed(ws.generator(), env, ROOT, ws.cache)
    synth.edit_one(ws.seeds, 2)
    edit_mkdocs = timed(ws.mkdocs(), env, ROOT)
    synth.edit_one(ws.seeds, 3)
    edit_dirty = timed(ws.mkdocs("--dirty"), env, ROOT)
    edit_inprocess = float(subprocess.run(ws.inprocess(), env=env, cwd=ROOT, check=True, capture_output=True,
                                          text=True).stdout)
    pagefind_site = ws.root / "site-pagefind"
    mkdocs_pagefind = timed(ws.mkdocs(site=pagefind_site), env | {"ARCHIVE_SEARCH": "pagefind"}, ROOT)
    query = search_query(ws.docs)
    search_material, search_pagefind = bytes_for_one_search(ws.site, query), bytes_for_one_search(pagefind_site, query)
    edit_serve = statistics.median(serve_edit_times(ws.seeds, ws.docs).edits) if size <= SERVE_LIMIT else None
    return Result(size, ws.seeds, ws.docs, ws.site, cold, warm, mkdocs, mkdocs_kept, edit_generator, edit_mkdocs,
                  edit_dirty, edit_inprocess, mkdocs_pagefind, edit_serve, site_bytes, index_bytes, index_gzip,
                  search_material, search_pagefind)


def search_query(docs: Path) -> str:
    """A name a visitor would search for: the English name of the entity in
    the most articles (ties by id, so that a seed always gives the same query)."""
    entities = json.loads((docs / "data" / "entities.json").read_text(encoding="utf-8"))
    top = max(entities, key=lambda e: (e["articles"], e["id"]))
    names = top["names"]
    return (names.get("en") or next(iter(names.values())))[0]


def profile(ws_root: Path, *, cold: bool, top: int = 8) -> list[tuple[str, float]]:
    """Where one generator run spends its time, as shares per module, largest first.

    `cold`: from an empty cache; otherwise after one article changed.
    """
    import pstats

    ws = Workspace(ws_root)
    if cold:
        shutil.rmtree(ws.cache, ignore_errors=True)
    else:
        synth.edit_one(ws.seeds, 4)
    out = ws_root / "profile.out"
    timed([sys.executable, "-m", "cProfile", "-o", str(out), *ws.generator()[1:]], ws.env(), ROOT)
    by_module: dict[str, float] = {}
    for (filename, _, _), (_, _, tottime, _, _) in pstats.Stats(str(out)).stats.items():
        by_module[_module_of(filename)] = by_module.get(_module_of(filename), 0.0) + tottime
    total = sum(by_module.values()) or 1.0
    ranked = sorted(by_module.items(), key=lambda kv: -kv[1])[:top]
    return [(name, seconds / total) for name, seconds in ranked]


def _module_of(filename: str) -> str:
    """`newsarchive/translations.py`, `jinja2`, `yaml`, or `builtins` for C functions."""
    path = Path(filename)
    if "newsarchive" in path.parts:
        return "newsarchive/" + "/".join(path.parts[path.parts.index("newsarchive") + 1 :])
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1]
    if filename.startswith("~") or filename == "":
        return "builtins (C: regex, unicodedata, pickle...)"
    return "python stdlib"
