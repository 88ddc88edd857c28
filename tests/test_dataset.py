"""The analyst's API on a Dataset: catalogue, repr, plots; nothing changes its inputs."""

import pandas as pd

from test_metrics import months


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
