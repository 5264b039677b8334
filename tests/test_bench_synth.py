"""The benchmark's synthetic archive: deterministic, mixed languages, real translation sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import synth
from newsarchive.pipeline import build


@pytest.fixture(scope="module")
def pool() -> synth.Pool:
    return synth.load_pool()


def files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_archive_other_seed_other_archive(pool, tmp_path):
    synth.generate(tmp_path / "a", 40, seed=7, pool=pool)
    synth.generate(tmp_path / "b", 40, seed=7, pool=pool)
    synth.generate(tmp_path / "c", 40, seed=8, pool=pool)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_archive_has_the_size_languages_and_translations_asked_for(pool, tmp_path):
    written = synth.generate(tmp_path, 60, seed=3, pool=pool)
    assert len(written) == 60 == len(list(tmp_path.rglob("*.txt")))
    texts = [p.read_text(encoding="utf-8") for p in written]
    assert len(set(texts)) > 50  # varied, not copies
    archive = build(tmp_path)
    assert len({a.lang for a in archive.articles}) >= 4
    assert len(archive.translations) >= 5
    assert all(a.paragraphs for a in archive.articles)


def test_variation_keeps_translations_consistent():
    variation = synth.Variation({"Rostock": "Kalomi"}, 2.0, -3)
    assert variation.apply("Rostock, 14. März 2026: 240 Fahrgäste") == "Kalomi, 14. März 2023: 480 Fahrgäste"
    assert variation.apply("2026年3月14日、ロストックRostockの240人") == "2023年3月14日、ロストックKalomiの480人"


def test_edit_one_changes_exactly_one_file(pool, tmp_path):
    synth.generate(tmp_path, 20, seed=1, pool=pool)
    before = files(tmp_path)
    synth.edit_one(tmp_path, 1)
    after = files(tmp_path)
    assert sum(before[k] != after[k] for k in before) == 1
