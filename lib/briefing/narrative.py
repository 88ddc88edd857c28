"""Narrative sentences in the style of a department's own review.

*"Giải quyết việc làm cho 11.461 người, đạt 63,7% kế hoạch năm, giảm 20,2% so với
cùng kỳ."* One sentence per indicator; components (``part_of``) are told
inside their total's sentence (*"trong đó: ..."*).
"""

from __future__ import annotations

import pandas as pd

from briefing.formatting import (
    format_month, format_number, format_percent, format_quantity, is_missing, lower_first,
    round_half_up,
)
from briefing.languages import language
from briefing.periods import parse_period

_OF_WHICH = {"vi": "trong đó", "en": "of which"}


def narrate_metrics(table: pd.DataFrame, period, lang: str = "vi") -> pd.Series:
    """One sentence per indicator that has a value, components folded into their total.

    Parameters
    ----------
    table
        Metrics of one org unit with labels (``name``, ``unit``, ``phrase``),
        as given by ``Dataset.label_metrics``.

    Returns
    -------
    Series
        Sentences indexed by ``indicator_id``, in the order of ``table``.
    """
    period = parse_period(period)
    present = table[table["value"].notna()]
    components = present[present["part_of"] != ""]
    sentences = {}
    for _, row in present.iterrows():
        if row["part_of"] and row["part_of"] in set(present["indicator_id"]):
            continue
        parts = components[components["part_of"] == row["indicator_id"]]
        sentences[row["indicator_id"]] = describe_indicator(row, period, lang, parts)
    return pd.Series(sentences, dtype=object, name="sentence")


def describe_indicator(row, period, lang: str = "vi", components: pd.DataFrame | None = None) -> str:
    """The sentence for one indicator's metrics row (with ``name``, ``unit``, ``phrase``)."""
    period = parse_period(period)
    words = language(lang)
    if is_missing(row["value"]):
        return _finish(words.text("narrative.no_value", name=row["name"]))
    clauses = [_subject(row, lang)]
    clauses += [c for c in (_target_clause(row, lang), _change_clause(row, lang)) if c]
    sentence = ", ".join(clauses)
    if row["kind"] != "flow" and row["as_of"] and row["as_of"] != period.months()[-1].key:
        month = format_month(parse_period(row["as_of"]).first_month, lang)
        sentence = words.text("narrative.as_of", month=month, rest=lower_first(sentence))
    if components is not None and len(components):
        sentence += f"; {_OF_WHICH[lang]}: " + "; ".join(
            f"{lower_first(c['name'])} {_quantity(c, c['value'], lang)}"
            for _, c in components.iterrows()
        )
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


def _target_clause(row, lang: str) -> str | None:
    words = language(lang)
    if row["kind"] == "rate":
        if is_missing(row["target"]):
            return None
        return words.text("narrative.rate_target", target=_quantity(row, row["target"], lang))
    if is_missing(row["attainment_pct"]):
        return None
    key = "narrative.attainment_ceiling" if row["direction"] == "down" else "narrative.attainment"
    return words.text(key, pct=format_percent(row["attainment_pct"], lang))


def _change_clause(row, lang: str) -> str | None:
    words = language(lang)
    previous, change = row["previous_value"], row["change_abs"]
    if is_missing(previous):
        return None
    decimals = int(row["decimals"])
    if row["kind"] != "rate" and previous == 0:
        return words.text("narrative.unchanged" if row["value"] == 0 else "narrative.previous_zero")
    if round_half_up(change, decimals) == 0:
        return words.text("narrative.unchanged")
    way = "up" if change > 0 else "down_good" if row["direction"] == "down" else "down"
    if row["kind"] == "rate":
        points = format_number(abs(change), lang, decimals)
        return words.text(f"narrative.change_points.{way}", points=points)
    pct = format_percent(abs(row["change_pct"]), lang)
    amount = _quantity(row, abs(change), lang)
    if round_half_up(abs(row["change_pct"]), 1) == 0:
        return words.text(f"narrative.change_abs_only.{way}", amount=amount)
    if row["kind"] == "flow":
        return words.text(f"narrative.change_pct.{way}", pct=pct)
    return words.text(f"narrative.change_abs.{way}", amount=amount, pct=pct)


def _finish(sentence: str) -> str:
    sentence = sentence.strip()
    return sentence[:1].upper() + sentence[1:] + ("" if sentence.endswith(".") else ".")
