"""py3langid's classifier with its byte automaton walked by NumPy.

py3langid counts its features by walking a DFA over the text's bytes in a
Python loop, one byte at a time: most of the time it takes per article. The
DFA is an Aho-Corasick automaton whose trie is `DFA_MEMORY` bytes deep, so
the state after any byte depends only on the `DFA_MEMORY` bytes ending there
(whatever the state before them). Every position's state is therefore found
at once: `DFA_MEMORY` vectorised steps over the whole text instead of one
Python step per byte. The counts, their order and so the scores are exactly
py3langid's (tests/test_language.py compares them).

Imported on the first text that needs the classifier: numpy and the model
take ~0.7 s to load, which a build served from the cache never pays. Most
of that is the LZMA decompression of the shipped file, so the decompressed
tables are kept (beside the build cache, see `load`): a new process that
detects the language of one edited article maps them in a few hundredths.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

DFA_MEMORY = 6  # the depth of py3langid 0.4.0's trie (tests/test_language.py checks it)


class Identifier(LanguageIdentifier):
    """`LanguageIdentifier` with a vectorised feature count; same results.

    Its table is kept as float32 (the type the scores are computed in): NumPy
    no longer converts the rows of every text from float16.
    """

    __slots__ = ("_moves", "_row_of", "_feature_of")

    def __init__(self, nb_ptc, *args, **kwargs):
        super().__init__(np.asarray(nb_ptc, dtype=np.float32), *args, **kwargs)
        self._moves = np.frombuffer(self.tk_nextmove, dtype=f"u{self.tk_nextmove.itemsize}")  # shared, not copied
        self._row_of = np.asarray(self._rowbase, dtype=np.intp)
        self._feature_of = np.asarray(self.tk_output, dtype=np.intp)

    def _states(self, data: bytes) -> np.ndarray:
        """The DFA state after each byte of `data`."""
        walk = np.frombuffer(data, dtype=np.uint8)
        moves, row_of = self._moves, self._row_of
        states = np.empty(len(walk), dtype=np.intp)
        state = 0
        for i, byte in enumerate(walk[: DFA_MEMORY - 1].tolist()):  # fewer bytes than the memory: from the start
            state = moves[row_of[state] + byte]
            states[i] = state
        if len(walk) >= DFA_MEMORY:
            tail = len(walk) - DFA_MEMORY + 1
            step = moves[row_of[0] + walk[:tail]]
            for k in range(1, DFA_MEMORY):
                step = moves[row_of[step] + walk[k : tail + k]]
            states[DFA_MEMORY - 1 :] = step
        return states

    def _raw_score(self, text: bytes):
        features = self._feature_of[self._states(text)]
        visits = Counter(features[features >= 0].tolist())  # in order of first sighting, as py3langid counts
        if not visits:
            return super()._raw_score(text)  # no feature: py3langid's floor
        return self._sparse_score(visits, self.nb_ptc)


def load(folder: Path | None = None) -> Identifier:
    """The model py3langid ships, as an `Identifier`; with `folder`, from the
    tables kept there as the classifier uses them (uncompressed, the scores'
    table already float32), written on the first load under the digest of the
    shipped file, so another model is decoded again. The kept tables are
    mapped, not read: classifying one text touches a few of their 97 MB."""
    shipped = MODEL_DIR / MODEL_FILE
    if folder is None:
        return Identifier.from_model_file(shipped)
    kept = folder / "langid" / hashlib.sha256(shipped.read_bytes()).hexdigest()[:32]
    try:
        t = {name: np.load(kept / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _TABLES}
        return Identifier(t["ptc"], t["pc"], t["classes"].tolist(), t["nextmove"], t["output"].tolist(),
                          tk_row=t["row"].tolist())
    except (OSError, ValueError):  # not written yet, or damaged: decode the shipped file
        model = Identifier.from_model_file(shipped)
        _keep(kept, model)
        return model


_TABLES = ("ptc", "pc", "classes", "nextmove", "row", "output")


def _keep(path: Path, model: Identifier) -> None:
    """Write `model`'s tables to the folder `path` (made whole, then renamed
    into place; a damaged one is replaced); a folder that cannot be written
    keeps nothing."""
    def unsigned(table) -> np.ndarray:
        return np.frombuffer(table, dtype=f"u{table.itemsize}")

    tables = dict(zip(_TABLES, (model.nb_ptc, model.nb_pc, np.array(model.nb_classes), unsigned(model.tk_nextmove),
                                unsigned(model.tk_row), np.array(model.tk_output))))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = Path(tempfile.mkdtemp(dir=path.parent, suffix=".part"))
    except OSError:
        return
    try:
        for name, table in tables.items():
            np.save(part / f"{name}.npy", table, allow_pickle=False)
        shutil.rmtree(path, ignore_errors=True)
        os.replace(part, path)
        path.with_name(path.name + ".npz").unlink(missing_ok=True)  # as earlier versions kept them
    except OSError:
        pass
    finally:
        shutil.rmtree(part, ignore_errors=True)
