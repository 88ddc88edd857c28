"""Write ``baclieu-form.xlsx``: a province's monthly report form, one sheet per district and one for the province.

The form is laid out as Vietnamese departments lay theirs out: the issuing body and
the national motto above, a title naming the period (*THÁNG 6 NĂM 2020*), a two-row
header with merged cells (*Thực hiện* over *Tháng 6* and *Lũy kế 6 tháng*), a row
numbering the columns, sections in Roman numerals, *Trong đó:* components, two
percentage columns kept as formulas (they hold last year's figures), and a signature block. Some district figures
are typed as text in the Vietnamese way (``3.312``, ``5,21``), as forms often hold
them. The province's figures are the districts' sums (its poverty rate is its own),
and match the department's 2020 mid-year review (11.461 jobs, 63,67 % of the plan).

Run: ``python data/examples/make_form.py [OUT.xlsx]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

DISTRICTS = ("Hồng Dân", "Phước Long", "Vĩnh Lợi", "Giá Rai")
#: (numbering, name) of a heading, or (numbering, name, unit, plan, June, year to date, the same
#: period last year), each by district ("x": not reported).
ROWS = (
    ("I", "LAO ĐỘNG - VIỆC LÀM - GIÁO DỤC NGHỀ NGHIỆP"),
    ("1", "Số người được giải quyết việc làm", "Người", (5200, 4300, 4100, 4400), (600, 480, 450, 520),
     (3312, 2790, 2601, 2758), (4150, 3490, 3260, 3469)),
    ("2", "Đào tạo nghề cho lao động", "Người", (9000, 7600, 7400, 8000), (870, 740, 710, 800),
     (5080, 4270, 4120, 4580), (5400, 4480, 4300, 4620)),
    ("", "Trong đó:"),
    ("-", "Đào tạo sơ cấp", "Người", None, (120, 100, 95, 105), (700, 560, 540, 598), None),
    ("-", "Đào tạo dưới 3 tháng", "Người", None, (140, 120, 115, 135), (780, 650, 640, 702), None),
    ("-", "Truyền nghề", "Người", None, (250, 210, 200, 230), (1480, 1250, 1200, 1332), None),
    ("-", "Liên kết đào tạo", "Người", None, (360, 310, 300, 330), (2120, 1810, 1740, 1948), None),
    ("3", "Đưa lao động đi làm việc ở nước ngoài", "Người", (90, 70, 60, 80), (3, 2, 2, 2),
     (25, 18, 16, 20), (52, 38, 34, 41)),
    ("II", "BẢO HIỂM XÃ HỘI - BẢO HIỂM THẤT NGHIỆP"),
    ("1", "Số người tham gia BHXH bắt buộc", "Người", (10500, 9100, 8800, 9600), (10400, 9050, 8700, 9502),
     "x", (10420, 9060, 8712, 9513)),
    ("2", "Số người tham gia BHTN", "Người", (9000, 7800, 7500, 8200), (8800, 7650, 7400, 8032),
     "x", (8570, 7420, 7190, 7799)),
    ("III", "GIẢM NGHÈO - BẢO TRỢ XÃ HỘI - TRẺ EM"),
    ("1", "Tỷ lệ hộ nghèo", "%", (4.5, 4.0, 3.3, 2.6), (5.21, 4.63, 3.87, 3.12), "x", (6.02, 5.41, 4.48, 3.77)),
    ("2", "Số đối tượng bảo trợ xã hội được trợ cấp hàng tháng", "Người", (8200, 7150, 6900, 7350),
     (8200, 7100, 6900, 7311), "x", (8010, 6950, 6820, 7205)),
    ("3", "Số trẻ em có hoàn cảnh đặc biệt được trợ giúp", "Trẻ em", (1400, 1200, 1150, 1250),
     (170, 150, 140, 150), (980, 820, 780, 870), (1010, 840, 790, 900)),
)
#: The province's own poverty rate, plan and last year's (a rate is not the sum of its districts').
PROVINCE_RATE = (3.5, 4.12, 4.95)
#: District figures typed as text, as in many filled-in forms: (district, row name, column).
AS_TEXT = {("Hồng Dân", "Số người được giải quyết việc làm", "F"), ("Hồng Dân", "Tỷ lệ hộ nghèo", "E"),
           ("Hồng Dân", "Số người tham gia BHXH bắt buộc", "D")}
HEADER_ROW = 7


def figure(values, i: int | None):
    """A district's figure (i), the province's sum (None), or a marker kept as written."""
    if values is None or isinstance(values, str):
        return values
    return values[i] if i is not None else round(sum(values), 2)


def as_text(value) -> str:
    """A number as a Vietnamese form types it: 3.312, 5,21."""
    whole, _, decimals = f"{value:,}".partition(".")
    return whole.replace(",", ".") + ("," + decimals if decimals else "")


def write_sheet(book, unit: str, i: int | None) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(unit)
    bold, centre = Font(bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cells, text in (("A1:C1", "UBND TỈNH BẠC LIÊU"), ("E1:H1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                        ("A2:C2", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"), ("E2:H2", "Độc lập - Tự do - Hạnh phúc"),
                        ("E3:H3", "Bạc Liêu, ngày 02 tháng 7 năm 2020"),
                        ("A4:H4", "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU LAO ĐỘNG - NGƯỜI CÓ CÔNG VÀ XÃ HỘI "
                                  "THÁNG 6 NĂM 2020"),
                        ("A5:H5", f"Đơn vị báo cáo: {'Huyện ' + unit if i is not None else 'Toàn tỉnh'}")):
        sheet.merge_cells(cells)
        sheet[cells.split(":")[0]] = text
        sheet[cells.split(":")[0]].alignment = centre
    top, below = HEADER_ROW, HEADER_ROW + 1
    for column, text in zip("ABCD", ("STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2020")):
        sheet.merge_cells(f"{column}{top}:{column}{below}")
        sheet[f"{column}{top}"] = text
    sheet.merge_cells(f"E{top}:F{top}")
    sheet[f"E{top}"] = "Thực hiện"
    sheet.merge_cells(f"G{top}:H{top}")
    sheet[f"G{top}"] = "So sánh (%)"
    for column, text in zip("EFGH", ("Tháng 6", "Lũy kế 6 tháng", "% so KH", "Cùng kỳ")):
        sheet[f"{column}{below}"] = text
    for column, text in zip("ABCDEFGH", ("A", "B", "C", "1", "2", "3", "4=3/1", "5=3/cùng kỳ")):
        sheet[f"{column}{below + 1}"] = text
    for row in sheet.iter_rows(min_row=top, max_row=below + 1, max_col=8):
        for cell in row:
            cell.font, cell.alignment = bold, centre
    r = below + 2
    for spec in ROWS:
        sheet[f"A{r}"], sheet[f"B{r}"] = spec[0], spec[1]
        if len(spec) == 2:
            if spec[0]:
                sheet.merge_cells(f"B{r}:H{r}")
                sheet[f"A{r}"].font = sheet[f"B{r}"].font = bold
            r += 1
            continue
        _, name, unit_name, plan, june, to_date, last_year = spec
        rate = unit_name == "%" and i is None
        values = PROVINCE_RATE[:2] + ("x",) if rate else (figure(plan, i), figure(june, i), figure(to_date, i))
        sheet[f"C{r}"] = unit_name
        for column, value in zip("DEF", values):
            if value is not None:
                text = (unit, name, column) in AS_TEXT
                sheet[f"{column}{r}"] = as_text(value) if text and not isinstance(value, str) else value
        if plan is not None:
            sheet[f"G{r}"] = f"=IFERROR(F{r}/D{r}*100,\"\")"
        if last_year is not None:   # % of the same period last year, whose figure the formula holds
            before = PROVINCE_RATE[2] if rate else figure(last_year, i)
            sheet[f"H{r}"] = f"=IFERROR({'F' if to_date != 'x' else 'E'}{r}/{before}*100,\"\")"
        r += 1
    sheet[f"B{r + 1}"], sheet[f"F{r + 1}"] = "Người lập biểu", "KT. GIÁM ĐỐC"
    sheet[f"F{r + 2}"], sheet[f"F{r + 5}"] = "PHÓ GIÁM ĐỐC", "Nguyễn Văn Vũ"
    sheet.column_dimensions["B"].width = 48


def make_form(path: Path) -> Path:
    """Write the workbook at ``path``."""
    from openpyxl import Workbook

    book = Workbook()
    notes = book.active
    notes.title = "Hướng dẫn"
    notes["A1"] = "Mỗi huyện điền một trang; trang Toàn tỉnh là số của tỉnh."
    notes["A2"] = "Số liệu để trống hoặc ghi x khi không có."
    for i, district in enumerate(DISTRICTS):
        write_sheet(book, district, i)
    write_sheet(book, "Toàn tỉnh", None)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("baclieu-form.xlsx")
    print(make_form(out))
