"""Checks of a run against the data: is there anything to report for the period asked?"""

from __future__ import annotations

from briefing.errors import ParamsError
from briefing.periods import month_of, parse_period


def check_period_covered(dataset, period) -> None:
    """Raise ``ParamsError`` when no value of the data falls in ``period``.

    A value counts when its period overlaps the period asked; the message
    says which months the data covers.
    """
    period = parse_period(period)
    spans = [parse_period(key) for key in dataset.periods]
    if any(s.first_month <= period.last_month and period.first_month <= s.last_month
           for s in spans):
        return
    if not spans:
        raise ParamsError("the data has no values at all")
    first = month_of(min(s.first_month for s in spans)).key
    last = month_of(max(s.last_month for s in spans)).key
    raise ParamsError(f"the data has no values for {period.key}; it covers {first} to {last}")
