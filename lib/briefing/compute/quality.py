"""Data-quality findings on computed figures: gaps in the rows, and every flag of every unit."""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefing.compute.cube import slot_period, year_cube
from briefing.compute.metrics import MISMATCH_TOLERANCE, compute_children_metrics, compute_metrics_for_units
from briefing.compute.rollup import longer_than_months
from briefing.inputs.contract import COVERED_BY_MONTHS
from briefing.inputs.dataset import CheckedData
from briefing.periods import Period, month_of, parse_period


def find_gaps(dataset: CheckedData, period, unit: str, indicators: list[str] | None = None,
              wanted: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """Where figures under ``unit`` are missing, for any kind of indicator.

    ``wanted`` gives, per indicator, the month keys that should be there; by
    default the months from January to the end of ``period`` for flows (the
    year to date) and the period's last month for levels. A flow's month is
    covered by a row for any period holding it; a level's by a row for a
    period ending in it.

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
    chosen = list(indicators if indicators is not None else catalogue.index)
    ratios = {i: [catalogue.loc[i, "numerator"], catalogue.loc[i, "denominator"]]
              for i in chosen if catalogue.loc[i, "kind"] == "ratio"}
    if ratios:   # a ratio has no rows: its gaps are its parts'
        parts = list(dict.fromkeys(p for i in chosen for p in ratios.get(i, [i])))
        gaps = find_gaps(dataset, period, unit, parts, wanted)
        merged = pd.concat([gaps[gaps["indicator_id"].isin(ratios.get(i, [i]))].assign(indicator_id=i)
                            for i in chosen], ignore_index=True)
        merged["key"] = merged["missing"].map(tuple)
        return merged.drop_duplicates(["indicator_id", "org_unit", "key"]) \
            .drop(columns="key").reset_index(drop=True)
    ytd = [m.key for m in Period("year", period.year).months()[:period.months_elapsed]]
    wanted = {i: (wanted or {}).get(i) or (ytd if catalogue.loc[i, "kind"] in COVERED_BY_MONTHS
                                             else [period.months()[-1].key]) for i in chosen}
    rows = dataset.values[dataset.values["indicator_id"].isin(chosen)
                          & dataset.values["org_unit"].isin(units)]
    spans = {key: parse_period(key) for key in rows["period"].astype(str).unique()}
    found, reporting = [], set()
    for (indicator, org_unit), group in rows.groupby(["indicator_id", "org_unit"], observed=True):
        months = set(wanted[indicator])
        flow = catalogue.loc[indicator, "kind"] in COVERED_BY_MONTHS
        covered = {m.key for key in group["period"].astype(str)
                   for m in (spans[key].months() if flow else spans[key].months()[-1:])}
        if not covered & months and not _overlaps(group, spans, months, period):
            continue
        reporting.add((indicator, org_unit))
        missing = [m for m in wanted[indicator] if m not in covered]
        if missing:
            found.append((indicator, org_unit, missing))
    for indicator in chosen:
        for parent in units:
            children = dataset.tree.children(parent)
            has = [c for c in children if _reports(indicator, c, reporting, dataset.tree)]
            for child in children:
                if has and child not in has and (indicator, parent) not in reporting:
                    found.append((indicator, child, []))
    return pd.DataFrame(found, columns=["indicator_id", "org_unit", "missing"])


def _overlaps(group: pd.DataFrame, spans: dict, months: set, period: Period) -> bool:
    """True when a row of ``group`` covers part of the period or of the wanted months."""
    ordinals = [parse_period(m).first_month for m in months]
    first, last = min(ordinals + [period.first_month]), max(ordinals + [period.last_month])
    return any(spans[k].first_month <= last and spans[k].last_month >= first
               for k in group["period"].astype(str))


def _reports(indicator: str, unit: str, reporting: set, tree) -> bool:
    return any((indicator, u) in reporting for u in tree.descendants(unit))


def reported_mask(metrics: pd.DataFrame) -> pd.Series:
    """Rows of ``metrics`` a report shows: every indicator with a figure, a plan, last
    year's figure, or a figure that could not be made (shown as "—" with a note). The
    others are named in the notes, so that no indicator vanishes unsaid."""
    return (metrics["value"].notna() | metrics["ytd_value"].notna() | metrics["target"].notna()
            | metrics["previous_value"].notna() | metrics["previous_ytd_value"].notna()
            | metrics["flags"].apply(lambda flags: "not_computed" in flags))


def quality_table(dataset: CheckedData, period=None) -> pd.DataFrame:
    """Every data-quality flag of every unit for ``period``, one row per flag.

    ``period`` defaults to the half year holding the latest month with data.
    The ``detail`` column says, for incomplete figures, which units lack
    which months (``hongdan: 2020-05``).
    """
    period = parse_period(period) if period else latest_half_year(dataset)
    metrics = compute_metrics_for_units(dataset, period)
    flagged = metrics[metrics["flags"].str.len() > 0].explode("flags").rename(
        columns={"flags": "flag"})
    details = []
    for _, row in flagged.iterrows():
        detail = ""
        if row["flag"] == "incomplete":
            wanted = {row["indicator_id"]: [row["as_of"]]} \
                if row["kind"] not in COVERED_BY_MONTHS and isinstance(row["as_of"], str) else None
            gaps = find_gaps(dataset, period, row["org_unit"], [row["indicator_id"]], wanted)
            detail = "; ".join(f"{g.org_unit}: {', '.join(g.missing) or 'no data'}"
                               for g in gaps.itertuples())
        details.append(detail)
    table = flagged[["indicator_id", "org_unit", "period", "flag"]].assign(detail=details)
    return table.reset_index(drop=True)


def latest_half_year(dataset: CheckedData):
    """The half year holding the latest month with data."""
    last = max(parse_period(key).last_month for key in dataset.periods)
    month = month_of(last)
    return Period("half", month.year, 1 if month.number <= 6 else 2)


def units_without_plan(dataset: CheckedData, period, unit: str, indicators) -> list[str]:
    """The children of ``unit`` that have a figure but no plan for any of ``indicators``."""
    children = compute_children_metrics(dataset, period, unit)
    lacking = children[children["indicator_id"].isin(list(indicators))
                       & children["ytd_value"].notna() & children["target"].isna()]
    return list(pd.unique(lacking["org_unit"]))


def months_mismatches(dataset: CheckedData, period, unit: str, indicators) -> pd.DataFrame:
    """The values of ``unit`` and the units below it given for a quarter, half or year inside
    the year to date that differ from the sum of their months by more than the tolerance.

    Returns
    -------
    DataFrame
        ``indicator_id, org_unit, period, given, months_sum``, one row each.
    """
    period = parse_period(period)
    units = dataset.tree.descendants(unit)
    cube = year_cube(dataset, period.year, units)
    position = {ind: i for i, ind in enumerate(dataset.indicators["indicator_id"])}
    chosen = [position[indicator] for indicator in indicators]
    first, _ = period.year_to_date()
    rows = []
    for slot, _, _, total in longer_than_months(cube, first, period.last_month):
        given = cube.value[chosen, :, slot]
        with np.errstate(invalid="ignore"):
            differs = cube.present[chosen, :, slot] & ~np.isnan(total[chosen]) \
                & (np.abs(given - total[chosen]) > MISMATCH_TOLERANCE * np.abs(given))
        for i, u in zip(*np.nonzero(differs)):
            rows.append((dataset.indicators["indicator_id"].iloc[chosen[i]], units[u],
                         slot_period(slot, period.year).key, given[i, u], total[chosen[i], u]))
    return pd.DataFrame(rows, columns=["indicator_id", "org_unit", "period", "given", "months_sum"])
