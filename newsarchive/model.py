"""The data model shared by every stage: plain, frozen dataclasses.

Stages pass these along and never mutate them; each stage returns new objects
(`dataclasses.replace`) so that a stage can be tested on hand-made input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item"]
EntityKind = Literal["person", "organization", "product", "place", "event", "other"]
Precision = Literal["year", "month", "day"]


@dataclass(frozen=True)
class Paragraph:
    """One block of an article body: a heading, a paragraph or a list item.

    `anchor` is the block's stable HTML id on the article page (`p-3`), so
    mentions, events and translations can link to one paragraph. `text` is
    the whole block as read; for a "Label: text" item, `label` is the leading
    label (a prefix of `text`), shown in bold. Consecutive items with the same
    `list_no` form one list.
    """

    anchor: str
    kind: BlockKind
    text: str
    label: str = ""
    level: int = 2
    list_no: int = 0
    ordered: bool = False


@dataclass(frozen=True)
class SourceDoc:
    """A file that was read and decoded: the input of the extract stage."""

    path: str  # relative to the seeds folder, POSIX separators
    text: str
    meta: dict = field(default_factory=dict)  # sidecar metadata, validated


@dataclass(frozen=True)
class Article:
    """One input article with its structure and metadata."""

    id: str
    source: str
    lang: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    date: str | None = None
    author: str | None = None
    url: str = ""
    comments: tuple[Paragraph, ...] = ()
    references: tuple[str, ...] = ()  # "from ..."/"Source: ..." lines
    lang_origin: Literal["detected", "metadata"] = "detected"
    title_origin: str = "first-line"
    original_url: str | None = None
    translation_of: str | None = None  # sidecar: id or file name of the original
    translation_group: str | None = None  # sidecar: a shared key across translations
    chars: int = 0
    dateline: str = ""  # the wire dateline that opens the first paragraph: not body text

    @property
    def page_path(self) -> str:
        """Markdown path of the article page, relative to the docs folder."""
        return f"articles/{self.id}.md"


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity: where it is and the exact text matched."""

    entity: str  # entity id
    article: str  # article id
    anchor: str  # paragraph anchor
    start: int  # offsets into Paragraph.text
    end: int
    surface: str


@dataclass(frozen=True)
class Entity:
    """One person, organization, product or place, across all scripts."""

    id: str
    kind: EntityKind
    names: dict[str, tuple[str, ...]]  # lang -> names, display name first
    mentions: tuple[Mention, ...] = ()
    origin: Literal["curated", "discovered"] = "curated"

    @property
    def display_name(self) -> str:
        for names in self.names.values():
            if names:
                return names[0]
        return self.id

    @property
    def url(self) -> str:
        return f"entities/{self.id}/"


@dataclass(frozen=True)
class EntityCandidate:
    """A name found by automatic discovery, with the evidence for or against it.

    Listed in data/entity_candidates.json so that users can promote or
    reject candidates in `data/entity_review.yaml`.
    """

    name: str  # most frequent surface
    kind: EntityKind
    pattern: str  # the discovery pattern that found it first
    occurrences: int
    articles: tuple[str, ...]
    accepted: bool
    reason: str  # why it was accepted or not
    entity: str | None = None  # entity id when accepted


@dataclass(frozen=True)
class Event:
    """A dated statement: a date expression and the sentence around it."""

    date: str  # ISO 8601 at the text's precision: YYYY, YYYY-MM or YYYY-MM-DD
    precision: Precision
    surface: str
    text: str  # the sentence carrying the date
    article: str
    anchor: str
    inferred: bool = False
    entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class TranslationLink:
    """Two articles found (or declared) to be one text in two languages."""

    a: str
    b: str
    score: float
    evidence: dict = field(default_factory=dict)
    origin: Literal["detected", "metadata"] = "detected"
    # the detector's block alignment, reused by the side-by-side page:
    # (paragraph indices of a, paragraph indices of b) per row
    alignment: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()


@dataclass(frozen=True)
class BuildWarning:
    """A problem with one input file; the build goes on without it."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Archive:
    """Everything the build found: the input of the render stage."""

    articles: tuple[Article, ...]
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    translations: tuple[TranslationLink, ...] = ()
    warnings: tuple[BuildWarning, ...] = ()
    entity_candidates: tuple[EntityCandidate, ...] = ()
    # article id -> a digest of the article and of its own mentions, which
    # everything made of one article follows from (its page, events, records):
    # the render stage names a page by the keys of the articles it shows
    # instead of hashing all it shows. Empty when built without a cache.
    analysis_keys: dict[str, str] = field(default_factory=dict)

    def translations_of(self, article_id: str) -> list[str]:
        """Ids of the articles linked to `article_id` as translations, sorted."""
        return self.translation_partners().get(article_id, [])

    def translation_partners(self) -> dict[str, list[str]]:
        """{article id: `translations_of(id)`} for every linked article, in one pass."""
        out: dict[str, set[str]] = {}
        for t in self.translations:
            out.setdefault(t.a, set()).add(t.b)
            out.setdefault(t.b, set()).add(t.a)
        return {a: sorted(ids) for a, ids in out.items()}
