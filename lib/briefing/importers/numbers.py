"""Numbers as machine-written exports (DHIS2, SDMX) write them: a dot for decimals, no grouping.

Unlike a Vietnamese form, where ``18.050`` is eighteen thousand, an export's
``18.050`` is eighteen: its indicator is then given the decimals the data shows,
so the contract's check for thousands written with a dot does not refuse it.
"""

from __future__ import annotations

import math
import re

_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
#: Decimals an indicator is given from its data at most (the mapping may ask for more).
MOST_DECIMALS = 2


def read_number(text: str, missing: tuple[str, ...] = ("",)) -> float | None:
    """The number of a cell: NaN when it is one of ``missing`` (not reported), None when no number.

    >>> read_number("12.50"), read_number(""), read_number("true"), read_number("NaN", ("", "NAN"))
    (12.5, nan, None, nan)
    """
    text = str(text).strip()
    if text.upper() in missing:
        return math.nan
    return float(text) if _NUMBER.match(text) else None


def decimals_of(text: str) -> int:
    """Decimals a number's text shows, trailing zeros aside, at most :data:`MOST_DECIMALS`.

    >>> decimals_of("23.0"), decimals_of("67.3"), decimals_of("0.333333"), decimals_of("1e3"), decimals_of("x")
    (0, 1, 2, 0, 0)
    """
    text = str(text).strip()
    if not _NUMBER.match(text) or "e" in text.lower() or "." not in text:
        return 0
    return min(len(text.split(".", 1)[1].rstrip("0")), MOST_DECIMALS)
