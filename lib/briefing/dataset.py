"""The data set analysts work with: checked tables, and the questions asked of them.

``briefing.load_dataset(path)`` returns a :class:`Dataset`: the checked tables of
:class:`briefing.inputs.dataset.CheckedData` with one method per question
(metrics, comparisons, series, quality, charts). The methods call the compute
and render layers; the layers below never call back here.
"""

from __future__ import annotations

from dataclasses import fields

import pandas as pd

from briefing.compute.metrics import compute_children_metrics, compute_metrics
from briefing.compute.quality import quality_table
from briefing.compute.ranking import rank_basis
from briefing.compute.series import monthly_series, trend_series
from briefing.inputs.dataset import CheckedData, read_dataset
from briefing.periods import parse_period
from briefing.render.charts import ranking_chart, trend_chart


def load_dataset(path) -> Dataset:
    """Read and check a data folder of CSV files, or one ``.xlsx`` workbook.

    Parameters
    ----------
    path : str or Path
        A folder holding ``indicators.csv`` and ``values.csv`` (and optionally
        ``sectors.csv``, ``org_units.csv``, ``targets.csv``, ``dossiers.csv``),
        or a workbook with sheets of those names.

    Returns
    -------
    Dataset

    Raises
    ------
    InputError
        Listing every problem found, each with file, line, column and value.

    Examples
    --------
    >>> import briefing
    >>> ds = briefing.load_dataset("data/sample")
    >>> ds.metrics("2020S1").loc[lambda m: m.indicator_id == "jobs_created", "value"].item()
    11461.0
    """
    return Dataset.of(read_dataset(path))


class Dataset(CheckedData):
    """Checked input tables and the org tree, with the questions analysts ask of them.

    See :class:`briefing.inputs.dataset.CheckedData` for the tables.
    """

    @classmethod
    def of(cls, data: CheckedData) -> Dataset:
        """``data`` as a :class:`Dataset`, sharing its tables and derived arrays (no copy)."""
        if isinstance(data, cls):
            return data
        return cls(**{f.name: getattr(data, f.name) for f in fields(data)})

    def metrics(self, period, unit: str | None = None, pace: str = "linear") -> pd.DataFrame:
        """Metrics of every indicator for ``unit`` (default: the first root) in ``period``.

        ``pace="seasonal"`` expects a flow's plan to fill as last year's months did.
        See :func:`briefing.compute.metrics.compute_metrics`.
        """
        return compute_metrics(self, period, unit, pace)

    def latest_period(self, kind: str | None = None) -> str:
        """The newest ``month`` (``quarter``, ``half``, ``year``) complete for the root units.

        The period ``--period latest`` would choose (see :mod:`briefing.run.latest`);
        ``kind`` defaults to the shortest kind of period the values are given for.

        Examples
        --------
        >>> ds = load_dataset("data/sample")
        >>> ds.latest_period(), ds.latest_period("quarter")
        ('2020-04', '2020Q1')
        """
        from briefing.periods import DAY
        from briefing.run.latest import choose_latest

        if kind is None:
            given = [parse_period(p) for p in self.periods if not DAY.match(str(p))]
            kind = min(given, key=lambda p: p.length).kind if given else "month"
        asked = "latest" if kind == "month" else f"latest-{kind}"
        return choose_latest(self, asked, self.tree.roots).period.key

    def compare_units(self, period, parent: str | None = None) -> pd.DataFrame:
        """Metrics of every child of ``parent`` (default: the first root), side by side."""
        return compute_children_metrics(self, period, parent)

    def series(self, indicator: str, unit: str | None = None, first=None, last=None) -> pd.DataFrame:
        """Monthly figures of ``indicator`` for ``unit``, with year to date and last year alongside.

        See :func:`briefing.compute.series.monthly_series`.

        Examples
        --------
        >>> ds = load_dataset("data/sample")
        >>> float(ds.series("jobs_created", "baclieu", "2020-01", "2020-06")["ytd_value"].iloc[-1])
        11461.0
        """
        return monthly_series(self, indicator, unit, first, last)

    def quality(self, period=None) -> pd.DataFrame:
        """Every data-quality flag of every unit, one row each (see :func:`briefing.compute.quality.quality_table`)."""
        return quality_table(self, period)

    def plot_trend(self, indicator: str, unit: str | None = None, year: int | None = None,
                   lang: str = "vi"):
        """A matplotlib figure: this year against last year by month, and the year to date
        against the pace line to the annual plan.

        Indicators reported only by quarter (half year, year) are drawn by quarter
        (half year, year): the finest kind of period with data, see
        :func:`briefing.compute.series.trend_series`.
        """
        year = year or parse_period(self.periods[-1]).year
        series = trend_series(self, indicator, unit, year)
        name = self.indicator_labels(lang).set_index("indicator_id").loc[indicator, "name"]
        unit_name = self.tree.name(unit or self.tree.roots[0], lang)
        return trend_chart(series, f"{name}: {unit_name}", lang, year)

    def plot_ranking(self, indicator: str, period, parent: str | None = None, lang: str = "vi"):
        """A matplotlib figure ranking the children of ``parent`` on one indicator."""
        rows = self.compare_units(period, parent)
        rows = rows[rows["indicator_id"] == indicator].assign(
            unit_name=lambda r: [self.tree.name(u, lang) for u in r["org_unit"]])
        by = rank_basis(rows)
        name = self.indicator_labels(lang).set_index("indicator_id").loc[indicator, "name"]
        return ranking_chart(rows, name, lang, by)
