"""A checked data set: the tables, the org tree, and the questions analysts ask of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from briefing.aggregation import RowArrays, YearCube, slot_of
from briefing.errors import ParamsError
from briefing.loading import InputFile, read_tables
from briefing.orgtree import OrgTree
from briefing.periods import parse_period
from briefing.validation import check_tables


#: Data sets kept by path while their files are unchanged; None while caching is off.
_CACHE: dict | None = None


def enable_dataset_cache() -> None:
    """Keep loaded data sets for reuse while their files are unchanged (size, modification time).

    Long-lived processes that render many reports (a warm kernel, a batch
    worker) turn this on; a one-off run reads the files fresh.
    """
    global _CACHE
    if _CACHE is None:
        _CACHE = {}


def _files_signature(path: Path) -> tuple:
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    return tuple((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files)


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
    path = Path(path)
    if _CACHE is not None and path.exists():
        key, signature = path.resolve(), _files_signature(path)
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
        dataset = _read_and_check(path)
        _CACHE[key] = (signature, dataset)
        return dataset
    return _read_and_check(path)


def _read_and_check(path: Path) -> Dataset:
    tables, inputs, problems, notes = read_tables(path)
    checked = check_tables(tables, problems, source=str(path))
    if checked.org_units is not None:
        tree = OrgTree.from_frame(checked.org_units)
        org_units = checked.org_units.drop(columns="_line")
    else:
        units = list(pd.unique(checked.values["org_unit"].astype(str)))
        tree = OrgTree.flat(units)
        org_units = pd.DataFrame({"org_unit": units, "name_vi": units, "name_en": units,
                                  "parent": ""})
    return Dataset(
        source=path,
        indicators=checked.indicators.drop(columns="_line").reset_index(drop=True),
        sectors=checked.sectors.drop(columns="_line", errors="ignore"),
        org_units=org_units.reset_index(drop=True),
        tree=tree,
        values=checked.values,
        targets=checked.targets,
        dossiers=checked.dossiers,
        inputs=tuple(inputs),
        notes=tuple(notes),
    )


@dataclass(frozen=True, eq=False)
class Dataset:
    """Checked input tables and the org tree; read-only by convention.

    Attributes
    ----------
    indicators : DataFrame
        The catalogue, one row per indicator, optional columns filled in.
    org_units : DataFrame
        ``org_unit, name_vi, name_en, parent``.
    values : DataFrame
        ``indicator_id, org_unit, period, value, line`` with canonical periods.
    targets : DataFrame
        ``indicator_id, org_unit, year, target, line``.
    dossiers : DataFrame or None
        Dossier records with parsed dates, when ``dossiers.csv`` exists.
    inputs : tuple of InputFile
        Each file read, with its SHA-256 and row counts.
    notes : tuple of str
        Warnings about the inputs that change nothing, e.g. a file or sheet
        that looks like a misnamed table (``target.csv``) and is not read.
    """

    source: Path
    indicators: pd.DataFrame
    sectors: pd.DataFrame
    org_units: pd.DataFrame
    tree: OrgTree
    values: pd.DataFrame
    targets: pd.DataFrame
    dossiers: pd.DataFrame | None
    inputs: tuple[InputFile, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __repr__(self) -> str:
        from briefing.summary import summarise_dataset

        return summarise_dataset(self)

    # --- questions --------------------------------------------------------------

    def catalogue(self, lang: str = "vi") -> pd.DataFrame:
        """The indicators with their sector, name and unit in ``lang``, sector by sector."""
        labels = self.indicator_labels(lang)
        table = self.indicators[["indicator_id", "sector", "kind", "direction", "part_of"]].merge(
            labels[["indicator_id", "name", "unit"]], on="indicator_id")
        table.insert(2, "sector_name", [self.sector_name(s, lang) for s in table["sector"]])
        order = {sector: i for i, sector in enumerate(self.sector_order)}
        return table.sort_values("sector", key=lambda s: s.map(order), kind="stable") \
            .reset_index(drop=True)


    def metrics(self, period, unit: str | None = None) -> pd.DataFrame:
        """Metrics of every indicator for ``unit`` (default: the first root) in ``period``.

        See :func:`briefing.metrics.compute_metrics`.
        """
        from briefing.metrics import compute_metrics

        return compute_metrics(self, period, unit)

    def compare_units(self, period, parent: str | None = None) -> pd.DataFrame:
        """Metrics of every child of ``parent`` (default: the first root), side by side."""
        from briefing.metrics import compute_metrics_for_units

        parent = parent or self.tree.roots[0]
        self.require_unit(parent)
        return compute_metrics_for_units(self, period, self.tree.children(parent), scope=parent)

    def series(self, indicator: str, unit: str | None = None, first=None, last=None) -> pd.DataFrame:
        """Monthly figures of ``indicator`` for ``unit``, with year to date and last year alongside.

        See :func:`briefing.series.monthly_series`.

        Examples
        --------
        >>> ds = load_dataset("data/sample")
        >>> ds.series("jobs_created", "baclieu", "2020-01", "2020-06")["ytd_value"].iloc[-1]
        np.float64(11461.0)
        """
        from briefing.series import monthly_series

        return monthly_series(self, indicator, unit, first, last)

    def quality(self, period=None) -> pd.DataFrame:
        """Every data-quality flag of every unit, one row each (see :func:`briefing.quality.quality_table`)."""
        from briefing.quality import quality_table

        return quality_table(self, period)

    def plot_trend(self, indicator: str, unit: str | None = None, year: int | None = None,
                   lang: str = "vi"):
        """A matplotlib figure: this year against last year by month, and the year to date
        against the pace line to the annual plan.

        Indicators reported only by quarter (half year, year) are drawn by quarter
        (half year, year): the finest kind of period with data, see
        :func:`briefing.series.trend_series`.
        """
        from briefing.charts import trend_chart
        from briefing.series import trend_series

        year = year or parse_period(self.periods[-1]).year
        series = trend_series(self, indicator, unit, year)
        name = self.indicator_labels(lang).set_index("indicator_id").loc[indicator, "name"]
        unit_name = self.tree.name(unit or self.tree.roots[0], lang)
        return trend_chart(series, f"{name}: {unit_name}", lang, year)

    def plot_ranking(self, indicator: str, period, parent: str | None = None, lang: str = "vi"):
        """A matplotlib figure ranking the children of ``parent`` on one indicator."""
        from briefing.charts import ranking_chart
        from briefing.ranking import rank_basis

        rows = self.compare_units(period, parent)
        rows = rows[rows["indicator_id"] == indicator].assign(
            unit_name=lambda r: [self.tree.name(u, lang) for u in r["org_unit"]])
        by = rank_basis(rows)
        name = self.indicator_labels(lang).set_index("indicator_id").loc[indicator, "name"]
        return ranking_chart(rows, name, lang, by)

    def require_unit(self, unit: str) -> None:
        """Raise ``ParamsError`` unless ``unit`` is in the org tree."""
        if unit not in self.tree:
            known = ", ".join(self.tree.all_in_order()[:12])
            raise ParamsError(f"org unit {unit!r} is not in the data; known units: {known}")

    @property
    def periods(self) -> list[str]:
        """Canonical keys of the periods that have values, in time order."""
        keys = self.values["period"].astype(str).unique()
        periods = sorted((parse_period(k) for k in keys),
                         key=lambda p: (p.first_month, -p.length))
        return [p.key for p in periods]

    def indicator_labels(self, lang: str) -> pd.DataFrame:
        """Name, unit and narrative phrase of each indicator in ``lang``, with fallbacks."""
        other = "en" if lang == "vi" else "vi"
        cat = self.indicators
        return pd.DataFrame({
            "indicator_id": cat["indicator_id"],
            "name": cat[f"name_{lang}"].where(cat[f"name_{lang}"] != "", cat[f"name_{other}"]),
            "unit": cat[f"unit_{lang}"].where(cat[f"unit_{lang}"] != "", cat[f"unit_{other}"]),
            "phrase": cat[f"phrase_{lang}"],
        })

    def label_metrics(self, metrics: pd.DataFrame, lang: str) -> pd.DataFrame:
        """``metrics`` with each indicator's ``name``, ``unit`` and ``phrase`` in ``lang``."""
        return metrics.merge(self.indicator_labels(lang), on="indicator_id", how="left")

    def sector_name(self, sector: str, lang: str) -> str:
        """Display name of a sector key in ``lang``, falling back to the key."""
        row = self.sectors[self.sectors["sector"] == sector]
        for column in (f"name_{lang}", "name_vi", "name_en"):
            if not row.empty and row[column].iloc[0]:
                return row[column].iloc[0]
        return sector

    @property
    def sector_order(self) -> list[str]:
        """Sector keys in first-seen order of the indicator catalogue."""
        return list(pd.unique(self.indicators["sector"]))

    # --- arrays for the computations ------------------------------------------------

    @cached_property
    def row_arrays(self) -> RowArrays:
        """The values as parallel arrays, indicator and unit given as positions."""
        values = self.values
        indicator = _positions(values["indicator_id"], self.indicators["indicator_id"])
        unit = _positions(values["org_unit"], pd.Index(self.tree.units))
        categories = values["period"].cat.categories
        parsed = [parse_period(k) for k in categories]
        codes = values["period"].cat.codes.to_numpy()
        year = np.array([p.year for p in parsed], dtype=np.int32)[codes]
        slot = np.array([slot_of(p.kind, p.number) for p in parsed], dtype=np.int8)[codes]
        return RowArrays(indicator, unit, year, slot, values["value"].to_numpy(dtype=float),
                         values["line"].to_numpy())

    def year_cube(self, year: int, units: list[str]) -> YearCube:
        """Values of ``year`` for ``units`` laid out by indicator, unit and calendar period."""
        unit_map = np.full(len(self.tree.units), -1, dtype=np.int64)
        unit_map[_positions(pd.Series(units), pd.Index(self.tree.units))] = np.arange(len(units))
        return YearCube.build(year, self.row_arrays, (len(self.indicators), len(units)), unit_map)

    def target_array(self, year: int, units: list[str]) -> np.ndarray:
        """Own annual targets of ``year`` as an array ``[indicator, unit]`` (NaN where none)."""
        array = np.full((len(self.indicators), len(units)), np.nan)
        rows = self.targets[self.targets["year"] == year]
        ind = pd.Index(self.indicators["indicator_id"]).get_indexer(rows["indicator_id"])
        unit = pd.Index(units).get_indexer(rows["org_unit"])
        keep = (ind >= 0) & (unit >= 0)
        array[ind[keep], unit[keep]] = rows["target"].to_numpy(dtype=float)[keep]
        return array


def _positions(column: pd.Series, index) -> np.ndarray:
    """Position in ``index`` of each value of ``column`` (-1 when absent), via its categories."""
    index = pd.Index(index)
    if isinstance(column.dtype, pd.CategoricalDtype):
        lookup = index.get_indexer(column.cat.categories)
        codes = column.cat.codes.to_numpy()
        return np.where(codes >= 0, lookup[codes], -1).astype(np.int64)
    return index.get_indexer(column).astype(np.int64)
