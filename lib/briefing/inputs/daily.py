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
from briefing.periods import DAY_SYNTAX, parse_day, parse_period

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

WEEK_REASON = ("a month, quarter, half year, year or day; weeks are not reporting periods "
               "here: aggregate them into months (or give daily rows)")
FISCAL_REASON = ("a calendar period; fiscal years are not reporting periods here: give "
                 "calendar months, quarters or years")
DAY_FIRST_REASON = DAY_SYNTAX
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
    return text.count("-") == 2 or (len(text) == 8 and text.isdigit())


def _refusal(raw: str, error: PeriodError) -> tuple[str, str | None]:
    """What a refused period should have been, and a hint, by the shape it has."""
    if _WEEK.match(raw):
        return WEEK_REASON, None
    fiscal = _FISCAL_YEAR.match(raw)
    if fiscal and (fiscal.group(2) is None or _consecutive(fiscal.group(2), fiscal.group(3))):
        return FISCAL_REASON, None
    if _DAY_FIRST.match(raw):
        return DAY_FIRST_REASON, DAY_FIRST_HINT
    if re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$", raw):
        return error.reason, None if raw.endswith(MIDNIGHT) else TIME_OF_DAY_HINT
    return error.reason, None


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
    """
    frame = table.frame
    days = day_rows(frame["period"]) & frame["value"].notna().to_numpy()
    if not days.any():
        return
    day = _keyed(frame[days], frame["period"][days].astype(str).str[:7])
    day["written"] = written[days].astype(str).to_numpy()
    day = day.sort_values("line", kind="stable").drop_duplicates(["indicator_id", "org_unit",
                                                                    "month"])
    months = _rows_matching(frame["period"], MONTH_KEY) & frame["value"].notna().to_numpy()
    month = _keyed(frame[months], frame["period"][months].astype(str))
    both = day.merge(month, on=["indicator_id", "org_unit", "month"], suffixes=("", "_month"))
    for row in both.sort_values("line").itertuples():
        problems.append(Problem(
            table.label, "a row for the month or rows for its days, not both", int(row.line),
            "period", row.written,
            hint=f"line {int(row.line_month)} gives {row.month} itself; "
                 f"line {int(row.line)} gives a day of it",
        ))


def _keyed(rows: pd.DataFrame, month: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": rows["indicator_id"].astype(str).to_numpy(),
                         "org_unit": rows["org_unit"].astype(str).to_numpy(),
                         "month": month.to_numpy(), "line": rows["_line"].to_numpy()})


def fold_days(frame: pd.DataFrame, kinds: dict[str, str], label: str,
              notes: list) -> pd.DataFrame:
    """Each (indicator, org unit, month) given by days becomes one month row, by kind.

    Parameters
    ----------
    frame
        Checked values with canonical periods and ``_line``; every row has a value.
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
    keys = ["indicator_id", "org_unit", "month"]
    rows = frame[days].assign(day=lambda f: f["period"].astype(str))
    rows = rows.assign(month=rows["day"].str[:7]).sort_values(
        ["indicator_id", "org_unit", "day"], kind="stable")
    method = rows["indicator_id"].map(
        lambda i: DAY_AGGREGATION.get(kinds.get(i), DEFAULT_AGGREGATION)).astype(str).to_numpy()
    grouped = rows.groupby(keys, observed=True, sort=False)["value"]
    value = rows["value"].to_numpy(copy=True)
    for name in np.unique(method):
        value[method == name] = grouped.transform(name).to_numpy()[method == name]
    folded = rows.assign(value=value).groupby(keys, observed=True, sort=False).tail(1)
    folded = folded.assign(period=folded["month"]).drop(columns=["day", "month"])
    out = pd.concat([frame[~days], folded], ignore_index=True)
    out["period"] = out["period"].astype(str).astype("category")
    notes.append(_fold_note(label, rows["day"], len(folded)))
    return out.sort_values("_line", kind="stable").reset_index(drop=True)


def _fold_note(label: str, days: pd.Series, months: int) -> str:
    count = len(days)
    note = (f"{label}: {count:,} day row{'s' if count != 1 else ''} folded into {months:,} "
            f"month row{'s' if months != 1 else ''} by each indicator's kind (flows summed, "
            "averages the mean of the days; stocks, rates and cumulative totals the last day's "
            "value)")
    if (days.str[8:] == "01").all():
        note += ("; every day given is the 1st of its month: if these were months (Excel turns "
                 "2020-06 into a date), the figures are the same")
    return note
