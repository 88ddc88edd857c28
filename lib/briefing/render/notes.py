"""The data-quality notes of a briefing: each flag and gap said in the report's language."""

from __future__ import annotations

import pandas as pd

from briefing.compute.flags import FLAGS
from briefing.compute.quality import find_gaps, months_mismatches, reported_mask, units_without_plan
from briefing.periods import parse_period
from briefing.render.formatting import format_month, format_period, format_quantity, in_sentence, shows_as_of
from briefing.render.languages import language


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
                  if shows_as_of(row["kind"]) and isinstance(row["as_of"], str)}
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
    notes += _consistency_notes(dataset, flagged, period, unit, lang)
    if len(flagged["negative_value"]):
        notes.append(words.text("quality.negative_value", names=_names(flagged["negative_value"]),
                                unit=unit_name))
    not_computed = flagged["not_computed"]
    ratios, averages = not_computed["kind"] == "ratio", not_computed["kind"] == "average"
    for key, rows in (("quality.not_computed", not_computed[~ratios & ~averages]),
                      ("quality.not_computed_ratio", not_computed[ratios]),
                      ("quality.not_computed_average", not_computed[averages])):
        if len(rows):
            notes.append(words.text(key, names=_names(rows), unit=unit_name))
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


def _consistency_notes(dataset, flagged: dict, period, unit: str, lang: str) -> list[str]:
    """Own figures against their children's sum, whole periods against their months: both
    figures said, so an official can see which to trust."""
    words = language(lang)
    notes = []
    rows = flagged["children_mismatch"]
    if len(rows):
        unit_name = in_sentence(dataset.tree.name(unit, lang), lang)
        details = "; ".join(words.text(
            "quality.children_detail", name=row["name"], unit=unit_name,
            own=_quantity(row, row["value"], lang), children=_quantity(row, row["children_sum"], lang))
            for _, row in rows.iterrows())
        notes.append(words.text("quality.children_mismatch", details=details))
    rows = flagged["months_mismatch"]
    if len(rows):
        found = months_mismatches(dataset, period, unit, rows["indicator_id"]).merge(
            rows[["indicator_id", "name", "unit", "decimals"]], on="indicator_id")
        details = "; ".join(words.text(
            "quality.months_detail", name=row["name"],
            unit=in_sentence(dataset.tree.name(row["org_unit"], lang), lang),
            period=format_period(row["period"], lang),
            given=_quantity(row, row["given"], lang), months=_quantity(row, row["months_sum"], lang))
            for _, row in found.iterrows())
        notes.append(words.text("quality.months_mismatch", details=details))
    return notes


def _quantity(row, value, lang: str) -> str:
    return format_quantity(value, row["unit"], lang, int(row["decimals"]))


def _units_without_plan(dataset, period, unit: str, rows: pd.DataFrame, lang: str) -> str:
    """The child units that have a figure but no plan, for the indicators of ``rows``."""
    lacking = units_without_plan(dataset, period, unit, rows["indicator_id"])
    return ", ".join(dataset.tree.name(u, lang) for u in lacking)


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
