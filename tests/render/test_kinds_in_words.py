"""The new kinds and flags in words: notes that give both figures, sentences for averages,
ratios and projections, in both languages. Figures worked by hand in each test."""

import pytest

import briefing
from briefing.render.narrative import narrate_metrics
from briefing.render.notes import quality_notes
from conftest import months_rows as months

CATALOGUE = """\
indicator_id,sector,name_vi,name_en,unit_vi,unit_en,kind,direction,decimals,numerator,denominator,weight,signed
tests,health,Xét nghiệm,Tests,mẫu,samples,flow,up,0,,,,
positives,health,Dương tính,Positives,ca,cases,flow,down,0,,,,
positivity,health,Tỷ lệ dương tính,Positivity,%,%,ratio,down,1,positives,tests,,
wage,jobs,Lương bình quân,Average wage,triệu đồng,million VND,average,up,1,,,,
"""


@pytest.fixture
def build(make_dataset):
    return lambda values, targets=None: make_dataset(values=values, targets=targets,
                                                     indicators=CATALOGUE)


def notes_of(dataset, period, unit, lang):
    metrics = dataset.label_metrics(dataset.metrics(period, unit), lang)
    return " ".join(quality_notes(dataset, metrics, period, unit, lang))


def sentences_of(dataset, period, unit, lang):
    metrics = dataset.label_metrics(dataset.metrics(period, unit), lang)
    return narrate_metrics(metrics, period, lang)


@pytest.mark.parametrize("lang, fragment", [
    ("vi", "Xét nghiệm của tỉnh P: 100 mẫu, tổng các đơn vị trực thuộc: 90 mẫu"),
    ("en", "Tests of Province P: 100 samples, units below: 90 samples"),
])
def test_an_own_figure_against_its_children_is_noted_with_both(build, lang, fragment):
    # P reports 100; D1 60 + D2 30 = 90.
    dataset = build(months("tests", "P", 2020, [30, 30, 40]) + months("tests", "D1", 2020, [20, 20, 20])
                    + months("tests", "D2", 2020, [10, 10, 10]))
    assert fragment in notes_of(dataset, "2020Q1", "P", lang)


@pytest.mark.parametrize("lang, fragment", [
    ("vi", "Xét nghiệm của huyện 2, Quý I/2020: 3.500 mẫu, tổng các tháng: 3.000 mẫu"),
    ("en", "Tests of District 2, Q1 2020: 3,500 samples, sum of months: 3,000 samples"),
])
def test_a_quarter_against_its_months_is_noted_with_both(build, lang, fragment):
    dataset = build(months("tests", "D2", 2020, [1000] * 3) + [("tests", "D2", "2020Q1", 3500)])
    assert fragment in notes_of(dataset, "2020Q1", "D2", lang)


def test_a_districts_quarter_against_its_months_is_noted_in_the_province_report(build):
    # D2's Q1 of 3,500 over months of 3,000 enters P's figure (3,500 + D1's 30): P says so.
    dataset = build(months("tests", "D2", 2020, [1000] * 3) + [("tests", "D2", "2020Q1", 3500)]
                    + months("tests", "D1", 2020, [10] * 3))
    assert figure_flags(dataset, "2020Q1", "P") == ["months_mismatch", "no_target"]
    assert "Tests of District 2, Q1 2020: 3,500 samples, sum of months: 3,000 samples" \
        in notes_of(dataset, "2020Q1", "P", "en")


def figure_flags(dataset, period, unit):
    return dataset.metrics(period, unit).set_index("indicator_id").loc["tests", "flags"]


def test_a_negative_month_is_noted(build):
    dataset = build(months("tests", "D2", 2020, [10, -3, 10]))
    assert "Có số âm (điều chỉnh giảm) trong số liệu từ đầu năm của huyện 2: Xét nghiệm" \
        in notes_of(dataset, "2020Q1", "D2", "vi")


def test_a_ratio_that_cannot_be_made_is_noted(build):
    dataset = build(months("positives", "D2", 2020, [5]))
    assert "Not computed for District 2: Positivity (a numerator or denominator is missing" \
        in notes_of(dataset, "2020-01", "D2", "en")


@pytest.mark.parametrize("lang, sentence", [
    # June 18 / 100 = 18 %; January-June 60 / 600 = 10 %; plan 12 % (a ceiling, as a level).
    ("vi", "Tỷ lệ dương tính: 18,0%; tính từ đầu năm 10,0%, kế hoạch năm 12,0%."),
    ("en", "Positivity: 18.0%; year to date 10.0%, annual plan 12.0%."),
])
def test_a_ratio_is_told_for_the_month_and_the_year_to_date(build, lang, sentence):
    dataset = build(months("tests", "D2", 2020, [100] * 6) + months("positives", "D2", 2020, [5, 9, 10, 9, 9, 18]),
                    targets=[("positivity", "D2", 2020, 12)])
    assert sentences_of(dataset, "2020-06", "D2", lang)["positivity"] == sentence


def test_an_average_is_told_as_a_mean_for_the_year_to_date(build):
    # February 5.2; January-February (5.0 + 5.2) / 2 = 5.1.
    dataset = build(months("wage", "D2", 2020, [5.0, 5.2]))
    assert sentences_of(dataset, "2020-02", "D2", "vi")["wage"] \
        == "Lương bình quân: 5,2 triệu đồng; bình quân từ đầu năm 5,1 triệu đồng."


@pytest.mark.parametrize("lang, clause", [
    # 2019: 10 a month; 2020 H1 15 a month = 90: 90 × 120 / 60 = 180 of a plan of 250 = 72 %.
    ("vi", "; theo tiến độ hiện nay, cả năm ước đạt 72,0% kế hoạch."),
    ("en", "; at this pace the year would end at 72.0% of the annual plan."),
])
def test_the_projection_is_told_when_the_year_heads_short_of_its_plan(build, lang, clause):
    dataset = build(months("tests", "D2", 2019, [10] * 12) + months("tests", "D2", 2020, [15] * 6),
                    targets=[("tests", "D2", 2020, 250)])
    assert sentences_of(dataset, "2020S1", "D2", lang)["tests"].endswith(clause)
    on_course = build(months("tests", "D2", 2019, [10] * 12) + months("tests", "D2", 2020, [15] * 6),
                      targets=[("tests", "D2", 2020, 150)])   # 180 of 150: no clause
    assert "theo tiến độ" not in sentences_of(on_course, "2020S1", "D2", "vi")["tests"]


def test_a_briefing_with_every_new_kind_renders_in_both_languages(build):
    dataset = build(months("tests", "D1", 2020, [100] * 6) + months("positives", "D1", 2020, [5] * 6)
                    + months("wage", "D1", 2020, [5.0] * 6), targets=[("positivity", "P", 2020, 4)])
    for lang in ("vi", "en"):
        report = briefing.prepare_report(dataset, "2020-06", "P", lang)
        html = str(report.sector_sections()) + str(report.key_figures())
        assert ("Tỷ lệ dương tính" if lang == "vi" else "Positivity") in html
        assert "nan" not in html.lower().replace("financ", "")


def test_an_average_that_cannot_be_made_says_why(make_dataset):
    # D1 and D2 have wages; their weights (a signed flow) are +5 and -5: the weights add up to 0.
    catalogue = CATALOGUE.replace("wage,jobs,Lương bình quân,Average wage,triệu đồng,million VND,average,up,1,,,,",
                                  "wage,jobs,Lương bình quân,Average wage,triệu đồng,million VND,average,up,1,,,w,") \
        + "w,jobs,Trọng số,Weight,,,flow,up,0,,,,yes\n"
    dataset = make_dataset(values=months("wage", "D1", 2020, [5.0]) + months("wage", "D2", 2020, [6.0])
                           + months("w", "D1", 2020, [5]) + months("w", "D2", 2020, [-5]), indicators=catalogue)
    assert "Not computed for Province P: Average wage (the units below have figures but no weights" \
        in notes_of(dataset, "2020-01", "P", "en")
