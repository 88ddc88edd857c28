"""The briefing's own parts (the notebooks only call them)."""

import pytest

from briefing.render.reports.briefing import prepare_report


@pytest.mark.parametrize("values, lang, phrase", [
    ([("trained", "P", "2020-01", 40)], "en", "brings together 1 indicator in 1 sector for Province P"),
    ([("trained", "P", "2020-01", 40), ("members", "P", "2020-01", 900),
      ("accidents", "P", "2020-01", 2)], "en", "brings together 3 indicators in 3 sectors for"),
    ([("trained", "P", "2020-01", 40)], "vi", "kết quả thực hiện 1 chỉ tiêu thuộc 1 lĩnh vực trên địa bàn tỉnh P"),
])
def test_the_introduction_counts_indicators_and_sectors(make_dataset, values, lang, phrase):
    report = prepare_report(make_dataset(values=values), "2020-01", "P", lang)
    assert phrase in str(report.header())


# --- issue 12: each failure found on valid data, as a named test ------------------------------

import re  # noqa: E402

from briefing.render import charts  # noqa: E402
from conftest import months_rows  # noqa: E402


def text_of(block) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(block)))


def full_report(report) -> str:
    return "".join(str(b) for b in (report.header(), report.key_figures(), report.sector_sections(),
                                    report.admin_procedures(), report.quality_notes()))


def test_monthly_briefing_of_a_root_with_a_planned_stock_without_value_renders(make_dataset):
    """`--period 2020-06 --unit baclieu` crashed with "PeriodError: period 'nan'": a stock with
    a plan but no value in the period has no as-of month (NaN under pandas 3)."""
    dataset = make_dataset(values=months_rows("members", "D1", 2020, [10] * 5)
                           + months_rows("trained", "D1", 2020, [5] * 6),
                           targets=[("members", "P", 2020, 40)])
    report = prepare_report(dataset, "2020-06", "P", "vi")
    text = text_of(full_report(report))
    assert "Người tham gia BHXH: chưa có số liệu." in text


def test_quality_notes_when_only_stocks_are_incomplete(make_dataset):
    """find_gaps raised KeyError 'indicator_id' when the incomplete indicators were all levels."""
    dataset = make_dataset(values=months_rows("members", "D1", 2020, [10] * 6)
                           + months_rows("members", "D2", 2020, [20] * 5))
    notes = text_of(prepare_report(dataset, "2020S1", "P", "vi").quality_notes())
    assert "Người tham gia BHXH: số liệu chưa đầy đủ (Huyện 2 chưa báo cáo tháng 6/2020)." in notes


def test_a_rate_without_value_at_the_parent_is_shown_with_a_dash_and_noted(make_dataset):
    dataset = make_dataset(values=[("poverty", "D1", "2020Q2", 3.0),
                                   ("trained", "D1", "2020-01", 4)])
    report = prepare_report(dataset, "2020S1", "P", "en")
    sections, notes = text_of(report.sector_sections()), text_of(report.quality_notes())
    assert "Poverty rate: cannot be computed at this level" in sections
    assert re.search(r"Poverty rate % — — 2\.60|Poverty rate % —", sections)
    assert "Not computed for Province P: Poverty rate (rates are not added up" in notes
    assert "2 indicators in 2 sectors" in text_of(report.header())


def test_a_month_shows_the_year_to_date_that_the_plan_is_about(make_dataset):
    """A month showed 1.428 people "đạt 56,4% kế hoạch năm" beside the month's figure, when
    1.428 / 4.160 = 34 %: the plan is about the year to date, which appeared nowhere."""
    values = months_rows("trained", "P", 2020, [1000, 1000, 1000, 1000, 1000, 1428]) \
        + months_rows("trained", "P", 2019, [900] * 6)
    dataset = make_dataset(values=values, targets=[("trained", "P", 2020, 11_400)])
    report = prepare_report(dataset, "2020-06", "P", "vi")
    table = text_of(report.sector_sections())
    # ytd 6.428; 6.428 / 11.400 = 56,4 %; last year's ytd 5.400, +19,0 %; the month +58,7 %
    assert "Lũy kế từ đầu năm 2020" in table and "Lũy kế cùng kỳ năm 2019" in table
    assert "Đào tạo nghề người 1.428 6.428 11.400 56,4% 5.400 +19,0%" in table
    assert "lũy kế từ đầu năm 6.428 người, đạt 56,4% kế hoạch năm, tăng 19,0% so với cùng kỳ" \
        in table
    chart = charts.sector_chart(report.metrics[report.metrics["indicator_id"] == "trained"],
                                "2020-06", "vi")
    texts = [t.get_text() for t in chart.texts] + [t.get_text() for a in chart.axes for t in a.texts]
    assert any("Lũy kế từ đầu năm đến hết tháng 6/2020 so với cùng kỳ năm 2019" in t.replace("\n", " ")
               for t in texts)
    assert "+19,0%" in texts and "+58,7%" not in texts
    cards = text_of(report.key_figures())
    assert "6.428 người Đào tạo nghề Lũy kế từ đầu năm · Tháng 6/2020: 1.428 người" in cards
    figures = report.dataset.metrics("2020-06", "P").set_index("indicator_id").loc["trained"]
    assert figures["previous_ytd_value"] == 5400


@pytest.mark.parametrize("with_previous", [False, True])
def test_table_and_chart_numbers_do_not_shift_with_the_changes_section(make_dataset, tmp_path,
                                                                       with_previous):
    import json

    values = months_rows("trained", "P", 2020, [10] * 6) + months_rows("accidents", "P", 2020, [1] * 6)
    dataset = make_dataset(values=values, targets=[("trained", "P", 2020, 120),
                                                    ("accidents", "P", 2020, 20)])
    previous = None
    if with_previous:
        previous = tmp_path / "metrics.vi.json"
        previous.write_text(json.dumps({"period": "2020Q1", "indicators": [
            {"indicator_id": "trained", "attainment_pct": 20.0, "status": "on_track"}]}))
    report = prepare_report(dataset, "2020S1", "P", "vi", previous_metrics=previous)
    text = text_of(report.sector_sections())
    assert re.findall(r"Bảng (\d+)\.", text) == ["1", "2"]
    assert re.findall(r"Biểu đồ (\d+)\.", text) == ["1", "2"]


def test_last_years_year_to_date_alone_keeps_an_indicator_in_the_table(make_dataset):
    """Only last year's January–March: the Q2 table's "same period, year to date" holds it."""
    dataset = make_dataset(values=[("trained", "D2", "2019-03", 7), ("accidents", "D2", "2020-06", 1)])
    report = prepare_report(dataset, "2020Q2", "D2", "en")
    table = text_of(report.sector_sections())
    assert "Vocational training people — — — — 7 —" in table
    assert "Vocational training" not in text_of(report.quality_notes())
