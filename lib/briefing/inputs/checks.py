"""Row checks shared by every input table: each finds bad rows and describes them."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from briefing.errors import Problem
from briefing.inputs.contract import MAX_TEXT_LENGTH
from briefing.inputs.read import RawTable


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


def check_unique(table: RawTable, columns: list[str], what: str, problems: list,
                 written: pd.Series | None = None) -> None:
    """No two rows share the same values of ``columns``; names the line of the first one.

    ``written`` holds the last column as written in the file, when the frame
    holds it normalised (a period ``202006`` read as ``2020-06``): it is quoted.
    """
    frame = table.frame
    duplicated = duplicated_rows(frame, columns)
    if not duplicated.any():
        return
    first_line = frame[duplicated].groupby(columns, observed=True, sort=False)["_line"].transform("min")
    shown = (frame if written is None else frame.assign(**{columns[-1]: written}))[duplicated]
    for (_, row), value, first in zip(frame[duplicated].iterrows(), shown[columns[-1]], first_line):
        if row["_line"] == first:
            continue
        key = " / ".join(str(row[c]) for c in columns)
        problems.append(Problem(
            table.label, f"one row per {what}; line {first} has the same {key}",
            int(row["_line"]), columns[-1], str(value),
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


#: Characters refused in names: C0 controls but tab and line breaks (whitespace, legal in XML),
#: DEL, C1 controls, and the non-characters U+FFFE and U+FFFF. XML (the SVG charts, and
#: the HTML and PDF around them) cannot hold them, and no name needs them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def check_text(table: RawTable, problems: list) -> None:
    """Free-text columns (names, units, procedures) hold no control character and are not
    longer than ``MAX_TEXT_LENGTH`` (checked once per distinct value)."""
    for column in table.spec.free_text:
        if column not in table.frame:
            continue
        series = table.frame[column]
        for value in distinct_values(series):
            if len(value) > MAX_TEXT_LENGTH:
                problems += rows_problems(
                    table, rows_with(series, [value]), column,
                    f"text of at most {MAX_TEXT_LENGTH} characters; this one has {len(value):,}",
                    "shorten the name; a long explanation belongs in the report's text")
            control = _CONTROL.search(value)
            if control:
                code = ord(control.group())
                char = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
                problems += rows_problems(
                    table, rows_with(series, [value]), column,
                    f"text without control characters; character {control.start() + 1} is "
                    f"{char}", "control characters are invisible and break the charts; "
                    "retype the name or remove the character")


def check_known(table: RawTable, column: str, known: set, what: str, problems: list) -> None:
    """Values of ``column`` are among ``known`` (checked once per distinct value)."""
    series = table.frame[column]
    unknown = [v for v in distinct_values(series) if v and v not in known]
    if unknown:
        problems += rows_problems(table, rows_with(series, unknown), column,
                                  f"an {what} listed in {_catalogue_of(what)}")


def _catalogue_of(what: str) -> str:
    return {"indicator_id": "indicators.csv", "org unit": "org_units.csv"}.get(what, "the catalogue")
