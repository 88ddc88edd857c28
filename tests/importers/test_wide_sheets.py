"""Cells of wide sources: numbers as Vietnamese and English forms write them, merged cells, formulas."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from briefing.errors import InputError
from briefing.importers.sheets import load_grids, read_number
from briefing.importers.sources import open_source


@pytest.mark.parametrize("cell, decimal, expected", [
    ("18.050", ",", 18050.0),
    ("56,4", ",", 56.4),
    ("1.234,5", ",", 1234.5),
    ("1.234.567", ",", 1234567.0),
    ("56,4%", ",", 56.4),
    ("18 050", ",", 18050.0),
    ("18\u00a0050", ",", 18050.0),
    ("-5", ",", -5.0),
    ("56.4", ",", 56.4),          # a lone dot before other than three digits: a decimal point
    ("18,050", ".", 18050.0),
    ("1,234.5", ".", 1234.5),
    ("56.4", ".", 56.4),
    ("1.500", ",", 1500.0),
    ("1.500", ".", 1.5),
    ("0", ",", 0.0),
    (18050, ",", 18050.0),
    (56.4, ",", 56.4),
])
def test_numbers_as_forms_write_them(cell, decimal, expected):
    assert read_number(cell, decimal) == expected


@pytest.mark.parametrize("cell", [None, "", "-", "–", "x", "X", "...", "…", "NA"])
def test_empty_cells_dashes_and_crosses_are_not_reported(cell):
    assert math.isnan(read_number(cell))


@pytest.mark.parametrize("cell", ["abc", "12 người", "1,2,3", "12..5", True, dt.datetime(2020, 6, 1), float("inf"),
                                  "nan", "5e", "1e400"])
def test_anything_else_is_not_a_number(cell):
    assert read_number(cell) is None


def test_merged_cells_spread_over_their_range_for_labels_only(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.merge_cells("B1:C1")
    sheet["B1"] = "Thực hiện"
    sheet["A2"], sheet["B2"], sheet["C2"] = "x", 1, "=B2*2"
    book.save(tmp_path / "f.xlsx")
    (grid,) = load_grids(open_source(tmp_path / "f.xlsx"))
    assert grid.filled[0] == [None, "Thực hiện", "Thực hiện"]
    assert grid.cells[0] == [None, "Thực hiện", None]
    assert grid.pending == {(1, 2)}   # written by a program: the formula's result is not in the file


def test_hidden_sheets_are_marked(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.create_sheet("helper").sheet_state = "hidden"
    book.save(tmp_path / "f.xlsx")
    assert [g.hidden for g in load_grids(open_source(tmp_path / "f.xlsx"))] == [False, True]


@pytest.mark.parametrize("name, data, expected", [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old .xls format"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "a readable .xlsx workbook"),
])
def test_workbooks_that_cannot_be_read_are_named(tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError) as error:
        load_grids(open_source(tmp_path / name))
    assert error.value.problems[0].file == name
    assert expected in str(error.value)
