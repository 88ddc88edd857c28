"""How each kind of indicator is made: masks over the catalogue, weights, and ratios from parts.

The rules themselves are named in :mod:`briefing.inputs.contract` (``SUMMED_OVER_TIME``,
``SUMMED_OVER_UNITS``, ...); here they become boolean masks over the catalogue's
indicators, so that one array operation applies a rule to every indicator of its kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from graphlib import TopologicalSorter

import numpy as np
import pandas as pd

from briefing.compute.cube import Quantity
from briefing.inputs.contract import CHANGED_IN_POINTS, SUMMED_OVER_TIME, SUMMED_OVER_UNITS


@dataclass(frozen=True)
class KindMasks:
    """One boolean per indicator of the catalogue, for each rule."""

    summed_over_time: np.ndarray   # flows and cumulative: a period is the sum of its months
    mean_over_time: np.ndarray     # averages: the mean of the months
    summed_over_units: np.ndarray  # flows, stocks, cumulative: a parent is its children's sum
    mean_over_units: np.ndarray    # averages: the (weighted) mean of the children
    ratio: np.ndarray              # made from a numerator and a denominator
    in_points: np.ndarray          # rates and ratios: changes in points

    @classmethod
    def of(cls, catalogue: pd.DataFrame) -> KindMasks:
        kind = catalogue["kind"]
        return cls(
            summed_over_time=kind.isin(SUMMED_OVER_TIME).to_numpy(),
            mean_over_time=(kind == "average").to_numpy(),
            summed_over_units=kind.isin(SUMMED_OVER_UNITS).to_numpy(),
            mean_over_units=(kind == "average").to_numpy(),
            ratio=(kind == "ratio").to_numpy(),
            in_points=kind.isin(CHANGED_IN_POINTS).to_numpy(),
        )

    @property
    def covered_by_months(self) -> np.ndarray:
        """Kinds whose figure covers months (not a level at one month)."""
        return self.summed_over_time | self.mean_over_time

    @property
    def rolled_up(self) -> np.ndarray:
        """Kinds a parent can take from its children."""
        return self.summed_over_units | self.mean_over_units


def average_weights(catalogue: pd.DataFrame, figure: Quantity) -> np.ndarray:
    """Weights ``[indicator, unit]`` of each average's children: its weight indicator's
    figure (``figure``, the same quantity: value with value, year to date with year to
    date), or 1 for an average without one; NaN for the other kinds."""
    position = {ind: i for i, ind in enumerate(catalogue["indicator_id"])}
    weights = np.full(figure.value.shape, np.nan)
    for i, (kind, weight) in enumerate(zip(catalogue["kind"], catalogue["weight"])):
        if kind == "average":
            weights[i] = figure.value[position[weight]] if weight else 1.0
    return weights


def ratio_order(catalogue: pd.DataFrame) -> list[int]:
    """Positions of the ratios, each after the ratios it is made from (the catalogue has no
    circle: validation refuses one)."""
    position = {ind: i for i, ind in enumerate(catalogue["indicator_id"])}
    ratios = {position[row.indicator_id]: (position[row.numerator], position[row.denominator])
              for row in catalogue[catalogue["kind"] == "ratio"].itertuples()}
    graph = {i: [part for part in parts if part in ratios] for i, parts in ratios.items()}
    return list(TopologicalSorter(graph).static_order())


def make_ratios(catalogue: pd.DataFrame, figure: Quantity, order: list[int]) -> tuple[Quantity, np.ndarray]:
    """``figure`` with each ratio made from its parts: multiplier × numerator ÷ denominator.

    Both parts are figures already aggregated by their own kind over the period and
    the org units. A ratio is complete when both parts are; its as-of month is the later
    one's; its source the numerator's.

    Returns
    -------
    Quantity, ndarray
        The figure, and where a ratio could not be made although a part has a figure
        (a denominator of 0 or missing, a numerator missing).
    """
    position = {ind: i for i, ind in enumerate(catalogue["indicator_id"])}
    value, as_of = figure.value.copy(), figure.as_of.copy()
    complete, source = figure.complete.copy(), figure.source.copy()
    not_made = np.zeros(value.shape, dtype=bool)
    rows = catalogue.reset_index(drop=True)
    for i in order:
        row = rows.iloc[i]
        num, den = position[row["numerator"]], position[row["denominator"]]
        usable = ~np.isnan(value[num]) & ~np.isnan(value[den]) & (value[den] != 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            value[i] = np.where(usable, row["multiplier"] * value[num] / value[den], np.nan)
        as_of[i] = np.where(usable, np.maximum(as_of[num], as_of[den]), -1)
        complete[i] = ~usable | (complete[num] & complete[den])
        source[i] = np.where(usable, source[num], 0)
        not_made[i] = ~usable & (~np.isnan(value[num]) | ~np.isnan(value[den]))
    return Quantity(value, as_of, complete, source), not_made
