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
<script>alert("pwned")</script> <svg onload="window.__pwned=4"></svg> <body onload="alert(3)">
<a href="javascript:alert(2)">js link</a> <div onclick="alert(4)" markdown="1">**inside a div**</div>
{: onclick="window.__pwned=5" }
"""

# Markdown and MkDocs extensions that must stay text: emphasis, code, fences,
# quotes, rules, footnotes, attribute lists, raw entities, images and
# autolinks to another host (which would be requests leaving the machine).
MARKDOWN_SOUP = """Markdown soup **bold** `code` _em_
> a quote with *stars* and __underscores__

```python
print("fenced code")
```

---
- a list item
1. an ordered item
Term: [^1] and a footnote.

[^1]: The footnote text.
![an image](http://example.com/x.png) <http://example.com/autolink> [a link](http://example.com/page)
Paragraph with attributes {: #injected .admonition onclick="window.__pwned=6" }
&lt;b&gt;already escaped&lt;/b&gt; &amp;amp; \\*backslash\\* $$x^2$$ <kbd>Ctrl</kbd>
[[wikilink]] {{< shortcode >}} {%raw%}raw{%endraw%} ${var} %(name)s
"""

# Front matter at the top of an article must not become the page's metadata.
FRONT_MATTER = """---
title: Injected title
lang: xx
template: evil.html
hooks: [evil.py]
---
Front matter article
The first lines look like YAML front matter.
"""

# A sidecar whose every value is hostile: escaped wherever it is printed.
HOSTILE_SIDECAR = """title: "<script>window.__pwned=7</script> {{ config }} Sidecar title"
author: "</span><script>alert(8)</script>"
url: "javascript:alert(9)"
date: "not a date at all"
"""

# Built, but with a warning about the sidecar beside it.
WARNED = {"sidecar hostile.txt": "date 'not a date at all' is not a date; ignored"}

SKIPPED = {
    "empty.txt": "empty",
    "whitespace only.txt": "empty",
    "binary.txt": "binary",
    "nul bytes.txt": "binary",
    "shift_jis.txt": "Shift_JIS",
    "utf16 broken.txt": "invalid UTF-16",
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
        "utf16 be.txt": codecs.BOM_UTF16_BE + "Texte UTF-16\nUn texte français en UTF-16 gros-boutiste.".encode("utf-16-be"),
        "utf16 broken.txt": codecs.BOM_UTF16_LE + "Titel".encode("utf-16-le") + b"\x00\xd8",  # a lone surrogate
        "single line.txt": ("A file of one single line. " * 4_000).encode(),
        "markdown soup.txt": MARKDOWN_SOUP.encode(),
        "front matter.txt": FRONT_MATTER.encode(),
        "sidecar hostile.txt": b"Sidecar article\nThe sidecar beside this file is hostile.",
        "sidecar hostile.yml": HOSTILE_SIDECAR.encode(),
        "sub folder/same title 1.txt": b"Same Title\nA third article with this title, in a subfolder.",
    }
    for name, data in files.items():
        (seeds / name).parent.mkdir(parents=True, exist_ok=True)
        (seeds / name).write_bytes(data)
    (seeds / "folder.txt").mkdir(exist_ok=True)

# Every file that must build: its page id, its title (None: not checked) and
# texts its page must show exactly as written.
BUILT = {
    "hostile markup.txt": ("hostile-markup", None, ['<script>window.__pwned = 2; document.title = "pwned"</script>',
                                                   "{{ config.site_name }}", '<img src=x onerror="window.__pwned=3">',
                                                   '{: onclick="window.__pwned=5" }', "--8<--"]),
    "markdown soup.txt": ("markdown-soup", None, ["![an image](http://example.com/x.png)", "[a link](http://example.com/page)",
                                                 '{: #injected .admonition onclick="window.__pwned=6" }',
                                                 "&lt;b&gt;already escaped&lt;/b&gt;", "{%raw%}raw{%endraw%}", "[^1]"]),
    "front matter.txt": ("front-matter", "Front matter article", ["title: Injected title", "lang: xx", "evil.py"]),
    "sidecar hostile.txt": ("sidecar-hostile", "<script>window.__pwned=7</script> {{ config }} Sidecar title",
                            ["</span><script>alert(8)</script>", "The sidecar beside this file is hostile."]),
    "utf16 le.txt": ("utf16-le", "UTF-16 Titel", ["Ein deutscher Text im Format UTF-16."]),
    "utf16 be.txt": ("utf16-be", "Texte UTF-16", ["Un texte français en UTF-16 gros-boutiste."]),
    "bom crlf.txt": ("bom-crlf", "CRLF title", ["Body line one.", "Body line two.", "Last line."]),
    "one long line.txt": ("one-long-line", "Long line title", ["Sentence number one of many. " * 50]),
    "single line.txt": ("single-line", None, ["A file of one single line. " * 50]),
    "名前 ünïcödé.txt": ("unicode", "Unicode-Dateiname", ["Der Dateiname enthält Unicode und Leerzeichen."]),
    "a..b.txt": ("a-b", "Dots in the name", ["The name has two dots in a row."]),
    "same title 1.txt": ("same-title-1", "Same Title", ["The first article with this title."]),
    "same title 2.txt": ("same-title-2", "Same Title", ["The second article with this title."]),
    "sub folder/same title 1.txt": ("sub-folder-same-title-1", "Same Title", ["A third article with this title, in a subfolder."]),
    "only a title.txt": ("only-a-title", "Only a title", []),
}
# How often a repeated sentence is in the file, so that its page can be checked for losses.
REPEATS = {"one long line.txt": ("Sentence number one of many.", 36_000),
           "single line.txt": ("A file of one single line.", 4_000)}
