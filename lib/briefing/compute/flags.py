"""Data-quality flags of a metrics row, and the array rules that raise them."""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Data-quality flags, in the order a metrics row lists them (see ``briefing.compute.metrics``).
FLAGS = ("incomplete", "previous_incomplete", "mixed_source", "components_mismatch",
         "children_mismatch", "months_mismatch", "negative_value", "not_computed", "partial_plan",
         "no_target")


def components_mismatch(value: np.ndarray, indicators: pd.DataFrame) -> np.ndarray:
    """Totals whose components (``part_of``) do not add up, as a mask ``[indicator, unit]``.

    Components are checked breakdown by breakdown (by sex, by age: each must add up
    to the total on its own). A total is flagged when all components of a breakdown
    have values and their sum differs from it by more than half its last shown
    decimal, or when the components present already exceed it (when none is negative).
    """
    position = {ind: i for i, ind in enumerate(indicators["indicator_id"])}
    decimals = indicators["decimals"].to_numpy()
    breakdown = indicators["breakdown"] if "breakdown" in indicators else \
        pd.Series("", index=indicators.index)
    mismatch = np.zeros(value.shape, dtype=bool)
    components = indicators.assign(breakdown=breakdown)[indicators["part_of"] != ""]
    for (total_id, _), group in components.groupby(["part_of", "breakdown"], sort=False):
        total_pos = position[total_id]
        parts = value[[position[c] for c in group["indicator_id"]]]
        total = value[total_pos]
        summed = np.nansum(parts, axis=0)
        tolerance = 0.5 * 10.0 ** -int(decimals[total_pos]) + 1e-9 * np.abs(np.nan_to_num(total))
        all_parts = ~np.isnan(parts).any(axis=0)
        any_part = ~np.isnan(parts).all(axis=0)
        with np.errstate(invalid="ignore"):
            none_negative = ~(parts < 0).any(axis=0)
            differs = all_parts & (np.abs(summed - total) > tolerance)
            exceeds = any_part & none_negative & (summed > total + tolerance)
        mismatch[total_pos] |= ~np.isnan(total) & (differs | exceeds)
    return mismatch
