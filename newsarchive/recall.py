"""A memo for the render stage: each result of the previous build, by name,
reused while its inputs compare equal.

Why not `Cache.memo`: a cache key is a digest, and pickling and hashing every
page's inputs at every rebuild cost more than rendering the edit. Here the
inputs are compared with `==`. A rebuild in the same process (the MkDocs hook
under `mkdocs serve`) gets the unchanged articles, mentions and events as the
very objects of the previous build (the cache's memory hands them out), so
the comparison is mostly an identity check per element; a new process
compares them with those the last process kept in the cache folder.

Inputs must hold everything the result shows, as values whose `==` sees every
difference of the output: a dict whose order is shown goes in as its items
(dicts in other orders compare equal). An article goes in as its analysis key
(`Archive.analysis_keys`): its text, its mentions and what follows from them.
What the code makes of the inputs is the cache's `code_version()`: when it
changes (a template edited while `mkdocs serve` runs) everything is computed
again. Without a cache folder nothing is kept, so a cache-less build computes
everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from . import parallel
from .cache import Cache

T = TypeVar("T")


def file_digest(text: str) -> str:
    """The digest of a generated file's bytes, as the output manifest names it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, eq=False)
class Unrendered:
    """A generated file that an earlier build wrote and the cache knows by its
    digest only: the output folder holds the text (see `write_tree`), and
    `render` makes it again should the file be gone or changed."""

    digest: str
    render: Callable[[], str]


Generated = str | Unrendered  # a generated file, as the render stage hands it to `write_tree`


class Recall:
    """The results of one namespace (e.g. "entity-page") for one build.

    Only the entries this build asked for are kept for the next one, so the
    memory holds one archive's worth. What `cached_many` made is also kept in
    the cache folder (`Cache.keep_latest`), for the next process: there its
    inputs are compared as values (they are small: analysis keys, names,
    counts), which costs far less than the digests and cache lookups a page
    named by a digest of its inputs would need, one per page, at every build.
    """

    _of: ClassVar[tuple[Path | None, str]] = (None, "")  # the cache folder and code version the stores belong to
    # namespace -> {name: (inputs, what is kept across processes, value)}
    _stores: ClassVar[dict[str, dict[Hashable, tuple[Any, Any, Any]]]] = {}
    computed: ClassVar[dict[str, int]] = {}  # namespace -> misses in its last build (for tests and benchmarks)

    def __init__(self, cache: Cache, namespace: str):
        self.cache = cache
        self.namespace = namespace
        self.enabled = cache.folder is not None
        if self.enabled and (cache.folder, cache.version) != Recall._of:
            # another archive, or a template or data file edited under `mkdocs serve`: nothing applies
            Recall._of, Recall._stores = (cache.folder, cache.version), {}
        self.previous: dict[Hashable, tuple] = {}
        if self.enabled:
            self.previous = Recall._stores.get(namespace) or cache.latest(_persisted(namespace)) or {}
        self.current: dict[Hashable, tuple[Any, Any, Any]] = {}
        if self.enabled:
            Recall._stores[namespace] = self.current
        Recall.computed[namespace] = 0

    def _kept(self, name: Hashable, inputs: Any) -> tuple | None:
        """The previous build's entry for `name` if its inputs were equal."""
        kept = self.previous.get(name)
        return kept if kept is not None and kept[0] == inputs else None

    def __call__(self, name: Hashable, inputs: Any, compute: Callable[[], T]) -> T:
        """`compute()`, or the previous build's value for `name` if its inputs were equal."""
        kept = self._kept(name, inputs)
        value = kept[-1] if kept is not None else compute()
        if kept is None:
            Recall.computed[self.namespace] += 1
        if self.enabled:
            self.current[name] = (inputs, value, value)
        return value

    def cached_many(self, items: Iterable[tuple[Hashable, Any, Callable[[], Any]]], files: bool = False) -> list:
        """`self(...)` for many names at once, in the order of `items`, the
        previous build's kept for the next process too (see the class).

        What must be computed is computed in forked workers
        (`parallel.ordered_map`), so a cold build renders on every core; the
        computations must be pure, and `inputs` picklable.

        With `files`, each value is a whole generated file: what the next
        process gets is its digest only (the output folder is the copy), and
        such a value comes back `Unrendered`."""
        items = list(items)
        kept = [self._kept(name, inputs) for name, inputs, _ in items]
        missing = [compute for (_, _, compute), k in zip(items, kept) if k is None]
        made = iter(parallel.ordered_map(lambda i: missing[i](), range(len(missing))))  # the workers inherit `missing`
        Recall.computed[self.namespace] += len(missing)
        values = []
        for (name, inputs, compute), entry in zip(items, kept):
            if entry is None:
                value = next(made)
                entry = (inputs, file_digest(value) if files else value, value)
            elif len(entry) == 2:  # from the cache folder
                entry = (*entry, Unrendered(entry[1], compute) if files else entry[1])
            if self.enabled:
                self.current[name] = entry
            values.append(entry[2])
        if self.enabled:
            self.cache.keep_latest(_persisted(self.namespace), {name: entry[:2] for name, entry in self.current.items()})
        return values


def _persisted(namespace: str) -> str:
    """The `Cache.keep_latest` name of a namespace's entries."""
    return f"recall-{namespace}"
