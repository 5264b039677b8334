"""RENDER after an edit: only what depends on the edited article is rendered
again, and the output stays byte-identical to a build without cache."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import copy_seeds, tree
from newsarchive import export
from newsarchive.cache import Cache, forget_memory
from newsarchive.export import item_text, join_items
from newsarchive.pipeline import generate
from newsarchive.recall import Recall

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*sorted((ROOT / "seeds").glob("*.txt")), *sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))]

HOSTILE_VALUES = [
    [],
    [{}],
    [[], {}, "", None, True, False, 0, -1.5, 1e300],
    [{"a": [], "b": {}, "c": [{}], "d": {"e": []}}],
    [{"text": "line\nbreak\r\ttab \u2028 \u2029 \x00 \"q\" \\ 日本語 😀 مرحبا"}],
    [{"nested": {"deeper": {"deepest": [1, [2, [3, {}]]]}}}, "x"],
    [{"  spaced key\n": "  ", "": ""}],
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@pytest.mark.parametrize("items", HOSTILE_VALUES)
def test_joined_fragments_equal_json_dumps_of_the_whole_list(items):
    assert join_items(item_text(item) for item in items) == json.dumps(items, ensure_ascii=False, indent=2)


@settings(max_examples=200, deadline=None)
@given(st.lists(json_values, max_size=5))
def test_joined_fragments_equal_json_dumps_for_any_values(items):
    assert join_items(item_text(item) for item in items) == json.dumps(items, ensure_ascii=False, indent=2)


def test_recall_reuses_a_value_only_while_its_inputs_are_equal(tmp_path):
    cache = Cache(tmp_path / "cache")
    calls: list[str] = []

    def build(recall: Recall, name: str, inputs) -> str:
        return recall(name, inputs, lambda: calls.append(name) or f"{name}:{inputs}")

    first = Recall(cache, "test")
    assert [build(first, "a", (1, "x")), build(first, "b", ("y",))] == ["a:(1, 'x')", "b:('y',)"]
    second = Recall(cache, "test")
    assert build(second, "a", (1, "x")) == "a:(1, 'x')"  # equal inputs: kept
    assert build(second, "b", ("z",)) == "b:('z',)"  # other inputs: computed again
    assert calls == ["a", "b", "b"]
    third = Recall(cache, "test")  # "c" was never asked for; "a" and "b" were, last build
    build(third, "a", (1, "x"))
    assert calls == ["a", "b", "b"]
    assert Recall.computed["test"] == 0
    cache.version = "another code version"  # e.g. a template edited under `mkdocs serve`
    build(Recall(cache, "test"), "a", (1, "x"))
    assert calls == ["a", "b", "b", "a"]
    uncached = Recall(Cache(None), "test")
    build(uncached, "a", (1, "x"))
    assert calls[-1] == "a"  # without a cache folder everything is computed


@pytest.fixture()
def seeds(tmp_path) -> Path:
    return copy_seeds(SOURCES, tmp_path / "seeds")


def counting_renders(monkeypatch) -> Counter:
    """{template name: renders}, counted from now on."""
    counts: Counter = Counter()
    render = jinja2.Template.render

    def counted(self, *args, **kwargs):
        counts[self.name] += 1
        return render(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", counted)
    return counts


def test_an_edit_in_a_running_process_renders_only_the_pages_that_show_it(seeds, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    archive, _ = generate(seeds, tmp_path / "out", cache_folder=cache)
    edited = next(a for a in archive.articles if not archive.translations_of(a.id) and a.paragraphs)
    path = seeds / edited.source
    path.write_text(path.read_text(encoding="utf-8") + "\n\nand one more plain sentence at the very end.\n",
                    encoding="utf-8")

    renders = counting_renders(monkeypatch)
    after, report = generate(seeds, tmp_path / "out", cache_folder=cache)
    mentioned = {m.entity for e in after.entities for m in e.mentions if m.article == edited.id}

    assert renders["article.md.j2"] == 1
    assert renders["articles_index.md.j2"] == 1  # it shows each article's length
    assert renders["_articles_section.md.j2"] == 1 < len({a.lang for a in after.articles})  # of its language only
    assert renders["entity.md.j2"] <= len(mentioned)
    for unaffected in ("timeline.md.j2", "timeline_month.md.j2", "glossary.md.j2", "translation.md.j2"):
        assert renders[unaffected] == 0, unaffected
    assert Recall.computed["articles-record"] == 1
    assert Recall.computed["entities-record"] <= len(mentioned)  # named by the articles that mention them
    assert Recall.computed["timeline-record"] == 0
    assert f"articles/{edited.id}.md" in report.written
    monkeypatch.undo()
    generate(seeds, tmp_path / "clean", cache_folder=None)
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def test_an_edit_to_a_translated_article_renders_its_pair_page_again(seeds, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    archive, _ = generate(seeds, tmp_path / "out", cache_folder=cache)
    link = archive.translations[0]
    edited = next(a for a in archive.articles if a.id == link.a)
    path = seeds / edited.source
    path.write_text(path.read_text(encoding="utf-8").replace(edited.paragraphs[-1].text, edited.paragraphs[-1].text + " Indeed."),
                    encoding="utf-8")

    renders = counting_renders(monkeypatch)
    after, _ = generate(seeds, tmp_path / "out", cache_folder=cache)
    assert renders["translation.md.j2"] == len(after.translations_of(edited.id)) >= 1
    assert renders["article.md.j2"] >= 1
    monkeypatch.undo()
    generate(seeds, tmp_path / "clean", cache_folder=None)
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def test_pages_reused_in_a_running_process_stay_in_the_cache_for_the_next_process(seeds, tmp_path, monkeypatch):
    """A page the running process reused without asking the cache must not be
    pruned from it: a new process after the next edit renders only that edit."""
    cache = tmp_path / "cache"
    archive, _ = generate(seeds, tmp_path / "out", cache_folder=cache)
    edited = next(a for a in archive.articles if not archive.translations_of(a.id) and a.paragraphs)
    path = seeds / edited.source
    for n in range(2):
        if n:  # the second edit comes to a new process
            forget_memory()
            monkeypatch.setattr(Recall, "_stores", {})
            renders = counting_renders(monkeypatch)
        path.write_text(path.read_text(encoding="utf-8") + f"\n\nand plain sentence number {n} at the end.\n",
                        encoding="utf-8")
        generate(seeds, tmp_path / "out", cache_folder=cache)
    assert renders["article.md.j2"] == 1
    for unaffected in ("timeline_month.md.j2", "translation.md.j2"):
        assert renders[unaffected] == 0, unaffected
    monkeypatch.undo()
    generate(seeds, tmp_path / "clean", cache_folder=None)
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def test_a_new_process_encodes_only_the_json_records_an_edit_changed(seeds, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    generate(seeds, tmp_path / "out", cache_folder=cache)
    forget_memory()  # a new process: the fragments come from the cache folder
    monkeypatch.setattr(Recall, "_stores", {})
    encoded: list[dict] = []
    encode = export.item_text
    monkeypatch.setattr(export, "item_text", lambda record: encoded.append(record) or encode(record))
    generate(seeds, tmp_path / "out", cache_folder=cache)
    assert encoded == []  # nothing changed: the whole site came from the cache
    archive, _ = generate(seeds, tmp_path / "probe", cache_folder=None)
    edited = next(a for a in archive.articles if not archive.translations_of(a.id) and a.paragraphs)
    path = seeds / edited.source
    path.write_text(path.read_text(encoding="utf-8") + "\n\nand one more plain sentence at the very end.\n",
                    encoding="utf-8")
    forget_memory()
    monkeypatch.setattr(Recall, "_stores", {})
    encoded.clear()
    generate(seeds, tmp_path / "out", cache_folder=cache)
    assert [r["id"] for r in encoded if "chars" in r] == [edited.id]  # its length changed
    records = sum(len(json.loads(p.read_text(encoding="utf-8"))) for p in (tmp_path / "out" / "data").glob("*.json"))
    assert len(encoded) < records // 4
    monkeypatch.undo()
    generate(seeds, tmp_path / "clean", cache_folder=None)
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def test_a_new_process_after_an_edit_that_names_other_entities_renders_what_a_clean_build_does(seeds, tmp_path, monkeypatch):
    """Pages are named by the analysis keys of the articles they show: an edit
    that makes an article name entities it did not name before changes the
    pages of those entities, and of the entities they now appear with."""
    cache = tmp_path / "cache"
    archive, _ = generate(seeds, tmp_path / "out", cache_folder=cache)
    edited = next(a for a in archive.articles if not archive.translations_of(a.id) and a.paragraphs)
    own = {m.entity for e in archive.entities for m in e.mentions if m.article == edited.id}
    others = [e for e in archive.entities if e.id not in own and e.origin == "curated"][:2]
    assert len(others) == 2
    sentence = " and ".join(e.mentions[0].surface for e in others)
    path = seeds / edited.source
    path.write_text(path.read_text(encoding="utf-8") + f"\n\n{sentence}.\n", encoding="utf-8")
    forget_memory()  # a new process
    monkeypatch.setattr(Recall, "_stores", {})
    after, _ = generate(seeds, tmp_path / "out", cache_folder=cache)
    now = {m.entity for e in after.entities for m in e.mentions if m.article == edited.id}
    assert {e.id for e in others} <= now
    monkeypatch.undo()
    generate(seeds, tmp_path / "clean", cache_folder=None)
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def glossary_rows(archive) -> dict[str, tuple]:
    """What the glossary shows of each entity."""
    return {e.id: (e.display_name, e.names, len({m.article for m in e.mentions}), len(e.mentions)) for e in archive.entities}


def test_a_new_process_decides_names_and_renders_glossary_rows_again_only_for_what_an_edit_changed(
        seeds, tmp_path, monkeypatch):
    """Discovery's verdicts are kept under a digest of every article's
    sightings (which hold no positions), the glossary's rows one by one."""
    from newsarchive import entity_discovery

    cache, out = tmp_path / "cache", tmp_path / "out"
    archive, _ = generate(seeds, out, cache_folder=cache)
    article = next(a for a in archive.articles if a.lang == "en" and not archive.translations_of(a.id))
    named = next(m.surface for e in archive.entities for m in e.mentions if m.article == article.id)
    path = seeds / article.source
    real = entity_discovery.discover_in
    for line, changed in (("and one more line, in lower case.", 0), (f"On Monday the engineer Karlheinz Wexbury thanked {named}.", 1)):
        forget_memory()  # a new process
        monkeypatch.setattr(Recall, "_stores", {})
        decided = []
        monkeypatch.setattr(entity_discovery, "discover_in", lambda *a: decided.append(1) or real(*a))
        renders = counting_renders(monkeypatch)
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join([*lines[:2], line, *lines[2:]]), encoding="utf-8")  # after the first paragraph
        before, (archive, _) = glossary_rows(archive), generate(seeds, out, cache_folder=cache)
        monkeypatch.undo()
        assert len(decided) == changed, line  # a new name: its sightings are new
        rows = glossary_rows(archive)
        assert renders["glossary.md.j2"] == 1
        assert renders["_glossary_row.md.j2"] == sum(rows[e] != before.get(e) for e in rows) >= changed  # `named` at least
        generate(seeds, tmp_path / "clean", cache_folder=None)
        assert tree(out) == tree(tmp_path / "clean")
    assert "Karlheinz Wexbury" in {c.name for c in archive.entity_candidates}
