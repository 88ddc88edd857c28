"""Monthly series: the month, year to date, last year and the pace, as in the metrics."""

import math

import pytest

from test_metrics import months


def test_series_of_a_flow(make_dataset):
    dataset = make_dataset(values=months("trained", "P", 2020, [10, 20, 30])
                           + months("trained", "P", 2019, [1, 2, 3]),
                           targets=[("trained", "P", 2020, 120)])
    series = dataset.series("trained", "P", "2020-01", "2020-03")
    assert list(series["month"]) == ["2020-01", "2020-02", "2020-03"]
    assert list(series["value"]) == [10, 20, 30]
    assert list(series["ytd_value"]) == [10, 30, 60]
    assert list(series["previous_value"]) == [1, 2, 3]
    assert list(series["previous_ytd_value"]) == [1, 3, 6]
    assert list(series["pace_value"]) == [10, 20, 30]


def test_series_stops_where_the_data_stops(make_dataset):
    dataset = make_dataset(values=months("trained", "P", 2020, [10, 20]))
    series = dataset.series("trained", "P", "2020-01", "2020-04")
    assert list(series["ytd_value"][:2]) == [10, 30]
    assert all(math.isnan(v) for v in series["ytd_value"][2:])


def test_series_of_a_stock_has_levels_not_sums(make_dataset):
    dataset = make_dataset(values=months("members", "D1", 2020, [5, 6]) + months("members", "D2", 2020, [1, 1]))
    series = dataset.series("members", "P")
    assert list(series["value"]) == [6, 7]                  # rolled up from the districts
    assert series["pace_value"].isna().all() and series["previous_ytd_value"].isna().all()


def test_series_of_an_unknown_indicator(make_dataset):
    from briefing.errors import ParamsError

    dataset = make_dataset(values=months("trained", "P", 2020, [1]))
    with pytest.raises(ParamsError, match="unknown indicator 'jobs'"):
        dataset.series("jobs", "P")
