"""Periods as DHIS2 and SDMX write them, turned into the contract's keys, or the reason there is none.

Each function returns ``(key, reason)``: the contract's key (``2020-06``, ``2020Q2``,
``2020S1``, ``2020`` or a day ``2020-06-15``) and None, or None and why the period
has no place in the contract (weeks, financial years, ranges ...).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from briefing.periods import MAX_YEAR, MIN_YEAR

#: DHIS2's period ids the contract has a period for: pattern -> kind.
_DHIS2 = (
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "day"),
    (re.compile(r"^(\d{4})(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})Q(\d)$"), "quarter"),
    (re.compile(r"^(\d{4})S(\d)$"), "half"),
    (re.compile(r"^(\d{4})$"), "year"),
)
#: DHIS2's period ids the contract has none for, with the words that name them.
_DHIS2_OTHER = (
    (re.compile(r"^\d{4}BiW\d{1,2}$"), "a bi-weekly period"),
    (re.compile(r"^\d{4}(?:Wed|Thu|Sat|Sun)?W\d{1,2}$"), "a weekly period"),
    (re.compile(r"^\d{6}B$"), "a bi-monthly period"),
    (re.compile(r"^\d{4}[A-Za-z]+S\d$"), "a six-month period that does not start in January or July"),
    (re.compile(r"^\d{4}[A-Za-z]+Q\d$"), "a quarter that does not start in January"),
    (re.compile(r"^\d{4}(?:April|July|Sep|Oct|Nov)$"), "a financial year"),
)
#: SDMX's TIME_PERIOD spellings the contract has a period for.
_SDMX = (
    (re.compile(r"^(\d{4})(?:-A1)?$"), "year"),
    (re.compile(r"^(\d{4})-?Q(\d)$"), "quarter"),
    (re.compile(r"^(\d{4})-?S(\d)$"), "half"),
    (re.compile(r"^(\d{4})-M?(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "day"),
)
_SDMX_OTHER = (
    (re.compile(r"/"), "a time range"),
    (re.compile(r"^\d{4}-W\d{1,2}$"), "a weekly period"),
    (re.compile(r"^\d{4}-D\d{3}$"), "a day numbered within its year"),
    (re.compile(r"^\d{4}-T\d$"), "a four-month period"),
    (re.compile(r"^\d{4}-B\d$"), "a bi-monthly period"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}T"), "a date and time"),
)
#: Why a period of a kind the contract has is still refused.
_OUT_OF_RANGE = "a period outside the calendar (month 1–12, quarter 1–4, half 1–2, year 1900–2100)"
_UNKNOWN = "not a period the contract knows (months, quarters, half years, years or days)"
_NUMBERS = {"month": 12, "quarter": 4, "half": 2, "year": 1}


@lru_cache(maxsize=4096)   # a file holds few distinct periods in many rows
def dhis2_period(text: str) -> tuple[str | None, str | None]:
    """The contract's key of a DHIS2 period id.

    >>> dhis2_period("202001"), dhis2_period("2020Q1"), dhis2_period("20200115")
    (('2020-01', None), ('2020Q1', None), ('2020-01-15', None))
    >>> dhis2_period("2020W1"), dhis2_period("2020AprilS1")
    ((None, 'a weekly period'), (None, 'a six-month period that does not start in January or July'))
    """
    return _convert(str(text).strip(), _DHIS2, _DHIS2_OTHER)


@lru_cache(maxsize=4096)
def sdmx_period(text: str) -> tuple[str | None, str | None]:
    """The contract's key of an SDMX ``TIME_PERIOD``.

    >>> [sdmx_period(t)[0] for t in ("2020", "2020-A1", "2020-Q1", "2020-S2", "2020-M01", "2020-01")]
    ['2020', '2020', '2020Q1', '2020S2', '2020-01', '2020-01']
    >>> sdmx_period("2020-W05"), sdmx_period("2020-01-01/P1Y")
    ((None, 'a weekly period'), (None, 'a time range'))
    """
    return _convert(str(text).strip(), _SDMX, _SDMX_OTHER)


def _convert(text: str, known, other) -> tuple[str | None, str | None]:
    for pattern, kind in known:
        match = pattern.match(text)
        if match:
            key = _key(kind, *(int(g) for g in match.groups()))
            return (key, None) if key else (None, _OUT_OF_RANGE)
    for pattern, reason in other:
        if pattern.search(text):
            return None, reason
    return None, _UNKNOWN


def _key(kind: str, year: int, number: int = 1, day: int | None = None) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if kind == "day":
        try:
            return dt.date(year, number, day).isoformat()
        except ValueError:
            return None
    if not 1 <= number <= _NUMBERS[kind]:
        return None
    if kind == "month":
        return f"{year}-{number:02d}"
    if kind == "quarter":
        return f"{year}Q{number}"
    if kind == "half":
        return f"{year}S{number}"
    return str(year)
