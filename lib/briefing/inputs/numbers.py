"""Reading numbers typed by hand, and saying how to fix the ones that are not plain numbers."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from briefing.errors import Problem
from briefing.inputs.checks import rows_problems
from briefing.inputs.contract import MAX_MAGNITUDE, MIN_MAGNITUDE

#: ASCII digits only: ``\d`` would also take Arabic-Indic and full-width digits.
_PLAIN = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_AMBIGUOUS_COMMA = re.compile(r"^[+-]?\d{1,3},\d{3}$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_SPACE_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$")
_NOT_FINITE = re.compile(r"^[+-]?(inf|infinity|nan)$", re.IGNORECASE)
EXPECTED_NUMBER = "a number with '.' as decimal point and no thousands separator"
EXPECTED_FINITE = ("a finite number smaller than 10^15 in absolute value "
                   "(1,000,000,000,000,000: a million billion)")
EXPECTED_NOT_TINY = "zero or a number of at least 10^-9 in absolute value (0.000000001)"


#: Cells of ``values.csv`` that mean "not reported": the same as no row.
NOT_REPORTED = ("", "NA")


def parse_numbers(table, column: str, problems: list[Problem],
                  not_reported: tuple[str, ...] = ()) -> pd.Series:
    """Floats of a text column; empty and unreadable cells become NaN and are reported.

    Parameters
    ----------
    table
        A ``RawTable`` whose ``column`` holds stripped strings.
    problems
        Receives one problem per bad cell, with a hint when the cell looks
        like a Vietnamese- or English-formatted number.
    not_reported
        Cells that mean "no figure" (``NOT_REPORTED`` for values): NaN, not a problem.
    """
    text = table.frame[column].astype(str)
    plain = text.str.fullmatch(_PLAIN.pattern)
    # Python's float() rounds correctly on every version; pandas 2.2's to_numeric reads
    # 999999999999999.9 as 1e15 and gives up on 1e309, which would then pass as a gap.
    values = np.full(len(text), np.nan)
    chosen = np.flatnonzero(plain.to_numpy())
    values[chosen] = [float(raw) for raw in text.to_numpy()[chosen]]
    numbers = pd.Series(values, index=text.index)
    overflowing = plain.to_numpy() & ~np.isfinite(numbers.to_numpy())   # 1e309 reads as inf
    numbers[overflowing] = np.nan
    silent = text.isin(not_reported).to_numpy()
    for position in np.flatnonzero((~plain.to_numpy() | overflowing) & ~silent):
        raw = text.iloc[position]
        line = int(table.frame["_line"].iloc[position])
        if overflowing[position]:
            problems.append(Problem(table.label, EXPECTED_FINITE, line, column, raw))
        elif raw == "":
            problems.append(Problem(table.label, "a number; the cell is empty", line, column,
                                    hint="leave the row out when there is no figure"))
        elif _NOT_FINITE.match(raw):
            problems.append(Problem(table.label, EXPECTED_FINITE, line, column, raw))
        else:
            problems.append(Problem(table.label, EXPECTED_NUMBER, line, column, raw,
                                    number_hint(raw)))
    return numbers.astype(float)


def check_magnitude(table, numbers, column: str, problems: list[Problem],
                    missing_reported: bool = True) -> np.ndarray:
    """Refuse numbers that cannot be reported: not finite, too large, or too small but not zero.

    Bounds: ``MIN_MAGNITUDE <= |x| < MAX_MAGNITUDE`` or ``x == 0`` (see ``contract``).

    Parameters
    ----------
    table
        The ``RawTable`` whose ``column`` is quoted in the problems.
    numbers
        The column read as floats, row for row.
    missing_reported
        True when a NaN stands for a cell already reported as empty or unreadable;
        False when NaN was read from the text ``nan`` and must be reported here.

    Returns
    -------
    ndarray
        Mask of the rows that hold a reportable number.
    """
    numbers = np.asarray(numbers, dtype=float)
    size = np.abs(numbers)
    with np.errstate(invalid="ignore"):
        reportable = (size < MAX_MAGNITUDE) & ((size >= MIN_MAGNITUDE) | (numbers == 0))
        too_large = ~(size < MAX_MAGNITUDE)
    if missing_reported:
        too_large &= ~np.isnan(numbers)
    tiny = ~reportable & ~too_large & ~np.isnan(numbers)
    problems += rows_problems(table, too_large, column, EXPECTED_FINITE)
    problems += rows_problems(table, tiny, column, EXPECTED_NOT_TINY)
    return reportable


def number_hint(raw: str) -> str | None:
    """How to write ``raw`` as a plain number, when it looks like a formatted one."""
    if raw.endswith("%"):
        return f"write it without the % sign: {raw[:-1].strip()}"
    if _DOT_THOUSANDS.match(raw):
        plain = raw.replace(".", "").replace(",", ".")
        return f"this looks Vietnamese-formatted ('.' between thousands); write {plain}"
    if _AMBIGUOUS_COMMA.match(raw):
        return (f"if ',' separates thousands write {raw.replace(',', '')}; if it is a decimal "
                f"comma write {raw.replace(',', '.')}")
    if _DECIMAL_COMMA.match(raw):
        plain = raw.replace(",", ".")
        return f"this looks Vietnamese-formatted (',' as decimal point); write {plain}"
    if _COMMA_THOUSANDS.match(raw):
        return f"',' separates thousands here; write {raw.replace(',', '')}"
    if _SPACE_THOUSANDS.match(raw):
        plain = re.sub(r"[ \u00a0\u202f]", "", raw).replace(",", ".")
        return f"spaces separate thousands here; write {plain}"
    return None
