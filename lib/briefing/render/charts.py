"""Charts of a briefing (matplotlib): attainment against the expected pace, change on last year.

Figures are built without pyplot, so nothing global changes and they can be
made in any thread. Colours are the Okabe-Ito palette; status and direction
are also told by shape, hatching and words, never by colour alone. All labels
use the shared formatters in the report's language.
"""

from __future__ import annotations

import base64
import io
import textwrap

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from markupsafe import Markup, escape

from briefing.render.chart_layout import (
    FONT, MAX_HEIGHT_INCHES, RowFit, fit_rows, text_inches, wrap_to_inches,
)
from briefing.render.formatting import (
    format_number, format_percent, format_period, format_signed_percent, in_sentence,
)
from briefing.render.languages import language
from briefing.periods import MONTHS_IN, parse_period
from briefing.compute.ranking import rank_units
from briefing.render.tables import STATUS_MARKS

PALETTE = {"achieved": "#009E73", "on_track": "#009E73", "at_risk": "#E69F00", "behind": "#D55E00",
           None: "#999999", "better": "#0072B2", "worse": "#D55E00", "pace": "#1B1B1B"}
#: Hatching where colour would otherwise be the only sign. Attainment bars carry their
#: status in words and a shape beside them, so they need none (and hatches are costly to
#: print); a change that is bad news is hatched, since only the colour says so otherwise.
HATCHES = {"achieved": "", "on_track": "", "at_risk": "", "behind": "", None: "",
           "better": "", "worse": "///"}
STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "hatch.linewidth": 0.6,
    # Names come from data: "$" in "Thu nhập $5$ triệu" is text, not a formula to typeset.
    "text.parse_math": False,
    # Text stays text in the SVG: half the time to draw, a fifth of the size, and the PDF
    # renders it three times faster than glyph outlines (fonts-dejavu-core is installed).
    "svg.fonttype": "none",
    "svg.hashsalt": "briefing",
}
WIDTH_INCHES = 6.3
LABEL_WIDTH = 30


class ChartFigure(Figure):
    """A matplotlib figure that Jupyter shows as an image wherever it is returned.

    The briefing's charts are built without pyplot, so IPython's matplotlib
    hooks may not be set up; ``_repr_png_`` makes the figure display itself.
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        with matplotlib.rc_context(STYLE):
            self.savefig(buffer, format="png", dpi=110)
        return buffer.getvalue()


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
    rows = totals[totals["kind"] != "rate"]
    if parse_period(period).shorter_than_year_to_date and "ytd_change_pct" in rows:
        flows = rows["kind"] == "flow"
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
        labels = [[_label(r, lang) for _, r in rows.iterrows()] for _, rows, _ in panels]
        figure, axes_list = _stacked_panels([title for _, _, title in panels], labels)
        for axes, (draw, rows, _), names in zip(axes_list, panels, labels):
            positions = np.arange(len(rows))[::-1]
            draw(axes, rows, positions, lang)
            axes.set_yticks(positions, names)
            axes.set_ylim(-0.6, len(rows) - 0.4)
    return figure


def _draw_attainment(axes, rows: pd.DataFrame, positions, lang: str) -> None:
    words = language(lang)
    shown = np.minimum(rows["attainment_pct"].to_numpy(dtype=float), 150)
    for y, width, (_, row) in zip(positions, shown, rows.iterrows()):
        status = row["status"] if isinstance(row["status"], str) else None
        axes.barh(y, width, color=PALETTE[status], hatch=HATCHES[status], edgecolor="white",
                  height=0.62, linewidth=0)
        label = format_percent(row["attainment_pct"], lang)
        if status:
            label += f"  {STATUS_MARKS[status]} {words.text(f'status.{status}')}"
        _bar_label(axes, width, y, label, "left")
        if pd.notna(row["expected_pct"]):
            axes.plot([row["expected_pct"]] * 2, [y - 0.42, y + 0.42], color=PALETTE["pace"],
                      linewidth=1.6, solid_capstyle="butt")
    axes.axvline(100, color="#777777", linestyle="--", linewidth=0.8)
    labels = [t.get_text() for t in axes.texts]
    furthest = max(160.0, float(np.nanmax(rows["expected_pct"].to_numpy(dtype=float), initial=0)) * 1.05)
    axes.set_xlim(0, max(furthest, _room_for_labels(axes, shown, labels)))
    axes.set_xticks([0, 25, 50, 75, 100, 125, 150])
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_percent(x, lang, 0)))


def _draw_change(axes, rows: pd.DataFrame, positions, lang: str) -> None:
    changes = rows["change_pct"].to_numpy(dtype=float)
    for y, change, (_, row) in zip(positions, changes, rows.iterrows()):
        better = (change >= 0) == (row["direction"] != "down")
        key = "better" if better else "worse"
        axes.barh(y, change, color=PALETTE[key], hatch=HATCHES[key], edgecolor="white",
                  height=0.62, linewidth=0)
        _bar_label(axes, change, y, format_signed_percent(change, lang),
                   "left" if change >= 0 else "right")
    axes.axvline(0, color="#333333", linewidth=0.8)
    labels = [t.get_text() for t in axes.texts]
    # Both halves are as wide: each must hold the longest bar and its label.
    limit = max(10.0, _room_for_labels(axes, np.abs(changes), labels, share=0.5))
    axes.set_xlim(-limit, limit)
    axes.xaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 5, 10]))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_signed_percent(x, lang, 0)))


#: Geometry of stacked bar panels, in inches: a row per label line, a panel's title (and each
#: further line of it), its ticks.
LINE_INCHES, ROW_PADDING_INCHES, TITLE_INCHES, TITLE_LINE_INCHES, TICKS_INCHES = \
    0.14, 0.12, 0.34, 0.16, 0.3
#: Value labels beside bars: their size in points, and the gap to the bar in inches.
BAR_LABEL_POINTS, BAR_LABEL_GAP_INCHES = 8, 0.04


def _bar_label(axes, x: float, y: float, text: str, side: str,
               points: float = BAR_LABEL_POINTS) -> None:
    """A value label just past the end of a bar, a fixed gap away whatever the x-range."""
    gap = BAR_LABEL_GAP_INCHES * 72 * (1 if side == "left" else -1)
    axes.annotate(text, (x, y), xytext=(gap, 0), textcoords="offset points", va="center",
                  ha=side, fontsize=points, annotation_clip=False)


def _room_for_labels(axes, ends, labels: list[str], share: float = 1.0,
                     points: float = BAR_LABEL_POINTS) -> float:
    """The x-range that fits every bar end and its label inside the axes.

    ``share`` is the part of the axes' width the bars grow into (half for
    bars either side of zero). A bar of length e with a label w inches wide
    needs a range of e × width / (width − w − gap); the label never gets more
    than three quarters of the room.
    """
    inches = axes.get_position().width * axes.figure.get_figwidth() * share
    needed = [float(end) * inches / max(inches - text_inches(label, points) - 2 * BAR_LABEL_GAP_INCHES,
                                        inches / 4)
              for end, label in zip(ends, labels) if np.isfinite(end)]
    return max(needed, default=0.0)


def _stacked_panels(titles: list[str], labels: list[list[str]]):
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
        axes.tick_params(axis="y", length=0)
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        axes_list.append(axes)
        top = bottom - TICKS_INCHES
    return figure, axes_list


def _title(figure: Figure, text: str) -> None:
    """A title from the figure's left edge, so that long titles are not cut."""
    figure.suptitle(text, x=0.01, ha="left", fontsize=10, fontweight="bold")


def _label(row, lang: str) -> str:
    """The indicator's name, wrapped; a ``down`` indicator with a plan is marked as a ceiling."""
    name = row["name"]
    if row["direction"] == "down" and row["kind"] != "rate" and pd.notna(row.get("target")):
        name += f" ({language(lang).text('chart.ceiling')})"
    return "\n".join(textwrap.wrap(name, LABEL_WIDTH)) or name


def figure_svg(figure: Figure) -> bytes:
    """The figure as SVG bytes, identical for identical figures (no date, fixed ids)."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def figure_html(figure: Figure, caption: str, alt: str = "") -> Markup:
    """The figure and its caption as one block that is never split across pages."""
    data = base64.b64encode(figure_svg(figure)).decode("ascii")
    return Markup(f'<figure class="chart"><img alt="{escape(alt or caption)}" '
                  f'src="data:image/svg+xml;base64,{data}"><figcaption>{escape(caption)}'
                  f'</figcaption></figure>')


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
            axes.grid(axis="y", color="#dddddd", linewidth=0.6)
            axes.set_axisbelow(True)
            axes.legend(frameon=False, fontsize=7)
        _title(figure, name)
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
        positions = np.arange(len(shown))[::-1]
        labels = [_ranking_bar(axes, y, row, by, fit.points, lang) for y, row in zip(positions, shown)]
        axes.set_yticks(positions, ["" if row is None else _unit_label(row["unit_name"]) for row in shown],
                        fontsize=fit.points)
        axes.set_ylim(-0.6, len(shown) - 0.4)
        if fit.hidden:
            axes.annotate(language(lang).text("chart.units_not_shown", count=fit.hidden),
                          (0, positions[fit.top]), xytext=(4, 0), textcoords="offset points",
                          va="center", fontsize=fit.points, fontstyle="italic", color="#555555")
        _ranking_x_range(axes, ranked, by, labels, fit.points)
        formatter = (lambda v, _: format_percent(v, lang, 0)) if by == "attainment_pct" else \
            (lambda v, _: format_number(v, lang))
        axes.xaxis.set_major_formatter(FuncFormatter(formatter))
        axes.tick_params(axis="x", labelsize=fit.points)
    return figure


#: A ranking chart's title (one line) and tick labels, in inches; unit names longer than
#: ``UNIT_LABEL_CHARS`` are shortened with "…".
RANK_TITLE_INCHES, RANK_TICKS_INCHES, UNIT_LABEL_CHARS = 0.4, 0.32, 40


def _unit_label(name: str) -> str:
    return textwrap.shorten(name, UNIT_LABEL_CHARS, placeholder="…")


def _ranking_axes(shown: list, fit: RowFit, title: str, title_inches: float):
    """The figure and axes of a ranking, laid out by arithmetic to the rows it shows."""
    bars = len(shown) * fit.row_inches
    height = title_inches + bars + RANK_TICKS_INCHES
    longest = max((text_inches(_unit_label(row["unit_name"]), fit.points)
                   for row in shown if row is not None), default=1.0)
    left = min(0.45, (longest + 0.12) / WIDTH_INCHES)
    figure = ChartFigure(figsize=(WIDTH_INCHES, height))
    figure.text(0.01, 1 - 0.08 / height, title, fontsize=10, fontweight="bold", va="top",
                linespacing=1.15)
    axes = figure.add_axes((left, RANK_TICKS_INCHES / height, 0.97 - left, bars / height))
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    return figure, axes


def _ranking_bar(axes, y: float, row, by: str, points: float, lang: str) -> tuple[float, str]:
    """One unit's bar, value label and pace tick; returns where the label starts and its text."""
    if row is None:   # the line about the units not shown
        return 0.0, ""
    if pd.isna(row[by]):
        _bar_label(axes, 0, y, "—", "left", points)
        return 0.0, "—"
    status = row["status"] if isinstance(row["status"], str) else None
    axes.barh(y, row[by], color=PALETTE[status], hatch=HATCHES[status], edgecolor="white",
              height=0.62, linewidth=0)
    text = format_percent(row[by], lang) if by == "attainment_pct" else \
        format_number(row[by], lang, int(row["decimals"]))
    if status:
        text += f"  {STATUS_MARKS[status]} {language(lang).text(f'status.{status}')}"
    end = max(float(row[by]), 0.0)   # a negative bar's label starts at zero
    _bar_label(axes, end, y, text, "left", points)
    if by == "attainment_pct" and pd.notna(row["expected_pct"]):
        axes.plot([row["expected_pct"]] * 2, [y - 0.42, y + 0.42], color=PALETTE["pace"],
                  linewidth=1.6)
    return end, text


def _ranking_x_range(axes, ranked: pd.DataFrame, by: str, labels: list[tuple[float, str]],
                     points: float) -> None:
    """From the lowest bar (or zero) to where the longest bar's label still fits."""
    values = ranked[by].to_numpy(dtype=float)
    low = min(0.0, float(values.min(initial=0.0)) * 1.1)
    furthest = max(values.max(initial=0.0), 0.0)
    if by == "attainment_pct":
        furthest = max(furthest, float(ranked["expected_pct"].max(skipna=True) or 0.0)
                       if ranked["expected_pct"].notna().any() else 0.0)
    ends, texts = zip(*labels) if labels else ((), ())
    high = max(furthest * 1.05, _room_for_labels(axes, ends, list(texts), points=points))
    axes.set_xlim(low, high if high > low else low + 1.0)
