"""The benchmark's table: a list of measurements, each a title and a function
of one Result, shown as one row with a column per archive size.

Another measurement is one more `Column` appended to `COLUMNS` (see
`bench/__init__.py`); the Markdown comes from `templates/performance.md.j2`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .measure import Sample
from .run import Result
from .search_download import Download


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Result], str]


def seconds(x: float) -> str:
    return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"


def size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError


def _cold(r: Result) -> float:
    """A cold generator run with the writing of its cache (the share counts both)."""
    return r.cold.seconds + r.cold.writing


def _full(r: Result) -> float:
    """A cold generator run and its writing, then the rest of a clean `mkdocs build` converting every page."""
    return _cold(r) + r.mkdocs.seconds - r.warm.seconds


def run(sample: Sample) -> str:
    """A generator run, and the time its background writer took to write the cache after it."""
    return f"{seconds(sample.seconds)} (+ {seconds(sample.writing)} writing the cache)"


def download(d: Download) -> str:
    """Everything the page view and the search fetched, and the part that is search."""
    first = "no result within the wait" if d.first_result_ms is None else f"first result {d.first_result_ms / 1000:.1f} s"
    return f"{size(d.bytes)} ({size(d.gzip_bytes)}), of which search {size(d.search_bytes)} ({size(d.search_gzip_bytes)}); {first}"


COLUMNS: list[Column] = [
    Column("generator, cold", lambda r: run(r.cold)),
    Column("generator, warm cache", lambda r: run(r.warm)),
    Column("`mkdocs build` (warm generator cache, no page converted before)", lambda r: seconds(r.mkdocs.seconds)),
    Column("full site from nothing (cold generator, then `mkdocs build`)", lambda r: seconds(_full(r))),
    Column("generator share of a cold full build", lambda r: f"{_cold(r) / _full(r):.0%}"),
    Column("`mkdocs build` again (conversions kept)",
           lambda r: f"{seconds(r.mkdocs_kept.seconds)}, peak {r.mkdocs_kept.peak_mb:.0f} MB"),
    Column("peak memory (generator / mkdocs)", lambda r: f"{r.cold.peak_mb:.0f} / {r.mkdocs.peak_mb:.0f} MB"),
    Column("site", lambda r: size(r.site_bytes)),
    Column("search_index.json (gzip)", lambda r: f"{size(r.index_bytes)} ({size(r.index_gzip_bytes)})"),
    Column("one article edited: generator", lambda r: run(r.edit_generator)),
    Column("one article edited: `mkdocs build`", lambda r: seconds(r.edit_mkdocs.seconds)),
    Column("one article edited: `mkdocs build --dirty`", lambda r: seconds(r.edit_dirty.seconds)),
    Column("one article edited: generator in a running process (`mkdocs serve`)", lambda r: seconds(r.edit_inprocess)),
    Column("`mkdocs build`, Pagefind search", lambda r: seconds(r.mkdocs_pagefind.seconds)),
    Column("one search downloads: Material (gzip)", lambda r: download(r.search_material)),
    Column("one search downloads: Pagefind (gzip)", lambda r: download(r.search_pagefind)),
    Column("one article edited: `mkdocs serve --dirty` shows it after",
           lambda r: "not measured" if r.edit_serve is None else seconds(r.edit_serve)),
]


def render_report(results: list[Result], profiles: dict[str, list[tuple[str, float]]], note: str = "",
                  speed: list[float] | None = None) -> str:
    """`speed`: `cpu_speed()` at the start of the run (and at its end, once there)."""
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("performance.md.j2").render(
        columns=COLUMNS,  # one row each: the table has a column per archive size
        sizes=[f"{r.size:,} articles" for r in results],
        rows=[[c.value(r) for c in COLUMNS] for r in results],
        cores=os.cpu_count(),
        load=os.getloadavg()[0],
        date=dt.date.today().isoformat(),
        profiles=profiles,
        note=note,
        speed=speed or [],
    )
