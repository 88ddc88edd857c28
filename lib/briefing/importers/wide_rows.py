"""The rows of a wide sheet: section headings, indicators with their components, figures.

A row with a name, no unit of measure and no figure at all (no number, no *-* or
*x*; words such as *KT. GIÁM ĐỐC* under a signature do not count) is a heading: it
names the sector of the rows below it. *Trong đó:* opens
the components of the indicator above; rows marked ``-``, ``+`` or ``a)`` below it
are its parts (``part_of``) when they count in the same unit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from briefing.importers.ids import plain
from briefing.importers.records import Extract, Unplaced
from briefing.importers.sheets import cell_text, read_number
from briefing.importers.wide_header import Sheet

#: Numbering in front of a name: ``I.``, ``1.``, ``1.2.``, ``a)``, ``A/``, ``-``, ``+``, ``•``.
NUMBERING = re.compile(r"^\s*(?:(?:[IVXLC]+|[A-Z]|[a-zđ]|\d+(?:\.\d+)*)\s*[.)/]|[-+*\u2022\u2013\u00b7])\s+")
#: Numbering of a component, in front of its name: a dash, a plus, a bullet or a small letter.
COMPONENT_MARK = re.compile(r"^\s*(?:[-+*\u2022\u2013\u00b7]|[a-zđ]\s*[.)])")
#: The same in a numbering column (STT), where the letter may stand alone.
COMPONENT_NUMBER = re.compile(r"\s*(?:[-+*\u2022\u2013\u00b7]|[a-zđ]\s*[.)]?)\s*")
NOT_A_NUMBER = "a number (18.050, 56,4 or 18050), or -, x or ... for not reported"


@dataclass
class _State:
    """What the rows read so far say about the next one."""

    sector: str | None = None
    total: str | None = None          # the last indicator that is not a component
    components_of: str | None = None  # the total whose parts are being listed (after "Trong đó")
    used: dict[tuple, int] = field(default_factory=dict)
    units: list[str | None] = field(default_factory=list)


def clean_name(text: str) -> str:
    """A name without its numbering and spaces.

    >>> clean_name("I. LAO ĐỘNG - VIỆC LÀM"), clean_name("1.2. Đào tạo nghề "), clean_name("- Nữ")
    ('LAO ĐỘNG - VIỆC LÀM', 'Đào tạo nghề', 'Nữ')
    """
    text = re.sub(r"\s+", " ", str(text)).strip()
    for _ in range(3):
        shorter = NUMBERING.sub("", text, count=1).strip()
        if shorter == text or not shorter:
            break
        text = shorter
    return text


def read_rows(sheet: Sheet, decimal: str, extract: Extract) -> list[tuple]:
    """Observation tuples of every row below the header; indicators, units and unplaced cells noted."""
    grid, columns, state = sheet.grid, sheet.columns, _State()
    rows: list[tuple] = []
    for r in range(sheet.first_row, len(grid.cells)):
        raw_name = grid.text(r, columns.name, filled=True)
        name = clean_name(raw_name)
        figures = [(f, grid.cell(r, f.index)) for f in columns.figures]
        values = [read_number(v, decimal) for _, v in figures]
        unit = _row_unit(sheet, r, state, extract)
        if not name:
            if any(v is not None and not math.isnan(v) for v in values):
                extract.unplaced.append(Unplaced(sheet.place(r, columns.name), "",
                                                 "numbers in a row with no indicator name"))
            continue
        number = grid.text(r, columns.numbering) if columns.numbering is not None else ""
        if _starts_components(name, raw_name, number, state):
            name = _after_in_which(name)
            if not name:
                continue
        measure = grid.text(r, columns.measure) if columns.measure is not None else ""
        pending = any((r, f.index) in grid.pending for f, _ in figures)
        if not pending and not measure and all(v is None or math.isnan(v) and not cell_text(raw)
                                               for v, (_, raw) in zip(values, figures)):
            state.sector, state.total, state.components_of = name, None, None
            continue
        key = _indicator(name, unit, measure, r, state, extract)
        if unit is None and any(f.unit is None for f in columns.figures):
            extract.unplaced.append(Unplaced(sheet.place(r, columns.org[0] if columns.org else None), name,
                                             "a row with no org unit"))
        for (figure, raw), value in zip(figures, values):
            place = sheet.place(r, figure.index)
            if (r, figure.index) in grid.pending:
                extract.unplaced.append(Unplaced(place, "", "a formula whose result the file does not keep: "
                                                 "open the file in Excel or LibreOffice, save it, import again"))
            elif value is None:
                extract.unplaced.append(Unplaced(place, cell_text(raw), f"expected {NOT_A_NUMBER}"))
            elif figure.unit is not None or unit is not None:
                rows.append((key, figure.unit or unit, figure.period, value, figure.role, str(place)))
    return rows


def _row_unit(sheet: Sheet, r: int, state: _State, extract: Extract) -> str | None:
    """The org unit of a row: the right-most of its org unit columns that has one, else the sheet's.

    A blank org unit cell repeats the one above, unless a column to its left is filled
    in the same row (a province row after its districts). Units to the left are parents.
    """
    columns = sheet.columns
    if not columns.org:
        return sheet.unit
    names = [sheet.grid.text(r, c, filled=True) for c in columns.org]
    state.units = state.units or [None] * len(names)
    for i, name in enumerate(names):
        if name or any(names[:i]):
            state.units[i] = name or None
    known = [u for u in state.units if u]
    for parent, child in zip([None, *known], known):
        info = extract.units.setdefault(child, {"name": child})
        if parent is not None:
            info.setdefault("parent", parent)
    return known[-1] if known else sheet.unit


def _starts_components(name: str, raw_name: str, number: str, state: _State) -> bool:
    """True for a *Trong đó* row; a row not marked as a component ends the list of components.

    ``number`` is the row's numbering cell (STT), where forms often put the dash.
    """
    if plain(name).startswith("trong do"):
        state.components_of = state.total
        return True
    marked = COMPONENT_MARK.match(raw_name) or COMPONENT_NUMBER.fullmatch(number)
    if state.components_of is not None and not marked:
        state.components_of = None
    return False


def _after_in_which(name: str) -> str:
    """``Trong đó: nữ`` -> ``nữ``."""
    parts = name.split(None, 2)
    return parts[2].strip(" :,-") if len(parts) == 3 else ""


def _indicator(name: str, unit: str | None, measure: str, r: int, state: _State, extract: Extract) -> str:
    """The indicator's key (its name, told apart from an earlier row of the same name and unit), described."""
    total = state.components_of
    key = name
    if (unit, key) in state.used:
        key = f"{total or state.sector or ''} / {name}".lstrip(" /")
        if (unit, key) in state.used:
            key = f"{name} (row {r + 1})"
    state.used[(unit, key)] = r
    info = extract.indicators.setdefault(key, {"name": name})
    if measure:
        info.setdefault("unit", measure)
    if state.sector:
        info.setdefault("sector", state.sector)
        info.setdefault("sector_name", state.sector)
    if total is not None and _same_measure(extract.indicators.get(total, {}).get("unit"), measure):
        info.setdefault("part_of", total)
    if total is None:
        state.total = key
    return key


def _same_measure(total_unit: str | None, measure: str) -> bool:
    """Parts add up to their total only when both count the same thing (and not in %)."""
    return bool(measure) and total_unit is not None and plain(total_unit) == plain(measure) \
        and measure.strip() != "%"
