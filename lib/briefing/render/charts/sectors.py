"""A sector's chart: attainment against the expected pace, and change on last year."""

from __future__ import annotations

import textwrap

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from briefing.inputs.contract import CHANGED_IN_POINTS
from briefing.periods import parse_period
from briefing.render.charts.layout import text_inches, wrap_to_inches
from briefing.render.charts.style import (
    STYLE,
    WIDTH_INCHES,
    ChartFigure,
    bar_axes,
    bar_label,
    pace_tick,
    palette_bar,
    room_for_labels,
)
from briefing.render.formatting import (
    format_percent,
    format_period,
    format_signed_percent,
    in_sentence,
    shows_year_to_date,
    status_label,
)
from briefing.render.languages import language

#: Indicator names are wrapped at this many characters.
LABEL_WIDTH = 30
#: Geometry of stacked bar panels, in inches: a row per label line, a panel's title (and each
#: further line of it), its ticks.
LINE_INCHES, ROW_PADDING_INCHES, TITLE_INCHES, TITLE_LINE_INCHES, TICKS_INCHES = \
    0.14, 0.12, 0.34, 0.16, 0.3


def sector_chart_panels(table: pd.DataFrame, period) -> list[str]:
    """The panels a sector's chart has (``attainment``, ``change``); none means no chart."""
    totals = table[table["part_of"] == ""]
    return [name for name, rows in (("attainment", _attained_rows(totals)),
                                    ("change", _compared_rows(totals, period))) if len(rows)]


def _attained_rows(totals: pd.DataFrame) -> pd.DataFrame:
    return totals[totals["attainment_pct"].notna()]


def _compared_rows(totals: pd.DataFrame, period) -> pd.DataFrame:
    """Flows and stocks with a change on last year: for a period shorter than the year so
    far, a flow's change is that of its year to date, as in the table and the sentences."""
    rows = totals[~totals["kind"].isin(CHANGED_IN_POINTS)]
    if parse_period(period).shorter_than_year_to_date and "ytd_change_pct" in rows:
        flows = rows["kind"].map(shows_year_to_date).astype(bool)
        rows = rows.assign(change_pct=rows["change_pct"].where(~flows, rows["ytd_change_pct"]))
    return rows[rows["change_pct"].notna()]


def sector_chart(table: pd.DataFrame, period, lang: str = "vi") -> ChartFigure | None:
    """The chart of a sector: attainment against the expected pace, and change on last year.

    Two panels of horizontal bars, one figure: the first shows the share of
    the annual plan reached with a black tick at the expected pace; the
    second the change on the same period last year (flows and stocks; for a
    period shorter than the year so far, a flow's year to date). Components
    are left out. None when neither panel has anything to show.
    """
    period = parse_period(period)
    words = language(lang)
    totals = table[table["part_of"] == ""]
    panels = []
    attained = _attained_rows(totals)
    if len(attained):
        panels.append((_draw_attainment, attained,
                       words.text("chart.attainment_title", year=period.year)))
    compared = _compared_rows(totals, period)
    if len(compared):
        if period.shorter_than_year_to_date:
            title = words.text("chart.change_title_ytd", year=period.year - 1,
                               period=in_sentence(format_period(period, lang), lang))
        else:
            title = words.text("chart.change_title", period=format_period(period, lang),
                               previous=format_period(period.previous_year(), lang))
        panels.append((_draw_change, compared, title))
    if not panels:
        return None
    with matplotlib.rc_context(STYLE):
        labels = [[indicator_label(r, lang) for _, r in rows.iterrows()] for _, rows, _ in panels]
        figure, axes_list = stacked_panels([title for _, _, title in panels], labels)
        for axes, (draw, rows, _), names in zip(axes_list, panels, labels):
            positions = np.arange(len(rows))[::-1]
            draw(axes, rows, positions, lang)
            axes.set_yticks(positions, names)
            axes.set_ylim(-0.6, len(rows) - 0.4)
    return figure


def _draw_attainment(axes, rows: pd.DataFrame, positions, lang: str) -> None:
    shown = np.minimum(rows["attainment_pct"].to_numpy(dtype=float), 150)
    for y, width, (_, row) in zip(positions, shown, rows.iterrows()):
        status = status_label(row["status"], lang)
        palette_bar(axes, y, width, status.key)
        label = format_percent(row["attainment_pct"], lang)
        if status.key:
            label += f"  {status}"
        bar_label(axes, width, y, label, "left")
        if pd.notna(row["expected_pct"]):
            pace_tick(axes, row["expected_pct"], y)
    axes.axvline(100, color="#777777", linestyle="--", linewidth=0.8)
    labels = [t.get_text() for t in axes.texts]
    furthest = max(160.0, float(np.nanmax(rows["expected_pct"].to_numpy(dtype=float), initial=0)) * 1.05)
    axes.set_xlim(0, max(furthest, room_for_labels(axes, shown, labels)))
    axes.set_xticks([0, 25, 50, 75, 100, 125, 150])
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_percent(x, lang, 0)))


def _draw_change(axes, rows: pd.DataFrame, positions, lang: str) -> None:
    changes = rows["change_pct"].to_numpy(dtype=float)
    for y, change, (_, row) in zip(positions, changes, rows.iterrows()):
        better = (change >= 0) == (row["direction"] != "down")
        palette_bar(axes, y, change, "better" if better else "worse")
        bar_label(axes, change, y, format_signed_percent(change, lang),
                  "left" if change >= 0 else "right")
    axes.axvline(0, color="#333333", linewidth=0.8)
    labels = [t.get_text() for t in axes.texts]
    # Both halves are as wide: each must hold the longest bar and its label.
    limit = max(10.0, room_for_labels(axes, np.abs(changes), labels, share=0.5))
    axes.set_xlim(-limit, limit)
    axes.xaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 5, 10]))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_signed_percent(x, lang, 0)))


def stacked_panels(titles: list[str], labels: list[list[str]]):
    """A figure of horizontal-bar panels stacked vertically, laid out by arithmetic.

    Rows are as tall as their longest label; the left margin as wide as the
    longest label line. This replaces ``tight_layout``, which measures every
    text and costs more than drawing the chart.
    """
    rows = [max(n.count("\n") + 1 for n in names) * LINE_INCHES + ROW_PADDING_INCHES
            for names in labels]
    titles = [wrap_to_inches(title, WIDTH_INCHES * 0.97, 9, bold=True) for title in titles]
    title_heights = [TITLE_INCHES + title.count("\n") * TITLE_LINE_INCHES for title in titles]
    heights = [title + len(names) * row + TICKS_INCHES
               for title, names, row in zip(title_heights, labels, rows)]
    total = sum(heights) + 0.05
    longest = max((text_inches(line, STYLE["font.size"]) for names in labels for name in names
                   for line in name.split("\n")), default=1.0)
    left = min(0.45, (longest + 0.15) / WIDTH_INCHES)
    figure = ChartFigure(figsize=(WIDTH_INCHES, total))
    axes_list, top = [], total - 0.05
    for title, title_height, names, row in zip(titles, title_heights, labels, rows):
        figure.text(0.01, (top - 0.06) / total, title, fontsize=9, fontweight="bold", va="top",
                    linespacing=1.15)
        top -= title_height
        bottom = top - len(names) * row
        axes = figure.add_axes((left, bottom / total, 0.97 - left, len(names) * row / total))
        bar_axes(axes)
        axes_list.append(axes)
        top = bottom - TICKS_INCHES
    return figure, axes_list


def indicator_label(row, lang: str) -> str:
    """The indicator's name, wrapped; a ``down`` indicator with a plan is marked as a ceiling."""
    name = row["name"]
    if row["direction"] == "down" and row["kind"] not in CHANGED_IN_POINTS and pd.notna(row.get("target")):
        name += f" ({language(lang).text('chart.ceiling')})"
    return "\n".join(textwrap.wrap(name, LABEL_WIDTH)) or name
