"""Bad input: each broken file is reported by name, the rest builds, nothing leaks."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browser import assert_stayed_local, open_page, search, serve
from conftest import ROOT, SEEDS, mkdocs_build
from hostile import BUILT, REPEATS, SKIPPED, WARNED, write_hostile_corpus
from sitecheck import broken_links, heading_problems, html_pages, parse
from newsarchive.langdata import PageFurniture
from newsarchive.model import SourceDoc
from newsarchive.pipeline import default_cache_folder
from newsarchive.read import decode
from newsarchive.structure import parse_article


@pytest.fixture(scope="module")
def hostile_seeds(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("hostile")
    for path in SEEDS.glob("*.txt"):
        shutil.copy2(path, seeds / path.name)
    write_hostile_corpus(seeds)
    return seeds


# Folders that pytest, Python and hypothesis write to while the tests run.
_RUNTIME = {".git", ".pytest_cache", ".hypothesis", "__pycache__", "test-artifacts", ".venv"}


def tree_snapshot(roots: list[Path], outputs: list[Path]) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file and folder below `roots`, except in `outputs`."""
    skip = {str(o.resolve()) for o in outputs}
    snap = {}
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in _RUNTIME and str(Path(folder, d).resolve()) not in skip)
            for name in [*dirs, *files]:
                path = Path(folder, name)
                st = path.lstat()
                snap[str(path)] = (st.st_size, st.st_mtime_ns)
    return snap


@pytest.fixture(scope="module")
def cli_run(hostile_seeds, tmp_path_factory):
    work = tmp_path_factory.mktemp("cli")
    out = work / "out"
    out.mkdir()
    (out / "mine.md").write_text("hand-written", encoding="utf-8")
    outputs = [out, default_cache_folder(out).parent]  # the pages, and the build cache beside them
    before = tree_snapshot([ROOT, hostile_seeds, work], outputs)
    result = run_cli("--seeds", str(hostile_seeds), "--out", str(out))
    return result, out, before, tree_snapshot([ROOT, hostile_seeds, work], outputs)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_site.py"), *args], capture_output=True, text=True, cwd=ROOT)


def test_each_bad_file_is_named_with_its_reason(cli_run):
    result, _, _, _ = cli_run
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    for name, reason in (SKIPPED | WARNED).items():
        assert any(f" {name}: " in w and reason in w for w in warnings), (name, warnings)
    assert len(warnings) == len(SKIPPED) + len(WARNED)


def test_every_hostile_file_is_either_skipped_or_built(hostile_seeds):
    files = {p.relative_to(hostile_seeds).as_posix() for p in hostile_seeds.rglob("*.txt")}
    assert files - {p.name for p in SEEDS.glob("*.txt")} == set(SKIPPED) | set(BUILT)
    assert not set(SKIPPED) & set(BUILT)


def test_the_other_files_build(cli_run, hostile_seeds):
    result, out, _, _ = cli_run
    built = [p for p in hostile_seeds.rglob("*.txt") if p.relative_to(hostile_seeds).as_posix() not in SKIPPED]
    assert f"{len(built)} articles read" in result.stdout
    pages = {p.stem for p in (out / "articles").glob("*.md")} - {"index"}
    assert {page for page, _, _ in BUILT.values()} <= pages
    assert {p.stem for p in SEEDS.glob("*.txt")} <= pages
    assert len(pages) == len(built)


def test_nothing_outside_the_output_is_written(cli_run):
    _, out, before, after = cli_run
    assert after == before
    assert (out / "mine.md").read_text(encoding="utf-8") == "hand-written"


def test_strict_turns_warnings_into_failure(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy2(sorted(SEEDS.glob("*.txt"))[0], seeds)
    assert run_cli("--seeds", str(seeds), "--out", str(tmp_path / "o"), "--strict").returncode == 0
    (seeds / "empty.txt").write_bytes(b"")
    assert run_cli("--seeds", str(seeds), "--out", str(tmp_path / "p"), "--strict").returncode == 1


@pytest.fixture(scope="module")
def hostile_build(hostile_seeds, tmp_path_factory):
    """The hostile corpus built by MkDocs (not strict: the bad files warn), with
    snapshots of the repository, the seeds and the work folder before and after."""
    work = tmp_path_factory.mktemp("site")
    outputs = [work / "docs", work / "site", default_cache_folder(work / "docs").parent]
    before = tree_snapshot([ROOT, hostile_seeds, work], outputs)
    site = mkdocs_build(hostile_seeds, work, strict=False)
    return site, before, tree_snapshot([ROOT, hostile_seeds, work], outputs)


@pytest.fixture(scope="module")
def hostile_site(hostile_build) -> Path:
    return hostile_build[0]


def test_mkdocs_writes_nothing_outside_its_folders(hostile_build):
    _, before, after = hostile_build
    assert set(after) - set(before) == set(), "files created"
    assert set(before) - set(after) == set(), "files removed"
    assert {p for p in before if before[p] != after[p] and not Path(p).is_dir()} == set(), "files changed"


def page_text(site: Path, page: str) -> tuple[str, str]:
    """(h1, text of the article body) of an article page, as a reader sees them."""
    markup = (site / "articles" / page / "index.html").read_text(encoding="utf-8")
    body = markup.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    h1 = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", body, re.S).group(1)

    def text(fragment: str) -> str:
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())

    return text(h1), text(body)


@pytest.mark.parametrize("name", sorted(BUILT))
def test_each_acceptable_file_gives_a_correct_page(hostile_site, name):
    page, title, texts = BUILT[name]
    h1, body = page_text(hostile_site, page)
    if title is not None:
        assert h1 == title
    assert h1 and "\ufeff" not in body
    for text in texts:
        assert " ".join(text.split()) in body, text
    if name in REPEATS:  # nothing lost from a very long line
        sentence, times = REPEATS[name]
        assert body.count(sentence) >= times


def test_hostile_site_links_resolve_and_headings_stay_in_order(hostile_site):
    assert broken_links(hostile_site) == []
    pages = html_pages(hostile_site)
    assert len(pages) > 20
    assert {p.relative_to(hostile_site).as_posix(): heading_problems(parse(p).headings) for p in pages if heading_problems(parse(p).headings)} == {}


def test_hostile_markup_is_shown_as_text(hostile_site):
    markup = (hostile_site / "articles" / "hostile-markup" / "index.html").read_text(encoding="utf-8")
    body = markup.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    for tag in ("<script", "<img", "<iframe", "<style", "<!--", "<svg", "<body"):
        assert tag not in body, tag
    assert not re.search(r"<[a-z][^>]*\son[a-z]+=", body), "an event handler attribute"
    assert not re.search(r'<a [^>]*href="javascript', markup)
    assert "&lt;script&gt;window.__pwned = 2" in body
    assert "{{ config.site_name }}" in body and "{% for x in range(3) %}" in body
    assert "!!! warning" in body and 'class="admonition' not in body
    assert "--8&lt;--" in body and "root:" not in body
    assert "# Not a heading" in body and ":material-alert:" in body
    assert "<title>Hostile &lt;script&gt;" in markup


def test_two_articles_with_one_title_get_two_pages(hostile_site):
    first = (hostile_site / "articles" / "same-title-1" / "index.html").read_text(encoding="utf-8")
    second = (hostile_site / "articles" / "same-title-2" / "index.html").read_text(encoding="utf-8")
    assert "The first article" in first and "The second article" in second


_INJECTED = "article script, article iframe, article img, article svg, article style, article [onclick], article [onload], article [onerror]"


@pytest.mark.browser
def test_no_script_from_an_article_runs_in_a_browser(browser, hostile_site):
    """Open the hostile pages and search their text: nothing they hold runs,
    loads or restyles, and their text is on screen as written."""
    with serve(hostile_site) as url, open_page(browser) as page:
        for name in ("hostile markup.txt", "markdown soup.txt", "front matter.txt", "sidecar hostile.txt"):
            page_id, _, texts = BUILT[name]
            page.goto(f"{url}articles/{page_id}/")
            shown = " ".join(page.locator("article").inner_text().split())
            for text in texts:
                assert text in shown, (name, text)
            assert page.evaluate("typeof window.__pwned") == "undefined", name
            assert page.evaluate("document.title") != "pwned"
            assert page.evaluate("getComputedStyle(document.body).display") != "none"
            assert page.locator(_INJECTED).count() == 0, name
            assert page.evaluate("document.documentElement.lang") == "en"  # not the front matter's "xx"
        hrefs = search(page, "Hostile")  # the search results print the hostile text as well
        assert any("articles/hostile-markup/" in h for h in hrefs), hrefs
        assert page.locator(".md-search-result script, .md-search-result img, .md-search-result svg[onload]").count() == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.dialogs == []
        assert_stayed_local(page)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_give_a_reason(data):
    try:
        text = decode(data)
    except ValueError as e:
        assert str(e)
    else:
        assert isinstance(text, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_parses_into_an_article(text):
    article = parse_article(SourceDoc("x.txt", text), PageFurniture.load(), "en")
    assert article.title.strip()
    anchors = [p.anchor for p in article.paragraphs]
    assert len(anchors) == len(set(anchors))
