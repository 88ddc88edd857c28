"""Wide sources into the contract: a report form, months as columns, units as columns, a wide CSV.

Each is read, assembled, written as CSV and read back by the contract's checks; the
figures are checked against the source cells, worked out by hand.
"""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest
from wide_sources import (
    EXAMPLES,
    MONTHS,
    NINE_MONTHS,
    import_folder,
    months_workbook,
    read_wide,
    units_as_columns_workbook,
)

from briefing.importers import wide
from briefing.importers.sources import open_source

FORM_MAPPING = (EXAMPLES / "baclieu-form.mapping.yaml").read_text(encoding="utf-8")
MONTHS_CSV_MAPPING = (EXAMPLES / "baclieu-months.mapping.yaml").read_text(encoding="utf-8")


def make_form(path):
    spec = importlib.util.spec_from_file_location("make_form", EXAMPLES / "make_form.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_form(path)


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    return make_form(tmp_path_factory.mktemp("form") / "baclieu-form.xlsx")


def figures(extract, indicator, unit):
    rows = extract.observations
    rows = rows[(rows["indicator"] == indicator) & (rows["org_unit"] == unit)]
    return {(r.role, r.period): r.value for r in rows.itertuples() if r.value == r.value}


def table_value(table, indicator, unit, period, column="period", value="value"):
    rows = table[(table["indicator_id"] == indicator) & (table["org_unit"] == unit) & (table[column] == period)]
    assert len(rows) == 1, (indicator, unit, period)
    return float(rows[value].iloc[0])


# --- the report form: one sheet per district, title rows, merged headers ----------------------


def test_the_form_gives_each_districts_plan_month_and_year_to_date(form):
    extract = read_wide(form, FORM_MAPPING)
    # Hồng Dân, row 11: Kế hoạch năm 2020 5200 | Tháng 6: 600 | Lũy kế 6 tháng "3.312" (typed as text)
    assert figures(extract, "Số người được giải quyết việc làm", "Hồng Dân") == {
        ("target", "2020"): 5200, ("value", "2020-06"): 600, ("cumulative", "2020-06"): 3312}
    # the province sheet: the reference's 11.461 jobs of a plan of 18.000
    assert figures(extract, "Số người được giải quyết việc làm", "Toàn tỉnh") == {
        ("target", "2020"): 18000, ("value", "2020-06"): 2050, ("cumulative", "2020-06"): 11461}
    # a stock's Lũy kế is "x" (not reported); "10.500" and "5,21" are text in the Vietnamese way
    assert figures(extract, "Số người tham gia BHXH bắt buộc", "Hồng Dân") == {
        ("target", "2020"): 10500, ("value", "2020-06"): 10400}
    assert figures(extract, "Tỷ lệ hộ nghèo", "Hồng Dân")[("value", "2020-06")] == 5.21
    place = extract.observations.set_index(["indicator", "org_unit", "role"])["place"]
    assert place[("Số người được giải quyết việc làm", "Hồng Dân", "cumulative")] \
        == "baclieu-form.xlsx [Hồng Dân], row 11, column F"


def test_the_forms_sections_components_and_signature_block(form):
    extract = read_wide(form)
    info = extract.indicators
    assert len(info) == 12   # not "Trong đó:", not the headings, not "Người lập biểu"
    assert info["Số người được giải quyết việc làm"]["sector"] == "LAO ĐỘNG - VIỆC LÀM - GIÁO DỤC NGHỀ NGHIỆP"
    assert info["Tỷ lệ hộ nghèo"]["sector"] == "GIẢM NGHÈO - BẢO TRỢ XÃ HỘI - TRẺ EM"
    assert info["Tỷ lệ hộ nghèo"]["unit"] == "%"
    components = {key for key, about in info.items() if about.get("part_of") == "Đào tạo nghề cho lao động"}
    assert components == {"Đào tạo sơ cấp", "Đào tạo dưới 3 tháng", "Truyền nghề", "Liên kết đào tạo"}
    assert "part_of" not in info["Đưa lao động đi làm việc ở nước ngoài"]


def test_the_forms_comparison_columns_and_notes_sheet_are_listed_once_each(form):
    unplaced = [str(u) for u in read_wide(form).unplaced]
    assert "baclieu-form.xlsx [Hồng Dân], row 7, column G: 'So sánh (%) / % so KH': a derived or comparison " \
           "column" in unplaced
    assert sum("column H: 'So sánh (%) / Cùng kỳ'" in u for u in unplaced) == 5   # one per sheet
    assert "baclieu-form.xlsx [Hướng dẫn]: no header row found" in unplaced
    assert len(unplaced) == 11


def test_the_form_says_where_it_read_its_period(form):
    assert read_wide(form).notes == [
        "baclieu-form.xlsx: the report's period, 2020-06, read from the title (row 4) of sheets Hồng Dân, "
        "Phước Long, Vĩnh Lợi, Giá Rai, Toàn tỉnh, gives its period or its year to each column that names none "
        "(Thực hiện, Tháng 6)"]


def test_the_form_becomes_a_valid_folder_with_the_reference_figures(form, tmp_path):
    assembled, dataset = import_folder(form, FORM_MAPPING, tmp_path / "data")
    values, targets = assembled.tables["values"], assembled.tables["targets"]
    assert table_value(values, "jobs", "bac_lieu", "2020S1") == 11461   # Lũy kế 6 tháng: the first half
    assert table_value(values, "jobs", "bac_lieu", "2020-06") == 2050
    assert table_value(targets, "jobs", "bac_lieu", "2020", "year", "target") == 18000
    assert table_value(values, "vocational_training", "bac_lieu", "2020S1") == 18050
    assert table_value(targets, "vocational_training", "bac_lieu", "2020", "year", "target") == 32000
    assert table_value(values, "workers_abroad", "hong_dan", "2020S1") == 25
    assert table_value(values, "social_insurance", "bac_lieu", "2020-06") == 37652
    units = assembled.tables["org_units"].set_index("org_unit")
    assert units.loc["hong_dan", "parent"] == "bac_lieu" and units.loc["bac_lieu", "name_vi"] == "Tỉnh Bạc Liêu"
    indicators = assembled.tables["indicators"].set_index("indicator_id")
    assert indicators.loc["dao_tao_so_cap", "part_of"] == "vocational_training"
    assert indicators.loc["poverty_rate", ["kind", "direction"]].tolist() == ["rate", "down"]
    assert dataset.tree.roots == ["bac_lieu"]
    assert sorted(dataset.tree.children("bac_lieu")) == ["gia_rai", "hong_dan", "phuoc_long", "vinh_loi"]


def test_the_committed_example_form_is_what_its_script_writes(form):
    fresh = read_wide(form, FORM_MAPPING).observations
    committed = read_wide(EXAMPLES / "baclieu-form.xlsx", FORM_MAPPING).observations
    pd.testing.assert_frame_equal(fresh, committed)


# --- months as columns, units as sheets ----------------------------------------------------------


def test_months_under_merged_quarters_take_the_titles_year(tmp_path):
    extract = read_wide(months_workbook(tmp_path / "months.xlsx"))
    found = figures(extract, "Số người được giải quyết việc làm", "Hồng Dân")
    months = MONTHS[("Hồng Dân", "Số người được giải quyết việc làm")]
    assert [found[("value", f"2020-{m:02d}")] for m in range(1, 7)] == list(months)
    assert found[("value", "2020S1")] == sum(months) == 3312           # 6 tháng đầu năm
    assert found[("target", "2020")] == 5200                            # Kế hoạch năm
    assert found[("cumulative", "2020-09")] == NINE_MONTHS              # 9 tháng: through September
    assert [str(u) for u in extract.unplaced] == [
        "months.xlsx [Hồng Dân], row 3, column L: 'Ghi chú': a remarks column",
        "months.xlsx [Phước Long], row 3, column L: 'Ghi chú': a remarks column"]


def test_months_workbook_assembles_and_a_nine_month_total_of_a_flow_is_not_placed(tmp_path):
    assembled, dataset = import_folder(months_workbook(tmp_path / "months.xlsx"),
                                       "root: bac_lieu\nsheet_is: unit\n", tmp_path / "data")
    values = assembled.tables["values"]
    assert table_value(values, "so_ho_thoat_ngheo", "phuoc_long", "2020-04") == 13
    assert table_value(values, "so_ho_thoat_ngheo", "phuoc_long", "2020S1") == 73
    assert not (values["period"] == "2020-09").any()
    (nine,) = [u for u in assembled.unplaced if "month 9" in u.reason]
    assert str(nine.place) == "months.xlsx [Hồng Dân], row 5, column K"
    assert dataset.tree.children("bac_lieu") == ["hong_dan", "phuoc_long"]


# --- org units as columns ------------------------------------------------------------------------


def test_units_as_columns_under_a_spanning_header_for_the_sheets_period(tmp_path):
    path = units_as_columns_workbook(tmp_path / "units.xlsx")
    mapping = "units: {Toàn tỉnh: bac_lieu}\nroot: {id: bac_lieu, name_vi: Tỉnh Bạc Liêu}\n" \
              "indicators: {Tỷ lệ lao động qua đào tạo: {id: trained_share, kind: rate, decimals: 2}}\n"
    extract = read_wide(path, mapping)
    assert figures(extract, "Tỷ lệ lao động qua đào tạo", "Phước Long") == {("value", "2020-06"): 58.25}
    assert figures(extract, "Số người được giải quyết việc làm", "Toàn tỉnh") == {("value", "2020-06"): 1080}
    assembled, dataset = import_folder(path, mapping, tmp_path / "data")
    assert table_value(assembled.tables["values"], "trained_share", "bac_lieu", "2020-06") == 60.1
    assert sorted(dataset.tree.children("bac_lieu")) == ["hong_dan", "phuoc_long"]


# --- a wide CSV: an org unit column, months as columns ---------------------------------------------


def test_the_wide_csv_repeats_a_blank_unit_and_reads_decimal_commas():
    extract = read_wide(EXAMPLES / "baclieu-months.csv", MONTHS_CSV_MAPPING)
    income = figures(extract, "Thu nhập bình quân của người lao động", "Phước Long")
    assert income == {("value", f"2020-{m:02d}"): v for m, v in zip(range(1, 7), (4.9, 4.9, 5.0, 5.0, 5.1, 5.1))}
    assert ("value", "2020-02") not in figures(extract, "Thu nhập bình quân của người lao động", "Giá Rai")
    place = extract.observations.set_index(["indicator", "org_unit", "period"])["place"]
    assert place[("Số người được giải quyết việc làm", "Giá Rai", "2020-06")] \
        == "baclieu-months.csv, row 8, column 2020-06"
    assert extract.unplaced == []


def test_the_wide_csv_becomes_a_valid_folder(tmp_path):
    assembled, dataset = import_folder(EXAMPLES / "baclieu-months.csv", MONTHS_CSV_MAPPING, tmp_path / "data")
    values = assembled.tables["values"]
    assert table_value(values, "jobs", "vinh_loi", "2020-05") == 461
    assert table_value(values, "income", "hong_dan", "2020-03") == 4.7
    assert assembled.empty_cells == 1   # Giá Rai's income for February: "-"
    assert dataset.tree.roots == ["bac_lieu"]


# --- telling a wide source ---------------------------------------------------------------------------


@pytest.mark.parametrize("name, text, expected", [
    ("t.csv", "Chỉ tiêu;2020-01\nViệc làm;5\n", True),
    ("t.txt", "a,b\n1,2\n", True),
    ("t.json", '{"headers": [], "rows": []}', False),
    ("t.csv", "just one column\nand another line\n", False),
])
def test_wide_takes_any_table_but_not_json(tmp_path, name, text, expected):
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert wide.detects(open_source(tmp_path / name)) is expected


def test_wide_takes_any_workbook(form):
    assert wide.detects(open_source(form))
