"""Periods of ``values.csv``: days folded into their month by kind, weeks and fiscal years refused.

A report is never for a day, but data often comes by day (epidemic figures by
region). Day rows are read as days (``2020-06-15``, ``20200615``, or a date
cell of a workbook) and each indicator's days of a month become one month row,
by the indicator's kind (:data:`DAY_AGGREGATION`). Periods that are neither a
reporting period nor a day (weeks, fiscal years, day-first dates) are refused
with a message saying what to give instead.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from briefing.errors import PeriodError, Problem
from briefing.inputs.read import RawTable
from briefing.periods import DAY_SYNTAX, EXPECTED_SYNTAX, parse_day, parse_period

#: How the days of a month make the month's figure, by indicator kind. ``last`` is
#: the latest day's value (a level, a rate or a year-to-date total as last observed).
#: A kind missing here sums its days.
DAY_AGGREGATION = {"flow": "sum", "stock": "last", "rate": "last", "cumulative": "last",
                   "average": "mean", "ratio": "sum"}
DEFAULT_AGGREGATION = "sum"

#: A canonical day key, as :func:`read_period_keys` writes days.
DAY_KEY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A canonical month key.
MONTH_KEY = re.compile(r"^\d{4}-\d{2}$")
#: What a workbook's date cell reads as (see :mod:`briefing.inputs.workbook`).
MIDNIGHT = " 00:00:00"

_WEEK = re.compile(r"^\d{4}[- ]?W\d{1,2}(-?\d)?$|^W\d{1,2}[-/ ]?\d{4}$", re.IGNORECASE)
_FISCAL_YEAR = re.compile(r"^FY ?-?\d{2}(\d{2})?$|^(\d{4})[-/](\d{4}|\d{2})$", re.IGNORECASE)
_DAY_FIRST = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$")
_DAY_SHAPE = re.compile(r"^\d+-\d+-\d+$|^\d{8}$")
_DATE_AND_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$")

#: What a period of values.csv may be: a reporting period's spellings, or a day.
VALUES_SYNTAX = f"{EXPECTED_SYNTAX}, or a day like 2020-06-15"

WEEK_REASON = ("a month, quarter, half year, year or day; weeks are not reporting periods "
               "here: aggregate them into months (or give daily rows)")
FISCAL_REASON = ("a calendar period; fiscal years are not reporting periods here: give "
                 "calendar months, quarters or years")
DAY_FIRST_HINT = "a day written day first or month first could be read either way"
TIME_OF_DAY_HINT = ("the cell is an Excel date with a time of day; give the day only, or format "
                    "the column as text")


def read_period_keys(written) -> tuple[dict[str, str], dict[str, tuple[str, str | None]]]:
    """Canonical keys of the periods as written in ``values.csv``, and the ones refused.

    Parameters
    ----------
    written
        The distinct periods as written (text).

    Returns
    -------
    keys, refused
        ``keys`` maps each written period to its key (``2020-06``, ``2020Q2``, a day
        ``2020-06-15``), or to itself when refused; ``refused`` maps a refused one to
        what was expected and a hint (or ``None``).
    """
    keys, refused = {}, {}
    for raw in written:
        try:
            keys[raw] = period_key(raw)
        except PeriodError as error:
            keys[raw] = raw
            refused[raw] = _refusal(raw, error)
    return keys, refused


def period_key(raw: str) -> str:
    """The canonical key of one period of ``values.csv``: a reporting period's or a day's.

    A workbook's date cell (``2020-06-15 00:00:00``) is a day. ``20200615`` is a day:
    eight digits are never a month (``202006``).

    Raises
    ------
    PeriodError
        When ``raw`` is neither; the reason is that of a reporting period, or of a
        day when ``raw`` looks like one.
    """
    try:
        return parse_period(raw).key
    except PeriodError as error:
        text = raw[:-len(MIDNIGHT)] if raw.endswith(MIDNIGHT) else raw
        if not _looks_like_day(text):
            raise error from None
        return parse_day(text).isoformat()


def _looks_like_day(text: str) -> bool:
    return bool(_DAY_SHAPE.match(text))


def _refusal(raw: str, error: PeriodError) -> tuple[str, str | None]:
    """What a refused period should have been, and a hint, by the shape it has."""
    if _WEEK.match(raw):
        return WEEK_REASON, None
    fiscal = _FISCAL_YEAR.match(raw)
    if fiscal and (fiscal.group(2) is None or _consecutive(fiscal.group(2), fiscal.group(3))):
        return FISCAL_REASON, None
    if _DAY_FIRST.match(raw):
        return DAY_SYNTAX, DAY_FIRST_HINT
    if _DATE_AND_TIME.match(raw):
        return (error.reason, None) if raw.endswith(MIDNIGHT) else (DAY_SYNTAX, TIME_OF_DAY_HINT)
    return (VALUES_SYNTAX if error.reason == EXPECTED_SYNTAX else error.reason), None


def _consecutive(first: str, second: str) -> bool:
    """``2019`` then ``2020`` or ``20``: a fiscal year's two calendar years."""
    return int(second) % 10 ** len(second) == (int(first) + 1) % 10 ** len(second)


def day_rows(periods: pd.Series) -> np.ndarray:
    """Mask of the rows whose (canonical) period is a day."""
    return _rows_matching(periods, DAY_KEY)


def _rows_matching(periods: pd.Series, pattern: re.Pattern) -> np.ndarray:
    """Mask of the rows whose period matches ``pattern``; decided once per category."""
    periods = periods if isinstance(periods.dtype, pd.CategoricalDtype) \
        else periods.astype("category")
    matches = [bool(pattern.match(str(c))) for c in periods.cat.categories]
    return np.append(np.array(matches, dtype=bool), False)[periods.cat.codes.to_numpy()]


def check_days_against_months(table: RawTable, written: pd.Series, problems: list) -> None:
    """A month given both as a row of its own and as days is a problem naming both lines.

    ``table.frame`` holds canonical periods; ``written`` the periods as written,
    quoted in the problem. Rows without a value are not reported and never clash.
    One problem per month, at its first day's line.
    """
    frame = table.frame
    reported = frame["value"].notna().to_numpy()
    days = day_rows(frame["period"]) & reported
    if not days.any():
        return
    months = _rows_matching(frame["period"], MONTH_KEY) & reported
    key = _month_keys(frame)
    common = np.intersect1d(pd.unique(key[days]), pd.unique(key[months]), assume_unique=True)
    clashing = np.isin(key, common) & (days | months)
    if not clashing.any():
        return
    rows = pd.DataFrame({"key": key[clashing], "day": days[clashing],
                         "line": frame["_line"].to_numpy()[clashing],
                         "period": frame["period"].to_numpy()[clashing],
                         "written": written.to_numpy()[clashing]}).sort_values("line")
    first = rows.groupby(["key", "day"]).head(1)
    month = first[~first["day"]].set_index("key")
    for day in first[first["day"]].itertuples():
        month_row = month.loc[day.key]
        problems.append(Problem(
            table.label, "a row for the month or rows for its days, not both", int(day.line),
            "period", str(day.written),
            hint=f"line {int(month_row['line'])} gives {month_row['period']} itself; "
                 f"line {int(day.line)} gives a day of it",
        ))


def _month_keys(frame: pd.DataFrame) -> np.ndarray:
    """One integer per row for its (indicator, org unit, month of the period); from codes."""
    periods = frame["period"].cat
    month, _ = pd.factorize(np.asarray([str(key)[:7] for key in periods.categories]))
    month = np.append(month, -1)[periods.codes.to_numpy()] + 1
    unit = frame["org_unit"].cat.codes.to_numpy().astype(np.int64) + 1
    indicator = frame["indicator_id"].cat.codes.to_numpy().astype(np.int64) + 1
    units, months = len(frame["org_unit"].cat.categories) + 1, len(periods.categories) + 1
    return (indicator * units + unit) * months + month


#: How each aggregation makes a month from its days' sum, count and last value.
_REDUCE = {"sum": lambda sums, counts, lasts: sums,
           "last": lambda sums, counts, lasts: lasts,
           "mean": lambda sums, counts, lasts: sums / counts}


def fold_days(frame: pd.DataFrame, kinds: dict[str, str], label: str,
              notes: list) -> pd.DataFrame:
    """Each (indicator, org unit, month) given by days becomes one month row, by kind.

    Parameters
    ----------
    frame
        Checked values: category ids and canonical periods, ``_line``; every row
        has a value.
    kinds
        Indicator id to kind; an id not there sums its days.
    notes
        Gets one line saying how many day rows became how many month rows.

    Returns
    -------
    DataFrame
        A new frame (``frame`` itself when it has no day): the other rows as they
        were, and one row per month given by days, keeping the ``_line`` of its last day.
    """
    days = day_rows(frame["period"])
    if not days.any():
        return frame
    rows, starts = _days_in_order(frame[days])
    ends = np.append(starts[1:], len(rows)) - 1
    values = rows["value"].to_numpy(dtype=float)
    sums, counts, lasts = np.add.reduceat(values, starts), np.diff(np.append(starts, len(rows))), \
        values[ends]
    method = rows["indicator_id"].iloc[starts].astype(str).map(
        lambda i: DAY_AGGREGATION.get(kinds.get(i), DEFAULT_AGGREGATION)).to_numpy()
    folded = rows.iloc[ends].copy()
    value = np.empty(len(starts))
    for name in np.unique(method):   # a method without a reducer fails loudly (KeyError)
        value[method == name] = _REDUCE[name](sums, counts, lasts)[method == name]
    folded["value"] = value
    months = folded["period"].astype(str).str[:7]
    used = rows["period"].cat.categories[np.unique(rows["period"].cat.codes.to_numpy())]
    notes.append(_fold_note(label, len(rows), used.astype(str), len(folded)))
    return _with_months(frame[~days], folded, months)


def _days_in_order(rows: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The day rows by indicator, unit and day, and where each (indicator, unit, month) starts.

    Codes and categories only: canonical day keys sort as text in time order.
    """
    keys = rows["period"].cat.categories.astype(str)
    rank = np.argsort(np.argsort(np.asarray(keys)))
    month = pd.factorize(np.asarray([key[:7] for key in keys]))[0]
    period = rows["period"].cat.codes.to_numpy()
    indicator = rows["indicator_id"].cat.codes.to_numpy()
    unit = rows["org_unit"].cat.codes.to_numpy()
    order = np.lexsort((rank[period], unit, indicator))
    indicator, unit, month = indicator[order], unit[order], month[period[order]]
    change = (np.diff(indicator) != 0) | (np.diff(unit) != 0) | (np.diff(month) != 0)
    return rows.iloc[order], np.flatnonzero(np.append(True, change))


def _with_months(rest: pd.DataFrame, folded: pd.DataFrame, months: pd.Series) -> pd.DataFrame:
    """The rows that were not days and the folded months, in line order, periods as categories."""
    known = rest["period"].cat.categories
    categories = known.append(pd.Index(pd.unique(months)).difference(known))
    rest = rest.assign(period=rest["period"].cat.set_categories(categories))
    folded = folded.assign(period=pd.Categorical(months, categories=categories))
    out = pd.concat([rest, folded], ignore_index=True)
    out["period"] = out["period"].cat.remove_unused_categories()
    order = np.argsort(out["_line"].to_numpy(), kind="stable")
    return out.iloc[order].reset_index(drop=True)


def _fold_note(label: str, count: int, days: pd.Index, months: int) -> str:
    note = (f"{label}: {count:,} day row{'s' if count != 1 else ''} folded into {months:,} "
            f"month row{'s' if months != 1 else ''} by each indicator's kind (flows summed, "
            "averages the mean of the days; stocks, rates and cumulative totals the last day's "
            "value)")
    if (days.str[8:] == "01").all():
        note += ("; every day given is the 1st of its month: if these were months (Excel turns "
                 "2020-06 into a date), the figures are the same")
    return note
