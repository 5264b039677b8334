"""Offline language identification."""

import pytest

from newsarchive.language import detect_language


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
