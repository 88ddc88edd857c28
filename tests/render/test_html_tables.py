"""The HTML of tables, read as a tree: caption, header cells, rows, alignment, escaping, marks."""

import math

import pandas as pd
import pytest
from html_tree import by_class, child_tags, classes, one, parse_html, text
from markupsafe import Markup

from briefing.render.tables import STATUS_MARKS, Column, metrics_table, render_table

NAN = math.nan


# --- render_table ------------------------------------------------------------------------------

COLUMNS = [Column("Chỉ tiêu"), Column("Đơn vị"), Column("Giá trị", "num")]


def test_a_table_is_a_caption_then_a_wrapped_table_with_header_and_rows():
    root = parse_html(render_table(COLUMNS, [["A", "người", "1"], ["B", "vụ", "2"]],
                                   caption="Bảng 1. Thử", table_class="metrics"))
    assert child_tags(root) == ["p.table-caption", "div.table-wrap"]
    assert text(root[0]) == "Bảng 1. Thử"
    table = root[1].find("table")
    assert classes(table) == ["metrics"]
    assert [child.tag for child in table] == ["thead", "tbody"]
    assert [text(th) for th in table.findall("thead/tr/th")] == ["Chỉ tiêu", "Đơn vị", "Giá trị"]
    assert [[text(td) for td in tr] for tr in table.findall("tbody/tr")] == [
        ["A", "người", "1"], ["B", "vụ", "2"]]


def test_every_cell_carries_its_column_alignment():
    root = parse_html(render_table(COLUMNS, [["A", "người", "1.234"]]))
    assert [th.get("class") for th in root.iter("th")] == ["text", "text", "num"]
    assert [td.get("class") for td in root.iter("td")] == ["text", "text", "num"]


def test_without_a_caption_or_class_there_is_no_caption_paragraph_and_no_class():
    root = parse_html(render_table(COLUMNS, [["A", "người", "1"]]))
    assert child_tags(root) == ["div.table-wrap"]
    assert root.find(".//table").get("class") is None


def test_row_classes_mark_their_rows_only():
    root = parse_html(render_table(COLUMNS, [["A", "", "1"], ["a", "", "2"], ["B", "", "3"]],
                                   row_classes=["", "component", ""]))
    assert [tr.get("class") for tr in root.findall(".//tbody/tr")] == [None, "component", None]


HOSTILE = "<script>alert('x')</script> & <b>Co</b>"


def test_text_from_data_stays_text_in_cells_headers_and_caption():
    root = parse_html(render_table([Column(HOSTILE), Column("n", "num")], [[HOSTILE, "1"]],
                                   caption=HOSTILE))
    assert not list(root.iter("script")) and not list(root.iter("b"))
    assert text(root.find(".//th")) == HOSTILE
    assert text(root.find(".//td")) == HOSTILE
    assert text(one(root, "table-caption")) == HOSTILE


def test_markup_cells_are_kept_as_markup():
    cell = Markup('<span class="hash">abc</span>')
    root = parse_html(render_table(COLUMNS[:1], [[cell]]))
    assert text(one(root, "hash", "span")) == "abc"


# --- metrics_table -----------------------------------------------------------------------------

def metric_rows(*rows: dict) -> pd.DataFrame:
    """Labelled metrics rows as the briefing passes them: defaults for what a test leaves out."""
    defaults = {"name": "Đào tạo nghề", "unit": "người", "kind": "flow", "direction": "up",
                "decimals": 0, "part_of": "", "as_of": NAN, "value": NAN, "ytd_value": NAN,
                "target": NAN, "attainment_pct": NAN, "previous_value": NAN,
                "previous_ytd_value": NAN, "change_abs": NAN, "change_pct": NAN,
                "ytd_change_abs": NAN, "ytd_change_pct": NAN, "status": None}
    return pd.DataFrame([defaults | row for row in rows])


#: H1 2020: 18,050 people trained of a plan of 32,000 -> 56.40625 % -> "56,4%"; last year
#: 16,000 -> +2,050 = +12.8125 % -> "+12,8%". A component, 1,234.5 shown with 0 decimals
#: rounds half-up to 1,235, without a plan. A rate of 3.5 % against 4.0 % last year: -0.50
#: points, no plan. The status shape and its words are two spans (the CSS spaces them), so
#: their text runs together here: "●Đạt tiến độ".
TRAINED = {"name": "Đào tạo nghề", "value": 18050.0, "ytd_value": 18050.0, "target": 32000.0,
           "attainment_pct": 56.40625, "previous_value": 16000.0, "previous_ytd_value": 16000.0,
           "change_abs": 2050.0, "change_pct": 12.8125, "status": "on_track"}
SHORT = {"name": "Đào tạo ngắn hạn", "part_of": "trained", "value": 1234.5, "ytd_value": 1234.5}
POVERTY = {"name": "Tỷ lệ hộ nghèo", "unit": "%", "kind": "rate", "direction": "down",
           "decimals": 2, "value": 3.5, "ytd_value": 3.5, "previous_value": 4.0,
           "previous_ytd_value": 4.0, "change_abs": -0.5}

EXPECTED_CELLS = {
    "vi": [["Đào tạo nghề", "người", "18.050", "32.000", "56,4%", "16.000", "+12,8%", "●Đạt tiến độ"],
           ["Đào tạo ngắn hạn", "người", "1.235", "—", "—", "—", "—", "—"],
           ["Tỷ lệ hộ nghèo", "%", "3,50", "—", "—", "4,00", "-0,50 điểm %", "—"]],
    "en": [["Đào tạo nghề", "người", "18,050", "32,000", "56.4%", "16,000", "+12.8%", "●On track"],
           ["Đào tạo ngắn hạn", "người", "1,235", "—", "—", "—", "—", "—"],
           ["Tỷ lệ hộ nghèo", "%", "3.50", "—", "—", "4.00", "-0.50 pp", "—"]],
}


def sector_table(lang: str, period="2020S1", rows=(TRAINED, SHORT, POVERTY)):
    return parse_html(metrics_table(metric_rows(*rows), period, lang, caption="Bảng 1. Việc làm"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_row_per_indicator_with_its_figures_formatted_in_the_language(lang):
    root = sector_table(lang)
    assert text(one(root, "table-caption")) == "Bảng 1. Việc làm"
    assert classes(root.find(".//table")) == ["metrics"]
    assert [[text(td) for td in tr] for tr in root.findall(".//tbody/tr")] == EXPECTED_CELLS[lang]


@pytest.mark.parametrize("lang, period_words, year_words", [
    ("vi", "6 tháng đầu năm 2020", "2020"), ("en", "H1 2020", "2020"),
])
def test_the_header_names_the_period_the_plan_year_and_last_year(lang, period_words, year_words):
    headers = [text(th) for th in sector_table(lang).findall(".//thead/tr/th")]
    assert len(headers) == 8
    assert period_words in headers[2]            # value of the period
    assert year_words in headers[3]              # the annual plan of 2020
    assert "2019" in headers[5]                  # the same period last year


def test_figures_are_right_aligned_and_words_are_not():
    root = sector_table("vi")
    expected = ["text", "text", "num", "num", "num", "num", "num", "text"]
    assert [th.get("class") for th in root.findall(".//thead/tr/th")] == expected
    for tr in root.findall(".//tbody/tr"):
        assert [td.get("class") for td in tr] == expected


def test_a_component_row_is_marked_as_such():
    rows = sector_table("vi").findall(".//tbody/tr")
    assert [tr.get("class") for tr in rows] == [None, "component", None]


def test_a_month_adds_the_year_to_date_after_the_value_and_compares_it():
    # June 2020 alone: 3,000 people; January-June 18,050 of a plan of 32,000 (56,4%);
    # last year's January-June 16,000, so the change is that of the year to date, +12,8%.
    month = TRAINED | {"value": 3000.0, "previous_value": 2500.0, "change_abs": 500.0,
                       "change_pct": 20.0, "ytd_change_abs": 2050.0, "ytd_change_pct": 12.8125}
    root = sector_table("vi", "2020-06", [month])
    headers = [text(th) for th in root.findall(".//thead/tr/th")]
    assert len(headers) == 9 and "2020" in headers[3]
    assert [th.get("class") for th in root.findall(".//thead/tr/th")][3] == "num"
    assert [text(td) for td in root.findall(".//tbody/tr/td")] == [
        "Đào tạo nghề", "người", "3.000", "18.050", "32.000", "56,4%", "16.000", "+12,8%",
        "●Đạt tiến độ"]


@pytest.mark.parametrize("status", list(STATUS_MARKS))
def test_each_status_has_its_own_shape_beside_the_words(status):
    root = sector_table("vi", rows=[TRAINED | {"status": status}])
    cell = one(root, "status", "span")
    assert classes(cell) == ["status", f"status-{status}"]
    assert text(one(cell, "mark", "span")) == STATUS_MARKS[status]
    assert len(text(cell)) > len(STATUS_MARKS[status]) + 1     # words follow the shape


def test_status_shapes_are_all_different():
    assert len(set(STATUS_MARKS.values())) == len(STATUS_MARKS)


def test_names_and_units_from_data_stay_text():
    root = sector_table("en", rows=[TRAINED | {"name": HOSTILE, "unit": "<i>người</i>"}])
    assert not list(root.iter("script")) and not list(root.iter("i"))
    cells = root.findall(".//tbody/tr/td")
    assert text(cells[0]) == HOSTILE and text(cells[1]) == "<i>người</i>"


def test_a_level_observed_before_the_end_of_the_period_says_when():
    # Members were last counted in April: the H1 table shows the figure with an as-of note
    # naming April; counted in June, the end of the period, it needs none.
    members = {"name": "Người tham gia BHXH", "kind": "stock", "value": 900.0,
               "ytd_value": 900.0, "as_of": "2020-04"}
    root = sector_table("vi", rows=[members])
    name_cell = root.find(".//tbody/tr/td")
    note = one(name_cell, "as-of", "span")
    assert "4/2020" in text(note)
    assert name_cell.text == "Người tham gia BHXH"
    assert not by_class(sector_table("vi", rows=[members | {"as_of": "2020-06"}]), "as-of")
