"""District comparison: key indicators, leaders and laggers."""

import pandas as pd
import pytest

from briefing.render.charts import ranking_figures
from briefing.render.reports.comparison import describe_leaders, key_indicators, leader_and_lagger, prepare_comparison

NAN = float("nan")

#: A province with three districts and no communes.
THREE_DISTRICTS = """\
org_unit,name_vi,name_en,parent
P,Tỉnh P,Province P,
D1,Huyện 1,District 1,P
D2,Huyện 2,District 2,P
D3,Huyện 3,District 3,P
"""


def rows(direction="up"):
    return pd.DataFrame({
        "indicator_id": ["jobs"] * 3, "part_of": [""] * 3, "name": ["Jobs"] * 3,
        "unit": ["people"] * 3, "decimals": [0] * 3, "direction": [direction] * 3,
        "unit_name": ["North", "South", "East"], "value": [50.0, 80.0, 65.0],
        "attainment_pct": [50.0, 80.0, 65.0],
    })


def test_leader_is_the_highest_attainment_and_lagger_the_lowest():
    leader, lagger = leader_and_lagger(rows(), "attainment_pct")
    assert (leader["unit_name"], lagger["unit_name"]) == ("South", "North")


@pytest.mark.parametrize("lang, sentence", [
    ("vi", "Jobs: tỷ lệ thực hiện kế hoạch năm cao nhất là South, đạt 80,0% (80 people); "
           "thấp nhất là North, đạt 50,0% (50 people)."),
    ("en", "Jobs: the highest share of the annual plan reached is in South, 80.0% (80 people); "
           "the lowest in North, 50.0% (50 people)."),
])
def test_ranking_by_plan_says_the_share_of_plan_is_highest_and_lowest(lang, sentence):
    assert describe_leaders(rows(), "attainment_pct", lang) == sentence


@pytest.mark.parametrize("lang, sentence", [
    ("vi", "Jobs: tỷ lệ so với chỉ tiêu khống chế năm thấp nhất (tốt nhất) là North, bằng 50,0% "
           "(50 people); cao nhất là South, bằng 80,0% (80 people)."),
    ("en", "Jobs: the lowest share of the annual ceiling, the best, is in North, 50.0% (50 people); "
           "the highest in South, 80.0% (80 people)."),
])
def test_for_a_ceiling_the_lowest_is_best(lang, sentence):
    leader, lagger = leader_and_lagger(rows("down"), "attainment_pct")
    assert (leader["unit_name"], lagger["unit_name"]) == ("North", "South")
    assert describe_leaders(rows("down"), "attainment_pct", lang) == sentence


def test_key_indicators_fall_back_to_values_without_plans():
    frame = rows().assign(attainment_pct=NAN)
    assert key_indicators(frame) == {"jobs": "value"}
    assert describe_leaders(frame, "value", "vi") \
        == "Jobs: cao nhất là South (80 people); thấp nhất là North (50 people)."


@pytest.mark.parametrize("lang, sentence", [
    ("vi", "Jobs: cao nhất là South (80 people); thấp nhất là North (50 people); chỉ tiêu này càng "
           "thấp càng tốt."),
    ("en", "Jobs: highest in South (80 people); lowest in North (50 people); lower is better."),
])
def test_ranking_a_down_indicator_by_value_names_the_highest_value_highest(lang, sentence):
    assert describe_leaders(rows("down").assign(attainment_pct=NAN), "value", lang) == sentence


def test_one_unit_without_a_plan_makes_the_indicator_ranked_by_value():
    frame = rows().assign(attainment_pct=[NAN, 80.0, 65.0])
    assert key_indicators(frame) == {"jobs": "value"}


def test_a_zero_target_keeps_the_unit_in_the_ranking_table_and_chart(make_dataset):
    # D1's plan is 0, so it has no attainment; D2 reaches 60/100 = 60 %, D3 80/200 = 40 %.
    # Ranked by attainment D1 would vanish and D2 "lead"; by value D1 (90) is highest, D2 (60) lowest.
    dataset = make_dataset(
        values=[("trained", "D1", "2020-01", 90), ("trained", "D2", "2020-01", 60),
                ("trained", "D3", "2020-01", 80)],
        targets=[("trained", "D1", 2020, 0), ("trained", "D2", 2020, 100), ("trained", "D3", 2020, 200)],
        org_units=THREE_DISTRICTS)
    report = prepare_comparison(dataset, "2020-01", "P", "en")
    assert report.rank_by == {"trained": "value"}
    assert ("Vocational training: highest in District 1 (90 people); lowest in District 2 "
            "(60 people).") in str(report.leaders())
    table = str(report.table())
    assert all(name in table for name in ("District 1", "District 2", "District 3"))
    [figure] = ranking_figures(report.metrics, report.rank_by, "en")
    names = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert names == ["District 1", "District 3", "District 2"]


@pytest.mark.parametrize("lang, phrase", [
    ("en", "This report compares 2 units of Province P on 1 key indicator in January 2020."),
    ("vi", "Báo cáo so sánh kết quả thực hiện 1 chỉ tiêu chủ yếu của 2 đơn vị trực thuộc tỉnh P "
           "trong tháng 1/2020."),
])
def test_the_introduction_counts_in_the_singular_and_plural(make_dataset, lang, phrase):
    dataset = make_dataset(values=[("trained", "D1", "2020-01", 90), ("trained", "D2", "2020-01", 60)])
    assert phrase in str(prepare_comparison(dataset, "2020-01", "P", lang).header())


def test_plot_ranking_ranks_by_value_when_a_plan_is_zero(make_dataset):
    dataset = make_dataset(
        values=[("trained", "D1", "2020-01", 90), ("trained", "D2", "2020-01", 60),
                ("trained", "D3", "2020-01", 80)],
        targets=[("trained", "D1", 2020, 0), ("trained", "D2", 2020, 100), ("trained", "D3", 2020, 200)],
        org_units=THREE_DISTRICTS)
    figure = dataset.plot_ranking("trained", "2020-01", "P", "en")
    assert [label.get_text() for label in figure.axes[0].get_yticklabels()] == [
        "District 1", "District 3", "District 2"]
