"""Offline language identification."""

import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from newsarchive.langid_model import DFA_MEMORY
from newsarchive.language import SAMPLE_CHARS, detect_language, identifier, loaded, preload


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("アリババは新しいモデルを発表しました。中国の企業です。", "ja"),
        ("中国政府积极支持人工智能产业的发展，多家公司发布了新模型。", "zh"),
        ("Die chinesische Regierung hat die Entwicklung aktiv gefördert.", "de"),
        ("The government has actively promoted the development of the industry.", "en"),
        ("Le gouvernement a activement soutenu le développement de l'industrie.", "fr"),
    ],
)
def test_detects_language(text, lang):
    assert detect_language(text) == lang


# -- the vectorised classifier gives py3langid's own results ---------------------

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def classifiers():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return identifier(), LanguageIdentifier.from_model_file(MODEL_FILE)


def _texts() -> list[str]:
    """Every sample and fixture article, cut as detection cuts them."""
    paths = sorted([*(ROOT / "seeds").rglob("*.txt"), *(ROOT / "tests" / "fixtures").rglob("*.txt")])
    texts = [p.read_text(encoding="utf-8-sig", errors="replace")[:SAMPLE_CHARS] for p in paths]
    assert len(texts) > 50
    return texts


def test_scores_are_py3langids(classifiers):
    """Same language and the same score, to the bit, on real articles and their
    first bytes (texts shorter than the automaton's memory)."""
    fast, reference = classifiers
    texts = _texts()
    texts += [t[:n] for t in texts[:20] for n in range(12)]
    assert [fast.classify(t) for t in texts] == [reference.classify(t) for t in texts]


def test_feature_counts_are_py3langids(classifiers):
    """Counts and their order (which fixes the float sums) on random bytes."""
    from py3langid.langid import visit_counts

    fast, reference = classifiers
    rng = random.Random(8)
    samples = [bytes(rng.randrange(256) for _ in range(rng.randrange(40))) for _ in range(2000)]
    samples += [t.encode() for t in _texts()[:30]]
    for data in samples:
        expected = visit_counts(reference.tk_nextmove, reference._rowbase, reference.tk_output, data) or {}
        features = fast._feature_of[fast._states(data)]
        assert list(Counter(features[features >= 0].tolist()).items()) == list(expected.items())


def test_automaton_memory_is_the_trie_depth(classifiers):
    """The vectorised walk is right only if no state lies deeper than
    DFA_MEMORY bytes from the start (a later py3langid model may)."""
    import numpy as np

    fast, _ = classifiers
    depth = np.full(len(fast._row_of), -1)
    depth[0], frontier, level = 0, np.array([0]), 0
    while len(frontier):
        level += 1
        reached = np.unique(np.concatenate([
            fast._moves[fast._row_of[chunk][:, None] + np.arange(256)].ravel()
            for chunk in np.array_split(frontier, max(1, len(frontier) // 2048))
        ]))
        frontier = reached[depth[reached] < 0]
        depth[frontier] = level
    assert depth.min() == 0 and depth.max() == DFA_MEMORY


def test_preload_loads_the_model_once():
    preload()
    model = loaded()
    preload()
    assert loaded() is model is identifier()
    assert detect_language("Die Regierung hat die Entwicklung der Industrie gefördert.") == "de"


def test_mkdocs_serve_loads_the_model_before_the_first_edit(tmp_path):
    """In a fresh process (this one may hold the model already): the hook's
    on_serve starts the load, so the first rebuild does not wait ~0.7 s for it."""
    script = f"""
import sys, types
sys.path.insert(0, {str(ROOT)!r})
import hooks
from newsarchive import language
watched = []
server = types.SimpleNamespace(watch=watched.append)
config = types.SimpleNamespace(config_file_path={str(ROOT / "mkdocs.yml")!r})
assert not language._model
hooks.on_serve(server, config, builder=None)
assert language._loaders and watched
language._loaders[0].join()
assert language._model
print("preloaded")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "preloaded"


def test_the_kept_tables_give_the_shipped_models_results(classifiers, tmp_path, monkeypatch):
    """The decoded model kept beside the cache: read back without decoding the
    shipped file, the same classifier to the bit; a damaged copy is replaced."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    from newsarchive import langid_model

    fast, _ = classifiers
    first = langid_model.load(tmp_path)
    (kept,) = (tmp_path / "langid").iterdir()
    monkeypatch.setattr(LanguageIdentifier, "from_model_file", classmethod(lambda cls, *a: pytest.fail("decoded again")))
    again = langid_model.load(tmp_path)
    monkeypatch.undo()
    texts = _texts()
    for model in (first, again):
        assert [model.classify(t) for t in texts] == [fast.classify(t) for t in texts]
        assert model.nb_ptc.dtype == fast.nb_ptc.dtype and np.array_equal(model.nb_ptc, fast.nb_ptc)
        assert np.array_equal(model.tk_nextmove, fast.tk_nextmove) and list(model.tk_row) == list(fast.tk_row)
        assert model.tk_output == fast.tk_output and model.nb_classes == fast.nb_classes
    (kept / "ptc.npy").write_bytes(b"not a model")
    assert langid_model.load(tmp_path).classify(texts[0]) == fast.classify(texts[0])
    assert (kept / "ptc.npy").stat().st_size > 1_000_000 and list(tmp_path.glob("langid/*")) == [kept]
