"""Narrative sentences in the style of a department's own review.

*"Giải quyết việc làm cho 11.461 người, đạt 63,7% kế hoạch năm, giảm 20,2% so với
cùng kỳ."* One sentence per indicator; components (``part_of``) are told
inside their total's sentence (*"trong đó: ..."*).
"""

from __future__ import annotations

import pandas as pd

from briefing.inputs.contract import CHANGED_IN_POINTS, SUMMED_OVER_TIME
from briefing.periods import parse_period
from briefing.render.formatting import (
    as_of_before_end,
    changes_in_points,
    format_month,
    format_number,
    format_percent,
    format_period,
    format_quantity,
    format_signed_number,
    in_sentence,
    is_missing,
    lower_first,
    round_half_up,
    shows_as_of,
    shows_year_to_date,
)
from briefing.render.languages import language


def narrate_metrics(table: pd.DataFrame, period, lang: str = "vi") -> pd.Series:
    """One sentence per indicator of ``table``, components folded into their total.

    Indicators without a figure get a sentence saying so (and why, when the
    figure could not be made), so that nothing shown in the table is left
    untold.

    Parameters
    ----------
    table
        Metrics of one org unit with labels (``name``, ``unit``, ``phrase``),
        as given by ``CheckedData.label_metrics``.

    Returns
    -------
    Series
        Sentences indexed by ``indicator_id``, in the order of ``table``.
    """
    period = parse_period(period)
    has_figure = table["value"].notna() | table["ytd_value"].notna()
    totals = set(table.loc[has_figure, "indicator_id"])
    components = table[has_figure & (table["part_of"] != "")]
    sentences = {}
    for _, row in table.iterrows():
        if row["part_of"] and row["part_of"] in totals:
            continue
        parts = components[components["part_of"] == row["indicator_id"]]
        sentences[row["indicator_id"]] = describe_indicator(row, period, lang, parts)
    return pd.Series(sentences, dtype=object, name="sentence")


def describe_indicator(row, period, lang: str = "vi", components: pd.DataFrame | None = None) -> str:
    """The sentence for one indicator's metrics row (with ``name``, ``unit``, ``phrase``).

    For a flow over a period shorter than the year so far, the sentence gives
    the period's figure, then the year to date (*lũy kế từ đầu năm*), which
    the share of the plan and the comparison with last year are about.
    """
    period = parse_period(period)
    words = language(lang)
    cumulative = (shows_year_to_date(row["kind"]) and period.shorter_than_year_to_date
                  and not is_missing(row["ytd_value"]))
    if is_missing(row["value"]) and not cumulative:
        key = "narrative.not_computed" if "not_computed" in row["flags"] else "narrative.no_value"
        return _finish(words.text(key, name=row["name"]))
    if is_missing(row["value"]):
        subject = words.text("narrative.no_value_in", name=row["name"],
                             period=in_sentence(format_period(period, lang), lang))
    else:
        subject = _subject(row, lang)
    tail = [c for c in (_target_clause(row, lang), _change_clause(row, lang, cumulative)) if c]
    if cumulative:
        ytd = words.text(_YEAR_TO_DATE.get(row["kind"], "narrative.year_to_date"),
                         value=_quantity(row, row["ytd_value"], lang))
        sentence = f"{subject}; " + ", ".join([ytd] + tail)
    else:
        sentence = ", ".join([subject] + tail)
    projection = _projection_clause(row, lang)
    if projection:
        sentence += f"; {projection}"
    month = as_of_before_end(row["as_of"], period)
    if shows_as_of(row["kind"]) and month is not None:
        sentence = words.text("narrative.as_of", month=format_month(month, lang),
                              rest=lower_first(sentence))
    if components is not None and len(components):
        sentence += "; " + words.text("narrative.of_which", items="; ".join(
            f"{lower_first(c['name'])} {_quantity(c, c['value'], lang)}"
            for _, c in components.iterrows() if not is_missing(c["value"])
        ))
    if "incomplete" in row["flags"]:
        sentence += f" ({words.text('narrative.incomplete')})"
    return _finish(sentence)


def _subject(row, lang: str) -> str:
    value = _quantity(row, row["value"], lang)
    if row.get("phrase"):
        return str(row["phrase"]).replace("{value}", value)
    return language(lang).text("narrative.subject", name=row["name"], value=value)


def _quantity(row, value, lang: str) -> str:
    return format_quantity(value, row["unit"], lang, int(row["decimals"]))


#: How the year to date of each kind is introduced (a sum for flows and cumulative counts).
_YEAR_TO_DATE = {"average": "narrative.year_to_date_mean", "ratio": "narrative.year_to_date_ratio"}


def _projection_clause(row, lang: str) -> str | None:
    """Where the year is heading, when it is heading short of the plan (or over a ceiling)."""
    pct = row.get("projected_pct")
    if is_missing(pct):
        return None
    ceiling = row["direction"] == "down"
    if (pct > 100) != ceiling or round_half_up(pct, 1) == 100:
        return None
    key = "narrative.projection_ceiling" if ceiling else "narrative.projection"
    return language(lang).text(key, pct=format_percent(pct, lang))


def _target_clause(row, lang: str) -> str | None:
    words = language(lang)
    if row["kind"] in CHANGED_IN_POINTS:
        if is_missing(row["target"]):
            return None
        return words.text("narrative.rate_target", target=_quantity(row, row["target"], lang))
    if is_missing(row["attainment_pct"]):
        return None
    key = "narrative.attainment_ceiling" if row["direction"] == "down" else "narrative.attainment"
    return words.text(key, pct=format_percent(row["attainment_pct"], lang))


def _change_clause(row, lang: str, cumulative: bool = False) -> str | None:
    """The change on the same period last year: of the year to date when ``cumulative``."""
    words = language(lang)
    prefix = "ytd_" if cumulative else ""
    value = row["ytd_value" if cumulative else "value"]
    previous = row["previous_ytd_value" if cumulative else "previous_value"]
    change, change_pct = row[f"{prefix}change_abs"], row[f"{prefix}change_pct"]
    if is_missing(previous) or is_missing(value):
        return None
    decimals = int(row["decimals"])
    if not changes_in_points(row) and previous == 0:
        return words.text("narrative.unchanged" if value == 0 else "narrative.previous_zero")
    if round_half_up(change, decimals) == 0:
        return words.text("narrative.unchanged")
    way = "up" if change > 0 else "down_good" if row["direction"] == "down" else "down"
    if changes_in_points(row):
        points = format_number(abs(change), lang, decimals)
        return words.text(f"narrative.change_points.{way}", points=points)
    amount = _quantity(row, abs(change), lang)
    if is_missing(change_pct) or round_half_up(abs(change_pct), 1) == 0:
        return words.text(f"narrative.change_abs_only.{way}", amount=amount)
    pct = format_percent(abs(change_pct), lang)
    if row["kind"] in SUMMED_OVER_TIME:
        return words.text(f"narrative.change_pct.{way}", pct=pct)
    return words.text(f"narrative.change_abs.{way}", amount=amount, pct=pct)


def _finish(sentence: str) -> str:
    sentence = sentence.strip()
    return sentence[:1].upper() + sentence[1:] + ("" if sentence.endswith(".") else ".")


#: Movements since the last briefing named in a report, largest first.
SHOWN_CHANGES = 6


def describe_changes(changes: pd.DataFrame, names: dict, lang: str) -> list[str]:
    """Sentences on the largest movements, for the briefing's section."""
    words = language(lang)
    lines = []
    for _, row in changes.head(SHOWN_CHANGES).iterrows():
        if pd.isna(row["attainment_change"]):
            continue
        way = "down" if row["attainment_change"] < 0 else "up"
        text = words.text(f"changes.attainment.{way}", name=names[row["indicator_id"]],
                          before=format_percent(row["attainment_before"], lang),
                          now=format_percent(row["attainment_now"], lang),
                          delta=format_signed_number(row["attainment_change"], lang, 1))
        if row["status_changed"] and row["status_before"] and row["status_now"]:
            text += words.text("changes.status",
                               before=words.text(f"status.{row['status_before']}"),
                               now=words.text(f"status.{row['status_now']}"))
        lines.append(text + ".")
    return lines


def changes_heading(previous_period, lang: str) -> str:
    """The section title, naming the previous report's period."""
    return language(lang).text("section.changes", period=format_period(previous_period, lang))
