"""Ranking units on one indicator: what to rank by, best first, and who has no figure to rank."""

from __future__ import annotations

import pandas as pd

#: What a ranking can be by: the share of the annual plan reached, or the raw figure.
RANK_BASES = ("attainment_pct", "value")


def rank_basis(rows: pd.DataFrame) -> str:
    """What to rank the units of one indicator by.

    ``attainment_pct`` when at least two units have one and every unit with
    a value has one; otherwise ``value``, so that a unit whose plan is
    missing or zero is still ranked rather than silently left out.
    """
    attained = rows["attainment_pct"].notna()
    if attained.sum() >= 2 and attained[rows["value"].notna()].all():
        return "attainment_pct"
    return "value"


def rank_units(rows: pd.DataFrame, by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units with a figure ``by``, best first, and those without one, in their order.

    Best is highest, or lowest for a ``down`` indicator; ties keep the
    units' order.
    """
    present = rows[by].notna()
    down = (rows["direction"] == "down").any()
    ranked = rows[present].sort_values(by, ascending=down, kind="stable")
    return ranked, rows[~present]
