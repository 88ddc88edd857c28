"""Periods: parsing, spans, the same period a year earlier, year to date; days apart."""

import datetime as dt

import pytest

from briefing.errors import PeriodError
from briefing.periods import Period, covering_periods, month_of_day, parse_day, parse_period


@pytest.mark.parametrize("text, kind, year, number, key", [
    ("2020-06", "month", 2020, 6, "2020-06"),
    ("202006", "month", 2020, 6, "2020-06"),
    ("2020Q2", "quarter", 2020, 2, "2020Q2"),
    ("2020q2", "quarter", 2020, 2, "2020Q2"),
    ("2020S1", "half", 2020, 1, "2020S1"),
    ("2020H2", "half", 2020, 2, "2020S2"),
    ("2020", "year", 2020, 1, "2020"),
    (2020, "year", 2020, 1, "2020"),
    (" 2020-12 ", "month", 2020, 12, "2020-12"),
])
def test_parse_period_accepts_every_spelling(text, kind, year, number, key):
    period = parse_period(text)
    assert (period.kind, period.year, period.number, period.key) == (kind, year, number, key)


@pytest.mark.parametrize("text, fragment", [
    ("2020-13", "month from 01 to 12"),
    ("2020-00", "month from 01 to 12"),
    ("202013", "month from 01 to 12"),
    ("2020Q5", "quarter from 1 to 4"),
    ("2020Q0", "quarter from 1 to 4"),
    ("2020S3", "half year from 1 to 2"),
    ("20S1", "a period like 2020-06"),
    ("2020-6", "two digits: 2020-06"),
    ("June 2020", "a period like"),
    ("", "a period like"),
    ("1850", "a year from 1900"),
    (True, "a period like"),
    (2020.5, "a period like"),
])
def test_parse_period_rejects_bad_text_saying_what_was_expected(text, fragment):
    with pytest.raises(PeriodError, match=fragment):
        parse_period(text)


@pytest.mark.parametrize("key, first, last, months", [
    ("2020-06", (2020, 6), (2020, 6), 1),
    ("2020Q2", (2020, 4), (2020, 6), 3),
    ("2020S2", (2020, 7), (2020, 12), 6),
    ("2020", (2020, 1), (2020, 12), 12),
])
def test_months_of_a_period(key, first, last, months):
    period = parse_period(key)
    got = period.months()
    assert len(got) == months == period.length
    assert (got[0].year, got[0].number) == first
    assert (got[-1].year, got[-1].number) == last


@pytest.mark.parametrize("key, previous", [
    ("2020-06", "2019-06"), ("2020Q2", "2019Q2"), ("2020S1", "2019S1"), ("2020", "2019"),
])
def test_same_period_a_year_earlier(key, previous):
    assert parse_period(key).previous_year().key == previous


@pytest.mark.parametrize("key, elapsed, share, december", [
    ("2020-01", 1, 1 / 12, False),
    ("2020Q2", 6, 0.5, False),
    ("2020S1", 6, 0.5, False),
    ("2020Q3", 9, 0.75, False),
    ("2020S2", 12, 1.0, True),
    ("2020", 12, 1.0, True),
])
def test_year_to_date_and_share_elapsed(key, elapsed, share, december):
    period = parse_period(key)
    first, last = period.year_to_date()
    assert first == 2020 * 12 and last - first + 1 == elapsed
    assert period.months_elapsed == elapsed
    assert period.share_of_year_elapsed == pytest.approx(share)
    assert period.ends_in_december is december


@pytest.mark.parametrize("first, last, expected", [
    ((2020, 1), (2020, 5), ["2020Q1", "2020-04", "2020-05"]),
    ((2020, 1), (2020, 9), ["2020S1", "2020Q3"]),
    ((2020, 1), (2020, 12), ["2020"]),
    ((2020, 4), (2020, 6), ["2020Q2"]),
    ((2020, 2), (2020, 4), ["2020-02", "2020-03", "2020-04"]),
])
def test_covering_periods_splits_a_span_coarsest_first(first, last, expected):
    start, end = first[0] * 12 + first[1] - 1, last[0] * 12 + last[1] - 1
    assert [p.key for p in covering_periods(start, end)] == expected


def test_contains():
    assert parse_period("2020S1").contains(parse_period("2020Q2"))
    assert not parse_period("2020Q2").contains(parse_period("2020S1"))
    assert Period("month", 2020, 6) == parse_period("202006")


@pytest.mark.parametrize("text, day", [
    ("2020-06-15", dt.date(2020, 6, 15)),
    ("20200615", dt.date(2020, 6, 15)),      # eight digits: never the month 202006
    (" 2020-02-29 ", dt.date(2020, 2, 29)),
])
def test_parse_day_accepts_both_spellings(text, day):
    assert parse_day(text) == day
    assert month_of_day(day).key == f"{day.year}-{day.month:02d}"


@pytest.mark.parametrize("text, fragment", [
    ("2021-02-29", "a day that exists: 2021-02 has days 01 to 28"),
    ("2020-04-31", "2020-04 has days 01 to 30"),
    ("2020-00-10", "a month from 01 to 12"),
    ("2020-6-15", "two digits: 2020-06-15"),
    ("202006", "a day written year first"),
    ("2099-12-32", "has days 01 to 31"),
    ("2101-01-01", "a year from 1900 to 2100"),
])
def test_parse_day_rejects_what_is_not_a_day(text, fragment):
    with pytest.raises(PeriodError) as caught:
        parse_day(text)
    assert fragment in caught.value.reason


def test_a_day_is_not_a_report_period():
    with pytest.raises(PeriodError, match="a period like 2020-06"):
        parse_period("20200615")
