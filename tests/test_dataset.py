"""The analyst's API on a Dataset: catalogue, repr, plots; nothing changes its inputs."""

import pandas as pd

from conftest import months_rows as months


def test_catalogue_follows_the_sectors(make_dataset):
    dataset = make_dataset(values=months("trained", "P", 2020, [1]))
    catalogue = dataset.catalogue("en")
    assert list(catalogue["indicator_id"][:2]) == ["trained", "trained.short"]
    assert catalogue.loc[0, "name"] == "Vocational training"
    assert list(catalogue.columns) == ["indicator_id", "sector", "sector_name", "kind",
                                       "direction", "part_of", "name", "unit"]


def test_repr_summarises(make_dataset):
    dataset = make_dataset(values=months("trained", "P", 2020, [1]))
    assert "indicators: 5 in 4 sectors" in repr(dataset)


def test_plots_are_figures_that_jupyter_shows(make_dataset):
    dataset = make_dataset(values=months("trained", "D1", 2020, [1, 2]) + months("trained", "D2", 2020, [3, 4]),
                           targets=[("trained", "D1", 2020, 12), ("trained", "D2", 2020, 24)])
    for figure in (dataset.plot_trend("trained", "P", 2020, "en"),
                   dataset.plot_ranking("trained", "2020Q1", "P", "vi")):
        assert figure._repr_png_().startswith(b"\x89PNG")


def test_no_call_changes_the_dataset(make_dataset):
    dataset = make_dataset(values=months("trained", "D1", 2020, [1, 2]) + months("members", "D2", 2020, [3]),
                           targets=[("trained", "D1", 2020, 12)])
    before = {name: getattr(dataset, name).copy(deep=True)
              for name in ("values", "targets", "indicators", "org_units")}
    dataset.metrics("2020Q1", "P")
    dataset.compare_units("2020Q1", "P")
    dataset.series("trained", "P")
    dataset.quality("2020Q1")
    dataset.catalogue("vi")
    dataset.plot_trend("trained", "P")
    dataset.plot_ranking("trained", "2020Q1", "P")
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(dataset, name), frame, obj=name)


def drawn_points(figure) -> dict:
    """``{(panel title, label): [(x, y), ...]}`` of every line and bar series, NaN points left out."""
    import math

    points = {}
    for axes in figure.axes:
        title = axes.get_title(loc="left")
        for line in axes.get_lines():
            xy = [(float(x), float(y)) for x, y in zip(line.get_xdata(), line.get_ydata())]
            points[(title, line.get_label())] = [(x, y) for x, y in xy if not math.isnan(y)]
        for bars in axes.containers:
            xy = [(p.get_x() + p.get_width() / 2, p.get_height()) for p in bars]
            points[(title, bars.get_label())] = [(round(x), y) for x, y in xy if not math.isnan(y)]
    return points


def test_trend_of_a_quarterly_stock_is_drawn_by_quarter(make_dataset):
    """Members reported by quarter only: 2019 Q1–Q4 100, 110, 120, 130; 2020 Q1–Q2 140, 150."""
    values = [("members", "P", f"2019Q{q}", 90 + 10 * q) for q in (1, 2, 3, 4)] \
        + [("members", "P", "2020Q1", 140), ("members", "P", "2020Q2", 150)]
    figure = make_dataset(values=values).plot_trend("members", "P", 2020, "en")
    points = drawn_points(figure)
    level = "Level by quarter"
    assert points[(level, "2019")] == [(1, 100), (2, 110), (3, 120), (4, 130)]
    assert points[(level, "2020")] == [(1, 140), (2, 150)]
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()] == ["Q1", "Q2", "Q3", "Q4"]


def test_trend_of_a_quarterly_flow_has_bars_and_year_to_date(make_dataset):
    """Trained by quarter: 2019 Q1–Q4 1, 2, 3, 4; 2020 Q1–Q2 10, 20; plan 120 (30 a quarter)."""
    values = [("trained", "P", f"2019Q{q}", q) for q in (1, 2, 3, 4)] \
        + [("trained", "P", "2020Q1", 10), ("trained", "P", "2020Q2", 20)]
    figure = make_dataset(values=values, targets=[("trained", "P", 2020, 120)]) \
        .plot_trend("trained", "P", 2020, "en")
    points = drawn_points(figure)
    assert points[("By quarter", "2019")] == [(1, 1), (2, 2), (3, 3), (4, 4)]
    assert points[("By quarter", "2020")] == [(1, 10), (2, 20)]
    assert points[("Year to date", "2019")] == [(1, 1), (2, 3), (3, 6), (4, 10)]
    assert points[("Year to date", "2020")] == [(1, 10), (2, 30)]
    assert points[("Year to date", "Pace to the plan")] == [(1, 30), (2, 60), (3, 90), (4, 120)]


def test_trend_of_a_monthly_stock_shows_all_of_last_year(make_dataset):
    """2019 Jan–Dec 1..12, 2020 Jan–Mar 21, 22, 23: last year's line has twelve points."""
    values = months("members", "P", 2019, list(range(1, 13))) + months("members", "P", 2020, [21, 22, 23])
    points = drawn_points(make_dataset(values=values).plot_trend("members", "P", 2020, "en"))
    assert points[("Level by month", "2019")] == [(m, m) for m in range(1, 13)]
    assert points[("Level by month", "2020")] == [(1, 21), (2, 22), (3, 23)]
