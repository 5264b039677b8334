"""RENDER: escaping, page structure and language names."""

from __future__ import annotations

import html
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.model import Archive, Article, Paragraph
from newsarchive.render import language_name, md_inline, render_pages, yaml_value

# The Markdown extensions of mkdocs.yml that act on text.
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "pymdownx.escapeall"]

HOSTILE = [
    "<script>alert(1)</script>",
    "{{ x }} {% if %}",
    "[a](javascript:alert(1))",
    "<!-- -->",
    '!!! note "x"',
    "--8<-- /etc/passwd",
    ":material-x: ==m== ~~d~~",
    "| a | b |",
    "1. item",
    "# heading",
    "    indented code",
    "&lt;b&gt; &amp;",
    "x {#id .cls} {: #p-1 }",
    "*emph* _u_ `code` ***",
    "<img src=x onerror=alert(1)>",
]


def visible_text(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def test_hostile_text_shows_as_written_and_adds_no_markup():
    for text in HOSTILE:
        rendered = markdown.markdown(md_inline(text), extensions=EXTENSIONS)
        assert rendered.startswith("<p>") and rendered.endswith("</p>"), (text, rendered)
        assert visible_text(rendered) == " ".join(text.split()), (text, rendered)
        assert "<script" not in rendered and "<img" not in rendered and "href" not in rendered


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80))
def test_any_text_renders_as_itself(text):
    rendered = markdown.markdown(md_inline(text), extensions=EXTENSIONS)
    expected = " ".join(text.split())
    if expected:
        assert visible_text(rendered) == expected
    assert "<script" not in rendered


def test_front_matter_value_is_escaped_json():
    assert yaml_value('<b>"T"</b>') == '"&lt;b&gt;\\"T\\"&lt;/b&gt;"'


def test_language_names_in_their_own_language():
    assert (language_name("de"), language_name("ja"), language_name("en")) == ("Deutsch", "日本語", "English")
    assert language_name("xx-unknown") == "xx-unknown"


def _article(**kw) -> Article:
    base = dict(
        id="a1", source="a1.txt", lang="de", title="Titel <script>", url="articles/a1/",
        paragraphs=(
            Paragraph("p-1", "paragraph", "Einleitung."),
            Paragraph("p-2", "heading", "Abschnitt"),
            Paragraph("p-3", "item", "Tempo: schneller als je zuvor", label="Tempo", list_no=1),
            Paragraph("p-4", "item", "Kosten: niedriger als erwartet", label="Kosten", list_no=1),
        ),
        comments=(Paragraph("c-1", "paragraph", "Ein Leserkommentar."),),
        date="2025-01-28",
    )
    return Article(**(base | kw))


def test_article_page_structure():
    page = render_pages(Archive(articles=(_article(),)))["articles/a1.md"]
    assert 'title: "Titel &lt;script&gt;"' in page
    assert "# Titel \\<script\\>" not in page and "# Titel &lt;script&gt;" in page
    assert "Einleitung\\.\n{: #p-1 }" in page
    assert "## Abschnitt {#p-2}" in page
    assert "- **Tempo:** schneller als je zuvor\n{: #p-3 }" in page
    assert "## Reader comments" in page and "{: #c-1 }" in page
    assert "Deutsch" in page and "2025-01-28" in page


def test_home_lists_articles_with_counts():
    pages = render_pages(Archive(articles=(_article(), _article(id="b2", lang="ja", title="日本の記事", date=None))))
    home = pages["index.md"]
    assert "<strong>2</strong> articles in <strong>2</strong> languages" in home
    assert "[Titel &lt;script&gt;](articles/a1.md) | Deutsch |  | 2025-01-28 |" in home
    assert "[日本の記事](articles/b2.md) | 日本語 |" in home
    assert "## Deutsch (1)" in pages["articles/index.md"]
