"""Material's navigation and tabs, rendered once per folder for the pages
outside the nav.

Material renders its primary navigation and its tabs into every page, and
on an archive of thousands of generated pages that is a good part of the
template time. Neither marks anything active on a page outside the nav
(every generated page but the indexes), so their HTML there depends only on
the folder the page is in (MkDocs makes every link relative to the page's
URL): every such page of one folder gets the same HTML, which is rendered
once and reused. Pages in the nav render them as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from jinja2 import Environment
from jinja2.runtime import Context
from mkdocs.structure.pages import Page

SHARED = ("partials/nav.html", "partials/tabs.html")


def share(env: Environment, outside_nav: Callable[[Page], bool]) -> dict[str, dict[str, str]]:
    """Make each of `SHARED` (as `env` has compiled it) reuse its HTML for
    the pages `outside_nav` picks; returns the HTML kept, by template and
    folder (for tests)."""
    kept: dict[str, dict[str, str]] = {}
    for name in SHARED:
        template = env.get_template(name)
        render = getattr(template.root_render_func, "unshared", template.root_render_func)
        store = kept.setdefault(name, {})

        def root(context: Context, render=render, store=store) -> Iterator[str]:
            page = context.get("page")
            if not isinstance(page, Page) or not outside_nav(page):
                yield from render(context)
                return
            key = page.url.rstrip("/").rpartition("/")[0]  # "entities/x/" and "entities/y/": "entities"
            if key not in store:
                store[key] = "".join(render(context))
            yield store[key]

        root.unshared = render  # type: ignore[attr-defined]
        template.root_render_func = root  # what `{% include %}` calls
    return kept
