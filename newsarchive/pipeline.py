"""The whole build, top to bottom: read -> extract -> link -> render -> write.

Everything is gathered before anything is written. `write_tree` is the only
function that touches the output folder, and it only ever writes, rewrites
or deletes files listed in its own manifest.

`generate` runs the stages through a `Cache` (see cache.py): each article's
extraction, events, page and translation signature, and each pair's
comparison, are kept under a digest of their inputs, and the archive and the
whole site under a digest of all articles, so a rebuild redoes only what an edit reaches. Without a cache
folder the same functions compute everything; the output is the same.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from .cache import Cache, digest
from .entities import article_mentions, extract_entities
from .entity_discovery import new_sightings
from .export import render_data
from .langdata import PageFurniture
from .language import detect_language
from .model import Archive, Article, BuildWarning, Event, Mention, SourceDoc
from .read import MAX_BYTES, read_corpus
from .render import render_pages
from .structure import parse_article
from .timeline import all_mentions, event_key, extract_events
from .translations import (
    Comparison, Signature, compare, compare_candidate, entity_anchors, link_translations, signature,
)

MANIFEST = ".newsarchive-manifest.json"
# Cache namespaces of many small entries, kept one file each (see Cache):
# everything per article or per pair; the archive and the site stay alone.
PACKED = frozenset({
    "article", "sightings", "mentions", "signature", "candidate", "pair", "events", "article-page", "entity-page",
    "translation-page", "timeline-page",
})

Progress = Callable[[Iterable], Iterable]


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
    furniture: list[PageFurniture] = []  # loaded on the first miss only

    def extract(doc: SourceDoc) -> Article:
        furniture[:] = furniture or [PageFurniture.load()]
        return extract_article(doc, furniture[0])

    return _unique_ids([cache.memo("article", key, partial(extract, doc)) for key, doc in zip(keys, docs)])


def link(articles: list[Article], cache: Cache, keys: dict[str, str] | None = None) -> Archive:
    """The archive-wide steps: entities, translations, then dated events.

    `keys` name each article in the cache ({id: key}, see `article_keys`);
    without them every per-article step is recomputed.
    """
    keys = keys if keys is not None and cache.folder is not None else {}
    entities, candidates = extract_entities(articles, **entity_memos(keys, cache))
    archive = Archive(articles=tuple(articles), entities=entities, entity_candidates=candidates)
    archive = link_translations(archive, **translation_memos(archive.articles, entity_anchors(entities), keys, cache))
    return replace(archive, events=dated_events(archive.articles, all_mentions(archive.entities), keys, cache))


def article_keys(doc_keys: Iterable[str], articles: Iterable[Article]) -> dict[str, str]:
    """{article id: key}: an article follows from its document and its id
    (ids of colliding slugs depend on the other paths)."""
    return {a.id: digest(key, a.id) for key, a in zip(doc_keys, articles)}


def entity_memos(keys: dict[str, str], cache: Cache) -> dict:
    """The two per-article entity steps kept in the cache: an article's name
    sightings depend on it alone, its mentions on it and the matcher's
    aliases, so after an edit that brings no new entity only the edited
    article is scanned again."""
    if not keys:
        return {}

    def sightings_of(article: Article, rules, known: set[str]):
        return cache.memo("sightings", keys[article.id], partial(new_sightings, article, rules, known))

    def mentions_of(article: Article, matcher):
        return cache.memo("mentions", digest(keys[article.id], matcher.fingerprint), partial(article_mentions, article, matcher))

    return {"sightings_of": sightings_of, "mentions_of": mentions_of}


def translation_memos(articles: Iterable[Article], anchors: dict, keys: dict[str, str], cache: Cache) -> dict:
    """Signatures and pair comparisons kept in the cache: each depends only on
    its article(s) and their entity anchors, so an edit re-compares only the
    pairs that hold the edited article."""
    if not keys:
        return {}
    sig_keys = {a.id: digest(keys[a.id], anchors.get(a.id)) for a in articles}

    def signature_of(article: Article, entities) -> Signature:
        return cache.memo("signature", sig_keys[article.id], partial(signature, article, entities))

    def compare_pair(a: Signature, b: Signature) -> Comparison:
        return cache.memo("pair", digest(sig_keys[a.id], sig_keys[b.id]), partial(compare, a, b))

    def candidate(a: Signature, b: Signature) -> Comparison | None:
        return cache.memo("candidate", digest(sig_keys[a.id], sig_keys[b.id]), partial(compare_candidate, a, b))

    return {"signature_of": signature_of, "compare_pair": compare_pair, "candidate": candidate}


def dated_events(
    articles: Iterable[Article], mentions: Iterable[Mention], keys: dict[str, str], cache: Cache
) -> tuple[Event, ...]:
    """`extract_events`, kept per article in the cache: an article's events
    depend only on its own text and its own entity mentions."""
    by_id = {a.id: a for a in articles}
    own: dict[str, list[Mention]] = {a: [] for a in by_id}
    for m in mentions:
        own[m.article].append(m)

    def compute(ids: list[str]) -> dict[str, tuple[Event, ...]]:
        found: dict[str, list[Event]] = {i: [] for i in ids}
        for event in extract_events([by_id[i] for i in ids], [m for i in ids for m in own[i]]):
            found[event.article].append(event)
        return {i: tuple(events) for i, events in found.items()}

    event_keys = {i: digest(keys.get(i) or a, own[i]) if cache.folder else "" for i, a in by_id.items()}
    per_article = cache.memo_many("events", event_keys, compute)
    return tuple(sorted({e for events in per_article.values() for e in events}, key=event_key))


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


def render(archive: Archive, cache: Cache | None = None) -> dict[str, str]:
    """Every generated file: {path relative to the docs folder: text}.

    The objects alive before it (the archive, the cache's memory) are kept
    out of the cyclic garbage collector's scans meanwhile (`gc.freeze`): in a
    process that has built before they are millions, and rescanning them at
    each full collection cost more than rendering an edit.
    """
    cache = cache or Cache(None)
    gc.freeze()
    try:
        return render_pages(archive, cache) | render_data(archive, cache)
    finally:
        gc.unfreeze()


def default_cache_folder(out: Path) -> Path:
    """`.cache/newsarchive/` beside the docs folder (inside it, `mkdocs serve`
    would rebuild on every cache write)."""
    return out.resolve().parent / ".cache" / "newsarchive"


def generate(
    seeds: Path, out: Path, *, cache_folder: Path | None, max_bytes: int = MAX_BYTES, progress: Progress | None = None
) -> tuple[Archive, WriteReport]:
    """The whole build into `out`; `cache_folder` None builds from scratch."""
    cache = Cache(cache_folder, packed=PACKED)
    archive, key = build_keyed(seeds, max_bytes=max_bytes, progress=progress, cache=cache)
    report = write_tree(out, cache.memo("site", key, partial(render, archive, cache)))
    cache.finish(prune="site" in cache.computed)
    return archive, report


# -- writing -------------------------------------------------------------------


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    refused: list[BuildWarning] = field(default_factory=list)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


_CHECKED: dict[Path, tuple[int, int, str]] = {}  # file -> (size, mtime_ns, digest) as this process last saw it


def _unchanged(target: Path, digest: str) -> bool:
    """Whether `target` holds `digest`'s bytes: known without reading when this
    process wrote or read it and its size and mtime have not moved since
    (under `mkdocs serve` that spares reading every page at every rebuild)."""
    st = target.stat()
    if _CHECKED.get(target) == (st.st_size, st.st_mtime_ns, digest):
        return True
    if _digest(target.read_bytes()) == digest:
        _remember(target, digest)
        return True
    return False


def _remember(target: Path, digest: str) -> None:
    st = target.stat()
    _CHECKED[target] = (st.st_size, st.st_mtime_ns, digest)


def write_tree(out: Path, files: dict[str, str]) -> WriteReport:
    """Make `out` hold `files`, touching only what this generator owns.

    A file is rewritten only when its bytes change (so `mkdocs serve` does not
    loop and timestamps stay put). Files from an earlier build that are no
    longer produced are removed if they still hold what was written. A path
    that exists but was not written by the generator is never overwritten:
    it is reported instead.
    """
    report = WriteReport()
    owned = _load_manifest(out)
    manifest: dict[str, str] = {}
    root = out.resolve()
    inside = _inside(root)
    for rel, text in sorted(files.items()):
        target = out / rel
        if not inside(target):
            report.refused.append(BuildWarning(rel, "path leaves the output folder; not written"))
            continue
        data = text.encode("utf-8")
        digest = _digest(data)
        if target.is_file():
            if _unchanged(target, digest):
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
        _remember(target, digest)
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
    return report


def _inside(root: Path) -> Callable[[Path], bool]:
    """A test that a path, symlinks followed, lies below `root`; each folder is
    resolved once, not once per file (thousands of files share a few folders)."""
    folders: dict[Path, Path] = {}

    def inside(target: Path) -> bool:
        if target.parent not in folders:
            folders[target.parent] = target.parent.resolve()
        real = target.resolve() if target.is_symlink() else folders[target.parent] / target.name
        return root in real.parents

    return inside


def remove_empty_parents(folder: Path, root: Path) -> None:
    """Remove `folder` and its parents while empty, up to `root` (resolved), never above."""
    while folder.resolve() != root and root in folder.resolve().parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
