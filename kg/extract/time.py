"""Time expressions -> XSD values, resolved against a reference date, keeping precision.

Without a reference a partial date keeps its precision ("28. november" -> --11-28); a year is
never invented. With one, a day-month takes the year that puts it nearest the reference, and a
weekday ("w środę", "am Donnerstag") is the latest such day on or before the reference (news
reports look back); "yesterday"-style words move from the reference.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from importlib import resources

from kg.lang import rule_langs
from kg.model import TimeValue


@cache
def time_data(lang: str) -> dict:
    for code in rule_langs(lang):
        try:
            return json.loads(
                resources.files("kg.lang").joinpath(code, "time.json").read_text("utf-8")
            )
        except (FileNotFoundError, OSError):
            continue
    return {}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns(lang: str) -> list[tuple[str, re.Pattern]]:
    d = time_data(lang)
    months = _alt(d.get("months", {}))
    days = _alt(d.get("weekdays", {}))
    rel = _alt(d.get("relative_days", {}))
    years = _alt(d.get("year_prefixes", []))
    b = r"(?<![\w-])"
    e = r"(?![\w-])"
    pats = [
        ("iso", rf"{b}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){e}"),
        ("dmy_num", rf"{b}(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}){e}"),
        (
            "dmy",
            rf"{b}(?P<d>\d{{1,2}})\.?\s+(?P<mon>{months})\.?(?:,?\s+(?P<y>\d{{4}})(?:\s*r\.)?)?{e}",
        ),
        (
            "mdy",
            rf"{b}(?P<mon>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?{e}",
        ),
        ("my", rf"{b}(?P<mon>{months})\s+(?P<y>\d{{4}}){e}"),
        ("weekday", rf"{b}(?P<wd>{days}){e}"),
        ("relative", rf"{b}(?P<rel>{rel}){e}"),
        ("year", rf"{b}(?:(?P<pre>{years})\s+)(?P<y>(?:19|20)\d{{2}}){e}"),
    ]
    return [(name, re.compile(p, re.IGNORECASE)) for name, p in pats if "()" not in p]


def _nearest_year(month: int, day: int, reference: dt.date) -> dt.date | None:
    best = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - reference).days) < abs((best - reference).days):
            best = candidate
    return best


def _value(
    name: str, m: re.Match, lang: str, reference: dt.date | None, future: bool = False
) -> TimeValue | None:
    d = time_data(lang)
    text = m.group(0)
    try:
        if name in ("iso", "dmy_num"):
            date = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            return TimeValue(date.isoformat(), "date", text, m.start(), m.end())
        if name in ("dmy", "mdy"):
            month = d["months"][m.group("mon").casefold()]
            day = int(m.group("d"))
            if m.group("y"):
                date = dt.date(int(m.group("y")), month, day)
                return TimeValue(date.isoformat(), "date", text, m.start(), m.end())
            dt.date(2000, month, day)  # validates the day
            if reference is not None:
                date = _nearest_year(month, day, reference)
                return TimeValue(date.isoformat(), "date", text, m.start(), m.end())
            return TimeValue(f"--{month:02d}-{day:02d}", "gMonthDay", text, m.start(), m.end())
        if name == "my":
            month = d["months"][m.group("mon").casefold()]
            return TimeValue(
                f"{int(m.group('y')):04d}-{month:02d}", "gYearMonth", text, m.start(), m.end()
            )
        if name == "weekday" and reference is not None:
            wd = d["weekdays"][m.group("wd").casefold()]
            if future:  # "will visit Bergen on Thursday": the next such day
                date = reference + dt.timedelta(days=(wd - reference.weekday()) % 7 or 7)
            else:
                date = reference - dt.timedelta(days=(reference.weekday() - wd) % 7)
            return TimeValue(date.isoformat(), "date", text, m.start(), m.end())
        if name == "relative" and reference is not None:
            key = " ".join(m.group("rel").casefold().split())
            date = reference + dt.timedelta(days=d["relative_days"][key])
            return TimeValue(date.isoformat(), "date", text, m.start(), m.end())
        if name == "year":
            return TimeValue(m.group("y"), "gYear", text, m.start(), m.end())
    except (ValueError, KeyError):
        return None
    return None


_SENTENCE_END = re.compile(r"[.!?\n]")


def _future(text: str, pos: int, lang: str) -> bool:
    """True when the sentence around ``pos`` speaks of the future ("will", "wird", "skal")."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, pos)), default=0)
    end_match = _SENTENCE_END.search(text, pos)
    sentence = text[start : end_match.start() if end_match else len(text)].casefold()
    return any(
        re.search(rf"(?<!\w){re.escape(w)}(?!\w)", sentence)
        for w in time_data(lang).get("future_markers", [])
    )


def find_times(
    text: str,
    lang: str,
    reference: dt.date | None,
    start: int = 0,
    end: int | None = None,
    published: bool = True,
) -> list[TimeValue]:
    """All time expressions in text[start:end] (absolute offsets), longest match first."""
    end = len(text) if end is None else end
    segment = text[start:end]
    found: list[TimeValue] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in _patterns(lang):
        for m in pattern.finditer(segment):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            future = published and _future(segment, m.start(), lang)
            value = _value(name, m, lang, reference, future)
            if value is None:
                continue
            found.append(
                TimeValue(
                    value.value, value.datatype, value.text, value.start + start, value.end + start
                )
            )
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda t: (t.start, t.end))
