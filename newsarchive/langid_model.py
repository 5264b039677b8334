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
detects the language of one edited article reads them in a few hundredths.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import _to_array

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
    shipped file, so another model is decoded again."""
    shipped = MODEL_DIR / MODEL_FILE
    if folder is None:
        return Identifier.from_model_file(shipped)
    kept = folder / "langid" / f"{hashlib.sha256(shipped.read_bytes()).hexdigest()[:32]}.npz"
    try:
        with np.load(kept, allow_pickle=False) as data:
            return Identifier(
                data["ptc"], data["pc"], data["classes"].tolist(), _to_array(data["nextmove"]),
                data["output"].tolist(), tk_row=_to_array(data["row"]),
            )
    except (OSError, ValueError, KeyError):  # not written yet, or damaged: decode the shipped file
        model = Identifier.from_model_file(shipped)
        _keep(kept, model)
        return model


def _keep(path: Path, model: Identifier) -> None:
    """Write `model`'s tables to `path` atomically; a folder that cannot be written keeps nothing."""
    def unsigned(table) -> np.ndarray:
        return np.frombuffer(table, dtype=f"u{table.itemsize}")

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, suffix=".part", delete=False) as f:
            np.savez(f, ptc=model.nb_ptc, pc=model.nb_pc, classes=np.array(model.nb_classes),
                     nextmove=unsigned(model.tk_nextmove), row=unsigned(model.tk_row), output=np.array(model.tk_output))
        os.replace(f.name, path)
    except OSError:
        pass
