"""The administrative-procedures part of a briefing: the widget, a monthly chart, a sentence."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib
import numpy as np
import pandas as pd
from markupsafe import Markup, escape

from briefing import admin_procedures as ap
from briefing.charts import HATCHES, PALETTE, STYLE, WIDTH_INCHES, figure_html
from briefing.formatting import format_number, format_percent, format_period, lower_first
from briefing.languages import language
from briefing.periods import Period, parse_period

#: The five figures of the reference widget, with the share shown under each.
WIDGET = (("received", None), ("resolved", None), ("early", "early_pct"),
          ("on_time", "on_time_pct"), ("late", "late_pct"))


@dataclass(frozen=True)
class AdminSummary:
    """Figures of one period and unit, and the same by month of the period."""

    figures: dict
    by_month: pd.DataFrame


def prepare(dataset, period, unit: str, cutoff: str = "calendar") -> AdminSummary | None:
    """The figures of ``unit`` (and its descendants) for ``period``; None without dossiers."""
    figures = ap.compute_admin_procedures(dataset, period, unit, cutoff)
    if figures is None:
        return None
    return AdminSummary(figures, ap.monthly_breakdown(dataset, period, unit, cutoff))


def section_html(summary: AdminSummary, period, lang: str) -> Markup:
    """Widget, sentence and chart, as in the department's own pages."""
    period = parse_period(period)
    words = language(lang)
    parts = [Markup(f"<p>{escape(describe_admin(summary.figures, period, lang))}</p>"),
             widget_html(summary.figures, lang)]
    figure = timeliness_chart(summary.by_month, lang)
    if figure is not None:
        parts.append(figure_html(figure, words.text("admin.chart_caption",
                                                    period=format_period(period, lang))))
    return Markup("".join(parts))


def widget_html(figures: dict, lang: str) -> Markup:
    """Received · Resolved · Early (%) · On time (%) · Late (%)."""
    words = language(lang)
    cells = []
    for key, share in WIDGET:
        text = (f'<div class="label">{escape(words.text(f"admin.{key}"))}</div>'
                f'<div class="count">{escape(format_number(figures[key], lang))}</div>')
        if share:
            text += f'<div class="share">{escape(format_percent(figures[share], lang, 0))}</div>'
        cells.append(f'<div class="cell">{text}</div>')
    return Markup(f'<div class="procedures">{"".join(cells)}</div>')


def describe_admin(figures: dict, period: Period, lang: str) -> str:
    """One sentence with the widget's figures and what is still pending."""
    words = language(lang)
    number = {k: format_number(figures[k], lang) for k in ap.COUNT_KEYS}
    share = {k: format_percent(figures[k], lang) for k in ap.SHARE_KEYS}
    if figures["resolved"]:
        resolved = words.text("admin.sentence_resolved", **number, **share)
    else:
        resolved = words.text("admin.sentence_none_resolved")
    return words.text("admin.sentence", period=lower_first(format_period(period, lang)),
                      resolved_part=resolved, **number)


def timeliness_chart(by_month: pd.DataFrame, lang: str):
    """Stacked monthly bars of resolved dossiers: early, on time (not early), late."""
    if by_month.empty or by_month["resolved"].sum() == 0:
        return None
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    words = language(lang)
    layers = (("early", by_month["early"], PALETTE["better"], ""),
              ("on_time_not_early", by_month["on_time"] - by_month["early"], PALETTE["achieved"], ".."),
              ("late", by_month["late"], PALETTE["behind"], HATCHES["behind"]))
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(WIDTH_INCHES, 2.6))
        axes = figure.add_subplot()
        x = np.arange(len(by_month))
        bottom = np.zeros(len(by_month))
        for key, counts, colour, hatch in layers:
            counts = counts.to_numpy(dtype=float)
            axes.bar(x, counts, bottom=bottom, color=colour, hatch=hatch, edgecolor="white",
                     linewidth=0, width=0.65, label=words.text(f"admin.{key}"))
            bottom += counts
        for position, total in zip(x, bottom):
            axes.text(position, total, format_number(total, lang), ha="center", va="bottom", fontsize=8)
        labels = [format_period(p, lang) for p in by_month["month"]]
        axes.set_xticks(x, labels, fontsize=8)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, lang)))
        axes.set_ylim(0, max(bottom.max() * 1.18, 1))
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
        figure.suptitle(words.text("admin.chart_title"), x=0.01, ha="left", fontsize=10,
                        fontweight="bold")
        figure.tight_layout()
    return figure
