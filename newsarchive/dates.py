"""Date parsing: a written date to ISO 8601 at the precision the text gives."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel.dates import get_month_names

from .langdata import load_yaml
from .model import Precision
from .text import normalize

_NUMERIC = [
    # 2024-06-16, 2024/06/16, 2024.06.16 (optionally followed by a time)
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    # 16.06.2024 (German), 16/06/2024 is ambiguous and not accepted
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})(?!\d)"),
    # 2024年6月16日, 2024年6月
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?"),
]


@lru_cache(maxsize=1)
def month_lookup() -> dict[str, int]:
    """Month names of every configured locale (CLDR via Babel), case-folded."""
    names: dict[str, int] = {}
    for locale in load_yaml("dates.yaml")["month_locales"]:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names.setdefault(name.casefold().rstrip("."), number)
    return names


def _month_pattern() -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(n) for n in month_lookup()), key=len, reverse=True))
    return re.compile(
        rf"(?i:(?P<d1>\d{{1,2}})\.?\s+(?P<mn1>{alternatives})\.?,?\s+(?P<y1>\d{{4}})"
        rf"|(?P<mn2>{alternatives})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
        rf"|(?P<mn3>{alternatives})\.?\s+(?P<y3>\d{{4}}))(?!\d)"
    )


def _iso(year: int, month: int | None = None, day: int | None = None) -> tuple[str, Precision] | None:
    try:
        if day is not None and month is not None:
            return dt.date(year, month, day).isoformat(), "day"
        if month is not None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}", "month"
    except ValueError:
        return None
    return f"{year:04d}", "year"


def parse_date(text: str) -> tuple[str, Precision] | None:
    """The first complete date written in `text` (`2024-06-16`, `16. Juni 2024`...).

    Returns `(iso, precision)` or None when `text` holds no valid date.
    """
    text = normalize(text)
    for pattern in _NUMERIC:
        if m := pattern.search(text):
            day = m.group("d")
            return _iso(int(m.group("y")), int(m.group("m")), int(day) if day else None)
    if m := _month_pattern().search(text):
        names = month_lookup()
        for i in "123":
            if m.group(f"mn{i}"):
                month = names[m.group(f"mn{i}").casefold().rstrip(".")]
                day = m.groupdict().get(f"d{i}")
                return _iso(int(m.group(f"y{i}")), month, int(day) if day else None)
    return None
