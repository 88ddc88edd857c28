"""From what the sources hold to the contract's tables: ids, kinds, scales, the tree, the rows.

This is the one place the mapping is applied, the same for every format, so a
wide Excel form and a DHIS2 export of the same figures give the same tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from briefing.errors import InputError, Problem
from briefing.importers.ids import close_matches, make_id, unique_ids
from briefing.importers.mapping import Mapping
from briefing.importers.records import Extract, Unplaced
from briefing.inputs.contract import SUMMED_OVER_TIME
from briefing.periods import DAY, parse_period

#: The kind an indicator gets when neither the mapping nor the source says.
DEFAULT_KIND = "flow"
#: Sector of indicators nothing places in one.
DEFAULT_SECTOR = "general"
DEFAULT_SECTOR_NAMES = {"name_vi": "Các chỉ tiêu chung", "name_en": "General indicators"}
#: Relative difference from which a reported year-to-date total and the sum of the months disagree.
TOLERANCE = 0.005
#: Periods a year-to-date total (*lũy kế*) through month m of a flow stands for.
YEAR_TO_DATE_PERIODS = {3: "Q1", 6: "S1", 12: ""}
#: Most decimals an indicator is shown with when the mapping and the source say nothing.
SHOWN_DECIMALS = 3
#: Conflicting duplicates shown before the rest are counted.
SHOWN_CONFLICTS = 20


@dataclass
class Assembled:
    """The contract's tables, and what the user should hear about how they were made."""

    tables: dict[str, pd.DataFrame]
    indicator_ids: dict[str, str]
    unit_ids: dict[str, str]
    assumed_kinds: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    look_alike: list[str] = field(default_factory=list)
    empty_cells: int = 0


def assemble(extracts: list[Extract], mapping: Mapping) -> Assembled:
    """Apply the mapping to every extract and build the contract's tables.

    Raises ``InputError`` when two sources (or two cells) give different numbers
    for one indicator, org unit and period.
    """
    observations = _all_observations(extracts)
    every_indicator, every_unit = set(observations["indicator"]), set(observations["org_unit"])
    indicator_info, unit_info = _merged_info(extracts, "indicators"), _merged_info(extracts, "units")
    lang = mapping.lang or (extracts[0].lang if extracts else "vi")
    notes = [note for extract in extracts for note in extract.notes]
    unplaced = [item for extract in extracts for item in extract.unplaced]

    skipped_indicators = _skipped(indicator_info, observations["indicator"], mapping.indicator)
    skipped_units = _skipped(unit_info, observations["org_unit"], mapping.unit)
    keep = ~observations["indicator"].isin(skipped_indicators) & ~observations["org_unit"].isin(skipped_units)
    if (~keep).any():
        notes.append(f"{int((~keep).sum()):,} numbers left out because the mapping says skip "
                     f"({len(skipped_indicators)} indicators, {len(skipped_units)} org units)")
    observations = observations[keep]
    empty = observations["value"].isna()
    empty_cells = int(empty.sum())
    observations = observations[~empty]

    indicator_ids = _ids(_ordered(indicator_info, observations["indicator"], skipped_indicators),
                         indicator_info, mapping.indicator, lower=True)
    unit_ids = _ids(_ordered(unit_info, observations["org_unit"], skipped_units), unit_info,
                    mapping.unit, lower=False)
    entries = {key: _indicator_entry(key, indicator_info, mapping) for key in indicator_ids}
    roles = observations.groupby("indicator")["role"].agg(lambda r: set(r)).to_dict()
    kinds, assumed = _kinds(entries, indicator_info, roles)
    scaled = _scaled(observations, entries)
    scaled["indicator_id"] = scaled["indicator"].map(indicator_ids)
    scaled["unit_id"] = scaled["org_unit"].map(unit_ids)

    values, cumulative_notes, cumulative_unplaced = _values(scaled, kinds, indicator_ids)
    notes += cumulative_notes
    unplaced += cumulative_unplaced
    targets = _targets(scaled)
    tables = {
        "indicators": _indicator_table(entries, indicator_ids, indicator_info, kinds, mapping, lang,
                                       _decimals_seen(values)),
        "org_units": _unit_table(unit_ids, unit_info, mapping, lang),
        "values": values,
    }
    if targets is not None:
        tables["targets"] = targets
    sectors = _sector_table(tables["indicators"], indicator_info, mapping, lang)
    if sectors is not None:
        tables["sectors"] = sectors
    notes += _unused_entries(mapping, "indicators", indicator_info, every_indicator)
    notes += _unused_entries(mapping, "units", unit_info, every_unit)
    return Assembled(tables, indicator_ids, unit_ids, [indicator_ids[k] for k in assumed], notes, unplaced,
                     _look_alike(extracts, unit_ids, unit_info), empty_cells)


def _unused_entries(mapping: Mapping, section: str, info: dict[str, dict], keys: set[str]) -> list[str]:
    """Names the mapping gives that no source holds: a typo would otherwise go unnoticed."""
    known = keys | set(info) | {about["name"] for about in info.values() if about.get("name")}
    what = "an indicator" if section == "indicators" else "an org unit"
    notes = []
    for name in getattr(mapping, section):
        if name in known:
            continue
        note = f"{mapping.file}, line {mapping.line_of(section, name)}: the mapping names {what} {name!r} " \
               "that no source holds"
        close = close_matches(name, sorted(known))
        notes.append(note + (f"; did you mean {close[0]!r}?" if close else ""))
    return notes


def _all_observations(extracts: list[Extract]) -> pd.DataFrame:
    frames = [e.observations.assign(source=e.source) for e in extracts if len(e.observations)]
    if not frames:
        raise InputError([Problem(", ".join(e.source for e in extracts) or "the sources",
                                  "at least one number placed as an indicator's value for an org unit "
                                  "and a period; none was found",
                                  hint="see the list of what could not be placed above, or say in the "
                                       "mapping which rows and columns hold what")], "the import")
    frame = pd.concat(frames, ignore_index=True)
    for column in ("indicator", "org_unit", "period", "role", "place"):
        frame[column] = frame[column].astype(str)
    return frame


def _merged_info(extracts: list[Extract], attribute: str) -> dict[str, dict]:
    """Every source's description of each key; the first source that says a thing wins."""
    merged: dict[str, dict] = {}
    for extract in extracts:
        for key, info in getattr(extract, attribute).items():
            known = merged.setdefault(str(key), {"source": extract.source})
            for name, value in info.items():
                if value is not None and value != "" and name not in known:
                    known[name] = value
    return merged


def _skipped(info: dict[str, dict], keys: pd.Series, lookup) -> set[str]:
    every = set(info) | set(keys.unique())
    return {key for key in every
            if (entry := lookup(key, info.get(key, {}).get("name"))) is not None and entry.get("skip")}


def _ordered(info: dict[str, dict], keys: pd.Series, skipped: set[str]) -> list[str]:
    """Keys in the order met: described ones first, then any met only in observations."""
    ordered = list(dict.fromkeys([*info, *keys.unique()]))
    return [key for key in ordered if key not in skipped]


def _ids(keys: list[str], info: dict[str, dict], lookup, lower: bool) -> dict[str, str]:
    """Mapped ids as given (two keys may share one on purpose); made ones kept apart from all others."""
    given, made = {}, {}
    for key in keys:
        entry = lookup(key, info.get(key, {}).get("name"))
        if entry is not None and entry.get("id"):
            given[key] = entry["id"]
        else:
            made[key] = make_id(key)
    reserved = set(given.values())
    ids = unique_ids(list(made), made) if made else {}
    for key in list(ids):
        number, candidate = 1, ids[key]
        while candidate in reserved:
            number += 1
            candidate = f"{made[key]}_{number}"
        ids[key] = candidate
        reserved.add(candidate)
    result = {key: given.get(key, ids.get(key)) for key in keys}
    return {key: (value.lower() if lower else value) for key, value in result.items()}


def _indicator_entry(key: str, info: dict[str, dict], mapping: Mapping) -> dict:
    entry = dict(mapping.defaults)
    entry.pop("id", None)
    entry.update(mapping.indicator(key, info.get(key, {}).get("name")) or {})
    return entry


def _kinds(entries: dict, info: dict, roles: dict) -> tuple[dict[str, str], list[str]]:
    kinds, assumed = {}, []
    for key, entry in entries.items():
        kind = entry.get("kind") or info.get(key, {}).get("kind")
        if kind is None:
            found = roles.get(key, set())
            if "cumulative" in found and "value" not in found:
                kind = "cumulative"
            else:   # a percentage never adds up over months or units: a rate is the safe guess
                unit = str(entry.get("unit_vi") or entry.get("unit_en") or info.get(key, {}).get("unit", ""))
                kind = "rate" if unit.strip() == "%" else DEFAULT_KIND
                assumed.append(key)
        kinds[key] = kind
    return kinds, assumed


def _scaled(observations: pd.DataFrame, entries: dict) -> pd.DataFrame:
    factors = observations["indicator"].map(
        {key: float(entry.get("scale", 1.0) or 1.0) for key, entry in entries.items()})
    return observations.assign(value=observations["value"] * factors.fillna(1.0).to_numpy())


def _values(frame: pd.DataFrame, kinds: dict, ids: dict) -> tuple[pd.DataFrame, list[str], list[Unplaced]]:
    """values.csv rows: the periods' own values, and year-to-date totals where they belong."""
    kind = frame["indicator"].map(kinds)
    own = frame[(frame["role"] == "value") & (kind != "cumulative")]
    totals = frame[(frame["role"] == "cumulative") | ((frame["role"] == "value") & (kind == "cumulative"))]
    notes: list[str] = []
    unplaced: list[Unplaced] = []
    as_cumulative = totals[totals["indicator"].map(kinds) == "cumulative"]
    reported = as_cumulative[as_cumulative["role"] == "cumulative"]
    plain_months = as_cumulative[as_cumulative["role"] == "value"]
    if len(reported) and len(plain_months):
        notes += _month_values_against_totals(plain_months, reported)
        as_cumulative = reported
    elif len(plain_months):
        as_cumulative = plain_months   # a cumulative indicator whose values are totals already
    flows = totals[(totals["role"] == "cumulative") & totals["indicator"].map(kinds).isin(
        [k for k in SUMMED_OVER_TIME if k != "cumulative"])]
    others = totals[(totals["role"] == "cumulative") & ~totals["indicator"].map(kinds).isin(SUMMED_OVER_TIME)]
    for row in others.itertuples():
        unplaced.append(Unplaced(_place_of(row), f"{row.value:g}",
                                 f"a year-to-date total of {ids[row.indicator]}, a {kinds[row.indicator]}: "
                                 "only flows and cumulative indicators add up over the year"))
    flow_rows, flow_notes, flow_unplaced = _flow_totals(flows, own)
    notes += flow_notes
    unplaced += flow_unplaced
    rows = pd.concat([own, as_cumulative, flow_rows], ignore_index=True)
    rows = _without_duplicates(rows, ("indicator_id", "unit_id", "period"), "value")
    table = pd.DataFrame({"indicator_id": rows["indicator_id"], "org_unit": rows["unit_id"],
                          "period": rows["period"], "value": rows["value"].map(number_text),
                          "source": rows["place"]})
    return table.sort_values(["indicator_id", "org_unit", "period"], kind="stable").reset_index(drop=True), \
        notes, unplaced


def _flow_totals(totals: pd.DataFrame, own: pd.DataFrame) -> tuple[pd.DataFrame, list[str], list[Unplaced]]:
    """A flow's year-to-date totals: through March, June and December they are Q1, S1 and the year.

    Through another month they have no period of their own; they are compared with the
    sum of the months when every month is there, and listed as not placed otherwise.
    """
    kept, notes, unplaced = [], [], []
    if not len(totals):
        return totals, notes, unplaced
    months = own[own["period"].str.fullmatch(r"\d{4}-\d{2}")]
    month_values = {(r.indicator, r.org_unit, r.period): r.value for r in months.itertuples()}
    for row in totals.itertuples():
        period = parse_period(row.period)
        last = period.last_month % 12 + 1
        if period.kind == "year" or last in YEAR_TO_DATE_PERIODS:
            kept.append(row.Index)
            continue
        wanted = [f"{period.year}-{m:02d}" for m in range(1, last + 1)]
        found = [month_values.get((row.indicator, row.org_unit, m)) for m in wanted]
        if all(v is not None for v in found):
            total = sum(found)
            if abs(total - row.value) > TOLERANCE * max(abs(row.value), 1e-9):
                notes.append(f"{_place_of(row)}: the year-to-date total {row.value:g} differs from the sum "
                             f"of the months January–{last:02d}/{period.year}, {total:g}")
            continue
        unplaced.append(Unplaced(_place_of(row), f"{row.value:g}",
                                 f"a year-to-date total through month {last} of a flow with months missing: "
                                 "it has no period of its own (set kind: cumulative to read these totals "
                                 "as the indicator's values)"))
    rows = totals.loc[kept].copy()
    rows["period"] = [_year_to_date_key(p) for p in rows["period"]]
    return rows, notes, unplaced


def _year_to_date_key(key: str) -> str:
    period = parse_period(key)
    if period.kind == "year":
        return period.key
    return f"{period.year}{YEAR_TO_DATE_PERIODS[period.last_month % 12 + 1]}"


def _month_values_against_totals(months: pd.DataFrame, totals: pd.DataFrame) -> list[str]:
    """A cumulative indicator given both ways: each month's value against the difference of totals."""
    notes = []
    by_key = {(r.indicator, r.org_unit, r.period): r.value for r in totals.itertuples()}
    for row in months.itertuples():
        if not DAY.match(row.period) and parse_period(row.period).kind == "month":
            period = parse_period(row.period)
            before = f"{period.year}-{period.number - 1:02d}"
            total = by_key.get((row.indicator, row.org_unit, row.period))
            previous = 0.0 if period.number == 1 else by_key.get((row.indicator, row.org_unit, before))
            if total is not None and previous is not None \
                    and abs(total - previous - row.value) > TOLERANCE * max(abs(row.value), 1e-9):
                notes.append(f"{_place_of(row)}: the month's value {row.value:g} differs from the change in "
                             f"the year-to-date total, {total - previous:g}; the totals are used")
    return notes


def _targets(frame: pd.DataFrame) -> pd.DataFrame | None:
    rows = frame[frame["role"] == "target"]
    if not len(rows):
        return None
    rows = rows.assign(period=[str(parse_period(p).year) for p in rows["period"]])
    rows = _without_duplicates(rows, ("indicator_id", "unit_id", "period"), "target")
    table = pd.DataFrame({"indicator_id": rows["indicator_id"], "org_unit": rows["unit_id"],
                          "year": rows["period"], "target": rows["value"].map(number_text),
                          "source": rows["place"]})
    return table.sort_values(["indicator_id", "org_unit", "year"], kind="stable").reset_index(drop=True)


def _without_duplicates(rows: pd.DataFrame, keys: tuple[str, ...], what: str) -> pd.DataFrame:
    """One row per key; the same number found twice is kept once, two numbers are an error."""
    keys = list(keys)
    duplicated = rows.duplicated(keys, keep=False)
    if not duplicated.any():
        return rows
    groups = rows[duplicated].groupby(keys, sort=False)
    problems = []
    for key, group in groups:
        if np.ptp(group["value"].to_numpy()) > TOLERANCE * max(abs(group["value"]).max(), 1e-9):
            places = "; ".join(f"{v:g} at {p}" for v, p in zip(group["value"], group["place"]))
            problems.append(Problem(group["place"].iloc[0].split(",")[0], f"one {what} for {key[0]}, "
                                    f"{key[1]}, {key[2]}; the sources give {len(group)}: {places}",
                                    hint="map one of them to another id, or skip it in the mapping"))
    if problems:
        raise InputError(problems, "the import")
    return rows[~rows.duplicated(keys, keep="first")]


def _decimals_seen(values: pd.DataFrame) -> dict[str, int]:
    """Decimals each indicator's values carry, at most :data:`SHOWN_DECIMALS`.

    An indicator shown with 0 decimals may not hold 4.12 (the contract reads that as a
    thousands separator gone wrong), so a source's decimals are kept unless the mapping says.
    """
    places = values["value"].str.partition(".")[2].str.len()
    return places.groupby(values["indicator_id"]).max().clip(upper=SHOWN_DECIMALS).astype(int).to_dict()


def _indicator_table(entries, ids, info, kinds, mapping: Mapping, lang: str,
                     decimals: dict[str, int]) -> pd.DataFrame:
    other = "en" if lang == "vi" else "vi"
    records = []
    for key, indicator_id in ids.items():
        entry, about = entries[key], info.get(key, {})
        record = {
            "indicator_id": indicator_id,
            "sector": entry.get("sector") or _sector_key(about) or mapping.sector or DEFAULT_SECTOR,
            f"name_{lang}": entry.get(f"name_{lang}") or about.get("name") or key,
            f"name_{other}": entry.get(f"name_{other}") or about.get(f"name_{other}") or "",
            f"unit_{lang}": entry.get(f"unit_{lang}", unit_label(about.get("unit", ""))),
            f"unit_{other}": entry.get(f"unit_{other}", unit_label(about.get(f"unit_{other}", ""))),
            "kind": kinds[key],
            "direction": entry.get("direction", about.get("direction", "up")),
            "decimals": entry.get("decimals", about.get("decimals", decimals.get(indicator_id, 0))),
            "part_of": entry.get("part_of") or ids.get(about.get("part_of"), ""),
            "breakdown": entry.get("breakdown", about.get("breakdown", "")),
        }
        for column in ("numerator", "denominator", "multiplier", "weight", "signed"):
            record[column] = entry.get(column, "")
        records.append(record)
    table = pd.DataFrame(records)
    table["multiplier"] = table["multiplier"].map(lambda v: number_text(v) if v != "" else "")
    optional = ["part_of", "breakdown", "numerator", "denominator", "multiplier", "weight", "signed",
                "name_vi", "name_en", "unit_vi", "unit_en"]
    return table.drop(columns=[c for c in optional if (table[c].astype(str) == "").all()])


def _sector_key(about: dict) -> str | None:
    sector = about.get("sector")
    return make_id(sector) if sector else None


def _sector_table(indicators: pd.DataFrame, info: dict, mapping: Mapping, lang: str) -> pd.DataFrame | None:
    # the sector of indicators nothing places is named, not shown as its key ("II. general")
    names: dict[str, dict] = {DEFAULT_SECTOR: DEFAULT_SECTOR_NAMES}
    for about in info.values():
        if about.get("sector"):
            names.setdefault(make_id(about["sector"]),
                             {f"name_{lang}": heading_text(about.get("sector_name", about["sector"]))})
    for key, given in mapping.sectors.items():
        names[key] = given
    used = list(dict.fromkeys(indicators["sector"]))
    if not any(key in names for key in used):
        return None
    return pd.DataFrame([{"sector": key, "name_vi": names.get(key, {}).get("name_vi", ""),
                          "name_en": names.get(key, {}).get("name_en", "")} for key in used])


def _unit_table(ids: dict, info: dict, mapping: Mapping, lang: str) -> pd.DataFrame:
    other = "en" if lang == "vi" else "vi"
    root = mapping.root
    records = []
    for key, unit_id in ids.items():
        entry, about = mapping.unit(key, info.get(key, {}).get("name")) or {}, info.get(key, {})
        parent = entry.get("parent")
        if parent is None and about.get("parent") is not None:
            parent = ids.get(str(about["parent"]))
        if parent is None and root is not None and unit_id != root["id"]:
            parent = root["id"]
        records.append({"org_unit": unit_id,
                        f"name_{lang}": entry.get(f"name_{lang}") or about.get("name") or key,
                        f"name_{other}": entry.get(f"name_{other}") or about.get(f"name_{other}") or "",
                        "parent": parent or ""})
    table = pd.DataFrame(records).drop_duplicates("org_unit")
    if root is not None and root["id"] not in set(table["org_unit"]):
        table = pd.concat([pd.DataFrame([{"org_unit": root["id"],
                                          f"name_{lang}": root.get(f"name_{lang}") or root["id"],
                                          f"name_{other}": root.get(f"name_{other}", ""), "parent": ""}]),
                           table], ignore_index=True)
    return table[["org_unit", "name_vi", "name_en", "parent"]]


def _look_alike(extracts: list[Extract], ids: dict, info: dict) -> list[str]:
    """Org units of different sources whose names look alike but became different ids."""
    by_source: dict[str, list[str]] = {}
    for extract in extracts:
        keys = list(extract.units) or list(extract.observations["org_unit"].astype(str).unique())
        by_source[extract.source] = [k for k in keys if k in ids]
    found = []
    sources = list(by_source)
    for i, source in enumerate(sources):
        for other in sources[i + 1:]:
            names = {info.get(k, {}).get("name", k): k for k in by_source[other]}
            for key in by_source[source]:
                name = info.get(key, {}).get("name", key)
                for match in close_matches(name, list(names)):
                    if ids[names[match]] != ids[key]:
                        found.append(f"org unit {name!r} ({source}, id {ids[key]}) and {match!r} ({other}, id "
                                     f"{ids[names[match]]}) look alike: if they are one unit, give both "
                                     "one id in the mapping")
    return found


def _place_of(row) -> str:
    return row.place


def heading_text(text: str) -> str:
    """A section heading as a report names it: forms write them in capitals, reports in sentence case.

    >>> heading_text("LAO ĐỘNG - VIỆC LÀM"), heading_text("Lao động - Việc làm")
    ('Lao động - việc làm', 'Lao động - Việc làm')
    """
    text = str(text).strip()
    if text.isupper() and len(text) > 3:
        return text[0] + text[1:].lower()
    return text


def unit_label(text: str) -> str:
    """A unit as a sentence carries it: forms capitalise *Người*, a report writes "11.461 người".

    Words in capitals (``USD``, ``BHXH``) and mixed forms (``m²``) keep their spelling.

    >>> unit_label("Người"), unit_label("Tỷ đồng"), unit_label("USD"), unit_label("%"), unit_label("")
    ('người', 'tỷ đồng', 'USD', '%', '')
    """
    text = str(text or "").strip()
    first = text.split(" ")[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def number_text(value) -> str:
    """A number as the contract's files write it: no exponent, no trailing zeros.

    >>> number_text(18050.0), number_text(56.40625), number_text(0.1 + 0.2), number_text(1e15)
    ('18050', '56.40625', '0.30000000000000004', '1000000000000000')
    """
    return np.format_float_positional(float(value), trim="-")
