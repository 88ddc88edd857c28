"""Data-quality checks on computed figures, and the notes a briefing prints about them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefing.formatting import format_month, format_period
from briefing.languages import language
from briefing.periods import parse_period


def components_mismatch(value: np.ndarray, indicators: pd.DataFrame) -> np.ndarray:
    """Totals whose components (``part_of``) do not add up, as a mask ``[indicator, unit]``.

    A total is flagged when all its components have values and their sum
    differs from it by more than half its last shown decimal, or when the
    components present already exceed it (components are never negative).
    """
    position = {ind: i for i, ind in enumerate(indicators["indicator_id"])}
    decimals = indicators["decimals"].to_numpy()
    mismatch = np.zeros(value.shape, dtype=bool)
    components = indicators[indicators["part_of"] != ""]
    for total_id, group in components.groupby("part_of", sort=False):
        total_pos = position[total_id]
        parts = value[[position[c] for c in group["indicator_id"]]]
        total = value[total_pos]
        summed = np.nansum(parts, axis=0)
        tolerance = 0.5 * 10.0 ** -int(decimals[total_pos]) + 1e-9 * np.abs(np.nan_to_num(total))
        all_parts = ~np.isnan(parts).any(axis=0)
        any_part = ~np.isnan(parts).all(axis=0)
        with np.errstate(invalid="ignore"):
            differs = all_parts & (np.abs(summed - total) > tolerance)
            exceeds = any_part & (summed > total + tolerance)
        mismatch[total_pos] = ~np.isnan(total) & (differs | exceeds)
    return mismatch


def find_gaps(dataset, period, unit: str, indicators: list[str] | None = None) -> pd.DataFrame:
    """Where figures under ``unit`` are missing in ``period``, for flows.

    Returns
    -------
    DataFrame
        ``indicator_id, org_unit, missing``: the months (keys) a unit that
        reports the indicator lacks, or an empty list when a unit whose
        siblings report has no figure at all.
    """
    period = parse_period(period)
    units = dataset.tree.descendants(unit)
    catalogue = dataset.indicators.set_index("indicator_id")
    flows = [i for i in (indicators or catalogue.index) if catalogue.loc[i, "kind"] == "flow"]
    rows = dataset.values[dataset.values["indicator_id"].isin(flows)
                          & dataset.values["org_unit"].isin(units)]
    spans = {key: parse_period(key) for key in rows["period"].astype(str).unique()}
    inside = rows[[period.contains(spans[k]) for k in rows["period"].astype(str)]]
    wanted = [m.key for m in period.months()]
    found = []
    for (indicator, org_unit), group in inside.groupby(["indicator_id", "org_unit"], observed=True):
        covered = {m.key for key in group["period"].astype(str) for m in spans[key].months()}
        missing = [m for m in wanted if m not in covered]
        if missing:
            found.append((indicator, org_unit, missing))
    reporting = set(zip(inside["indicator_id"].astype(str), inside["org_unit"].astype(str)))
    for indicator in flows:
        for parent in units:
            children = dataset.tree.children(parent)
            has = [c for c in children if _reports(indicator, c, reporting, dataset.tree)]
            for child in children:
                if has and child not in has and (indicator, parent) not in reporting:
                    found.append((indicator, child, []))
    return pd.DataFrame(found, columns=["indicator_id", "org_unit", "missing"])


def _reports(indicator: str, unit: str, reporting: set, tree) -> bool:
    return any((indicator, u) in reporting for u in tree.descendants(unit))


def quality_notes(dataset, metrics: pd.DataFrame, period, unit: str, lang: str) -> list[str]:
    """The sentences of a briefing's data-quality section, in the report's language."""
    period = parse_period(period)
    words = language(lang)
    notes = []
    flagged = {flag: metrics[metrics["flags"].apply(lambda f, flag=flag: flag in f)]
               for flag in ("incomplete", "previous_incomplete", "components_mismatch", "no_target")}
    incomplete = flagged["incomplete"]
    if len(incomplete):
        gaps = find_gaps(dataset, period, unit, list(incomplete["indicator_id"]))
        for _, row in incomplete.iterrows():
            notes.append(words.text("quality.incomplete", name=row["name"],
                                    detail=_gap_detail(gaps, row["indicator_id"], dataset, lang)))
    for flag in ("previous_incomplete", "components_mismatch"):
        if len(flagged[flag]):
            notes.append(words.text(f"quality.{flag}", names=_names(flagged[flag]),
                                    previous=format_period(period.previous_year(), lang)))
    # Components rarely get a plan of their own: the note names totals and standalone indicators.
    unplanned = flagged["no_target"][flagged["no_target"]["part_of"] == ""]
    if len(unplanned):
        notes.append(words.text("quality.no_target", year=period.year, names=_names(unplanned)))
    return notes or [words.text("quality.none")]


def _names(rows: pd.DataFrame) -> str:
    return "; ".join(rows["name"])


def _gap_detail(gaps: pd.DataFrame, indicator: str, dataset, lang: str) -> str:
    words = language(lang)
    parts = []
    for _, gap in gaps[gaps["indicator_id"] == indicator].iterrows():
        name = dataset.tree.name(gap["org_unit"], lang)
        if gap["missing"]:
            months = ", ".join(format_month(parse_period(m).first_month, lang) for m in gap["missing"])
            parts.append(words.text("quality.missing_months", unit=name, months=months))
        else:
            parts.append(words.text("quality.missing_unit", unit=name))
    return "; ".join(parts) if parts else words.text("quality.missing_unknown")


def quality_table(dataset, period=None) -> pd.DataFrame:
    """Every data-quality flag of every unit for ``period``, one row per flag.

    ``period`` defaults to the half year holding the latest month with data.
    The ``detail`` column says, for incomplete figures, which units lack
    which months (``hongdan: 2020-05``).
    """
    from briefing.metrics import compute_metrics_for_units

    period = parse_period(period) if period else latest_half_year(dataset)
    metrics = compute_metrics_for_units(dataset, period)
    flagged = metrics[metrics["flags"].str.len() > 0].explode("flags").rename(
        columns={"flags": "flag"})
    details = []
    for _, row in flagged.iterrows():
        detail = ""
        if row["flag"] == "incomplete" and row["kind"] == "flow":
            gaps = find_gaps(dataset, period, row["org_unit"], [row["indicator_id"]])
            detail = "; ".join(f"{g.org_unit}: {', '.join(g.missing) or 'no data'}"
                               for g in gaps.itertuples())
        details.append(detail)
    table = flagged[["indicator_id", "org_unit", "period", "flag"]].assign(detail=details)
    return table.reset_index(drop=True)


def latest_half_year(dataset):
    """The half year holding the latest month with data."""
    from briefing.periods import Period, month_of

    last = max(parse_period(key).last_month for key in dataset.periods)
    month = month_of(last)
    return Period("half", month.year, 1 if month.number <= 6 else 2)
