"""Charts of administrative procedures: resolved dossiers by month, days per procedure."""

from __future__ import annotations

import textwrap

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from briefing.periods import parse_period
from briefing.render.charts.style import (
    HATCHES,
    PALETTE,
    STYLE,
    WIDTH_INCHES,
    ChartFigure,
    bar_axes,
    title_figure,
    value_grid,
)
from briefing.render.formatting import format_month_short, format_number
from briefing.render.languages import language


def timeliness_chart(by_month: pd.DataFrame, lang: str) -> ChartFigure | None:
    """Monthly bars of resolved dossiers, counted as the sentence counts them.

    Each column is the month's resolved dossiers: on time (early included) at
    the bottom, with the early ones drawn as a narrower bar inside it ("of
    which early"), and the late ones on top. None when nothing was resolved.
    """
    if by_month.empty or by_month["resolved"].sum() == 0:
        return None
    words = language(lang)
    on_time = by_month["on_time"].to_numpy(dtype=float)
    early = by_month["early"].to_numpy(dtype=float)
    late = by_month["late"].to_numpy(dtype=float)
    with matplotlib.rc_context(STYLE):
        figure = ChartFigure(figsize=(WIDTH_INCHES, 2.6))
        axes = figure.add_subplot()
        x = np.arange(len(by_month))
        axes.bar(x, on_time, color=PALETTE["achieved"], edgecolor="white", linewidth=0,
                 width=0.65, label=words.text("admin.chart_on_time"))
        axes.bar(x, early, color=PALETTE["better"], edgecolor="white", linewidth=0,
                 width=0.3, label=words.text("admin.chart_early"))
        axes.bar(x, late, bottom=on_time, color=PALETTE["behind"], hatch=HATCHES["worse"],
                 edgecolor="white", linewidth=0, width=0.65, label=words.text("admin.late"))
        bottom = on_time + late
        for position, total in zip(x, bottom):
            axes.text(position, total, format_number(total, lang), ha="center", va="bottom", fontsize=8)
        labels = [format_month_short(parse_period(p).first_month, lang) for p in by_month["month"]]
        axes.set_xticks(x, labels, fontsize=8)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, lang)))
        axes.set_ylim(0, max(bottom.max() * 1.18, 1))
        value_grid(axes, "y")
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False,
                    fontsize=8)
        title_figure(figure, words.text("admin.chart_title"))
        # fixed margins: tight_layout would measure every label, slower than drawing the chart
        figure.subplots_adjust(left=0.08, right=0.98, top=0.86, bottom=0.25)
    return figure


def days_chart(procedures: pd.DataFrame, lang: str) -> ChartFigure | None:
    """Horizontal bars: mean and median days from receipt to resolution, per procedure."""
    rows = procedures.dropna(subset=["mean_days"]).sort_values("mean_days")
    if rows.empty:
        return None
    words = language(lang)
    with matplotlib.rc_context(STYLE):
        figure = ChartFigure(figsize=(WIDTH_INCHES, 0.9 + 0.36 * len(rows)))
        axes = figure.add_subplot()
        y = np.arange(len(rows))
        axes.barh(y, rows["mean_days"], color=PALETTE["better"], height=0.6)
        axes.plot(rows["median_days"], y, "D", color=PALETTE["pace"], markersize=4,
                  label=words.text("admin.median_days"))
        for position, value in zip(y, rows["mean_days"]):
            axes.text(value + 0.3, position, format_number(value, lang, 1), va="center", fontsize=8)
        axes.set_yticks(y, ["\n".join(textwrap.wrap(p, 34)) for p in rows["procedure"]])
        axes.set_xlim(0, float(rows["mean_days"].max()) * 1.25 + 1)
        bar_axes(axes)
        axes.legend(loc="lower right", frameon=False, fontsize=8)
        title_figure(figure, words.text("admin.days_title"))
        figure.tight_layout()
    return figure
