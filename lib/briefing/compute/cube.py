"""Figures for a period from raw rows: exact values, sums of months, latest levels.

Every function here works on whole arrays shaped ``[indicator, org unit]``, so
one call answers for every indicator and every unit at once. The values of one
year are first laid out as a :class:`YearCube`: for each pair, the 19 calendar
periods of the year (12 months, 4 quarters, 2 halves, the year itself).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from briefing.inputs.dataset import CheckedData
from briefing.periods import MONTHS_IN, Period, covering_periods, parse_period

#: The calendar periods of one year, in slot order.
_SLOT_KINDS = ["month"] * 12 + ["quarter"] * 4 + ["half"] * 2 + ["year"]
_SLOT_NUMBERS = list(range(1, 13)) + [1, 2, 3, 4] + [1, 2] + [1]
_SLOT_OFFSET = {"month": 0, "quarter": 12, "half": 16, "year": 18}
SLOTS = len(_SLOT_KINDS)


def slot_period(slot: int, year: int) -> Period:
    """The calendar period a slot of ``year`` stands for."""
    return Period(_SLOT_KINDS[slot], year, _SLOT_NUMBERS[slot])


def slot_of(kind: str, number: int) -> int:
    """Slot of the calendar period ``kind``/``number`` within its year."""
    return _SLOT_OFFSET[kind] + number - 1


def slot_bounds(slot: int) -> tuple[int, int]:
    """First and last month index (0–11) of a slot."""
    length = MONTHS_IN[_SLOT_KINDS[slot]]
    first = (_SLOT_NUMBERS[slot] - 1) * length
    return first, first + length - 1


def _slot_children(slot: int) -> list[int]:
    """Slots of the next finer level that make up ``slot``."""
    kind, number = _SLOT_KINDS[slot], _SLOT_NUMBERS[slot]
    if kind == "year":
        return [slot_of("half", 1), slot_of("half", 2)]
    if kind == "half":
        return [slot_of("quarter", 2 * number - 1), slot_of("quarter", 2 * number)]
    if kind == "quarter":
        return [slot_of("month", 3 * number - 2 + i) for i in range(3)]
    return []


@dataclass(frozen=True)
class YearCube:
    """Values of one year as arrays ``[indicator, unit, slot]``.

    ``value`` is NaN where ``present`` is false; ``line`` is the input line of
    each value (0 where absent), so every figure can be traced to its row.
    """

    year: int
    value: np.ndarray
    present: np.ndarray
    line: np.ndarray

    def select(self, indicators: np.ndarray) -> YearCube:
        """The cube of some indicators only (``indicators``: positions or a mask)."""
        return YearCube(self.year, self.value[indicators], self.present[indicators],
                        self.line[indicators])

    @classmethod
    def build(cls, year: int, rows: RowArrays, shape: tuple[int, int],
              unit_map: np.ndarray) -> YearCube:
        """Lay the rows of ``year`` out by indicator, unit and calendar period.

        ``unit_map`` gives, for each unit position in ``rows``, its position
        in the cube, or -1 to leave the unit out.
        """
        value = np.full(shape + (SLOTS,), np.nan)
        present = np.zeros(shape + (SLOTS,), dtype=bool)
        line = np.zeros(shape + (SLOTS,), dtype=np.int64)
        in_year = np.flatnonzero(rows.year == year)
        local = unit_map[rows.unit[in_year]]
        chosen = in_year[local >= 0]
        ind, unit, slot = rows.indicator[chosen], local[local >= 0], rows.slot[chosen]
        value[ind, unit, slot] = rows.value[chosen]
        present[ind, unit, slot] = True
        line[ind, unit, slot] = rows.line[chosen]
        return cls(year, value, present, line)


@dataclass(frozen=True)
class RowArrays:
    """Input rows as parallel arrays: positions of indicator and unit, year, slot, value."""

    indicator: np.ndarray
    unit: np.ndarray
    year: np.ndarray
    slot: np.ndarray
    value: np.ndarray
    line: np.ndarray


@dataclass(frozen=True)
class Quantity:
    """One quantity for every pair ``[indicator, unit]``.

    ``as_of`` is the month ordinal of the latest month the figure covers (-1
    where there is none); ``complete`` is false where months or child units
    are missing; ``source`` is 0 for none, 1 for the unit's own rows and 2 for
    the sum of its children.
    """

    value: np.ndarray
    as_of: np.ndarray
    complete: np.ndarray
    source: np.ndarray

    @property
    def present(self) -> np.ndarray:
        return ~np.isnan(self.value)

    def where(self, mask: np.ndarray, other: Quantity) -> Quantity:
        """This figure where ``mask`` ``[indicator, unit]`` is true, ``other`` elsewhere."""
        return Quantity(
            np.where(mask, self.value, other.value), np.where(mask, self.as_of, other.as_of),
            np.where(mask, self.complete, other.complete), np.where(mask, self.source, other.source),
        )

    def pick(self, mask_rows: np.ndarray, other: Quantity) -> Quantity:
        """This figure for indicators in ``mask_rows``, ``other`` for the rest."""
        return self.where(np.broadcast_to(mask_rows[:, None], self.value.shape), other)


def _empty_quantity(shape: tuple[int, int]) -> Quantity:
    return Quantity(np.full(shape, np.nan), np.full(shape, -1), np.ones(shape, dtype=bool),
                  np.zeros(shape, dtype=np.int8))


def flow_total(cube: YearCube, first_month: int, last_month: int) -> Quantity:
    """Own totals of a span of months within ``cube``'s year, for flows.

    The span is split into calendar periods (January–May: Q1, April, May).
    For each, a value given for exactly that period wins; otherwise it is the
    sum of its parts, recursively (a half from its quarters, a quarter from
    its months). A figure is incomplete when some months have no value.
    """
    shape = cube.value.shape[:2]
    total, covered, as_of = np.zeros(shape), np.zeros(shape, dtype=int), np.full(shape, -1)
    for piece in covering_periods(first_month, last_month):
        value, months, last = _slot_total(cube, slot_of(piece.kind, piece.number))
        total += np.nan_to_num(value)
        covered += months
        as_of = np.maximum(as_of, last)
    found = covered > 0
    length = last_month - first_month + 1
    return Quantity(
        np.where(found, total, np.nan),
        np.where(found, as_of + cube.year * 12, -1),
        ~found | (covered == length),
        np.where(found, 1, 0).astype(np.int8),
    )


def _slot_total(cube: YearCube, slot: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Value, months covered and last month index covered of one slot, recursively."""
    first, last = slot_bounds(slot)
    exact = cube.present[:, :, slot]
    children = _slot_children(slot)
    if not children:
        return cube.value[:, :, slot], exact.astype(int), np.where(exact, last, -1)
    parts = [_slot_total(cube, child) for child in children]
    summed = sum(np.nan_to_num(p[0]) for p in parts)
    months = sum(p[1] for p in parts)
    latest = np.maximum.reduce([p[2] for p in parts])
    value = np.where(exact, cube.value[:, :, slot], np.where(months > 0, summed, np.nan))
    return (value, np.where(exact, last - first + 1, months), np.where(exact, last, latest))


def latest_level(cube: YearCube, first_month: int, last_month: int) -> Quantity:
    """Own latest observation inside a span, for stocks and rates.

    Among values whose period lies inside the span, the one ending latest
    wins; between periods ending the same month, the longer one (so a value
    given for exactly the period asked always wins).
    """
    shape = cube.value.shape[:2]
    span_first, span_last = first_month - cube.year * 12, last_month - cube.year * 12
    inside = [s for s in range(SLOTS)
              if span_first <= slot_bounds(s)[0] and slot_bounds(s)[1] <= span_last]
    inside.sort(key=lambda s: (slot_bounds(s)[1], slot_bounds(s)[1] - slot_bounds(s)[0]),
                reverse=True)
    figure = _empty_quantity(shape)
    for slot in inside:
        take = cube.present[:, :, slot] & np.isnan(figure.value)
        figure.value[take] = cube.value[:, :, slot][take]
        figure.as_of[take] = cube.year * 12 + slot_bounds(slot)[1]
        figure.source[take] = 1
    return figure


def level_at(cube: YearCube, months: np.ndarray) -> Quantity:
    """Own observation ending exactly at a month, per pair (``months`` holds ordinals, -1 for none)."""
    figure = _empty_quantity(cube.value.shape[:2])
    for index in range(12):
        wanted = months == cube.year * 12 + index
        if not wanted.any():
            continue
        ending = sorted((s for s in range(SLOTS) if slot_bounds(s)[1] == index),
                        key=lambda s: -(slot_bounds(s)[1] - slot_bounds(s)[0]))
        for slot in ending:
            take = wanted & cube.present[:, :, slot] & np.isnan(figure.value)
            figure.value[take] = cube.value[:, :, slot][take]
            figure.as_of[take] = cube.year * 12 + index
            figure.source[take] = 1
    return figure


def mean_over_time(cube: YearCube, first_month: int, last_month: int) -> Quantity:
    """Own means of a span of months, for averages: each value weighted by its months.

    The values used are those :func:`flow_total` would add up (a value given for
    exactly a period wins over its parts); their mean, weighted by the months each
    covers, is the figure (the mean wage of January–May from Q1's and April's and
    May's means: (3 × Q1 + April + May) / 5).
    """
    lengths = np.array([slot_bounds(s)[1] - slot_bounds(s)[0] + 1 for s in range(SLOTS)])
    weighted = YearCube(cube.year, cube.value * lengths, cube.present, cube.line)
    total = flow_total(weighted, first_month, last_month)
    months = months_covered(cube, first_month, last_month).sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(months > 0, total.value / months, np.nan)
    return Quantity(mean, total.as_of, total.complete, total.source)


def months_covered(cube: YearCube, first_month: int, last_month: int) -> np.ndarray:
    """Months of a span that own rows cover, as booleans ``[indicator, unit, month]``.

    A month is covered by a row for that month or for a longer period that
    contains it and lies inside the span (as :func:`flow_total` would use it).
    """
    span_first, span_last = first_month - cube.year * 12, last_month - cube.year * 12
    covered = np.zeros(cube.value.shape[:2] + (span_last - span_first + 1,), dtype=bool)
    for slot in range(SLOTS):
        first, last = slot_bounds(slot)
        if span_first <= first and last <= span_last:
            covered[:, :, first - span_first:last - span_first + 1] |= cube.present[:, :, slot, None]
    return covered


# --- the data set's rows as arrays ---------------------------------------------------

def row_arrays(data: CheckedData) -> RowArrays:
    """The values of ``data`` as parallel arrays, indicator and unit given as positions.

    Built once per data set and kept in ``data.derived``.
    """
    if "row_arrays" not in data.derived:
        values = data.values
        indicator = _positions(values["indicator_id"], data.indicators["indicator_id"])
        unit = _positions(values["org_unit"], pd.Index(data.tree.units))
        categories = values["period"].cat.categories
        parsed = [parse_period(k) for k in categories]
        codes = values["period"].cat.codes.to_numpy()
        year = np.array([p.year for p in parsed], dtype=np.int32)[codes]
        slot = np.array([slot_of(p.kind, p.number) for p in parsed], dtype=np.int8)[codes]
        value = values["value"].to_numpy(dtype=float)
        cumulative = (data.indicators["kind"] == "cumulative").to_numpy()
        if cumulative.any():
            value = difference_cumulative(indicator, unit, year, slot, value, cumulative)
        data.derived["row_arrays"] = RowArrays(indicator, unit, year, slot, value,
                                               values["line"].to_numpy())
    return data.derived["row_arrays"]


def difference_cumulative(indicator: np.ndarray, unit: np.ndarray, year: np.ndarray,
                          slot: np.ndarray, value: np.ndarray, cumulative: np.ndarray) -> np.ndarray:
    """Year-to-date totals (*lũy kế*) turned into the flow of each period.

    A row's flow is its total minus the latest total of the same indicator, unit and
    year that ends before the row's period begins (0 before January), whatever kind of
    period gave it: Q2's total of 60 after March's 30 is a flow of 30. After a missing
    month the next row carries both months' flow, so every year to date stays as
    reported and the missing month is a gap.

    Examples
    --------
    >>> difference_cumulative(np.zeros(3, int), np.zeros(3, int), np.full(3, 2020),
    ...                       np.array([0, 1, 3]), np.array([10., 25., 60.]), np.array([True]))
    array([10., 15., 35.])
    >>> # months January to March (10, 20, 30 to date), then Q2 (slot 13) given as 60 to date
    >>> difference_cumulative(np.zeros(4, int), np.zeros(4, int), np.full(4, 2020),
    ...                       np.array([0, 1, 2, 13]), np.array([10., 20., 30., 60.]), np.array([True]))
    array([10., 10., 10., 30.])
    """
    rows = np.flatnonzero(cumulative[indicator])
    if rows.size == 0:
        return value
    bounds = np.array([slot_bounds(s) for s in range(SLOTS)])
    first, last = bounds[slot[rows], 0], bounds[slot[rows], 1]
    _, group = np.unique(np.stack([indicator[rows], unit[rows], year[rows]]), axis=1,
                         return_inverse=True)
    group = group.reshape(-1)
    order = np.lexsort((last, group))
    keys = group[order] * 16 + last[order]
    before = np.searchsorted(keys, group * 16 + first - 1, side="right") - 1
    same_year = (before >= 0) & (group[order][np.maximum(before, 0)] == group)
    previous = np.where(same_year, value[rows][order][np.maximum(before, 0)], 0.0)
    flows = value.copy()
    flows[rows] = value[rows] - previous
    return flows


def year_cube(data: CheckedData, year: int, units: list[str]) -> YearCube:
    """Values of ``year`` for ``units`` laid out by indicator, unit and calendar period."""
    unit_map = np.full(len(data.tree.units), -1, dtype=np.int64)
    unit_map[_positions(pd.Series(units), pd.Index(data.tree.units))] = np.arange(len(units))
    return YearCube.build(year, row_arrays(data), (len(data.indicators), len(units)), unit_map)


def target_array(data: CheckedData, year: int, units: list[str]) -> np.ndarray:
    """Own annual targets of ``year`` as an array ``[indicator, unit]`` (NaN where none)."""
    array = np.full((len(data.indicators), len(units)), np.nan)
    rows = data.targets[data.targets["year"] == year]
    ind = pd.Index(data.indicators["indicator_id"]).get_indexer(rows["indicator_id"])
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
