"""Bad input: each broken file is reported by name, the rest builds, nothing leaks."""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, mkdocs_build

HOSTILE_TEXT = """Hostile <script>alert("title")</script> {{ config }}
<script>document.title = "pwned"</script>
{{ config.site_name }} {% for x in range(3) %}loop{% endfor %} {# comment #}
[click](javascript:alert(1)) <!-- hidden --> <img src=x onerror=alert(1)>
!!! warning "Admonition"
--8<-- "/etc/passwd"
:material-alert: ==mark== ~~del~~ | a | b |
# Not a heading
"""

BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "shift_jis.txt": "日本語のテキストです。".encode("cp932"),
    "invalid.txt": b"Title\n\xff\xfe broken \xc3\x28 bytes",
    "nul.txt": b"Title\nText with a \x00 NUL byte",
}


@pytest.fixture(scope="module")
def hostile_seeds(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("hostile")
    for path in SEEDS.glob("*.txt"):
        shutil.copy2(path, seeds / path.name)
    for name, data in BAD_FILES.items():
        (seeds / name).write_bytes(data)
    (seeds / "folder.txt").mkdir()
    (seeds / "hostile markup.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (seeds / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "UTF-16 Titel\nEin Text.".encode("utf-16-le"))
    (seeds / "crlf bom.txt").write_bytes(codecs.BOM_UTF8 + b"CRLF title\r\nBody line one.\r\nBody line two.\n")
    return seeds


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_site.py"), *args], capture_output=True, text=True, cwd=ROOT)


def test_each_bad_file_is_named_with_its_reason(hostile_seeds, tmp_path):
    result = run_cli("--seeds", str(hostile_seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    expected = {
        "empty.txt": "empty", "binary.txt": "binary", "shift_jis.txt": "Shift_JIS",
        "invalid.txt": "not valid UTF-8", "nul.txt": "binary", "folder.txt": "directory",
    }
    for name, reason in expected.items():
        assert any(name in w and reason in w for w in warnings), (name, warnings)
    assert len(warnings) == len(expected)
    assert "8 articles read" in result.stdout  # 5 samples + hostile + utf16 + crlf/bom
    articles = sorted(p.name for p in (tmp_path / "out" / "articles").glob("*.md"))
    assert "utf16.md" in articles and "crlf-bom.md" in articles and "hostile-markup.md" in articles


def test_strict_turns_warnings_into_failure(hostile_seeds, tmp_path):
    assert run_cli("--seeds", str(hostile_seeds), "--out", str(tmp_path / "o"), "--strict").returncode == 1
    assert run_cli("--seeds", str(SEEDS), "--out", str(tmp_path / "p"), "--strict").returncode == 0


def test_nothing_outside_the_output_is_written(hostile_seeds, tmp_path):
    before = {p: p.stat().st_mtime_ns for p in hostile_seeds.rglob("*")}
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.md").write_text("hand-written", encoding="utf-8")
    run_cli("--seeds", str(hostile_seeds), "--out", str(out))
    assert {p: p.stat().st_mtime_ns for p in hostile_seeds.rglob("*")} == before
    assert (out / "mine.md").read_text(encoding="utf-8") == "hand-written"


def test_hostile_markup_is_shown_as_text(hostile_seeds, tmp_path):
    site = mkdocs_build(hostile_seeds, tmp_path, strict=False)  # the bad files warn
    html = (site / "articles" / "hostile-markup" / "index.html").read_text(encoding="utf-8")
    body = html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    assert "<script>document.title" not in html and "<img src=x" not in body
    assert "&lt;script&gt;document.title" in body
    assert "{{ config.site_name }}" in body and "{% for x in range(3) %}" in body
    assert 'href="javascript' not in html
    assert "!!! warning" in body and "admonition" not in body
    assert "--8&lt;--" in body and "root:" not in body
    assert "# Not a heading" in body
    assert "<title>Hostile &lt;script&gt;" in html
