"""Chart geometry by arithmetic: text widths, wrapped titles, and rows that fit on an A4 page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

#: The charts' font: matplotlib's own DejaVu Sans, full Vietnamese coverage on every machine.
FONT = "DejaVu Sans"
#: The tallest chart, in inches: an A4 page's printable height (257 mm) less a caption.
MAX_HEIGHT_INCHES = 9.0
#: Rows of a ranking: their usual height (inches) and font size (points), and the smallest
#: still readable on paper.
ROW_INCHES, ROW_POINTS, MIN_ROW_INCHES, MIN_POINTS = 0.3, 8.0, 0.12, 6.0


@lru_cache(maxsize=4096)
def text_inches(text: str, points: float, bold: bool = False) -> float:
    """How wide ``text`` is drawn in the charts' font, in inches, without drawing a figure."""
    font = FontProperties(family=FONT, size=points, weight="bold" if bold else "normal")
    width, _, _ = TextToPath().get_text_width_height_descent(text, font, ismath=False)
    return width / 72


def wrap_to_inches(text: str, inches: float, points: float, bold: bool = False) -> str:
    """``text`` broken at spaces into lines no wider than ``inches`` (a longer word keeps its line)."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and text_inches(joined, points, bold) <= inches:
            lines[-1] = joined
        else:
            lines.append(word)
    return "\n".join(lines)


@dataclass(frozen=True)
class RowFit:
    """How ``count`` rows are drawn in a given height: which, how tall and in what size.

    ``top`` and ``bottom`` rows are shown; ``hidden`` rows between them are
    replaced by one line that says so (zero when every row fits).
    """

    count: int
    top: int
    bottom: int
    row_inches: float
    points: float

    @property
    def hidden(self) -> int:
        return self.count - self.top - self.bottom

    @property
    def lines(self) -> int:
        """Rows drawn, the line about the hidden ones included."""
        return self.top + self.bottom + (1 if self.hidden else 0)


def fit_rows(count: int, inches: float) -> RowFit:
    """Fit ``count`` rows into ``inches``: shrink rows and font to the floor, then show the
    best and the worst rows and leave out the middle ones (never silently: see ``hidden``)."""
    row = min(ROW_INCHES, inches / max(count, 1))
    if row >= MIN_ROW_INCHES:
        return RowFit(count, count, 0, row, _points(row))
    shown = max(int(inches // MIN_ROW_INCHES) - 1, 2)   # one line says how many are left out
    return RowFit(count, math.ceil(shown / 2), shown // 2, MIN_ROW_INCHES, MIN_POINTS)


def _points(row_inches: float) -> float:
    """Font size for rows that tall: from the floor at the smallest row up to the usual size."""
    share = (row_inches - MIN_ROW_INCHES) / (ROW_INCHES - MIN_ROW_INCHES)
    return MIN_POINTS + (ROW_POINTS - MIN_POINTS) * min(max(share, 0.0), 1.0)
