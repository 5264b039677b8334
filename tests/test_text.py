"""Text helpers: sentences, slugs, widths."""

from newsarchive.text import display_width, kana_ratio, slugify, split_sentences


def spans(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_japanese_sentences_split_after_kuten():
    assert spans("北京の規制(A.I.)です。次の文です。最後") == ["北京の規制(A.I.)です。", "次の文です。", "最後"]


def test_latin_sentences_respect_abbreviations():
    assert spans("Dr. Lee spoke. The U.S. Technology grew, z.B. schnell. Done!") == [
        "Dr. Lee spoke.", "The U.S. Technology grew, z.B. schnell.", "Done!",
    ]


def test_slugify_keeps_ascii_and_hashes_other_scripts():
    assert slugify("000_95b5bb6a5ce7aeaa") == "000_95b5bb6a5ce7aeaa"
    assert slugify("Kai-Fu Lee") == "kai-fu-lee"
    assert slugify("アリババ") == slugify("アリババ")
    assert slugify("アリババ") != slugify("テンセント")
    assert slugify("..") and "/" not in slugify("../../etc/passwd")


def test_width_and_kana():
    assert display_width("AI革命") == 6
    assert kana_ratio("アリババ") == 1.0
    assert kana_ratio("阿里巴巴") == 0.0
