"""Pages converted and rendered in forked workers ahead of MkDocs: the same
site and the same warnings as MkDocs doing every page itself."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from bench import synth
from newsarchive import parallel
from newsarchive.mkdocs_ahead import Ahead
from tests.conftest import ROOT, hand_written_docs, tree
from tests.test_parallel import needs_two_cpus

PAGES = 240


class AheadPlugin(BasePlugin):
    """What hooks.py does, for a plain MkDocs project; `edit` changes one
    page's Markdown in this process only, after the workers have read it."""

    def __init__(self, edit: str | None = None) -> None:
        super().__init__()
        self.ahead, self.edit, self.parent = Ahead(), edit, os.getpid()
        self.converting = self.rendering = 0
        self.nav = None

    def on_nav(self, nav, config, files, **kwargs):
        self.nav = nav
        self.converting = self.ahead.convert(config, files, files.documentation_pages(), dirty=False)
        logging.getLogger("mkdocs.commands.build").addFilter(self.ahead.quiet)
        return nav

    def on_page_markdown(self, markdown, page, **kwargs):
        if page.file.src_uri == self.edit and os.getpid() == self.parent:
            return markdown + "\nEdited after the fork.\n"
        return markdown

    def on_env(self, env, config, files, **kwargs):
        self.ahead.finish()
        pages = files.documentation_pages()
        self.rendering = self.ahead.render(config, env, files, self.nav, pages, pages, dirty=False)
        return env

    def on_page_context(self, context, page, **kwargs):
        self.ahead.written(page)
        return context

    def on_post_build(self, **kwargs):
        self.ahead.finish()
        logging.getLogger("mkdocs.commands.build").removeFilter(self.ahead.quiet)


def _project(root):
    docs = root / "docs"
    docs.mkdir(parents=True)
    for n in range(PAGES):
        links = f"[next](p{(n + 1) % PAGES:03d}.md#part-{n + 1}) and [back](p{(n - 1) % PAGES:03d}.md)"
        (docs / f"p{n:03d}.md").write_text(
            f"# Page {n}\n\n## Part {n} {{#part-{n}}}\n\nText *{n}* with {links}.\n\n- a\n- b\n", encoding="utf-8"
        )
    # warnings from conversion (a missing target) and from anchor validation, early and late
    for n in (3, PAGES - 3):
        with (docs / f"p{n:03d}.md").open("a", encoding="utf-8") as f:
            f.write(f"\n[gone](missing-{n}.md) and [no anchor](p000.md#nowhere-{n})\n")
    (root / "mkdocs.yml").write_text(
        "site_name: t\ntheme: mkdocs\nmarkdown_extensions: [toc, attr_list]\nvalidation:\n  anchors: warn\n",
        encoding="utf-8",
    )
    return root / "mkdocs.yml"


def _build(config_file, site, plugin, caplog):
    config = load_config(config_file=str(config_file), site_dir=str(site))
    config.plugins["ahead-test"] = plugin
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build(config)
    assert not [r for r in caplog.records if "Page skipped" in r.getMessage()]
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@needs_two_cpus
def test_pages_converted_ahead_give_the_serial_site_and_warnings(tmp_path, forking, monkeypatch, caplog):
    config_file = _project(tmp_path)
    ahead = AheadPlugin()
    pooled = _build(config_file, tmp_path / "pooled", ahead, caplog)
    assert ahead.converting == ahead.rendering == PAGES - PAGES // 2
    assert ahead.ahead.taken == ahead.converting and ahead.ahead.fallbacks == 0

    monkeypatch.setenv("ARCHIVE_WORKERS", "1")
    serial_plugin = AheadPlugin()
    serial = _build(config_file, tmp_path / "serial", serial_plugin, caplog)
    assert serial_plugin.converting == serial_plugin.rendering == 0

    assert pooled == serial
    assert sum("missing-" in w for w in serial) == 2 and sum("nowhere-" in w for w in serial) == 2
    pooled_tree, serial_tree = tree(tmp_path / "pooled"), tree(tmp_path / "serial")
    for site in (pooled_tree, serial_tree):
        site.pop("sitemap.xml.gz")  # gzip stamps the time
    assert pooled_tree == serial_tree
    assert b"Part 239" in pooled_tree["p239/index.html"]


@needs_two_cpus
def test_a_page_changed_after_the_fork_is_converted_again(tmp_path, forking, caplog):
    config_file = _project(tmp_path)
    plugin = AheadPlugin(edit=f"p{PAGES - 1:03d}.md")
    _build(config_file, tmp_path / "site", plugin, caplog)
    assert plugin.ahead.fallbacks == 1 and plugin.ahead.taken == plugin.converting - 1
    assert "Edited after the fork." in (tmp_path / "site" / f"p{PAGES - 1:03d}" / "index.html").read_text("utf-8")


def test_few_pages_are_all_converted_by_mkdocs(tmp_path, forking, caplog):
    config_file = _project(tmp_path)
    for n in range(parallel.MIN_ITEMS - 10, PAGES):
        (tmp_path / "docs" / f"p{n:03d}.md").unlink()
    plugin = AheadPlugin()
    _build(config_file, tmp_path / "site", plugin, caplog)
    assert plugin.converting == plugin.rendering == 0
    assert (tmp_path / "site" / "p000" / "index.html").is_file()


@needs_two_cpus
def test_the_archive_site_is_the_same_built_with_workers(tmp_path):
    """The real hooks and theme, over enough synthetic articles for the workers
    (Material's search plugin also rewrites each page's HTML)."""
    seeds = tmp_path / "seeds"
    synth.generate(seeds, 80, seed=3, pool=synth.load_pool())
    docs = hand_written_docs(tmp_path / "docs")
    env = os.environ | {"ARCHIVE_SEEDS": str(seeds), "ARCHIVE_DOCS_DIR": str(docs), "NO_MKDOCS_2_WARNING": "1",
                        "ARCHIVE_SEARCH": "material"}
    env.pop("ARCHIVE_WORKERS", None)

    def build(site: str, **extra: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / site)],
            env=env | extra, capture_output=True, text=True, cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr
        return result.stderr

    pooled = build("pooled")
    assert re.search(r"\d+ of \d+ generated pages converted in workers", pooled)
    assert re.search(r"\d+ generated pages rendered in workers", pooled)
    serial = build("serial", ARCHIVE_WORKERS="1")
    assert "in workers" not in serial
    pooled_tree, serial_tree = tree(tmp_path / "pooled"), tree(tmp_path / "serial")
    for site in (pooled_tree, serial_tree):
        site.pop("sitemap.xml.gz")  # gzip stamps the time
    assert pooled_tree.keys() == serial_tree.keys()
    assert [p for p in pooled_tree if pooled_tree[p] != serial_tree[p]] == []
