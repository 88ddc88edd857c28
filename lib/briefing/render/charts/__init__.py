"""Every chart of the reports (matplotlib), drawn here; reports only place the SVG.

``style`` holds the palette, the rc style and the way out (SVG, HTML);
``layout`` the geometry by arithmetic; ``sectors``, ``trend``, ``ranking``
and ``admin`` one kind of chart each. All labels use the shared formatters
in the report's language.
"""

from briefing.render.charts.admin import days_chart, timeliness_chart
from briefing.render.charts.layout import MAX_HEIGHT_INCHES
from briefing.render.charts.ranking import ranking_chart, ranking_figures, small_multiples
from briefing.render.charts.sectors import sector_chart, sector_chart_panels
from briefing.render.charts.style import PALETTE, STYLE, WIDTH_INCHES, ChartFigure, figure_html, figure_svg
from briefing.render.charts.trend import trend_chart

__all__ = ["MAX_HEIGHT_INCHES", "PALETTE", "STYLE", "WIDTH_INCHES", "ChartFigure", "days_chart",
           "figure_html", "figure_svg", "ranking_chart", "ranking_figures", "sector_chart",
           "sector_chart_panels", "small_multiples", "timeliness_chart", "trend_chart"]
