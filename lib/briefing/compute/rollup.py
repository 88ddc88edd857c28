"""Figures of parent units: one source per unit and year, own rows or the children's, and roll-up.

Works on the arrays of :mod:`briefing.compute.cube`, shaped ``[indicator, org unit]``,
with the org tree as arrays (:class:`UnitLevels`) so that every level is summed at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from briefing.compute.cube import Quantity, YearCube, latest_level, months_covered, slot_bounds


@dataclass(frozen=True)
class UnitLevels:
    """The org tree as arrays: the parent position of each unit and its depth."""

    parent: np.ndarray
    depth: np.ndarray

    @classmethod
    def from_tree(cls, units: list[str], parents: dict[str, str | None]) -> UnitLevels:
        position = {u: i for i, u in enumerate(units)}
        parent = np.array([position.get(parents.get(u) or "", -1) for u in units], dtype=int)
        depth = np.full(len(units), -1, dtype=int)
        for i in range(len(units)):
            chain = []   # walk up to a unit whose depth is known: each unit is walked once
            node = i
            while node >= 0 and depth[node] < 0:
                chain.append(node)
                node = parent[node]
            known = depth[node] if node >= 0 else -1
            for offset, unit in enumerate(reversed(chain), 1):
                depth[unit] = known + offset
        return cls(parent, depth)

    def bottom_up(self):
        """``(children, parents)`` position arrays, one pair per depth, deepest first: each
        unit's children are all at one depth, so a parent is final once its depth is done."""
        for depth in range(int(self.depth.max(initial=0)), 0, -1):
            children = np.flatnonzero((self.depth == depth) & (self.parent >= 0))
            if children.size:
                yield children, self.parent[children]


def _sum_children(value: np.ndarray, children: np.ndarray, parents: np.ndarray):
    """Which children have a value, and per parent the sum and count of those values."""
    has = ~np.isnan(value[:, children])
    sums = np.zeros(value.shape)
    np.add.at(sums, (slice(None), parents), np.where(has, value[:, children], 0.0))
    counts = np.zeros(value.shape, dtype=int)
    np.add.at(counts, (slice(None), parents), has.astype(int))
    return has, sums, counts


@dataclass(frozen=True)
class SourceChoice:
    """Which rows make each unit's figures of one year: its own, or its children's.

    ``use_children`` is true where the figures of ``[indicator, unit]`` are the
    sum of the children's; ``mixed`` where both sources have rows in the span
    and either the unit's own rows were set aside or its children cover months
    (a later month, for levels) that the own rows used do not.
    """

    use_children: np.ndarray
    mixed: np.ndarray


def choose_sources(cube: YearCube, levels: UnitLevels, first_month: int, last_month: int,
                   is_flow: np.ndarray, rollable: np.ndarray) -> SourceChoice:
    """One source per unit, indicator and year, decided on the span ``first_month``–``last_month``.

    A unit's own rows are used when they cover at least as much of the span as
    its children's figures do (for flows: as many months; for levels: a month
    as late); otherwise its children's. Deciding once per year keeps a unit's
    value, year to date and roll-up from the same rows. Decided bottom-up, so a
    child's coverage is that of the source chosen for it.
    """
    own_months = months_covered(cube, first_month, last_month)
    own_latest = latest_level(cube, first_month, last_month).as_of
    months, latest = own_months.copy(), own_latest.copy()
    shape = own_latest.shape
    own_count = own_months.sum(axis=2)
    use_children, mixed = np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool)
    for children, parents in levels.bottom_up():
        child_months = np.zeros(months.shape, dtype=bool)
        np.logical_or.at(child_months, (slice(None), parents), months[:, children])
        child_latest = np.full(shape, -1)
        np.maximum.at(child_latest, (slice(None), parents), latest[:, children])
        touched = np.zeros(shape[1], dtype=bool)
        touched[parents] = True
        child_count = child_months.sum(axis=2)
        flow_rows = is_flow[:, None]
        better = np.where(flow_rows, child_count > own_count, child_latest > own_latest)
        choose = rollable[:, None] & touched[None, :] & better
        chosen_months = np.where(choose[:, :, None], child_months, own_months)
        both = (own_count > 0) & (child_count > 0)
        # Noted: the unit's own rows set aside, or children's months the own rows lack.
        lost = np.where(flow_rows, (child_months & ~own_months).any(axis=2),
                        child_latest > own_latest)
        mixed |= rollable[:, None] & touched[None, :] & both & (choose | lost)
        use_children |= choose
        months = np.where(touched[None, :, None], chosen_months, months)
        latest = np.where(touched[None, :] & choose, child_latest, latest)
    return SourceChoice(use_children, mixed)


def roll_up(figure: Quantity, levels: UnitLevels, rollable: np.ndarray,
            choice: SourceChoice | None = None) -> tuple[Quantity, np.ndarray]:
    """Give units their children's sum where that is their source, recursively.

    Only indicators marked ``rollable`` are summed. Without ``choice`` a unit
    takes its children's sum where it has no figure of its own; with it, where
    ``choice.use_children`` says so (its own figure is then not used, so that
    every figure of the year comes from one source). A rolled-up figure is
    complete when every child has a complete value, and (for levels) all of
    them are as of the same month.

    Returns
    -------
    Quantity, ndarray
        The figure with roll-ups, and the number of children that reported per pair.
    """
    value, as_of = figure.value.copy(), figure.as_of.copy()
    complete, source = figure.complete.copy(), figure.source.copy()
    reported = np.zeros(value.shape, dtype=int)
    for children, parents in levels.bottom_up():
        has, sums, counts = _sum_children(value, children, parents)
        expected = np.zeros(value.shape[1], dtype=int)
        np.add.at(expected, parents, 1)
        latest = np.full(value.shape, -1)
        np.maximum.at(latest, (slice(None), parents), np.where(has, as_of[:, children], -1))
        earliest = np.full(value.shape, np.iinfo(np.int64).max)
        np.minimum.at(earliest, (slice(None), parents),
                      np.where(has, as_of[:, children], np.iinfo(np.int64).max))
        all_complete = np.ones(value.shape, dtype=bool)
        np.logical_and.at(all_complete, (slice(None), parents),
                          ~has | complete[:, children])
        touched = np.zeros(value.shape[1], dtype=bool)
        touched[parents] = True
        if choice is None:
            take = rollable[:, None] & np.isnan(value) & (counts > 0)
        else:
            take = rollable[:, None] & touched[None, :] & choice.use_children
        fill = take & (counts > 0)
        empty = take & (counts == 0)
        value[fill] = sums[fill]
        as_of[fill] = latest[fill]
        source[fill] = 2
        reported[fill] = counts[fill]
        complete[fill] = (all_complete & (counts == expected[None, :]) & (earliest == latest))[fill]
        value[empty], as_of[empty], source[empty], complete[empty] = np.nan, -1, 0, True
    return Quantity(value, as_of, complete, source), reported


def roll_up_plans(target: np.ndarray, levels: UnitLevels, rollable: np.ndarray,
                  needed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Give units without a plan of their own the sum of their children's plans, recursively.

    A sum is only made when every child that has a figure (``needed``) has a
    plan: a plan summed over some children, set against a result of all of
    them, would overstate attainment.

    Returns
    -------
    ndarray, ndarray
        The plans ``[indicator, unit]`` and where a plan could not be summed
        because children with figures have none.
    """
    value = target.copy()
    partial = np.zeros(value.shape, dtype=bool)
    for children, parents in levels.bottom_up():
        has, sums, counts = _sum_children(value, children, parents)
        lacking = np.zeros(value.shape, dtype=int)
        np.add.at(lacking, (slice(None), parents),
                  (needed[:, children] & ~has).astype(int))
        open_ = rollable[:, None] & np.isnan(value) & (counts > 0)
        fill = open_ & (lacking == 0)
        value[fill] = sums[fill]
        partial |= open_ & (lacking > 0)
    return value, partial


def roll_up_mean(figure: Quantity, weight: np.ndarray, levels: UnitLevels, averaged: np.ndarray,
                 choice: SourceChoice | None = None) -> tuple[Quantity, np.ndarray]:
    """Give units their children's weighted mean where that is their source, level by level.

    For the indicators marked ``averaged``, a parent's figure is the mean of its
    children's figures weighted by ``weight`` ``[indicator, unit]`` (each child's figure of
    the weight indicator for the same period; 1 for a plain mean). A child with a
    figure but no weight is left out and the parent's figure marked incomplete.

    Returns
    -------
    Quantity, ndarray
        The figure with the means, and the number of children that reported per pair.
    """
    value, as_of = figure.value.copy(), figure.as_of.copy()
    complete, source = figure.complete.copy(), figure.source.copy()
    reported = np.zeros(value.shape, dtype=int)
    for children, parents in levels.bottom_up():
        has = ~np.isnan(value[:, children])
        weighted = has & ~np.isnan(weight[:, children])
        w = np.where(weighted, weight[:, children], 0.0)
        sums, weights = np.zeros(value.shape), np.zeros(value.shape)
        np.add.at(sums, (slice(None), parents), np.where(weighted, w * value[:, children], 0.0))
        np.add.at(weights, (slice(None), parents), w)
        counts, usable, expected = (np.zeros(value.shape, dtype=int) for _ in range(3))
        np.add.at(counts, (slice(None), parents), has.astype(int))
        np.add.at(usable, (slice(None), parents), weighted.astype(int))
        np.add.at(expected, (slice(None), parents), 1)
        all_complete = np.ones(value.shape, dtype=bool)
        np.logical_and.at(all_complete, (slice(None), parents), ~has | complete[:, children])
        latest = np.full(value.shape, -1)
        np.maximum.at(latest, (slice(None), parents), np.where(has, as_of[:, children], -1))
        touched = np.zeros(value.shape[1], dtype=bool)
        touched[parents] = True
        if choice is None:
            take = averaged[:, None] & np.isnan(value) & (counts > 0)
        else:
            take = averaged[:, None] & touched[None, :] & choice.use_children
        fill = take & (weights != 0)
        empty = take & ~fill
        with np.errstate(invalid="ignore", divide="ignore"):
            value[fill] = (sums / np.where(weights != 0, weights, 1.0))[fill]
        as_of[fill] = latest[fill]
        source[fill] = 2
        reported[fill] = usable[fill]
        complete[fill] = (all_complete & (usable == expected))[fill]
        value[empty], as_of[empty], source[empty], complete[empty] = np.nan, -1, 0, True
    return Quantity(value, as_of, complete, source), reported


def negative_rows(cube: YearCube, levels: UnitLevels, first_month: int, last_month: int) -> np.ndarray:
    """Pairs ``[indicator, unit]`` with a negative value in a row of the span, the unit's
    own or a unit's below it (a net correction inside an otherwise positive total)."""
    span_first, span_last = first_month - cube.year * 12, last_month - cube.year * 12
    with np.errstate(invalid="ignore"):
        negative = cube.present & (cube.value < 0)
    found = np.zeros(cube.value.shape[:2], dtype=bool)
    for slot in range(negative.shape[2]):
        first, last = slot_bounds(slot)
        if span_first <= first and last <= span_last:
            found |= negative[:, :, slot]
    return spread_up(found, levels)


def spread_up(found: np.ndarray, levels: UnitLevels) -> np.ndarray:
    """``found`` ``[indicator, unit]`` true also at every unit above a unit where it is."""
    found = found.copy()
    for children, parents in levels.bottom_up():
        np.logical_or.at(found, (slice(None), parents), found[:, children])
    return found


def children_sums(figure: Quantity, levels: UnitLevels, summed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per unit, the sum of its children's figures, and whether every child has a complete
    one (only for the ``summed`` indicators, so an own figure can be held against it)."""
    sums = np.full(figure.value.shape, np.nan)
    complete = np.zeros(figure.value.shape, dtype=bool)
    for children, parents in levels.bottom_up():
        has, total, counts = _sum_children(figure.value, children, parents)
        expected = np.zeros(figure.value.shape[1], dtype=int)
        np.add.at(expected, parents, 1)
        all_complete = np.ones(figure.value.shape, dtype=bool)
        np.logical_and.at(all_complete, (slice(None), parents), has & figure.complete[:, children])
        touched = np.zeros(figure.value.shape[1], dtype=bool)
        touched[parents] = True
        take = summed[:, None] & touched[None, :]
        sums[take] = total[take]
        complete[take] = (all_complete & (counts == expected[None, :]))[take]
    return sums, complete


def months_mismatch(cube: YearCube, first_month: int, last_month: int, tolerance: float) -> np.ndarray:
    """Pairs ``[indicator, unit]`` with a value for a quarter, half or year inside the span
    that differs from the sum of its months (all present) by more than ``tolerance``."""
    found = np.zeros(cube.value.shape[:2], dtype=bool)
    for slot, _, _, total in longer_than_months(cube, first_month, last_month):
        with np.errstate(invalid="ignore"):
            found |= cube.present[:, :, slot] & ~np.isnan(total) & (
                np.abs(cube.value[:, :, slot] - total) > tolerance * np.abs(cube.value[:, :, slot]))
    return found


def longer_than_months(cube: YearCube, first_month: int, last_month: int):
    """``(slot, first, last, months' sum)`` of each quarter, half and year inside the span;
    the sum is NaN where a month is missing."""
    span_first, span_last = first_month - cube.year * 12, last_month - cube.year * 12
    for slot in range(12, cube.value.shape[2]):
        first, last = slot_bounds(slot)
        if span_first <= first and last <= span_last:
            months = cube.value[:, :, first:last + 1]   # month slots are 0..11, in order
            yield slot, first, last, np.where(cube.present[:, :, first:last + 1].all(axis=2),
                                              np.nansum(months, axis=2), np.nan)
