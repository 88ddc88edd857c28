"""The portal's small charts: an indicator over the periods, last year beside, as inline SVG.

Hand-written SVG rather than matplotlib: a few hundred bytes each, crisp at any size, no
fonts to embed, and cheap enough for hundreds of units. Each chart is an image to
assistive technology (``role="img"``) whose ``aria-label`` and ``<title>`` state its main
figures; every bar also has a ``<title>`` that a pointer shows.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from briefing.periods import parse_period
from briefing.render.formatting import format_month_short, format_period, format_quantity
from briefing.render.languages import language
from briefing.render.portal_model import Point, Series

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 6, 6, 20, 24
#: Bars of the period (dark) and of the same period last year (light, outlined): both
#: stand out from the white page by more than 3:1, and last year's outline tells them
#: apart without colour.
CURRENT_FILL, PREVIOUS_FILL, INK = "#1d4f91", "#c5d3e6", "#1d4f91"
TEXT = "#333333"


def short_period(key: str, lang: str) -> str:
    """A period as an axis shows it: ``T6/2020`` for a month, else as reports name it."""
    period = parse_period(key)
    return format_month_short(period.first_month, lang) if period.kind == "month" \
        else format_period(period, lang)


def chart_description(series: Series, name: str, unit: str, decimals: int, lang: str) -> str:
    """What the chart shows, in words: the span, the latest figure with last year's, and
    the highest and lowest periods when there are more than two."""
    words = language(lang)
    def quantity(value):
        return format_quantity(value, unit, lang, decimals)
    points = series.points
    first, last = points[0], points[-1]
    span = format_period(first.period, lang) if len(points) == 1 else words.text(
        "portal.chart_span", first=format_period(first.period, lang),
        last=format_period(last.period, lang))
    figures = [latest_figures(series, unit, decimals, lang)]
    present = [p for p in points if p.value is not None]
    if len(points) > 2 and present:
        high = max(present, key=lambda p: p.value)
        low = min(present, key=lambda p: p.value)
        figures.append(words.text("portal.chart_highest", period=format_period(high.period, lang),
                                  value=quantity(high.value)))
        figures.append(words.text("portal.chart_lowest", period=format_period(low.period, lang),
                                  value=quantity(low.value)))
    return words.text("portal.chart_alt", name=name, span=span, figures="; ".join(figures))


def latest_figures(series: Series, unit: str, decimals: int, lang: str) -> str:
    """The latest period's figure and last year's: ``Quý II/2020: 2.345 người; cùng kỳ ...``."""
    last = series.points[-1]
    return language(lang).text("portal.chart_latest", period=format_period(last.period, lang),
                               value=format_quantity(last.value, unit, lang, decimals),
                               previous=format_quantity(last.previous, unit, lang, decimals))


def series_chart(series: Series, name: str, unit: str, decimals: int, lang: str) -> Markup:
    """The series as grouped bars (last year, then the period) with a zero line."""
    description = chart_description(series, name, unit, decimals, lang)
    values = [v for p in series.points for v in (p.value, p.previous) if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    if high == low:
        high = low + 1.0
    plot = HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot * (high - value) / (high - low)

    group = (WIDTH - LEFT - RIGHT) / len(series.points)
    bar = min(group * 0.38, 28.0)
    parts = [f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(high):.1f}" y2="{y(high):.1f}" '
             f'stroke="#d0d0d0" stroke-width="1"/>',
             _text(LEFT, TOP - 6, format_quantity(high, unit, lang, decimals), "start")]
    for index, point in enumerate(series.points):
        middle = LEFT + group * (index + 0.5)
        parts.append(_bar(middle - bar, bar, point.previous, y, PREVIOUS_FILL,
                          _bar_title(point, point.previous, unit, decimals, lang, True)))
        parts.append(_bar(middle, bar, point.value, y, CURRENT_FILL,
                          _bar_title(point, point.value, unit, decimals, lang, False)))
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" '
                 f'stroke="{TEXT}" stroke-width="1"/>')
    parts += _axis_labels(series.points, lang)
    label = escape(description)
    return Markup(f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
                  f'aria-label="{label}" xmlns="http://www.w3.org/2000/svg">'
                  f'<title>{label}</title>{"".join(parts)}</svg>')


def _bar(x: float, width: float, value, y, fill: str, title: str) -> str:
    if value is None:
        return ""
    top, bottom = sorted((y(value), y(0)))
    outline = f' stroke="{INK}" stroke-width="1"' if fill == PREVIOUS_FILL else ""
    return (f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" '
            f'height="{max(bottom - top, 0.5):.1f}" fill="{fill}"{outline}>'
            f'<title>{escape(title)}</title></rect>')


def _bar_title(point: Point, value, unit: str, decimals: int, lang: str, previous: bool) -> str:
    key = "portal.bar_previous" if previous else "portal.bar_value"
    return language(lang).text(key, period=format_period(point.period, lang),
                               value=format_quantity(value, unit, lang, decimals))


def _axis_labels(points: tuple[Point, ...], lang: str) -> list[str]:
    """The first and last periods under the axis (one, centred, for a single period)."""
    baseline = HEIGHT - 6
    if len(points) == 1:
        return [_text(WIDTH / 2, baseline, short_period(points[0].period, lang), "middle")]
    return [_text(LEFT, baseline, short_period(points[0].period, lang), "start"),
            _text(WIDTH - RIGHT, baseline, short_period(points[-1].period, lang), "end")]


def _text(x: float, y: float, text: str, anchor: str) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="12" '
            f'fill="{TEXT}">{escape(text)}</text>')


def legend(lang: str) -> Markup:
    """The two kinds of bar, named: the period, and the same period last year."""
    words = language(lang)
    items = []
    for fill, key in ((CURRENT_FILL, "portal.legend_value"), (PREVIOUS_FILL, "portal.legend_previous")):
        outline = f' stroke="{INK}"' if fill == PREVIOUS_FILL else ""
        items.append(f'<li><svg class="swatch" viewBox="0 0 14 14" aria-hidden="true" '
                     f'focusable="false"><rect x="0.5" y="0.5" width="13" height="13" '
                     f'fill="{fill}"{outline}/></svg>{escape(words.text(key))}</li>')
    return Markup(f'<ul class="legend">{"".join(items)}</ul>')
