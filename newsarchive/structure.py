"""EXTRACT: plain text to an article's structure.

The input is text copied from a web page: one block per line (sometimes with
blank lines between blocks, sometimes hard-wrapped), a title line, perhaps a
dateline, page furniture (share buttons, category labels), a source line and
reader comments at the end. The rules here are general; the wording of
furniture, comment headers and datelines is data (`data/page_furniture.yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .dates import parse_date
from .langdata import PageFurniture, fold
from .model import Article, Paragraph, SourceDoc
from .text import display_width, is_wide, shorten, slugify, split_sentences

_BULLET = re.compile(r"^(?:[•・●◦▪■□◆◇▶►‣⁃✓✔☑※]|[-*+–—](?=\s))\s*(?P<rest>\S.*)$")
_NUMBERED = re.compile(r"^(?:\d{1,3}[.)）]|[(（]\d{1,3}[)）]|[①-⑳])\s*(?P<rest>\S.*)$")
_LABEL = re.compile(r"^(?P<label>[^:：。！？!?]{1,60}?)\s*[:：]\s*(?P<rest>[^/\s].*)$")
_TERMINAL = ("。", "．", ".", "!", "?", "！", "？", ":", "：", ",", "、", ";", "；", "…")
_SENTENCE_FINAL = ("。", "．", ".")
_HEADING_NEVER_ENDS = ("。", "．", ".", ":", "：", ",", "、", ";", "；", "…")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff]")

HEADING_MAX_WIDTH = 100
TITLE_MAX_WIDTH = 240
LABEL_MAX_WIDTH = 48
FALLBACK_TITLE_WIDTH = 80


@dataclass(frozen=True)
class Line:
    text: str
    gap: int  # blank lines before it


# -- lines -----------------------------------------------------------------


def to_lines(text: str) -> list[Line]:
    """Non-blank lines with the number of blank lines before each; hard wraps joined."""
    lines: list[Line] = []
    gap = 0
    for raw in text.split("\n"):
        line = " ".join(_INVISIBLE.sub("", raw).split())
        if line:
            lines.append(Line(line, gap))
            gap = 0
        else:
            gap += 1
    return _join_hard_wraps(lines) if _is_hard_wrapped(lines) else lines


def _is_list_line(text: str) -> bool:
    return bool(_BULLET.match(text) or _NUMBERED.match(text))


def _chunks(lines: list[Line]) -> list[list[Line]]:
    chunks: list[list[Line]] = []
    for line in lines:
        if line.gap or not chunks:
            chunks.append([])
        chunks[-1].append(line)
    return chunks


def _is_hard_wrapped(lines: list[Line]) -> bool:
    """True when blank lines separate paragraphs whose lines were wrapped at a width.

    Without blank lines there is nothing to tell a wrap from a paragraph end,
    so such text is read one block per line.
    """
    chunks = _chunks(lines)
    if len(chunks) < 2:
        return False
    multi = [c for c in chunks if len(c) > 1 and not all(_is_list_line(l.text) for l in c)]
    if len(multi) * 2 < len(chunks):
        return False
    inner = [l.text for c in multi for l in c[:-1] if not _is_list_line(l.text)]
    open_ended = sum(1 for t in inner if not t.endswith(_TERMINAL))
    return len(inner) >= 3 and open_ended * 2 >= len(inner)


def _join_hard_wraps(lines: list[Line]) -> list[Line]:
    joined: list[Line] = []
    for chunk in _chunks(lines):
        for line in chunk:
            if joined and line is not chunk[0] and not _is_list_line(line.text):
                prev = joined[-1].text
                sep = "" if is_wide(prev[-1]) and is_wide(line.text[0]) else " "
                joined[-1] = Line(prev + sep + line.text, joined[-1].gap)
            else:
                joined.append(line)
    return joined


# -- page furniture ----------------------------------------------------------


@dataclass
class _Page:
    body: list[Line]
    comments: list[Line]
    references: list[str]
    quoted_title: str | None = None
    date: str | None = None
    author: str | None = None


def _split_page(lines: list[Line], furniture: PageFurniture) -> _Page:
    """Separate body, comments, references and furniture; read the dateline."""
    lines = [l for l in lines if not furniture.is_dropped(l.text)]
    page = _Page(body=[], comments=[], references=[])
    for i, line in enumerate(lines):
        if page.body and (m := _comment_header(line.text, furniture, i / len(lines))):
            page.quoted_title = (m.groupdict().get("title") or "").strip() or None
            page.comments = lines[i + 1 :]
            break
        if ref := _reference(line.text, furniture):
            page.references.append(ref)
            continue
        page.body.append(line)
    _take_dateline(page, furniture)
    return page


def _comment_header(text: str, furniture: PageFurniture, position: float) -> re.Match[str] | None:
    """A comment-section header; a bare word ("Comments") only in the page's second half."""
    for pattern in furniture.comment_headers:
        if m := pattern.match(text):
            if "title" in pattern.groupindex or position >= 0.5:
                return m
    return None


def _reference(text: str, furniture: PageFurniture) -> str | None:
    for pattern in furniture.reference_patterns:
        if m := pattern.match(text):
            return m.group("ref").strip()
    return None


def _take_dateline(page: _Page, furniture: PageFurniture) -> None:
    """Remove the first dateline near the top or bottom; keep its date and author."""
    candidates = list(range(min(3, len(page.body)))) + list(range(max(3, len(page.body) - 2), len(page.body)))
    for i in candidates:
        for pattern in furniture.datelines:
            m = pattern.match(page.body[i].text)
            if m and (parsed := parse_date(m.group("date"))) and parsed[1] == "day":
                page.date = parsed[0]
                author = (m.groupdict().get("author") or "").strip()
                page.author = author or None
                del page.body[i]
                return


# -- blocks ------------------------------------------------------------------


def _is_title_like(text: str) -> bool:
    return (
        display_width(text) <= TITLE_MAX_WIDTH
        and not text.endswith(_SENTENCE_FINAL)
        and len(split_sentences(text)) <= 2
        and not _is_list_line(text)
    )


def _is_heading_like(text: str) -> bool:
    """Short, no full stop or comma at the end or between sentences.

    "!" and "?" may end a heading or join its two parts ("X! Y").
    """
    if display_width(text) > HEADING_MAX_WIDTH or _is_list_line(text) or text.endswith(_HEADING_NEVER_ENDS):
        return False
    spans = split_sentences(text)
    return len(spans) == 1 or (len(spans) == 2 and text[: spans[0][1]].endswith(("!", "?", "！", "？")))


def _label_of(text: str) -> str | None:
    m = _LABEL.match(text)
    if not m:
        return None
    label = m.group("label")
    if display_width(label) > LABEL_MAX_WIDTH or label[-1].isdigit() or not any(c.isalpha() for c in label):
        return None
    if display_width(m.group("rest")) < display_width(label):
        return None
    return label


def _runs(flags: list[bool]) -> list[bool]:
    """True where a flag belongs to a run of two or more consecutive Trues."""
    out = [False] * len(flags)
    for i, flag in enumerate(flags):
        if flag and ((i > 0 and flags[i - 1]) or (i + 1 < len(flags) and flags[i + 1])):
            out[i] = True
    return out


def to_blocks(lines: list[Line], prefix: str = "p") -> tuple[Paragraph, ...]:
    """Lines of a body to headings, list items and paragraphs with anchors."""
    texts = [l.text for l in lines]
    labelled = _runs([_label_of(t) is not None for t in texts])
    numbered = _runs([bool(_NUMBERED.match(t)) for t in texts])
    heading_gaps = sorted({l.gap for i, l in enumerate(lines) if _heading_at(texts, i, labelled, numbered)})
    blocks: list[Paragraph] = []
    seen_headings: set[str] = set()
    list_no = 0
    previous_was_item = False
    for i, line in enumerate(lines):
        text = line.text
        anchor = f"{prefix}-{len(blocks) + 1}"
        item: Paragraph | None = None
        if labelled[i]:
            item = Paragraph(anchor, "item", text, label=_label_of(text) or "")
        elif numbered[i]:
            item = Paragraph(anchor, "item", _NUMBERED.match(text).group("rest"), ordered=True)
        elif m := _BULLET.match(text):
            item = Paragraph(anchor, "item", m.group("rest"))
        if item is not None:
            if not previous_was_item or line.gap:
                list_no += 1
            blocks.append(replace(item, list_no=list_no))
            previous_was_item = True
            continue
        previous_was_item = False
        if _heading_at(texts, i, labelled, numbered):
            key = fold(text)
            if key in seen_headings:  # a heading repeated verbatim is an image caption echo
                continue
            seen_headings.add(key)
            minor = len(heading_gaps) > 1 and line.gap < heading_gaps[-1]
            level = 3 if minor and any(b.kind == "heading" and b.level == 2 for b in blocks) else 2
            blocks.append(Paragraph(anchor, "heading", text, level=level))
        else:
            blocks.append(Paragraph(anchor, "paragraph", text))
    return tuple(blocks)


def _heading_at(texts: list[str], i: int, labelled: list[bool], numbered: list[bool]) -> bool:
    """A short single-sentence line followed by more text is a heading."""
    return (
        i + 1 < len(texts)
        and not labelled[i]
        and not numbered[i]
        and _is_heading_like(texts[i])
    )


# -- article -----------------------------------------------------------------


def _fallback_title(body: tuple[Paragraph, ...], source: str) -> str:
    """The first sentence, shortened: a title is never a whole paragraph."""
    for block in body:
        spans = split_sentences(block.text)
        if spans:
            sentence = block.text[spans[0][0] : spans[0][1]]
            return shorten(sentence, FALLBACK_TITLE_WIDTH)
    return source.rsplit("/", 1)[-1].removesuffix(".txt")



def article_id(source: str) -> str:
    """A stable, URL-safe id from the file's path below the seeds folder."""
    stem = source.removesuffix(".txt")
    return slugify(stem.replace("/", "-"), fallback_key=source)


def parse_article(doc: SourceDoc, furniture: PageFurniture, lang: str, lang_origin: str = "detected") -> Article:
    """Build an Article from a decoded file, its sidecar metadata and its language."""
    page = _split_page(to_lines(doc.text), furniture)
    body_lines = page.body
    meta = doc.meta
    title, origin = None, "first-line"
    if body_lines and _is_title_like(body_lines[0].text):
        title = body_lines.pop(0).text
    if "title" in meta:
        title, origin = meta["title"], "metadata"
    elif title is None and page.quoted_title:
        title, origin = page.quoted_title, "comment-header"
    elif title is None and page.references:
        title, origin = shorten(page.references[0], TITLE_MAX_WIDTH), "reference"
    body = to_blocks(body_lines)
    if title is None:
        title, origin = _fallback_title(body, doc.path), "first-sentence"
    date = page.date
    if "date" in meta:
        parsed = parse_date(meta["date"])
        date = parsed[0] if parsed else date
    aid = article_id(doc.path)
    return Article(
        id=aid,
        source=doc.path,
        lang=lang,
        title=title,
        paragraphs=body,
        date=date,
        author=meta.get("author") or page.author,
        url=f"articles/{aid}/",
        comments=tuple(Paragraph(f"c-{i}", "paragraph", l.text) for i, l in enumerate(page.comments, 1)),
        references=tuple(page.references),
        lang_origin=lang_origin,  # type: ignore[arg-type]
        title_origin=origin,
        original_url=meta.get("url"),
        translation_of=meta.get("translation_of"),
        translation_group=meta.get("translation_group"),
        chars=sum(len(p.text) for p in body),
    )
