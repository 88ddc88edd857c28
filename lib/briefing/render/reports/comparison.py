"""Comparing the child units of a unit: who leads, who lags, on which indicators."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup, escape

from briefing.compute.metrics import compute_children_metrics
from briefing.compute.ranking import RANK_BASES, rank_basis, rank_units
from briefing.errors import ParamsError
from briefing.render.charts import figure_html, ranking_figures
from briefing.render.formatting import (
    format_number,
    format_percent,
    format_period,
    format_quantity,
    in_sentence,
    status_label,
)
from briefing.render.languages import language
from briefing.render.reports.base import HtmlBlock, ReportBase, resolve_report_args
from briefing.render.tables import Column, render_table

#: Indicators per table, so that a table fits the width of an A4 page.
COLUMNS_PER_TABLE = 4


def key_indicators(rows: pd.DataFrame) -> dict[str, str]:
    """Indicators worth comparing, each with what to rank its units by.

    Totals (not components) with an attainment for at least two units;
    without any, those with a value for at least two units. Each is ranked
    by :func:`briefing.compute.ranking.rank_basis`: by ``attainment_pct`` only when
    every unit with a value has one, otherwise by ``value``.
    """
    totals = rows[rows["part_of"] == ""]
    for needed in RANK_BASES:
        counts = totals.dropna(subset=[needed]).groupby("indicator_id", sort=False).size()
        chosen = [i for i in pd.unique(totals["indicator_id"]) if counts.get(i, 0) >= 2]
        if chosen:
            return {i: rank_basis(totals[totals["indicator_id"] == i]) for i in chosen}
    return {}


def leader_and_lagger(rows: pd.DataFrame, by: str) -> tuple[pd.Series, pd.Series] | None:
    """The best and the worst unit on one indicator (for ``down`` ones, lowest is best)."""
    ranked, _ = rank_units(rows, by)
    if len(ranked) < 2:
        return None
    return ranked.iloc[0], ranked.iloc[-1]


def describe_leaders(rows: pd.DataFrame, by: str, lang: str) -> str | None:
    """The sentence naming the units at either end of the ranking, with their figures.

    Ranked by ``value``, it names the highest and the lowest value (and says
    when lower is better); ranked by ``attainment_pct``, the highest and the
    lowest share of the plan (for a ceiling the lowest first, as the best).
    """
    if by == "value":
        return _describe_extremes(rows, lang)
    found = leader_and_lagger(rows, by)
    if found is None:
        return None
    leader, lagger = found
    key = "comparison.leader_ceiling" if leader["direction"] == "down" else "comparison.leader_plan"
    return language(lang).text(key, name=leader["name"], leader=leader["unit_name"],
                               lagger=lagger["unit_name"], leader_value=_quantity(leader, lang),
                               lagger_value=_quantity(lagger, lang),
                               leader_pct=format_percent(leader["attainment_pct"], lang),
                               lagger_pct=format_percent(lagger["attainment_pct"], lang))


def _describe_extremes(rows: pd.DataFrame, lang: str) -> str | None:
    present = rows.dropna(subset=["value"])
    if len(present) < 2:
        return None
    ordered = present.sort_values("value", ascending=False, kind="stable")
    highest, lowest = ordered.iloc[0], ordered.iloc[-1]
    key = "comparison.leader_value_down" if highest["direction"] == "down" else "comparison.leader_value"
    return language(lang).text(key, name=highest["name"], highest=highest["unit_name"],
                               lowest=lowest["unit_name"], highest_value=_quantity(highest, lang),
                               lowest_value=_quantity(lowest, lang))


def _quantity(row, lang: str) -> str:
    return format_quantity(row["value"], row["unit"], lang, int(row["decimals"]))


def prepare_comparison(data, period, unit: str | None = None, lang: str = "vi",
                       cutoff: str = "calendar", document=None,
                       document_info=None, pace: str = "linear") -> ComparisonReport:
    """Everything the comparison of ``unit``'s children shows.

    ``document`` holds the header fields, as in :func:`briefing.prepare_report`.

    Raises
    ------
    ParamsError
        When the unit has no children to compare.
    """
    args = resolve_report_args(data, period, unit, lang, cutoff, document, document_info)
    if not args[0].tree.children(args[2]):
        raise ParamsError(f"org unit {args[2]!r} has no child units to compare")
    return ComparisonReport(*args, pace=pace)


@dataclass
class ComparisonReport(ReportBase):
    """The children of a unit side by side on the key indicators."""

    _subject_key = "comparison.subject"
    pace: str = "linear"

    def __post_init__(self):
        raw = compute_children_metrics(self.dataset, self.period, self.unit, self.pace)
        labelled = self.dataset.label_metrics(raw, self.lang)
        self.metrics = labelled.assign(
            unit_name=[self.dataset.tree.name(u, self.lang) for u in labelled["org_unit"]])
        #: What each key indicator ranks the units by, in the order of the catalogue.
        self.rank_by = key_indicators(self.metrics)
        self.indicators = list(self.rank_by)
        super().__post_init__()

    def _plan_sections(self) -> list[str]:
        return ["comparison_table", "comparison_leaders", "comparison_charts"]

    def header(self) -> HtmlBlock:
        """Header block, title and what is compared."""
        bases = set(self.rank_by.values()) or {"attainment_pct"}
        ranking = self.words(f"comparison.ranked.{bases.pop() if len(bases) == 1 else 'mixed'}")
        intro = self.words("comparison.intro",
                           indicators=self.words("count.key_indicators", count=len(self.indicators)),
                           units=self.words("count.units",
                                            count=len(self.dataset.tree.children(self.unit))),
                           unit=in_sentence(self.unit_name, self.lang),
                           period=in_sentence(format_period(self.period, self.lang), self.lang),
                           ranking=ranking)
        return self._document_head(intro)

    def table(self) -> HtmlBlock:
        """Units × key indicators: value, share of the plan and status."""
        parts = [self._heading("comparison_table")]
        tables = math.ceil(len(self.indicators) / COLUMNS_PER_TABLE)
        width = math.ceil(len(self.indicators) / tables) if tables else COLUMNS_PER_TABLE
        for number, start in enumerate(range(0, len(self.indicators), width), 1):
            chosen = self.indicators[start:start + width]
            caption = self.words("comparison.table_caption", number=number)
            parts.append(self._unit_table(chosen, caption))
        return HtmlBlock("".join(parts))

    def leaders(self) -> HtmlBlock:
        """One sentence per key indicator naming the leading and the lagging unit."""
        sentences = [describe_leaders(self._rows(i), by, self.lang) for i, by in self.rank_by.items()]
        return HtmlBlock(self._heading("comparison_leaders") + Markup("".join(
            f"<p>{escape(s)}</p>" for s in sentences if s)))

    def charts(self) -> HtmlBlock:
        """The units ranked on every key indicator, in charts that each fit a page."""
        if not self.indicators:
            return HtmlBlock("")
        period = format_period(self.period, self.lang)
        figures = ranking_figures(self.metrics, self.rank_by, self.lang)
        captions = [self.words("comparison.chart_caption", number=number, period=period)
                    for number in range(1, len(figures) + 1)]
        return HtmlBlock(self._heading("comparison_charts") + Markup("".join(
            figure_html(figure, caption) for figure, caption in zip(figures, captions))))

    def _rows(self, indicator: str) -> pd.DataFrame:
        return self.metrics[self.metrics["indicator_id"] == indicator]

    def _unit_table(self, indicators: list[str], caption: str) -> Markup:
        names = self.metrics.drop_duplicates("indicator_id").set_index("indicator_id")
        columns = [Column(self.words("admin.col.org_unit"))] + [
            Column(f"{names.loc[i, 'name']} ({names.loc[i, 'unit']})", "num") for i in indicators]
        rows = []
        for unit in self.dataset.tree.children(self.unit):
            cells = [self.dataset.tree.name(unit, self.lang)]
            for indicator in indicators:
                row = self.metrics[(self.metrics["org_unit"] == unit)
                                   & (self.metrics["indicator_id"] == indicator)].iloc[0]
                cells.append(self._cell(row))
            rows.append(cells)
        return render_table(columns, rows, caption, table_class="comparison")

    def _cell(self, row) -> Markup:
        value = escape(format_number(row["value"], self.lang, int(row["decimals"])))
        if pd.isna(row["attainment_pct"]):
            return Markup(value)
        status = status_label(row["status"], self.lang)
        mark = f' <span class="status status-{status.key}"><span class="mark">{status.mark}</span></span>' \
            if status.key else ""
        return Markup(f'{value}<span class="as-of">{escape(format_percent(row["attainment_pct"], self.lang))}'
                      f'{mark}</span>')
