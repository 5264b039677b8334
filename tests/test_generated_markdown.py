"""Generated pages are converted with a subset of Markdown's inline patterns
(newsarchive/generated_markdown.py): the HTML must not change, and
hand-written pages keep the full syntax."""

from __future__ import annotations

import json
import re

import markdown

from conftest import MANIFEST
from newsarchive.generated_markdown import GeneratedSubset
from test_render import _site_markdown

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def test_every_generated_sample_page_converts_the_same_with_the_subset(built_site):
    docs = built_site.parent / "docs"
    pages = sorted(rel for rel in json.loads((docs / MANIFEST).read_text(encoding="utf-8")) if rel.endswith(".md"))
    assert {rel.split("/")[0] for rel in pages} >= {"articles", "entities", "timeline", "translations", "index.md"}
    full, subset = _site_markdown(), _site_markdown(GeneratedSubset())
    for rel in pages:
        text = FRONT_MATTER.sub("", (docs / rel).read_text(encoding="utf-8"))
        full.reset(), subset.reset()
        assert subset.convert(text) == full.convert(text), rel


def test_the_subset_applies_only_when_asked():
    text = "`code` <http://example.com> **bold** [link](a.md)"
    asked = markdown.markdown(text, extensions=[GeneratedSubset(applies=lambda: True)])
    not_asked = markdown.markdown(text, extensions=[GeneratedSubset(applies=lambda: False)])
    assert "<code>" in not_asked and '<a href="http://example.com">' in not_asked
    assert "<code>" not in asked and "`code`" in asked and '<a href="http://example.com">' not in asked
    assert all("<strong>bold</strong>" in out and '<a href="a.md">link</a>' in out for out in (asked, not_asked))


def test_hand_written_pages_keep_full_markdown_in_the_site(built_site):
    """about.md uses inline code, which generated pages never do."""
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert "<code>build_site.py</code>" in about


def test_links_convert_as_markdown_does_when_brackets_nest_or_never_close():
    """The subset's link pattern skips Markdown's bracket-nesting scan only
    when no bracket opens inside the link text; otherwise it is Markdown's."""
    for text in ("[a [b] c](x.md) and [d](y.md)", "[a [b](x.md)", "[a](x.md) [b", "[[a]](x.md)", "[a\\]](x.md)"):
        subset = markdown.markdown(text, extensions=[GeneratedSubset(), "pymdownx.escapeall"])
        full = markdown.markdown(text, extensions=["pymdownx.escapeall"])
        assert subset == full, text
    assert '<a href="x.md">a [b] c</a>' in markdown.markdown("[a [b] c](x.md)", extensions=[GeneratedSubset()])
