"""Shared fixtures: the sample archive built once per session, in temp folders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = Path(__file__).parent / "fixtures" / "corpus"
MANIFEST = ".newsarchive-manifest.json"


def hand_written_docs(target: Path) -> Path:
    """Copy the tracked, hand-written pages of site_src/ (not generated ones)."""
    src = ROOT / "site_src"
    generated = set()
    if (src / MANIFEST).is_file():
        generated = set(json.loads((src / MANIFEST).read_text(encoding="utf-8")))
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src).as_posix()
        if path.is_file() and rel not in generated and rel != MANIFEST:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / rel)
    return target


def copy_seeds(sources: list[Path], folder: Path) -> Path:
    """A seeds folder holding copies of `sources`."""
    folder.mkdir(parents=True)
    for path in sources:
        shutil.copy2(path, folder / path.name)
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mkdocs_build(seeds: Path, workdir: Path, strict: bool = True, dirty: bool = False, env: dict | None = None) -> Path:
    """`mkdocs build` of `seeds` in `workdir` (`--dirty`: reuse its site folder); returns the site folder."""
    docs = hand_written_docs(workdir / "docs")
    site = workdir / "site"
    env = os.environ | {"ARCHIVE_SEEDS": str(seeds), "ARCHIVE_DOCS_DIR": str(docs), "NO_MKDOCS_2_WARNING": "1"} | (env or {})
    flags = [*(["--strict"] if strict else []), *(["--dirty"] if dirty else [])]
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *flags, "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        env=env, capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def mixed_seeds(tmp_path_factory) -> Path:
    """The five samples plus the test corpus (English, Chinese, French)."""
    seeds = tmp_path_factory.mktemp("seeds")
    for path in [*SEEDS.glob("*.txt"), *CORPUS.glob("*.txt")]:
        shutil.copy2(path, seeds / path.name)
    return seeds


@pytest.fixture(scope="session")
def built_site(mixed_seeds, tmp_path_factory) -> Path:
    """The whole site of `mixed_seeds`, built by MkDocs with the hook."""
    return mkdocs_build(mixed_seeds, tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for every browser test of the session."""
    pytest.importorskip("playwright.sync_api")
    from browser import CHROMIUM, chromium

    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make test` (it installs it)")
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def site_url(built_site):
    """`built_site` served on loopback."""
    from browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture
def forking(monkeypatch):
    """Threads other tests of the session leave idle do not keep a pool from forking."""
    from newsarchive import parallel

    monkeypatch.setattr(parallel, "single_threaded", lambda: True)
    monkeypatch.delenv("ARCHIVE_WORKERS", raising=False)
