"""Time expressions: every datatype, reference resolution, and no invented years."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.time import find_times

REF = dt.date(2024, 11, 29)  # a Friday


@pytest.mark.parametrize(
    ("text", "lang", "ref", "value", "datatype"),
    [
        ("on 28 November 2024", "en", None, "2024-11-28", "date"),
        ("on November 28", "en", REF, "2024-11-28", "date"),
        ("on November 28", "en", None, "--11-28", "gMonthDay"),
        ("den 28. november", "nb", None, "--11-28", "gMonthDay"),
        ("28 november", "sv", REF, "2024-11-28", "date"),
        ("am Donnerstag", "de", REF, "2024-11-28", "date"),
        ("w środę", "pl", REF, "2024-11-27", "date"),
        ("i torsdags", "sv", REF, "2024-11-28", "date"),
        ("w listopadzie 2024 r.", "pl", None, "2024-11", "gYearMonth"),
        ("i slutet av 2024", "sv", None, "2024", "gYear"),
        ("Ende 2024", "de", None, "2024", "gYear"),
        ("28.11.2024", "de", None, "2024-11-28", "date"),
        ("i går", "nb", REF, "2024-11-28", "date"),
        ("wczoraj", "pl", REF, "2024-11-28", "date"),
    ],
)
def test_time_values(text, lang, ref, value, datatype):
    found = find_times(text, lang, ref)
    assert [(t.value, t.datatype) for t in found] == [(value, datatype)]
    assert text[found[0].start : found[0].end] == found[0].text


def test_year_rollover_picks_the_nearest_year():
    assert find_times("on 28 December", "en", dt.date(2025, 1, 3))[0].value == "2024-12-28"
    assert find_times("on 2 January", "en", dt.date(2024, 12, 30))[0].value == "2025-01-02"


def test_weekday_without_reference_is_not_resolved():
    assert find_times("am Donnerstag", "de", None) == []


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
    st.sampled_from(
        [
            ("en", "on Wednesday"),
            ("de", "am Mittwoch"),
            ("pl", "w środę"),
            ("nb", "på onsdag"),
            ("sv", "i onsdags"),
        ]
    ),
)
def test_weekday_is_on_or_before_the_reference(ref, case):
    lang, text = case
    (value,) = find_times(text, lang, ref)
    day = dt.date.fromisoformat(value.value)
    assert day.weekday() == 2 and 0 <= (ref - day).days < 7


def test_future_weekday_reads_forward_only_from_the_publication_date():
    ref = dt.date(2025, 3, 12)  # a Wednesday, the article's own date
    text = "Wierzbicki will visit Bergen on Thursday."
    assert find_times(text, "en", ref)[0].value == "2025-03-13"
    assert find_times(text, "en", ref, published=False)[0].value == "2025-03-06"
    assert find_times("He visited Bergen on Thursday.", "en", ref)[0].value == "2025-03-06"
