"""Administrative-procedure statistics from dossier records."""

from __future__ import annotations

import pandas as pd

from briefing.inputs.dataset import CheckedData

#: The figures of SPEC's ``admin_procedures`` object, in order.
COUNT_KEYS = ("received", "carried_over", "resolved", "early", "on_time", "late", "pending",
              "pending_overdue")
SHARE_KEYS = ("early_pct", "on_time_pct", "late_pct")
DAY_KEYS = ("mean_days", "median_days")
#: Column types of a breakdown: counts are integers; shares and days are floats, NaN where
#: there is no figure (nothing resolved), so that sorting and ranking never meet ``None``.
BREAKDOWN_DTYPES = {key: "int64" for key in COUNT_KEYS} | {key: "float64" for key in SHARE_KEYS + DAY_KEYS}
CUTOFFS = ("calendar", "decree09")


def period_bounds(period, cutoff: str = "calendar") -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of ``period`` for dated records.

    ``calendar``: calendar months. ``decree09``: the state reporting cut-off
    (Decree 09/2019/NĐ-CP), a month running from the 15th of the previous month
    to the 14th, so a year runs from 15 December to 14 December.
    """
    from briefing.periods import parse_period

    period = parse_period(period)
    first = pd.Timestamp(year=period.year, month=period.months()[0].number, day=1)
    last_month = period.months()[-1]
    after = pd.Timestamp(year=last_month.year, month=last_month.number, day=1) + pd.DateOffset(months=1)
    if cutoff == "calendar":
        return first, after - pd.Timedelta(days=1)
    if cutoff == "decree09":
        return first - pd.DateOffset(months=1) + pd.Timedelta(days=14), \
            after - pd.DateOffset(months=1) + pd.Timedelta(days=13)
    raise ValueError(f"unknown cutoff {cutoff!r}; expected one of {', '.join(CUTOFFS)}")


def classify_dossiers(dossiers: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """One boolean column per SPEC figure, for each dossier, for the period ``start``–``end``."""
    received, due, resolved = dossiers["received_on"], dossiers["due_on"], dossiers["resolved_on"]
    resolved_in = resolved.between(start, end)
    pending = (received <= end) & (resolved.isna() | (resolved > end))
    return pd.DataFrame({
        "received": received.between(start, end),
        "carried_over": (received < start) & (resolved.isna() | (resolved >= start)),
        "resolved": resolved_in,
        "early": resolved_in & (resolved < due),
        "on_time": resolved_in & (resolved <= due),
        "late": resolved_in & (resolved > due),
        "pending": pending,
        "pending_overdue": pending & (due < end),
    }, index=dossiers.index)


def summarise_dossiers(flags: pd.DataFrame, days: pd.Series | None = None) -> dict:
    """Counts, shares of resolved (None when nothing was resolved) and processing days."""
    counts = {key: int(flags[key].sum()) for key in COUNT_KEYS}
    resolved = counts["resolved"]
    shares = {f"{key}_pct": (100 * counts[key] / resolved if resolved else None)
              for key in ("early", "on_time", "late")}
    summary = counts | shares
    if days is not None:
        taken = days[flags["resolved"]]
        summary["mean_days"] = float(taken.mean()) if len(taken) else None
        summary["median_days"] = float(taken.median()) if len(taken) else None
    return summary


def processing_days(dossiers: pd.DataFrame) -> pd.Series:
    """Calendar days from receipt to resolution (NaN while unresolved)."""
    return (dossiers["resolved_on"] - dossiers["received_on"]).dt.days.astype(float)


def compute_admin_procedures(dataset: CheckedData, period, unit: str, cutoff: str = "calendar") -> dict | None:
    """SPEC's ``admin_procedures`` figures for ``unit`` and its descendants; None without dossiers.

    Also ``mean_days`` and ``median_days``: calendar days from receipt to
    resolution of the dossiers resolved in the period.
    """
    dossiers = _dossiers_of(dataset, unit)
    if dossiers is None:
        return None
    start, end = period_bounds(period, cutoff)
    flags = classify_dossiers(dossiers, start, end)
    return summarise_dossiers(flags, processing_days(dossiers))


def admin_breakdown(dataset: CheckedData, period, unit: str, by: str, cutoff: str = "calendar") -> pd.DataFrame:
    """The figures per ``procedure``, per child ``org_unit`` (with its descendants) or per ``month``.

    Returns
    -------
    DataFrame
        One row per group, the group in the first column, then every SPEC
        figure and ``mean_days``, ``median_days`` (:data:`BREAKDOWN_DTYPES`: NaN
        where nothing was resolved). No rows without dossiers.
    """
    if by == "month":
        return monthly_breakdown(dataset, period, unit, cutoff)
    if by not in ("procedure", "org_unit"):
        raise ValueError(f"cannot break down by {by!r}; expected procedure, org_unit or month")
    dossiers = _dossiers_of(dataset, unit)
    if dossiers is None:
        return _breakdown_frame([], by)
    start, end = period_bounds(period, cutoff)
    flags = classify_dossiers(dossiers, start, end)
    days = processing_days(dossiers)
    if by == "procedure":
        groups = dossiers["procedure"]
        keys = list(pd.unique(groups))
    elif by == "org_unit":
        child_of = {u: child for child in dataset.tree.children(unit)
                    for u in dataset.tree.descendants(child)}
        groups = dossiers["org_unit"].map(child_of)
        keys = dataset.tree.children(unit)
    rows = [{by: key} | summarise_dossiers(flags[groups == key], days[groups == key])
            for key in keys]
    return _breakdown_frame(rows, by)


def _breakdown_frame(rows: list[dict], key: str) -> pd.DataFrame:
    """Rows of :func:`summarise_dossiers` as a frame of fixed columns and types (None → NaN)."""
    return pd.DataFrame(rows, columns=[key, *BREAKDOWN_DTYPES]).astype(BREAKDOWN_DTYPES)


def overdue_dossiers(dataset: CheckedData, period, unit: str, cutoff: str = "calendar") -> pd.DataFrame:
    """Dossiers pending and past due at the end of ``period``, longest overdue first."""
    dossiers = _dossiers_of(dataset, unit)
    if dossiers is None:
        return pd.DataFrame()
    start, end = period_bounds(period, cutoff)
    flags = classify_dossiers(dossiers, start, end)
    overdue = dossiers[flags["pending_overdue"]].drop(columns=["resolved_on"], errors="ignore")
    overdue = overdue.assign(days_overdue=(end - overdue["due_on"]).dt.days)
    columns = ["dossier_id", "org_unit", "procedure", "received_on", "due_on", "days_overdue"]
    return overdue.sort_values(["days_overdue", "dossier_id"], ascending=[False, True])[columns] \
        .reset_index(drop=True)


def _dossiers_of(dataset: CheckedData, unit: str) -> pd.DataFrame | None:
    if dataset.dossiers is None:
        return None
    units = set(dataset.tree.descendants(unit))
    return dataset.dossiers[dataset.dossiers["org_unit"].isin(units)]


def monthly_breakdown(dataset: CheckedData, period, unit: str, cutoff: str = "calendar") -> pd.DataFrame:
    """SPEC's figures for each month of ``period`` (``month`` holds the month key)."""
    from briefing.periods import parse_period

    dossiers = _dossiers_of(dataset, unit)
    if dossiers is None:
        return _breakdown_frame([], "month")
    days = processing_days(dossiers)
    rows = []
    for month in parse_period(period).months():
        start, end = period_bounds(month, cutoff)
        flags = classify_dossiers(dossiers, start, end)
        rows.append({"month": month.key} | summarise_dossiers(flags, days))
    return _breakdown_frame(rows, "month")
