"""The wide reader's mapping keys, and sources it cannot read or cells it cannot place (named, never a traceback)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wide_sources import read_wide

from briefing.errors import InputError
from briefing.importers.assemble import assemble
from briefing.importers.formats import LAYOUT_KEYS
from briefing.importers.mapping import parse_mapping
from briefing.importers.sources import open_source
from briefing.importers.wide import read


def csv_file(tmp_path, text: str, name: str = "t.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def workbook(tmp_path, sheets: dict[str, list[list]], name: str = "t.xlsx"):
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(tmp_path / name)
    return tmp_path / name


def observed(extract) -> set[tuple]:
    return {(r.indicator, r.org_unit, r.period, r.role, r.value) for r in extract.observations.itertuples()
            if r.value == r.value}


def reasons(extract) -> list[str]:
    return [str(u) for u in extract.unplaced]


# --- mapping keys ----------------------------------------------------------------------------------


def test_columns_say_what_a_header_holds_and_period_and_unit_place_the_rest(tmp_path):
    path = csv_file(tmp_path, "Chỉ tiêu;TH kỳ này;Cùng kỳ;Nguồn\nViệc làm;600;580;Sở LĐ\n")
    extract = read_wide(path, "unit: Hồng Dân\nperiod: 2020-06\n"
                              "columns:\n  Cùng kỳ: {role: value, period: 2019-06}\n  Nguồn: skip\n")
    assert observed(extract) == {("Việc làm", "Hồng Dân", "2020-06", "value", 600),
                                 ("Việc làm", "Hồng Dân", "2019-06", "value", 580)}
    assert reasons(extract) == ["t.csv, row 1, column Nguồn: 'Nguồn': the mapping says skip"]


def test_without_columns_the_same_period_last_year_is_a_comparison_left_out(tmp_path):
    path = csv_file(tmp_path, "Chỉ tiêu;TH kỳ này;Cùng kỳ\nViệc làm;600;580\n")
    extract = read_wide(path, "unit: Hồng Dân\nperiod: Tháng 6/2020\n")
    assert observed(extract) == {("Việc làm", "Hồng Dân", "2020-06", "value", 600)}
    assert reasons(extract) == ["t.csv, row 1, column Cùng kỳ: 'Cùng kỳ': a derived or comparison column"]


def test_header_row_names_the_header_when_a_line_above_looks_like_one(tmp_path):
    path = csv_file(tmp_path, "Chỉ tiêu;2019\n\nChỉ tiêu;2020-01;2020-02\nViệc làm;5;6\n")
    found = read_wide(path, "unit: X\nheader_row: 3\n")
    assert observed(found) == {("Việc làm", "X", "2020-01", "value", 5), ("Việc làm", "X", "2020-02", "value", 6)}
    guessed = read_wide(path, "unit: X\n")
    assert ("Việc làm", "X", "2020-01", "value", 5) not in observed(guessed)


def test_year_gives_months_written_without_one(tmp_path):
    path = csv_file(tmp_path, "Chỉ tiêu;Tháng 1;Tháng 2\nViệc làm;5;6\n")
    with_year = read_wide(path, "unit: X\nyear: 2020\n")
    assert observed(with_year) == {("Việc làm", "X", "2020-01", "value", 5), ("Việc làm", "X", "2020-02", "value", 6)}
    without = read_wide(path, "unit: X\n")
    assert without.observations.empty
    assert reasons(without)[0] == "t.csv, row 1, column Tháng 1: 'Tháng 1': value with no period: the column needs " \
                                  "a year: none was found in the title rows, the sheet name or the mapping (year:)"


def test_sheets_picks_sheets_by_pattern_and_says_which_were_left(tmp_path):
    rows = [["Chỉ tiêu", "2020-01"], ["Việc làm", 5]]
    path = workbook(tmp_path, {"H. Hồng Dân": rows, "H. Phước Long": rows, "Tổng hợp": rows})
    extract = read_wide(path, "sheets: ['H. *']\nsheet_is: unit\n")
    assert {r.org_unit for r in extract.observations.itertuples()} == {"H. Hồng Dân", "H. Phước Long"}
    assert extract.notes == ["t.xlsx: sheets not read (the mapping's sheets: leaves them out): Tổng hợp"]


def test_sheets_named_as_periods_are_the_periods_of_their_rows(tmp_path):
    def month(values):
        return [["SỐ LIỆU NĂM 2020"], [], ["Huyện", "Chỉ tiêu", "Thực hiện"],
                ["Hồng Dân", "Việc làm", values[0]], ["Phước Long", "Việc làm", values[1]]]

    extract = read_wide(workbook(tmp_path, {"Tháng 5": month((7, 8)), "Tháng 6": month((9, 10))}))
    assert observed(extract) == {("Việc làm", "Hồng Dân", "2020-05", "value", 7),
                                 ("Việc làm", "Phước Long", "2020-05", "value", 8),
                                 ("Việc làm", "Hồng Dân", "2020-06", "value", 9),
                                 ("Việc làm", "Phước Long", "2020-06", "value", 10)}


def test_decimal_overrides_the_languages_mark(tmp_path):
    path = csv_file(tmp_path, "Chỉ tiêu;2020-01\nTỷ lệ;1.500\n")
    assert observed(read_wide(path, "unit: X\n")) == {("Tỷ lệ", "X", "2020-01", "value", 1500)}
    assert observed(read_wide(path, "unit: X\ndecimal: '.'\n")) == {("Tỷ lệ", "X", "2020-01", "value", 1.5)}


def test_an_english_table_reads_english_numbers(tmp_path):
    path = csv_file(tmp_path, 'Indicator,Unit,Jan 2020,Feb 2020\nJobs created,people,"1,234","1,300.5"\n')
    extract = read_wide(path, "unit: District A\n")
    assert extract.lang == "en"
    assert observed(extract) == {("Jobs created", "District A", "2020-01", "value", 1234),
                                 ("Jobs created", "District A", "2020-02", "value", 1300.5)}


def test_two_org_unit_columns_give_the_tree(tmp_path):
    path = csv_file(tmp_path, "Tỉnh;Huyện;Chỉ tiêu;2020-01\nBạc Liêu;Hồng Dân;Việc làm;5\n;Phước Long;Việc làm;6\n"
                              "Bạc Liêu;;Việc làm;11\n")
    extract = read_wide(path)
    assert observed(extract) == {("Việc làm", "Hồng Dân", "2020-01", "value", 5),
                                 ("Việc làm", "Phước Long", "2020-01", "value", 6),
                                 ("Việc làm", "Bạc Liêu", "2020-01", "value", 11)}
    assert extract.units["Phước Long"]["parent"] == "Bạc Liêu"
    table = assemble([extract], parse_mapping("")).tables["org_units"].set_index("org_unit")
    assert table.loc["phuoc_long", "parent"] == "bac_lieu" and table.loc["bac_lieu", "parent"] == ""


def test_one_name_under_two_totals_stays_two_indicators(tmp_path):
    path = csv_file(tmp_path, "Chỉ tiêu;ĐVT;2020-01\nĐào tạo nghề;Người;100\nTrong đó:;;\n- Nữ;Người;40\n"
                              "Giải quyết việc làm;Người;200\nTrong đó:;;\n- Nữ;Người;90\n")
    extract = read_wide(path, "unit: X\n")
    assert observed(extract) >= {("Nữ", "X", "2020-01", "value", 40),
                                 ("Giải quyết việc làm / Nữ", "X", "2020-01", "value", 90)}
    assert extract.indicators["Giải quyết việc làm / Nữ"]["part_of"] == "Giải quyết việc làm"
    assert extract.indicators["Nữ"]["part_of"] == "Đào tạo nghề"


def test_bad_mapping_values_are_each_named_with_their_line():
    text = ("year: 20\nsheet_is: district\nheader_row: 0\ndecimal: ';'\nperiod: Tháng 6\n"
            "columns:\n  Cùng kỳ: banana\nsheets: {a: 1}\nunit: ''\n")
    with pytest.raises(InputError) as error:
        read(None, parse_mapping(text, "m.yaml", LAYOUT_KEYS))
    lines = {problem.column: problem.line for problem in error.value.problems}
    assert lines == {"year": 1, "sheet_is": 2, "header_row": 3, "decimal": 4, "period": 5,
                     "columns → Cùng kỳ": 7, "sheets": 8, "unit": 9}


# --- sources that cannot be read, cells that cannot be placed ---------------------------------------


def test_a_workbook_with_no_header_is_refused_naming_each_sheet(tmp_path):
    path = workbook(tmp_path, {"Số liệu": [["Báo cáo"], ["Việc làm", 5, 6]], "Ghi chú": [["xem trang trước"]]})
    with pytest.raises(InputError) as error:
        read_wide(path)
    assert [p.file for p in error.value.problems] == ["t.xlsx [Số liệu]", "t.xlsx [Ghi chú]"]
    assert "a header row" in str(error.value) and "header_row:" in str(error.value)


def test_a_sheet_whose_figures_have_no_org_unit_is_refused_with_the_fix(tmp_path):
    path = csv_file(tmp_path, "Chỉ tiêu;2020-01\nViệc làm;5\n")
    with pytest.raises(InputError) as error:
        read_wide(path)
    assert error.value.problems[0].file == "t.csv"
    assert "unit: <its name>" in str(error.value)


def test_text_in_a_number_cell_an_unreadable_period_and_a_lost_formula_are_placed_exactly(tmp_path):
    rows = [["BÁO CÁO THÁNG 6 NĂM 2020"], ["STT", "Chỉ tiêu", "Thực hiện", "Tháng 13", "Lũy kế"],
            [1, "Việc làm", "khoảng 600", 5, "=C3*6"], [2, "Đào tạo", 700, 6, 4200], [None, None, 12, None, None]]
    extract = read_wide(workbook(tmp_path, {"HD": rows}), "unit: Hồng Dân\n")
    assert observed(extract) == {("Đào tạo", "Hồng Dân", "2020-06", "value", 700),
                                 ("Đào tạo", "Hồng Dân", "2020-06", "cumulative", 4200)}
    found = reasons(extract)
    assert found[0].startswith("t.xlsx [HD], row 2, column D: 'Tháng 13': a period label the import cannot read")
    assert found[1] == "t.xlsx [HD], row 3, column C: 'khoảng 600': expected a number (18.050, 56,4 or 18050), " \
                       "or -, x or ... for not reported"
    assert found[2].startswith("t.xlsx [HD], row 3, column E: a formula whose result the file does not keep")
    assert found[3] == "t.xlsx [HD], row 5, column B: numbers in a row with no indicator name"
    assert len(found) == 4


def test_nothing_placed_from_a_source_is_an_error_of_the_import(tmp_path):
    path = csv_file(tmp_path, "Chỉ tiêu;Tháng 1\nViệc làm;5\n")
    mapping = parse_mapping("unit: X\n", "m.yaml", LAYOUT_KEYS)
    extract = read(open_source(path), mapping)
    with pytest.raises(InputError, match="none was found"):
        assemble([extract], mapping)


def test_the_command_exits_2_naming_the_sheet_and_leaves_no_folder(tmp_path):
    from conftest import run_briefing

    path = workbook(tmp_path, {"Số liệu": [["Báo cáo"], ["Việc làm", 5, 6]]}, name="bad.xlsx")
    result = run_briefing("import", path, "--out", tmp_path / "data")
    assert result.returncode == 2
    assert "bad.xlsx [Số liệu]" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()


CELLS = ("", "Chỉ tiêu", "ĐVT", "Huyện", "Kế hoạch năm", "Thực hiện", "Lũy kế", "Tháng 6", "Quý II", "2020-06",
         "Tháng 13", "% so KH", "Trong đó:", "- Nữ", "I. LAO ĐỘNG", "Hồng Dân", "Người", "18.050", "56,4", "x",
         "-", "abc", "12", "Năm 2020", "9 tháng", "STT", "1")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(CELLS), min_size=1, max_size=6), min_size=1, max_size=8),
       st.sampled_from(["", "unit: X\n", "root: r\nyear: 2020\n", "period: 2020-06\nunit: X\n"]))
def test_any_table_gives_an_extract_or_a_named_error_never_a_traceback(tmp_path, rows, mapping_text):
    path = csv_file(tmp_path, "\n".join(";".join(row) for row in rows) + "\n")
    mapping = parse_mapping(mapping_text, "m.yaml", LAYOUT_KEYS)
    try:
        extract = read(open_source(path), mapping)
    except InputError as error:
        assert error.problems and all(p.file.startswith("t.csv") for p in error.problems)
        return
    assert set(extract.observations["role"]) <= {"value", "cumulative", "target"}
    for place in extract.observations["place"]:
        assert place.startswith("t.csv, row ")
