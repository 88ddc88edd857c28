"""Monthly series of one indicator for one unit: this year, year to date, last year, the pace."""

from __future__ import annotations

import pandas as pd

from briefing.metrics import compute_metrics
from briefing.periods import month_of, parse_period

SERIES_COLUMNS = ["month", "year", "month_number", "value", "ytd_value", "previous_value",
                  "previous_ytd_value", "target", "pace_value", "as_of", "flags"]


def monthly_series(dataset, indicator: str, unit: str | None = None,
                   first=None, last=None) -> pd.DataFrame:
    """One row per month: the month's figure, year to date, the same a year earlier, the pace.

    Figures follow exactly the rules of :func:`compute_metrics` (each month is
    computed as a period of its own), so a series and a briefing never disagree.

    Parameters
    ----------
    indicator
        An ``indicator_id`` of the catalogue.
    unit
        Org unit id (default: the first root).
    first, last
        Months to start and end with (default: the first and last month with data).

    Returns
    -------
    DataFrame
        :data:`SERIES_COLUMNS`. ``pace_value`` is the annual target spread
        evenly over the months (flows only): where the year-to-date figure
        should be to reach the plan.
    """
    unit = unit or dataset.tree.roots[0]
    dataset.require_unit(unit)
    if indicator not in set(dataset.indicators["indicator_id"]):
        from briefing.errors import ParamsError
        raise ParamsError(f"unknown indicator {indicator!r}; see dataset.indicators")
    start, end = _month_span(dataset, first, last)
    figures = {ordinal: compute_metrics(dataset, month_of(ordinal), unit)
               .set_index("indicator_id").loc[indicator]
               for ordinal in range(start - 12, end + 1)}
    rows = []
    for ordinal in range(start, end + 1):
        month, now, before = month_of(ordinal), figures[ordinal], figures[ordinal - 12]
        flow = now["kind"] == "flow"
        rows.append({
            "month": month.key, "year": month.year, "month_number": month.number,
            "value": now["value"],
            "ytd_value": now["ytd_value"] if now["value"] == now["value"] else float("nan"),
            "previous_value": now["previous_value"],
            "previous_ytd_value": before["ytd_value"] if flow else float("nan"),
            "target": now["target"],
            "pace_value": now["target"] * month.number / 12 if flow else float("nan"),
            "as_of": now["as_of"], "flags": now["flags"],
        })
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def _month_span(dataset, first, last) -> tuple[int, int]:
    spans = [parse_period(key) for key in dataset.periods]
    start = parse_period(first).first_month if first else min(s.first_month for s in spans)
    end = parse_period(last).last_month if last else max(s.last_month for s in spans)
    return start, end
