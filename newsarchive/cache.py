"""A persistent memo of build results, so that a rebuild redoes only what changed.

Entries live in one folder (by default `.cache/newsarchive/` beside the docs
folder, never inside it: `mkdocs serve` would see every write), one pickle
file per entry under `<namespace>/<key[:2]>/<key>.pickle`, or, for the
namespaces of many small entries, one file per shard of keys (see `Cache`).
A key is a SHA-256 digest of the entry's inputs *and* of `code_version()`: every
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

Files are written for the next process only, so they are written once, when
this process ends (or uses another folder, or `flush()` is called), not at
every rebuild: under `mkdocs serve` pickling the whole archive and site
after each edit cost a third of the rebuild, and only the last version of
each file is ever read. A process killed without running its exit handlers
leaves the folder as its last flush left it: the next build recomputes more.
`build_site.py` hands the writing to a forked child as it exits (a tenth of
a second and more, after the site is written): a writer holds the folder's
lock file until it is done, and a process reads the folder only after it.
"""

from __future__ import annotations

import atexit
import fcntl
import gc
import hashlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

PACKAGE = Path(__file__).resolve().parent
FORMAT = 2  # bump when the layout of entries changes
SHARD = 1  # leading hex digits of a key that name its shard: 16 shard files per packed namespace
_LIBRARIES = ("babel", "py3langid", "pyahocorasick", "jinja2", "pyyaml", "opencc_python_reimplemented")
MISSING = object()  # what `get` and `find` return for a key not kept
LOCK = "writing.lock"  # held by the process writing the folder's files (see `flush`)
T = TypeVar("T")


@lru_cache(maxsize=1)
def _module_digest() -> str:
    """The Python code as imported (a module edited under `mkdocs serve` is not
    reloaded, so the running code, not the file on disk, must name the entries)."""
    h = hashlib.sha256(f"{FORMAT}|{sys.version}".encode())
    h.update("|".join(installed(_LIBRARIES)).encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def installed(names: tuple[str, ...]) -> list[str]:
    """The `name-version.dist-info` folders of these distributions on sys.path
    (lower case): the versions `importlib.metadata` reads, without the
    hundredths of a second its import costs a new process."""
    prefixes = tuple(f"{name}-" for name in names)
    found = set()
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(item.lower() for item in listing
                     if item.lower().endswith(".dist-info") and item.lower().startswith(prefixes))
    return sorted(found)


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
    return hashlib.sha256(_pickled(parts)).hexdigest()


def _pickled(value: Any) -> bytes:
    """`value` pickled without the memo (see `digest`)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


class Sealed(Generic[T]):
    """A value kept as its pickled bytes until `open()` first needs it.

    For a cache entry that a rebuild mostly does not read (an article's
    sightings matter only when discovery runs again): a shard of thousands
    of them loads as many byte strings, not their objects. `digest` names
    the value (pickled without the memo, as `digest` pickles)."""

    __slots__ = ("data", "_value")

    def __init__(self, value: T):
        self.data = _pickled(value)
        self._value: Any = value

    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def open(self) -> T:
        if self._value is MISSING:
            self._value = pickle.loads(self.data)
        return self._value

    def __reduce__(self) -> tuple:
        return _sealed, (self.data,)


def _sealed(data: bytes) -> Sealed:
    """A `Sealed` as unpickled: its bytes only."""
    sealed = Sealed.__new__(Sealed)
    sealed.data, sealed._value = data, MISSING
    return sealed


def entry_key(key: str, version: str) -> str:
    """The name of an entry: its memo key (already a digest or a short string,
    so it is hashed as text, not pickled) under one code version."""
    return hashlib.sha256(f"{key}\0{version}".encode()).hexdigest()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run a build without the cyclic garbage collector, then restore it.

    A build allocates hundreds of thousands of long-lived, acyclic objects
    (the entries kept in memory, the shards read back); each full collection
    walks all of them, and several would run during one rebuild, costing more
    than the rebuild itself. Reference counting still frees what the build
    drops; cycles wait for the collector's next full pass after the build.

    What the build leaves alive goes straight to the oldest generation
    (`freeze` then `unfreeze`): re-enabled with a young generation of a
    hundred thousand objects, the collector would walk them all at once
    (a tenth of a rebuild after one edit), then again in the middle one.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


class _Memory:
    """The entries of one cache folder held in this process: {(namespace, key): value}.

    `shards` lists, for each shard file of a packed namespace whose content
    this process has read or written, the keys it holds in memory: every
    packed entry in memory belongs to such a shard, so a shard is rewritten
    from memory alone.
    """

    folder: Path | None = None
    entries: dict[tuple[str, str], Any] = {}
    shards: dict[tuple[str, str], set[str]] = {}  # (namespace, shard) -> keys
    last: dict[str, Any] = {}  # name -> the value `keep_latest` last kept (None: none, or from other code)
    complete = False  # the folder holds nothing that is not in `entries` (after a prune in this process)
    # file -> what it is to hold once flushed (None: to be deleted), for every file that differs from memory
    pending: dict[Path, Any] = {}

    @classmethod
    def of(cls, folder: Path | None) -> dict[tuple[str, str], Any]:
        """The entries of `folder`; another folder's are written and dropped
        first (a process builds one archive, tests build many small ones)."""
        if folder != cls.folder:
            flush()
            if folder is not None:
                wait_for_writer(folder)
            cls.folder, cls.entries, cls.shards, cls.last, cls.complete = folder, {}, {}, {}, False
        return cls.entries


def flush(background: bool = False) -> None:
    """Write the files that this process's entries have changed since its last flush.

    `background`, for a process about to end: a forked child writes them
    and the caller goes on at once (the child keeps the folder's lock until
    it is done, so the next process waits for the files rather than reading
    half of them). Where the folder's lock cannot be had, writing proceeds
    without it (atomic writes still leave no half file)."""
    pending, _Memory.pending = _Memory.pending, {}
    if not pending:
        return
    lock = _lock(_Memory.folder, fcntl.LOCK_EX, create=True) if _Memory.folder is not None else None
    if background and os.fork():  # the parent; the lock is shared with the child, which releases it on exit
        if lock is not None:
            os.close(lock)
        return
    try:
        if background:
            gc.disable()  # the child ends after writing: nothing to collect
            _detach_output()
        for path, value in sorted(pending.items()):
            if value is None:
                path.unlink(missing_ok=True)
            else:
                write_pickle(path, value)
    finally:
        if background:
            os._exit(0)
        if lock is not None:
            os.close(lock)


def _lock(folder: Path, operation: int, create: bool = False) -> int | None:
    """A file descriptor holding `operation` (shared or exclusive) on `folder`'s
    lock file, waiting for it; None if the file is absent and not `create`d,
    or cannot be had."""
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT if create else os.O_RDONLY, 0o644)
    except OSError:
        return None
    try:
        fcntl.flock(fd, operation)
    except OSError:
        os.close(fd)
        return None
    return fd


def wait_for_writer(folder: Path) -> None:
    """Return once no process is writing `folder`'s files."""
    fd = _lock(folder, fcntl.LOCK_SH)
    if fd is not None:
        os.close(fd)


def _detach_output() -> None:
    """Point a background writer's standard streams at /dev/null, so that a
    pipe reading the build's output closes when the build ends."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


atexit.register(flush)


def forget_memory() -> None:
    """Write, then drop the entries held in memory, as a new process starts without them."""
    _Memory.of(None)


def write_pickle(path: Path, value: Any) -> None:
    """Write atomically (a reader never sees half a file); a folder that cannot be written keeps nothing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as f:
            pickle.dump(value, f, protocol=5)
        os.replace(f.name, path)
    except OSError:
        pass


class Cache:
    """Get-or-compute over a cache folder; `Cache(None)` computes everything.

    A namespace in `packed` keeps its entries in shard files
    (`packs/<namespace>.<key[:SHARD]>.pickle`): for thousands of small
    per-article entries, a few hundred files cost far less than thousands of
    opens and unpickler starts, and an edit rewrites only the shards whose
    entries it changed, not the whole namespace. A shard is read whole, into
    memory, the first time one of its keys is asked for.

    A namespace in `transient` lives in this process's memory only: for
    values that are cheap to recompute once but costly to pickle (an
    automaton, a matching table), or that only an in-process rebuild reuses.
    """

    def __init__(self, folder: Path | None, packed: frozenset[str] = frozenset(), transient: frozenset[str] = frozenset()):
        self.folder = folder
        self.packed = packed
        self.transient = transient
        self.memory = _Memory.of(folder) if folder is not None else {}
        self.shards = _Memory.shards if folder is not None else {}
        self.version = code_version() if folder is not None else ""
        self.used: set[tuple[str, str]] = set()  # (namespace, key)
        self.hits = self.misses = 0
        self.computed: set[str] = set()  # namespaces with at least one miss
        self.dirty: set[tuple[str, str]] = set()  # (namespace, shard) whose file no longer matches memory

    @property
    def _memory_complete(self) -> bool:
        """Whether the folder holds nothing that is not in memory (so a memory miss is a miss)."""
        return _Memory.complete and self.memory is _Memory.entries

    def _path(self, namespace: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / namespace / key[:2] / f"{key}.pickle"

    def _shard_path(self, namespace: str, shard: str) -> Path:
        assert self.folder is not None
        return self.folder / "packs" / f"{namespace}.{shard}.pickle"

    def _shard(self, namespace: str, key: str) -> set[str]:
        """The keys of `key`'s shard, the shard file read into memory first if
        this process has not seen it (a missing or unreadable file holds nothing)."""
        shard = (namespace, key[:SHARD])
        if shard not in self.shards:
            entries: Any = {}
            if not self._memory_complete:
                try:
                    with self._shard_path(*shard).open("rb") as f:
                        entries = pickle.load(f)
                except Exception:
                    entries = {}
            entries = entries if isinstance(entries, dict) else {}
            self.memory.update(((namespace, k), v) for k, v in entries.items())
            self.shards[shard] = set(entries)
        return self.shards[shard]

    def get(self, namespace: str, key: str) -> Any:
        """The stored value, or `MISSING` (also for a corrupt entry)."""
        if self.folder is None:
            return MISSING
        entry = (namespace, key)
        if entry not in self.memory and namespace in self.packed:
            self._shard(namespace, key)
        elif entry not in self.memory and namespace not in self.transient and not self._memory_complete:
            self._read(namespace, key)
        value = self.memory.get(entry, MISSING)
        if value is not MISSING:
            self.used.add(entry)
        return value

    def _read(self, namespace: str, key: str) -> None:
        """An entry of its own file into memory, unless missing, corrupt or foreign."""
        try:
            with self._path(namespace, key).open("rb") as f:
                stored_key, value = pickle.load(f)
        except Exception:  # missing, truncated, or written by other code: recompute
            return
        if stored_key == key:
            self.memory[namespace, key] = value

    def put(self, namespace: str, key: str, value: Any) -> None:
        if self.folder is None:
            return
        if namespace in self.packed:
            self._shard(namespace, key).add(key)
            self.dirty.add((namespace, key[:SHARD]))
        elif namespace not in self.transient:
            _Memory.pending[self._path(namespace, key)] = (key, value)
        self.used.add((namespace, key))
        self.memory[namespace, key] = value

    def memo(self, namespace: str, key: str, compute: Callable[[], T]) -> T:
        """`compute()`, or what it returned last time for the same key."""
        if self.folder is None:
            return compute()
        value = self.find(namespace, key)
        if value is MISSING:
            value = compute()
            self.store(namespace, key, value)
        return value

    def find(self, namespace: str, key: str) -> Any:
        """What `memo` would return for `key` without computing, or `MISSING`
        (for a caller that may not need the value computed at all)."""
        if self.folder is None:
            return MISSING
        value = self.get(namespace, entry_key(key, self.version))
        if value is MISSING:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def store(self, namespace: str, key: str, value: Any) -> None:
        """Keep a value computed after `find` missed, as `memo` does."""
        if self.folder is not None:
            self.computed.add(namespace)
            self.put(namespace, entry_key(key, self.version), value)

    def hold(self, namespace: str, entry: str, value: Any) -> None:
        """Mark entry `entry` (an `entry_key`) as used by this build, with the
        value the caller already holds; stored again if the memory lost it."""
        if self.folder is None:
            return
        if (namespace, entry) in self.memory:
            self.used.add((namespace, entry))
        else:
            self.put(namespace, entry, value)

    def memo_from_last(self, namespace: str, key: str, compute: Callable[[T | None], T]) -> T:
        """`memo` for a value cheaper to update than to build: on a miss,
        `compute` gets the value last returned for the namespace (None at
        first), to update without changing it. That value outlives the
        process (`keep_latest`), so a new process updates it too."""
        if self.folder is None:
            return compute(None)
        last = self.latest(namespace)
        value = self.memo(namespace, key, lambda: compute(last))
        if value is not last:
            self.keep_latest(namespace, value)
        return value

    def latest(self, name: str) -> Any:
        """What `keep_latest` last kept under `name`: in this process, or else
        at the end of the last process that did (None if nothing, or if other
        code kept it)."""
        if self.folder is None:
            return None
        if name not in _Memory.last:
            try:
                with self._latest_path(name).open("rb") as f:
                    version, value = pickle.load(f)
            except Exception:
                version, value = None, None
            _Memory.last[name] = value if version == self.version else None
        return _Memory.last[name]

    def keep_latest(self, name: str, value: Any) -> None:
        """Keep one value under `name`, beside the keyed entries and never
        pruned: for state that the next build updates rather than looks up.
        It is pickled when the files are flushed, as it is by then."""
        if self.folder is not None:
            _Memory.last[name] = value
            _Memory.pending[self._latest_path(name)] = (self.version, value)

    def carry(self, name: str, table: dict) -> None:
        """Let `table`, a module's memo of slow lookups (CLDR formatting), outlive
        the process: fill it with what the last process kept under `name`, and
        keep it, with what this build adds to it, at the flush."""
        if self.folder is None:
            return
        known = self.latest(name)
        if known is not table:
            table.update(known or {})
        self.keep_latest(name, table)  # again at each build: a flush since the last one wrote it as it was then

    def _latest_path(self, name: str) -> Path:
        assert self.folder is not None
        return self.folder / "latest" / f"{name}.pickle"

    def memo_many(self, namespace: str, keys: dict[str, str], compute: Callable[[list[str]], dict[str, T]]) -> dict[str, T]:
        """`memo` for many items at once: `compute` gets the names of all the
        missing ones in one call (so that they share its setup) and returns
        {name: value} for each of them."""
        return self.memo_entries(namespace, self.entries(keys), compute)

    def entries(self, keys: dict[str, str]) -> dict[str, str]:
        """{name: entry}: the entries (`entry_key`) that memo keys name under this code version."""
        version = self.version
        return {name: entry_key(key, version) for name, key in keys.items()}

    def memo_entries(self, namespace: str, entries: dict[str, str],
                     compute: Callable[[list[str]], dict[str, T]]) -> dict[str, T]:
        """`memo_many` for a caller that holds the entries already (see `entries`)."""
        found = {name: self.get(namespace, entry) for name, entry in entries.items()}
        missing = [name for name, value in found.items() if value is MISSING]
        self.hits += len(entries) - len(missing)
        if missing:
            self.misses += len(missing)
            self.computed.add(namespace)
            computed = compute(missing)
            for name in missing:
                found[name] = computed[name]
                self.put(namespace, entries[name], computed[name])
        return found

    def finish(self, prune: bool) -> None:
        """Note the shards that changed for the next `flush`; with `prune`,
        drop the entries this build did not use first (which changes their
        shards too).

        Prune only after a build that computed its result (a build served
        from one stored result does not touch the entries it was made of).
        The cost follows what changed: the stale entries are found in memory
        and only their shards and those of new entries are rewritten.
        """
        if self.folder is None:
            return
        if prune:
            self._drop_stale()
        for namespace, shard in sorted(self.dirty):
            keys = self.shards.get((namespace, shard), set())
            path = self._shard_path(namespace, shard)
            _Memory.pending[path] = {k: self.memory[namespace, k] for k in sorted(keys)} if keys else None
        self.dirty.clear()
        if prune and self.folder.is_dir():
            self._prune_files()

    def _drop_stale(self) -> None:
        """Forget the entries this build did not use; their shards become dirty."""
        for entry in [e for e in self.memory if e not in self.used]:
            namespace, key = entry
            del self.memory[entry]
            if namespace in self.packed:
                self.shards.get((namespace, key[:SHARD]), set()).discard(key)
                self.dirty.add((namespace, key[:SHARD]))
            elif namespace not in self.transient:
                path = self._path(namespace, key)
                if self._memory_complete:
                    _Memory.pending[path] = None
                else:  # its file, if any, goes in `_prune_files`
                    _Memory.pending.pop(path, None)

    def _prune_files(self) -> None:
        """Delete the files of entries not used; a file this process never read
        holds only such entries (a use would have read it). Once done, the
        folder holds nothing that is not in memory."""
        if not self._memory_complete:
            unused = [p for p in self.folder.glob("*/*/*.pickle") if (p.parent.parent.name, p.stem) not in self.used]
            known = {f"{namespace}.{shard}" for namespace, shard in self.shards}
            unused += [p for p in self.folder.glob("packs/*.pickle") if p.stem not in known]
            for path in unused:
                try:
                    path.unlink()
                except OSError:
                    pass
        _Memory.complete = self.memory is _Memory.entries
