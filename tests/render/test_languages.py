"""Report languages: texts, and counts that agree with their number."""

import pytest

from briefing.render.languages import language


@pytest.mark.parametrize("lang, count, text", [
    ("en", 1, "1 indicator"), ("en", 2, "2 indicators"), ("en", 0, "0 indicators"),
    ("vi", 1, "1 chỉ tiêu"), ("vi", 2, "2 chỉ tiêu"),
])
def test_a_count_takes_the_singular_only_for_one(lang, count, text):
    assert language(lang).text("count.indicators", count=count) == text


def test_a_text_without_plural_forms_still_receives_the_count():
    assert language("en").text("chart.units_not_shown", count=3) == "… 3 units not shown"
    assert language("vi").text("chart.units_not_shown", count=1) == "… 1 đơn vị không hiển thị"


@pytest.mark.parametrize("indicators, sectors, phrase", [
    (1, 1, "brings together 1 indicator in 1 sector for"),
    (2, 3, "brings together 2 indicators in 3 sectors for"),
])
def test_the_english_introduction_counts_indicators_and_sectors(indicators, sectors, phrase):
    en = language("en")
    intro = en.text("report.intro", indicators=en.text("count.indicators", count=indicators),
                    sectors=en.text("count.sectors", count=sectors), unit="Province P",
                    period="H1 2020", year=2020, previous=2019)
    assert phrase in intro
