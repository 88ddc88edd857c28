"""What a source yields before it becomes the contract: numbers with their places, names, a tree.

Every reader (wide tables, DHIS2, SDMX) turns its file into one :class:`Extract`:
observations in long form, each with the place it came from, the names the
source gives its indicators and org units, and the cells it could not place.
Mapping names to ids, kinds, scales and the tree happens later, in one place
(:mod:`briefing.importers.assemble`), the same for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

#: What a number found in a source is: the period's own value, a year-to-date total
#: (*lũy kế*), or the annual plan (*kế hoạch năm*; its period is the year).
ROLES = ("value", "cumulative", "target")
#: Columns of :attr:`Extract.observations`.
OBSERVATION_COLUMNS = ("indicator", "org_unit", "period", "value", "role", "place")


@dataclass(frozen=True)
class Place:
    """Where something was found: file, sheet, row and column as the user sees them.

    ``row`` is 1-based (an Excel row number, a CSV line with the header as line 1);
    ``column`` is a letter for sheets (``F``) or a header name for CSV files.
    """

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file + (f" [{self.sheet}]" if self.sheet is not None else "")
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return where

    @property
    def label(self) -> str:
        """File and sheet, as a :class:`briefing.errors.Problem` names its file."""
        return self.file + (f" [{self.sheet}]" if self.sheet is not None else "")


@dataclass(frozen=True)
class Unplaced:
    """Something in a source the import could not place, and why (listed after every import)."""

    place: Place | str
    text: str
    reason: str

    def __str__(self) -> str:
        shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"{self.place}: {shown!r}: {self.reason}" if self.text else f"{self.place}: {self.reason}"


@dataclass
class Extract:
    """Everything one source yields.

    Parameters
    ----------
    source
        The file name, as messages name it.
    format
        The reader that read it (``wide``, ``dhis2-analytics``, ``sdmx`` ...).
    observations
        One row per number: ``indicator`` and ``org_unit`` are the keys the source
        uses (a name, or a code such as a DHIS2 id), ``period`` a contract period key
        (``2020-06``, ``2020Q2``, ``2020S1``, ``2020``; the year for a target), ``value``
        a float (NaN: not reported), ``role`` one of :data:`ROLES`, ``place`` the
        text of its :class:`Place`.
    indicators
        Source key -> what the source says about it: any of ``name``, ``name_en``,
        ``unit``, ``sector``, ``sector_name``, ``kind``, ``scale``, ``part_of``, ``breakdown``.
    units
        Source key -> ``name`` and ``parent`` (the parent's source key, or None).
    unplaced
        Cells, rows, columns or sheets that were skipped, each with its reason.
    notes
        Anything else worth telling the user (a default taken, a disaggregation summed).
    lang
        The language of those names.
    """

    source: str
    format: str
    observations: pd.DataFrame
    indicators: dict[str, dict] = field(default_factory=dict)
    units: dict[str, dict] = field(default_factory=dict)
    unplaced: list[Unplaced] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Language of the names the source gives (``vi`` or ``en``); the mapping's ``lang`` wins.
    lang: str = "vi"


def observations_frame(rows: list[tuple] | None = None) -> pd.DataFrame:
    """Observations in the shape :class:`Extract` expects, from tuples in column order.

    >>> observations_frame([("jobs", "hd", "2020-06", 12.0, "value", "f.csv, row 2")]).dtypes["value"]
    dtype('float64')
    """
    frame = pd.DataFrame(rows or [], columns=list(OBSERVATION_COLUMNS))
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype(float)
    for column in ("indicator", "org_unit", "period", "role", "place"):
        frame[column] = frame[column].astype(object)
    return frame
