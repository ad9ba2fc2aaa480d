"""Date expressions resolved against a publication date (and, when chained, an anchor)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from regional_briefs.extract.dates import (
    FUTURE_SLACK_DAYS, anchor_unit, named_weekday, range_start, resolve_date,
)
from regional_briefs.model import PartialDate as D

# 2024-04-02 is a Tuesday; 2023-07-06 and 2024-05-09 are Thursdays; 2026-01-07 a Wednesday.
TUESDAY = D(2024, 4, 2)
THURSDAY = D(2023, 7, 6)
JANUARY = D(2026, 1, 7)
YEARLESS = D(None, 6, 5)


@pytest.mark.parametrize(
    "expression, reference, expected",
    [
        # month and day: the reference's year, unless that would be well after publication
        ("October 25", D(2025, 11, 2), D(2025, 10, 25)),
        ("Oct. 25", D(2025, 11, 2), D(2025, 10, 25)),
        ("25 October", D(2025, 11, 2), D(2025, 10, 25)),
        ("on October 25", JANUARY, D(2025, 10, 25)),
        ("December 18", JANUARY, D(2025, 12, 18)),
        ("August 2", THURSDAY, D(2023, 8, 2)),
        ("October 25", None, D(None, 10, 25)),
        ("June 5", YEARLESS, D(None, 6, 5)),
        ("Sept. 3", YEARLESS, D(None, 9, 3)),
        # month only
        ("late October", None, D(None, 10)),
        ("in August", None, D(None, 8)),
        ("in October", JANUARY, D(2025, 10)),
        ("early March", D(2025, 3, 20), D(2025, 3)),
        ("mid-June", THURSDAY, D(2023, 6)),
        ("the end of March", TUESDAY, D(2024, 3)),
        ("May", D(2024, 9, 12), D(2024, 5)),
        # stated years
        ("in 2021", None, D(2021)),
        ("2021", TUESDAY, D(2021)),
        ("since 2021", TUESDAY, D(2021)),
        ("September 2022", None, D(2022, 9)),
        ("late December 2022", TUESDAY, D(2022, 12)),
        ("March 14, 2019", None, D(2019, 3, 14)),
        ("Dec. 12, 2016", None, D(2016, 12, 12)),
        ("Friday, 6 September 2019", None, D(2019, 9, 6)),
        ("03.06.2021", None, D(2021, 6, 3)),
        ("2021-11-30", None, D(2021, 11, 30)),
        # weekdays: the latest such day on or before publication; "last" is strictly before
        ("on Monday", TUESDAY, D(2024, 4, 1)),
        ("Monday", TUESDAY, D(2024, 4, 1)),
        ("on Tuesday", TUESDAY, D(2024, 4, 2)),
        ("last Tuesday", TUESDAY, D(2024, 3, 26)),
        ("Wednesday", THURSDAY, D(2023, 7, 5)),
        ("Friday's", THURSDAY, D(2023, 6, 30)),
        ("Saturday night", THURSDAY, D(2023, 7, 1)),
        ("last Friday", D(2024, 5, 9), D(2024, 5, 3)),
        ("Last Saturday", D(2024, 5, 9), D(2024, 5, 4)),
        ("on Monday", YEARLESS, None),
        ("on Monday", None, None),
        ("Wednesday (June 5)", YEARLESS, D(None, 6, 5)),
        # counted from publication
        ("yesterday", TUESDAY, D(2024, 4, 1)),
        ("today", TUESDAY, D(2024, 4, 2)),
        ("yesterday", None, None),
        ("a week ago", TUESDAY, D(2024, 3, 26)),
        ("last month", JANUARY, D(2025, 12)),
        ("next month", JANUARY, D(2026, 2)),
        ("this month", TUESDAY, D(2024, 4)),
        ("last month", YEARLESS, D(None, 5)),
        ("last month", None, None),
        ("last year", JANUARY, D(2025)),
        ("this year", JANUARY, D(2026)),
        ("two years ago", JANUARY, D(2024)),
        ("3 years ago", JANUARY, D(2023)),
        ("last year", YEARLESS, None),
        # a month in a year counted from publication; with no reference year, the month alone
        ("December last year", TUESDAY, D(2023, 12)),
        ("in December of last year", TUESDAY, D(2023, 12)),
        ("on March 3 last year", TUESDAY, D(2023, 3, 3)),
        ("February this year", TUESDAY, D(2024, 2)),
        ("last December", TUESDAY, D(2023, 12)),
        ("last March", TUESDAY, D(2024, 3)),
        ("last April", TUESDAY, D(2023, 4)),
        ("next January", TUESDAY, D(2025, 1)),
        ("December last year", None, D(None, 12)),
        # a week is not a precision: its month when the whole week lies in one month
        ("last week", TUESDAY, D(2024, 3)),
        ("last week", THURSDAY, None),
        ("last week", None, None),
    ],
)
def test_expressions_resolve_against_the_publication_date(expression, reference, expected):
    assert resolve_date(expression, reference) == expected


@pytest.mark.parametrize(
    "expression",
    [
        "February 30", "31 September", "31.02.2024", "2025-13-01",  # impossible
        "July 3 to August 2", "three days", "almost 23 years", "six weeks", "a month",  # spans
        "the 1990s", "recent months", "summer", "annual", "colonial-era", "decades", "",
    ],
)
def test_impossible_dates_and_spans_name_no_date(expression):
    assert resolve_date(expression, TUESDAY) is None
    assert resolve_date(expression, None) is None


@pytest.mark.parametrize(
    "expression, start",
    [
        ("between late 2019 and early 2020", "late 2019"),
        ("From March to May 2022", "march 2022"),
        ("between 2019 and 2021", "2019"),
        ("between three and eight years", None),  # lengths, not times
        ("July 3 to August 2", None),  # no "between" or "from": not read as a range
        ("from 2019", None),
        ("between 12 and 18 March", "12 march"),  # the start takes the end's month
        ("June 8-9", "june 8"),  # days of one month
        ("21-23 October 2021", "october 21 2021"),
        ("2019-2021", None),
    ],
)
def test_a_range_is_dated_by_its_start(expression, start):
    assert range_start(expression) == start


def test_february_29_needs_a_leap_year():
    assert resolve_date("February 29", None) == D(None, 2, 29)
    assert resolve_date("February 29", D(2024, 3, 8)) == D(2024, 2, 29)
    assert resolve_date("February 29", D(2025, 3, 8)) is None


@pytest.mark.parametrize(
    "expression, anchor, expected",
    [
        ("the next day", D(2023, 6, 20), D(2023, 6, 21)),
        ("the following day", D(2025, 12, 31), D(2026, 1, 1)),
        ("a day earlier", D(2023, 6, 20), D(2023, 6, 19)),
        ("the day before", D(2023, 3, 1), D(2023, 2, 28)),
        ("the same day", D(2023, 6, 20), D(2023, 6, 20)),
        ("That evening", D(None, 6, 5), D(None, 6, 5)),
        ("the same night", D(2023, 2, 10), D(2023, 2, 10)),
        ("two days later", D(None, 12, 31), D(None, 1, 2)),
        ("a week later", D(2023, 2, 10), D(2023, 2, 17)),
        ("A month later", D(2022, 11, 15), D(2022, 12)),
        ("the following year", D(2021), D(2022)),
        ("a year later", D(2019, 5), D(2020)),
        ("the same day", D(2021, 4), None),  # an anchor without a day cannot give one
        ("the next day", None, None),
    ],
)
def test_chained_expressions_follow_the_anchor(expression, anchor, expected):
    assert resolve_date(expression, TUESDAY, anchor) == expected


def test_chained_expressions_say_what_anchor_they_need():
    assert anchor_unit("the next day") == "day"
    assert anchor_unit("A month later") == "month"
    assert anchor_unit("the following year") == "year"
    assert anchor_unit("next month") is None  # counted from publication, not from the story
    assert named_weekday("Friday's") == 4
    assert named_weekday("late October") is None


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_full_dates_round_trip(day):
    assert resolve_date(f"{day:%B} {day.day}, {day.year}", None) == D(day.year, day.month, day.day)
    assert resolve_date(f"{day.day:02d}.{day.month:02d}.{day.year}", None) == D(day.year, day.month, day.day)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)),
)
def test_a_yearless_date_never_lands_far_after_publication(published, mentioned):
    reference = D(published.year, published.month, published.day)
    result = resolve_date(f"{mentioned:%B} {mentioned.day}", reference)
    if result is None:  # February 29 in a year without one
        assert (mentioned.month, mentioned.day) == (2, 29)
        return
    assert (result.month, result.day) == (mentioned.month, mentioned.day)
    assert date(result.year, result.month, result.day) - published <= timedelta(days=FUTURE_SLACK_DAYS)
    assert published - date(result.year, result.month, result.day) < timedelta(days=366)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 6))
def test_weekdays_land_within_the_week_before_publication(published, weekday):
    name = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[weekday]
    reference = D(published.year, published.month, published.day)
    plain = resolve_date(f"on {name}", reference)
    last = resolve_date(f"last {name}", reference)
    plain_day = date(plain.year, plain.month, plain.day)
    last_day = date(last.year, last.month, last.day)
    assert plain_day.weekday() == weekday == last_day.weekday()
    assert 0 <= (published - plain_day).days <= 6
    assert 1 <= (published - last_day).days <= 7


def test_a_month_of_that_year_takes_the_year_last_talked_about():
    assert resolve_date("in November of that year", None, D(2020)) == D(2020, 11)
    assert resolve_date("March 3 the same year", D(2024, 5, 1), D(2019, 7, 2)) == D(2019, 3, 3)
    assert resolve_date("February 30 of that year", None, D(2020)) is None
    assert resolve_date("in November of that year", None, None) is None
    assert anchor_unit("November of that year") == "year"
