"""The header of a wide sheet: where it is, and what each column under it holds.

The header is the first row naming the indicator column beside a period, plan or
result column, with the rows below it that carry more of it (merged cells spread
over their range); each column's cells are read top to bottom and combined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.importers.headers import PERIOD_EXAMPLES, When, read_label, resolve, specific, words
from briefing.importers.records import Extract, Place, Unplaced
from briefing.importers.sheets import Grid, cell_text, read_number
from briefing.importers.sources import column_letter
from briefing.importers.wide_layout import ColumnRule, Layout

#: Rows searched for the header.
HEADER_SEARCH_ROWS = 60
#: Rows a header may span (a title over a role over a month).
HEADER_DEPTH = 4
#: Kinds of column that hold no figure, and why each is left out.
NOT_FIGURES = {
    "remark": "a remarks column",
    "derived": "a derived or comparison column",
    "skip": "the mapping says skip",
}
ENGLISH_NAME_HEADERS = ("indicator", "indicators", "indicator name", "item")


@dataclass(frozen=True)
class Figure:
    """A column of numbers: what they are (role), when (a contract period key) and, if it says, where."""

    index: int
    role: str
    period: str
    unit: str | None
    header: str


@dataclass
class Columns:
    """What the columns of one sheet hold."""

    name: int
    header: dict[int, str]
    measure: int | None = None
    numbering: int | None = None
    org: list[int] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    english: bool = False


@dataclass
class Sheet:
    """One grid being read: its header rows, its own period and org unit, and its columns."""

    grid: Grid
    top: int
    bottom: int
    first_row: int
    context: When | None
    origin: str | None = None
    columns: Columns | None = None
    unit: str | None = None
    uses_context: bool = False

    def place(self, row: int | None, column: int | None) -> Place:
        """Where a cell is: sheet, Excel row and column letter (CSV: line and header name)."""
        grid = self.grid
        if grid.sheet is None and column is not None and self.columns is not None:
            name = self.columns.header.get(column) or column_letter(column)
            return Place(grid.file, None, None if row is None else row + 1, name)
        return Place(grid.file, grid.sheet, None if row is None else row + 1,
                     None if column is None else column_letter(column))


# --- the header rows -----------------------------------------------------------------------


def _kind(text: str, layout: Layout) -> str:
    rule = layout.rule([text])
    return rule.kind if rule is not None else read_label(text).kind


def header_rows(grid: Grid, layout: Layout) -> tuple[int, int, int] | None:
    """First and last header row and the indicator column, or None when there is no header."""
    if layout.header_row is not None:
        top = layout.header_row - 1
        if top >= len(grid.cells):
            return None
        name = _name_column(grid, top, layout)
    else:
        top, name = _find_header(grid, layout)
    if top is None or name is None:
        return None
    bottom = top
    while bottom + 1 < len(grid.cells) and bottom + 1 - top < HEADER_DEPTH \
            and _continues_header(grid, bottom + 1, name, layout):
        bottom += 1
    return top, bottom, name


def _find_header(grid: Grid, layout: Layout) -> tuple[int | None, int | None]:
    figures_only = None
    for r in range(min(len(grid.cells), HEADER_SEARCH_ROWS)):
        texts = {c: cell_text(v) for c, v in enumerate(grid.cells[r]) if cell_text(v)}
        kinds = {c: _kind(t, layout) for c, t in texts.items()}
        names = [c for c, k in kinds.items() if k == "indicator"]
        if names and any(k in ("figure", "org_unit", "text", "bad_period", "derived") for k in kinds.values()):
            return r, names[0]
        if figures_only is None and sum(k == "figure" for k in kinds.values()) >= 2:
            figures_only = r
    if figures_only is not None:
        return figures_only, _name_column(grid, figures_only, layout)
    return None, None


def _name_column(grid: Grid, top: int, layout: Layout) -> int | None:
    """The indicator column: named so in the header row, else the text column left of the figures."""
    kinds = {c: _kind(cell_text(v), layout) for c, v in enumerate(grid.filled[top]) if cell_text(v)}
    named = [c for c, k in kinds.items() if k == "indicator"]
    if named:
        return named[0]
    first_figure = min((c for c, k in kinds.items() if k == "figure"), default=grid.width)
    below = grid.cells[top + 1:top + 1 + 200]
    scores = {c: sum(1 for row in below if c < len(row) and isinstance(row[c], str)
                     and sum(ch.isalpha() for ch in row[c]) >= 3)
              for c in range(first_figure) if kinds.get(c, "text") == "text"}
    best = max(scores, key=lambda c: (scores[c], -c), default=None)
    return best if best is not None and scores[best] else None


def _continues_header(grid: Grid, r: int, name: int, layout: Layout) -> bool:
    """A row under the header that carries more of it: labels only, nothing in the indicator column.

    Its labels read as periods or roles, or (org units under a spanning *Huyện*) it has
    two texts or more, each under a merged cell of the row above.
    """
    if cell_text(grid.cell(r, name)):
        return False
    texts = {c: cell_text(v) for c, v in enumerate(grid.cells[r]) if cell_text(v)}
    kinds = {c: _kind(t, layout) for c, t in texts.items()}
    if not texts or any(_is_number_text(t) and kinds[c] != "figure" for c, t in texts.items()):
        return False
    if any(k != "text" for k in kinds.values()):
        return True
    return len(texts) >= 2 and all(grid.text(r - 1, c, filled=True) for c in texts) \
        and any(grid.cell(r - 1, c) is None for c in texts)


def _is_number_text(text: str) -> bool:
    value = read_number(text)
    return value is not None and value == value


def is_numbering_row(grid: Grid, r: int, name: int) -> bool:
    """The row of column numbers forms put under their header: A, B, 1, 2, (3), 4=3/1."""
    texts = [words(cell_text(v)) for v in grid.cells[r] if cell_text(v)]
    pattern = re.compile(r"[a-z]{1,2}|\d{1,2}|\d{1,2}\s*=.*|[a-z0-9]{1,2}\s*[=/*+-].*")
    return len(texts) >= 2 and all(pattern.fullmatch(t) for t in texts) \
        and len(cell_text(grid.cell(r, name))) <= 3


# --- what each column holds -------------------------------------------------------------------


def read_columns(sheet: Sheet, name: int, layout: Layout, extract: Extract) -> Columns:
    grid = sheet.grid
    parts = {c: _header_parts(grid, sheet.top, sheet.bottom, c) for c in range(grid.width)}
    columns = sheet.columns = Columns(name, {c: " / ".join(p) for c, p in parts.items() if p})
    columns.english = words(columns.header.get(name, "")) in ENGLISH_NAME_HEADERS
    rules = {c: layout.rule(p) or _combine(p) for c, p in parts.items() if p and c != name}
    has_org = any(rule.kind == "org_unit" for rule in rules.values())
    for c, rule in rules.items():
        reason = _place_column(columns, c, rule, has_org, sheet, extract)
        if reason:
            extract.unplaced.append(Unplaced(sheet.place(sheet.top, c), columns.header[c], reason))
    for c in range(grid.width):
        if c not in parts or not parts[c]:
            if any(_is_number_text(cell_text(row[c])) for row in grid.cells[sheet.first_row:] if c < len(row)):
                extract.unplaced.append(Unplaced(sheet.place(sheet.top, c), "", "numbers under no header"))
    return columns


def _header_parts(grid: Grid, top: int, bottom: int, column: int) -> list[str]:
    parts: list[str] = []
    for r in range(top, bottom + 1):
        text = grid.text(r, column, filled=True)
        if text and (not parts or parts[-1] != text):
            parts.append(text)
    return parts


def _combine(parts: list[str]) -> ColumnRule:
    """What a column holds from its header's rows, top to bottom (a spanning cell over its own)."""
    labels = [read_label(p) for p in parts]
    kinds = [label.kind for label in labels]
    if "derived" in kinds:
        return ColumnRule("derived")
    if kinds[-1] == "text" and "org_unit" in kinds:   # a unit's name under a spanning "Huyện"
        return ColumnRule("figure", "value", When("current"), labels[-1].text)
    for label in reversed(labels):
        if label.kind in ("indicator", "measure", "org_unit", "numbering", "remark"):
            return ColumnRule(label.kind)
    if "bad_period" in kinds:
        return ColumnRule("bad_period", unit=next(label.text for label in labels if label.kind == "bad_period"))
    figures = [label for label in labels if label.kind == "figure"]
    texts = [label.text for label in labels if label.kind == "text"]
    roles = {label.role for label in figures if label.role}
    role = next((r for r in ("target", "cumulative") if r in roles), "value")
    years = [label.when for label in figures if label.role is None and label.when.kind == "year"]
    others = [label.when for label in figures if label.role is not None or label.when.kind != "year"]
    if others:
        when = specific(others)
        when = when.with_year(years[0].year) if years else when
    else:
        when = specific(years) or When("current")
    return ColumnRule("figure", role, when, texts[-1] if texts else None)


def _place_column(columns: Columns, c: int, rule: ColumnRule, has_org: bool, sheet: Sheet,
                  extract: Extract) -> str | None:
    """Record column ``c`` in ``columns``; the reason it holds nothing the import takes, if so."""
    if rule.kind in ("measure", "numbering", "indicator"):
        if rule.kind == "measure" and columns.measure is None:
            columns.measure = c
        elif rule.kind == "numbering" and columns.numbering is None:
            columns.numbering = c
        return None if rule.kind != "indicator" else "a second column of indicator names"
    if rule.kind == "org_unit":
        columns.org.append(c)
        return None
    if rule.kind in NOT_FIGURES:
        return NOT_FIGURES[rule.kind]
    if rule.kind == "bad_period":
        return f"a period label the import cannot read (it reads {PERIOD_EXAMPLES})"
    unit = rule.unit
    if unit is not None and has_org:
        return "a column the import does not know (the sheet has a column of org units): say what it " \
               "holds in the mapping's columns:"
    if unit is not None and not any(_is_number_text(cell_text(row[c])) for row in
                                    sheet.grid.cells[sheet.first_row:] if c < len(row)):
        return "a column of text the import does not know: say what it holds in the mapping's columns:"
    resolved = resolve(rule.role, rule.when, sheet.context)
    sheet.uses_context |= rule.when is not None and (rule.when.kind == "current" or rule.when.year is None)
    if isinstance(resolved, str):
        return f"{rule.role} with no period: the column needs {resolved}"
    columns.figures.append(Figure(c, resolved[0], resolved[1], unit, columns.header[c]))
    if unit is not None:
        extract.units.setdefault(unit, {"name": unit})
    return None
