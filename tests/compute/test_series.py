"""Monthly series: the month, year to date, last year and the pace, as in the metrics."""

import math

import pytest

from conftest import months_rows as months


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


def quarters(indicator, unit, year, values):
    return [(indicator, unit, f"{year}Q{i + 1}", v) for i, v in enumerate(values)]


def test_series_by_quarter(make_dataset):
    """A flow reported by quarter: Q1 10, Q2 20 (2020); 1, 2, 3, 4 (2019); plan 120."""
    from briefing.compute.series import period_series

    dataset = make_dataset(values=quarters("trained", "P", 2020, [10, 20])
                           + quarters("trained", "P", 2019, [1, 2, 3, 4]),
                           targets=[("trained", "P", 2020, 120)])
    series = period_series(dataset, "trained", "P", "2020", "2020", "quarter")
    assert list(series["period"]) == ["2020Q1", "2020Q2", "2020Q3", "2020Q4"]
    assert list(series["number"]) == [1, 2, 3, 4]
    assert list(series["value"][:2]) == [10, 20] and series["value"][2:].isna().all()
    assert list(series["ytd_value"][:2]) == [10, 30]
    assert list(series["last_year_value"]) == [1, 2, 3, 4]
    assert list(series["previous_ytd_value"]) == [1, 3, 6, 10]
    assert list(series["pace_value"]) == [30, 60, 90, 120]


@pytest.mark.parametrize("rows, kind", [
    (months("members", "P", 2020, [5]) + quarters("members", "P", 2020, [5]), "month"),
    (quarters("members", "P", 2019, [1, 2, 3, 4]) + quarters("members", "P", 2020, [5]), "quarter"),
    ([("trained", "P", "2019S2", 7), ("trained", "P", "2020S1", 8)], "half"),
    ([("trained", "P", "2019", 9)], "year"),
])
def test_trend_series_takes_the_finest_period_kind_with_data(make_dataset, rows, kind):
    from briefing.compute.series import trend_series

    dataset = make_dataset(values=rows)
    indicator = rows[0][0]
    series = trend_series(dataset, indicator, "P", 2020)
    assert set(series["kind"]) == {kind}
    assert series[["value", "last_year_value"]].notna().any(axis=None)


def test_last_year_of_a_stock_is_not_cut_at_this_year_last_month(make_dataset):
    """2019 has twelve months, 2020 only three: last year's level is known for all twelve."""
    dataset = make_dataset(values=months("members", "P", 2019, list(range(1, 13)))
                           + months("members", "P", 2020, [21, 22, 23]))
    series = dataset.series("members", "P", "2020-01", "2020-12")
    assert list(series["last_year_value"]) == list(range(1, 13))
    # without a level this year, last year's is its latest inside the same month a year earlier
    assert list(series["previous_value"][3:]) == list(range(4, 13))
