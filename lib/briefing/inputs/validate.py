"""Checks of the input tables: every problem found, with file, line, column and value."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from briefing.errors import InputError, Problem
from briefing.inputs.checks import check_known, check_not_empty, check_pattern, check_text, check_unique, rows_problems
from briefing.inputs.contract import (
    DEFAULT_MULTIPLIER,
    DERIVED,
    DIRECTIONS,
    INDICATOR_ID_PATTERN,
    KINDS,
    MAX_DECIMALS,
    MAX_MAGNITUDE,
    MAX_TREE_DEPTH,
    NO,
    ORG_UNIT_EXPECTED,
    ORG_UNIT_PATTERN,
    SUMMED_OVER_UNITS,
    YES,
)
from briefing.inputs.daily import check_days_against_months, fold_days, read_period_keys
from briefing.inputs.dossiers import check_dossiers
from briefing.inputs.numbers import NOT_REPORTED, check_magnitude, parse_numbers
from briefing.inputs.read import RawTable


@dataclass(frozen=True)
class CheckedTables:
    """Typed tables that passed every check."""

    indicators: pd.DataFrame
    sectors: pd.DataFrame
    org_units: pd.DataFrame | None
    values: pd.DataFrame
    targets: pd.DataFrame
    dossiers: pd.DataFrame | None
    #: Warnings that change nothing, e.g. rows read as not reported.
    notes: tuple[str, ...] = ()


def check_tables(tables: dict[str, RawTable], problems: list[Problem],
                 source: str = "input") -> CheckedTables:
    """Check every table that could be read against the contract and each other.

    ``problems`` holds what reading already found; checks that need a table
    that could not be read are skipped, so every other problem is still listed.

    Raises
    ------
    InputError
        Listing every problem found in every table.
    """
    problems = list(problems)
    for table in tables.values():
        check_text(table, problems)
    indicators = None
    if "indicators" in tables:
        indicators = check_indicators(tables["indicators"], problems)
    sectors = check_sectors(tables.get("sectors"), problems)
    org_units = check_org_units(tables.get("org_units"), problems)
    known_units = None if org_units is None else set(org_units["org_unit"])
    values = targets = None
    notes: list[str] = []
    if "values" in tables:
        values = check_values(tables["values"], indicators, known_units, problems, notes)
    targets = check_targets(tables.get("targets"), indicators, known_units, problems)
    dossiers = check_dossiers(tables.get("dossiers"), known_units, problems)
    if problems:
        raise InputError(problems, source=source)
    return CheckedTables(indicators, sectors, org_units, values, targets, dossiers, tuple(notes))


# --- the indicator catalogue -------------------------------------------------------


def check_indicators(table: RawTable, problems: list) -> pd.DataFrame:
    """Check ``indicators.csv`` and return it typed, optional columns filled in."""
    frame = _with_columns(table.frame, table.spec.columns)
    table = RawTable(table.spec, table.label, frame)
    check_not_empty(table, ["indicator_id", "sector", "kind"], problems)
    check_pattern(table, "indicator_id", INDICATOR_ID_PATTERN,
                  "an id of lower-case letters, digits, '_', '.' or '-'", problems)
    check_unique(table, ["indicator_id"], "indicator", problems)
    unnamed = (frame["name_vi"] == "") & (frame["name_en"] == "")
    problems += rows_problems(table, unnamed, "name_vi", "a name in name_vi or name_en")
    frame["kind"] = frame["kind"].str.lower()
    frame["direction"] = frame["direction"].str.lower().replace("", "up")
    problems += rows_problems(table, ~frame["kind"].isin(KINDS) & (frame["kind"] != ""), "kind",
                              f"one of {', '.join(KINDS)}")
    problems += rows_problems(table, ~frame["direction"].isin(DIRECTIONS), "direction",
                              "up (more is better) or down (less is better)")
    frame["decimals"] = _check_decimals(table, problems)
    frame["signed"] = _check_yes_no(table, "signed", problems)
    frame["multiplier"] = _check_multiplier(table, problems)
    _check_part_of(table, problems)
    _check_breakdown(table, problems)
    _check_parts(table, problems)
    return frame


def _check_yes_no(table: RawTable, column: str, problems: list) -> pd.Series:
    text = table.frame[column].str.lower()
    bad = ~text.isin(YES + NO)
    problems += rows_problems(table, bad, column, "yes or no (empty: no)")
    return text.isin(YES)


def _check_multiplier(table: RawTable, problems: list) -> pd.Series:
    """The factor of a ratio (default 100); only ratios take one."""
    frame = table.frame
    raw = frame["multiplier"]
    number = pd.to_numeric(raw, errors="coerce")   # an empty cell reads as NaN
    given = raw != ""
    bad = given & (number.isna() | ~(number > 0) | ~(number < MAX_MAGNITUDE))
    problems += rows_problems(table, bad, "multiplier",
                              "a number above 0: 100 for a percentage, 1000 or 100000 for a rate "
                              "per thousand or per 100,000")
    problems += rows_problems(table, given & ~bad & (frame["kind"] != "ratio"), "multiplier",
                              "no multiplier: only a ratio takes one")
    return number.where(given & ~bad, DEFAULT_MULTIPLIER).astype(float)


def _check_breakdown(table: RawTable, problems: list) -> None:
    """A breakdown names how a component splits its total (sex, age): only with part_of."""
    frame = table.frame
    given = frame["breakdown"] != ""
    check_pattern(RawTable(table.spec, table.label, frame[given]), "breakdown",
                  INDICATOR_ID_PATTERN, "a key of lower-case letters, digits, '_', '.' or '-' "
                  "(sex, age)", problems)
    problems += rows_problems(table, given & (frame["part_of"] == ""), "breakdown",
                              "a breakdown only for a component: set part_of to its total too")


def _check_parts(table: RawTable, problems: list) -> None:
    """A ratio names its numerator and denominator; an average may name its weight.

    Each is another listed indicator, and no chain of parts comes back to where it started.
    """
    frame = table.frame
    ids = set(frame["indicator_id"])
    kinds = dict(zip(frame["indicator_id"], frame["kind"]))
    is_ratio, is_average = frame["kind"] == "ratio", frame["kind"] == "average"
    for column, wanted, what in (("numerator", is_ratio, "ratio"), ("denominator", is_ratio, "ratio"),
                                 ("weight", is_average, "average")):
        given = frame[column] != ""
        problems += rows_problems(table, wanted & ~given & (column != "weight"), column,
                                  f"the indicator_id of the {column} of this ratio")
        problems += rows_problems(table, given & ~wanted, column,
                                  f"no {column}: only an {what} takes one" if what == "average"
                                  else f"no {column}: only a ratio takes one")
        unknown = given & wanted & ~frame[column].isin(ids)
        problems += rows_problems(table, unknown, column, "the indicator_id of a listed indicator")
        itself = given & wanted & (frame[column] == frame["indicator_id"])
        problems += rows_problems(table, itself, column, "another indicator; it names itself")
        kind_of_part = frame[column].map(kinds)
        if column == "weight":
            bad_kind = given & wanted & ~unknown & ~itself & ~kind_of_part.isin(SUMMED_OVER_UNITS)
            problems += rows_problems(table, bad_kind, column,
                                      "a weight that adds up over units: a flow, stock or "
                                      "cumulative indicator (population, workers)")
    parts = {row.indicator_id: [p for p in (row.numerator, row.denominator, row.weight)
                                if p in ids and p != row.indicator_id]
             for row in frame[is_ratio | is_average].itertuples()}
    for start in _cycle_members_of_graph(parts):
        line = int(frame.loc[frame["indicator_id"] == start, "_line"].iloc[0])
        problems.append(Problem(table.label, "parts (numerator, denominator, weight) that end at "
                                "indicators with rows; they go round in a circle", line,
                                "numerator", start))


def _cycle_members_of_graph(edges: dict[str, list[str]]) -> list[str]:
    """Keys from which following ``edges`` comes back to the key itself (iterative: any depth)."""
    state: dict[str, int] = {}
    members: set[str] = set()
    for start in edges:
        if start in state:
            continue
        path, stack = [start], [iter(edges.get(start, ()))]
        state[start] = 1
        while stack:
            target = next(stack[-1], None)
            if target is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(target) == 1:
                members.update(path[path.index(target):])
            elif target not in state:
                state[target] = 1
                path.append(target)
                stack.append(iter(edges.get(target, ())))
    return [key for key in edges if key in members]


def _with_columns(frame: pd.DataFrame, columns) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        if column not in frame:
            frame[column] = ""
    return frame


def _check_decimals(table: RawTable, problems: list) -> pd.Series:
    raw = table.frame["decimals"].replace("", "0")
    decimals = pd.to_numeric(raw, errors="coerce")
    bad = decimals.isna() | (decimals % 1 != 0) | (decimals < 0) | (decimals > MAX_DECIMALS)
    problems += rows_problems(table, bad, "decimals", f"a whole number from 0 to {MAX_DECIMALS}")
    return decimals.where(~bad, 0).astype(int)


def _check_part_of(table: RawTable, problems: list) -> None:
    frame = table.frame
    ids = set(frame["indicator_id"])
    kinds = dict(zip(frame["indicator_id"], frame["kind"]))
    has_total = frame["part_of"] != ""
    unknown = has_total & ~frame["part_of"].isin(ids)
    problems += rows_problems(table, unknown, "part_of", "the indicator_id of a listed indicator")
    self_ref = has_total & (frame["part_of"] == frame["indicator_id"])
    problems += rows_problems(table, self_ref, "part_of", "another indicator; it names itself")
    known = has_total & ~unknown & ~self_ref
    valid_kind = frame["kind"].isin(KINDS) & frame["part_of"].map(kinds).isin(KINDS)
    non_additive = frame["kind"].isin(["rate", "ratio", "average"])
    mismatch = known & valid_kind & ~non_additive & (frame["kind"] != frame["part_of"].map(kinds))
    problems += rows_problems(table, mismatch, "part_of",
                              "a total of the same kind as the component")
    rates = known & non_additive
    problems += rows_problems(table, rates, "part_of",
                              "no total for a rate, ratio or average; they do not add up")
    parents = dict(zip(frame["indicator_id"][known], frame["part_of"][known]))
    for start in _cycle_members(parents):
        line = int(frame.loc[frame["indicator_id"] == start, "_line"].iloc[0])
        problems.append(Problem(table.label, "part_of links that end at a total; they go round "
                                "in a circle", line, "part_of", parents[start]))


def _cycle_members(parents: dict[str, str]) -> list[str]:
    """Keys from which following ``parents`` comes back to the key itself.

    Each key is visited once (linear, whatever the depth): a walk stops at a
    key an earlier walk settled, and the keys it went round are the cycle.
    """
    members, settled = set(), set()
    for start in parents:
        path, on_path, node = [], {}, start
        while node in parents and node not in settled and node not in on_path:
            on_path[node] = len(path)
            path.append(node)
            node = parents[node]
        if node in on_path:
            members.update(path[on_path[node]:])
        settled.update(path)
    return [key for key in parents if key in members]


def _depths(parents: dict[str, str]) -> dict[str, int]:
    """Levels below its root of each key of ``parents`` whose parents end at a root.

    Keys that are not in ``parents`` are roots (level 0); keys on a cycle, or
    above one, are left out. Each key is visited once.
    """
    depth: dict[str, int | None] = {}
    for start in parents:
        path, on_path, node = [], set(), start
        while node in parents and node not in depth and node not in on_path:
            on_path.add(node)
            path.append(node)
            node = parents[node]
        base = None if node in on_path else depth.get(node, 0) if node in parents else 0
        for level, key in enumerate(reversed(path), 1):
            depth[key] = None if base is None else base + level
    return {key: level for key, level in depth.items() if level is not None}


# --- sectors and org units ---------------------------------------------------------


def check_sectors(table: RawTable | None, problems: list) -> pd.DataFrame:
    """Check ``sectors.csv`` (optional) and return it with both name columns."""
    if table is None:
        return pd.DataFrame({"sector": [], "name_vi": [], "name_en": []}, dtype=str)
    frame = _with_columns(table.frame, table.spec.columns)
    table = RawTable(table.spec, table.label, frame)
    check_not_empty(table, ["sector"], problems)
    check_unique(table, ["sector"], "sector", problems)
    return frame


def check_org_units(table: RawTable | None, problems: list) -> pd.DataFrame | None:
    """Check ``org_units.csv`` (optional): ids, parents, and that the tree has no cycle."""
    if table is None:
        return None
    frame = _with_columns(table.frame, table.spec.columns)
    table = RawTable(table.spec, table.label, frame)
    check_not_empty(table, ["org_unit"], problems)
    check_pattern(table, "org_unit", ORG_UNIT_PATTERN,
                  ORG_UNIT_EXPECTED, problems)
    check_unique(table, ["org_unit"], "org unit", problems)
    ids = set(frame["org_unit"])
    has_parent = frame["parent"] != ""
    problems += rows_problems(table, has_parent & ~frame["parent"].isin(ids), "parent",
                              "an org_unit listed in this file, or empty for a root")
    problems += rows_problems(table, has_parent & (frame["parent"] == frame["org_unit"]),
                              "parent", "another unit; a unit cannot be its own parent")
    parents = {u: p for u, p in zip(frame["org_unit"], frame["parent"]) if p and p in ids and p != u}
    lines = dict(zip(frame["org_unit"], frame["_line"]))
    for unit in _cycle_members(parents):
        problems.append(Problem(table.label, "a tree; following parents from here goes round "
                                "in a circle", int(lines[unit]), "parent", parents[unit]))
    for unit, level in _depths(parents).items():
        if level == MAX_TREE_DEPTH + 1:
            problems.append(Problem(
                table.label, f"a tree at most {MAX_TREE_DEPTH:,} levels below its root; this "
                "unit is one level deeper", int(lines[unit]), "parent", parents[unit],
                hint="a province, its districts and their communes take 2 levels; "
                     "check the parent column",
            ))
    return frame


# --- values and targets ------------------------------------------------------------


def check_values(table: RawTable, indicators: pd.DataFrame | None, known_units: set | None,
                 problems: list, notes: list | None = None) -> pd.DataFrame:
    """Check ``values.csv`` and return it typed: categories, canonical periods, floats.

    Rows whose value is empty or ``NA`` are not reported: they are left out (the
    same as no row, so the month counts as a gap) and ``notes`` says how many.
    """
    notes = [] if notes is None else notes
    as_written = table
    frame = table.frame.copy(deep=False) if table.typed else _type_text_values(table, problems)
    table = RawTable(table.spec, table.label, frame, typed=True)
    _check_ids(table, indicators, known_units, problems)
    written_periods = frame["period"]
    frame["period"] = _check_periods(table, problems)
    check_unique(table, ["indicator_id", "org_unit", "period"],
                 "indicator, org unit and period", problems, written=written_periods)
    check_days_against_months(table, written_periods, problems)
    # Quoted as written; the fast reader leaves every value that is not reportable to the
    # text reader, which reports unreadable and overflowing numbers itself.
    reportable = check_magnitude(as_written, frame["value"], "value", problems)
    if indicators is not None:
        _check_value_range(table, indicators, reportable, problems, notes)
    if indicators is not None and not problems:
        frame = _drop_derived(frame, indicators, table.label, notes)
    missing = frame["value"].isna().to_numpy()
    if missing.any() and not problems:
        lines = frame["_line"].to_numpy()[missing]
        notes.append(f"{table.label}: {_rows(len(lines))} without a value (empty or NA) read as "
                     f"not reported, as if the row were absent: line{_lines(lines)}")
        frame = _without_rows(frame, missing)
    if not problems:
        kinds = {} if indicators is None else \
            dict(zip(indicators["indicator_id"], indicators["kind"], strict=True))
        frame = fold_days(frame, kinds, table.label, notes)
    return frame.rename(columns={"_line": "line"})


def _rows(count: int) -> str:
    return f"{count:,} row" + ("s" if count != 1 else "")


def _lines(lines, shown: int = 5) -> str:
    text = ", ".join(str(int(line)) for line in lines[:shown])
    more = f" and {len(lines) - shown:,} more" if len(lines) > shown else ""
    return ("s " if len(lines) != 1 else " ") + text + more


def _type_text_values(table: RawTable, problems: list) -> pd.DataFrame:
    frame = table.frame.copy()
    check_not_empty(table, ["indicator_id", "org_unit", "period"], problems)
    frame["value"] = parse_numbers(table, "value", problems, not_reported=NOT_REPORTED)
    for column in ("indicator_id", "org_unit", "period"):
        frame[column] = frame[column].astype("category")
    return frame


def _check_ids(table: RawTable, indicators: pd.DataFrame | None, known_units: set | None,
               problems: list) -> None:
    if indicators is not None:
        check_known(table, "indicator_id", set(indicators["indicator_id"]), "indicator_id",
                    problems)
    if known_units is not None:
        check_known(table, "org_unit", known_units, "org unit", problems)
    else:
        check_pattern(table, "org_unit", ORG_UNIT_PATTERN,
                      ORG_UNIT_EXPECTED, problems)


def _check_periods(table: RawTable, problems: list) -> pd.Series:
    """Canonical period keys (days too, see :mod:`briefing.inputs.daily`); rows with a bad
    period are reported and keep their text."""
    series = table.frame["period"].astype("category")
    mapping, bad = read_period_keys(series.cat.categories)
    for raw, (reason, hint) in bad.items():
        problems += rows_problems(table, series == raw, "period", reason, hint)
    return series.cat.rename_categories(mapping) if len(set(mapping.values())) == len(mapping) \
        else series.map(mapping).astype("category")


def _check_value_range(table: RawTable, indicators: pd.DataFrame, reportable: np.ndarray,
                       problems: list, notes: list) -> None:
    """More decimals than an indicator shows are used as given; negative values are read.

    A negative value is accepted for every kind (a net correction of -112 cases); the
    figures it enters are flagged ``negative_value`` unless the indicator is ``signed``.

    ``decimals`` governs display only, so a fraction in an indicator shown without
    decimals is read, with a note (a population of 2211544.01). One shape is refused:
    below 1000 with at most three decimals (18.050, 1.5) in such an indicator, as
    Vietnamese writes 18050 as "18.050" and the figure would be a thousand times too small.
    ``reportable`` masks the rows whose value passed :func:`check_magnitude`.
    """
    frame = table.frame
    value = frame["value"].to_numpy(dtype=float)
    whole = _per_row(frame["indicator_id"], indicators)
    fractional = whole & reportable & (np.mod(value, 1, where=reportable, out=np.zeros_like(value)) != 0)
    with np.errstate(invalid="ignore"):
        thousands = fractional & (np.abs(value) < 1000) & (np.abs(value * 1000 - np.round(value * 1000)) < 1e-6)
    problems += rows_problems(
        table, thousands, "value",
        "a whole number, as the indicator shows 0 decimals",
        "if it means thousands, as 18.050 for 18050, remove the '.'; otherwise set the "
        "indicator's decimals in indicators.csv",
    )
    fractional &= ~thousands
    if fractional.any():
        lines = frame["_line"].to_numpy()[fractional]
        notes.append(f"{table.label}: {_rows(len(lines))} with decimals for an indicator shown "
                     f"without decimals, used as given and shown rounded (line{_lines(lines)}); "
                     "set the indicator's decimals in indicators.csv to show them")


def _per_row(ids: pd.Series, indicators: pd.DataFrame) -> np.ndarray:
    """For each row: does its indicator show 0 decimals? Decided once per distinct indicator."""
    ids = ids if isinstance(ids.dtype, pd.CategoricalDtype) else ids.astype("category")
    catalogue = indicators.set_index("indicator_id").reindex(ids.cat.categories)
    whole = np.append((catalogue["decimals"] == 0).to_numpy(), False)
    return whole[ids.cat.codes.to_numpy()]   # -1 (no category) picks the appended False


def _drop_derived(frame: pd.DataFrame, indicators: pd.DataFrame, label: str,
                  notes: list) -> pd.DataFrame:
    """Rows of ratios are set aside with a note: a ratio is made from its two parts."""
    derived = set(indicators.loc[indicators["kind"].isin(DERIVED), "indicator_id"])
    rows = frame["indicator_id"].isin(derived).to_numpy()
    if not rows.any():
        return frame
    names = ", ".join(sorted(set(frame.loc[rows, "indicator_id"].astype(str))))
    notes.append(f"{label}: {_rows(int(rows.sum()))} of ratios ({names}) not read: a ratio is "
                 f"computed from its numerator and denominator (line{_lines(frame['_line'].to_numpy()[rows])})")
    return _without_rows(frame, rows)


def _without_rows(frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """``frame`` without ``rows`` (a mask), its id categories trimmed to those still used."""
    frame = frame[~rows].reset_index(drop=True)
    for column in ("indicator_id", "org_unit", "period"):
        frame[column] = frame[column].cat.remove_unused_categories()
    return frame


def check_targets(table: RawTable | None, indicators: pd.DataFrame | None, known_units: set | None,
                  problems: list) -> pd.DataFrame:
    """Check ``targets.csv`` (optional) and return it typed."""
    empty = pd.DataFrame({"indicator_id": pd.Series(dtype=str), "org_unit": pd.Series(dtype=str),
                          "year": pd.Series(dtype=int), "target": pd.Series(dtype=float)})
    if table is None or table.frame.empty:
        return empty
    frame = table.frame.copy()
    check_not_empty(table, ["indicator_id", "org_unit", "year", "target"], problems)
    _check_ids(table, indicators, known_units, problems)
    year = pd.to_numeric(frame["year"], errors="coerce")
    bad_year = (frame["year"] != "") & (year.isna() | (year % 1 != 0) | ~year.between(1900, 2100))
    problems += rows_problems(table, bad_year, "year", "a whole year such as 2020")
    frame["year"] = year.where(~bad_year, 0).fillna(0).astype(int)
    frame["target"] = parse_numbers(table, "target", problems)
    reportable = check_magnitude(table, frame["target"], "target", problems)
    if indicators is not None:
        signed = frame["indicator_id"].map(dict(zip(indicators["indicator_id"],
                                                    indicators["signed"]))).eq(True)
        problems += rows_problems(table, reportable & (frame["target"] < 0) & ~signed.astype(bool),
                                  "target", "a target of zero or more (or set signed: yes for "
                                  "the indicator, when negative figures are normal)")
    check_unique(RawTable(table.spec, table.label, frame), ["indicator_id", "org_unit", "year"],
                 "indicator, org unit and year", problems)
    return frame.rename(columns={"_line": "line"})
