"""Rebuilding through MkDocs and the hook: two clean builds agree byte for
byte, and a build with nothing changed rewrites no generated file (so
`mkdocs serve` does not loop and timestamps stay put)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MANIFEST, mkdocs_build


def generated(docs: Path) -> dict[str, bytes]:
    """Every file the generator wrote into `docs` (its manifest), with its bytes."""
    owned = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    return {rel: (docs / rel).read_bytes() for rel in sorted(owned)}


def html_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def second_build(mixed_seeds, tmp_path_factory) -> Path:
    """A second clean build of the same seeds, in its own folder (another
    process, so another hash seed)."""
    work = tmp_path_factory.mktemp("rebuild")
    mkdocs_build(mixed_seeds, work)
    return work


def test_two_clean_builds_give_the_same_markdown_json_and_pages(built_site, second_build):
    first, second = generated(built_site.parent / "docs"), generated(second_build / "docs")
    assert any(rel.endswith(".md") for rel in first) and any(rel.endswith(".json") for rel in first)
    assert first.keys() == second.keys()
    assert [rel for rel in first if first[rel] != second[rel]] == []
    pages = html_files(built_site)
    assert len(pages) > 20 and pages == html_files(second_build / "site")


def test_building_again_rewrites_no_generated_file(mixed_seeds, second_build):
    docs = second_build / "docs"
    files = [docs / rel for rel in generated(docs)] + [docs / MANIFEST]
    before = {p: p.stat().st_mtime_ns for p in files}
    mkdocs_build(mixed_seeds, second_build)
    assert {p: p.stat().st_mtime_ns for p in files} == before
    assert set(generated(docs)) == {p.relative_to(docs).as_posix() for p in files[:-1]}


def test_the_page_templates_are_kept_compiled_for_the_next_process(built_site):
    compiled = list((built_site.parent / ".cache" / "newsarchive" / "templates").glob("__jinja2_*.cache"))
    templates = list((Path(__file__).resolve().parent.parent / "newsarchive" / "templates").glob("*.j2"))
    assert len(compiled) >= len(templates) // 2 > 3


def test_the_theme_templates_are_kept_compiled_for_the_next_build(built_site):
    """hooks.on_env: MkDocs makes a new Jinja environment for every build."""
    compiled = list((built_site.parent / ".cache" / "theme-templates").glob("__jinja2_*.cache"))
    assert len(compiled) > 10
