"""RENDER: escaping, page structure and language names."""

from __future__ import annotations

import html
import re

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.generated_markdown import GeneratedSubset
from newsarchive.model import Archive, Article, Paragraph
from newsarchive.render import language_name, md_inline, md_part, render_pages, yaml_value

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


def _site_markdown(*extra) -> markdown.Markdown:
    """A converter configured exactly like mkdocs.yml's markdown_extensions (and `extra`)."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda ld, node: None)
    config = yaml.load((Path(__file__).parent.parent / "mkdocs.yml").read_text(), Loader=loader)
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        name, options = next(iter(ext.items())) if isinstance(ext, dict) else (ext, {})
        names.append(name)
        configs[name] = options
    return markdown.Markdown(extensions=[*names, *extra], extension_configs=configs)


# Hand-written pages get full Markdown, generated ones the subset (hooks.py).
CONVERTERS = {"full": _site_markdown(), "generated": _site_markdown(GeneratedSubset())}
PUNCTUATION = [chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()]
NASTY = HOSTILE + [
    "[x](javascript:alert(1))", "![x](javascript:alert(1))", "{: onclick=alert(1) }", "x {: .c onclick=a }",
    "&lt;", "&amp;lt;", "&#60;script&#62;", "*a*", "**b**", "_c_", "`code`", "``x``", "\\", "\\*x*", "x\\",
    "# h", "## h ##", "- item", "+ item", "* item", "1. item", "12. x", "> quote", "===", "---", "***", "- - -",
    "a | b", "| a |", "\\|", "<http://example.com>", "<a@b.c>", "x  ", "[TOC]", "[x]: http://e.com",
    "a!", "!", "<!-- c", "]]>", "a\\", "{#id}", "{.cls}", "x #", "#",
] + PUNCTUATION + [c * 3 for c in PUNCTUATION] + [f"{c} x {c}" for c in PUNCTUATION] + [f"a{c}b{c}" for c in PUNCTUATION]

# Where the templates put escaped text: (filter, Markdown with {} for the text).
CONTEXTS = [
    (md_inline, "{}\n{{: #p-1 }}\n"),
    (md_inline, "## {} {{#p-2}}\n"),
    (md_inline, "- {}\n{{: #p-3 }}\n"),
    (md_inline, "1. {}\n"),
    (md_inline, "[{}](../articles/a1.md)\n"),
    (md_inline, "| a | b |\n|---|---|\n| {} | x |\n"),
    (md_part, "{}[{}](../entities/e.md){}\n{{: #p-1 }}\n"),
    (md_part, "- {}**N{}N**{} ([p-1](a.md#p-1))\n"),
    (md_part, "- **N{}:** {}\n{{: #p-3 }}\n"),
]


class _Structure(HTMLParser):
    """The tags and attributes of rendered HTML, and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag, ()))

    def handle_data(self, data):
        self.text += data

    def handle_comment(self, data):
        self.tags.append(("!--", data))


def _render(md: markdown.Markdown, escape, template: str, text: str) -> _Structure:
    md.reset()
    parsed = _Structure()
    parsed.feed(md.convert(template.format(*[escape(text)] * template.count("{}"))))
    return parsed


@pytest.mark.parametrize("converter", CONVERTERS)
def test_every_punctuation_mark_and_nasty_text_renders_literally_in_every_context(converter):
    md = CONVERTERS[converter]
    for escape, template in CONTEXTS:
        plain = _render(md, escape, template, "QZQ")
        for text in NASTY:
            shown = " ".join(text.split()) if escape is md_inline else re.sub(r"\s+", " ", text)
            got = _render(md, escape, template, text)
            assert got.tags == plain.tags, (template, text, got.tags)
            assert got.text.replace("¶", "").strip() == plain.text.replace("¶", "").replace("QZQ", shown).strip(), (template, text)


def test_escaping_leaves_ordinary_punctuation_alone():
    """Only marks that can start syntax are escaped: commas and full stops
    are the bulk of the text and cost an inline-pattern match each."""
    assert md_inline("Yes, 3.5% of all: ok; \"q\" 'a' / @ ? ~ ^ $ - + = .") == (
        "Yes, 3.5% of all: ok; \"q\" 'a' / @ ? ~ ^ $ - + = ."
    )
    assert md_inline("- a") == "\\- a" and md_inline("1. a") == "1\\. a" and md_part("wow!") == "wow\\!"


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
    # a script subtag is named, a region as Babel names it
    assert (language_name("ru-Latn"), language_name("pt-BR")) == ("Русский (латиница)", "Português (Brasil)")


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
    assert "Einleitung.\n{: #p-1 }" in page
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
