"""The four shapes a DHIS2 export comes in, each read into the same rows: analytics and
dataValueSets, as JSON or CSV.

A shape reader returns a :class:`Table`: one :class:`Row` per number, as written
(DHIS2 period ids, value text), with the names and the tree the file gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.errors import InputError, Problem
from briefing.importers.records import Place
from briefing.importers.sources import SourceFile

#: Analytics headers that are no dimension of the number.
_NOT_DIMENSIONS = {"value", "numerator", "denominator", "factor", "multiplier", "divisor"}
#: DHIS2 aggregation types -> the contract's kind (the others are left to the default or the mapping).
AGGREGATION_KINDS = {"SUM": "flow", "COUNT": "flow", "AVERAGE": "average", "LAST": "stock",
                     "LAST_SUM_ORG_UNIT": "stock", "LAST_IN_PERIOD": "stock", "AVERAGE_SUM_ORG_UNIT": "stock",
                     "LAST_AVERAGE_ORG_UNIT": "rate", "LAST_IN_PERIOD_AVERAGE_ORG_UNIT": "rate"}
#: CSV headers (lower case, letters only) -> what they hold, per shape.
_DATAVALUE_COLUMNS = {"dataelement": "indicator", "period": "period", "orgunit": "org_unit", "value": "value",
                      "catoptcombo": "combo", "categoryoptioncombo": "combo", "coc": "combo",
                      "attroptcombo": "attribute", "attributeoptioncombo": "attribute", "aoc": "attribute",
                      "deleted": "deleted"}
_ANALYTICS_IDS = {"dx": "indicator", "pe": "period", "ou": "org_unit", "co": "combo", "value": "value",
                  "dataid": "indicator", "periodid": "period", "organisationunitid": "org_unit",
                  "orgunitid": "org_unit", "categoryoptioncomboid": "combo"}
_ANALYTICS_NAMES = {"data": "indicator", "dataname": "indicator", "period": "period", "periodname": "period",
                    "organisationunit": "org_unit", "organisationunitname": "org_unit", "orgunit": "org_unit",
                    "categoryoptioncombo": "combo", "value": "value"}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]


@dataclass
class Row:
    """One number of the export as written, with where it stands."""

    indicator: str
    period: str
    org_unit: str
    value: str
    combo: str = ""
    attribute: str = ""
    file: str = ""
    sheet: str | None = None
    line: int | None = None
    columns: dict = field(default_factory=dict, repr=False)

    def place_of(self, what: str) -> Place:
        """The place of one of the row's fields (``period``, ``value`` ...)."""
        return Place(self.file, self.sheet, self.line, self.columns.get(what))


@dataclass
class Table:
    """What a shape reader found: rows, the indicators' and org units' names, the tree."""

    shape: str
    rows: list[Row]
    indicators: dict[str, dict] = field(default_factory=dict)
    units: dict[str, dict] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def json_shape(document: dict) -> str | None:
    """``analytics``, ``datavalues`` or None for a JSON document."""
    if "dataValues" in document:
        return "datavalues"
    if "headers" in document and ("rows" in document or "metaData" in document):
        return "analytics"
    return None


def csv_shape(header: list[str]) -> str | None:
    """``analytics``, ``datavalues`` or None for a CSV file's header row."""
    found = {_plain(h) for h in header}
    if {"dataelement", "period", "orgunit", "value"} <= found:
        return "datavalues"
    if {"dx", "pe", "ou", "value"} <= found:
        return "analytics"
    if "value" in found and {"data", "dataid"} & found and {"period", "periodid"} & found \
            and {"organisationunit", "organisationunitid", "orgunit", "orgunitid"} & found:
        return "analytics"
    return None


def _plain(header: str) -> str:
    """A header compared: lower case, letters only, one spelling of organisation."""
    return re.sub(r"[^a-z]", "", str(header).lower()).replace("organization", "organisation")


def _fail(source: SourceFile, expected: str, **where) -> InputError:
    return InputError([Problem(source.name, expected, **where)], "the import")


def read_analytics_json(source: SourceFile, document: dict) -> Table:
    """An analytics response: ``headers``, ``rows`` and ``metaData``."""
    headers, rows = document.get("headers"), document.get("rows")
    if not isinstance(headers, list) or not all(isinstance(h, dict) and h.get("name") for h in headers):
        raise _fail(source, "a list of headers, each with a name (dx, pe, ou, value)", column="headers")
    if not isinstance(rows, list):
        raise _fail(source, "a list of rows: this response has none (was it cut short, or asked with "
                            "skipData=true?)", column="rows")
    names = [str(h["name"]) for h in headers]
    index = {name: i for i, name in enumerate(names)}
    missing = [n for n in ("dx", "pe", "ou", "value") if n not in index]
    if missing:
        raise _fail(source, f"the aggregate analytics columns dx, pe, ou and value; {', '.join(missing)} "
                            "missing (an event or enrollment query is not aggregate data)",
                    column="headers", value=", ".join(names))
    extra = [n for n in names if n not in ("dx", "pe", "ou") and n not in _NOT_DIMENSIONS]
    meta = document.get("metaData") if isinstance(document.get("metaData"), dict) else {}
    labels = _meta_names(meta)
    table = Table("analytics", [], names=labels)
    problems = []
    for number, cells in enumerate(rows, start=1):
        if not isinstance(cells, list) or len(cells) != len(names):
            problems.append(Problem(f"{source.name} [rows]", f"a row of {len(names)} cells ({', '.join(names)})",
                                    line=number, value=str(cells)[:80]))
            continue
        cells = ["" if c is None else str(c) for c in cells]
        table.rows.append(Row(cells[index["dx"]], cells[index["pe"]], cells[index["ou"]], cells[index["value"]],
                              combo=".".join(cells[index[n]] for n in extra), file=source.name, sheet="rows",
                              line=number, columns={"period": "pe", "value": "value", "indicator": "dx",
                                                         "org_unit": "ou"}))
    if problems:
        raise InputError(problems, "the import")
    if extra:
        table.names.update({".".join(parts): ", ".join(labels.get(p, p) for p in parts)
                            for parts in {tuple(r.combo.split(".")) for r in table.rows}})
    table.indicators = _indicators(meta, labels, [r.indicator for r in table.rows])
    table.units = _tree(meta, labels, [r.org_unit for r in table.rows])
    return table


def _meta_names(meta: dict) -> dict[str, str]:
    """Id -> name from ``metaData.items`` (or the older ``metaData.names``)."""
    names = {}
    items = meta.get("items")
    if isinstance(items, dict):
        names.update({str(k): str(v["name"]) for k, v in items.items() if isinstance(v, dict) and v.get("name")})
    old = meta.get("names")
    if isinstance(old, dict):
        names.update({str(k): str(v) for k, v in old.items() if isinstance(v, str)})
    return names


def _indicators(meta: dict, labels: dict, keys: list[str]) -> dict[str, dict]:
    dimensions = meta.get("dimensions") if isinstance(meta.get("dimensions"), dict) else {}
    items = meta.get("items") if isinstance(meta.get("items"), dict) else {}
    found = {}
    for key in dict.fromkeys([*map(str, dimensions.get("dx") or []), *keys]):
        about = {"name": labels[key]} if key in labels else {}
        item = items.get(key) if isinstance(items.get(key), dict) else {}
        if item.get("aggregationType") in AGGREGATION_KINDS:
            about["kind"] = AGGREGATION_KINDS[item["aggregationType"]]
        found[key] = about
    return found


def _tree(meta: dict, labels: dict, keys: list[str]) -> dict[str, dict]:
    """Org units with names, each with its parent from ``ouHierarchy`` (ancestors added, root first)."""
    paths = meta.get("ouHierarchy") if isinstance(meta.get("ouHierarchy"), dict) else {}
    dimensions = meta.get("dimensions") if isinstance(meta.get("dimensions"), dict) else {}
    units: dict[str, dict] = {}

    def add(key: str, parent: str | None) -> None:
        about = units.setdefault(key, {"name": labels[key]} if key in labels else {})
        if parent is not None and about.get("parent") is None:
            about["parent"] = parent

    for key in dict.fromkeys([*map(str, dimensions.get("ou") or []), *keys]):
        ancestors = [a for a in str(paths.get(key) or "").split("/") if a and a != key]
        for i, ancestor in enumerate(ancestors):
            add(ancestor, ancestors[i - 1] if i else None)
        add(key, ancestors[-1] if ancestors else None)
    return units


def read_analytics_csv(source: SourceFile, _document=None) -> Table:
    """An analytics table as CSV: ids (``dx,pe,ou,value``) or names (``Data,Period,Organisation unit``)."""
    rows = source.rows()
    header = [_plain(h) for h in rows[0]]
    ids = {_ANALYTICS_IDS[h]: i for i, h in enumerate(header) if h in _ANALYTICS_IDS}
    names = {_ANALYTICS_NAMES[h]: i for i, h in enumerate(header) if h in _ANALYTICS_NAMES}
    keys = {what: ids.get(what, names.get(what)) for what in ("indicator", "period", "org_unit", "combo", "value")}
    table = Table("analytics", [])
    columns = {what: rows[0][keys[what]].strip() for what in ("period", "value", "indicator", "org_unit")}
    for line, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))
        cell = {what: cells[i].strip() for what, i in keys.items() if i is not None}
        period = cell["period"] if "period" in ids else _period_id(cell["period"])
        table.rows.append(Row(cell["indicator"], period, cell["org_unit"], cell["value"], combo=cell.get("combo", ""),
                              file=source.name, line=line, columns=columns))
        for what, found in (("indicator", table.indicators), ("org_unit", table.units)):
            name = cells[names[what]].strip() if what in names and names[what] != keys[what] else None
            found.setdefault(cell[what], {"name": name} if name else {})
    return table


def _period_id(text: str) -> str:
    """DHIS2's id of a period name as the human export writes it ("January 2020", "January - March 2020").

    >>> _period_id("January 2020"), _period_id("April - June 2020"), _period_id("July - December 2020")
    ('202001', '2020Q2', '2020S2')
    >>> _period_id("Week 3 2020-01-13 - 2020-01-19"), _period_id("2020")
    ('2020W3', '2020')
    """
    words = text.strip().lower()
    match = re.fullmatch(r"([a-z]+)(?:\s*-\s*([a-z]+))?\s+(\d{4})", words)
    if match and match.group(1) in _MONTHS and (match.group(2) is None or match.group(2) in _MONTHS):
        first = _MONTHS.index(match.group(1)) + 1
        last = _MONTHS.index(match.group(2)) + 1 if match.group(2) else first
        year, span = match.group(3), last - first + 1
        if span == 1:
            return f"{year}{first:02d}"
        if span == 3 and first % 3 == 1:
            return f"{year}Q{first // 3 + 1}"
        if span == 6 and first in (1, 7):
            return f"{year}S{first // 6 + 1}"
    week = re.match(r"week\s+(\d+)\s+(\d{4})", words)
    if week:
        return f"{week.group(2)}W{week.group(1)}"
    return text.strip()


def read_datavalues_csv(source: SourceFile, _document=None) -> Table:
    """A dataValueSets CSV: ``dataelement,period,orgunit,catoptcombo,attroptcombo,value,...,deleted``."""
    rows = source.rows()
    header = [_plain(h) for h in rows[0]]
    at = {_DATAVALUE_COLUMNS[h]: i for i, h in reversed(list(enumerate(header))) if h in _DATAVALUE_COLUMNS}
    columns = {what: rows[0][i].strip() for what, i in at.items()}
    table, deleted = Table("datavalues", []), 0
    for line, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))
        cell = {what: cells[i].strip() for what, i in at.items()}
        if cell.get("deleted", "").lower() == "true":
            deleted += 1
            continue
        table.rows.append(Row(cell["indicator"], cell["period"], cell["org_unit"], cell["value"],
                              combo=cell.get("combo", ""), attribute=cell.get("attribute", ""),
                              file=source.name, line=line, columns=columns))
    table.notes += _deleted_note(deleted)
    return table


def read_datavalues_json(source: SourceFile, document: dict) -> Table:
    """A dataValueSets JSON: ``{"dataValues": [{dataElement, period, orgUnit, value ...}]}``."""
    values = document.get("dataValues")
    if not isinstance(values, list):
        raise _fail(source, "a list of data values", column="dataValues")
    table, deleted, problems = Table("datavalues", []), 0, []
    columns = {"period": "period", "value": "value", "indicator": "dataElement", "org_unit": "orgUnit"}
    for number, item in enumerate(values, start=1):
        if not isinstance(item, dict) or not item.get("dataElement") \
                or not (item.get("orgUnit") or document.get("orgUnit")):
            problems.append(Problem(f"{source.name} [dataValues]", "a data value with dataElement, period, "
                                    "orgUnit and value", line=number, value=str(item)[:80]))
            continue
        if str(item.get("deleted", "")).lower() == "true":
            deleted += 1
            continue
        value = item.get("value")
        table.rows.append(Row(str(item["dataElement"]), str(item.get("period") or document.get("period") or ""),
                              str(item.get("orgUnit") or document.get("orgUnit")),
                              "" if value is None else str(value).lower() if isinstance(value, bool) else str(value),
                              combo=str(item.get("categoryOptionCombo") or ""),
                              attribute=str(item.get("attributeOptionCombo") or document.get("attributeOptionCombo")
                                            or ""),
                              file=source.name, sheet="dataValues", line=number, columns=columns))
    if problems:
        raise InputError(problems, "the import")
    table.notes += _deleted_note(deleted)
    return table


def _deleted_note(count: int) -> list[str]:
    return [f"{count} data value{'s' if count != 1 else ''} marked deleted left out"] if count else []


#: Shape name -> its reader.
SHAPES = {"analytics": read_analytics_json, "datavalues": read_datavalues_json}
CSV_SHAPES = {"analytics": read_analytics_csv, "datavalues": read_datavalues_csv}
