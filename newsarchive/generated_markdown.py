"""The Markdown subset generated pages are written in, and an extension that
converts them with only that subset's inline patterns.

Python-Markdown tries every inline pattern on every text node; converting
the generated pages is most of `mkdocs build`, and most of that was inline
patterns that can never match there. The templates write links, bold,
inline HTML and backslash escapes only, and article text reaches a page
through the `md` filters, which escape every mark that could start any
other pattern (see render.py). So for generated pages the other patterns
are dropped; the HTML is the same (tests/test_generated_markdown.py
converts every sample page both ways). Hand-written pages keep full Markdown.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension

# Python-Markdown's inline patterns that generated pages never need; kept are
# `link`, `html`, `em_strong` and `escape` (pymdownx.escapeall's, under that name).
UNUSED_PATTERNS = (
    "backtick", "reference", "image_link", "image_reference", "short_reference", "short_image_ref",
    "autolink", "automail", "linebreak", "entity", "not_strong",
)


class GeneratedSubset(Extension):
    """Drops `UNUSED_PATTERNS` from a Markdown
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
