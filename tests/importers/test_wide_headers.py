"""Header labels of wide tables: each spelling of a period reads back as itself; roles; titles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.importers.headers import When, find_period, parse_when, read_label, resolve
from briefing.importers.ids import plain
from briefing.periods import Period

ROMAN = ("I", "II", "III", "IV")
MONTHS_EN = ("Jan", "February", "Mar", "April", "May", "June", "Jul", "August", "Sep", "October", "Nov",
             "December")


def spellings(period: Period) -> list[str]:
    """Every supported way of writing a contract period with its year."""
    y, n = period.year, period.number
    if period.kind == "month":
        return [f"{y}-{n:02d}", f"{y}{n:02d}", f"T{n}/{y}", f"T{n:02d}-{y}", f"Tháng {n}/{y}",
                f"Tháng {n} năm {y}", f"THÁNG {n:02d}.{y}", f"{n:02d}/{y}", f"{MONTHS_EN[n - 1]} {y}",
                f"{y} {MONTHS_EN[n - 1]}"]
    if period.kind == "quarter":
        return [f"{y}Q{n}", f"Q{n}/{y}", f"Q{n} {y}", f"Quý {ROMAN[n - 1]}/{y}", f"QUÝ {ROMAN[n - 1]} NĂM {y}",
                f"Quý {n} năm {y}", f"Quarter {n} {y}"]
    if period.kind == "half":
        words = ("đầu", "cuối")[n - 1]
        return [f"{y}S{n}", f"{y}H{n}", f"H{n} {y}", f"6 tháng {words} năm {y}", f"06 THÁNG {words.upper()} NĂM {y}",
                f"{('First', 'Second')[n - 1]} half {y}"]
    return [f"{y}", f"Năm {y}", f"Cả năm {y}", f"Year {y}"]


def without_year(period: Period) -> list[str]:
    """Spellings that leave the year to the sheet's title, name or mapping."""
    n = period.number
    if period.kind == "month":
        return [f"Tháng {n}", f"T{n}", f"tháng {n:02d}", MONTHS_EN[n - 1]]
    if period.kind == "quarter":
        return [f"Quý {ROMAN[n - 1]}", f"Quý {n}", f"Q{n}"]
    if period.kind == "half":
        return [f"6 tháng {('đầu', 'cuối')[n - 1]} năm", f"H{n}"]
    return ["Cả năm", "Năm"]


periods = st.builds(lambda kind, year, number: Period(kind, year, number % {"month": 12, "quarter": 4,
                                                                              "half": 2, "year": 1}[kind] + 1),
                    st.sampled_from(["month", "quarter", "half", "year"]), st.integers(1900, 2100),
                    st.integers(0, 11))


def key_of(text: str, year: int | None = None) -> str:
    label = read_label(text)
    assert label.kind == "figure", (text, label)
    found = resolve(label.role or "value", label.when, When("year", None, year) if year else None)
    assert not isinstance(found, str), (text, found)
    return found[1]


@given(periods)
def test_every_spelling_of_a_period_reads_back_as_itself(period):
    for text in spellings(period):
        assert key_of(text) == period.key, text
        assert key_of(plain(text)) == period.key, plain(text)   # no marks, lower case


@given(periods)
def test_a_period_written_without_its_year_takes_the_sheets(period):
    for text in without_year(period):
        assert key_of(text, period.year) == period.key, text


@pytest.mark.parametrize("text, role, key", [
    ("Kế hoạch năm 2020", "target", "2020"),
    ("KH năm", "target", "2020"),
    ("KH2020", "target", "2020"),
    ("Kế hoạch", "target", "2020"),
    ("Kế hoạch giao năm 2020", "target", "2020"),
    ("KH tỉnh giao", "target", "2020"),
    ("Thực hiện tháng 6", "value", "2020-06"),
    ("Thực hiện tháng", "value", "2020-06"),
    ("Thực hiện kỳ", "value", "2020-06"),
    ("Ước thực hiện 6 tháng đầu năm", "value", "2020S1"),
    ("TH quý II", "value", "2020Q2"),
    ("Thực hiện", "value", "2020-06"),
    ("Lũy kế", "cumulative", "2020-06"),
    ("Luỹ kế từ đầu năm", "cumulative", "2020-06"),
    ("Lũy kế 6 tháng", "cumulative", "2020-06"),
    ("Lũy kế đến tháng 5", "cumulative", "2020-05"),
    ("Lũy kế đến 30/6/2020", "cumulative", "2020-06"),
    ("Lũy kế 9 tháng", "cumulative", "2020-09"),
    ("9 tháng đầu năm", "cumulative", "2020-09"),
    ("Thực hiện 5 tháng", "cumulative", "2020-05"),
])
def test_roles_and_their_periods_in_a_june_2020_report(text, role, key):
    label = read_label(text)
    assert label.kind == "figure"
    assert resolve(label.role or "value", label.when, When("month", 6, 2020)) == (role, key)


@pytest.mark.parametrize("text, kind", [
    ("Chỉ tiêu", "indicator"), ("NỘI DUNG", "indicator"), ("Tên chỉ tiêu", "indicator"), ("Indicator", "indicator"),
    ("ĐVT", "measure"), ("Đơn vị tính", "measure"), ("Unit", "measure"),
    ("Đơn vị", "org_unit"), ("Huyện", "org_unit"), ("Org unit", "org_unit"),
    ("STT", "numbering"), ("TT", "numbering"), ("Ghi chú", "remark"),
    ("% so KH", "derived"), ("% so cùng kỳ", "derived"), ("Cùng kỳ", "derived"), ("So sánh (%)", "derived"),
    ("TH/KH", "derived"), ("Cùng kỳ năm trước", "derived"), ("Tăng, giảm", "derived"),
    ("Tháng 13", "bad_period"), ("Quý V", "bad_period"), ("2020-14", "bad_period"), ("T13/2020", "bad_period"),
    ("Hồng Dân", "text"), ("Thành phố Bạc Liêu", "text"), ("Toàn tỉnh", "text"),
])
def test_what_a_header_says_its_column_holds(text, kind):
    assert read_label(text).kind == kind


def test_a_plan_for_less_than_a_year_and_a_period_with_no_year_have_no_place():
    monthly_plan = read_label("Kế hoạch tháng 6")
    assert "annual plan" in resolve("target", monthly_plan.when, When("month", 6, 2020))
    assert "a year" in resolve("value", parse_when("Tháng 6"), None)
    assert "own period" in resolve("value", When("current"), None)


@pytest.mark.parametrize("title, when", [
    ("BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU ... THÁNG 6 NĂM 2020", When("month", 6, 2020)),
    ("Báo cáo tình hình thực hiện 6 tháng đầu năm 2020", When("half", 1, 2020)),
    ("BÁO CÁO QUÝ II/2020", When("quarter", 2, 2020)),
    ("Kết quả 9 tháng năm 2020", When("through", 9, 2020)),
    ("SỐ LIỆU CÁC THÁNG NĂM 2020", When("year", None, 2020)),
    ("Report for June 2020", When("month", 6, 2020)),
    ("Bạc Liêu, ngày 02 tháng 7 năm 2020", None),
    ("(Kèm theo Báo cáo số 123/BC-SLĐTBXH ngày 02/7/2020)", None),
    ("UBND TỈNH BẠC LIÊU", None),
])
def test_the_period_a_title_names(title, when):
    assert find_period(title) == when
