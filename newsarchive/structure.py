"""EXTRACT: plain text to an article's structure.

The input is text copied from a web page: one block per line (sometimes with
blank lines between blocks, sometimes hard-wrapped), a title line, perhaps a
category label, bylines and datelines, page furniture (share buttons, ads,
"Read more" links, related-article lists), a source line and reader comments
at the end. The rules here are general; the wording of furniture, comment
headers, bylines and datelines is data (`data/page_furniture.yaml`).

Anchors: the blocks of the body (headings, list items, paragraphs) are
numbered `p-1`, `p-2`... in reading order, and comments `c-1`, `c-2`...
Lines that are not shown (furniture, meta lines, the title, a repeated
heading) take no number, so dropping furniture only renumbers the blocks
after a line that used to be shown; the numbers depend on nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from .dates import metadata_date, month_lookup, parse_date, slash_order, weekday_names
from .langdata import PageFurniture, fold, is_share_run
from .model import Article, Paragraph, SourceDoc
from .text import LazyPattern, display_width, is_wide, normalize, shorten, slugify, split_sentences

# Polish, Russian, Spanish... news open a quoted paragraph with a dash: a
# line so opened is a list item only among other list lines.
_SPEECH_DASHES = ("–", "—")
_BULLET = LazyPattern(r"^(?:[•・●◦▪■□◆◇▶►‣⁃✓✔☑※]|[-*+–—](?=\s))\s*(?P<rest>\S.*)$")
_NUMBERED = LazyPattern(
    r"^(?:\d{1,3}[.)）．、](?!\d)|[(（]\d{1,3}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}[、．]|[(（][一二三四五六七八九十]{1,3}[)）])"
    r"\s*(?P<rest>\S.*)$"
)
_MD_HEADING = LazyPattern(r"^(?P<hashes>#{1,6})\s+(?P<rest>\S.*?)(?:\s+#+)?$")
_HEADING_MARK = LazyPattern(r"^[■□◆◇▼▽▶►●◎★☆]\s*(?P<rest>\S.*)$")  # "■見出し" in CJK pages
_LABEL = LazyPattern(r"^(?P<label>[^:：。！？!?]{1,60}?)\s*[:：]\s*(?P<rest>[^/\s].*)$")
_TERMINAL = ("。", "．", ".", "!", "?", "！", "？", ":", "：", ",", "、", ";", "；", "…")
_SENTENCE_FINAL = ("。", "．", ".")
_HEADING_NEVER_ENDS = ("。", "．", ".", ":", "：", ",", "、", ";", "；", "…")
_INVISIBLE = LazyPattern(r"[\u200b-\u200f\u2060\ufeff]")
_CLOSERS = "”\"’)」』）】»"
# Fields of a meta line: "By X | 5 March 2025", "发布时间：… 来源：…"
_FIELD_SPLIT = LazyPattern(r"\s*[|｜丨·•]\s*|\s+(?=[^\W\d_][^\s:：]{0,7}[:：])")
_YEAR = LazyPattern(r"\d{4}")
_HANDLE = LazyPattern(r"[^\W\d_][\w.-]{1,29}")  # "Posted on 5 March 2025 by greenthumb": a user name
_NAME_FORBIDDEN = LazyPattern(r"[\d!?。！？:;：；\"“”«»()（）@/]")

HEADING_MAX_WIDTH = 100
TITLE_MAX_WIDTH = 240
LABEL_MAX_WIDTH = 48
FALLBACK_TITLE_WIDTH = 80
HEADER_LINES = 8  # meta lines are looked for among the first lines, before the text starts...
FOOTER_LINES = 2  # ... and in the last lines of the body
LINK_LINE_MAX_WIDTH = 160  # a headline in a related-articles list
NAME_MAX_WIDTH = 60
NAME_MAX_WORDS = 8
CJK_NAME_MAX_CHARS = 12
BARE_DATE_MAX_WIDTH = 48
COMMENT_PROBE_LINES = 8  # a bare "Comments" early on counts when a widget follows this soon


@dataclass(frozen=True)
class Line:
    text: str
    gap: int  # blank lines before it
    plain: bool = False  # a subtitle or an unread dateline: shown as text, never as a heading


# -- lines -----------------------------------------------------------------


def to_lines(text: str, stands_alone: Callable[[str], bool] = lambda _: False) -> list[Line]:
    """Non-blank lines with the number of blank lines before each; hard wraps joined.

    A line for which `stands_alone` is true (furniture, a byline) is never
    joined to its neighbours.
    """
    lines: list[Line] = []
    gap = 0
    for raw in text.split("\n"):
        line = " ".join(_INVISIBLE.sub("", raw).split())
        if line:
            lines.append(Line(line, gap))
            gap = 0
        else:
            gap += 1
    return _join_hard_wraps(lines, stands_alone) if _is_hard_wrapped(lines) else lines


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


def _join_hard_wraps(lines: list[Line], stands_alone: Callable[[str], bool]) -> list[Line]:
    joined: list[Line] = []
    for chunk in _chunks(lines):
        alone = [stands_alone(line.text) for line in chunk]
        for k, line in enumerate(chunk):
            if k and not alone[k] and not alone[k - 1] and not _is_list_line(line.text):
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
    dateline: str = ""  # the wire dateline opening the text, if any


def _reads_as_text(text: str) -> bool:
    """A line of running text: it ends like a sentence or is too long for anything else."""
    return text.rstrip(_CLOSERS).endswith(_TERMINAL) or _wider_than(text, HEADING_MAX_WIDTH)


def _is_link_line(text: str) -> bool:
    """A headline in a list of links to other articles."""
    return _is_list_line(text) or (
        _is_title_like(text) and not text.endswith((":", "：")) and not _wider_than(text, LINK_LINE_MAX_WIDTH)
    )


def _mark_key(text: str) -> str:
    """A line's key without its list or heading mark (a table of contents repeats headings)."""
    m = _BULLET.match(text) or _MD_HEADING.match(text)
    return fold(m.group("rest") if m else text)


def _drop_furniture(lines: list[Line], furniture: PageFurniture) -> list[Line]:
    """Lines without furniture, related-article lists and tables of contents."""
    kept: list[Line] = []
    shares = [furniture.share_words(line.text) for line in lines]
    i = 0
    while i < len(lines):
        key = fold(lines[i].text)
        j = i
        while j < len(shares) and shares[j] is not None:
            j += 1
        if j > i + 1 and is_share_run(shares[i:j]):  # "Share this:" / "Twitter" / "Facebook", one per line
            i = j
            continue
        if key in furniture.related_headers:
            j = i + 1
            while j < len(lines) and _is_link_line(lines[j].text) and not _comment_header(lines[j].text, furniture, 1.0):
                j += 1
            if j < len(lines) and j > i + 1 and _reads_as_text(lines[j].text):
                j -= 1  # the last "headline" leads into text: it may be the next section's heading
            if j > i + 1 or j == len(lines) or _comment_header(lines[j].text, furniture, 1.0):
                i = j  # nothing after it but comments: not a heading either
                continue
        if key in furniture.toc_headers:
            j = i + 1
            while j < len(lines) and _mark_key(lines[j].text) in {_mark_key(l.text) for l in lines[j + 1 :]}:
                j += 1
            if j > i + 1:
                i = j
                continue
        if not furniture.is_dropped(lines[i].text):
            kept.append(lines[i])
        i += 1
    return kept


def _split_page(lines: list[Line], furniture: PageFurniture, order: str | None = None) -> _Page:
    """Separate body, comments, references and furniture; read the meta lines
    (`order`: how the article's language orders a slashed date, "01/10/2025")."""
    lines = _drop_furniture(lines, furniture)
    page = _Page(body=[], comments=[], references=[])
    for i, line in enumerate(lines):
        after = lines[i + 1 : i + 1 + COMMENT_PROBE_LINES]
        if page.body and (m := _comment_header(line.text, furniture, i / len(lines), after)):
            j = i + 1
            while m:  # "Comments" followed by "2 thoughts on “Title”": one header
                page.quoted_title = page.quoted_title or (m.groupdict().get("title") or "").strip() or None
                m = _comment_header(lines[j].text, furniture, 1.0) if j < len(lines) else None
                j += 1 if m else 0
            page.comments = lines[j:]
            while page.body and _comment_header(page.body[-1].text, furniture, 1.0):
                page.body.pop()  # "Comments" just above the header that quotes the title
            break
        if ref := _reference(line.text, furniture):
            page.references.append(ref)
            continue
        page.body.append(line)
    _drop_author_box(page, furniture)
    _take_meta(page, furniture, order)
    return page


def _drop_author_box(page: _Page, furniture: PageFurniture) -> None:
    """Drop an "About the author" box that closes the body."""
    for i in range(max(0, len(page.body) - furniture.author_box_max_lines - 1), len(page.body)):
        if fold(page.body[i].text) in furniture.author_box_headers:
            del page.body[i:]
            return


def _comment_header(
    text: str, furniture: PageFurniture, position: float, after: list[Line] | None = None
) -> re.Match[str] | None:
    """A comment-section header.

    One without a quoted title ("Comments") counts in the page's second
    half, or anywhere when comment widgets ("Reply", timestamps) are among
    the lines `after` it.
    """
    for pattern in furniture.comment_headers:
        if m := pattern.match(text):
            if "title" in pattern.groupindex or position >= 0.5:
                return m
            if after and any(_is_comment_widget(l.text, furniture) for l in after):
                return m
    return None


def _reference(text: str, furniture: PageFurniture) -> str | None:
    for pattern in furniture.reference_patterns:
        if m := pattern.match(text):
            return m.group("ref").strip()
    return None


# -- meta lines: datelines and bylines -----------------------------------------


def _is_name(text: str, furniture: PageFurniture, min_words: int = 1) -> bool:
    """Reads as a person's name (or names, with an outlet): capitalized words, or a short CJK name."""
    text = text.strip(" ,")
    if not text or _wider_than(text, NAME_MAX_WIDTH) or _NAME_FORBIDDEN.search(text):
        return False
    if any(is_wide(c) for c in text):  # a CJK name only after a keyword ("记者"), never a bare line
        return (
            min_words == 1
            and not any(c.isascii() and c.isalpha() for c in text)
            and len(text.replace(" ", "")) <= CJK_NAME_MAX_CHARS
            and text.count(" ") <= 2
        )
    words = re.split(r"[\s,]+", text)
    return (
        min_words <= len(words) <= NAME_MAX_WORDS
        and words[0][:1].isupper()
        and all(w[:1].isupper() or fold(w) in furniture.name_particles for w in words)
    )


def _day(text: str, order: str | None = None) -> str | None:
    """The ISO day of the first full date in `text` (every full date has a 4-digit
    year); `order`: how the article's language orders a slashed date."""
    if not _YEAR.search(text):
        return None
    parsed = parse_date(text, order)
    return parsed[0] if parsed and parsed[1] == "day" else None


def _wider_than(text: str, width: int) -> bool:
    """display_width(text) > width, without measuring when the length decides (hot path)."""
    return len(text) > width or (2 * len(text) > width and display_width(text) > width)


def _bare_date(text: str, order: str | None = None) -> str | None:
    """The date of a line that is only a date (and time): "Mittwoch, 5. März 2025, 10:00 Uhr"."""
    if _wider_than(text, BARE_DATE_MAX_WIDTH) or not (day := _day(text, order)):
        return None
    words = re.sub(r"[\d\W_]+", " ", normalize(text)).split()
    months, weekdays = month_lookup(), weekday_names()
    others = [k for k, w in enumerate(words) if len(w) > 4 and w.casefold() not in months and w.casefold() not in weekdays]
    return day if others in ([], [0]) else None  # a weekday, or at most one leading word besides the date


def _meta_field(text: str, furniture: PageFurniture, order: str | None = None) -> tuple[str | None, str | None] | None:
    """(date, author) of one field of a meta line; None when the field is text."""
    for pattern in furniture.datelines if _YEAR.search(text) else ():
        if (m := pattern.match(text)) and (day := _day(m.group("date"), order)):
            author = (m.groupdict().get("author") or "").strip()
            return day, author if _is_name(author, furniture) or _HANDLE.fullmatch(author) else None
    for pattern in furniture.bylines:
        if (m := pattern.match(text)) and "author" in pattern.groupindex and _is_name(m.group("author"), furniture):
            return None, m.group("author").strip(" ,")
    if day := _bare_date(text, order):
        return day, None
    if _reference(text, furniture) or furniture.is_dropped(text):
        return None, None
    return None


def _bare_byline(text: str, furniture: PageFurniture) -> str | None:
    """The name of a byline without a keyword: "Jane Doe", "Jane Doe in Rome" (two words or more)."""
    if _is_name(text, furniture, min_words=2):
        return text
    for pattern in furniture.bylines:
        if (m := pattern.match(text)) and "name" in pattern.groupindex and _is_name(m.group("name"), furniture, 2):
            return m.group("name").strip(" ,")
    return None


def _read_meta(text: str, furniture: PageFurniture, order: str | None = None) -> tuple[str | None, str | None] | None:
    """(date, author) of a line made only of meta fields, else None."""
    if _wider_than(text, TITLE_MAX_WIDTH):
        return None
    date = author = None
    for field in _FIELD_SPLIT.split(text):
        if not field:
            continue
        meta = _meta_field(field, furniture, order)
        if meta is None:
            return None
        date, author = date or meta[0], author or meta[1]
    return (date, author) if date or author else None


def _take_meta(page: _Page, furniture: PageFurniture, order: str | None) -> None:
    """Remove the meta lines of the header and footer; keep the first date and author.

    The header is the lines before the text starts. A byline alone is never
    the first line (that is the title's place); a bare name is a byline next
    to a dated meta line. A section name above the title is a category label;
    lines between the title and the meta lines are a subtitle. A dateline
    whose date cannot be read stays as text (never a heading).
    """
    body = page.body
    header: list[int] = []
    for i, line in enumerate(body[:HEADER_LINES]):
        if _reads_as_text(line.text) and _read_meta(line.text, furniture, order) is None:  # "18 marca 2025 r." ends like a sentence
            break
        header.append(i)
    footer = [i for i in range(max(0, len(body) - FOOTER_LINES), len(body)) if i not in header]
    found: dict[int, tuple[str | None, str | None]] = {}
    for i in header + footer:
        meta = _read_meta(body[i].text, furniture, order)
        if meta and (meta[0] or i > 0):
            found[i] = meta
    dated = {i for i, meta in found.items() if meta[0]}
    for i in header[1:]:
        if i not in found and {i - 1, i + 1} & dated and (name := _bare_byline(body[i].text, furniture)):
            found[i] = (None, name)
    for i in sorted(found, key=lambda i: (i not in header, i)):
        page.date = page.date or found[i][0]
        page.author = page.author or found[i][1]
    drop = set(found)
    top = [i for i in header if i in found]
    title = 0
    if len(body) > 1 and _is_category_label(body[0].text, body[1].text, furniture, top[:1] == [2]):
        drop.add(0)
        title = 1
    plain = set(range(title + 1, max(top, default=0))) | {i for i in header if _is_unread_dateline(body[i].text, furniture)}
    page.body = [replace(line, plain=i in plain) for i, line in enumerate(body) if i not in drop]
    page.dateline, day = _lead_dateline(page.body, furniture)
    page.date = page.date or day


def _is_unread_dateline(text: str, furniture: PageFurniture) -> bool:
    """Worded as a dateline with a year, but no full date could be read from it."""
    return any((m := p.match(text)) and _YEAR.search(m.group("date")) for p in furniture.datelines)


def _is_category_label(first: str, second: str, furniture: PageFurniture, meta_follows: bool) -> bool:
    """A section name ("World news") or, above the meta lines, a short label above a longer title."""
    if not (_is_title_like(first) and _is_title_like(second)) or _read_meta(second, furniture):
        return False
    if fold(first) in furniture.section_labels:
        return True
    return meta_follows and len(first.split()) <= 3 and display_width(first) * 2 <= display_width(second)


def _lead_dateline(body: list[Line], furniture: PageFurniture) -> tuple[str, str | None]:
    """The wire dateline opening the text ("MUNICH, March 5, 2025 /PRNewswire/ --",
    "SYDNEY, March 4 (Reuters) -") and its date, if it has a year; ("", None) if none."""
    for line in body[:HEADER_LINES]:
        if _reads_as_text(line.text):
            for pattern in furniture.lead_datelines:
                if m := pattern.match(line.text):
                    return m.group(0), _day(m.group("date"))
            break
    return "", None


# -- blocks ------------------------------------------------------------------


def _is_title_like(text: str) -> bool:
    return (
        not _wider_than(text, TITLE_MAX_WIDTH)
        and not text.rstrip(_CLOSERS).endswith(_SENTENCE_FINAL)
        and len(split_sentences(text)) <= 2
        and not _is_list_line(text)
    )


def _is_heading_like(text: str) -> bool:
    """Short, no full stop or comma at the end or between sentences.

    "!" and "?" may end a heading or join its two parts ("X! Y").
    """
    if _wider_than(text, HEADING_MAX_WIDTH) or _is_list_line(text) or text.endswith(_HEADING_NEVER_ENDS):
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


def _label_runs(texts: list[str]) -> tuple[list[bool], list[bool]]:
    """(list items, dialogue turns) among runs of "Label: text" lines.

    A run whose labels repeat ("Q:"/"A:", "Frage:"/"Antwort:", speaker
    names) is an interview: its lines are turns, shown as paragraphs.
    """
    labels = [_label_of(t) for t in texts]
    items = _runs([label is not None for label in labels])
    dialogue = [False] * len(texts)
    i = 0
    while i < len(texts):
        j = i
        while j < len(texts) and items[j]:
            j += 1
        run = [fold(labels[k] or "") for k in range(i, j)]
        if run and len(set(run)) * 2 <= len(run):
            for k in range(i, j):
                items[k], dialogue[k] = False, True
        i = max(j, i + 1)
    return items, dialogue


@dataclass(frozen=True)
class _Shape:
    """What each line of a body is, before blocks are made."""

    texts: list[str]
    labelled: list[bool]
    dialogue: list[bool]
    numbered: list[bool]
    speech: list[bool]  # opened by a dash but no list: quoted speech ("– Żubr przestał być... – mówi")

    def leads_text(self, i: int) -> bool:
        """Line `i` is followed by text, a list, or a subheading and then text."""
        def opens(k: int) -> bool:
            t = self.texts[k]
            return _reads_as_text(t) or _is_list_line(t) or self.labelled[k] or t.startswith("##")

        n = len(self.texts)
        return i + 1 < n and (opens(i + 1) or (i + 2 < n and _is_heading_like(self.texts[i + 1]) and opens(i + 2)))

    def heading(self, i: int) -> tuple[str, int] | None:
        """(text, Markdown level or 0) when line `i` is a heading.

        Markdown "## X" is a heading wherever it stands (a lone "# X" in the
        body is text: "#" starts hashtags and comments too). Otherwise a short
        single-sentence line followed by text: also a lone numbered line
        ("2. Methods", "一、背景", "１．…", kept with its number) or a lone
        "■ X" (without its mark); in a run of such lines they form a list.
        """
        text = self.texts[i]
        if (m := _MD_HEADING.match(text)) and len(m.group("hashes")) >= 2:
            return m.group("rest"), len(m.group("hashes"))
        if self.labelled[i] or self.dialogue[i] or self.numbered[i] or not self.leads_text(i):
            return None
        shown, core = text, text
        if (m := _HEADING_MARK.match(text)) and not any(
            0 <= k < len(self.texts) and _HEADING_MARK.match(self.texts[k]) for k in (i - 1, i + 1)
        ):
            shown = core = m.group("rest")
        elif m := _NUMBERED.match(text):
            core = m.group("rest")
        return (shown, 0) if _is_heading_like(core) else None


def _shape(texts: list[str]) -> _Shape:
    labelled, dialogue = _label_runs(texts)
    bulleted = _runs([bool(_BULLET.match(t)) for t in texts])
    speech = [t.startswith(_SPEECH_DASHES) and not bulleted[i] for i, t in enumerate(texts)]
    return _Shape(texts, labelled, dialogue, _runs([bool(_NUMBERED.match(t)) for t in texts]), speech)


def to_blocks(lines: list[Line], prefix: str = "p") -> tuple[Paragraph, ...]:
    """Lines of a body to headings, list items and paragraphs with anchors."""
    shape = _shape([l.text for l in lines])
    headings = [shape.heading(i) for i in range(len(lines))]
    hashes = sorted({h[1] for h in headings if h and h[1]})
    heading_gaps = sorted({lines[i].gap for i, h in enumerate(headings) if h and not h[1]})
    blocks: list[Paragraph] = []
    seen_headings: set[str] = set()
    list_no = 0
    previous_item: Paragraph | None = None
    for i, line in enumerate(lines):
        text = line.text
        anchor = f"{prefix}-{len(blocks) + 1}"
        item: Paragraph | None = None
        if line.plain:
            headings[i] = None
        if headings[i] is None:
            if shape.labelled[i]:
                item = Paragraph(anchor, "item", text, label=_label_of(text) or "")
            elif shape.numbered[i]:
                item = Paragraph(anchor, "item", _NUMBERED.match(text).group("rest"), ordered=True)
            elif not shape.speech[i] and (m := _BULLET.match(text)):
                item = Paragraph(anchor, "item", m.group("rest"))
        if item is not None:
            if previous_item is None or (bool(previous_item.label), previous_item.ordered) != (bool(item.label), item.ordered):
                list_no += 1
            previous_item = replace(item, list_no=list_no)
            blocks.append(previous_item)
            continue
        previous_item = None
        if (heading := headings[i]) is not None:
            shown, level_hashes = heading
            key = fold(shown)
            if key in seen_headings:  # a heading repeated verbatim is an image caption echo
                continue
            seen_headings.add(key)
            if level_hashes:
                minor = level_hashes > hashes[0]
            else:
                minor = len(heading_gaps) > 1 and line.gap < heading_gaps[-1]
            level = 3 if minor and any(b.kind == "heading" and b.level == 2 for b in blocks) else 2
            blocks.append(Paragraph(anchor, "heading", shown, level=level))
        else:
            blocks.append(Paragraph(anchor, "paragraph", text))
    return tuple(blocks)


def _is_comment_widget(text: str, furniture: PageFurniture) -> bool:
    """A reply button, a like count or a timestamp ("Mar 5", "2 hours ago") in a comment section."""
    if fold(text) in furniture.comment_drop_lines or any(p.match(text) for p in furniture.comment_drop_patterns):
        return True
    if _wider_than(text, BARE_DATE_MAX_WIDTH) or not any(c.isdigit() for c in text):
        return False
    months = month_lookup()
    words = [w.casefold() for w in re.sub(r"[\d\W_]+", " ", normalize(text)).split()]
    if any(w in months for w in words) and all(w in months or len(w) <= 3 for w in words):
        return True  # "Mar 5", "5 March 2025 at 10:12 am"
    return bool(_bare_date(text))


def comment_blocks(lines: list[Line], furniture: PageFurniture) -> tuple[Paragraph, ...]:
    """Reader comments `c-1`, `c-2`...; widgets and timestamps dropped, a name line above a comment is its label."""
    texts = [l.text for l in lines if not _is_comment_widget(l.text, furniture)]
    comments: list[Paragraph] = []
    author = ""
    for i, text in enumerate(texts):
        if not author and i + 1 < len(texts) and _is_name(text, furniture) and not _is_name(texts[i + 1], furniture):
            author = text
            continue
        comments.append(Paragraph(f"c-{len(comments) + 1}", "paragraph", text, label=author))
        author = ""
    return tuple(comments)


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


def page_lines(text: str, furniture: PageFurniture) -> list[Line]:
    """The lines of a page as the extractor reads them: furniture and meta lines stand alone."""
    return to_lines(
        text,
        lambda t: len(t) <= HEADING_MAX_WIDTH
        and (
            furniture.is_dropped(t)
            or fold(t) in furniture.related_headers
            or _read_meta(t, furniture) is not None
            or _comment_header(t, furniture, 1.0) is not None
        ),
    )


_FRONT_MATTER = LazyPattern(r"\A---[ \t]*\n((?:[^\n]*\n){1,40}?)---[ \t]*\n")


def _front_matter(text: str, body: list[Line]) -> list[Line]:
    """The leading lines of `body` that sit in a `---` fenced front-matter block.

    An exported page may open with such a block: it is shown as text (it is
    not trusted as metadata), but its first line is no title.
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        return []
    inside = [line.strip() for line in m.group(1).splitlines() if line.strip()]
    n = len(inside)
    return body[:n] if [line.text for line in body[:n]] == inside else []


def parse_article(doc: SourceDoc, furniture: PageFurniture, lang: str, lang_origin: str = "detected") -> Article:
    """Build an Article from a decoded file, its sidecar metadata and its language."""
    page = _split_page(page_lines(doc.text, furniture), furniture, slash_order(lang))
    front = _front_matter(doc.text, page.body)
    body_lines = page.body[len(front):]
    meta = doc.meta
    title, origin = None, "first-line"
    if body_lines and _is_title_like(body_lines[0].text):
        title = body_lines.pop(0).text
        if m := _MD_HEADING.match(title):
            title = m.group("rest")
    body_lines = front + body_lines
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
        date = metadata_date(meta["date"]) or date
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
        comments=comment_blocks(page.comments, furniture),
        references=tuple(page.references),
        lang_origin=lang_origin,  # type: ignore[arg-type]
        title_origin=origin,
        original_url=meta.get("url"),
        translation_of=meta.get("translation_of"),
        translation_group=meta.get("translation_group"),
        chars=sum(len(p.text) for p in body),
        dateline=page.dateline,
    )
