"""Reading the contract's sheets of an ``.xlsx`` workbook as text, cell by cell."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from briefing.inputs.contract import TableSpec


def open_workbook(data: bytes):
    """The workbook, opened read-only: sheets are parsed only when they are read.

    Raises whatever openpyxl raises for a damaged file.
    """
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data), read_only=True, data_only=True)


def read_sheet(book, name: str, spec: TableSpec) -> pd.DataFrame:
    """One sheet as strings, the first row as header; ``_line`` holds each row's number.

    Cells become the text a person sees: numbers as written (``5``, ``3.1``);
    dates in the table's date columns as ``YYYY-MM-DD`` when they hold no time
    of day, any other date or time in full (and refused by the checks, with a hint).
    """
    rows = book[name].iter_rows(min_row=1, values_only=True)
    header = [_cell_text(cell) for cell in next(rows, ())]
    dates = {i for i, column in enumerate(header) if column.strip() in spec.dates}
    records = [[_cell_text(cell, i in dates) for i, cell in enumerate(row)] for row in rows]
    width = len(header)
    frame = pd.DataFrame([(r + [""] * width)[:width] for r in records], columns=header,
                         dtype=object)
    frame = frame.astype(str) if len(frame) else frame.astype(object)
    frame["_line"] = range(2, len(frame) + 2)
    return frame


def _cell_text(cell, is_date: bool = False) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        if is_date and cell.time() == dt.time(0, 0):
            return cell.date().isoformat()
        return cell.isoformat(sep=" ")
    if isinstance(cell, (dt.date, dt.time)):
        return cell.isoformat()
    return str(cell)
