"""A persistent memo of build results, so that a rebuild redoes only what changed.

Entries live in one folder (by default `.cache/newsarchive/` beside the docs
folder, never inside it: `mkdocs serve` would see every write), one pickle
file per entry under `<namespace>/<key[:2]>/<key>.pickle`. A key is a
SHA-256 digest of the entry's inputs *and* of `code_version()`: every
module, template and data file of the package and the versions of the
libraries that carry language data. Editing any of them therefore starts
from a cold cache; nothing has to be invalidated by hand.

The cache is only ever an optimisation: an unreadable, truncated or foreign
entry is treated as missing and recomputed, a folder that cannot be written
leaves the build uncached, and results are byte-identical either way.
Entries a full build did not use are pruned at its end, so the folder holds
one archive's worth of data.

Entries are also kept in memory for the life of the process, for the last
folder used: under `mkdocs serve` the hook regenerates in one long-running
process, and after an edit the unchanged articles' results are then a
dictionary lookup instead of thousands of files to unpickle. Cached values
are shared between builds, so the stages treat them as read-only (they are
frozen dataclasses, tuples and strings).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

PACKAGE = Path(__file__).resolve().parent
FORMAT = 1  # bump when the layout of entries changes
_LIBRARIES = ("babel", "py3langid", "pyahocorasick", "jinja2", "pyyaml")
_MISSING = object()
T = TypeVar("T")


@lru_cache(maxsize=1)
def _module_digest() -> str:
    """The Python code as imported (a module edited under `mkdocs serve` is not
    reloaded, so the running code, not the file on disk, must name the entries)."""
    h = hashlib.sha256(f"{FORMAT}|{sys.version}".encode())
    for name in _LIBRARIES:
        try:
            h.update(f"|{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"|{name}=-".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def code_version() -> str:
    """Digest of everything besides the input that decides the output: the
    modules, and the data files and templates as they are now (both are read
    afresh by every build)."""
    h = hashlib.sha256(_module_digest().encode())
    for folder in (PACKAGE / "data", PACKAGE / "templates"):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def digest(*parts: Any) -> str:
    """A stable key of picklable values (strings, tuples, frozen dataclasses).

    The pickler's memo is off: with it, the bytes would depend on which equal
    values happen to be one object (an article read from the cache shares
    fewer strings than a freshly parsed one), not only on the values.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(parts)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


class _Memory:
    """The entries of one cache folder held in this process: {(namespace, key): value}."""

    folder: Path | None = None
    entries: dict[tuple[str, str], Any] = {}
    complete = False  # the folder holds exactly `entries` (after a prune in this process)

    @classmethod
    def of(cls, folder: Path | None) -> dict[tuple[str, str], Any]:
        """The entries of `folder`; another folder's are dropped first (a
        process builds one archive, tests build many small ones)."""
        if folder != cls.folder:
            cls.folder, cls.entries, cls.complete = folder, {}, False
        return cls.entries


def forget_memory() -> None:
    """Drop the entries held in memory, as a new process starts without them."""
    _Memory.of(None)


class Cache:
    """Get-or-compute over a cache folder; `Cache(None)` computes everything.

    A namespace in `packed` keeps all its entries in one file
    (`packs/<namespace>.pickle`), read once and rewritten by `finish`: for
    thousands of small per-article entries, one file costs far less than
    thousands of opens and unpickler starts.
    """

    def __init__(self, folder: Path | None, packed: frozenset[str] = frozenset()):
        self.folder = folder
        self.packed = packed
        self.memory = _Memory.of(folder) if folder is not None else {}
        self.version = code_version() if folder is not None else ""
        self.used: set[tuple[str, str]] = set()  # (namespace, key)
        self.hits = self.misses = 0
        self.computed: set[str] = set()  # namespaces with at least one miss
        self._packs: dict[str, dict[str, Any]] = {}  # packed namespaces read from disk

    @property
    def _memory_complete(self) -> bool:
        """Whether the folder holds nothing that is not in memory (so a memory miss is a miss)."""
        return _Memory.complete and self.memory is _Memory.entries

    def _path(self, namespace: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / namespace / key[:2] / f"{key}.pickle"

    def _pack_path(self, namespace: str) -> Path:
        assert self.folder is not None
        return self.folder / "packs" / f"{namespace}.pickle"

    def _pack(self, namespace: str) -> dict[str, Any]:
        """A packed namespace's entries on disk ({} when missing or unreadable)."""
        if namespace not in self._packs:
            try:
                with self._pack_path(namespace).open("rb") as f:
                    entries = pickle.load(f)
            except Exception:
                entries = {}
            self._packs[namespace] = entries if isinstance(entries, dict) else {}
        return self._packs[namespace]

    def _write(self, path: Path, value: Any) -> bool:
        """Write atomically (a reader never sees half a file); False if the folder is unusable."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as f:
                pickle.dump(value, f, protocol=5)
            os.replace(f.name, path)
        except OSError:
            return False
        return True

    def get(self, namespace: str, key: str) -> Any:
        """The stored value, or `_MISSING` (also for a corrupt entry)."""
        if self.folder is None:
            return _MISSING
        entry = (namespace, key)
        if entry in self.memory:
            self.used.add(entry)
            return self.memory[entry]
        if self._memory_complete:
            return _MISSING
        if namespace in self.packed:
            value = self._pack(namespace).get(key, _MISSING)
            if value is not _MISSING:
                self.used.add(entry)
                self.memory[entry] = value
            return value
        path = self._path(namespace, key)
        try:
            with path.open("rb") as f:
                stored_key, value = pickle.load(f)
        except Exception:  # missing, truncated, or written by other code: recompute
            return _MISSING
        if stored_key != key:
            return _MISSING
        self.used.add(entry)
        self.memory[entry] = value
        return value

    def put(self, namespace: str, key: str, value: Any) -> None:
        if self.folder is None:
            return
        if namespace not in self.packed and not self._write(self._path(namespace, key), (key, value)):
            return
        self.used.add((namespace, key))
        self.memory[namespace, key] = value

    def memo(self, namespace: str, key: str, compute: Callable[[], T]) -> T:
        """`compute()`, or what it returned last time for the same key."""
        if self.folder is None:
            return compute()
        key = digest(key, self.version)
        value = self.get(namespace, key)
        if value is _MISSING:
            self.misses += 1
            self.computed.add(namespace)
            value = compute()
            self.put(namespace, key, value)
        else:
            self.hits += 1
        return value

    def memo_many(self, namespace: str, keys: dict[str, str], compute: Callable[[list[str]], dict[str, T]]) -> dict[str, T]:
        """`memo` for many items at once: `compute` gets the names of all the
        missing ones in one call (so that they share its setup) and returns
        {name: value} for each of them."""
        full = {name: digest(key, self.version) for name, key in keys.items()}
        found = {name: self.get(namespace, full[name]) for name in keys}
        missing = [name for name, value in found.items() if value is _MISSING]
        self.hits += len(keys) - len(missing)
        if missing:
            self.misses += len(missing)
            self.computed.add(namespace)
            computed = compute(missing)
            for name in missing:
                found[name] = computed[name]
                self.put(namespace, full[name], computed[name])
        return found

    def finish(self, prune: bool) -> None:
        """Write the packed namespaces that changed; with `prune`, drop the
        entries this build did not use.

        Prune only after a build that computed its result (a build served
        from one stored result does not touch the entries it was made of).
        """
        if self.folder is None:
            return
        used_by: dict[str, dict[str, Any]] = {namespace: {} for namespace in self.packed}
        for namespace, key in self.used:
            if namespace in used_by:
                used_by[namespace][key] = self.memory[namespace, key]
        for namespace, used in sorted(used_by.items()):
            if namespace in self.computed:
                self._write(self._pack_path(namespace), used if prune else self._pack(namespace) | used)
            elif prune and namespace in self._packs and used.keys() != self._packs[namespace].keys():
                self._write(self._pack_path(namespace), used)
        if prune:
            self._prune_files()

    def _prune_files(self) -> None:
        if not self.folder.is_dir():
            return
        stale = [e for e in self.memory if e not in self.used]
        for entry in stale:
            del self.memory[entry]
        if self._memory_complete:  # no need to list thousands of files
            paths = [self._path(*entry) for entry in stale if entry[0] not in self.packed]
        else:
            paths = [p for p in self.folder.glob("*/*/*.pickle") if (p.parent.parent.name, p.stem) not in self.used]
        for path in paths:
            try:
                path.unlink()
            except OSError:
                pass
        _Memory.complete = self.memory is _Memory.entries
