"""Which months are complete for the root: worked by hand on the tree P -> D1 (-> C1), D2."""

import pandas as pd

from briefing.compute.completeness import month_completeness
from conftest import months_rows

RATIO_CATALOGUE = """\
indicator_id,sector,name_en,kind,numerator,denominator
trained,jobs,Trained,flow,,
trained.short,jobs,Short courses,flow,,
short_share,jobs,Share of short courses,ratio,trained.short,trained
"""


def rows_of(frame: pd.DataFrame, *months: str) -> list[tuple]:
    """``(month, indicator_id, present, lacking)`` of the rows of ``months``."""
    chosen = frame[frame["month"].isin(months)].drop(columns="root")
    return [tuple(row) for row in chosen.itertuples(index=False)]


def test_a_month_is_complete_when_the_root_has_every_monthly_indicator(make_dataset):
    dataset = make_dataset(values=months_rows("trained", "D1", 2020, [5, 6, 7])
                           + months_rows("trained", "D2", 2020, [1, 2])
                           + months_rows("members", "P", 2020, [90, 91, 92]))
    frame = month_completeness(dataset, ["P"], 2020)
    assert rows_of(frame, "2020-02", "2020-03", "2020-04") == [
        ("2020-02", "trained", True, ()), ("2020-02", "members", True, ()),
        # D2 lacks March: P has no own figure and waits for both districts
        ("2020-03", "trained", False, ("D2",)), ("2020-03", "members", True, ()),
        # April: nothing yet; D1 waits for nobody (C1 never reported), so D1 itself lacks it
        ("2020-04", "trained", False, ("D1", "D2")), ("2020-04", "members", False, ("P",)),
    ]
    assert set(frame["month"]) == {f"2020-{m:02d}" for m in range(1, 13)}


def test_an_own_value_of_the_root_makes_up_for_a_missing_child(make_dataset):
    dataset = make_dataset(values=months_rows("trained", "D1", 2020, [5, 6, 7])
                           + months_rows("trained", "D2", 2020, [1, 2])
                           + [("trained", "P", "2020-03", 20)])
    frame = month_completeness(dataset, ["P"], 2020)
    assert rows_of(frame, "2020-03") == [("2020-03", "trained", True, ())]


def test_a_commune_under_a_district_is_waited_for_down_the_tree(make_dataset):
    dataset = make_dataset(values=months_rows("accidents", "C1", 2020, [1, 0])
                           + months_rows("accidents", "D2", 2020, [0, 2, 1]))
    frame = month_completeness(dataset, ["P"], 2020)
    assert rows_of(frame, "2020-02", "2020-03") == [
        ("2020-02", "accidents", True, ()), ("2020-03", "accidents", False, ("C1",))]


def test_a_quarter_covers_a_flow_s_months_and_a_stock_s_last_month(make_dataset):
    dataset = make_dataset(values=months_rows("trained", "P", 2019, [1] * 12)
                           + months_rows("members", "P", 2019, [90] * 12)
                           + [("trained", "P", "2020Q1", 30), ("members", "P", "2020Q1", 95)])
    frame = month_completeness(dataset, ["P"], 2020)
    assert rows_of(frame, "2020-01", "2020-02", "2020-03") == [
        ("2020-01", "trained", True, ()), ("2020-01", "members", False, ("P",)),
        ("2020-02", "trained", True, ()), ("2020-02", "members", False, ("P",)),
        ("2020-03", "trained", True, ()), ("2020-03", "members", True, ()),
    ]


def test_indicators_given_only_for_longer_periods_or_made_from_others_are_not_expected(
        make_dataset):
    dataset = make_dataset(values=months_rows("trained", "P", 2020, [10, 12])
                           + months_rows("trained.short", "P", 2020, [4, 5]),
                           indicators=RATIO_CATALOGUE, org_units=None)
    frame = month_completeness(dataset, ["P"], 2020)
    assert rows_of(frame, "2020-02") == [("2020-02", "trained", True, ()),
                                         ("2020-02", "trained.short", True, ())]
    quarterly = make_dataset(values=[("poverty", "P", "2020Q1", 3.1), ("poverty", "P", "2020Q2", 3.0)]
                             + months_rows("trained", "P", 2020, [10]))
    assert list(month_completeness(quarterly, ["P"], 2020)["indicator_id"].unique()) == ["trained"]


def test_twelve_months_without_a_month_value_end_the_wait(make_dataset):
    # accidents: last given for January 2019 (expected through December 2019, not after);
    # D2 gave trained for January and February 2019 only: waited for up to January 2020.
    dataset = make_dataset(values=[("accidents", "P", "2019-01", 1)]
                           + months_rows("trained", "D1", 2019, [5] * 12)
                           + months_rows("trained", "D1", 2020, [5] * 4)
                           + months_rows("trained", "D2", 2019, [3, 3]))
    last_year = month_completeness(dataset, ["P"], 2019)
    assert rows_of(last_year[last_year["indicator_id"] == "accidents"], "2019-12") == [
        ("2019-12", "accidents", False, ("P",))]
    frame = month_completeness(dataset, ["P"], 2020)
    assert "accidents" not in set(frame["indicator_id"])
    assert rows_of(frame, "2020-01", "2020-02") == [
        ("2020-01", "trained", False, ("D2",)), ("2020-02", "trained", True, ())]


def test_the_window_reaches_back_over_the_new_year(make_dataset):
    dataset = make_dataset(values=months_rows("trained", "P", 2019, [8, 9], first=11)
                           + months_rows("members", "P", 2019, [90, 91], first=11)
                           + [("trained", "P", "2020-01", 7)])
    frame = month_completeness(dataset, ["P"], 2020)
    assert rows_of(frame, "2020-01") == [("2020-01", "trained", True, ()),
                                         ("2020-01", "members", False, ("P",))]


def test_several_roots_are_worked_out_at_once_each_on_its_own(make_dataset):
    dataset = make_dataset(values=months_rows("trained", "A", 2020, [5, 6])
                           + months_rows("trained", "B", 2020, [1]), org_units=None)
    frame = month_completeness(dataset, ["A", "B"], 2020)
    assert [tuple(r) for r in frame[frame["month"] == "2020-02"].itertuples(index=False)] == [
        ("A", "2020-02", "trained", True, ()), ("B", "2020-02", "trained", False, ("B",))]


def test_a_district_as_root_looks_at_its_own_subtree_only(make_dataset):
    dataset = make_dataset(values=months_rows("trained", "C1", 2020, [1, 2])
                           + months_rows("trained", "D2", 2020, [1]))
    assert rows_of(month_completeness(dataset, ["D1"], 2020), "2020-02") == [
        ("2020-02", "trained", True, ())]
