"""Wide sources for the importer's tests, built by code: small, each with its figures written out."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.importers import wide
from briefing.importers.assemble import assemble
from briefing.importers.formats import LAYOUT_KEYS
from briefing.importers.mapping import parse_mapping
from briefing.importers.sources import open_source
from briefing.inputs.dataset import read_dataset

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"
#: Monthly figures of the months workbook: (sheet, indicator) -> January..June.
MONTHS = {
    ("Hồng Dân", "Số người được giải quyết việc làm"): (520, 430, 560, 580, 622, 600),
    ("Hồng Dân", "Số hộ thoát nghèo"): (12, 15, 9, 20, 18, 11),
    ("Phước Long", "Số người được giải quyết việc làm"): (450, 380, 470, 500, 510, 480),
    ("Phước Long", "Số hộ thoát nghèo"): (10, 11, 14, 13, 9, 16),
}
NINE_MONTHS = 4800
PLANS = {"Số người được giải quyết việc làm": {"Hồng Dân": 5200, "Phước Long": 4300},
         "Số hộ thoát nghèo": {"Hồng Dân": 180, "Phước Long": 160}}


def read_wide(path, mapping_text: str = ""):
    """The extract of a source read with a mapping given as YAML text."""
    mapping = parse_mapping(mapping_text, "mapping.yaml", LAYOUT_KEYS)
    return wide.read(open_source(path), mapping)


def import_folder(path, mapping_text: str, folder: Path):
    """Read, assemble, write the tables as CSV into ``folder`` and read them back checked."""
    mapping = parse_mapping(mapping_text, "mapping.yaml", LAYOUT_KEYS)
    assembled = assemble([wide.read(open_source(path), mapping)], mapping)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, table in assembled.tables.items():
        table.to_csv(folder / f"{name}.csv", index=False)
    return assembled, read_dataset(folder)


def months_workbook(path: Path) -> Path:
    """One sheet per district; months as columns under merged quarters; a plan, a half-year and a
    nine-month column; a remarks column; the year only in the title."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for district in ("Hồng Dân", "Phước Long"):
        sheet = book.create_sheet(district)
        sheet.merge_cells("A1:L1")
        sheet["A1"] = f"SỐ LIỆU THỰC HIỆN CÁC THÁNG NĂM 2020 - HUYỆN {district.upper()}"
        for column, text in zip("ABC", ("TT", "Chỉ tiêu", "Kế hoạch năm")):
            sheet.merge_cells(f"{column}3:{column}4")
            sheet[f"{column}3"] = text
        sheet.merge_cells("D3:F3")
        sheet["D3"] = "Quý I"
        sheet.merge_cells("G3:I3")
        sheet["G3"] = "Quý II"
        for column, text in zip("JKL", ("6 tháng đầu năm", "9 tháng", "Ghi chú")):
            sheet.merge_cells(f"{column}3:{column}4")
            sheet[f"{column}3"] = text
        for column, month in zip("DEFGHI", range(1, 7)):
            sheet[f"{column}4"] = f"Tháng {month}"
        for r, name in enumerate(("Số người được giải quyết việc làm", "Số hộ thoát nghèo"), start=5):
            sheet[f"A{r}"], sheet[f"B{r}"], sheet[f"C{r}"] = r - 4, name, PLANS[name][district]
            months = MONTHS[(district, name)]
            for column, value in zip("DEFGHI", months):
                sheet[f"{column}{r}"] = value
            sheet[f"J{r}"] = sum(months)
            sheet[f"L{r}"] = "số liệu sơ bộ"
        if district == "Hồng Dân":   # a total through September of a flow whose July-September are missing
            sheet["K5"] = NINE_MONTHS
    book.save(path)
    return path


def units_as_columns_workbook(path: Path) -> Path:
    """One sheet for June 2020 with a column per district and one for the province, under a
    spanning "Đơn vị" header; the period is the sheet's name."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "T6-2020"
    sheet["A1"] = "TỔNG HỢP SỐ LIỆU CÁC HUYỆN"
    for column, text in zip("AB", ("Chỉ tiêu", "ĐVT")):
        sheet.merge_cells(f"{column}3:{column}4")
        sheet[f"{column}3"] = text
    sheet.merge_cells("C3:E3")
    sheet["C3"] = "Đơn vị"
    for column, text in zip("CDE", ("Hồng Dân", "Phước Long", "Toàn tỉnh")):
        sheet[f"{column}4"] = text
    rows = (("Số người được giải quyết việc làm", "Người", 600, 480, 1080),
            ("Tỷ lệ lao động qua đào tạo", "%", 61.5, 58.25, 60.1))
    for r, row in enumerate(rows, start=5):
        for column, value in zip("ABCDE", row):
            sheet[f"{column}{r}"] = value
    book.save(path)
    return path
