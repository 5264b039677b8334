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
take ~0.7 s to load, which a build served from the cache never pays.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

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


def load() -> Identifier:
    """The model py3langid ships, as an `Identifier`."""
    return Identifier.from_model_file(MODEL_FILE)
