"""SITE SEARCH: which engine the built site gets, and the Pagefind index.

Material's search ships one `search_index.json` that grows with the archive
and that every visitor downloads whole; Pagefind splits its index into
fragments and a query fetches only the few it needs. Small archives keep
Material's search (no post-build step, highlighting on the page); large ones
get Pagefind. `mkdocs serve` keeps Material's search at every size: Pagefind
indexes the whole site again after every edit, while Material's index takes
only the pages rendered again (hooks.py merges it). `ARCHIVE_SEARCH=material|pagefind`
overrides the choice.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

MATERIAL, PAGEFIND, AUTO = "material", "pagefind", "auto"
# Above this many articles Material's index (about 3.4 KB gzipped per article,
# measured at 1,000) passes 1 MB, all downloaded and indexed in the browser
# before the first result, while a Pagefind query stays at a few hundred KB
# whatever the size (README, "Search backends").
AUTO_THRESHOLD = 300

# One index for every language: Japanese segmentation keeps German and
# English words whole, and a page's own <html lang> stays untouched.
INDEX_LANGUAGE = "ja"
# Not content: permalink signs, and the timeline's filter menus (they list
# every entity name and would make the timeline match any name).
EXCLUDE_SELECTORS = ".headerlink, .tl-filters"

# A <time> whose datetime is a month or a day (the lookahead leaves the tag as it is).
_TIME = re.compile(r'<time\b(?=[^>]*\sdatetime="(\d{4})-(\d{2})(?:-(\d{2}))?")')


def choose(setting: str | None, articles: int, serving: bool = False) -> str:
    """The backend for this build: the explicit setting, else Material's under
    `mkdocs serve`, else by archive size."""
    value = (setting or AUTO).strip().lower()
    if value not in (MATERIAL, PAGEFIND, AUTO):
        raise ValueError(f"ARCHIVE_SEARCH must be {MATERIAL}, {PAGEFIND} or {AUTO}, not {setting!r}")
    if value == AUTO:
        return PAGEFIND if articles > AUTO_THRESHOLD and not serving else MATERIAL
    return value


def compact_date(year: str, month: str, day: str | None) -> str:
    """"2025-03-05" as one token, "20250305": the Japanese word splitter keeps a
    run of digits whole, while "2025-03" falls apart into 2025 and 03."""
    return year + month + (day or "")


def index_dates(html: str) -> str:
    """Let Pagefind index each `<time datetime>` in its compact form too, as an
    attribute (no visible text), so that the query "2025-03" (which the search
    UI turns into "202503") finds the events of that month by prefix."""
    def annotate(match: re.Match) -> str:
        token = compact_date(*match.groups())
        return f'<time data-pagefind-index-attrs="data-archive-date" data-archive-date="{token}"'
    return _TIME.sub(annotate, html)


def pagefind_executable() -> Path:
    """The extended Pagefind binary from the `pagefind_bin_extended` wheel."""
    try:
        import pagefind_bin_extended
    except ImportError as exc:
        raise RuntimeError("ARCHIVE_SEARCH=pagefind needs `pagefind[extended]` (see requirements.txt)") from exc
    return pagefind_bin_extended.get_executable()


def build_index(site_dir: Path) -> str:
    """Run Pagefind over the written site; it adds `pagefind/` (index, UI, wasm).
    Returns Pagefind's summary for the build log."""
    result = subprocess.run(
        [str(pagefind_executable()), "--site", str(site_dir), "--force-language", INDEX_LANGUAGE,
         "--exclude-selectors", EXCLUDE_SELECTORS, "--quiet"],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed ({result.returncode}): {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout.strip()
