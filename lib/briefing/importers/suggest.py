"""``briefing import --suggest``: a starter mapping with every name the sources hold.

Each indicator and org unit found gets a proposed id (and, for indicators, the
kind the import would take); names that look alike across sources get a "did you
mean" comment. The user corrects it and imports with ``--mapping``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from briefing.errors import InputError, Problem
from briefing.importers.assemble import assemble
from briefing.importers.ids import close_matches
from briefing.importers.mapping import Mapping
from briefing.importers.records import Extract


def suggest_mapping(extracts: list[Extract], mapping: Mapping, command: str) -> str:
    """The starter mapping's YAML text, comments included."""
    assembled = assemble(extracts, mapping)
    indicators = assembled.tables["indicators"].set_index("indicator_id")
    lang = mapping.lang or (extracts[0].lang if extracts else "vi")
    lines = [
        "# Starter mapping written by briefing import --suggest from: "
        + ", ".join(e.source for e in extracts),
        "# Correct the ids, kinds, units and parents; delete what you do not need; then run:",
        f"#   {command}",
        f"lang: {lang}",
    ]
    formats = sorted({e.format.split("-")[0] for e in extracts})
    if len(formats) == 1:
        lines.insert(3, f"format: {formats[0]}")
    lines += _layout_lines(mapping)
    lines += ["# root: {id: province, name_" + lang + ": ...}   # the parent of every unit that has none",
              "indicators:"]
    info = _info(extracts, "indicators")
    counts = _counts(extracts, "indicator")
    for key, indicator_id in assembled.indicator_ids.items():
        row = indicators.loc[indicator_id]
        settings = {"id": indicator_id, "kind": row["kind"]}
        unit = row.get(f"unit_{lang}", "")
        if isinstance(unit, str) and unit:
            settings[f"unit_{lang}"] = unit
        settings["sector"] = row["sector"]
        comment = f"{counts.get(key, 0)} numbers in {info.get(key, {}).get('source', '?')}"
        name = info.get(key, {}).get("name")
        if name and name != key:
            comment += f"; named {name!r}"
        lines.append(f"  {_quoted(key)}: {_flow(settings)}   # {comment}")
    lines.append("units:")
    unit_info = _info(extracts, "units")
    names = {key: unit_info.get(key, {}).get("name", key) for key in assembled.unit_ids}
    parents = assembled.tables["org_units"].set_index("org_unit")["parent"]
    for key, unit_id in assembled.unit_ids.items():
        settings = {"id": unit_id}
        if parents.get(unit_id):
            settings["parent"] = parents[unit_id]
        comment = f"in {unit_info.get(key, {}).get('source', '?')}"
        if names[key] != key:
            comment += f"; named {names[key]!r}"
        others = [k for k in names if k != key and unit_info.get(k, {}).get("source")
                  != unit_info.get(key, {}).get("source")]
        close = close_matches(names[key], [names[k] for k in others], limit=2)
        if close:
            comment += "; did you mean " + " or ".join(repr(c) for c in close) + " (give both one id)?"
        lines.append(f"  {_quoted(key)}: {_flow(settings)}   # {comment}")
    sectors = list(dict.fromkeys(indicators["sector"]))
    lines.append("sectors:")
    lines += [f"  {_quoted(s)}: {_quoted(_sector_name(assembled, s, lang))}" for s in sectors]
    return "\n".join(lines) + "\n"


def write_suggestion(text: str, path: Path, force: bool) -> None:
    """Write the starter mapping; never over a file that exists unless ``force``."""
    if path.exists() and not force:
        raise InputError([Problem(str(path), "a new file for the starter mapping; one is there already",
                                  hint="give another --mapping path, or --force to replace it")], "the import")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.writing")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def _layout_lines(mapping: Mapping) -> list[str]:
    if not mapping.layout:
        return []
    import yaml

    return yaml.safe_dump(mapping.layout, allow_unicode=True, sort_keys=False).splitlines()


def _info(extracts: list[Extract], attribute: str) -> dict[str, dict]:
    merged: dict[str, dict] = {}
    for extract in extracts:
        for key, about in getattr(extract, attribute).items():
            merged.setdefault(str(key), {"source": extract.source, **about})
        column = "indicator" if attribute == "indicators" else "org_unit"
        for key in extract.observations[column].astype(str).unique():
            merged.setdefault(key, {"source": extract.source})
    return merged


def _counts(extracts: list[Extract], column: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for extract in extracts:
        for key, n in extract.observations[column].astype(str).value_counts().items():
            counts[key] = counts.get(key, 0) + int(n)
    return counts


def _sector_name(assembled, sector: str, lang: str) -> str:
    sectors = assembled.tables.get("sectors")
    if sectors is not None:
        match = sectors[sectors["sector"] == sector]
        if len(match) and match[f"name_{lang}"].iloc[0]:
            return match[f"name_{lang}"].iloc[0]
    return sector


def _quoted(text: str) -> str:
    """A YAML key or value that reads back as the same text (JSON strings are YAML)."""
    return json.dumps(str(text), ensure_ascii=False)


def _flow(settings: dict) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in settings.items()) + "}"


def _scalar(value) -> str:
    """An id as written (``hong_dan``), anything YAML could read otherwise in quotes.

    >>> _scalar("hong_dan"), _scalar("no"), _scalar("2020"), _scalar("a.b")
    ('hong_dan', '"no"', '"2020"', '"a.b"')
    """
    text = str(value)
    plain = re.fullmatch(r"[a-z_][a-z0-9_]*", text) and text not in _YAML_WORDS
    return text if plain else _quoted(text)


#: Words YAML reads as booleans or null when unquoted.
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}
