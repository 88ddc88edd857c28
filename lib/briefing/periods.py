"""Reporting periods: months, quarters, half years and years (and days, which only data gives)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from briefing.errors import PeriodError

#: Months covered by one period of each kind.
MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12}

#: Accepted spellings, tried in order; each maps a match to (kind, year, number).
_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})[Qq](\d+)$"), "quarter"),
    (re.compile(r"^(\d{4})[SsHh](\d+)$"), "half"),
    (re.compile(r"^(\d{4})$"), "year"),
)
_NUMBER_RANGE = {"month": 12, "quarter": 4, "half": 2, "year": 1}
_NUMBER_NAME = {"month": "month", "quarter": "quarter", "half": "half year"}

EXPECTED_SYNTAX = "a period like 2020-06 (or 202006), 2020Q2, 2020S1 or 2020"

#: A day as data may give it: ``2020-06-15`` or ``20200615``. Eight digits, so never
#: confused with a month's six (``202006``). Not a reporting period: no report is for a day.
#: Groups: year, month, day of the first spelling, then of the second.
DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$|^(\d{4})(\d{2})(\d{2})$")
DAY_SYNTAX = "a day written year first, as in 2020-06-15 (or 20200615)"
MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class Period:
    """A calendar period: a month, a quarter, a half year or a year.

    Months inside periods are handled as ordinals, ``year * 12 + month - 1``,
    so that spans and comparisons are plain integer arithmetic.
    """

    kind: str
    year: int
    number: int = 1

    @property
    def length(self) -> int:
        """Number of months in the period."""
        return MONTHS_IN[self.kind]

    @property
    def first_month(self) -> int:
        """Ordinal of the first month."""
        return self.year * 12 + (self.number - 1) * self.length

    @property
    def last_month(self) -> int:
        """Ordinal of the last month."""
        return self.first_month + self.length - 1

    @property
    def key(self) -> str:
        """Canonical text: ``2020-06``, ``2020Q2``, ``2020S1`` or ``2020``."""
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}Q{self.number}"
        if self.kind == "half":
            return f"{self.year}S{self.number}"
        return f"{self.year}"

    @property
    def months_elapsed(self) -> int:
        """Months of the year elapsed by the end of the period (1–12)."""
        return self.last_month - self.year * 12 + 1

    @property
    def share_of_year_elapsed(self) -> float:
        """Share of the year elapsed by the end of the period, 0 < share ≤ 1."""
        return self.months_elapsed / 12

    @property
    def ends_in_december(self) -> bool:
        """True when the period ends with the year."""
        return self.months_elapsed == 12

    @property
    def shorter_than_year_to_date(self) -> bool:
        """True when the period starts after January (a month, Q2–Q4, the second half):
        its year to date is then longer than it, and reports show both."""
        return self.first_month > self.year * 12

    def months(self) -> list[Period]:
        """The months of the period, in order."""
        return [month_of(m) for m in range(self.first_month, self.last_month + 1)]

    def previous(self) -> Period:
        """The period of the same kind just before: 2020Q2 → 2020Q1, 2020S1 → 2019S2."""
        count = 12 // self.length
        index = self.year * count + self.number - 1 - 1
        return Period(self.kind, index // count, index % count + 1)

    def previous_year(self) -> Period:
        """The same period one year earlier."""
        return Period(self.kind, self.year - 1, self.number)

    def year_to_date(self) -> tuple[int, int]:
        """Span of month ordinals from January through the end of the period."""
        return self.year * 12, self.last_month

    def contains(self, other: Period) -> bool:
        """True when ``other`` lies wholly inside this period."""
        return self.first_month <= other.first_month and other.last_month <= self.last_month

    def __str__(self) -> str:
        return self.key


def month_of(ordinal: int) -> Period:
    """The month period of a month ordinal."""
    return Period("month", ordinal // 12, ordinal % 12 + 1)


def parse_period(text: object) -> Period:
    """Parse a period written as ``2020-06``, ``202006``, ``2020Q2``, ``2020S1`` or ``2020``.

    ``2020H1`` is accepted as another spelling of ``2020S1``; an integer year
    (as YAML gives for ``period: 2020``) is accepted too.

    Raises
    ------
    PeriodError
        When the text is not a period; the message says what was expected.
    """
    if isinstance(text, Period):
        return text
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise PeriodError(str(text), EXPECTED_SYNTAX)
    raw = str(text).strip()
    for pattern, kind in _PATTERNS:
        match = pattern.match(raw)
        if match:
            return _build_period(raw, kind, match)
    raise PeriodError(raw, EXPECTED_SYNTAX)


def _build_period(raw: str, kind: str, match: re.Match) -> Period:
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(raw, f"a year from {MIN_YEAR} to {MAX_YEAR}")
    if kind == "year":
        return Period("year", year)
    number = int(match.group(2))
    top = _NUMBER_RANGE[kind]
    if not 1 <= number <= top:
        span = "01 to 12" if kind == "month" else f"1 to {top}"
        raise PeriodError(raw, f"a {_NUMBER_NAME[kind]} from {span}, as in {EXPECTED_SYNTAX}")
    if kind == "month" and "-" in raw and len(match.group(2)) != 2:
        raise PeriodError(raw, f"the month in two digits: {year}-{number:02d}")
    return Period(kind, year, number)


def parse_day(text: str) -> dt.date:
    """Parse a day written ``2020-06-15`` or ``20200615``; :func:`parse_period` refuses days.

    Raises
    ------
    PeriodError
        When the text is not a day, or names one that does not exist (``2020-02-30``).
    """
    raw = str(text).strip()
    match = DAY.match(raw)
    if not match:
        raise PeriodError(raw, DAY_SYNTAX)
    parts = match.groups()[:3] if match.group(1) else match.groups()[3:]
    year, month, day = (int(part) for part in parts)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(raw, f"a year from {MIN_YEAR} to {MAX_YEAR}")
    if not 1 <= month <= 12:
        raise PeriodError(raw, "a month from 01 to 12 in the day, as in 2020-06-15")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise PeriodError(raw, f"a day that exists: {year}-{month:02d} has days 01 to {last}")
    if match.group(1) and (len(match.group(2)) != 2 or len(match.group(3)) != 2):
        raise PeriodError(raw, f"the month and the day in two digits: {year}-{month:02d}-{day:02d}")
    return dt.date(year, month, day)


def month_of_day(day: dt.date) -> Period:
    """The month period a day falls in."""
    return Period("month", day.year, day.month)


def covering_periods(first_month: int, last_month: int) -> list[Period]:
    """Split a span of months into the fewest calendar periods, coarsest first.

    Parameters
    ----------
    first_month, last_month
        Month ordinals, inclusive.

    Returns
    -------
    list of Period
        Aligned periods that cover the span exactly, e.g. January–May becomes
        ``[2020Q1, 2020-04, 2020-05]``.
    """
    pieces: list[Period] = []
    month = first_month
    while month <= last_month:
        piece = _largest_aligned(month, last_month)
        pieces.append(piece)
        month = piece.last_month + 1
    return pieces


def _largest_aligned(month: int, last_month: int) -> Period:
    year, index = divmod(month, 12)
    for kind in ("year", "half", "quarter"):
        length = MONTHS_IN[kind]
        if index % length == 0 and month + length - 1 <= last_month:
            return Period(kind, year, index // length + 1)
    return month_of(month)
