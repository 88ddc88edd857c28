"""The charts' look and their way out: palette, hatches, rc style, axes setup, SVG and HTML.

Figures are built without pyplot, so nothing global changes and they can be
made in any thread. Colours are the Okabe-Ito palette; status and direction
are also told by shape, hatching and words, never by colour alone.
"""

from __future__ import annotations

import base64
import io

import matplotlib
import numpy as np
from markupsafe import Markup, escape
from matplotlib.figure import Figure

from briefing.render.charts.layout import FONT, text_inches

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
#: Every chart is as wide as an A4 page's text.
WIDTH_INCHES = 6.3
#: Grid lines along the values, behind the bars.
GRID_COLOUR, GRID_WIDTH = "#dddddd", 0.6
#: A bar's thickness (share of its row), and the pace tick across it (half its length, its width).
BAR_HEIGHT, PACE_HALF, PACE_WIDTH = 0.62, 0.42, 1.6
#: Value labels beside bars: their size in points, and the gap to the bar in inches.
BAR_LABEL_POINTS, BAR_LABEL_GAP_INCHES = 8, 0.04


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


def value_grid(axes, axis: str = "x") -> None:
    """Light grid lines along the value ``axis``, drawn behind the bars and lines."""
    axes.grid(axis=axis, color=GRID_COLOUR, linewidth=GRID_WIDTH)
    axes.set_axisbelow(True)


def bar_axes(axes) -> None:
    """Axes of horizontal bars: a grid along the values, no tick marks beside the names."""
    axes.tick_params(axis="y", length=0)
    value_grid(axes, "x")


def palette_bar(axes, y: float, width: float, key: str | None,
                height: float = BAR_HEIGHT) -> None:
    """A horizontal bar in the colour and hatching of ``key``: a status (None is grey),
    ``better`` or ``worse``."""
    axes.barh(y, width, color=PALETTE[key], hatch=HATCHES[key], edgecolor="white",
              height=height, linewidth=0)


def pace_tick(axes, x: float, y: float, half: float = PACE_HALF, width: float = PACE_WIDTH) -> None:
    """The black tick across a bar at the expected pace."""
    axes.plot([x] * 2, [y - half, y + half], color=PALETTE["pace"], linewidth=width,
              solid_capstyle="butt")


def bar_label(axes, x: float, y: float, text: str, side: str = "left",
              points: float = BAR_LABEL_POINTS, color: str | None = None) -> None:
    """A value label just past the end of a bar, a fixed gap away whatever the x-range."""
    gap = BAR_LABEL_GAP_INCHES * 72 * (1 if side == "left" else -1)
    axes.annotate(text, (x, y), xytext=(gap, 0), textcoords="offset points", va="center",
                  ha=side, fontsize=points, color=color, annotation_clip=False)


def room_for_labels(axes, ends, labels: list[str], share: float = 1.0,
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


def title_figure(figure: Figure, text: str) -> None:
    """A title from the figure's left edge, so that long titles are not cut."""
    figure.suptitle(text, x=0.01, ha="left", fontsize=10, fontweight="bold")


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
