"""Language identification, offline: py3langid ships its model in the wheel.

The model is loaded once per process, on the first text that needs it (a
build served from the cache never does), or ahead of time in a background
thread (`preload`): its LZMA decompression releases the GIL, so it costs
little while files are read or while `mkdocs serve` waits for an edit.
Its decompressed tables are kept once per machine, in the user's cache
folder (`model_folder`, about 100 MB): loading them from there is several
times faster than decoding the shipped file.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from .text import kana_ratio

SAMPLE_CHARS = 20_000
JAPANESE_KANA_SHARE = 0.05

_model: list = []  # the Identifier, once loaded
_lock = threading.Lock()
_loaders: list[threading.Thread] = []


def model_folder() -> Path | None:
    """`$XDG_CACHE_HOME/newsarchive`, else `~/.cache/newsarchive`: one copy for
    every archive on the machine (a folder that cannot be written keeps none;
    no home folder, nowhere)."""
    try:
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsarchive"
    except RuntimeError:
        return None


def detect_language(text: str) -> str:
    """BCP-47 code of the text's language (`ja`, `de`, `en`, `zh`...).

    Kana are written only in Japanese, so a text with a fair share of them is
    Japanese even when kanji-heavy passages look Chinese to the classifier.
    """
    sample = text[:SAMPLE_CHARS]
    if kana_ratio(sample) >= JAPANESE_KANA_SHARE:
        return "ja"
    lang, _score = identifier().classify(sample)
    return lang


def identifier():
    """The classifier (see langid_model.py), loaded on the first call only."""
    with _lock:
        if not _model:
            from .langid_model import load  # numpy and the model: ~0.7 s

            _model.append(load(model_folder()))
    return _model[0]


def preload() -> None:
    """Start loading the classifier in a background thread, once per process."""
    with _lock:
        if _model or _loaders:
            return
        thread = threading.Thread(target=identifier, name="langid-preload", daemon=True)
        _loaders.append(thread)
        thread.start()  # it waits for the lock, so `loaded` never joins a thread not started


def loaded():
    """`identifier()`, once no preload thread runs any more (before a fork)."""
    model = identifier()
    for thread in _loaders:
        thread.join()
    return model
