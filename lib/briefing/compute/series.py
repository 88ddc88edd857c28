"""Series of one indicator for one unit by month (or quarter, half year, year): this year, year
to date, last year, the pace."""

from __future__ import annotations

import pandas as pd

from briefing.compute.metrics import compute_metrics
from briefing.inputs.contract import LEVELS, SUMMED_OVER_TIME
from briefing.inputs.dataset import CheckedData
from briefing.periods import MONTHS_IN, Period, parse_period

SERIES_COLUMNS = ["month", "year", "month_number", "value", "ytd_value", "previous_value",
                  "previous_ytd_value", "last_year_value", "target", "pace_value", "as_of", "flags"]
PERIOD_SERIES_COLUMNS = ["period", "kind", "year", "number", *SERIES_COLUMNS[3:]]
#: Kinds of period a trend may be drawn by, finest first.
TREND_KINDS = ("month", "quarter", "half", "year")


def monthly_series(dataset: CheckedData, indicator: str, unit: str | None = None,
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
        should be to reach the plan. ``previous_value`` follows SPEC (a stock
        at this year's as-of month a year earlier, so none where this year has
        no figure); ``last_year_value`` is the same month a year earlier
        computed on its own, known wherever last year has data.
    """
    series = period_series(dataset, indicator, unit, first, last, "month")
    return series.rename(columns={"period": "month", "number": "month_number"})[SERIES_COLUMNS]


def period_series(dataset: CheckedData, indicator: str, unit: str | None = None, first=None, last=None,
                  kind: str = "month") -> pd.DataFrame:
    """One row per period of ``kind`` (month, quarter, half, year) from ``first`` to ``last``.

    As :func:`monthly_series`, with ``period`` (its key), ``kind`` and
    ``number`` (its number within the year) instead of the month columns:
    :data:`PERIOD_SERIES_COLUMNS`.
    """
    unit = unit or dataset.tree.roots[0]
    _check_arguments(dataset, indicator, unit, kind)
    start, end = _month_span(dataset, first, last)
    figures: dict[Period, pd.Series] = {}

    def figure(period: Period) -> pd.Series:
        if period not in figures:
            figures[period] = compute_metrics(dataset, period, unit) \
                .set_index("indicator_id").loc[indicator]
        return figures[period]

    rows = [_series_row(period, figure(period), figure(period.previous_year()))
            for period in periods_between(kind, start, end)]
    return pd.DataFrame(rows, columns=PERIOD_SERIES_COLUMNS)


def trend_series(dataset: CheckedData, indicator: str, unit: str | None = None,
                 year: int | None = None) -> pd.DataFrame:
    """The series a trend chart draws for ``year``: by the finest kind of period with data.

    Months where the indicator has monthly figures; else quarters, half years
    or the year, whichever is the finest kind with a figure this year or last
    year. By month (and empty) when there is none at all.
    """
    year = year or parse_period(dataset.periods[-1]).year
    first = None
    for kind in TREND_KINDS:
        series = period_series(dataset, indicator, unit, str(year), str(year), kind)
        if series[["value", "last_year_value"]].notna().any(axis=None):
            return series
        first = series if first is None else first
    return first


def periods_between(kind: str, start: int, end: int) -> list[Period]:
    """The periods of ``kind`` covering the month ordinals ``start`` to ``end``, in order."""
    length = MONTHS_IN[kind]
    return [Period(kind, index * length // 12, index * length % 12 // length + 1)
            for index in range(start // length, end // length + 1)]


def _series_row(period: Period, now: pd.Series, before: pd.Series) -> dict:
    flow = now["kind"] in SUMMED_OVER_TIME
    has_value = now["value"] == now["value"]
    return {
        "period": period.key, "kind": period.kind, "year": period.year, "number": period.number,
        "value": now["value"],
        "ytd_value": now["ytd_value"] if has_value else float("nan"),
        "previous_value": now["previous_value"],
        "previous_ytd_value": before["ytd_value"] if now["kind"] not in LEVELS else float("nan"),
        "last_year_value": before["value"],
        "target": now["target"],
        "pace_value": now["target"] * period.months_elapsed / 12 if flow else float("nan"),
        "as_of": now["as_of"], "flags": now["flags"],
    }


def _check_arguments(dataset: CheckedData, indicator: str, unit: str, kind: str) -> None:
    from briefing.errors import ParamsError

    dataset.require_unit(unit)
    if indicator not in set(dataset.indicators["indicator_id"]):
        raise ParamsError(f"unknown indicator {indicator!r}; see dataset.indicators")
    if kind not in MONTHS_IN:
        raise ParamsError(f"unknown kind of period {kind!r}; expected one of {', '.join(MONTHS_IN)}")


def _month_span(dataset: CheckedData, first, last) -> tuple[int, int]:
    spans = [parse_period(key) for key in dataset.periods]
    start = parse_period(first).first_month if first else min(s.first_month for s in spans)
    end = parse_period(last).last_month if last else max(s.last_month for s in spans)
    return start, end
