"""The cells of a wide source as a grid per sheet, merged cells spread, numbers read as people write them."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field

from briefing.errors import InputError, Problem
from briefing.importers.sources import SourceFile

#: Cells that mean *not reported*: empty, a dash, an x, dots.
NOT_REPORTED = {"", "-", "\u2013", "\u2014", "x", "X", "...", "..", "\u2026", "n/a", "N/A", "NA", "na", "k"}
#: Magic number of the old binary Excel format (``.xls``), which openpyxl cannot read.
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_GROUPED = {",": re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?"),
            ".": re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")}
_PLAIN = {",": re.compile(r"[+-]?\d+(?:,\d+)?"), ".": re.compile(r"[+-]?\d+(?:\.\d+)?")}
_OTHER_MARK = {",": re.compile(r"[+-]?\d*\.\d+"), ".": re.compile(r"[+-]?\d*,\d+")}
_SPACED = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
_EXPONENT = re.compile(r"[+-]?\d+(?:\.\d+)?[eE][+-]?\d+")


@dataclass
class Grid:
    """One sheet (or a CSV file) as rows of cells, 0-based; Excel's row n is ``cells[n - 1]``.

    ``filled`` repeats each merged range's value over the whole range (headers and
    label columns read it); ``cells`` keeps it in the top-left cell only (figures
    read it). ``pending`` holds the cells with a formula whose result the file does
    not keep. ``hidden`` says the sheet is hidden in Excel.
    """

    file: str
    sheet: str | None
    cells: list[list]
    filled: list[list]
    pending: set[tuple[int, int]] = field(default_factory=set)
    hidden: bool = False

    @property
    def label(self) -> str:
        return self.file + (f" [{self.sheet}]" if self.sheet is not None else "")

    @property
    def width(self) -> int:
        return max((len(row) for row in self.cells), default=0)

    def cell(self, row: int, column: int, filled: bool = False):
        rows = self.filled if filled else self.cells
        return rows[row][column] if row < len(rows) and column < len(rows[row]) else None

    def text(self, row: int, column: int, filled: bool = False) -> str:
        return cell_text(self.cell(row, column, filled))


def cell_text(value) -> str:
    """A cell as a label: numbers without a trailing ``.0``, dates as the month they fall in.

    >>> cell_text(2020.0), cell_text(None), cell_text(dt.datetime(2020, 6, 1)), cell_text(" Tháng 6 ")
    ('2020', '', '2020-06', 'Tháng 6')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.year}-{value.month:02d}"
    return str(value).strip()


def load_grids(source: SourceFile) -> list[Grid]:
    """Every sheet of a workbook, or the one grid of a CSV file."""
    if source.data[:4] == OLE_MAGIC or source.suffix == ".xls":
        raise InputError([Problem(source.name, "an .xlsx workbook or a CSV file; this is the old .xls format",
                                  hint="open it in Excel or LibreOffice and save it as .xlsx")], "the import")
    if not source.is_workbook:
        rows = [[cell if cell.strip() else None for cell in row] for row in source.rows()]
        return [Grid(source.name, None, rows, rows)]
    return _workbook_grids(source)


def _workbook_grids(source: SourceFile) -> list[Grid]:
    from openpyxl import load_workbook
    from openpyxl.worksheet.worksheet import Worksheet

    try:   # merged ranges need the full (not read-only) reader; forms are small
        values = load_workbook(io.BytesIO(source.data), data_only=True)
        formulas = load_workbook(io.BytesIO(source.data), data_only=False)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise InputError([Problem(source.name, f"a readable .xlsx workbook ({type(error).__name__}: {error})",
                                  hint="open it in Excel or LibreOffice and save it again")],
                         "the import") from None
    grids = [_sheet_grid(source.name, sheet, formulas[sheet.title])
             for sheet in values.worksheets if isinstance(sheet, Worksheet)]
    if not grids:
        raise InputError([Problem(source.name, "a workbook with a sheet of cells; it holds only charts")],
                         "the import")
    return grids


def _sheet_grid(file: str, sheet, formulas) -> Grid:
    cells = [list(row) for row in sheet.iter_rows(min_row=1, min_col=1, max_row=sheet.max_row,
                                                   max_col=sheet.max_column, values_only=True)]
    while cells and all(c is None for c in cells[-1]):
        cells.pop()
    filled = [list(row) for row in cells]
    for merged in sheet.merged_cells.ranges:
        top = cells[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(cells) else None
        for r in range(merged.min_row - 1, min(merged.max_row, len(cells))):
            for c in range(merged.min_col - 1, merged.max_col):
                filled[r][c] = top
    pending = set()
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            if value is None:
                formula = formulas.cell(r + 1, c + 1).value
                if isinstance(formula, str) and formula.startswith("="):
                    pending.add((r, c))
    return Grid(file, sheet.title, cells, filled, pending, sheet.sheet_state != "visible")


def read_number(value, decimal: str = ",") -> float | None:
    """A figure as a cell holds it: NaN for *not reported*, None when it is not a number.

    ``decimal`` is the decimal mark of numbers written as text (``,`` in Vietnamese:
    ``18.050`` is eighteen thousand and fifty, ``56,4`` fifty-six point four). A lone
    mark of the other kind followed by other than three digits is read as a decimal
    mark too (``56.4``), as spreadsheets set to English write it.

    >>> read_number("18.050"), read_number("56,4%"), read_number("1.234,5"), read_number("-")
    (18050.0, 56.4, 1234.5, nan)
    >>> read_number("18,050", "."), read_number("56.4"), read_number("18 050"), read_number("abc")
    (18050.0, 56.4, 18050.0, None)
    """
    if value is None:
        return math.nan
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time, dt.datetime)):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip().replace("\u00a0", " ").replace("\u202f", " ")
    if text in NOT_REPORTED:
        return math.nan
    text = text[:-1].strip() if text.endswith("%") else text
    if _SPACED.fullmatch(text):
        text = text.replace(" ", "")
    other = "." if decimal == "," else ","
    if _GROUPED[decimal].fullmatch(text):
        return float(text.replace(other, "").replace(decimal, "."))
    if _PLAIN[decimal].fullmatch(text) or _OTHER_MARK[decimal].fullmatch(text) or _EXPONENT.fullmatch(text):
        number = float(text.replace(",", "."))
        return number if math.isfinite(number) else None
    return None
