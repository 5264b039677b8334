"""Material's navigation and tabs rendered once per folder for the pages
outside the nav (newsarchive/mkdocs_partials.py): the same site as Material
rendering them for every page."""

from __future__ import annotations

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from newsarchive import mkdocs_partials
from tests.conftest import tree

OUTSIDE = ("articles/", "entities/")


class SharingPlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[str, dict[str, str]] = {}

    def on_env(self, env, config, files, **kwargs):
        self.kept = mkdocs_partials.share(env, lambda page: page.file.src_uri.startswith(OUTSIDE) and not page.is_index)
        return env


def _project(root):
    """Material with tabs; a nav of three pages (one in each folder), and
    pages outside it in two folders and at two depths."""
    docs = root / "docs"
    for rel in ("index.md", "articles/index.md", "entities/index.md", "articles/a.md", "articles/b.md",
                "entities/x.md", "entities/deeper/y.md"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(f"# {rel}\n\nSome text.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  features: [navigation.tabs, navigation.indexes]\n"
        "nav:\n  - Home: index.md\n  - Articles: articles/index.md\n  - Entities: entities/index.md\n"
        "not_in_nav: |\n  /articles/*.md\n  /entities/*.md\n  /entities/deeper/*.md\n",
        encoding="utf-8",
    )
    return root / "mkdocs.yml"


def _site(config_file, site, plugin=None):
    config = load_config(config_file=str(config_file), site_dir=str(site))
    if plugin is not None:
        config.plugins["sharing-test"] = plugin
    build(config)
    pages = tree(site)
    pages.pop("sitemap.xml.gz")  # gzip stamps the time
    return pages


def test_shared_navigation_and_tabs_give_materials_site(tmp_path):
    config = _project(tmp_path)
    plugin = SharingPlugin()
    shared = _site(config, tmp_path / "shared", plugin)
    assert shared == _site(config, tmp_path / "plain")
    # each folder of pages outside the nav rendered them once; the nav pages do not count
    assert {name: sorted(kept) for name, kept in plugin.kept.items()} == {
        name: ["articles", "entities", "entities/deeper"] for name in mkdocs_partials.SHARED
    }
    # and the folders really differ: a page's links are relative to it
    nav = plugin.kept["partials/nav.html"]
    assert nav["articles"] != nav["entities"] != nav["entities/deeper"]
