"""``briefing import``: read the sources, apply the mapping, write and validate a contract folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.importers.assemble import Assembled, assemble
from briefing.importers.formats import LAYOUT_KEYS, format_of
from briefing.importers.mapping import Mapping, load_mapping
from briefing.importers.records import Extract, Place, Unplaced
from briefing.importers.sources import open_source
from briefing.importers.write import check_destination, write_contract
from briefing.inputs.dataset import CheckedData

#: Lines of "not placed" shown before the rest are counted (all of them are in the import log).
SHOWN_UNPLACED = 25


@dataclass
class Imported:
    """What an import made: the checked data set, how it was assembled, what each source was."""

    dataset: CheckedData
    assembled: Assembled
    extracts: list[Extract]
    mapping: Mapping


def read_sources(sources: list, mapping: Mapping) -> list[Extract]:
    """Each source read by its format's reader (detected, or named by the mapping)."""
    extracts = []
    for path in sources:
        source = open_source(path)
        extracts.append(format_of(source, mapping).read(source, mapping))
    return extracts


def mapping_from(path) -> Mapping:
    """The mapping file at ``path``, or the empty mapping when there is none."""
    return load_mapping(path, LAYOUT_KEYS) if path else Mapping()


def import_sources(sources: list, out, mapping_path=None, force: bool = False) -> Imported:
    """Read, assemble, validate and write; ``out`` changes only when everything succeeded.

    Raises ``InputError`` (exit 2) for a source that cannot be read, a mapping that is
    wrong, sources that contradict each other, or tables that do not validate.
    """
    paths = [Path(s) for s in sources]
    out = Path(out)
    check_destination(out, paths, force)
    mapping = mapping_from(mapping_path)
    extracts = read_sources(paths, mapping)
    assembled = assemble(extracts, mapping)
    dataset = write_contract(assembled.tables, out, _log(extracts, assembled, mapping))
    return Imported(dataset, assembled, extracts, mapping)


def _log(extracts: list[Extract], assembled: Assembled, mapping: Mapping) -> dict:
    from briefing import __version__

    return {
        "written_by": f"briefing {__version__} (briefing import)",
        "sources": [{"file": e.source, "format": e.format, "numbers": len(e.observations)} for e in extracts],
        "mapping": {"file": mapping.file, "text": mapping.text} if mapping.text else None,
        "indicator_ids": assembled.indicator_ids,
        "org_unit_ids": assembled.unit_ids,
        "assumed_kinds": assembled.assumed_kinds,
        "empty_cells": assembled.empty_cells,
        "notes": assembled.notes,
        "look_alike": assembled.look_alike,
        "not_placed": [str(u) for u in assembled.unplaced],
    }


def describe_import(imported: Imported, out) -> str:
    """What the import made, what it assumed, and what it could not place, as the command prints it."""
    a, data = imported.assembled, imported.dataset
    formats = sorted({e.format for e in imported.extracts})
    count = len(imported.extracts)
    lines = [f"imported {count} source{'s' if count != 1 else ''} ({', '.join(formats)}) into {out}"]
    kinds = data.indicators["kind"].value_counts()
    lines.append(f"  indicators: {len(data.indicators)} ("
                 + ", ".join(f"{n} {k}" for k, n in kinds.items()) + ")")
    if a.assumed_kinds:
        kinds = data.indicators.set_index("indicator_id")["kind"]
        lines.append(f"              {len(a.assumed_kinds)} given no kind, taken as flows (rates for %): "
                     + _some([f"{i} ({kinds[i]})" if kinds[i] != "flow" else i for i in a.assumed_kinds])
                     + " (set kind: in the mapping where that is wrong)")
    roots = data.tree.roots
    lines.append(f"  org units:  {len(data.tree.units)} ({len(roots)} root{'s' if len(roots) != 1 else ''}: "
                 f"{_some(roots)})")
    periods = sorted(set(data.values["period"]))
    if periods:
        lines.append(f"  periods:    {_periods_text(periods)}")
    targets = len(data.targets) if data.targets is not None else 0
    lines.append(f"  rows:       {len(data.values):,} values, {targets:,} targets"
                 + (f"; {a.empty_cells:,} empty cells read as not reported" if a.empty_cells else ""))
    if a.unplaced:
        grouped = unplaced_lines(a.unplaced)
        lines.append(f"not placed ({len(a.unplaced)}):")
        lines += [f"  - {line}" for line in grouped[:SHOWN_UNPLACED]]
        if len(grouped) > SHOWN_UNPLACED:
            lines.append(f"  ... and {len(grouped) - SHOWN_UNPLACED} more, all listed in "
                         f"{Path(out) / 'briefing-import.json'}")
    for title, items in (("notes", a.notes), ("look alike", a.look_alike)):
        if items:
            lines.append(f"{title}:")
            lines += [f"  - {n}" for n in items[:SHOWN_UNPLACED]]
            if len(items) > SHOWN_UNPLACED:
                lines.append(f"  ... and {len(items) - SHOWN_UNPLACED} more in the import log")
    if periods:
        lines.append(f"next: briefing run --data {out} --period {_latest_month(periods)} --unit {roots[0]}")
    return "\n".join(lines)


def unplaced_lines(unplaced: list) -> list[str]:
    """One line per thing not placed; the same text and reason in several sheets is one line.

    A form repeats its header on every sheet: "'% so KH' in sheets Hồng Dân, Giá Rai ..., column G"
    says once what twenty lines would say.
    """
    groups: dict[tuple, list] = {}
    for item in unplaced:
        place = item.place
        if isinstance(place, Place) and place.sheet is not None:
            key = (item.text, item.reason, place.file, place.row, place.column)
        else:
            key = (id(item),)
        groups.setdefault(key, []).append(item)
    lines = []
    for items in groups.values():
        if len(items) == 1:
            lines.append(str(items[0]))
            continue
        first = items[0].place
        where = f"{first.file} [sheets {_some([i.place.sheet for i in items], 4)}]"
        where += (f", row {first.row}" if first.row is not None else "") + \
            (f", column {first.column}" if first.column is not None else "")
        lines.append(str(Unplaced(where, items[0].text, items[0].reason)))
    return lines


def _periods_text(periods: list[str]) -> str:
    """The periods the values are given for, by kind: "months 2020-01 … 2020-06, half years 2020S1"."""
    from briefing.periods import DAY, parse_period

    kinds: dict[str, list[str]] = {}
    for key in periods:
        kind = "days" if DAY.match(key) else {"month": "months", "quarter": "quarters", "half": "half years",
                                              "year": "years"}[parse_period(key).kind]
        kinds.setdefault(kind, []).append(key)
    parts = []
    for kind in ("months", "quarters", "half years", "years", "days"):
        keys = kinds.get(kind)
        if keys:
            parts.append(f"{kind} {keys[0]}" + (f" … {keys[-1]} ({len(keys)})" if len(keys) > 1 else ""))
    return ", ".join(parts)


def _some(items: list[str], shown: int = 5) -> str:
    return ", ".join(items[:shown]) + (f" and {len(items) - shown} more" if len(items) > shown else "")


def _latest_month(periods: list[str]) -> str:
    from briefing.periods import DAY, parse_period

    keys = [parse_period(p) for p in periods if not DAY.match(p)]
    if not keys:
        return periods[-1][:7]
    return max(keys, key=lambda p: (p.last_month, -p.length)).key
