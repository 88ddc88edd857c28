"""Every rule of SPEC's "What is computed", on hand-built rows with hand-computed results.

The tree is P (province) → D1, D2 (districts), D1 → C1 (commune). Indicators:
``trained`` (flow), ``trained.short`` (its component), ``members`` (stock),
``poverty`` (rate, down) and ``accidents`` (flow, down).
"""

import math

import numpy as np
import pandas as pd
import pytest

from briefing.compute.metrics import (
    METRIC_COLUMNS,
    classify_status,
    compare_with_previous_year,
    compute_attainment,
    compute_expected_pct,
)
from briefing.periods import parse_period
from conftest import months_rows as months

NAN = float("nan")

SCENARIOS = [
    pytest.param(
        months("trained", "D2", 2020, [10] * 6) + [("trained", "D2", "2020S1", 100)],
        # ... and 100 against the months' 60 is a months_mismatch (more than 0.5 % apart)
        [], "2020S1", "D2", "trained", {"value": 100, "as_of": "2020-06",
                                        "flags": ["months_mismatch", "no_target"]},
        id="exact-period-value-wins-over-months"),
    pytest.param(
        months("trained", "D2", 2020, [1, 2, 3, 4, 5, 6]),
        [], "2020S1", "D2", "trained", {"value": 21, "ytd_value": 21, "flags": ["no_target"]},
        id="flow-is-the-sum-of-its-months"),
    pytest.param(
        [("trained", "D2", "2020Q1", 30)] + months("trained", "D2", 2020, [5, 5, 5], first=4),
        [], "2020S1", "D2", "trained", {"value": 45, "flags": ["no_target"]},
        id="quarter-used-where-months-are-missing"),
    pytest.param(
        [("trained", "D2", "2020Q1", 30)] + months("trained", "D2", 2020, [1, 1, 1, 5, 5, 5]),
        [], "2020S1", "D2", "trained", {"value": 45},
        id="quarter-value-wins-over-its-own-months"),
    pytest.param(
        months("trained", "D2", 2020, [1, 2, 3, 4, 5]),
        [], "2020S1", "D2", "trained", {"value": 15, "as_of": "2020-05",
                                        "flags": ["incomplete", "no_target"]},
        id="missing-month-is-summed-and-flagged-incomplete"),
    pytest.param(
        months("trained", "D2", 2020, [10] * 6),
        [], "2020Q2", "D2", "trained", {"value": 30, "ytd_value": 60},
        id="year-to-date-runs-from-january"),
    pytest.param(
        months("members", "D2", 2020, [100, 101, 102, 103, 104])
        + months("members", "D2", 2019, [90, 95], first=5),
        [], "2020S1", "D2", "members",
        {"value": 104, "as_of": "2020-05", "previous_value": 90, "change_abs": 14,
         "change_pct": 100 * 14 / 90},
        id="stock-is-latest-level-and-last-year-aligns-on-its-as-of-month"),
    pytest.param(
        months("members", "D2", 2020, [100, 104], first=4) + [("members", "D2", "2019-06", 90)],
        [], "2020S1", "D2", "members", {"value": 104, "as_of": "2020-05", "previous_value": NAN,
                                        "change_abs": NAN},
        id="stock-previous-missing-at-the-as-of-month"),
    pytest.param(
        [("members", "D2", "2020Q2", 200)] + months("members", "D2", 2020, [150, 160, 170], first=4),
        [], "2020Q2", "D2", "members", {"value": 200, "as_of": "2020-06"},
        id="stock-exact-period-wins-at-the-same-month"),
    pytest.param(
        months("trained", "C1", 2020, [1] * 6) + months("trained", "D2", 2020, [2] * 6),
        [], "2020S1", "P", "trained", {"value": 18, "ytd_value": 18, "flags": ["no_target"]},
        id="roll-up-over-two-levels"),
    pytest.param(
        months("trained", "C1", 2020, [1] * 6) + months("trained", "D2", 2020, [2] * 6)
        + months("trained", "D1", 2020, [7] * 6),
        [], "2020S1", "P", "trained", {"value": 54},
        id="own-value-of-a-middle-unit-wins-over-its-children"),
    pytest.param(
        months("trained", "D1", 2020, [1] * 6),
        [], "2020S1", "P", "trained", {"value": 6, "flags": ["incomplete", "no_target"]},
        id="roll-up-with-a-silent-child-is-incomplete"),
    pytest.param(
        months("members", "D1", 2020, [10] * 6) + months("members", "D2", 2020, [20] * 5),
        [], "2020S1", "P", "members", {"value": 30, "as_of": "2020-06",
                                       "flags": ["incomplete", "no_target"]},
        id="rolled-up-stock-with-mixed-as-of-months-is-incomplete"),
    pytest.param(
        [("poverty", "D1", "2020Q2", 3.0), ("poverty", "D2", "2020Q2", 4.0)],
        [], "2020S1", "P", "poverty", {"value": NAN, "flags": ["not_computed"]},
        id="rates-are-never-rolled-up-and-the-gap-is-flagged"),
    pytest.param(
        [("poverty", "P", "2020Q2", 3.10), ("poverty", "P", "2019Q2", 3.85)],
        [], "2020S1", "P", "poverty", {"value": 3.10, "change_abs": -0.75, "change_pct": NAN},
        id="rate-change-is-in-percentage-points"),
    pytest.param(
        months("trained", "P", 2020, [10] * 6),
        [("trained", "P", 2020, 120)], "2020S1", "P", "trained",
        {"target": 120, "attainment_pct": 50, "expected_pct": 50, "status": "on_track",
         "flags": []},
        id="attainment-of-the-annual-plan-for-a-flow"),
    pytest.param(
        months("trained", "P", 2020, [10] * 3),
        [("trained", "P", 2020, 120)], "2020Q1", "P", "trained",
        {"attainment_pct": 25, "expected_pct": 25},
        id="expected-share-of-a-flow-is-months-elapsed"),
    pytest.param(
        [("members", "P", "2019-12", 100), ("members", "P", "2020-06", 120)],
        [("members", "P", 2020, 160)], "2020S1", "P", "members",
        {"expected_pct": 100 * 130 / 160, "attainment_pct": 75, "status": "at_risk"},
        id="expected-level-of-a-stock-interpolates-from-december-to-the-target"),
    pytest.param(
        [("members", "P", "2020-06", 120)],
        [("members", "P", 2020, 160)], "2020S1", "P", "members",
        {"expected_pct": NAN, "attainment_pct": 75, "status": None},
        id="expected-level-unknown-without-last-december"),
    pytest.param(
        months("trained", "P", 2020, [10] * 6),
        [("trained", "P", 2020, 0)], "2020S1", "P", "trained",
        {"attainment_pct": NAN, "status": None},
        id="no-attainment-when-the-target-is-zero"),
    pytest.param(
        months("trained", "D1", 2020, [10] * 6) + months("trained", "D2", 2020, [10] * 6),
        [("trained", "D1", 2020, 100), ("trained", "D2", 2020, 140)], "2020S1", "P", "trained",
        {"target": 240, "attainment_pct": 50},
        id="targets-roll-up-like-values"),
    pytest.param(
        months("trained", "D2", 2020, [6] * 6) + months("trained", "D2", 2019, [0] * 6),
        [], "2020S1", "D2", "trained", {"previous_value": 0, "change_abs": 36, "change_pct": NAN},
        id="change-against-a-zero-previous-value"),
    pytest.param(
        months("trained", "D2", 2020, [6] * 6),
        [], "2020S1", "D2", "trained", {"previous_value": NAN, "change_abs": NAN,
                                        "change_pct": NAN},
        id="change-without-a-previous-value"),
    pytest.param(
        months("trained", "P", 2020, [10] * 6) + months("trained.short", "P", 2020, [11] * 6),
        [], "2020S1", "P", "trained", {"flags": ["components_mismatch", "no_target"]},
        id="components-that-exceed-their-total-are-flagged"),
    pytest.param(
        months("trained", "P", 2020, [10] * 6) + months("trained.short", "P", 2020, [10] * 6),
        [], "2020S1", "P", "trained", {"flags": ["no_target"]},
        id="components-that-add-up-are-not-flagged"),
    pytest.param(
        months("trained", "P", 2020, [10] * 6) + months("trained", "P", 2019, [10] * 5),
        [], "2020S1", "P", "trained", {"flags": ["previous_incomplete", "no_target"]},
        id="incomplete-previous-year-is-flagged"),
    # --- issue 12: figures that were wrong with nothing flagged -----------------------------
    pytest.param(
        months("trained", "D1", 2020, [10] * 6) + months("trained", "D2", 2020, [10] * 6),
        [("trained", "D1", 2020, 100)], "2020S1", "P", "trained",
        {"value": 120, "target": NAN, "attainment_pct": NAN, "status": None,
         "flags": ["partial_plan"]},
        id="no-plan-summed-from-only-the-children-that-have-one"),
    pytest.param(
        months("trained", "D1", 2020, [10] * 6) + months("trained", "D2", 2020, [10] * 6),
        [("trained", "D1", 2020, 100), ("trained", "D2", 2020, 140)], "2020S1", "P", "trained",
        {"target": 240, "attainment_pct": 50, "flags": []},
        id="plan-summed-when-every-child-with-figures-has-one"),
    pytest.param(
        months("trained", "D1", 2020, [10] * 6) + months("trained", "D2", 2020, [10] * 6),
        [("trained", "D1", 2020, 100), ("trained", "C1", 2020, 50)], "2020S1", "P", "trained",
        {"target": NAN, "flags": ["partial_plan"]},
        id="a-child-plan-does-not-stand-for-a-sibling-without-one"),
    pytest.param(
        [("trained", "P", "2020-01", 5)] + months("trained", "D1", 2020, [10] * 3)
        + months("trained", "D2", 2020, [10] * 3),
        [], "2020Q1", "P", "trained",
        {"value": 60, "ytd_value": 60, "source": "children",
         "flags": ["mixed_source", "no_target"]},
        id="one-source-per-year-children-cover-more-months"),
    pytest.param(
        [("trained", "P", "2020-01", 5)] + months("trained", "D1", 2020, [10] * 6)
        + months("trained", "D2", 2020, [10] * 6),
        [], "2020Q2", "P", "trained",
        {"value": 60, "ytd_value": 120, "flags": ["mixed_source", "no_target"]},
        id="quarter-and-year-to-date-from-the-same-source"),
    pytest.param(
        months("trained", "P", 2020, [30] * 3) + months("trained", "D1", 2020, [10] * 2),
        [], "2020Q1", "P", "trained", {"value": 90, "source": "own", "flags": ["no_target"]},
        id="own-rows-win-when-they-cover-as-much"),
    pytest.param(
        months("trained", "D2", 2020, [1, 2, 3, 4, 5]),
        [], "2020-06", "D2", "trained",
        {"value": NAN, "ytd_value": 15, "flags": ["incomplete", "no_target"]},
        id="missing-last-month-is-flagged"),
    pytest.param(
        months("trained", "D2", 2020, [1, 2, 3]) + months("trained", "D2", 2020, [5, 6], first=5),
        [], "2020-06", "D2", "trained",
        {"value": 6, "ytd_value": 17, "flags": ["incomplete", "no_target"]},
        id="missing-month-inside-the-year-to-date-is-flagged"),
    pytest.param(
        months("trained", "D2", 2020, [10] * 6) + months("trained", "D2", 2019, [5] * 6),
        [], "2020Q2", "D2", "trained",
        {"value": 30, "ytd_value": 60, "previous_value": 15, "previous_ytd_value": 30,
         "change_pct": 100, "ytd_change_pct": 100},
        id="previous-year-to-date"),
    pytest.param(
        months("members", "D2", 2020, [100] * 6) + months("members", "D2", 2019, [80] * 6),
        [], "2020Q2", "D2", "members",
        {"ytd_value": 100, "previous_ytd_value": 80},
        id="a-level-has-no-year-to-date-other-than-its-value"),
    pytest.param(
        months("members", "D1", 2020, [10] * 6) + months("members", "D2", 2020, [20] * 6)
        + [("members", "P", "2019-06", 25)],
        [], "2020S1", "P", "members",
        {"value": 30, "source": "children", "previous_value": 25, "change_abs": 5},
        id="last-year-of-a-level-from-its-own-source-at-the-shown-as-of-month"),
    pytest.param(
        [("members", "D2", "2019-06", 100), ("trained", "D2", "2020-06", 1)],
        [], "2020-06", "D2", "members",
        {"value": NAN, "previous_value": 100, "previous_ytd_value": 100},
        id="a-level-with-only-last-year-keeps-last-year"),
]


@pytest.mark.parametrize("values, targets, period, unit, indicator, expected", SCENARIOS)
def test_what_is_computed(make_dataset, values, targets, period, unit, indicator, expected):
    dataset = make_dataset(values=values, targets=targets)
    row = dataset.metrics(period, unit).set_index("indicator_id").loc[indicator]
    for column, want in expected.items():
        got = row[column]
        if isinstance(want, float) and math.isnan(want):
            assert pd.isna(got), f"{column}: expected none, got {got}"
        elif isinstance(want, (int, float)) and not isinstance(want, bool):
            assert got == pytest.approx(want), column
        else:
            assert got == want, column


@pytest.mark.parametrize("attainment, expected, direction, december, status", [
    (100.0, 50.0, "up", False, "achieved"),
    (120.0, 50.0, "up", False, "achieved"),
    (50.0, 50.0, "up", False, "on_track"),
    (45.0, 50.0, "up", False, "at_risk"),      # 45 ≥ 0.9 × 50
    (44.9, 50.0, "up", False, "behind"),
    (95.0, 100.0, "up", True, "at_risk"),
    (NAN, 50.0, "up", False, None),            # no target
    (60.0, NAN, "up", False, None),            # pace unknown, not yet achieved
    (110.0, NAN, "up", False, "achieved"),
    (40.0, 50.0, "down", False, "on_track"),   # below the ceiling's pace
    (50.0, 50.0, "down", False, "on_track"),
    (55.0, 50.0, "down", False, "at_risk"),    # 55 ≤ 1.1 × 50
    (55.1, 50.0, "down", False, "behind"),
    (90.0, 100.0, "down", True, "achieved"),   # December, within the ceiling
    (100.0, 100.0, "down", True, "achieved"),
    (105.0, 100.0, "down", True, "at_risk"),
    (120.0, 100.0, "down", True, "behind"),
])
def test_classify_status(attainment, expected, direction, december, status):
    got = classify_status(np.array([attainment]), np.array([expected]), np.array([direction]),
                          december)
    assert got[0] == status


@pytest.mark.parametrize("ytd, target, attainment", [
    (18050, 32000, 56.40625), (11461, 18000, 63.672222), (5, 0, NAN), (5, NAN, NAN),
])
def test_compute_attainment(ytd, target, attainment):
    got = compute_attainment(np.array([ytd]), np.array([target]))[0]
    assert (math.isnan(got) and math.isnan(attainment)) or got == pytest.approx(attainment)


def test_compute_expected_pct_for_flows_and_stocks():
    period = parse_period("2020Q3")
    got = compute_expected_pct(np.array(["flow", "stock", "stock"]), period,
                               np.array([NAN, 100.0, NAN]), np.array([10.0, 200.0, 200.0]))
    assert got[0] == pytest.approx(75)
    assert got[1] == pytest.approx(100 * (100 + 100 * 0.75) / 200)
    assert math.isnan(got[2])


@pytest.mark.parametrize("value, previous, kind, change, pct", [
    (11461, 14368, "flow", -2907, -20.232461),
    (37652, 37705, "stock", -53, -0.140565),
    (3.10, 3.85, "rate", -0.75, NAN),
    (5, 0, "flow", 5, NAN),
    (5, NAN, "flow", NAN, NAN),
])
def test_compare_with_previous_year(value, previous, kind, change, pct):
    change_abs, change_pct = compare_with_previous_year(
        np.array([value]), np.array([previous]), np.array([kind]))
    for got, want in ((change_abs[0], change), (change_pct[0], pct)):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want)


def test_metrics_frame_has_every_spec_column_in_catalogue_order(make_dataset):
    dataset = make_dataset(values=months("trained", "P", 2020, [1] * 6))
    frame = dataset.metrics("2020S1", "P")
    assert list(frame.columns[: len(METRIC_COLUMNS)]) == METRIC_COLUMNS
    assert list(frame["indicator_id"]) == list(dataset.indicators["indicator_id"])
    assert set(frame["org_unit"]) == {"P"} and set(frame["period"]) == {"2020S1"}


def test_children_total_counts_each_units_children(make_dataset):
    dataset = make_dataset(values=months("trained", "D2", 2020, [1] * 6))
    rows = dataset.compare_units("2020S1", "P")
    totals = rows.groupby("org_unit")["children_total"].unique()
    assert list(totals["D1"]) == [1] and list(totals["D2"]) == [0]
    everyone = dataset.metrics("2020S1", "P")
    assert set(everyone["children_total"]) == {2}


def test_compare_units_returns_each_child(make_dataset):
    dataset = make_dataset(values=months("trained", "C1", 2020, [1] * 6)
                           + months("trained", "D2", 2020, [2] * 6))
    frame = dataset.compare_units("2020S1", "P")
    trained = frame[frame["indicator_id"] == "trained"].set_index("org_unit")["value"]
    assert trained.to_dict() == {"D1": 6, "D2": 12}


def test_metrics_do_not_change_the_dataset(make_dataset):
    dataset = make_dataset(values=months("trained", "D2", 2020, [1] * 6))
    before = dataset.values.copy(deep=True)
    dataset.metrics("2020S1", "P")
    dataset.compare_units("2020S1", "P")
    pd.testing.assert_frame_equal(dataset.values, before)


def test_unknown_unit_is_a_params_error(make_dataset):
    from briefing.errors import ParamsError

    dataset = make_dataset(values=months("trained", "D2", 2020, [1] * 6))
    with pytest.raises(ParamsError, match="'X9' is not in the data"):
        dataset.metrics("2020S1", "X9")
