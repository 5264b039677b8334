"""READ: decoding, bad input and sidecar metadata."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsarchive.read import decode, find_articles, load_sidecar, read_article, read_corpus


@pytest.mark.parametrize(
    "data",
    [
        "Titel\nText".encode(),
        codecs.BOM_UTF8 + "Titel\nText".encode(),
        codecs.BOM_UTF16_LE + "Titel\nText".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Titel\nText".encode("utf-16-be"),
    ],
)
def test_decode_accepts_utf8_and_utf16_with_bom(data):
    assert decode(data) == "Titel\nText"


def test_invalid_utf8_names_offset_and_legacy_encoding():
    with pytest.raises(ValueError, match=r"not valid UTF-8 \(byte 0x83 at offset 0\).*Shift_JIS"):
        decode("アリ".encode("cp932"))


@pytest.mark.parametrize(("text", "codec", "name"), [
    ("アリババは最新のモデルを発表しました。", "cp932", "Shift_JIS"),
    ("阿里巴巴发布了最新的人工智能模型。", "gb18030", "GB18030"),
    ("삼성전자는 새로운 모델을 발표했다.", "euc-kr", "EUC-KR"),
])
def test_legacy_encoding_is_named_by_its_script(text, codec, name):
    with pytest.raises(ValueError, match=f"it looks like {name}"):
        decode(text.encode(codec))


def test_random_bytes_are_not_called_a_legacy_encoding():
    noise = bytes((i * 89 + 131) % 128 + 128 for i in range(400))
    with pytest.raises(ValueError) as caught:
        decode(noise)
    assert "looks like" not in str(caught.value)


def test_binary_is_rejected():
    with pytest.raises(ValueError, match="binary data"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_crlf_and_control_characters_are_cleaned(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Title\r\nBody\x07 text\rmore\r\n")
    doc, problems = read_article(tmp_path / "a.txt", "a.txt")
    assert problems == []
    assert doc.text == "Title\nBody text\nmore\n"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\n", "empty"),
        ("bin.txt", b"\x00\x01\x02binary", "binary data"),
        ("sjis.txt", "日本語の文章".encode("cp932"), "not valid UTF-8"),
        (".hidden.txt", b"Title\nText", "hidden file"),
    ],
)
def test_bad_files_are_skipped_with_reason(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("Good title\nGood text.", encoding="utf-8")
    result = read_corpus(tmp_path)
    assert [d.path for d in result.docs] == ["good.txt"]
    assert len(result.warnings) == 1
    assert result.warnings[0].path == name
    assert reason in result.warnings[0].reason


def test_directory_named_txt_and_too_large_file(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "big.txt").write_bytes(b"x" * 2048)
    result = read_corpus(tmp_path, max_bytes=1024)
    reasons = {w.path: w.reason for w in result.warnings}
    assert "directory" in reasons["folder.txt"]
    assert "too large" in reasons["big.txt"]
    assert result.docs == ()


def test_sidecar_metadata_and_unknown_keys(tmp_path):
    (tmp_path / "a.txt").write_text("T\nx", encoding="utf-8")
    (tmp_path / "a.yml").write_text("title: Real title\nlang: de\ncolour: red\n", encoding="utf-8")
    meta, problems = load_sidecar(tmp_path / "a.txt")
    assert meta == {"title": "Real title", "lang": "de"}
    assert problems == ["sidecar a.yml: unknown key 'colour' ignored"]


@pytest.mark.parametrize(("value", "kept"), [("2025-03-05", True), ("5. März 2025", True), ("2025-03", True), ("2025", True), ("soon", False)])
def test_sidecar_date_that_is_not_a_date_is_reported(tmp_path, value, kept):
    (tmp_path / "a.txt").write_text("T\nx", encoding="utf-8")
    (tmp_path / "a.yml").write_text(f"date: '{value}'\n", encoding="utf-8")
    meta, problems = load_sidecar(tmp_path / "a.txt")
    assert ("date" in meta) is kept
    assert problems == ([] if kept else [f"sidecar a.yml: date '{value}' is not a date; ignored"])


def test_broken_sidecar_is_reported_and_article_still_read(tmp_path):
    (tmp_path / "a.txt").write_text("T\nx", encoding="utf-8")
    (tmp_path / "a.yml").write_text("title: [unclosed\n", encoding="utf-8")
    doc, problems = read_article(tmp_path / "a.txt", "a.txt")
    assert doc is not None and doc.meta == {}
    assert "not valid UTF-8 YAML" in problems[0].reason


def test_reading_again_in_one_process_rereads_only_changed_files(tmp_path, monkeypatch):
    """Under `mkdocs serve` every rebuild reads the archive: files whose stamps
    (size, times, inode) did not move are not decoded again; edits are seen."""
    from newsarchive import read

    (tmp_path / "a.txt").write_text("Title A\n\nBody a.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title B\n\nBody b.\n", encoding="utf-8")
    first = read_corpus(tmp_path)
    calls, real = [], read.read_article
    monkeypatch.setattr(read, "read_article", lambda path, *args: calls.append(path.name) or real(path, *args))
    assert read_corpus(tmp_path) == first and calls == []
    (tmp_path / "b.txt").write_text("Title B\n\nBody b, longer now.\n", encoding="utf-8")
    (tmp_path / "a.yml").write_text("lang: de\n", encoding="utf-8")
    again = read_corpus(tmp_path)
    assert sorted(calls) == ["a.txt", "b.txt"]
    assert {d.path: (d.text, d.meta) for d in again.docs} == {
        "a.txt": ("Title A\n\nBody a.\n", {"lang": "de"}), "b.txt": ("Title B\n\nBody b, longer now.\n", {})}


def test_articles_are_found_with_their_paths_relative_to_the_seeds_folder(tmp_path, monkeypatch):
    (tmp_path / "b" / "c").mkdir(parents=True)
    for rel in ("z.txt", "b/c/y.txt", "b/x.txt"):
        (tmp_path / rel).write_text("Title\nBody.\n", encoding="utf-8")
    expected = ["b/c/y.txt", "b/x.txt", "z.txt"]
    assert [rel for _, rel in find_articles(tmp_path)] == expected
    monkeypatch.chdir(tmp_path)
    assert [(str(path), rel) for path, rel in find_articles(Path("."))] == [(rel, rel) for rel in expected]
    monkeypatch.chdir(tmp_path.parent)
    assert [rel for _, rel in find_articles(Path(tmp_path.name))] == expected
