"""The whole build: determinism and the safe writer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from newsarchive.pipeline import MANIFEST, build, render, write_tree
from newsarchive.recall import Unrendered, file_digest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_two_builds_are_byte_identical():
    assert render(build(SEEDS)) == render(build(SEEDS))


def test_write_tree_writes_only_changes_and_keeps_timestamps(tmp_path):
    files = {"a.md": "A\n", "sub/b.md": "B\n"}
    first = write_tree(tmp_path, files)
    assert sorted(first.written) == ["a.md", "sub/b.md"]
    stamp = (tmp_path / "a.md").stat().st_mtime_ns
    second = write_tree(tmp_path, files)
    assert second.written == [] and second.unchanged == 2
    assert (tmp_path / "a.md").stat().st_mtime_ns == stamp


def test_write_tree_sees_a_file_changed_on_disk_though_its_text_object_is_the_same(tmp_path):
    """In one process an unchanged page comes back as the same str object and
    is not hashed again, but only while the file on disk has not moved."""
    files = {"a.md": "A page\n", "b.md": "B page\n"}
    write_tree(tmp_path, files)
    (tmp_path / "a.md").write_text("A page, edited\n", encoding="utf-8")
    (tmp_path / "b.md").unlink()
    report = write_tree(tmp_path, files)
    assert sorted(report.written) == ["a.md", "b.md"] and report.unchanged == 0
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "A page\n" and (tmp_path / "b.md").is_file()
    assert write_tree(tmp_path, files).unchanged == 2


def test_write_tree_knows_the_files_an_earlier_process_wrote_without_reading_them(tmp_path, monkeypatch):
    """What a new process gets back from `Cache.latest`: the files' size,
    mtime and inode as written, so the unchanged ones are not read again,
    while one changed on disk since is seen and written back."""
    files = {"a.md": "A page\n", "b.md": "B page\n"}
    checked: dict = {}
    write_tree(tmp_path, files, checked)
    (tmp_path / "b.md").write_text("B page, edited\n", encoding="utf-8")
    read = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or original(self))
    again = {rel: "".join(text) for rel, text in files.items()}  # equal texts, other objects, as unpickled
    report = write_tree(tmp_path, again, dict(checked))
    assert report.written == ["b.md"] and report.unchanged == 1 and read == ["b.md"]
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "B page\n"


def test_write_tree_renders_an_unrendered_page_only_when_its_file_no_longer_holds_it(tmp_path):
    """A new process gets a page that did not change as its digest (see
    `Recall.cached_many`): the file on disk is the text, unless it moved."""
    files = {"a.md": "A page\n", "b.md": "B page\n"}
    checked: dict = {}
    write_tree(tmp_path, files, checked)
    rendered = []

    def unrendered(rel: str) -> Unrendered:
        return Unrendered(file_digest(files[rel]), lambda: rendered.append(rel) or files[rel])

    report = write_tree(tmp_path, {rel: unrendered(rel) for rel in files}, checked)
    assert rendered == [] and report.unchanged == 2 and report.manifest == {r: file_digest(t) for r, t in files.items()}
    (tmp_path / "a.md").write_text("A page, edited by hand\n", encoding="utf-8")
    (tmp_path / "b.md").unlink()
    report = write_tree(tmp_path, {rel: unrendered(rel) for rel in files}, checked)
    assert sorted(rendered) == ["a.md", "b.md"] and sorted(report.written) == ["a.md", "b.md"]
    assert {rel: (tmp_path / rel).read_text(encoding="utf-8") for rel in files} == files


def test_write_tree_removes_its_stale_files_but_never_foreign_ones(tmp_path):
    (tmp_path / "notes.md").write_text("mine, hand-written", encoding="utf-8")
    write_tree(tmp_path, {"old.md": "old\n", "sub/x.md": "x\n"})
    report = write_tree(tmp_path, {"new.md": "new\n", "notes.md": "generated\n"})
    assert sorted(report.removed) == ["old.md", "sub/x.md"]
    assert not (tmp_path / "sub").exists()
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "mine, hand-written"
    assert [w.reason for w in report.refused] == ["exists and was not written by the generator; left alone"]
    assert "notes.md" not in json.loads((tmp_path / MANIFEST).read_text())


def test_write_tree_keeps_a_generated_file_the_user_edited_out_of_the_way(tmp_path):
    write_tree(tmp_path, {"old.md": "old\n"})
    (tmp_path / "old.md").write_text("edited by hand\n", encoding="utf-8")
    report = write_tree(tmp_path, {})
    assert report.removed == []
    assert (tmp_path / "old.md").read_text(encoding="utf-8") == "edited by hand\n"


def test_deleted_article_page_is_removed(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy2(path, seeds / path.name)
    out = tmp_path / "out"
    write_tree(out, render(build(seeds)))
    first = sorted(SEEDS.glob("*.txt"))[0]
    (seeds / first.name).unlink()
    report = write_tree(out, render(build(seeds)))
    assert f"articles/{first.stem}.md" in report.removed
    assert not (out / "articles" / f"{first.stem}.md").exists()
