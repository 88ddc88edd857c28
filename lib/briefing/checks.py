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
    values = selected[column]
    texts = values.map(_number_text) if pd.api.types.is_float_dtype(values) else values.astype(str)
    for value, line in zip(texts, selected["_line"]):
        text = hint(value) if callable(hint) else hint
        found.append(Problem(table.label, expected, int(line), column, value, text))
    return found


def _number_text(value: float) -> str:
    """A number read from the file, written back as a person would type it: -5, not -5.0."""
    if np.isfinite(value) and float(value).is_integer() and abs(value) <= 2**53:
        return str(int(value))
    return repr(float(value))


def distinct_values(series: pd.Series) -> list[str]:
    """The different values of a column, as text; cheap for a category column of any length."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return [str(v) for v in series.cat.categories]
    return [str(v) for v in pd.unique(series.astype(str))]


def rows_with(series: pd.Series, values: list[str]) -> np.ndarray:
    """Mask of the rows holding one of ``values``; by codes for a category column."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.categories.get_indexer(values)
        return np.isin(series.cat.codes.to_numpy(), codes[codes >= 0])
    return series.astype(str).isin(values).to_numpy()


def check_not_empty(table: RawTable, columns, problems: list) -> None:
    """Every listed column has a value on every row."""
    for column in columns:
        series = table.frame[column]
        if "" in distinct_values(series):
            problems += rows_problems(table, rows_with(series, [""]), column,
                                      "a value; the cell is empty")


def check_pattern(table: RawTable, column: str, pattern: str, what: str, problems: list) -> None:
    """Non-empty values of ``column`` match ``pattern`` (checked once per distinct value)."""
    compiled = re.compile(pattern)
    series = table.frame[column]
    bad = [v for v in distinct_values(series) if v and not compiled.fullmatch(v)]
    if bad:
        problems += rows_problems(table, rows_with(series, bad), column, what)


def check_unique(table: RawTable, columns: list[str], what: str, problems: list) -> None:
    """No two rows share the same values of ``columns``; names the line of the first one."""
    frame = table.frame
    duplicated = duplicated_rows(frame, columns)
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


def duplicated_rows(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Mask of rows whose ``columns`` repeat another row's (all of them, first included).

    Category columns are combined into one integer key, counted with a
    bincount when the key space is small: linear, no hashing of 20M tuples.
    """
    if not all(isinstance(frame[c].dtype, pd.CategoricalDtype) for c in columns):
        return frame.duplicated(subset=columns, keep=False).to_numpy()
    key = np.zeros(len(frame), dtype=np.int64)
    space = 1
    for column in columns:
        categories = len(frame[column].cat.categories) + 1
        key = key * categories + (frame[column].cat.codes.to_numpy().astype(np.int64) + 1)
        space *= categories
    if space <= 4 * len(frame) + 1024:
        counts = np.bincount(key, minlength=space)
        return counts[key] > 1
    return pd.Series(key).duplicated(keep=False).to_numpy()


def check_known(table: RawTable, column: str, known: set, what: str, problems: list) -> None:
    """Values of ``column`` are among ``known`` (checked once per distinct value)."""
    series = table.frame[column]
    unknown = [v for v in distinct_values(series) if v and v not in known]
    if unknown:
        problems += rows_problems(table, rows_with(series, unknown), column,
                                  f"an {what} listed in {_catalogue_of(what)}")


def _catalogue_of(what: str) -> str:
    return {"indicator_id": "indicators.csv", "org unit": "org_units.csv"}.get(what, "the catalogue")
