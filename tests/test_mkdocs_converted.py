"""Conversions kept from one build to the next: the same site and the same
warnings as converting every page, and a page converted again whenever its
Markdown, a page it links to, or the configuration changed."""

from __future__ import annotations

import logging

import pytest
from markdown import Extension
from markdown.preprocessors import Preprocessor

from newsarchive.mkdocs_converted import ConvertedPages
from tests.conftest import ROOT, mkdocs_build, tree
from tests.test_mkdocs_ahead import PAGES, AheadPlugin, _build, _project


class KeptPlugin(AheadPlugin):
    """What hooks.py does: conversions kept in `folder`, read as a new process reads them."""

    def __init__(self, folder) -> None:
        super().__init__()
        self.folder, self.kept = folder, ConvertedPages()

    def on_nav(self, nav, config, files, **kwargs):
        self.nav = nav
        self.kept.open(self.folder, config)
        self.converting = self.ahead.convert(config, files, files.documentation_pages(), dirty=False, kept=self.kept)
        logging.getLogger("mkdocs.commands.build").addFilter(self.ahead.quiet)
        return nav

    def on_post_build(self, **kwargs):
        super().on_post_build()
        self.kept.save(present={f"p{n:03d}.md" for n in range(PAGES)})


class _Noisy(Preprocessor):
    """Logs through a logger of its own, as a Markdown extension may."""

    def run(self, lines):
        if any("Noisy" in line for line in lines):
            logging.getLogger("an.extension").warning("noisy page")
        return lines


class NoisyExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(_Noisy(md), "noisy", 0)


class NoisyPlugin(KeptPlugin):
    def on_config(self, config, **kwargs):
        config.markdown_extensions.append(NoisyExtension())
        return config


def _site(folder) -> dict[str, bytes]:
    site = tree(folder)
    site.pop("sitemap.xml.gz")  # gzip stamps the time
    return site


@pytest.fixture(params=["workers", "serial"])
def workers(request, forking, monkeypatch):
    if request.param == "serial":
        monkeypatch.setenv("ARCHIVE_WORKERS", "1")
    return request.param


def test_a_second_build_takes_the_kept_conversions_and_gives_the_same_site(tmp_path, workers, caplog):
    config_file = _project(tmp_path)
    first = KeptPlugin(tmp_path / "kept")
    warnings = _build(config_file, tmp_path / "first", first, caplog)
    # the two pages whose conversion warns of a missing target are not kept
    assert first.kept.stored == PAGES - 2 and first.kept.reused == 0
    assert sum("missing-" in w for w in warnings) == 2 and sum("nowhere-" in w for w in warnings) == 2

    second = KeptPlugin(tmp_path / "kept")
    assert _build(config_file, tmp_path / "second", second, caplog) == warnings
    assert second.kept.reused == PAGES - 2 and second.kept.stored == 0
    assert _site(tmp_path / "second") == _site(tmp_path / "first")


def test_a_page_is_converted_again_when_it_or_a_page_it_links_to_changes(tmp_path, workers, caplog):
    config_file = _project(tmp_path)
    _build(config_file, tmp_path / "site", KeptPlugin(tmp_path / "kept"), caplog)
    docs = tmp_path / "docs"
    (docs / "p010.md").unlink()  # p009 links to it, and p011 back
    with (docs / "p100.md").open("a", encoding="utf-8") as f:
        f.write("\nEdited.\n")

    plugin = KeptPlugin(tmp_path / "kept")
    warnings = _build(config_file, tmp_path / "site", plugin, caplog)
    assert sum("p010.md" in w for w in warnings) == 2
    assert plugin.kept.stored == 1 and plugin.kept.reused == PAGES - 2 - 4  # p009, p010, p011, p100
    assert "Edited." in (tmp_path / "site" / "p100" / "index.html").read_text("utf-8")
    assert 'href="../p010/' not in (tmp_path / "site" / "p009" / "index.html").read_text("utf-8")


def test_a_conversion_that_logged_through_any_logger_is_not_kept(tmp_path, workers, caplog):
    config_file = _project(tmp_path)
    with (tmp_path / "docs" / "p120.md").open("a", encoding="utf-8") as f:
        f.write("\nNoisy.\n")
    first = NoisyPlugin(tmp_path / "kept")
    _build(config_file, tmp_path / "site", first, caplog)
    assert first.kept.stored == PAGES - 3
    second = NoisyPlugin(tmp_path / "kept")
    _build(config_file, tmp_path / "site", second, caplog)
    assert second.kept.reused == PAGES - 3 and second.kept.stored == 0
    assert "p120.md" not in second.kept.kept


def test_another_configuration_converts_every_page_again(tmp_path, workers, caplog):
    config_file = _project(tmp_path)
    _build(config_file, tmp_path / "site", KeptPlugin(tmp_path / "kept"), caplog)
    config_file.write_text(config_file.read_text("utf-8").replace("[toc, attr_list]", "[attr_list, toc]"), "utf-8")
    plugin = KeptPlugin(tmp_path / "kept")
    _build(config_file, tmp_path / "site", plugin, caplog)
    assert plugin.kept.reused == 0 and plugin.kept.stored == PAGES - 2


def test_unreadable_kept_files_are_converted_again(tmp_path, workers, caplog):
    config_file = _project(tmp_path)
    _build(config_file, tmp_path / "first", KeptPlugin(tmp_path / "kept"), caplog)
    shards = sorted((tmp_path / "kept").glob("*.pickle"))
    assert len(shards) == 16
    shards[0].write_bytes(b"not a pickle")
    plugin = KeptPlugin(tmp_path / "kept")
    _build(config_file, tmp_path / "second", plugin, caplog)
    assert 0 < plugin.kept.stored < PAGES // 4 and plugin.kept.reused == PAGES - 2 - plugin.kept.stored
    assert _site(tmp_path / "second") == _site(tmp_path / "first")


def test_the_archive_site_built_again_from_kept_conversions_is_the_same(tmp_path):
    first = _site(mkdocs_build(ROOT / "seeds", tmp_path))
    kept = {p: p.stat().st_mtime_ns for p in (tmp_path / ".cache" / "converted-pages").glob("*.pickle")}
    assert kept
    second = mkdocs_build(ROOT / "seeds", tmp_path)
    assert _site(second) == first
    # every page took its kept conversion: no shard was written again
    assert {p: p.stat().st_mtime_ns for p in kept} == kept
