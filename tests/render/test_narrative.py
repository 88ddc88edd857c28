"""Narrative sentences in the reference page's style, for every case SPEC names."""

import math

import pandas as pd
import pytest

from briefing.render.narrative import describe_indicator, narrate_metrics

NAN = math.nan


def row(**overrides):
    """A labelled metrics row for a flow of people, 11.461 jobs at 63,7% of plan."""
    base = dict(
        indicator_id="jobs", name="Giải quyết việc làm", unit="người",
        phrase="Giải quyết việc làm cho {value}", kind="flow", direction="up", decimals=0,
        value=11461.0, as_of="2020-06", target=18000.0, attainment_pct=63.672222,
        previous_value=14368.0, change_abs=-2907.0, change_pct=-20.232461, flags=[], part_of="",
        ytd_value=11461.0, previous_ytd_value=14368.0, ytd_change_abs=-2907.0,
        ytd_change_pct=-20.232461,
    )
    return pd.Series(base | overrides)


VI_CASES = [
    pytest.param({}, "Giải quyết việc làm cho 11.461 người, đạt 63,7% kế hoạch năm, "
                     "giảm 20,2% so với cùng kỳ.", id="reference-sentence"),
    pytest.param({"target": NAN, "attainment_pct": NAN},
                 "Giải quyết việc làm cho 11.461 người, giảm 20,2% so với cùng kỳ.",
                 id="no-target"),
    pytest.param({"previous_value": NAN, "change_abs": NAN, "change_pct": NAN},
                 "Giải quyết việc làm cho 11.461 người, đạt 63,7% kế hoạch năm.",
                 id="no-previous-value"),
    pytest.param({"previous_value": 0.0, "change_abs": 11461.0, "change_pct": NAN},
                 "Giải quyết việc làm cho 11.461 người, đạt 63,7% kế hoạch năm, "
                 "cùng kỳ không phát sinh.", id="previous-value-zero"),
    pytest.param({"change_abs": 0.0, "change_pct": 0.0, "previous_value": 11461.0},
                 "Giải quyết việc làm cho 11.461 người, đạt 63,7% kế hoạch năm, bằng cùng kỳ.",
                 id="unchanged"),
    pytest.param({"phrase": "", "name": "Tỷ lệ hộ nghèo", "unit": "%", "kind": "rate",
                  "direction": "down", "decimals": 2, "value": 3.10, "target": 2.6,
                  "attainment_pct": 119.2, "previous_value": 3.85, "change_abs": -0.75,
                  "change_pct": NAN},
                 "Tỷ lệ hộ nghèo: 3,10%, kế hoạch năm 2,60%, giảm được 0,75 điểm phần trăm "
                 "so với cùng kỳ.", id="rate-down-in-points-is-good-news"),
    pytest.param({"phrase": "", "name": "Tai nạn lao động chết người", "unit": "vụ",
                  "direction": "down", "value": 2.0, "target": 5.0, "attainment_pct": 40.0,
                  "previous_value": 3.0, "change_abs": -1.0, "change_pct": -33.333},
                 "Tai nạn lao động chết người: 2 vụ, bằng 40,0% chỉ tiêu khống chế năm, "
                 "giảm được 33,3% so với cùng kỳ.", id="down-indicator-falling"),
    pytest.param({"phrase": "", "name": "Tai nạn lao động chết người", "unit": "vụ",
                  "direction": "down", "value": 4.0, "target": NAN, "attainment_pct": NAN,
                  "previous_value": 3.0, "change_abs": 1.0, "change_pct": 33.333},
                 "Tai nạn lao động chết người: 4 vụ, tăng 33,3% so với cùng kỳ.",
                 id="down-indicator-rising"),
    pytest.param({"phrase": "tổng số người tham gia BHXH bắt buộc là {value}", "kind": "stock",
                  "value": 37652.0, "as_of": "2020-05", "target": NAN, "attainment_pct": NAN,
                  "previous_value": 37705.0, "change_abs": -53.0, "change_pct": -0.1406},
                 "Tính đến tháng 5/2020, tổng số người tham gia BHXH bắt buộc là 37.652 người, "
                 "giảm 53 người (0,1%) so với cùng kỳ.", id="stock-as-of-an-earlier-month"),
    pytest.param({"flags": ["incomplete"], "value": 9000.0, "change_abs": -5368.0,
                  "change_pct": -37.36, "attainment_pct": 50.0},
                 "Giải quyết việc làm cho 9.000 người, đạt 50,0% kế hoạch năm, giảm 37,4% so "
                 "với cùng kỳ (số liệu chưa đầy đủ).", id="incomplete-figure"),
    pytest.param({"value": NAN},
                 "Giải quyết việc làm: chưa có số liệu.", id="no-value"),
]


@pytest.mark.parametrize("overrides, sentence", VI_CASES)
def test_vietnamese_sentences(overrides, sentence):
    assert describe_indicator(row(**overrides), "2020S1", "vi") == sentence


EN_CASES = [
    pytest.param({"phrase": "Jobs were found for {value}", "unit": "people"},
                 "Jobs were found for 11,461 people, 63.7% of the annual plan, down 20.2% on "
                 "the same period last year.", id="reference-sentence"),
    pytest.param({"phrase": "", "name": "Poverty rate", "unit": "%", "kind": "rate",
                  "direction": "down", "decimals": 2, "value": 3.10, "target": 2.6,
                  "previous_value": 3.85, "change_abs": -0.75, "change_pct": NAN},
                 "Poverty rate: 3.10%, annual plan 2.60%, down 0.75 percentage points on the "
                 "same period last year, an improvement.", id="rate-down"),
    pytest.param({"phrase": "", "name": "Insured people", "unit": "people", "kind": "stock",
                  "value": 31882.0, "as_of": "2020-05", "target": NAN, "attainment_pct": NAN,
                  "previous_value": 30979.0, "change_abs": 903.0, "change_pct": 2.9149},
                 "As of May 2020, insured people: 31,882 people, up 903 people (2.9%) on the "
                 "same period last year.", id="stock-as-of"),
    pytest.param({"phrase": "", "name": "Fatal accidents", "unit": "accidents",
                  "direction": "down", "value": 2.0, "target": 5.0, "attainment_pct": 40.0,
                  "previous_value": 0.0, "change_abs": 2.0, "change_pct": NAN},
                 "Fatal accidents: 2 accidents, 40.0% of the annual ceiling, none in the same "
                 "period last year.", id="ceiling-and-previous-zero"),
]


@pytest.mark.parametrize("overrides, sentence", EN_CASES)
def test_english_sentences(overrides, sentence):
    assert describe_indicator(row(**overrides), "2020S1", "en") == sentence


def test_components_are_told_inside_their_total():
    total = row(indicator_id="trained", phrase="Đào tạo nghề cho {value}", value=18050.0,
                attainment_pct=56.40625, previous_value=NAN, change_abs=NAN, change_pct=NAN)
    parts = [("trained.a", "Đào tạo sơ cấp", 2398.0), ("trained.b", "Truyền nghề", 15652.0)]
    components = [row(indicator_id=i, name=n, phrase="", value=v, part_of="trained",
                      previous_value=NAN, change_abs=NAN, change_pct=NAN,
                      attainment_pct=NAN) for i, n, v in parts]
    table = pd.DataFrame([total] + components)
    sentences = narrate_metrics(table, "2020S1", "vi")
    assert list(sentences.index) == ["trained"]
    assert sentences["trained"] == ("Đào tạo nghề cho 18.050 người, đạt 56,4% kế hoạch năm; "
                                    "trong đó: đào tạo sơ cấp 2.398 người; truyền nghề 15.652 người.")


def test_phrase_from_data_is_not_a_template():
    """Braces other than {value} in a phrase stay as they are (no str.format on data)."""
    sentence = describe_indicator(row(phrase="Số {0} {name} cho {value}"), "2020S1", "vi")
    assert sentence.startswith("Số {0} {name} cho 11.461 người")


def test_sample_first_half_reads_like_the_reference():
    import briefing

    dataset = briefing.load_dataset("data/sample")
    table = dataset.label_metrics(dataset.metrics("2020S1", "baclieu"), "vi")
    text = " ".join(narrate_metrics(table, "2020S1", "vi"))
    for fragment in (
        "Đào tạo nghề cho 18.050 người, đạt 56,4% kế hoạch năm",
        "Giải quyết việc làm cho 11.461 người, đạt 63,7% kế hoạch năm, giảm 20,2% so với cùng kỳ",
        # 11461 × 14368 + 5990 (2019) / 14368 (2019 H1) = 16239, 90,2% of the plan of 18000
        "giảm 20,2% so với cùng kỳ; theo tiến độ hiện nay, cả năm ước đạt 90,2% kế hoạch.",
        "Đưa lao động đi làm việc ở nước ngoài 79 người, đạt 26,3% kế hoạch năm, giảm 52,1%",
        "Tính đến tháng 5/2020, tổng số người tham gia BHXH bắt buộc là 37.652 người",
        "giảm 53 người (0,1%) so với cùng kỳ",
        "Tổng số tiền trợ cấp thất nghiệp đã chi là 30,847 tỷ đồng",
        "đạt 17,4% kế hoạch năm",
        "Trao vốn, phương tiện sản xuất cho 2.058 hộ nghèo, đạt 99,1% kế hoạch năm",
        "Trợ giúp 3.450 trẻ em có hoàn cảnh đặc biệt, đạt 69,0% kế hoạch năm",
    ):
        assert fragment in text


# --- periods shorter than the year so far: the year to date carries the plan and last year -----

MONTH = dict(value=1428.0, ytd_value=7450.0, target=21000.0, attainment_pct=100 * 7450 / 21000,
             previous_value=1300.0, change_abs=128.0, change_pct=100 * 128 / 1300,
             previous_ytd_value=7000.0, ytd_change_abs=450.0, ytd_change_pct=100 * 450 / 7000)


@pytest.mark.parametrize("period, lang, sentence", [
    ("2020-06", "vi", "Giải quyết việc làm cho 1.428 người; lũy kế từ đầu năm 7.450 người, đạt "
                      "35,5% kế hoạch năm, tăng 6,4% so với cùng kỳ."),
    ("2020Q2", "vi", "Giải quyết việc làm cho 1.428 người; lũy kế từ đầu năm 7.450 người, đạt "
                     "35,5% kế hoạch năm, tăng 6,4% so với cùng kỳ."),
    ("2020-06", "en", "Giải quyết việc làm: 1,428 người; year to date 7,450 người, 35.5% of the "
                      "annual plan, up 6.4% on the same period last year."),
])
def test_month_sentence_gives_the_year_to_date_that_the_plan_is_about(period, lang, sentence):
    # 7.450 / 21.000 = 35,48 %; (7.450 - 7.000) / 7.000 = 6,43 % (not the month's 9,8 %)
    phrase = "Giải quyết việc làm cho {value}" if lang == "vi" else ""
    assert describe_indicator(row(phrase=phrase, **MONTH), period, lang) == sentence


@pytest.mark.parametrize("period", ["2020-01", "2020Q1", "2020S1", "2020"])
def test_periods_from_january_tell_one_figure(period):
    sentence = describe_indicator(row(**MONTH | {"ytd_value": 1428.0}), period, "vi")
    assert "lũy kế" not in sentence and sentence.startswith("Giải quyết việc làm cho 1.428 người")


def test_a_missing_month_with_a_year_to_date_is_told():
    sentence = describe_indicator(row(**MONTH | {"value": NAN, "flags": ["incomplete"]}),
                                  "2020-06", "vi")
    assert sentence == ("Giải quyết việc làm: chưa có số liệu tháng 6/2020; lũy kế từ đầu năm "
                        "7.450 người, đạt 35,5% kế hoạch năm, tăng 6,4% so với cùng kỳ "
                        "(số liệu chưa đầy đủ).")


def test_a_figure_that_cannot_be_made_says_so():
    sentence = describe_indicator(row(value=NAN, ytd_value=NAN, kind="rate",
                                      flags=["not_computed"]), "2020S1", "vi")
    assert sentence == ("Giải quyết việc làm: không tính được cho cấp này "
                        "(xem ghi chú về số liệu).")


def test_missing_as_of_never_reaches_the_period_parser():
    # pandas 3 reads a text column with None as NaN: the as-of note must not parse it
    sentence = describe_indicator(row(kind="stock", value=NAN, ytd_value=NAN, as_of=NAN),
                                  "2020-06", "vi")
    assert sentence == "Giải quyết việc làm: chưa có số liệu."
