"""The whole build, top to bottom: read -> extract -> link -> render -> write.

Everything is gathered before anything is written. `write_tree` is the only
function that touches the output folder, and it only ever writes, rewrites
or deletes files listed in its own manifest.

`generate` runs the stages through a `Cache` (see cache.py): each article's
extraction, events and translation signature, and each pair's comparison,
are kept under a digest of their inputs, and the archive and the digests of
the site's files under a digest of all articles; the render stage keeps each
page and record with the inputs it was made of (recall.py). So a rebuild
redoes only what an edit reaches, and a build that changes nothing renders
nothing. Without a cache folder the same functions compute everything; the
output is the same.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from stat import S_ISREG
from typing import Any, TypeVar

from . import parallel
from .cache import MISSING, Cache, Sealed, digest, gc_paused
from .dates import calendar_names, use_calendar_names
from .entities import AliasMatcher, all_mentions, extract_entities
from .entity_discovery import all_new_sightings
from .export import render_data
from .langdata import PageFurniture
from .language import detect_language
from .language import loaded as loaded_language_model
from .model import Archive, Article, BuildWarning, Event, Mention, SourceDoc
from .read import LAST_READ, MAX_BYTES, read_corpus
from .recall import Generated, Unrendered, file_digest
from .render import render_pages
from .structure import parse_article
from .timeline import event_key, extract_events
from .translations import (
    CandidateIndex, Comparison, Pairs, Signature, article_anchors, compare, compare_all, compare_candidate,
    find_translations, signatures,
)

MANIFEST = ".newsarchive-manifest.json"
# Cache namespaces of many small entries, kept in shard files (see Cache):
# everything per article or per pair; the archive and the site stay alone.
# (The render stage keeps its pages and records itself: see recall.py.)
PACKED = frozenset({"article", "sightings", "mentions", "signature", "candidate", "pair", "events"})
# ... and those kept in memory only, for the rebuilds of one process: the
# matcher (its automaton is stored alone: the matcher also holds the last
# recognized entities) and the candidate index an edit updates (its latest
# version is kept for the next process instead: see `Cache.memo_from_last`).
# The entity tables are stored: loading them from the data files (CLDR place
# names, YAML) takes ten times longer.
TRANSIENT = frozenset({"matcher", "candidate-index"})
# `Cache.keep_latest` names of what `write_tree` knows of the files it wrote,
# and of what `read_corpus` last read
WRITTEN = "written-files"
READ = "read-files"

Progress = Callable[[Iterable], Iterable]
T = TypeVar("T")
I = TypeVar("I")  # noqa: E741


def extract_article(doc: SourceDoc, furniture: PageFurniture) -> Article:
    """One decoded file to an Article; sidecar `lang` overrides detection."""
    if "lang" in doc.meta:
        return parse_article(doc, furniture, doc.meta["lang"], "metadata")
    return parse_article(doc, furniture, detect_language(doc.text))


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Give articles whose slugs collide (`a b.txt`, `a-b.txt`) distinct ids."""
    seen: dict[str, int] = {}
    out = []
    for a in articles:
        n = seen.get(a.id, 0)
        seen[a.id] = n + 1
        if n:
            new_id = f"{a.id}-{n + 1}"
            a = replace(a, id=new_id, url=f"articles/{new_id}/")
        out.append(a)
    return out


def doc_key(doc: SourceDoc) -> str:
    """What an article's extraction depends on besides the code: path, text, sidecar."""
    return digest(doc.path, doc.text, sorted(doc.meta.items()))


def extract_all(docs: Iterable[SourceDoc], keys: Iterable[str], cache: Cache) -> list[Article]:
    """Every document extracted (from the cache when seen before), ids made unique."""
    by_path = {doc.path: doc for doc in docs}
    use_calendar_names(cache.memo("calendar-names", "", calendar_names))
    found = cache.memo_many("article", dict(zip(by_path, keys)), partial(_extract_many, by_path))
    return _unique_ids([found[path] for path in by_path])


def _extract_many(docs: dict[str, SourceDoc], paths: list[str]) -> dict[str, Article]:
    """The documents at `paths` extracted; many of them in worker processes,
    which share the language model when this process loads it first."""
    if len(paths) >= parallel.MIN_ITEMS:
        loaded_language_model()  # also waits for a preload thread: the process must run one thread to fork
    articles = parallel.ordered_map(partial(extract_article, furniture=PageFurniture.load()), [docs[p] for p in paths])
    return dict(zip(paths, articles))


def link(articles: list[Article], cache: Cache, keys: dict[str, str] | None = None) -> Archive:
    """The archive-wide steps: entities, translations, then dated events.

    `keys` name each article in the cache ({id: key}, see `article_keys`);
    without them every per-article step is recomputed.
    """
    steps = LinkSteps(cache, keys if keys is not None and cache.folder is not None else {})
    entities, candidates = extract_entities(
        articles, sightings_for=steps.sightings_for, mentions_of=steps.mentions_of, keep=steps.keep
    )
    translations = find_translations(
        articles, signatures_of=steps.signatures_of, pairs_of=steps.pairs_of,
        compare_pairs=steps.compare_pairs, candidates=steps.candidates,
    )
    return Archive(articles=tuple(articles), entities=entities, entity_candidates=candidates,
                   translations=translations, events=steps.events(articles), analysis_keys=steps.analysis_keys)


def _id(article: Article) -> str:
    return article.id


def article_keys(doc_keys: Iterable[str], articles: Iterable[Article]) -> dict[str, str]:
    """{article id: key}: an article follows from its document and its id
    (ids of colliding slugs depend on the other paths)."""
    return {a.id: digest(key, a.id) for key, a in zip(doc_keys, articles)}


class LinkSteps:
    """The per-article and per-pair steps of `link`, kept in the cache.

    An article's sightings depend on it alone; its mentions on it and the
    matcher's aliases. Everything after recognition depends on an article
    only through its text and its own mentions, so the article's key and the
    digest of its mentions name its signature, its events and, for the render
    stage, whatever is made of it (`Archive.analysis_keys`); a pair is named
    by the keys of its two articles. After an edit only the edited article is
    scanned, signed and dated again, and only its pairs compared; after an
    edit that brings a new entity every article is scanned again, but only
    those whose mentions changed are signed, dated and rendered again.
    Each article's mentions are noted as they go by, so its entity anchors
    and events come from its own mentions, not from a pass over all entities.
    Without keys (or a cache folder) every step is computed, the same way.
    """

    def __init__(self, cache: Cache, keys: dict[str, str]):
        self.cache, self.keys = cache, keys
        self.mentions: dict[str, list[Mention]] = {}  # article id -> its mentions, in reading order
        self.analysis_keys: dict[str, str] = {}  # article id -> key of the article and its mentions

    def keep(self, namespace: str, key: str, compute: Callable[[], T]) -> T:
        """Archive-wide values that only the data files and discovered names decide."""
        return self.cache.memo(namespace, key, compute)

    def _batched(self, namespace: str, items: Sequence[I], name: Callable[[I], Hashable],
                 key: Callable[[Any], str] | None, compute: Callable[[list[I]], list[T]]) -> list[T]:
        """`compute(items)`, each result kept under the `key` of its item's
        `name`; the missing items are computed in one call, so that a cold
        build hands them to worker processes together. `key` None: no cache keys."""
        if key is None:
            return compute(list(items))
        by_name = {name(item): item for item in items}

        def missing(names: list) -> dict:
            return dict(zip(names, compute([by_name[n] for n in names])))

        found = self.cache.memo_many(namespace, {n: key(n) for n in by_name}, missing)
        return [found[name(item)] for item in items]

    def sightings_for(self, articles: list[Article], rules, known) -> tuple[Iterable[list], str]:
        """See `keyed_new_sightings`: batched for the workers, each article's
        kept with its digest, so that only new ones are digested, and sealed:
        they are unpickled only if discovery runs again (an edit that names
        no new name does not need them)."""
        def scan(batch: list[Article]) -> list[tuple[Sealed, str]]:
            sealed = [Sealed(found) for found in all_new_sightings(batch, rules, known)]
            return [(found, found.digest()) for found in sealed]

        found = self._batched("sightings", articles, _id, self.keys.__getitem__ if self.keys else None, scan)
        return map(Sealed.open, [sightings for sightings, _ in found]), digest([key for _, key in found])

    def mentions_of(self, articles: list[Article], matcher: AliasMatcher) -> list[list[tuple[Mention, int]]]:
        """See `all_mentions`: batched for the workers, each article's kept
        under its key and the automaton's fingerprint, with their digest."""
        keys = {a.id: digest(self.keys[a.id], matcher.fingerprint) for a in articles} if self.keys else {}

        def scan(batch: list[Article]) -> list[tuple[list[tuple[Mention, int]], str]]:
            found = all_mentions(batch, matcher)
            return [(mentions, digest(mentions) if keys else "") for mentions in found]

        found = self._batched("mentions", articles, _id, keys.__getitem__ if keys else None, scan)
        for article, (mentions, mentions_digest) in zip(articles, found):
            self.mentions[article.id] = [m for m, _ in mentions]
            if keys:
                self.analysis_keys[article.id] = digest(self.keys[article.id], mentions_digest)
        return [mentions for mentions, _ in found]

    def signatures_of(self, articles: Sequence[Article]) -> list[Signature]:
        """See `signatures`: batched for the workers; the entity anchors are
        gathered for the articles to sign only."""
        def sign(batch: list[Article]) -> list[Signature]:
            return signatures(batch, {a.id: article_anchors(self.mentions[a.id]) for a in batch})

        key = self.analysis_keys.__getitem__ if self.analysis_keys else None
        return self._batched("signature", articles, _id, key, sign)

    def _compare_all(self, namespace: str, compare_one: Callable[[Signature, Signature], T], pairs: Pairs) -> list[T]:
        """`compare_one` of each pair, kept under the keys of its two signatures
        (see `compare_all`)."""
        keys = self.analysis_keys

        def key(ids: tuple[str, str]) -> str:
            return keys[ids[0]] + keys[ids[1]]

        return self._batched(namespace, pairs, lambda pair: (pair[0].id, pair[1].id), key if keys else None,
                             lambda batch: compare_all(batch, compare_one))

    def compare_pairs(self, pairs: Pairs) -> list[Comparison]:
        return self._compare_all("pair", compare, pairs)

    def candidates(self, pairs: Pairs) -> list[Comparison | None]:
        return self._compare_all("candidate", compare_candidate, pairs)

    def pairs_of(self, signatures: list[Signature]) -> tuple[tuple[int, int], ...]:
        """The candidate pairs, from the index of the last build updated with
        the articles whose signature changed."""
        if not self.analysis_keys:
            return CandidateIndex.of(signatures).pairs
        key = digest([self.analysis_keys[s.id] for s in signatures])
        return self.cache.memo_from_last("candidate-index", key, partial(CandidateIndex.of, signatures)).pairs

    def events(self, articles: Iterable[Article]) -> tuple[Event, ...]:
        """`extract_events`, kept per article: an article's events depend only
        on its own text and its own entity mentions."""
        articles = list(articles)
        # as the entities list them: by entity, then in reading order
        own = {a.id: sorted(self.mentions.get(a.id, ()), key=lambda m: m.entity) for a in articles}

        def compute(batch: list[Article]) -> list[tuple[Event, ...]]:
            found: dict[str, list[Event]] = {a.id: [] for a in batch}
            for event in extract_events(batch, [m for a in batch for m in own[a.id]]):
                found[event.article].append(event)
            return [tuple(found[a.id]) for a in batch]

        event_key_of = (lambda i: self.analysis_keys.get(i, "")) if self.analysis_keys else None
        per_article = self._batched("events", articles, _id, event_key_of, compute)
        return tuple(sorted({e for events in per_article for e in events}, key=event_key))


def build(
    seeds: Path, *, max_bytes: int = MAX_BYTES, progress: Progress | None = None, cache: Cache | None = None
) -> Archive:
    """Read and analyse every article below `seeds`."""
    return build_keyed(seeds, max_bytes=max_bytes, progress=progress, cache=cache or Cache(None))[0]


def build_keyed(seeds: Path, *, max_bytes: int, progress: Progress | None, cache: Cache) -> tuple[Archive, str]:
    """`build`, with the key that names its result in the cache."""
    read = read_corpus(seeds, max_bytes=max_bytes, progress=progress)
    keys = [doc_key(doc) for doc in read.docs]
    key = digest(keys)  # ids, too, follow from the paths in the keys

    def analyse() -> Archive:
        articles = extract_all(read.docs, keys, cache)
        return link(articles, cache, article_keys(keys, articles))

    return replace(cache.memo("archive", key, analyse), warnings=read.warnings), key


def render(archive: Archive, cache: Cache | None = None) -> dict[str, Generated]:
    """Every generated file: {path relative to the docs folder: its text, or
    `Unrendered` for a page that an earlier build wrote and whose inputs did
    not change (the cache keeps the digest of a page, not the page)}."""
    cache = cache or Cache(None)
    return render_pages(archive, cache) | render_data(archive, cache)


def default_cache_folder(out: Path) -> Path:
    """`.cache/newsarchive/` beside the docs folder (inside it, `mkdocs serve`
    would rebuild on every cache write)."""
    return out.resolve().parent / ".cache" / "newsarchive"


def generate(
    seeds: Path, out: Path, *, cache_folder: Path | None, max_bytes: int = MAX_BYTES, progress: Progress | None = None
) -> tuple[Archive, WriteReport]:
    """The whole build into `out`; `cache_folder` None builds from scratch."""
    with gc_paused():
        cache = Cache(cache_folder, packed=PACKED, transient=TRANSIENT)
        cache.carry(READ, LAST_READ)
        archive, key = build_keyed(seeds, max_bytes=max_bytes, progress=progress, cache=cache)
        checked = cache.latest(WRITTEN) or {}
        site = cache.find("site", key)  # {path: digest} of the files this archive renders to
        report = unchanged_tree(out, site, checked) if site is not MISSING else None
        if report is None:
            report = write_tree(out, render(archive, cache), checked)
            if not report.refused:  # a refused file is reported again next time
                cache.store("site", key, report.manifest)
        cache.keep_latest(WRITTEN, checked)
        # only a build that did every step touched every entry the next one needs
        cache.finish(prune={"archive", "site"} <= cache.computed)
    return archive, report


# -- writing -------------------------------------------------------------------


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    refused: list[BuildWarning] = field(default_factory=list)
    manifest: dict[str, str] = field(default_factory=dict)  # every file the generator now owns -> digest of its bytes

    @property
    def owned(self) -> frozenset[str]:
        return frozenset(self.manifest)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# (size, mtime_ns, inode, digest) of a file (by its absolute path, as a
# string: thousands of Path objects per rebuild cost more than the check) as
# `write_tree` last wrote or read it, in this process or, kept in the cache
# folder, an earlier one
Checked = dict[str, tuple[int, int, int, str]]
# file -> the text object this process last wrote to it or found in it
_TEXTS: dict[str, str] = {}


def _known(path: str, text: str, checked: Checked) -> str | None:
    """The digest of the file at `path` if it is known to hold `text` without
    reading it: it was last written or read with these bytes, and its size,
    mtime and inode have not moved since. For the very text object this
    process last wrote there (the render stage hands back the same object for
    a page that did not change), not even the text is encoded and hashed."""
    record = checked.get(path)
    if record is None or not _untouched(path, record):
        return None
    if _TEXTS.get(path) is text:
        return record[3]
    if file_digest(text) != record[3]:
        return None
    _TEXTS[path] = text
    return record[3]


def _untouched(path: str, record: tuple[int, int, int, str]) -> bool:
    """Whether the file at `path` is still as `record` noted it: size, mtime, inode."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return S_ISREG(st.st_mode) and record[:3] == (st.st_size, st.st_mtime_ns, st.st_ino)


def _holds(target: Path, path: str, digest: str, text: str, checked: Checked) -> bool:
    """Whether `target` holds `digest`'s bytes, read to tell (noted if so)."""
    if _digest(target.read_bytes()) != digest:
        return False
    _remember(target, path, digest, text, checked)
    return True


def _remember(target: Path, path: str, digest: str, text: str, checked: Checked) -> None:
    st = target.stat()
    checked[path] = (st.st_size, st.st_mtime_ns, st.st_ino, digest)
    _TEXTS[path] = text


def write_tree(out: Path, files: dict[str, Generated], checked: Checked | None = None) -> WriteReport:
    """Make `out` hold `files`, touching only what this generator owns.

    A file is rewritten only when its bytes change (so `mkdocs serve` does not
    loop and timestamps stay put). Files from an earlier build that are no
    longer produced are removed if they still hold what was written. A path
    that exists but was not written by the generator is never overwritten:
    it is reported instead. `checked` is updated with the files written or
    read (pass the same dict to the next call to spare reading them again).
    """
    checked = {} if checked is None else checked
    report = WriteReport()
    owned = _load_manifest(out)
    manifest: dict[str, str] = {}
    root = out.resolve()
    inside = _inside(root)
    prefix = str(root / "_")[:-1]  # prefix + rel == str(root / rel)
    for rel, text in sorted(files.items()):
        path = prefix + rel
        if isinstance(text, Unrendered):
            record = checked.get(path)
            if record is not None and record[3] == text.digest and _untouched(path, record):
                manifest[rel] = text.digest
                report.unchanged += 1
                continue
            text = text.render()  # the file is gone or changed: it is made again
        known = _known(path, text, checked)
        if known is not None:
            manifest[rel] = known
            report.unchanged += 1
            continue
        target = out / rel
        if not inside(target):
            report.refused.append(BuildWarning(rel, "path leaves the output folder; not written"))
            continue
        data = text.encode("utf-8")
        digest = _digest(data)
        if target.is_file():
            if _holds(target, path, digest, text, checked):
                manifest[rel] = digest
                report.unchanged += 1
                continue
            if rel not in owned:
                report.refused.append(BuildWarning(str(target), "exists and was not written by the generator; left alone"))
                continue
        elif target.exists():
            report.refused.append(BuildWarning(str(target), "is not a regular file; left alone"))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        _remember(target, path, digest, text, checked)
        manifest[rel] = digest
        report.written.append(rel)
    for rel, digest in sorted(owned.items()):
        if rel in manifest:
            continue
        target = out / rel
        if target.is_file() and _digest(target.read_bytes()) == digest:
            target.unlink()
            report.removed.append(rel)
            remove_empty_parents(target.parent, root)
    manifest_text = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
    manifest_path = out / MANIFEST
    if not manifest_path.is_file() or manifest_path.read_text(encoding="utf-8") != manifest_text:
        out.mkdir(parents=True, exist_ok=True)
        manifest_path.write_text(manifest_text, encoding="utf-8")
    report.manifest = manifest
    return report


def unchanged_tree(out: Path, manifest: dict[str, str], checked: Checked) -> WriteReport | None:
    """The report of `write_tree` for files of these digests, when `out`
    already holds them all as written (by size, mtime and inode: see `_known`)
    and nothing else of ours; None when any file must be looked at, so a build
    whose site is unchanged need not render it to know."""
    if _load_manifest(out) != manifest:
        return None
    prefix = str(out.resolve() / "_")[:-1]
    for rel, expected in manifest.items():
        record = checked.get(prefix + rel)
        if record is None or record[3] != expected or not _untouched(prefix + rel, record):
            return None
    return WriteReport(unchanged=len(manifest), manifest=manifest)


def _inside(root: Path) -> Callable[[Path], bool]:
    """A test that a path, symlinks followed, lies below `root`; each folder is
    resolved and judged once, not once per file (thousands of files share a few folders)."""
    folders: dict[Path, bool] = {}

    def below(real: Path) -> bool:
        return root in real.parents

    def inside(target: Path) -> bool:
        if target.is_symlink():
            return below(target.resolve())
        if target.parent not in folders:
            real = target.parent.resolve()
            folders[target.parent] = real == root or below(real)
        return folders[target.parent]

    return inside


def remove_empty_parents(folder: Path, root: Path) -> None:
    """Remove `folder` and its parents while empty, up to `root` (resolved), never above."""
    while folder.resolve() != root and root in folder.resolve().parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
