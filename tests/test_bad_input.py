"""Bad input: each broken file is reported by name, the rest builds, nothing leaks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEEDS, mkdocs_build
from hostile import SKIPPED, write_hostile_corpus
from newsarchive.langdata import PageFurniture
from newsarchive.model import SourceDoc
from newsarchive.read import decode
from newsarchive.structure import parse_article


@pytest.fixture(scope="module")
def hostile_seeds(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("hostile")
    for path in SEEDS.glob("*.txt"):
        shutil.copy2(path, seeds / path.name)
    write_hostile_corpus(seeds)
    return seeds


@pytest.fixture(scope="module")
def cli_run(hostile_seeds, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    (out / "mine.md").write_text("hand-written", encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in hostile_seeds.rglob("*")}
    result = run_cli("--seeds", str(hostile_seeds), "--out", str(out))
    return result, out, before


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_site.py"), *args], capture_output=True, text=True, cwd=ROOT)


def test_each_bad_file_is_named_with_its_reason(cli_run):
    result, _, _ = cli_run
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    for name, reason in SKIPPED.items():
        assert any(f" {name}: " in w and reason in w for w in warnings), (name, warnings)
    assert len(warnings) == len(SKIPPED)


def test_the_other_files_build(cli_run, hostile_seeds):
    result, out, _ = cli_run
    built = len([p for p in hostile_seeds.iterdir() if p.name not in SKIPPED])
    assert f"{built} articles read" in result.stdout
    pages = {p.name for p in (out / "articles").glob("*.md")}
    assert {"hostile-markup.md", "utf16-le.md", "bom-crlf.md", "one-long-line.md", "only-a-title.md", "a-b.md"} <= pages
    assert {"same-title-1.md", "same-title-2.md"} <= pages
    assert len(pages) == built + 1  # + articles/index.md


def test_nothing_outside_the_output_is_written(cli_run, hostile_seeds):
    _, out, before = cli_run
    assert {p: p.stat().st_mtime_ns for p in hostile_seeds.rglob("*")} == before
    assert (out / "mine.md").read_text(encoding="utf-8") == "hand-written"


def test_strict_turns_warnings_into_failure(hostile_seeds, tmp_path):
    assert run_cli("--seeds", str(hostile_seeds), "--out", str(tmp_path / "o"), "--strict").returncode == 1
    assert run_cli("--seeds", str(SEEDS), "--out", str(tmp_path / "p"), "--strict").returncode == 0


@pytest.fixture(scope="module")
def hostile_site(hostile_seeds, tmp_path_factory) -> Path:
    return mkdocs_build(hostile_seeds, tmp_path_factory.mktemp("site"), strict=False)  # the bad files warn


def test_hostile_markup_is_shown_as_text(hostile_site):
    html = (hostile_site / "articles" / "hostile-markup" / "index.html").read_text(encoding="utf-8")
    body = html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    for tag in ("<script", "<img", "<iframe", "<style", "<!--"):
        assert tag not in body, tag
    assert 'href="javascript' not in html
    assert "&lt;script&gt;window.__pwned = 2" in body
    assert "{{ config.site_name }}" in body and "{% for x in range(3) %}" in body
    assert "!!! warning" in body and 'class="admonition' not in body
    assert "--8&lt;--" in body and "root:" not in body
    assert "# Not a heading" in body and ":material-alert:" in body
    assert "<title>Hostile &lt;script&gt;" in html


def test_two_articles_with_one_title_get_two_pages(hostile_site):
    first = (hostile_site / "articles" / "same-title-1" / "index.html").read_text(encoding="utf-8")
    second = (hostile_site / "articles" / "same-title-2" / "index.html").read_text(encoding="utf-8")
    assert "The first article" in first and "The second article" in second


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
