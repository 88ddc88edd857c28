"""Which months of a year are complete for a unit: every indicator reported month by month is in.

The rule (``docs/contract.md``, "Periods"): an indicator is *expected* in month m when a unit
of the tree below the root (the root included) gave it a value for a single month in one of
the twelve months up to m. Indicators made from others (ratios) and those given only for
longer periods are never expected. A unit *has* month m of an indicator when

- its own rows cover m: for flows, cumulative totals and averages a row for any period
  holding m (a quarter covers its three months); for stocks and rates a row for a period
  ending in m; or
- every child it waits for has m, and it waits for at least one. A unit waits for a child
  that, or a unit below which, gave the indicator for a single month in the twelve months
  up to m: a child that stopped reporting a year ago is not waited for.

A month is complete for a root when the root has every indicator expected in it.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from briefing.compute.cube import slot_bounds, year_cube
from briefing.compute.rollup import UnitLevels
from briefing.inputs.contract import COVERED_BY_MONTHS, DERIVED
from briefing.inputs.dataset import CheckedData
from briefing.periods import month_of

#: Months looked back to decide whether an indicator (or a unit) reports month by month.
WINDOW_MONTHS = 12
#: Slots of the year cube beyond the months: quarters, halves, the year.
_LONGER_SLOTS = range(12, 19)


def month_completeness(dataset: CheckedData, roots: Iterable[str], year: int) -> pd.DataFrame:
    """For each root and month of ``year``, whether the root has each indicator expected in it.

    Every root is worked out at once (a data set without a tree has a root per unit).

    Returns
    -------
    DataFrame
        ``root, month, indicator_id, present, lacking``: one row per root, month key and
        expected indicator, in that order (indicators in catalogue order). ``lacking``
        lists the units (highest first) whose missing figure keeps the root from having it:
        the units waited for that lack it and wait for nobody below; empty when ``present``.
    """
    subtrees = [dataset.tree.descendants(root) for root in dict.fromkeys(roots)]
    units = [unit for subtree in subtrees for unit in subtree]
    starts = np.cumsum([0] + [len(subtree) for subtree in subtrees])
    levels = UnitLevels.from_tree(units, {u: dataset.tree.parents[u] for u in units})
    this_year, last_year = year_cube(dataset, year, units), year_cube(dataset, year - 1, units)
    kinds = dataset.indicators["kind"].to_numpy()
    waited = _reporting_monthly(last_year.present, this_year.present, levels)
    has, waits_below = _has_month(_own_cover(this_year.present, kinds), waited, levels)
    expected = waited & ~np.isin(kinds, DERIVED)[:, None, None]
    lacking = _lacking(has, waited, waits_below, levels)
    ids = dataset.indicators["indicator_id"].to_numpy()
    rows = []
    for start, end in zip(starts[:-1], starts[1:]):
        for month in range(12):
            for i in np.flatnonzero(expected[:, start, month]):
                found = tuple(units[start + u] for u in np.flatnonzero(lacking[i, start:end, month]))
                rows.append((units[start], month_of(year * 12 + month).key, ids[i],
                             bool(has[i, start, month]), found))
    return pd.DataFrame(rows, columns=["root", "month", "indicator_id", "present", "lacking"])


def _own_cover(present: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """``[indicator, unit, month]``: the unit's own rows cover the month (see the module)."""
    cover = present[:, :, :12].copy()
    by_months = np.isin(kinds, COVERED_BY_MONTHS)
    for slot in _LONGER_SLOTS:
        first, last = slot_bounds(slot)
        given = present[:, :, slot]
        cover[by_months, :, first:last + 1] |= given[by_months, :, None]
        cover[~by_months, :, last] |= given[~by_months]
    return cover


def _reporting_monthly(last_year: np.ndarray, this_year: np.ndarray,
                       levels: UnitLevels) -> np.ndarray:
    """``[indicator, unit, month]``: the unit, or one below it, gave a month row within the
    ``WINDOW_MONTHS`` months up to each month of this year."""
    rows = np.concatenate([last_year[:, :, :12], this_year[:, :, :12]], axis=2)
    for children, parents in levels.bottom_up():
        np.logical_or.at(rows, (slice(None), parents), rows[:, children])
    counts = np.cumsum(rows, axis=2, dtype=np.int32)
    ends = np.arange(12, 24)   # this year's months; counts[e] - counts[e - 12]: months e-11..e
    return (counts[:, :, ends] - counts[:, :, ends - WINDOW_MONTHS]) > 0


def _has_month(cover: np.ndarray, waited: np.ndarray,
               levels: UnitLevels) -> tuple[np.ndarray, np.ndarray]:
    """Bottom-up: a unit has a month from its own rows, or when every child it waits for has
    it. Also returns where a unit waits for at least one child."""
    has = cover.copy()
    waits_below = np.zeros(cover.shape, dtype=bool)
    for children, parents in levels.bottom_up():   # one depth at a time, deepest first
        all_in = np.ones(cover.shape, dtype=bool)
        np.logical_and.at(all_in, (slice(None), parents), has[:, children] | ~waited[:, children])
        waits = np.zeros(cover.shape, dtype=bool)
        np.logical_or.at(waits, (slice(None), parents), waited[:, children])
        has |= all_in & waits
        waits_below |= waits
    return has, waits_below


def _lacking(has: np.ndarray, waited: np.ndarray, waits_below: np.ndarray,
             levels: UnitLevels) -> np.ndarray:
    """Top-down from the roots: the units whose gap is their root's gap."""
    roots = levels.parent < 0
    missing = np.zeros(has.shape, dtype=bool)
    missing[:, roots] = ~has[:, roots]
    for children, parents in reversed(list(levels.bottom_up())):
        missing[:, children] = missing[:, parents] & waited[:, children] & ~has[:, children]
    return missing & ~waits_below
