"""Reading DHIS2 exports with no mapping: analytics (JSON or CSV) and dataValueSets (JSON or CSV).

Names come from the analytics ``metaData`` (``items``, or ``names`` in older
servers), the tree from ``ouHierarchy`` when the request asked for it; DHIS2's
ids stay the keys (made valid later, in :mod:`briefing.importers.assemble`).
Category option combos are summed per data element unless the mapping says
``disaggregation: keep``; attribute option combos are always summed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from briefing.errors import InputError, Problem, shown
from briefing.importers.dhis2_shapes import CSV_SHAPES, SHAPES, Table, csv_shape, json_shape
from briefing.importers.ids import make_id
from briefing.importers.mapping import Mapping
from briefing.importers.numbers import decimals_of, read_number
from briefing.importers.period_ids import dhis2_period
from briefing.importers.records import Extract, observations_frame
from briefing.importers.sources import HEAD_CHARS, SourceFile
from briefing.importers.tally import Tally

NAME = "dhis2"
LAYOUT_KEYS: tuple[str, ...] = ("disaggregation",)
#: What ``disaggregation:`` may say: sum the category option combos, or keep each as a component.
DISAGGREGATIONS = ("sum", "keep")
#: DHIS2's own "default" category option combo (and attribute option combo).
DEFAULT_COMBO = "HllvX50cXC0"
#: Words in the first characters of a JSON file that say it is a DHIS2 export, even a broken one.
_JSON_MARKS = ('"headers"', '"dataValues"', '"metaData"')


def detects(source: SourceFile) -> bool:
    """A DHIS2 analytics or dataValueSets export, as JSON (even truncated) or CSV."""
    if source.is_workbook or source.text is None:
        return False
    if source.text.lstrip("\ufeff").lstrip().startswith(("{", "[")):
        document = source.json()
        if document is None:   # broken JSON: claim it when it says it is DHIS2, to name the place
            return any(mark in source.text[:HEAD_CHARS] for mark in _JSON_MARKS)
        return isinstance(document, dict) and json_shape(document) is not None
    return csv_shape(source.header()) is not None


def read(source: SourceFile, mapping: Mapping) -> Extract:
    """The observations, names and tree of a DHIS2 export."""
    disaggregation = _disaggregation(mapping)
    if source.text is not None and source.text.lstrip("\ufeff").lstrip().startswith(("{", "[")):
        document = _parsed(source)
        shape = json_shape(document) if isinstance(document, dict) else None
        if shape is None:
            raise InputError([Problem(source.name, "a DHIS2 analytics response (headers, rows, metaData) "
                                      "or a dataValueSets export (dataValues)",
                                      value=_keys_of(document))], "the import")
        table = SHAPES[shape](source, document)
    else:
        shape = csv_shape(source.header())
        if shape is None:
            raise InputError([Problem(source.name, "DHIS2 columns: dx, pe, ou and value (analytics), or "
                                      "dataelement, period, orgunit and value (dataValueSets)",
                                      line=1, value=", ".join(source.header()))], "the import")
        table = CSV_SHAPES[shape](source)
    return _extract(source, table, disaggregation)


def _disaggregation(mapping: Mapping) -> str:
    value = mapping.layout.get("disaggregation", "sum")
    if value not in DISAGGREGATIONS:
        raise InputError([mapping.problem(("disaggregation",), "sum or keep", shown(value),
                                          hint="keep makes each category option combo a component "
                                               "of its data element")], "the mapping")
    return value


def _parsed(source: SourceFile):
    """The JSON document; a broken one raises ``InputError`` with the line and column."""
    text = source.text.lstrip("\ufeff")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        line, column, what = error.lineno, error.colno, error.msg
        if not text.rstrip().endswith(("}", "]")):   # cut short: say so, at the file's last line
            last = text.rstrip()
            line, column, what = last.count("\n") + 1, len(last) - last.rfind("\n"), \
                "the file ends before the JSON does"
        raise InputError([Problem(source.name, f"complete, valid JSON ({what})", line=line,
                                  column=str(column),
                                  hint="download the export again: it may have been cut short")],
                         "the import") from None


def _keys_of(document) -> str:
    if isinstance(document, dict):
        return "keys " + ", ".join(list(map(str, document))[:8])
    return type(document).__name__


@dataclass
class _Sum:
    """Numbers met for one indicator, org unit and period, over combos."""

    value: float = 0.0
    reported: bool = False
    place: str = ""
    rows: int = 0
    combos: set = field(default_factory=set)

    def add(self, value: float, place: str, combo: str) -> None:
        if not math.isnan(value):
            self.value += value
            self.reported = True
        self.place = self.place or place
        self.rows += 1
        self.combos.add(combo)

    @property
    def total(self) -> float:
        return self.value if self.reported else math.nan

    @property
    def where(self) -> str:
        if self.rows == 1:
            return self.place
        return f"{self.place} and {self.rows - 1} more row{'s' if self.rows > 2 else ''} summed"


def _extract(source: SourceFile, table: Table, disaggregation: str) -> Extract:
    """Periods converted, numbers read, combos summed (or kept), names and tree attached."""
    tally = Tally()
    totals: dict[tuple, _Sum] = {}
    parts: dict[tuple, _Sum] = {}
    attributes: set[str] = set()
    shown: dict[str, int] = {}
    seen: dict[tuple, tuple[float, str]] = {}   # a row given twice is one number, not two combos to sum
    conflicts: list[Problem] = []
    for row in table.rows:
        missing = next((what for what in ("indicator", "org_unit") if not str(getattr(row, what)).strip()), None)
        if missing is not None:
            tally.add(f"a number with no {'data element' if missing == 'indicator' else 'org unit'}", row.value,
                      row.place_of(missing))
            continue
        period, reason = dhis2_period(row.period)
        if period is None:
            tally.add(f"{reason}: the contract has months, quarters, half years, years and days",
                      row.period, row.place_of("period"))
            continue
        value = read_number(row.value)
        if value is None:
            tally.add("not a number (a text, yes/no or option-set data element?)", row.value,
                      row.place_of("value"))
            continue
        place = str(row.place_of("value"))
        key = (row.indicator, row.combo, row.attribute, row.org_unit, period)
        if key in seen:
            if not _same(seen[key][0], value):
                conflicts.append(Problem(source.name, f"one value for {row.indicator}, {row.org_unit}, {period}"
                                         f"{', combo ' + row.combo if row.combo else ''}; the export gives "
                                         f"{seen[key][0]:g} at {seen[key][1]} and {value:g} at {place}",
                                         hint="export it again, or remove one of the two rows"))
            continue
        seen[key] = (value, place)
        totals.setdefault((row.indicator, row.org_unit, period), _Sum()).add(value, place, row.combo)
        parts.setdefault((row.indicator, row.combo, row.org_unit, period), _Sum()).add(value, place, row.combo)
        attributes.add(row.attribute)
        shown[row.indicator] = max(shown.get(row.indicator, 0), decimals_of(row.value))
    if conflicts:
        raise InputError(conflicts, "the import")
    combos = _combos_by_indicator(totals)
    notes = list(table.notes) + _combo_notes(combos, attributes, disaggregation)
    observations = [(key[0], key[1], key[2], s.total, "value", s.where) for key, s in totals.items()]
    indicators = {key: dict(about) for key, about in table.indicators.items() if key}
    if disaggregation == "keep":
        for (indicator, combo, unit, period), s in parts.items():
            if combos.get(indicator):
                component = f"{indicator}.{combo}"
                observations.append((component, unit, period, s.total, "value", s.where))
                indicators.setdefault(component, _component(indicator, combo, table))
                shown[component] = shown.get(indicator, 0)
    notes += _case_notes("indicator", [key for key, *_ in observations])
    notes += _case_notes("org unit", list(dict.fromkeys([*table.units, *(o[1] for o in observations)])))
    for indicator in dict.fromkeys(o[0] for o in observations):
        if shown.get(indicator):
            indicators.setdefault(indicator, {}).setdefault("decimals", shown[indicator])
        indicators.setdefault(indicator, {})
    units = {key: about for key, about in table.units.items() if key}
    return Extract(source=source.name, format=f"dhis2-{table.shape}", observations=observations_frame(observations),
                   indicators=indicators, units=units, unplaced=tally.unplaced(), notes=notes, lang="en")


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def _combos_by_indicator(totals: dict[tuple, _Sum]) -> dict[str, set]:
    """Each indicator's category option combos other than DHIS2's default one."""
    combos: dict[str, set] = {}
    for (indicator, *_), s in totals.items():
        combos.setdefault(indicator, set()).update(c for c in s.combos if c and c != DEFAULT_COMBO)
    return combos


def _combo_notes(combos: dict[str, set], attributes: set[str], disaggregation: str) -> list[str]:
    notes = []
    split = {k: v for k, v in combos.items() if v}
    if split:
        count = len(set().union(*split.values()))
        what = f"{len(split)} data element{'s' if len(split) != 1 else ''} ({', '.join(list(split)[:3])}" \
               f"{' …' if len(split) > 3 else ''}) given by {count} category option combo{'s' if count != 1 else ''}"
        if disaggregation == "keep":
            notes.append(f"{what}: each combo kept as a component of its data element's total")
        else:
            notes.append(f"{what}: summed into one value per data element (write disaggregation: keep in "
                         "the mapping to keep each combo as a component)")
    others = {a for a in attributes if a and a != DEFAULT_COMBO}
    if others:
        notes.append(f"values of {len(others)} attribute option combo{'s' if len(others) != 1 else ''} "
                     f"({', '.join(sorted(others)[:3])}) summed into one value per data element")
    return notes


def _component(indicator: str, combo: str, table: Table) -> dict:
    name = table.indicators.get(indicator, {}).get("name", indicator)
    combo_name = table.names.get(combo, combo)
    return {"name": f"{name} ({combo_name})", "part_of": indicator, "breakdown": "category"}


def _case_notes(what: str, keys: list[str]) -> list[str]:
    """Ids that differ only in case (or punctuation): made ids are lower-case, so one of them gets ``_2``.

    >>> _case_notes("org unit", ["KctpIIucige", "kctpiiucige", "Bo"])[0][:58]
    'org unit ids KctpIIucige, kctpiiucige differ only in case:'
    """
    by_id: dict[str, list[str]] = {}
    for key in dict.fromkeys(keys):
        by_id.setdefault(make_id(key), []).append(key)
    notes = []
    for made, same in by_id.items():
        if len(same) > 1:
            how = "case" if len({key.lower() for key in same}) == 1 else "case or punctuation"
            become = ", ".join([made] + [f"{made}_{n}" for n in range(2, len(same) + 1)])
            notes.append(f"{what} ids {', '.join(same)} differ only in {how}: ids are lower-case, so they "
                         f"become {become} in the order met (give each an id in the mapping to choose)")
    return notes
