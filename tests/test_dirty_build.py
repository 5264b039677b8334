"""Incremental builds (`mkdocs build --dirty`, `mkdocs serve --dirty`): after an
edit and a deletion, only the pages whose Markdown changed are rendered again,
the removed article's HTML is gone, and the search index is the one a clean
build gives. The reference is a clean build of the same edited seeds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, SEEDS, hand_written_docs, mkdocs_build

EDITED, DELETED = "en_chip_exports.txt", "fr_meteo.txt"
NEW_WORD = "Zyxwvutsrq"  # a word no article holds
INDEX = Path("search") / "search_index.json"


def copy_seeds(target: Path) -> Path:
    target.mkdir()
    for path in [*SEEDS.glob("*.txt"), *CORPUS.glob("*.txt")]:
        shutil.copy2(path, target / path.name)
    return target


def edit(seeds: Path, name: str, word: str = NEW_WORD) -> None:
    path = seeds / name
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\nA late addition: {word} said so.\n",
                    encoding="utf-8")


def article_page(site: Path, name: str) -> Path:
    """The HTML of the article built from seed `name` (its id in data/articles.json)."""
    articles = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    (slug,) = [a["id"] for a in articles if Path(a["source"]).name == name]
    return site / "articles" / slug / "index.html"


def html_pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def search_docs(site: Path) -> list[dict]:
    return json.loads((site / INDEX).read_text(encoding="utf-8"))["docs"]


def sources_written(docs: Path, since: dict[str, int]) -> set[str]:
    """Markdown files of `docs` created or rewritten after the `since` snapshot."""
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
            if since.get(p.relative_to(docs).as_posix()) != p.stat().st_mtime_ns}


@pytest.fixture(scope="module")
def dirty(tmp_path_factory):
    """A clean build, then one article edited and one deleted, then a dirty
    build in the same folders; and a clean build of the edited seeds."""
    root = tmp_path_factory.mktemp("dirty")
    seeds = copy_seeds(root / "seeds")
    site = mkdocs_build(seeds, root / "work")
    docs = root / "work" / "docs"
    before = {
        "mtimes": mtimes(site),
        "sources": {p.relative_to(docs).as_posix(): p.stat().st_mtime_ns for p in docs.rglob("*.md")},
        "deleted": article_page(site, DELETED).relative_to(site),
        "edited": article_page(site, EDITED).relative_to(site),
    }
    edit(seeds, EDITED)
    (seeds / DELETED).unlink()
    mkdocs_build(seeds, root / "work", dirty=True)
    clean = mkdocs_build(seeds, root / "clean")
    return {"site": site, "docs": docs, "seeds": seeds, "clean": clean, **before}


def test_the_edited_article_has_the_new_text(dirty):
    page = dirty["site"] / dirty["edited"]
    assert NEW_WORD in page.read_text(encoding="utf-8")


def test_only_pages_whose_markdown_changed_are_rendered_again(dirty):
    site, docs = dirty["site"], dirty["docs"]
    written = sources_written(docs, dirty["sources"])
    assert written, "the edit rewrote no Markdown"
    after = mtimes(site)
    rendered = {rel for rel, ns in after.items() if dirty["mtimes"].get(rel) != ns}
    assert dirty["edited"].as_posix() in rendered
    untouched = set(after) - rendered
    assert len(untouched) > len(rendered) > 0
    # a page is rendered again exactly when its Markdown was written (404.html is a theme template)
    expected = {"404.html"} | {"index.html" if md == "index.md" else
                               md.removesuffix("index.md") + "index.html" if md.endswith("index.md") else
                               md.removesuffix(".md") + "/index.html" for md in written}
    assert rendered == expected & set(after)


def test_a_deleted_article_leaves_no_html(dirty):
    site = dirty["site"]
    gone = site / dirty["deleted"]
    assert (dirty["clean"] / dirty["edited"]).is_file() and not (dirty["clean"] / dirty["deleted"]).exists()
    assert not gone.exists() and not gone.parent.exists()
    assert (site / dirty["edited"]).is_file()


def test_the_dirty_site_has_the_pages_of_a_clean_build_byte_for_byte(dirty):
    ours, clean = html_pages(dirty["site"]), html_pages(dirty["clean"])
    assert len(clean) > 20
    assert sorted(ours) == sorted(clean)
    assert [rel for rel in clean if ours[rel] != clean[rel]] == []


def test_the_search_index_holds_each_page_once(dirty):
    ours, clean = search_docs(dirty["site"]), search_docs(dirty["clean"])
    locations = Counter(e["location"] for e in ours)
    assert [loc for loc, n in locations.items() if n > 1] == []
    assert any(NEW_WORD in e["text"] for e in ours)
    assert ours == clean  # same entries, same order: nothing duplicated, nothing missing, nothing stale


SERVE_LIKE = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
site = sys.argv[1]
def config():
    return load_config(config_file="mkdocs.yml", site_dir=site)
first = config()
first.plugins.on_startup(command="serve", dirty=True)
build(first, dirty=True)
for name in sys.argv[2:]:
    path = __import__("pathlib").Path(name)
    path.write_text(path.read_text(encoding="utf-8") + "\\n\\nA late addition: Qwertzuiop said so.\\n", encoding="utf-8")
build(config(), dirty=True)
"""


def test_rebuilds_within_one_serve_process_keep_one_set_of_entries(tmp_path):
    """`mkdocs serve --dirty` keeps Material's previous index in memory: two
    pages edited in one rebuild must each replace their own old entries."""
    seeds = copy_seeds(tmp_path / "seeds")
    docs = hand_written_docs(tmp_path / "docs")
    site = tmp_path / "site"
    env = os.environ | {"ARCHIVE_SEEDS": str(seeds), "ARCHIVE_DOCS_DIR": str(docs), "NO_MKDOCS_2_WARNING": "1"}
    edited = [str(seeds / EDITED), str(seeds / "zh_robotics.txt")]
    result = subprocess.run([sys.executable, "-c", SERVE_LIKE, str(site), *edited],
                            env=env, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    clean = mkdocs_build(seeds, tmp_path / "clean")
    ours = search_docs(site)
    edited_articles = {e["location"].split("#")[0] for e in ours
                       if "Qwertzuiop" in e["text"] and e["location"].startswith("articles/")}
    assert len(edited_articles) == 2
    assert ours == search_docs(clean)


def test_pagefind_indexes_every_page_after_a_dirty_build(tmp_path):
    pytest.importorskip("pagefind_bin_extended")
    seeds = copy_seeds(tmp_path / "seeds")
    pagefind = {"ARCHIVE_SEARCH": "pagefind"}
    mkdocs_build(seeds, tmp_path / "work", env=pagefind)
    edit(seeds, EDITED)
    site = mkdocs_build(seeds, tmp_path / "work", dirty=True, env=pagefind)
    clean = mkdocs_build(seeds, tmp_path / "clean", env=pagefind)

    def pages_indexed(site: Path) -> int:
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(lang["page_count"] for lang in entry["languages"].values())

    assert pages_indexed(site) == pages_indexed(clean) > 20


def test_a_dirty_build_that_renders_nothing_keeps_the_pagefind_index(tmp_path):
    """Under `mkdocs serve --dirty` the hook's own writes trigger a second
    rebuild that renders no page: Pagefind need not index the site again."""
    pytest.importorskip("pagefind_bin_extended")
    seeds = copy_seeds(tmp_path / "seeds")
    pagefind = {"ARCHIVE_SEARCH": "pagefind"}
    site = mkdocs_build(seeds, tmp_path / "work", env=pagefind)
    entry = site / "pagefind" / "pagefind-entry.json"
    before = entry.stat().st_mtime_ns
    mkdocs_build(seeds, tmp_path / "work", dirty=True, env=pagefind)
    assert entry.stat().st_mtime_ns == before
