"""``dossiers.csv``: administrative-procedure records, checked and with their dates parsed."""

from __future__ import annotations

import re

import pandas as pd

from briefing.errors import Problem
from briefing.inputs.checks import check_known, check_not_empty, check_unique, rows_problems

DATE_COLUMNS = ("received_on", "due_on", "resolved_on")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_WITH_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_TIME = re.compile(r"^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")


def check_dossiers(table, known_units: set | None, problems: list[Problem]) -> pd.DataFrame | None:
    """Check ``dossiers.csv`` (optional) and return it with parsed dates.

    Reports duplicate ids, unknown org units, unreadable dates, due dates
    before receipt and resolutions before receipt.
    """
    if table is None:
        return None
    frame = table.frame.copy()
    check_not_empty(table, ["dossier_id", "org_unit", "procedure", "received_on", "due_on"],
                    problems)
    check_unique(table, ["dossier_id"], "dossier", problems)
    if known_units is not None:
        check_known(table, "org_unit", known_units, "org unit", problems)
    for column in DATE_COLUMNS:
        text = frame[column]
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        bad = parsed.isna() & (text != "")
        problems += rows_problems(table, bad, column, "a date written YYYY-MM-DD", _date_hint)
        frame[column] = parsed
    early_due = frame["due_on"] < frame["received_on"]
    problems += rows_problems(table, early_due, "due_on",
                              "a due date on or after the date received")
    early_resolution = frame["resolved_on"] < frame["received_on"]
    problems += rows_problems(table, early_resolution, "resolved_on",
                              "a resolution on or after the date received")
    return frame.rename(columns={"_line": "line"})


def _date_hint(raw: str) -> str | None:
    match = _DAY_FIRST.match(raw)
    if match:
        day, month, year = match.groups()
        return f"write it as {year}-{int(month):02d}-{int(day):02d}"
    match = _WITH_TIME.match(raw)
    if match:
        return f"the cell holds a time of day too; give the date only: {match.group(1)}"
    if _TIME.match(raw):
        return "the cell holds a time of day, not a date"
    if _SERIAL.match(raw):
        day = pd.Timestamp("1899-12-30") + pd.Timedelta(days=int(float(raw)))
        return (f"the cell holds a number, not a date; as an Excel date serial it would be "
                f"{day:%Y-%m-%d}: format the cell as a date")
    return None
