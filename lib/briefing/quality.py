"""Data-quality checks on computed figures, and the notes a briefing prints about them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefing.formatting import format_month, format_period, in_sentence
from briefing.languages import language
from briefing.periods import Period, parse_period

#: Data-quality flags, in the order a metrics row lists them (see ``briefing.metrics``).
FLAGS = ("incomplete", "previous_incomplete", "mixed_source", "components_mismatch",
         "not_computed", "partial_plan", "no_target")


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


def find_gaps(dataset, period, unit: str, indicators: list[str] | None = None,
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
    ytd = [m.key for m in Period("year", period.year).months()[:period.months_elapsed]]
    wanted = {i: (wanted or {}).get(i) or (ytd if catalogue.loc[i, "kind"] == "flow"
                                             else [period.months()[-1].key]) for i in chosen}
    rows = dataset.values[dataset.values["indicator_id"].isin(chosen)
                          & dataset.values["org_unit"].isin(units)]
    spans = {key: parse_period(key) for key in rows["period"].astype(str).unique()}
    found, reporting = [], set()
    for (indicator, org_unit), group in rows.groupby(["indicator_id", "org_unit"], observed=True):
        months = set(wanted[indicator])
        flow = catalogue.loc[indicator, "kind"] == "flow"
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


def quality_notes(dataset, metrics: pd.DataFrame, period, unit: str, lang: str) -> list[str]:
    """The sentences of a briefing's data-quality section, in the report's language.

    ``metrics`` holds every indicator of the unit, labelled (``name``).
    """
    period = parse_period(period)
    words = language(lang)
    unit_name = in_sentence(dataset.tree.name(unit, lang), lang)
    notes = []
    flagged = {flag: metrics[metrics["flags"].apply(lambda f, flag=flag: flag in f)]
               for flag in FLAGS}
    incomplete = flagged["incomplete"]
    if len(incomplete):
        wanted = {row["indicator_id"]: [row["as_of"]] for _, row in incomplete.iterrows()
                  if row["kind"] != "flow" and isinstance(row["as_of"], str)}
        gaps = find_gaps(dataset, period, unit, list(incomplete["indicator_id"]), wanted)
        for _, row in incomplete.iterrows():
            notes.append(words.text("quality.incomplete", name=row["name"],
                                    detail=_gap_detail(gaps, row["indicator_id"], dataset, lang)))
    for flag in ("previous_incomplete", "components_mismatch"):
        if len(flagged[flag]):
            notes.append(words.text(f"quality.{flag}", names=_names(flagged[flag]),
                                    previous=format_period(period.previous_year(), lang)))
    for source, rows in flagged["mixed_source"].groupby("source", sort=False):
        notes.append(words.text(f"quality.mixed_source.{source}", names=_names(rows),
                                unit=unit_name, year=period.year))
    if len(flagged["not_computed"]):
        notes.append(words.text("quality.not_computed", names=_names(flagged["not_computed"]),
                                unit=unit_name))
    if len(flagged["partial_plan"]):
        notes.append(words.text("quality.partial_plan", names=_names(flagged["partial_plan"]),
                                year=period.year, unit=unit_name,
                                units=_units_without_plan(dataset, period, unit,
                                                          flagged["partial_plan"], lang)))
    # Components rarely get a plan of their own: the note names totals and standalone indicators.
    unplanned = flagged["no_target"][flagged["no_target"]["part_of"] == ""]
    if len(unplanned):
        notes.append(words.text("quality.no_target", year=period.year, names=_names(unplanned)))
    absent = metrics[~reported_mask(metrics)]
    if len(absent):
        notes.append(words.text("quality.no_data", names=_names(absent),
                                period=in_sentence(format_period(period, lang), lang)))
    return notes or [words.text("quality.none")]


def _units_without_plan(dataset, period, unit: str, rows: pd.DataFrame, lang: str) -> str:
    """The child units that have a figure but no plan, for the indicators of ``rows``."""
    children = dataset.compare_units(period, unit)
    lacking = children[children["indicator_id"].isin(rows["indicator_id"])
                       & children["ytd_value"].notna() & children["target"].isna()]
    return ", ".join(dataset.tree.name(u, lang) for u in pd.unique(lacking["org_unit"]))


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
        if row["flag"] == "incomplete":
            wanted = {row["indicator_id"]: [row["as_of"]]} \
                if row["kind"] != "flow" and isinstance(row["as_of"], str) else None
            gaps = find_gaps(dataset, period, row["org_unit"], [row["indicator_id"]], wanted)
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
