"""The Markdown subset generated pages are written in, and an extension that
converts them with only that subset's patterns and block processors.

Python-Markdown tries every inline pattern on every text node and every
block processor on every block; converting the generated pages is most of
`mkdocs build`, and much of that was syntax that can never match there.
The templates write headings, lists, tables, HTML blocks, links, bold,
inline HTML and backslash escapes only, and article text reaches a page
through the `md` filters, which collapse its white space and escape every
mark that could start any other syntax (see render.py). So for generated
pages the rest is dropped; the HTML is the same (tests/test_generated_markdown.py
converts every sample page both ways; tests/test_render.py renders hostile
text in every template context). Hand-written pages keep full Markdown.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

# Python-Markdown's inline patterns that generated pages never need; kept are
# `link`, `html`, `em_strong` and `escape` (pymdownx.escapeall's, under that name).
UNUSED_PATTERNS = (
    "backtick", "reference", "image_link", "image_reference", "short_reference", "short_image_ref",
    "autolink", "automail", "linebreak", "entity", "not_strong", "em_strong2",
)
# Its block processors for indented code, quotes, setext headings, rules and
# link references: kept are headings, lists, tables, HTML and paragraphs.
UNUSED_BLOCKS = ("code", "quote", "setextheader", "hr", "reference")
LINK_PRIORITY = 160  # Python-Markdown's own, below `escape` (180)


class FlatLinkProcessor(LinkInlineProcessor):
    """Python-Markdown's link pattern, finding the link text's closing bracket
    without its nesting scan when no bracket opens before it, which in a
    generated page is always (its text's brackets are escaped, and escapes
    are replaced before links are sought). The scan runs over the whole rest
    of the text node once per link: skipping it converts the pages of 1,000
    synthetic articles in 26.2 s instead of 30.5 s (one process)."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        end = data.find("]", index)
        if end >= 0 and data.find("[", index, end) < 0:
            return data[index:end], end + 1, True
        return super().getText(data, index)


class GeneratedSubset(Extension):
    """Drops `UNUSED_PATTERNS` and `UNUSED_BLOCKS` from a Markdown
    instance when `applies()` says the page being converted is generated.

    MkDocs makes one Markdown instance per page, right after the
    `on_page_markdown` event, so the hook can tell which page it is for.
    """

    def __init__(self, applies: Callable[[], bool] = lambda: True, **kwargs) -> None:
        self.applies = applies
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        if not self.applies():
            return
        for name in UNUSED_PATTERNS:
            md.inlinePatterns.deregister(name, strict=False)
        for name in UNUSED_BLOCKS:
            md.parser.blockprocessors.deregister(name, strict=False)
        md.inlinePatterns.register(FlatLinkProcessor(LINK_RE, md), "link", LINK_PRIORITY)
