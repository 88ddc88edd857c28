"""What moved since the last briefing: this period's metrics against the previous report's."""

from __future__ import annotations

import numpy as np
import pandas as pd


def compare_with_last_briefing(metrics: pd.DataFrame, previous: dict) -> pd.DataFrame:
    """Each indicator's attainment and status now and in the previous report.

    Parameters
    ----------
    metrics
        This period's metrics of one unit (:func:`briefing.compute_metrics`).
    previous
        The previous report's ``metrics.<lang>.json`` content.

    Returns
    -------
    DataFrame
        ``indicator_id, previous_period, attainment_before, attainment_now,
        attainment_change`` (percentage points), ``status_before, status_now,
        status_changed``, sorted with status changes first, then by the size
        of the movement. Indicators without attainment in either report are left out.
    """
    before = pd.DataFrame(previous.get("indicators", []))
    if before.empty:
        return pd.DataFrame(columns=_COLUMNS)
    before = before[["indicator_id", "attainment_pct", "status"]].rename(
        columns={"attainment_pct": "attainment_before", "status": "status_before"})
    now = metrics[["indicator_id", "attainment_pct", "status"]].rename(
        columns={"attainment_pct": "attainment_now", "status": "status_now"})
    table = now.merge(before, on="indicator_id", how="inner")
    table = table.dropna(subset=["attainment_before", "attainment_now"], how="all")
    table["attainment_before"] = pd.to_numeric(table["attainment_before"], errors="coerce")
    table["attainment_change"] = table["attainment_now"] - table["attainment_before"]
    table["status_changed"] = (table["status_before"].fillna("") != table["status_now"].fillna(""))
    table["previous_period"] = previous.get("period")
    order = np.lexsort((-table["attainment_change"].abs().fillna(0).to_numpy(),
                        ~table["status_changed"].to_numpy()))
    return table.iloc[order][_COLUMNS].reset_index(drop=True)


_COLUMNS = ["indicator_id", "previous_period", "attainment_before", "attainment_now",
            "attainment_change", "status_before", "status_now", "status_changed"]
