"""A corpus of hostile and broken article files, written on demand.

Large cases (a 20 MB file, a 1 MB line) are generated rather than committed.
`SKIPPED` maps each file the build must refuse to a word of the reason it
must give; every other file must build into a page.
"""

from __future__ import annotations

import codecs
from pathlib import Path

HOSTILE_MARKUP = """Hostile <script>window.__pwned = 1</script> {{ config }}
<script>window.__pwned = 2; document.title = "pwned"</script>
{{ config.site_name }} {% for x in range(3) %}loop{% endfor %} {# comment #}
[click](javascript:alert(1)) <!-- hidden --> <img src=x onerror="window.__pwned=3">
!!! warning "Admonition"
--8<-- "/etc/passwd"
:material-alert: ==mark== ~~del~~ ^^ins^^ | a | b |
# Not a heading
<iframe src="http://example.com/"></iframe> <style>body{display:none}</style>
"""

SKIPPED = {
    "empty.txt": "empty",
    "whitespace only.txt": "empty",
    "binary.txt": "binary",
    "nul bytes.txt": "binary",
    "shift_jis.txt": "Shift_JIS",
    "invalid utf8.txt": "not valid UTF-8",
    "huge 20mb.txt": "too large",
    "folder.txt": "directory",
    ".dotfile.txt": "hidden",
}


def write_hostile_corpus(seeds: Path) -> None:
    """Write every hostile case into `seeds` (which should exist)."""
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "whitespace only.txt": " \r\n\t\n\u3000".encode(),
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "nul bytes.txt": b"Title\nText with a \x00 NUL byte",
        "shift_jis.txt": "日本語のテキストです。アリババの記事。".encode("cp932"),
        "invalid utf8.txt": b"Title\n\xff\xfe broken \xc3\x28 bytes",
        "huge 20mb.txt": b"Huge article\n" + b"All work and no play. " * (20 * 1024 * 1024 // 22),
        ".dotfile.txt": b"Hidden\nText.",
        "hostile markup.txt": HOSTILE_MARKUP.encode(),
        "utf16 le.txt": codecs.BOM_UTF16_LE + "UTF-16 Titel\nEin deutscher Text im Format UTF-16.".encode("utf-16-le"),
        "bom crlf.txt": codecs.BOM_UTF8 + b"CRLF title\r\nBody line one.\r\nBody line two.\n\rLast line.\r",
        "one long line.txt": b"Long line title\n" + ("Sentence number one of many. " * 36_000).encode(),
        "名前 ünïcödé.txt": "Unicode-Dateiname\nDer Dateiname enthält Unicode und Leerzeichen.".encode(),
        "a..b.txt": b"Dots in the name\nThe name has two dots in a row.",
        "same title 1.txt": b"Same Title\nThe first article with this title.",
        "same title 2.txt": b"Same Title\nThe second article with this title.",
        "only a title.txt": b"Only a title",
    }
    for name, data in files.items():
        (seeds / name).write_bytes(data)
    (seeds / "folder.txt").mkdir(exist_ok=True)
