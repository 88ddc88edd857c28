"""A trend chart: this year against last year, period by period and cumulated."""

from __future__ import annotations

import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from briefing.periods import MONTHS_IN
from briefing.render.charts.style import PALETTE, STYLE, WIDTH_INCHES, ChartFigure, title_figure, value_grid
from briefing.render.formatting import format_number
from briefing.render.languages import language


def trend_chart(series: pd.DataFrame, name: str, lang: str = "vi", year: int | None = None) -> Figure:
    """This year against last year, period by period; for flows also the year to date against
    the pace line to the annual plan, for stocks and rates the level against the target.

    ``series`` is :func:`briefing.compute.series.period_series` output (by month,
    quarter, half year or year; the x axis follows) or
    :func:`briefing.compute.series.monthly_series` output; ``year`` defaults to the
    latest year in it. Last year is drawn from its own figures
    (``last_year_value``), so it covers the whole of last year.
    """
    series = _as_period_series(series)
    year = year or int(series["year"].max())
    rows = series[series["year"] == year]
    kind = rows["kind"].iloc[0] if len(rows) else "month"
    words = language(lang)
    flow = rows["pace_value"].notna().any() or rows["previous_ytd_value"].notna().any()
    x = rows["number"].to_numpy()
    with matplotlib.rc_context(STYLE):
        figure = ChartFigure(figsize=(WIDTH_INCHES, 2.8))
        if flow:
            by_period, cumulative = figure.subplots(1, 2)
            by_period.bar(x - 0.2, rows["last_year_value"], width=0.4, color="#BBBBBB",
                          hatch="///", edgecolor="white", linewidth=0, label=str(year - 1))
            by_period.bar(x + 0.2, rows["value"], width=0.4, color=PALETTE["better"], label=str(year))
            by_period.set_title(words.text(f"chart.trend_by.{kind}"), loc="left")
            _lines(cumulative, x, rows["previous_ytd_value"], rows["ytd_value"], year)
            if rows["pace_value"].notna().any():
                cumulative.plot(x, rows["pace_value"], color=PALETTE["pace"], linestyle=":",
                                label=words.text("chart.pace_line"))
            cumulative.set_title(words.text("chart.trend_cumulative"), loc="left")
        else:
            cumulative = figure.add_subplot()
            _lines(cumulative, x, rows["last_year_value"], rows["value"], year)
            if rows["target"].notna().any():
                cumulative.axhline(float(rows["target"].dropna().iloc[-1]), color=PALETTE["pace"],
                                   linestyle=":", label=words.text("chart.target_line"))
            cumulative.set_title(words.text(f"chart.trend_level.{kind}"), loc="left")
        count = 12 // MONTHS_IN[kind]
        for axes in figure.axes:
            axes.set_xticks(range(1, count + 1), _trend_ticks(kind, count, lang))
            axes.set_xlim(0.4, count + 0.6)
            axes.set_xlabel(words.text(f"chart.trend_axis.{kind}"), fontsize=8)
            axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, lang)))
            value_grid(axes, "y")
            axes.legend(frameon=False, fontsize=7)
        title_figure(figure, name)
        figure.tight_layout()
    return figure


def _as_period_series(series: pd.DataFrame) -> pd.DataFrame:
    """A :func:`monthly_series` frame with the columns of :func:`period_series`."""
    if "kind" in series:
        return series
    return series.rename(columns={"month": "period", "month_number": "number"}).assign(kind="month")


def _trend_ticks(kind: str, count: int, lang: str) -> list[str]:
    """Tick labels of the periods of a year: ``1`` … ``12``, ``Quý I`` / ``Q1`` …"""
    if kind == "month":
        return [str(number) for number in range(1, count + 1)]
    return [language(lang).text(f"chart.trend_tick.{kind}{number}") for number in range(1, count + 1)]


def _lines(axes, x, previous, current, year: int) -> None:
    axes.plot(x, previous, color="#888888", linestyle="--", marker="s", markersize=3,
              label=str(year - 1))
    axes.plot(x, current, color=PALETTE["better"], marker="o", markersize=3, label=str(year))
