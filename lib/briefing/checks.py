"""Row checks shared by every input table: each finds bad rows and describes them."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from briefing.errors import Problem
from briefing.loading import RawTable


def rows_problems(table: RawTable, mask, column: str, expected: str, hint=None) -> list[Problem]:
    """One problem per row selected by ``mask``, quoting the row's value of ``column``.

    ``hint`` is a string or a function of the offending value.
    """
    frame = table.frame
    selected = frame.loc[np.asarray(mask, dtype=bool), [column, "_line"]]
    found = []
    for value, line in zip(selected[column].astype(str), selected["_line"]):
        text = hint(value) if callable(hint) else hint
        found.append(Problem(table.label, expected, int(line), column, value, text))
    return found


def check_not_empty(table: RawTable, columns, problems: list) -> None:
    """Every listed column has a value on every row."""
    for column in columns:
        values = table.frame[column].astype(str)
        problems += rows_problems(table, values == "", column, "a value; the cell is empty")


def check_pattern(table: RawTable, column: str, pattern: str, what: str, problems: list) -> None:
    """Non-empty values of ``column`` match ``pattern`` (checked once per distinct value)."""
    compiled = re.compile(pattern)
    series = table.frame[column]
    distinct = pd.unique(series.astype(str))
    bad = [v for v in distinct if v and not compiled.fullmatch(v)]
    if bad:
        problems += rows_problems(table, series.astype(str).isin(bad), column, what)


def check_unique(table: RawTable, columns: list[str], what: str, problems: list) -> None:
    """No two rows share the same values of ``columns``; names the line of the first one."""
    frame = table.frame
    duplicated = frame.duplicated(subset=columns, keep=False)
    if not duplicated.any():
        return
    first_line = frame[duplicated].groupby(columns, observed=True, sort=False)["_line"].transform("min")
    for (_, row), first in zip(frame[duplicated].iterrows(), first_line):
        if row["_line"] == first:
            continue
        key = " / ".join(str(row[c]) for c in columns)
        problems.append(Problem(
            table.label, f"one row per {what}; line {first} has the same {key}",
            int(row["_line"]), columns[-1], str(row[columns[-1]]),
        ))


def check_known(table: RawTable, column: str, known: set, what: str, problems: list) -> None:
    """Values of ``column`` are among ``known`` (checked once per distinct value)."""
    series = table.frame[column]
    distinct = pd.unique(series.astype(str))
    unknown = [v for v in distinct if v and v not in known]
    if unknown:
        problems += rows_problems(table, series.astype(str).isin(unknown), column,
                                  f"an {what} listed in {_catalogue_of(what)}")


def _catalogue_of(what: str) -> str:
    return {"indicator_id": "indicators.csv", "org unit": "org_units.csv"}.get(what, "the catalogue")
