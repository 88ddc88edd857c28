"""Reading wide tables: report forms in ``.xlsx`` or CSV, with periods, plans or org units as columns.

A sheet is read in four steps: find its header (the row naming the indicator
column, with a second or third row below it when header cells are merged),
learn its own period and org unit (mapping, sheet name, title rows), tell what
each column holds (:mod:`briefing.importers.wide_header`), then read the rows below
(:mod:`briefing.importers.wide_rows`): section headings, indicators, figures.
"""

from __future__ import annotations

from briefing.errors import InputError, Problem
from briefing.importers.headers import When, find_period, parse_when, resolve
from briefing.importers.mapping import Mapping
from briefing.importers.records import Extract, Place, Unplaced, observations_frame
from briefing.importers.sheets import Grid, load_grids
from briefing.importers.sources import SourceFile
from briefing.importers.wide_header import Sheet, header_rows, is_numbering_row, read_columns
from briefing.importers.wide_layout import LAYOUT_KEYS as _LAYOUT_KEYS
from briefing.importers.wide_layout import Layout, read_layout
from briefing.importers.wide_rows import read_rows

NAME = "wide"
LAYOUT_KEYS: tuple[str, ...] = _LAYOUT_KEYS
NO_HEADER = ("a header row: a row naming the indicator column (Chỉ tiêu, Nội dung, Indicator) beside "
             "period, plan or result columns (Tháng 6, Kế hoạch năm, Thực hiện, 2020-06)")


def detects(source: SourceFile) -> bool:
    """Any workbook, and any text file of rows with two cells or more that is not JSON."""
    if source.is_workbook:
        return True
    if source.text is None or source.json() is not None:
        return False
    return any(sum(1 for cell in row if cell.strip()) >= 2 for row in source.rows(limit=50))


def read(source: SourceFile, mapping: Mapping) -> Extract:
    """Every sheet the mapping wants (all by default), as one :class:`Extract`."""
    layout = read_layout(mapping)
    grids = load_grids(source)
    chosen = [g for g in grids if (layout.wants(g.sheet) if layout.sheets else not g.hidden)] \
        if grids[0].sheet is not None else grids
    extract = Extract(source.name, NAME, observations_frame(), lang=mapping.lang or "vi")
    _note_sheets_left_out(extract, grids, chosen, layout)
    sheet_is = layout.sheet_is or _sheets_are(chosen)
    rows, problems, sheets = [], [], []
    for grid in chosen:
        sheet = _open_sheet(grid, layout, sheet_is, extract)
        if sheet is None:
            problems.append(Problem(grid.label, NO_HEADER, hint="give header_row: in the mapping"))
            extract.unplaced.append(Unplaced(Place(grid.file, grid.sheet), "", "no header row found"))
            continue
        sheets.append(sheet)
        sheet.unit = _sheet_unit(sheet, layout, sheet_is, mapping, extract)
        if mapping.lang is None and sheet.columns.english:
            extract.lang = "en"
        decimal = layout.decimal or ("." if extract.lang == "en" else ",")
        rows += read_rows(sheet, decimal, extract)
    if len(problems) == len(chosen):
        raise InputError(problems or [Problem(source.name, "a sheet to read; the mapping's sheets: names none "
                                                           "of the sheets")], "the import")
    _note_own_periods(extract, sheets)
    extract.observations = observations_frame(rows)
    return extract


def _note_sheets_left_out(extract: Extract, grids: list[Grid], chosen: list[Grid], layout: Layout) -> None:
    left = [g.sheet for g in grids if g not in chosen]
    if left:
        why = "the mapping's sheets: leaves them out" if layout.sheets else "they are hidden"
        extract.notes.append(f"{extract.source}: sheets not read ({why}): {', '.join(left)}")


def _sheets_are(grids: list[Grid]) -> str | None:
    """``period`` when every sheet is named as a period, ``unit`` when there are several others."""
    names = [g.sheet for g in grids if g.sheet is not None]
    if names and all(parse_when(name) is not None for name in names):
        return "period"
    return "unit" if len(names) > 1 else None


def _open_sheet(grid: Grid, layout: Layout, sheet_is: str | None, extract: Extract) -> Sheet | None:
    """The sheet with its header, own period and columns read; None when it has no header."""
    found = header_rows(grid, layout)
    if found is None:
        return None
    top, bottom, name = found
    first = bottom + 1
    if first < len(grid.cells) and is_numbering_row(grid, first, name):
        first += 1
    sheet = Sheet(grid, top, bottom, first, *_context(grid, top, layout, sheet_is))
    sheet.columns = read_columns(sheet, name, layout, extract)
    return sheet


# --- the sheet's own period and org unit ----------------------------------------------------


def _context(grid: Grid, top: int, layout: Layout, sheet_is: str | None) -> tuple[When | None, str | None]:
    """The sheet's period, and where it was read: the mapping, the sheet's name (sheets as periods),
    or the title rows (which also give the year of labels that have none)."""
    title, origin = None, None
    for r in range(top):
        for value in grid.cells[r]:
            if isinstance(value, str) and title is None:
                title, origin = find_period(value), f"the title (row {r + 1})"
    year = layout.year or (title.year if title is not None else None)
    if layout.period is not None:
        return layout.period, None
    if sheet_is == "period" and grid.sheet is not None and parse_when(grid.sheet) is not None:
        return parse_when(grid.sheet).with_year(year), "the name"
    if title is not None:
        return title.with_year(year), origin
    return (When("year", None, year), None) if year is not None else (None, None)


def _note_own_periods(extract: Extract, sheets: list[Sheet]) -> None:
    """Say which period columns such as *Thực hiện* or *Lũy kế* were given, and where it was read."""
    groups: dict[tuple, list[str]] = {}
    for sheet in sheets:
        if sheet.origin is not None and sheet.uses_context:
            key = resolve("value", When("current"), sheet.context)
            groups.setdefault((key[1] if isinstance(key, tuple) else "?", sheet.origin), []).append(sheet.grid.sheet)
    for (period, origin), names in groups.items():
        where = f" of sheets {', '.join(names)}" if names[0] is not None else ""
        extract.notes.append(f"{extract.source}: the report's period, {period}, read from {origin}{where}, gives "
                             "its period or its year to each column that names none (Thực hiện, Tháng 6)")


def _sheet_unit(sheet: Sheet, layout: Layout, sheet_is: str | None, mapping: Mapping,
                extract: Extract) -> str | None:
    """The org unit of figures whose row and column name none; an error when one is needed and missing."""
    columns = sheet.columns
    needed = not columns.org and any(f.unit is None for f in columns.figures)
    unit = layout.unit
    if unit is None and sheet_is == "unit" and sheet.grid.sheet is not None:
        unit = sheet.grid.sheet
    if unit is None and needed and mapping.root is not None:
        unit = mapping.root["id"]
        extract.units.setdefault(unit, {"name": mapping.root.get(f"name_{extract.lang}") or unit})
    if unit is None and needed:
        raise InputError([Problem(sheet.grid.label, "an org unit for its figures: no column names org "
                                  "units (Đơn vị, Huyện) and no header is a unit's name",
                                  hint="give unit: <its name> (or root:) in the mapping, or sheet_is: unit "
                                       "when each sheet is one org unit")], "the import")
    if unit is not None and needed:
        extract.units.setdefault(unit, {"name": unit})
    return unit
