"""The fast paths of entity folding give exactly what folding unit by unit gives."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from newsarchive.entities import _fold_units, fold, fold_with_offsets

SAMPLES = [
    "Alibaba  and\tQwen",  # runs of whitespace
    "Cafe\u0301 Zu\u0308rich",  # decomposed accents
    "Straße ﬁnal ㈱アリババ",  # characters that fold to several
    "ＱｗＱ－３２Ｂ　発表",  # full-width forms
    "Alibaba’s \u2010 model",
    "",
    " ",
]


def test_samples_fold_like_units():
    for text in SAMPLES:
        assert fold_with_offsets(text) == _fold_units(text), text


def test_fold_keeps_offsets_into_the_original():
    folded, starts, ends = fold_with_offsets("Straße ＡＩ")
    assert folded == "strasse ai"
    assert [("Straße ＡＩ")[s:e] for s, e in zip(starts, ends)][4:6] == ["ß", "ß"]
    assert fold("  Zu\u0308rich ") == "zürich"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_folds_like_units(text):
    assert fold_with_offsets(text) == _fold_units(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ ß\u0301\t\u3000ア㈱Ｑ-\u2019é\n"), max_size=30))
def test_tricky_mixtures_fold_like_units(text):
    assert fold_with_offsets(text) == _fold_units(text)
