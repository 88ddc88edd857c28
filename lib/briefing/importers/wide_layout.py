"""The mapping keys of wide tables: which sheets, which header row, what each column holds.

::

    year: 2020                  # the year of labels that give none (Tháng 1 ... Tháng 12, Quý I)
    period: 2020-06             # the period of columns such as "Thực hiện" (also: Tháng 6/2020)
    unit: Huyện Hồng Dân        # the org unit of a file or sheet that holds one
    sheet_is: unit              # each sheet's name is its org unit (unit) or its period (period)
    sheets: ["H. *", Toàn tỉnh] # the sheets read (names or patterns with * and ?)
    header_row: 7               # the Excel row of the header (the top one when there are two)
    decimal: ","                # the decimal mark of numbers written as text
    columns:                    # a header's text -> what its column holds
      "Ghi chú": skip
      "Cùng kỳ": {role: cumulative, period: 2019-06}
      "TH kỳ này": value
      "Huyện": org_unit
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field

from briefing.errors import InputError, shown
from briefing.importers.headers import PERIOD_EXAMPLES, When, parse_when, words
from briefing.importers.mapping import Mapping
from briefing.periods import MAX_YEAR, MIN_YEAR

LAYOUT_KEYS = ("year", "period", "unit", "sheet_is", "sheets", "header_row", "decimal", "columns")
SHEET_IS = ("unit", "period")
#: What a ``columns:`` entry may say a column holds, besides a role or a period.
COLUMN_KINDS = ("indicator", "unit_of_measure", "org_unit", "skip")
COLUMN_ROLES = ("value", "cumulative", "target")
_KIND_OF = {"indicator": "indicator", "unit_of_measure": "measure", "org_unit": "org_unit", "skip": "skip"}


@dataclass(frozen=True)
class ColumnRule:
    """What the mapping says one column holds: a kind, or a figure's role, period and org unit."""

    kind: str                    # figure, indicator, measure, org_unit, skip
    role: str | None = None
    when: When | None = None
    unit: str | None = None


@dataclass
class Layout:
    """The wide reader's mapping keys, checked."""

    year: int | None = None
    period: When | None = None
    unit: str | None = None
    sheet_is: str | None = None
    sheets: list[str] = field(default_factory=list)
    header_row: int | None = None
    decimal: str | None = None
    columns: dict[str, ColumnRule] = field(default_factory=dict)

    def wants(self, sheet: str) -> bool:
        """True when the sheet is to be read (every sheet when ``sheets:`` is not given)."""
        return not self.sheets or any(fnmatch.fnmatchcase(sheet, p) or words(sheet) == words(p)
                                      for p in self.sheets)

    def rule(self, parts: list[str]) -> ColumnRule | None:
        """The mapping's rule for a column whose header reads ``parts`` (top to bottom)."""
        for text in [" ".join(parts), *reversed(parts)]:
            rule = self.columns.get(words(text))
            if rule is not None:
                return rule
        return None


def read_layout(mapping: Mapping) -> Layout:
    """The checked layout keys of a mapping; every bad value raises one ``InputError``."""
    given, problems, layout = mapping.layout, [], Layout()
    if "year" in given:
        year = given["year"]
        if isinstance(year, int) and not isinstance(year, bool) and MIN_YEAR <= year <= MAX_YEAR:
            layout.year = year
        else:
            problems.append(mapping.problem(("year",), f"a year from {MIN_YEAR} to {MAX_YEAR}", shown(year)))
    if "period" in given:
        when = parse_when(given["period"]) if isinstance(given["period"], (str, int)) else None
        when = when.with_year(layout.year) if when is not None else None
        if when is None or when.year is None:
            problems.append(mapping.problem(("period",), f"a period with its year, e.g. {PERIOD_EXAMPLES}",
                                            shown(given["period"])))
        else:
            layout.period = when
    if "unit" in given:
        if isinstance(given["unit"], (str, int)) and not isinstance(given["unit"], bool) \
                and str(given["unit"]).strip():
            layout.unit = str(given["unit"]).strip()
        else:
            problems.append(mapping.problem(("unit",), "the name of an org unit", shown(given["unit"])))
    if "sheet_is" in given:
        if given["sheet_is"] in SHEET_IS:
            layout.sheet_is = given["sheet_is"]
        else:
            problems.append(mapping.problem(("sheet_is",), "unit or period", shown(given["sheet_is"])))
    if "sheets" in given:
        sheets = given["sheets"]
        sheets = [sheets] if isinstance(sheets, (str, int)) and not isinstance(sheets, bool) else sheets
        if isinstance(sheets, list) and sheets and all(isinstance(s, (str, int)) for s in sheets):
            layout.sheets = [str(s) for s in sheets]
        else:
            problems.append(mapping.problem(("sheets",), "a sheet name, or a list of names or patterns "
                                                         "such as \"H. *\"", shown(sheets)))
    if "header_row" in given:
        row = given["header_row"]
        if isinstance(row, int) and not isinstance(row, bool) and row >= 1:
            layout.header_row = row
        else:
            problems.append(mapping.problem(("header_row",), "the Excel row number of the header (1, 2 ...)",
                                            shown(row)))
    if "decimal" in given:
        if given["decimal"] in (",", "."):
            layout.decimal = given["decimal"]
        else:
            problems.append(mapping.problem(("decimal",), "\",\" or \".\" (in quotes)", shown(given["decimal"])))
    if "columns" in given:
        layout.columns = _read_columns(mapping, given["columns"], layout.year, problems)
    if problems:
        raise InputError(problems, "the mapping")
    return layout


def _read_columns(mapping: Mapping, value, year: int | None, problems: list) -> dict[str, ColumnRule]:
    expected = (f"one of {', '.join(COLUMN_KINDS + COLUMN_ROLES)}, a period ({PERIOD_EXAMPLES}), or "
                "{role: ..., period: ..., unit: ...}")
    if not isinstance(value, dict):
        problems.append(mapping.problem(("columns",), "header texts, each followed by a colon and what its "
                                                      "column holds", shown(value)))
        return {}
    rules = {}
    for header, entry in value.items():
        rule = _column_rule(entry, year)
        if rule is None:
            problems.append(mapping.problem(("columns", header), expected, shown(entry)))
        else:
            rules[words(header)] = rule
    return rules


def _column_rule(entry, year: int | None) -> ColumnRule | None:
    if isinstance(entry, (str, int)) and not isinstance(entry, bool):
        word = str(entry).strip()
        if word in _KIND_OF:
            return ColumnRule(_KIND_OF[word])
        if word in COLUMN_ROLES:
            return ColumnRule("figure", word, When("current"))
        when = parse_when(word)
        return ColumnRule("figure", "value", when.with_year(year)) if when is not None else None
    if not isinstance(entry, dict) or not entry or not set(entry) <= {"role", "period", "unit"}:
        return None
    role = entry.get("role", "value")
    if role not in COLUMN_ROLES:
        return None
    when = When("current")
    if entry.get("period") is not None:
        when = parse_when(entry["period"]) if isinstance(entry["period"], (str, int)) else None
        if when is None:
            return None
        when = when.with_year(year)
    unit = entry.get("unit")
    if unit is not None and (not isinstance(unit, (str, int)) or not str(unit).strip()):
        return None
    return ColumnRule("figure", role, when, None if unit is None else str(unit).strip())
