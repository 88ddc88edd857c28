"""Array-level aggregation: calendar slots, spans and the roll-up over the tree."""

import numpy as np
import pytest

from briefing.compute.cube import Quantity, RowArrays, YearCube, flow_total, latest_level, level_at, slot_of
from briefing.compute.rollup import UnitLevels, roll_up


def cube_of(rows, n_ind=1, n_units=1, year=2020):
    """A cube from ``(indicator, unit, kind, number, value)`` tuples of one year."""
    arrays = RowArrays(
        indicator=np.array([r[0] for r in rows]), unit=np.array([r[1] for r in rows]),
        year=np.full(len(rows), year), slot=np.array([slot_of(r[2], r[3]) for r in rows]),
        value=np.array([float(r[4]) for r in rows]), line=np.arange(2, len(rows) + 2),
    )
    return YearCube.build(year, arrays, (n_ind, n_units), np.arange(n_units))


def ordinal(month):
    return 2020 * 12 + month - 1


def test_slots_cover_the_calendar():
    assert [slot_of("month", 1), slot_of("month", 12), slot_of("quarter", 1),
            slot_of("half", 2), slot_of("year", 1)] == [0, 11, 12, 17, 18]


def test_flow_total_of_january_to_may_uses_the_first_quarter():
    cube = cube_of([(0, 0, "quarter", 1, 30), (0, 0, "month", 4, 4), (0, 0, "month", 5, 5)])
    figure = flow_total(cube, ordinal(1), ordinal(5))
    assert figure.value[0, 0] == 39 and figure.complete[0, 0]
    assert figure.as_of[0, 0] == ordinal(5)


def test_flow_total_with_nothing_inside_is_missing():
    cube = cube_of([(0, 0, "month", 7, 1)])
    figure = flow_total(cube, ordinal(1), ordinal(6))
    assert np.isnan(figure.value[0, 0]) and figure.source[0, 0] == 0


def test_latest_level_prefers_the_longer_period_ending_the_same_month():
    cube = cube_of([(0, 0, "month", 6, 1), (0, 0, "quarter", 2, 2), (0, 0, "month", 5, 3)])
    figure = latest_level(cube, ordinal(1), ordinal(6))
    assert figure.value[0, 0] == 2 and figure.as_of[0, 0] == ordinal(6)


def test_level_at_a_given_month_per_pair():
    cube = cube_of([(0, 0, "month", 5, 10), (0, 1, "month", 6, 20)], n_units=2)
    figure = level_at(cube, np.array([[ordinal(5), ordinal(5)]]))
    assert figure.value[0, 0] == 10 and np.isnan(figure.value[0, 1])


@pytest.mark.parametrize("rollable, expected", [(True, 6.0), (False, np.nan)])
def test_roll_up_sums_children_recursively_for_rollable_indicators(rollable, expected):
    # units: 0 root, 1 and 2 its children, 3 child of 1
    levels = UnitLevels.from_tree(["r", "a", "b", "c"], {"r": None, "a": "r", "b": "r", "c": "a"})
    value = np.array([[np.nan, np.nan, 2.0, 4.0]])
    figure = Quantity(value, np.full((1, 4), ordinal(6)), np.ones((1, 4), bool), np.ones((1, 4), np.int8))
    rolled, reported = roll_up(figure, levels, np.array([rollable]))
    assert np.array_equal(rolled.value[0, 0], expected, equal_nan=True)
    if rollable:
        assert rolled.value[0, 1] == 4 and reported[0, 0] == 2 and rolled.complete[0, 0]
        assert list(rolled.source[0]) == [2, 2, 1, 1]
    assert np.isnan(value[0, 0]), "the input figure is left unchanged"


def test_unit_levels_depths():
    levels = UnitLevels.from_tree(["r", "a", "c"], {"r": None, "a": "r", "c": "a"})
    assert list(levels.depth) == [0, 1, 2] and list(levels.parent) == [-1, 0, 1]
