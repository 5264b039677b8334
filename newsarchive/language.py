"""Language identification, offline: py3langid ships its model in the wheel."""

from __future__ import annotations

from .text import kana_ratio

SAMPLE_CHARS = 20_000
JAPANESE_KANA_SHARE = 0.05


def detect_language(text: str) -> str:
    """BCP-47 code of the text's language (`ja`, `de`, `en`, `zh`...).

    Kana are written only in Japanese, so a text with a fair share of them is
    Japanese even when kanji-heavy passages look Chinese to the classifier.
    """
    sample = text[:SAMPLE_CHARS]
    if kana_ratio(sample) >= JAPANESE_KANA_SHARE:
        return "ja"
    import py3langid  # numpy and the model load in ~1 s: only when a text needs it, not on cached builds

    lang, _score = py3langid.classify(sample)
    return lang
