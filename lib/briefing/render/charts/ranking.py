"""Units ranked on an indicator: one full-width chart, or small panels for several indicators.

Both are the same chart: bars best first, in the colour of their status, the
pace tick where known, units without the figure last and marked "—". The
full-width one labels each bar with its value and status in words and fits
any number of units on a page; a small panel marks each bar with the status
shape alone.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from briefing.compute.ranking import rank_units
from briefing.render.charts.layout import MAX_HEIGHT_INCHES, RowFit, fit_rows, text_inches, wrap_to_inches
from briefing.render.charts.style import (
    BAR_HEIGHT,
    PACE_HALF,
    PACE_WIDTH,
    PALETTE,
    STYLE,
    WIDTH_INCHES,
    ChartFigure,
    bar_axes,
    bar_label,
    pace_tick,
    palette_bar,
    room_for_labels,
)
from briefing.render.formatting import format_number, format_percent, status_label
from briefing.render.languages import language


@dataclass(frozen=True)
class RankingLook:
    """How a ranking's bars are drawn: labelled in words (full width) or by status mark."""

    in_words: bool
    #: Unit names longer than this are shortened with "…".
    name_chars: int
    bar_height: float = BAR_HEIGHT
    pace_half: float = PACE_HALF
    pace_width: float = PACE_WIDTH


FULL = RankingLook(in_words=True, name_chars=40)
SMALL = RankingLook(in_words=False, name_chars=22, bar_height=0.65, pace_half=0.4, pace_width=1.2)
#: A ranking chart's title (one line) and tick labels, in inches.
RANK_TITLE_INCHES, RANK_TICKS_INCHES, TITLE_LINE_INCHES = 0.4, 0.32, 0.16
#: Most units for which two indicators' rankings share a row; with more, each indicator
#: gets a full-width chart of its own (:func:`ranking_chart`).
GRID_MAX_UNITS = 14
#: A small panel's height in inches: its title and ticks, and a row per unit; its font size.
PANEL_INCHES, PANEL_ROW_INCHES, PANEL_POINTS = 0.55, 0.2, 7


def ranking_figures(metrics: pd.DataFrame, rank_by: dict[str, str], lang: str) -> list[Figure]:
    """The charts ranking the units on each indicator of ``rank_by``, each fitting a page.

    Up to :data:`GRID_MAX_UNITS` units: small multiples, two a row, as many
    rows a figure as fit in :data:`MAX_HEIGHT_INCHES`; more units: one
    full-width ranking chart per indicator, itself never taller than a page.
    """
    units = metrics["org_unit"].nunique()
    if units > GRID_MAX_UNITS:
        return [ranking_chart(_indicator_rows(metrics, i), _indicator_name(metrics, i), lang, by)
                for i, by in rank_by.items()]
    grid_rows = max(1, int(MAX_HEIGHT_INCHES // (PANEL_INCHES + PANEL_ROW_INCHES * units)))
    chosen = list(rank_by)
    per_figure = 2 * grid_rows
    return [small_multiples(metrics, {i: rank_by[i] for i in chosen[start:start + per_figure]}, lang)
            for start in range(0, len(chosen), per_figure)]


def _indicator_rows(metrics: pd.DataFrame, indicator: str) -> pd.DataFrame:
    return metrics[metrics["indicator_id"] == indicator]


def _indicator_name(metrics: pd.DataFrame, indicator: str) -> str:
    rows = _indicator_rows(metrics, indicator)
    return rows["name"].iloc[0] if len(rows) else indicator


def ranking_chart(rows: pd.DataFrame, name: str, lang: str = "vi", by: str = "attainment_pct") -> Figure:
    """Units ranked on one indicator: horizontal bars, best first, the pace tick where known.

    ``rows`` holds one indicator's metrics for several units with a ``unit_name``
    column. Ranked by ``attainment_pct`` (or ``value``); for ``down``
    indicators the lowest is best. Units without the figure come last,
    marked "—". The figure is at most :data:`MAX_HEIGHT_INCHES` tall: rows and
    font shrink to a readable floor, and beyond that only the best and the
    worst units are shown, with a line saying how many are not.
    """
    ranked, missing = rank_units(rows, by)
    entries = [row for _, row in ranked.iterrows()] + [row for _, row in missing.iterrows()]
    title = wrap_to_inches(name, WIDTH_INCHES * 0.97, 10, bold=True)
    title_inches = RANK_TITLE_INCHES + title.count("\n") * TITLE_LINE_INCHES
    fit = fit_rows(len(entries), MAX_HEIGHT_INCHES - title_inches - RANK_TICKS_INCHES)
    shown = entries[:fit.top] + ([None] if fit.hidden else []) + entries[len(entries) - fit.bottom:]
    with matplotlib.rc_context(STYLE):
        figure, axes = _ranking_axes(shown, fit, title, title_inches)
        labels = draw_ranking(axes, shown, by, lang, FULL, fit.points)
        if fit.hidden:
            axes.annotate(language(lang).text("chart.units_not_shown", count=fit.hidden),
                          (0, len(shown) - 1 - fit.top), xytext=(4, 0), textcoords="offset points",
                          va="center", fontsize=fit.points, fontstyle="italic", color="#555555")
        ranking_x_range(axes, ranked, by, labels, fit.points)
    return figure


def small_multiples(metrics: pd.DataFrame, rank_by: dict[str, str], lang: str) -> Figure:
    """A grid of small ranking charts, one per indicator, units best first.

    Units without the figure an indicator is ranked by come last, marked "—".
    """
    columns = 2
    grid_rows = math.ceil(len(rank_by) / columns)
    units = metrics["unit_name"].nunique()
    with matplotlib.rc_context(STYLE | {"font.size": PANEL_POINTS}):
        figure = ChartFigure(figsize=(WIDTH_INCHES, grid_rows * (PANEL_INCHES + PANEL_ROW_INCHES * units)))
        axes_grid = np.atleast_1d(figure.subplots(grid_rows, columns)).reshape(-1)
        panels = []
        for axes, (indicator, by) in zip(axes_grid, rank_by.items()):
            ranked, missing = rank_units(_indicator_rows(metrics, indicator), by)
            shown = [row for _, row in ranked.iterrows()] + [row for _, row in missing.iterrows()]
            bar_axes(axes)
            panels.append((axes, ranked, by, draw_ranking(axes, shown, by, lang, SMALL, PANEL_POINTS)))
            axes.set_title("\n".join(textwrap.wrap(_indicator_name(metrics, indicator), 34)),
                           loc="left", fontsize=7.5, fontweight="bold")
        for axes in axes_grid[len(rank_by):]:
            axes.remove()
        figure.tight_layout()
        for axes, ranked, by, labels in panels:   # the room for labels is known once laid out
            ranking_x_range(axes, ranked, by, labels, PANEL_POINTS)
    return figure


def unit_label(name: str, chars: int) -> str:
    """A unit's name, shortened with "…" past ``chars`` characters."""
    return textwrap.shorten(name, chars, placeholder="…")


def _ranking_axes(shown: list, fit: RowFit, title: str, title_inches: float):
    """The figure and axes of a ranking, laid out by arithmetic to the rows it shows."""
    bars = len(shown) * fit.row_inches
    height = title_inches + bars + RANK_TICKS_INCHES
    longest = max((text_inches(unit_label(row["unit_name"], FULL.name_chars), fit.points)
                   for row in shown if row is not None), default=1.0)
    left = min(0.45, (longest + 0.12) / WIDTH_INCHES)
    figure = ChartFigure(figsize=(WIDTH_INCHES, height))
    figure.text(0.01, 1 - 0.08 / height, title, fontsize=10, fontweight="bold", va="top",
                linespacing=1.15)
    axes = figure.add_axes((left, RANK_TICKS_INCHES / height, 0.97 - left, bars / height))
    bar_axes(axes)
    return figure, axes


def draw_ranking(axes, shown: list, by: str, lang: str, look: RankingLook,
                 points: float) -> list[tuple[float, str]]:
    """The bars of ``shown`` (rows best first, None for a line left blank) top down, their
    labels, pace ticks and unit names; returns where each label starts and its text."""
    positions = np.arange(len(shown))[::-1]
    labels = [_ranking_bar(axes, y, row, by, points, lang, look) for y, row in zip(positions, shown)]
    axes.set_yticks(positions, ["" if row is None else unit_label(row["unit_name"], look.name_chars)
                                for row in shown], fontsize=points)
    axes.set_ylim(-0.6, len(shown) - 0.4)
    formatter = (lambda v, _: format_percent(v, lang, 0)) if by == "attainment_pct" else \
        (lambda v, _: format_number(v, lang))
    axes.xaxis.set_major_formatter(FuncFormatter(formatter))
    axes.tick_params(axis="x", labelsize=points)
    return labels


def _ranking_bar(axes, y: float, row, by: str, points: float, lang: str,
                 look: RankingLook) -> tuple[float, str]:
    """One unit's bar, label and pace tick; returns where the label starts and its text."""
    if row is None:   # the line about the units not shown
        return 0.0, ""
    if pd.isna(row[by]):
        bar_label(axes, 0, y, "—", "left", points)
        return 0.0, "—"
    status = status_label(row["status"], lang)
    palette_bar(axes, y, row[by], status.key, look.bar_height)
    end = max(float(row[by]), 0.0)   # a negative bar's label starts at zero
    if look.in_words:
        text = format_percent(row[by], lang) if by == "attainment_pct" else \
            format_number(row[by], lang, int(row["decimals"]))
        if status.key:
            text += f"  {status}"
        bar_label(axes, end, y, text, "left", points)
    else:   # the status as a shape too, never by colour alone
        text = status.mark
        if text:
            bar_label(axes, end, y, text, "left", points, PALETTE[status.key])
    if by == "attainment_pct" and pd.notna(row["expected_pct"]):
        pace_tick(axes, row["expected_pct"], y, look.pace_half, look.pace_width)
    return end, text


def ranking_x_range(axes, ranked: pd.DataFrame, by: str, labels: list[tuple[float, str]],
                    points: float) -> None:
    """From the lowest bar (or zero) to where the longest bar's label still fits."""
    values = ranked[by].to_numpy(dtype=float)
    low = min(0.0, float(values.min(initial=0.0)) * 1.1)
    furthest = max(values.max(initial=0.0), 0.0)
    if by == "attainment_pct":
        furthest = max(furthest, float(ranked["expected_pct"].max(skipna=True) or 0.0)
                       if ranked["expected_pct"].notna().any() else 0.0)
    ends, texts = zip(*labels) if labels else ((), ())
    high = max(furthest * 1.05, room_for_labels(axes, ends, list(texts), points=points))
    axes.set_xlim(low, high if high > low else low + 1.0)
