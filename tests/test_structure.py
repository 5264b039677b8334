"""EXTRACT: article structure from plain text."""

from __future__ import annotations

from newsarchive.langdata import PageFurniture
from newsarchive.model import SourceDoc
from newsarchive.structure import parse_article, to_lines

FURNITURE = PageFurniture.load()


def parse(text: str, meta: dict | None = None, lang: str = "en"):
    return parse_article(SourceDoc("x/sample.txt", text, meta or {}), FURNITURE, lang)


def kinds(article):
    return [(p.kind, p.text) for p in article.paragraphs]


def test_title_headings_paragraphs_and_anchors():
    a = parse("A Title Line\nFirst paragraph. It has two sentences.\nA Section\nSecond paragraph text here.")
    assert a.title == "A Title Line"
    assert kinds(a) == [
        ("paragraph", "First paragraph. It has two sentences."),
        ("heading", "A Section"),
        ("paragraph", "Second paragraph text here."),
    ]
    assert [p.anchor for p in a.paragraphs] == ["p-1", "p-2", "p-3"]


def test_label_lines_become_one_list():
    a = parse(
        "Title\nIntro sentence that leads in.\n"
        "Speed: Models answer faster than before in every test.\n"
        "Cost: Running them costs less than it used to.\n"
        "Outro paragraph."
    )
    items = [p for p in a.paragraphs if p.kind == "item"]
    assert [(i.label, i.list_no) for i in items] == [("Speed", 1), ("Cost", 1)]


def test_single_label_line_stays_a_paragraph():
    a = parse("Title\nNote: this is a single remark in the middle of the text.\nMore text follows here.")
    assert [p.kind for p in a.paragraphs] == ["paragraph", "paragraph"]


def test_bullets_are_items():
    a = parse("Title\nWhat you learn\n\n  • one thing\n  • another thing\n\nClosing words.")
    assert [p.kind for p in a.paragraphs] == ["heading", "item", "item", "paragraph"]


def test_dateline_gives_date_and_author_not_text():
    a = parse("Last Updated on 2024-06-16 10:09 by Jane Roe\nThe first paragraph is long enough. It goes on.")
    assert (a.date, a.author) == ("2024-06-16", "Jane Roe")
    assert all("Updated" not in p.text for p in a.paragraphs)


def test_german_stand_dateline():
    a = parse("Titel des Artikels\nDer Text beginnt hier.\nStand: 28.01.2025 07:32 Uhr", lang="de")
    assert a.date == "2025-01-28"


def test_title_from_comment_header_when_text_opens_with_paragraph():
    a = parse(
        "Das Unternehmen hat am Montag neue Zahlen vorgelegt. Sie waren besser als erwartet.\n"
        "Weitere Details folgten.\n"
        "3 Kommentare zu „Gute Zahlen für die Firma“\n"
        "Ein Leser schreibt etwas.\n",
        lang="de",
    )
    assert a.title == "Gute Zahlen für die Firma"
    assert a.title_origin == "comment-header"
    assert [c.text for c in a.comments] == ["Ein Leser schreibt etwas."]
    assert [c.anchor for c in a.comments] == ["c-1"]


def test_title_from_reference_line_then_first_sentence():
    a = parse("This opens with a sentence. And continues for a while.\nfrom Original Headline Here")
    assert (a.title, a.title_origin) == ("Original Headline Here", "reference")
    b = parse("This opens with a sentence that is long. And continues for a while with more words.")
    assert b.title == "This opens with a sentence that is long."
    assert b.title_origin == "first-sentence"


def test_fallback_title_is_never_a_whole_paragraph():
    long_sentence = "word " * 80 + "end."
    a = parse(long_sentence)
    assert len(a.title) < len(long_sentence) / 2
    assert a.title.endswith("…")


def test_sidecar_title_and_date_win():
    a = parse("Line title\nBody text.", meta={"title": "Real title", "date": "5 March 2025"})
    assert (a.title, a.title_origin, a.date) == ("Real title", "metadata", "2025-03-05")


def test_furniture_and_repeated_heading_are_dropped():
    a = parse(
        "Title\n\nShare\n\nA heading\n\nBody text of the section.\n\nA heading\n\nMore body text.\n\n"
        "Category: Tech\n\nComments\n\nCopy link\n"
    )
    assert kinds(a) == [("heading", "A heading"), ("paragraph", "Body text of the section."), ("paragraph", "More body text.")]
    assert a.comments == ()


def test_heading_levels_follow_blank_line_gaps():
    a = parse("Title\n\n\nMajor\n\nMinor\n\nText one.\n\n\nMajor two\n\nText two.")
    assert [(p.text, p.level) for p in a.paragraphs if p.kind == "heading"] == [("Major", 2), ("Minor", 3), ("Major two", 2)]


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "Title\n\nThis paragraph was wrapped by an editor at a fixed\nwidth, so its lines must be joined again into\none block of text.\n\n"
        "A second paragraph, also wrapped at the same\nwidth by the same editor, forms one block too.\n"
    )
    assert [line.text for line in to_lines(text)][1:] == [
        "This paragraph was wrapped by an editor at a fixed width, so its lines must be joined again into one block of text.",
        "A second paragraph, also wrapped at the same width by the same editor, forms one block too.",
    ]


def test_article_with_only_a_title():
    a = parse("Only a title")
    assert a.title == "Only a title" and a.paragraphs == ()


def test_no_minor_heading_before_the_first_major_one():
    a = parse("Title\n\nIntro\n\nText.\n\n\nMajor\n\nMinor\n\nMore text.")
    assert [(p.text, p.level) for p in a.paragraphs if p.kind == "heading"] == [("Intro", 2), ("Major", 2), ("Minor", 3)]
