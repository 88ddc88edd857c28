"""A checked data set: the tables read and checked, the org tree, and lookups on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from briefing.errors import ParamsError
from briefing.inputs.orgtree import OrgTree
from briefing.inputs.read import InputFile, read_tables
from briefing.inputs.summary import summarise_dataset
from briefing.inputs.validate import check_tables
from briefing.periods import parse_period

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


def read_dataset(path) -> CheckedData:
    """The checked tables of a data folder or workbook; :func:`briefing.load_dataset` for analysts.

    Kept by path while the files are unchanged once :func:`enable_dataset_cache` was called.
    Raises ``InputError`` listing every problem found.

    Examples
    --------
    >>> read_dataset("data/sample").tree.roots
    ['baclieu']
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


def _read_and_check(path: Path) -> CheckedData:
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
    return CheckedData(
        source=path,
        indicators=checked.indicators.drop(columns="_line").reset_index(drop=True),
        sectors=checked.sectors.drop(columns="_line", errors="ignore"),
        org_units=org_units.reset_index(drop=True),
        tree=tree,
        values=checked.values,
        targets=checked.targets,
        dossiers=checked.dossiers,
        inputs=tuple(inputs),
        notes=tuple(notes) + checked.notes,
    )


@dataclass(frozen=True, eq=False)
class CheckedData:
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

    #: Arrays derived from the tables once and kept (see :mod:`briefing.compute.cube`).
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def __repr__(self) -> str:
        return summarise_dataset(self)

    def catalogue(self, lang: str = "vi") -> pd.DataFrame:
        """The indicators with their sector, name and unit in ``lang``, sector by sector."""
        labels = self.indicator_labels(lang)
        table = self.indicators[["indicator_id", "sector", "kind", "direction", "part_of"]].merge(
            labels[["indicator_id", "name", "unit"]], on="indicator_id")
        table.insert(2, "sector_name", [self.sector_name(s, lang) for s in table["sector"]])
        order = {sector: i for i, sector in enumerate(self.sector_order)}
        return table.sort_values("sector", key=lambda s: s.map(order), kind="stable") \
            .reset_index(drop=True)


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
        """Name, unit and narrative phrase of each indicator in ``lang``, with fallbacks.

        A language the catalogue has no columns for (a report language added by a
        message catalogue) takes the English names, then the Vietnamese.
        """
        cat = self.indicators

        def first_given(stem: str) -> pd.Series:
            codes = dict.fromkeys([lang, "en", "vi"] if lang != "vi" else ["vi", "en"])
            columns = [cat[f"{stem}_{code}"] for code in codes if f"{stem}_{code}" in cat]
            chosen = columns[0]
            for column in columns[1:]:
                chosen = chosen.where(chosen != "", column)
            return chosen

        phrase = cat[f"phrase_{lang}"] if f"phrase_{lang}" in cat else pd.Series("", index=cat.index)
        return pd.DataFrame({"indicator_id": cat["indicator_id"], "name": first_given("name"),
                             "unit": first_given("unit"), "phrase": phrase})

    def label_metrics(self, metrics: pd.DataFrame, lang: str) -> pd.DataFrame:
        """``metrics`` with each indicator's ``name``, ``unit`` and ``phrase`` in ``lang``."""
        return metrics.merge(self.indicator_labels(lang), on="indicator_id", how="left")

    def sector_name(self, sector: str, lang: str) -> str:
        """Display name of a sector key in ``lang``, falling back to the key."""
        row = self.sectors[self.sectors["sector"] == sector]
        for column in (f"name_{lang}", "name_vi", "name_en"):
            if not row.empty and column in row and row[column].iloc[0]:
                return row[column].iloc[0]
        return sector

    @property
    def sector_order(self) -> list[str]:
        """Sector keys in first-seen order of the indicator catalogue."""
        return list(pd.unique(self.indicators["sector"]))
