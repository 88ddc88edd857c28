"""Comparing the child units of a unit: who leads, who lags, on which indicators."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from markupsafe import Markup, escape

from briefing.charts import ChartFigure, HATCHES, PALETTE, STYLE, WIDTH_INCHES, figure_html
from briefing.errors import ParamsError
from briefing.formatting import format_number, format_percent, format_period, format_quantity, in_sentence
from briefing.languages import language
from briefing.report_base import HtmlBlock, ReportBase, resolve_report_args
from briefing.tables import STATUS_MARKS, Column, render_table

#: Indicators per table, so that a table fits the width of an A4 page.
COLUMNS_PER_TABLE = 4


def key_indicators(rows: pd.DataFrame) -> tuple[list[str], str]:
    """Indicators worth comparing, and what to rank them by.

    Totals (not components) with an attainment for at least two units,
    ranked by ``attainment_pct``; without any, those with a value for at
    least two units, ranked by ``value``.
    """
    totals = rows[rows["part_of"] == ""]
    for by in ("attainment_pct", "value"):
        counts = totals.dropna(subset=[by]).groupby("indicator_id", sort=False).size()
        chosen = [i for i in pd.unique(totals["indicator_id"]) if counts.get(i, 0) >= 2]
        if chosen:
            return chosen, by
    return [], "value"


def leader_and_lagger(rows: pd.DataFrame, by: str) -> tuple[pd.Series, pd.Series] | None:
    """The best and the worst unit on one indicator (for ``down`` ones, lowest is best)."""
    ranked = rows.dropna(subset=[by])
    if len(ranked) < 2:
        return None
    down = ranked["direction"].iloc[0] == "down"
    ordered = ranked.sort_values(by, ascending=down, kind="stable")
    return ordered.iloc[0], ordered.iloc[-1]


def describe_leaders(rows: pd.DataFrame, by: str, lang: str) -> str | None:
    """The sentence naming the leading and the lagging unit, with their figures."""
    found = leader_and_lagger(rows, by)
    if found is None:
        return None
    leader, lagger = found
    words = language(lang)

    def quantity(row):
        return format_quantity(row["value"], row["unit"], lang, int(row["decimals"]))

    values = dict(name=leader["name"], leader=leader["unit_name"], lagger=lagger["unit_name"],
                  leader_value=quantity(leader), lagger_value=quantity(lagger))
    if by == "value":
        return words.text("comparison.leader_value", **values)
    key = "comparison.leader_ceiling" if leader["direction"] == "down" else "comparison.leader_plan"
    return words.text(key, leader_pct=format_percent(leader["attainment_pct"], lang),
                      lagger_pct=format_percent(lagger["attainment_pct"], lang), **values)


def prepare_comparison(data, period, unit: str | None = None, lang: str = "vi",
                       cutoff: str = "calendar", document_info=None) -> ComparisonReport:
    """Everything the comparison of ``unit``'s children shows.

    Raises
    ------
    ParamsError
        When the unit has no children to compare.
    """
    args = resolve_report_args(data, period, unit, lang, cutoff, document_info)
    if not args[0].tree.children(args[2]):
        raise ParamsError(f"org unit {args[2]!r} has no child units to compare")
    return ComparisonReport(*args)


@dataclass
class ComparisonReport(ReportBase):
    """The children of a unit side by side on the key indicators."""

    _subject_key = "comparison.subject"

    def __post_init__(self):
        raw = self.dataset.compare_units(self.period, self.unit)
        labelled = self.dataset.label_metrics(raw, self.lang)
        self.metrics = labelled.assign(
            unit_name=[self.dataset.tree.name(u, self.lang) for u in labelled["org_unit"]])
        self.indicators, self.rank_by = key_indicators(self.metrics)
        super().__post_init__()

    def _plan_sections(self) -> list[str]:
        return ["comparison_table", "comparison_leaders", "comparison_charts"]

    def header(self) -> HtmlBlock:
        """Header block, title and what is compared."""
        intro = self.words("comparison.intro", count=len(self.indicators),
                           units=len(self.dataset.tree.children(self.unit)),
                           unit=in_sentence(self.unit_name, self.lang),
                           period=in_sentence(format_period(self.period, self.lang), self.lang))
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
        sentences = [describe_leaders(self._rows(i), self.rank_by, self.lang) for i in self.indicators]
        return HtmlBlock(self._heading("comparison_leaders") + Markup("".join(
            f"<p>{escape(s)}</p>" for s in sentences if s)))

    def charts(self) -> HtmlBlock:
        """Small multiples: every key indicator's ranking of the units."""
        if not self.indicators:
            return HtmlBlock("")
        figure = small_multiples(self.metrics, self.indicators, self.rank_by, self.lang)
        return HtmlBlock(self._heading("comparison_charts") + figure_html(
            figure, self.words("comparison.chart_caption",
                               period=format_period(self.period, self.lang))))

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
        status = row["status"] if isinstance(row["status"], str) else None
        mark = f' <span class="status status-{status}"><span class="mark">{STATUS_MARKS[status]}</span></span>' \
            if status else ""
        return Markup(f'{value}<span class="as-of">{escape(format_percent(row["attainment_pct"], self.lang))}'
                      f'{mark}</span>')


def small_multiples(metrics: pd.DataFrame, indicators: list[str], by: str, lang: str) -> Figure:
    """A grid of small ranking charts, one per indicator, units best first."""
    columns = 2
    grid_rows = math.ceil(len(indicators) / columns)
    units = metrics["unit_name"].nunique()
    with matplotlib.rc_context(STYLE | {"font.size": 7}):
        figure = ChartFigure(figsize=(WIDTH_INCHES, grid_rows * (0.55 + 0.2 * units)))
        axes_grid = np.atleast_1d(figure.subplots(grid_rows, columns)).reshape(-1)
        for axes, indicator in zip(axes_grid, indicators):
            rows = metrics[metrics["indicator_id"] == indicator].dropna(subset=[by])
            down = (rows["direction"] == "down").any()
            rows = rows.sort_values(by, ascending=down, kind="stable")
            positions = np.arange(len(rows))[::-1]
            for y, (_, row) in zip(positions, rows.iterrows()):
                status = row["status"] if isinstance(row["status"], str) else None
                axes.barh(y, row[by], color=PALETTE[status], hatch=HATCHES[status],
                          edgecolor="white", linewidth=0, height=0.65)
                if status:  # the status as a shape too, never by colour alone
                    axes.text(row[by], y, f" {STATUS_MARKS[status]}", va="center", ha="left",
                              fontsize=6, color=PALETTE[status])
                if by == "attainment_pct" and pd.notna(row["expected_pct"]):
                    axes.plot([row["expected_pct"]] * 2, [y - 0.4, y + 0.4],
                              color=PALETTE["pace"], linewidth=1.2)
            axes.set_yticks(positions, [textwrap.shorten(n, 22, placeholder="…")
                                        for n in rows["unit_name"]])
            axes.tick_params(axis="y", length=0)
            highest = max(rows[by].max() if len(rows) else 0,
                          rows["expected_pct"].max() if by == "attainment_pct" and len(rows) else 0)
            if highest > 0:  # room for the status marks past the longest bar
                axes.set_xlim(0, highest * 1.12)
            formatter = (lambda v, _: format_percent(v, lang, 0)) if by == "attainment_pct" \
                else (lambda v, _: format_number(v, lang))
            axes.xaxis.set_major_formatter(FuncFormatter(formatter))
            axes.grid(axis="x", color="#dddddd", linewidth=0.5)
            axes.set_axisbelow(True)
            name = rows["name"].iloc[0] if len(rows) else indicator
            axes.set_title("\n".join(textwrap.wrap(name, 34)), loc="left", fontsize=7.5,
                           fontweight="bold")
        for axes in axes_grid[len(indicators):]:
            axes.remove()
        figure.tight_layout()
    return figure
