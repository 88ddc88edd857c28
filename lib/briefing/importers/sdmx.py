"""Reading SDMX-CSV (versions 1 and 2), the exchange format of statistical offices, with no mapping.

One row is one observation: ``TIME_PERIOD``, ``OBS_VALUE``, the area (``REF_AREA``,
or the column ``area:`` names), the other dimensions and the attributes. An
indicator is the dataflow plus every dimension whose code varies in the file
(``FREQ`` aside); its key is the codes joined by dots (``22_293.F``). Where one
varying dimension has a total code (``_T``, ``TOTAL`` ...), its other codes are
components of that total. ``UNIT_MULT`` scales the values (3: thousands), and
``DECIMALS`` and ``UNIT_MEASURE`` describe the indicator. Cells exported with
labels (``ITF3: Campania``, headers ``REF_AREA: Reference area``) give the names.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from briefing.errors import InputError, Problem, shown
from briefing.importers.mapping import Mapping
from briefing.importers.numbers import decimals_of, read_number
from briefing.importers.period_ids import sdmx_period
from briefing.importers.records import Extract, Place, observations_frame
from briefing.importers.sources import SourceFile
from briefing.importers.tally import Tally
from briefing.inputs.contract import MAX_DECIMALS

NAME = "sdmx"
LAYOUT_KEYS: tuple[str, ...] = ("area", "dimensions")
#: Columns that say which dataflow (or structure) a row belongs to, and what to do with it.
PREFIX = ("DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "KEY", "SERIES_KEY")
#: Area dimensions looked for, in order, when the mapping names none.
AREAS = ("REF_AREA", "GEO", "COUNTRY", "ITTER107", "AREA")
#: Columns that are attributes wherever they stand; any other column before OBS_VALUE is a dimension
#: (the unit too: OECD and Eurostat make it one, and a unit that varies tells series apart).
ATTRIBUTES = re.compile(r"^(UNIT_MULT|DECIMALS|OBS_STATUS|OBS_CONF|OBS_FLAG|CONF_STATUS|TIME_FORMAT|BASE_PER|"
                        r"EMBARGO.*|COMMENT.*|NOTE.*|TITLE.*|OBS_COMMENT|COLLECTION|BREAKS|SOURCE.*|"
                        r"VALID_FROM|VALID_TO)$")
#: Codes of a total, and of "not applicable", in SDMX's cross-domain code lists.
TOTALS = ("_T", "T", "TOTAL", "TOT")
NOT_APPLICABLE = "_Z"
#: Not reported: an empty cell, SDMX's NaN, Eurostat's colon.
MISSING = ("", "NAN", ":")
_FLOW_ID = re.compile(r"^(?:[^:]+:)?([^(]+)(?:\(.*\))?$")


def detects(source: SourceFile) -> bool:
    """A CSV whose header has ``OBS_VALUE`` and ``TIME_PERIOD``, or opens with ``DATAFLOW``/``STRUCTURE``."""
    if source.is_workbook or source.text is None or source.text.lstrip().startswith(("{", "[")):
        return False
    header = [_code(cell).upper() for cell in source.header()]
    return bool(header) and ({"OBS_VALUE", "TIME_PERIOD"} <= set(header) or header[0] in ("DATAFLOW", "STRUCTURE"))


@dataclass(frozen=True)
class _Columns:
    """Where things stand in the header: index of each role, and the dimension columns."""

    header: list
    time: int
    value: int
    area: int
    dimensions: tuple[int, ...]
    at: dict

    def place(self, source: SourceFile, line: int, index: int) -> Place:
        return Place(source.name, row=line, column=self.header[index].strip())


def read(source: SourceFile, mapping: Mapping) -> Extract:
    """The observations of an SDMX-CSV file, its areas as org units, its series as indicators."""
    rows = source.rows()
    columns = _columns(source, rows[0] if rows else [], mapping)
    labels: dict[int, dict[str, str]] = {}   # column -> code -> label
    tally, records = Tally(), []
    deleted, statuses, multipliers = 0, Counter(), Counter()
    for line, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        cells = [c.strip() for c in cells] + [""] * (len(columns.header) - len(cells))
        codes = {i: _split(cells[i], labels.setdefault(i, {})) for i in range(len(columns.header))}
        if codes.get(columns.at.get("ACTION"), "").upper() == "D":
            deleted += 1
            continue
        if not codes[columns.area]:
            tally.add("a number with no area: the org unit it counts for is not said", cells[columns.value],
                      columns.place(source, line, columns.area))
            continue
        period, reason = sdmx_period(codes[columns.time])
        if period is None:
            tally.add(f"{reason}: the contract has months, quarters, half years, years and days",
                      codes[columns.time], columns.place(source, line, columns.time))
            continue
        value = read_number(cells[columns.value], MISSING)
        if value is None:
            tally.add("OBS_VALUE is not a number", cells[columns.value], columns.place(source, line, columns.value))
            continue
        power, text = _power(codes.get(columns.at.get("UNIT_MULT"), "")), cells[columns.value]
        if power and not math.isnan(value):
            multipliers[power] += 1
            text = format(Decimal(text).scaleb(power), "f")   # 420.084 x 10^3 is 420084, exactly
            value = float(text)
        if columns.at.get("OBS_STATUS") is not None and codes[columns.at["OBS_STATUS"]]:
            statuses[codes[columns.at["OBS_STATUS"]]] += 1
        records.append((_flow(codes, columns, source), tuple(codes[i] for i in columns.dimensions),
                        codes[columns.area], period, value, line, codes, decimals_of(text)))
    return _extract(source, columns, records, labels, tally, _notes(deleted, statuses, multipliers))


def _columns(source: SourceFile, header: list[str], mapping: Mapping) -> _Columns:
    ids = [_code(cell).upper() for cell in header]
    at = {name: i for i, name in reversed(list(enumerate(ids)))}
    problems = []
    for needed in ("TIME_PERIOD", "OBS_VALUE"):
        if needed not in at:
            problems.append(Problem(source.name, f"an SDMX-CSV column {needed}", line=1,
                                    value=", ".join(header)[:200]))
    area = _area(at, mapping, problems, source, header)
    dimensions = _dimensions(ids, at, mapping, problems)
    if problems:
        raise InputError(problems, "the import" if not any(p.file == mapping.file for p in problems)
                         else "the mapping")
    dimensions = tuple(i for i in dimensions if i != area)
    return _Columns(header, at["TIME_PERIOD"], at["OBS_VALUE"], area, dimensions, at)


def _area(at: dict, mapping: Mapping, problems: list, source: SourceFile, header: list) -> int | None:
    wanted = mapping.layout.get("area")
    if wanted is not None:
        if not isinstance(wanted, str) or wanted.strip().upper() not in at:
            problems.append(mapping.problem(("area",), "the name of a column of the file: "
                                            + ", ".join(_code(h) for h in header)[:200], shown(wanted)))
            return None
        return at[wanted.strip().upper()]
    for name in AREAS:
        if name in at:
            return at[name]
    problems.append(Problem(source.name, f"an area column ({', '.join(AREAS)})", line=1,
                            value=", ".join(header)[:200], hint="name it in the mapping: area: <column>"))
    return None


def _dimensions(ids: list[str], at: dict, mapping: Mapping, problems: list) -> list[int]:
    """The dimension columns: the mapping's list, else the columns before OBS_VALUE that are no attribute."""
    wanted = mapping.layout.get("dimensions")
    if wanted is not None:
        if not isinstance(wanted, list) or not all(isinstance(w, str) and w.strip().upper() in at for w in wanted):
            problems.append(mapping.problem(("dimensions",), "a list of column names of the file: "
                                            + ", ".join(ids)[:200], shown(wanted)))
            return []
        return [at[w.strip().upper()] for w in wanted]
    end = at.get("OBS_VALUE", len(ids))
    return [i for i, name in enumerate(ids[:end])
            if name not in PREFIX and name != "TIME_PERIOD" and not ATTRIBUTES.match(name)]


def _code(header: str) -> str:
    """The id of a header written with its label (``REF_AREA: Reference area`` -> ``REF_AREA``).

    >>> _code("REF_AREA: Reference area"), _code("FREQ:Frequency"), _code("OBS_VALUE")
    ('REF_AREA', 'FREQ', 'OBS_VALUE')
    """
    head = header.split(":", 1)[0].strip()
    return head if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", head) else header.strip()


def _split(cell: str, labels: dict[str, str]) -> str:
    """The code of a cell, its label (when it has one) noted in ``labels``."""
    if ": " not in cell:
        return cell
    code, label = cell.split(": ", 1)
    labels.setdefault(code.strip(), label.strip())
    return code.strip()


def _power(text: str) -> int:
    return int(text) if re.fullmatch(r"-?\d{1,2}", text) else 0


def _flow(codes: dict, columns: _Columns, source: SourceFile) -> str:
    for name in ("DATAFLOW", "STRUCTURE_ID"):
        if name in columns.at and codes[columns.at[name]]:
            match = _FLOW_ID.match(codes[columns.at[name]])
            return match.group(1) if match else codes[columns.at[name]]
    return source.path.stem


def _extract(source, columns: _Columns, records: list, labels: dict, tally: Tally, notes: list[str]) -> Extract:
    varying = _varying(records, columns)
    keys = {(flow, dims): ".".join([flow] + [dims[p] for p in varying]) for flow, dims, *_ in records}
    observations, indicators, units = [], {}, {}
    for flow, dims, area, period, value, line, codes, decimals in records:
        key = keys[(flow, dims)]
        place = str(columns.place(source, line, columns.value))
        observations.append((key, area, period, value, "value", place))
        if key not in indicators:
            indicators[key] = _about(flow, dims, varying, codes, columns, labels)
        if decimals > indicators[key].get("decimals", 0) and "DECIMALS" not in columns.at:
            indicators[key]["decimals"] = decimals
        units.setdefault(area, {"name": labels[columns.area][area]} if area in labels[columns.area] else {})
    _components(indicators, keys, varying, columns)
    return Extract(source=source.name, format="sdmx", observations=observations_frame(observations),
                   indicators=indicators, units=units, unplaced=tally.unplaced(), notes=notes, lang="en")


def _varying(records: list, columns: _Columns) -> list[int]:
    """Positions (in ``columns.dimensions``) of the dimensions whose code varies, FREQ aside."""
    found = []
    for position, index in enumerate(columns.dimensions):
        if _code(columns.header[index]).upper() == "FREQ":
            continue
        if len({dims[position] for _, dims, *_ in records}) > 1:
            found.append(position)
    return found


def _about(flow, dims, varying, codes, columns: _Columns, labels: dict) -> dict:
    """What the file says about one indicator: name, unit, decimals."""
    flow_index = columns.at.get("DATAFLOW", columns.at.get("STRUCTURE_ID"))
    flow_name = labels.get(flow_index, {}).get(codes.get(flow_index, ""), flow) if flow_index is not None else flow
    parts = []
    for position in varying:
        index = columns.dimensions[position]
        dimension = columns.header[index].split(":", 1)[-1].strip() if ":" in columns.header[index] \
            else columns.header[index].strip()
        parts.append(f"{dimension}: {labels.get(index, {}).get(dims[position], dims[position])}")
    about = {"name": flow_name + (f" ({', '.join(parts)})" if parts else "")}
    for unit_column in ("UNIT_MEASURE", "UNIT_MEAS", "UNIT"):
        index = columns.at.get(unit_column)
        if index is not None and codes[index]:
            about["unit"] = labels.get(index, {}).get(codes[index], codes[index])
            break
    decimals = codes.get(columns.at.get("DECIMALS"), "")
    if re.fullmatch(r"\d{1,2}", decimals):
        power = _power(codes.get(columns.at.get("UNIT_MULT"), ""))
        about["decimals"] = min(max(int(decimals) - power, 0), MAX_DECIMALS)
    return about


def _components(indicators: dict, keys: dict, varying: list[int], columns: _Columns) -> None:
    """Mark each series that differs from a total series in one dimension as its component."""
    totals = {}
    for flow, dims in keys:
        for position in varying:
            if dims[position].upper() in TOTALS:
                totals.setdefault((flow, position), dims[position])
    for (flow, dims), key in keys.items():
        apart = [p for p in varying if dims[p].upper() not in TOTALS and dims[p].upper() != NOT_APPLICABLE]
        if len(apart) != 1 or (flow, apart[0]) not in totals:
            continue
        whole = list(dims)
        whole[apart[0]] = totals[(flow, apart[0])]
        parent = keys.get((flow, tuple(whole)))
        if parent is not None:
            indicators[key]["part_of"] = parent
            indicators[key]["breakdown"] = _code(columns.header[columns.dimensions[apart[0]]]).lower()


def _notes(deleted: int, statuses: Counter, multipliers: Counter) -> list[str]:
    notes = []
    if deleted:
        notes.append(f"{deleted} row{'s' if deleted != 1 else ''} with ACTION D (delete) left out")
    for power, count in sorted(multipliers.items()):
        notes.append(f"{count:,} values multiplied by 10^{power} (UNIT_MULT {power})")
    flagged = {s: n for s, n in statuses.items() if s.upper() != "A"}
    if flagged:
        notes.append("observation status: " + ", ".join(f"{n:,} marked {s}" for s, n in sorted(flagged.items())))
    return notes
