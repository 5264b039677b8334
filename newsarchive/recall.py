"""An in-process memo for the render stage: each result of the previous build,
by name, reused while its inputs compare equal.

Why beside `Cache.memo`: a cache key is a digest, and pickling every page's
inputs at every rebuild costs more than rendering the edit. Here the inputs
are compared with `==`. A rebuild in the same process (the MkDocs hook under
`mkdocs serve`) gets the unchanged articles, mentions and events as the very
objects of the previous build (the cache's memory hands them out), so the
comparison is an identity check per element. A miss calls `compute`, which
may still use the persistent cache (a new process starts with no memory).

Inputs must hold everything the result shows, as values whose `==` sees every
difference of the output: a dict whose order is shown goes in as its items
(dicts in other orders compare equal). What the code makes of the inputs is
the cache's `code_version()`: when it changes (a template edited while
`mkdocs serve` runs) everything is computed again. Without a cache folder
nothing is kept, so a cache-less build computes everything.
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
    memory holds one archive's worth.
    """

    _of: ClassVar[tuple[Path | None, str]] = (None, "")  # the cache folder and code version the stores belong to
    _stores: ClassVar[dict[str, dict[Hashable, tuple[Any, Any]]]] = {}  # namespace -> {name: (inputs, value)}
    computed: ClassVar[dict[str, int]] = {}  # namespace -> misses in its last build (for tests and benchmarks)

    def __init__(self, cache: Cache, namespace: str):
        self.cache = cache
        self.namespace = namespace
        self.enabled = cache.folder is not None
        if self.enabled and (cache.folder, cache.version) != Recall._of:
            # another archive, or a template or data file edited under `mkdocs serve`: nothing applies
            Recall._of, Recall._stores = (cache.folder, cache.version), {}
        self.previous = Recall._stores.get(namespace, {}) if self.enabled else {}
        self.current: dict[Hashable, tuple[Any, Any]] = {}
        if self.enabled:
            Recall._stores[namespace] = self.current
        Recall.computed[namespace] = 0

    def __call__(self, name: Hashable, inputs: Any, compute: Callable[[], T]) -> T:
        """`compute()`, or the previous build's value for `name` if its inputs were equal."""
        kept = self.previous.get(name)
        if kept is not None and kept[0] == inputs:
            value = kept[1]
        else:
            value = compute()
            Recall.computed[self.namespace] += 1
        if self.enabled:
            self.current[name] = (inputs, value)
        return value

    def cached_many(self, items: Iterable[tuple[Hashable, Any, Callable[[], tuple[str, Callable[[], str]]]]],
                    files: bool = False) -> list:
        """`self(...)` for many names at once, backed by the cache's namespace
        of the same name, for a new process; values in the order of `items`.

        On a miss here, `prepare()` gives the cache key and the computation.
        What the cache does not hold either is computed in forked workers
        (`parallel.ordered_map`), so a cold build renders on every core; the
        computations must be pure. A hit still marks the cache entry as used,
        or the build's prune would drop it (by the entry's name, kept with
        the value: hashing the key again at every hit cost more than the lookup).

        With `files`, each value is a whole generated file: the cache keeps
        its digest only (the output folder is the copy), and what a new
        process finds there comes back `Unrendered`."""
        items = list(items)
        found: dict[Hashable, tuple[str, Any, Any]] = {}  # name -> (cache entry, what it stores, value)
        prepared: dict[Hashable, tuple[str, Callable[[], Any]]] = {}
        for name, inputs, prepare in items:
            kept = self.previous.get(name)
            if kept is not None and kept[0] == inputs:
                found[name] = kept[1]
            else:
                prepared[name] = prepare()
        Recall.computed[self.namespace] += len(prepared)
        if prepared:
            computations = {name: compute for name, (_, compute) in prepared.items()}
            made: dict[Hashable, Any] = {}  # name -> value computed by this build

            def compute(missing: list) -> dict:
                made.update(zip(missing, parallel.ordered_map(lambda name: computations[name](), missing)))
                return {name: file_digest(made[name]) if files else made[name] for name in missing}

            entries = self.cache.entries({name: key for name, (key, _) in prepared.items()})
            stored = self.cache.memo_entries(self.namespace, entries, compute)
            for name in prepared:
                if name in made:
                    value = made[name]
                else:
                    value = Unrendered(stored[name], computations[name]) if files else stored[name]
                found[name] = (entries[name], stored[name], value)
        values = []
        for name, inputs, _ in items:
            entry, kept_value, value = found[name]
            if self.enabled:
                self.current[name] = (inputs, found[name])
            self.cache.hold(self.namespace, entry, kept_value)
            values.append(value)
        return values
