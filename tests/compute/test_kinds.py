"""The kinds real data needs, on hand-built rows with results worked out by hand.

The tree is P (province) → D1, D2 (districts), D1 → C1 (commune): see ``conftest.ORG_UNITS``.
"""

import math

import pytest

from conftest import months_rows as months

KINDS = """\
indicator_id,sector,name_en,kind,direction,decimals,part_of,breakdown,numerator,denominator,multiplier,weight,signed
cases,health,Cases to date,cumulative,down,0,,,,,,,
workers,jobs,Workers,stock,up,0,,,,,,,
wage,jobs,Average wage,average,up,1,,,,,,workers,
temp,weather,Mean temperature,average,up,1,,,,,,,yes
tests,health,Tests,flow,up,0,,,,,,,
positives,health,Positives,flow,down,0,,,,,,,
positivity,health,Positivity,ratio,down,1,,,positives,tests,,,
incidence,health,Incidence per 100000,ratio,down,1,,,positives,workers,100000,,
trained,jobs,Trained,flow,up,0,,,,,,,
women,jobs,Trained women,flow,up,0,trained,sex,,,,,
men,jobs,Trained men,flow,up,0,trained,sex,,,,,
young,jobs,Trained under 30,flow,up,0,trained,age,,,,,
old,jobs,Trained 30 and over,flow,up,0,trained,age,,,,,
net,jobs,Net change in jobs,flow,up,0,,,,,,,yes
"""


@pytest.fixture
def build(make_dataset):
    def make(values, targets=None):
        return make_dataset(values=values, targets=targets, indicators=KINDS)
    return make


def figure(dataset, period, unit, indicator, column="value"):
    rows = dataset.metrics(period, unit).set_index("indicator_id")
    return rows.loc[indicator, column]


def flags(dataset, period, unit, indicator):
    return figure(dataset, period, unit, indicator, "flags")


# --- cumulative: year-to-date totals as reported, differenced into months ---------------

def test_cumulative_totals_become_monthly_flows(build):
    # D2 reports 10, 25, 60 to date: the months are 10, 15 (25 - 10), 35 (60 - 25).
    # D1 reports 5 in January and 20 to date in March, February missing: March carries
    # 15, the quarter is 20 (as reported) and incomplete. P = 60 + 20 = 80.
    dataset = build(months("cases", "D2", 2020, [10, 25, 60]) + months("cases", "D1", 2020, [5])
                    + [("cases", "D1", "2020-03", 20)])
    assert figure(dataset, "2020-02", "D2", "cases") == 15
    assert figure(dataset, "2020-03", "D2", "cases") == 35
    assert figure(dataset, "2020-03", "D2", "cases", "ytd_value") == 60
    assert figure(dataset, "2020Q1", "D1", "cases") == 20
    assert "incomplete" in flags(dataset, "2020Q1", "D1", "cases")
    assert figure(dataset, "2020Q1", "P", "cases") == 80


def test_cumulative_totals_restart_each_year(build):
    # December 2019: 120 to date; January 2020: 7 to date, so January's flow is 7, not -113.
    dataset = build([("cases", "D2", "2019-12", 120), ("cases", "D2", "2020-01", 7)])
    assert figure(dataset, "2020-01", "D2", "cases") == 7
    assert "negative_value" not in flags(dataset, "2020-01", "D2", "cases")


def test_a_falling_cumulative_total_is_a_negative_month(build):
    # 50 to date in January, 45 in February (a correction): February's flow is -5, flagged.
    dataset = build(months("cases", "D2", 2020, [50, 45]))
    assert figure(dataset, "2020-02", "D2", "cases") == -5
    assert "negative_value" in flags(dataset, "2020-02", "D2", "cases")


# --- average: mean over time, (weighted) mean over units ----------------------------------

def test_an_average_is_the_mean_of_its_months(build):
    # D1: 100, 110, 120 → Q1 mean 110; the year to date in February: (100 + 110) / 2 = 105.
    dataset = build(months("wage", "D1", 2020, [100, 110, 120]))
    assert figure(dataset, "2020Q1", "D1", "wage") == pytest.approx(110)
    assert figure(dataset, "2020-02", "D1", "wage", "ytd_value") == pytest.approx(105)


def test_a_mean_over_time_weights_each_value_by_its_months(build):
    # Q1 given as 6 (a quarter's mean), April 10, May 20: January–May = (3 × 6 + 10 + 20) / 5 = 9.6.
    dataset = build([("temp", "D2", "2020Q1", 6), ("temp", "D2", "2020-04", 10),
                     ("temp", "D2", "2020-05", 20)])
    assert figure(dataset, "2020-05", "D2", "temp", "ytd_value") == pytest.approx(9.6)


def test_a_parent_average_weights_its_children_by_the_weight_indicator(build):
    # Q1 means: D1 110, D2 210; workers (a stock, March): D1 30, D2 10.
    # P = (30 × 110 + 10 × 210) / (30 + 10) = 5400 / 40 = 135, not the plain mean 160.
    dataset = build(months("wage", "D1", 2020, [100, 110, 120]) + months("wage", "D2", 2020, [200, 200, 230])
                    + [("workers", "D1", "2020-03", 30), ("workers", "D2", "2020-03", 10)])
    assert figure(dataset, "2020Q1", "P", "wage") == pytest.approx(135)
    assert figure(dataset, "2020Q1", "P", "wage", "children_reported") == 2


def test_a_parent_average_without_a_weight_is_the_mean_of_its_children(build):
    # D1 10, D2 20 → P 15; C1 -4 under D1 has its own mean, but D1's own rows cover as much.
    dataset = build(months("temp", "D1", 2020, [10, 10, 10]) + months("temp", "D2", 2020, [20, 20, 20])
                    + months("temp", "C1", 2020, [-4, -4, -4]))
    assert figure(dataset, "2020Q1", "P", "temp") == pytest.approx(15)
    assert figure(dataset, "2020Q1", "D1", "temp") == pytest.approx(10)


def test_a_child_without_its_weight_leaves_the_parent_average_incomplete(build):
    # Only D1 has workers: P's wage is D1's 110, marked incomplete (D2's 210 had no weight).
    dataset = build(months("wage", "D1", 2020, [100, 110, 120]) + months("wage", "D2", 2020, [200, 200, 230])
                    + [("workers", "D1", "2020-03", 30)])
    assert figure(dataset, "2020Q1", "P", "wage") == pytest.approx(110)
    assert "incomplete" in flags(dataset, "2020Q1", "P", "wage")


# --- ratio: made from its parts, at every level and period ---------------------------------

RATIO_ROWS = (months("tests", "D1", 2020, [100, 100, 200]) + months("positives", "D1", 2020, [10, 20, 30])
              + months("tests", "D2", 2020, [50, 30, 20]) + months("positives", "D2", 2020, [20, 10, 10])
              + [("tests", "D1", "2019Q1", 400), ("positives", "D1", "2019Q1", 40)])


def test_a_ratio_is_made_from_its_parts_at_every_level(build):
    # D1: 60 / 400 = 15 %; March alone 30 / 200 = 15 %; D2: 40 / 100 = 40 %;
    # P: (60 + 40) / (400 + 100) = 20 %, not the mean of 15 and 40.
    dataset = build(RATIO_ROWS)
    assert figure(dataset, "2020Q1", "D1", "positivity") == pytest.approx(15)
    assert figure(dataset, "2020-03", "D1", "positivity") == pytest.approx(15)
    assert figure(dataset, "2020Q1", "D2", "positivity") == pytest.approx(40)
    assert figure(dataset, "2020Q1", "P", "positivity") == pytest.approx(20)
    # the year to date in February: D1 (10 + 20) / (100 + 100) = 15 %
    assert figure(dataset, "2020-02", "D1", "positivity", "ytd_value") == pytest.approx(15)


def test_a_ratio_changes_in_points(build):
    # D1 Q1 2019: 40 / 400 = 10 %; 2020: 15 %: +5 points, no percent change.
    dataset = build(RATIO_ROWS)
    assert figure(dataset, "2020Q1", "D1", "positivity", "previous_value") == pytest.approx(10)
    assert figure(dataset, "2020Q1", "D1", "positivity", "change_abs") == pytest.approx(5)
    assert math.isnan(figure(dataset, "2020Q1", "D1", "positivity", "change_pct"))


def test_a_ratio_takes_its_multiplier_and_a_stock_denominator(build):
    # 60 positives among 20,000 workers (March): 100000 × 60 / 20000 = 300 per 100,000.
    dataset = build(RATIO_ROWS + [("workers", "D1", "2020-03", 20000)])
    assert figure(dataset, "2020Q1", "D1", "incidence") == pytest.approx(300)


def test_a_ratio_that_cannot_be_made_is_said(build):
    # D2 has positives but no tests: no ratio, and the row says why (not_computed).
    dataset = build(months("positives", "D2", 2020, [5]))
    assert math.isnan(figure(dataset, "2020-01", "D2", "positivity"))
    assert "not_computed" in flags(dataset, "2020-01", "D2", "positivity")


def test_a_ratio_of_zero_tests_is_not_a_number(build):
    dataset = build([("tests", "D2", "2020-01", 0), ("positives", "D2", "2020-01", 0)])
    assert "not_computed" in flags(dataset, "2020-01", "D2", "positivity")


# --- negative values and signed indicators ---------------------------------------------

def test_a_negative_month_is_flagged_up_the_tree(build):
    # D1: 12, -5, 8 (a correction in February) → Q1 15, flagged at D1 and at P, not at D2.
    dataset = build(months("trained", "D1", 2020, [12, -5, 8]) + months("trained", "D2", 2020, [1, 1, 1]))
    assert figure(dataset, "2020Q1", "D1", "trained") == 15
    assert "negative_value" in flags(dataset, "2020Q1", "D1", "trained")
    assert "negative_value" in flags(dataset, "2020Q1", "P", "trained")
    assert "negative_value" not in flags(dataset, "2020Q1", "D2", "trained")


def test_a_signed_indicator_is_not_flagged(build):
    dataset = build(months("net", "D1", 2020, [12, -30, 8]))
    assert figure(dataset, "2020Q1", "D1", "net") == -10
    assert "negative_value" not in flags(dataset, "2020Q1", "D1", "net")


# --- breakdowns: each adds up to the total on its own ------------------------------------

@pytest.mark.parametrize("old, flagged", [(70, False), (60, True)])
def test_two_breakdowns_of_one_total_are_checked_apart(build, old, flagged):
    # trained 100 = women 40 + men 60 (sex) = young 30 + old 70 (age): not one sum of 200.
    dataset = build([("trained", "P", "2020-01", 100), ("women", "P", "2020-01", 40),
                     ("men", "P", "2020-01", 60), ("young", "P", "2020-01", 30),
                     ("old", "P", "2020-01", old)])
    assert ("components_mismatch" in flags(dataset, "2020-01", "P", "trained")) is flagged


# --- consistency: own figures against children, longer periods against months ------------

@pytest.mark.parametrize("d2, flagged", [([10, 10, 10], True), ([13, 13, 14], False)])
def test_an_own_figure_far_from_its_childrens_sum_is_flagged(build, d2, flagged):
    # P reports 30 + 30 + 40 = 100 itself; D1 60 and D2 30 make 90 (10 % off: flagged),
    # or D2 40 makes 100 (no flag). C1 has nothing, so D1 (own 60) is never compared.
    dataset = build(months("trained", "P", 2020, [30, 30, 40]) + months("trained", "D1", 2020, [20, 20, 20])
                    + months("trained", "D2", 2020, d2))
    assert figure(dataset, "2020Q1", "P", "trained") == 100
    assert figure(dataset, "2020Q1", "P", "trained", "children_sum") == 60 + sum(d2)
    assert ("children_mismatch" in flags(dataset, "2020Q1", "P", "trained")) is flagged
    assert "children_mismatch" not in flags(dataset, "2020Q1", "D1", "trained")


@pytest.mark.parametrize("quarter, flagged", [(3500, True), (3010, False)])
def test_a_quarter_far_from_the_sum_of_its_months_is_flagged(build, quarter, flagged):
    # Months 1000 × 3 = 3000; Q1 given as 3500 (14 % off) or 3010 (0.33 %, within 0.5 %).
    dataset = build(months("tests", "D2", 2020, [1000] * 3) + [("tests", "D2", "2020Q1", quarter)])
    assert figure(dataset, "2020Q1", "D2", "tests") == quarter   # the value given wins
    assert ("months_mismatch" in flags(dataset, "2020Q1", "D2", "tests")) is flagged
    assert ("months_mismatch" in flags(dataset, "2020-04", "D2", "tests")) is flagged   # in the ytd


# --- where the year is heading ----------------------------------------------------------

def test_the_year_end_projection_follows_last_years_months(build):
    # 2019: 10 a month (H1 60, year 120); 2020 H1: 15 a month = 90.
    # Projected: 90 × 120 / 60 = 180, and 180 / 200 = 90 % of the plan.
    dataset = build(months("tests", "D2", 2019, [10] * 12) + months("tests", "D2", 2020, [15] * 6),
                    targets=[("tests", "D2", 2020, 200)])
    assert figure(dataset, "2020S1", "D2", "tests", "projected_value") == pytest.approx(180)
    assert figure(dataset, "2020S1", "D2", "tests", "projected_pct") == pytest.approx(90)
    assert math.isnan(figure(dataset, "2020", "D2", "tests", "projected_value"))   # December


def test_no_projection_without_a_complete_last_year(build):
    dataset = build(months("tests", "D2", 2019, [10] * 11) + months("tests", "D2", 2020, [15] * 6))
    assert math.isnan(figure(dataset, "2020S1", "D2", "tests", "projected_value"))


def test_a_seasonal_pace_expects_what_last_year_did_by_then(build):
    # 2019: 5 a month to June (30), 15 a month after (90): 30 / 120 = 25 % by June.
    # 2020 H1: 60 of a plan of 200 = 30 %: behind a linear 50 %, on track against 25 %.
    dataset = build(months("tests", "D2", 2019, [5] * 6 + [15] * 6) + months("tests", "D2", 2020, [10] * 6),
                    targets=[("tests", "D2", 2020, 200)])
    linear = dataset.metrics("2020S1", "D2").set_index("indicator_id").loc["tests"]
    seasonal = dataset.metrics("2020S1", "D2", pace="seasonal").set_index("indicator_id").loc["tests"]
    assert (linear["expected_pct"], linear["status"]) == (50, "behind")
    assert (seasonal["expected_pct"], seasonal["status"]) == (25, "on_track")


def test_an_unknown_pace_is_refused(build):
    from briefing.errors import ParamsError
    with pytest.raises(ParamsError, match="pace 'fast': expected one of linear, seasonal"):
        build(months("tests", "D2", 2020, [1])).metrics("2020-01", "D2", pace="fast")



def test_the_gaps_of_a_ratio_are_its_parts_gaps(build):
    # D1 lacks March's positives: positivity's gap is D1's March; tests themselves have none.
    from briefing.compute.quality import find_gaps
    dataset = build(months("tests", "D1", 2020, [100, 100, 200]) + months("positives", "D1", 2020, [10, 30])
                    + months("tests", "D2", 2020, [1, 1, 1]) + months("positives", "D2", 2020, [1, 1, 1]))
    gaps = find_gaps(dataset, "2020Q1", "P", ["positivity", "tests"])
    assert gaps.to_dict("records") == [
        {"indicator_id": "positivity", "org_unit": "D1", "missing": ["2020-03"]}]
    assert "incomplete" in flags(dataset, "2020Q1", "P", "positivity")


def test_series_of_a_cumulative_indicator_carry_last_years_year_to_date(build):
    # 2019: 5, 9, 20 to date → March 2019's year to date is 20, next to 2020's 60.
    dataset = build(months("cases", "D2", 2020, [10, 25, 60]) + months("cases", "D2", 2019, [5, 9, 20]))
    march = dataset.series("cases", "D2", "2020-03", "2020-03").iloc[0]
    assert (march["value"], march["ytd_value"], march["previous_ytd_value"]) == (35, 60, 20)


def test_cumulative_totals_given_by_month_and_by_quarter_agree(build):
    # 10, 20, ... 60 to date by month, and Q2 given as 60 to date: Q2's flow is 60 - 30
    # (March's total) = 30, the half year 60, June's year to date 60; nothing disagrees.
    dataset = build(months("cases", "D2", 2020, [10, 20, 30, 40, 50, 60]) + [("cases", "D2", "2020Q2", 60)])
    assert figure(dataset, "2020Q2", "D2", "cases") == 30
    assert figure(dataset, "2020S1", "D2", "cases") == 60
    assert figure(dataset, "2020-06", "D2", "cases", "ytd_value") == 60
    assert "months_mismatch" not in flags(dataset, "2020S1", "D2", "cases")


def test_a_negative_plan_has_no_share_of_plan(build):
    # Net change -120 against a plan of -50: 100 × -120 / -50 = 240 % would read as "achieved"
    # for a worse result, so a negative plan gives no % of plan and no status.
    dataset = build(months("net", "D2", 2020, [-20] * 6), targets=[("net", "D2", 2020, -50)])
    row = dataset.metrics("2020S1", "D2").set_index("indicator_id").loc["net"]
    assert row["target"] == -50 and math.isnan(row["attainment_pct"]) and row["status"] is None
