"""The mapping file: a few lines of YAML that say what a source holds and what to call it.

Common keys (every format)::

    format: wide            # wide, dhis2 or sdmx; detected when left out
    lang: vi                # language of the names in the sources (vi or en)
    sector: labour          # sector of indicators that name none
    indicators:             # a source's name or code -> id and how it behaves
      "Số người được tạo việc làm": jobs          # only the id
      "Thu nhập bình quân": {id: income, kind: average, unit_vi: triệu đồng, decimals: 1}
      "Dân số (nghìn người)": {id: population, kind: stock, scale: 1000, unit_vi: người}
      "Ghi chú": skip                              # not an indicator
    units:                  # org unit name or code -> id, and its parent
      "Huyện Hồng Dân": {id: hong_dan, parent: bac_lieu}
    root: {id: bac_lieu, name_vi: Tỉnh Bạc Liêu}   # the parent of every unit without one
    sectors: {labour: Lao động - Việc làm}

Each reader adds the keys of its layout (sheets, header rows, columns ...):
see :data:`briefing.importers.formats.LAYOUT_KEYS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.errors import InputError, Problem, shown
from briefing.inputs.contract import DIRECTIONS, INDICATOR_ID_PATTERN, KINDS, MAX_DECIMALS, ORG_UNIT_PATTERN

#: What an indicator's entry may say; each is a column of indicators.csv, except ``id``, ``skip``
#: and ``scale`` (a factor every value and target is multiplied by: 1000 for *nghìn người*).
INDICATOR_KEYS = ("id", "skip", "kind", "name_vi", "name_en", "unit_vi", "unit_en", "direction",
                  "decimals", "scale", "sector", "part_of", "breakdown", "numerator", "denominator",
                  "multiplier", "weight", "signed")
UNIT_KEYS = ("id", "skip", "parent", "name_vi", "name_en")
COMMON_KEYS = ("format", "lang", "sector", "indicators", "units", "root", "sectors", "defaults")
#: Words a scale may be given as.
SCALE_WORDS = {"nghìn": 1e3, "ngàn": 1e3, "thousand": 1e3, "triệu": 1e6, "million": 1e6,
               "tỷ": 1e9, "billion": 1e9}
LANGS = ("vi", "en")
#: Entries a mapping may stand for once its aliases (``*name``) are spelled out: a form's mapping
#: has hundreds; nested aliases ("billion laughs") can stand for billions in a few lines.
MOST_ENTRIES = 100_000


@dataclass
class Mapping:
    """A checked mapping file (or the empty mapping when none is given).

    ``indicators`` and ``units`` map a source's key or name to a dict of the keys
    above (``id`` always present unless ``skip``); ``layout`` holds the reader's keys
    as written. ``lines`` gives the line of each key path, for messages.
    """

    file: str = "(no mapping)"
    format: str | None = None
    lang: str | None = None
    sector: str | None = None
    indicators: dict[str, dict] = field(default_factory=dict)
    units: dict[str, dict] = field(default_factory=dict)
    root: dict | None = None
    sectors: dict[str, dict] = field(default_factory=dict)
    defaults: dict = field(default_factory=dict)
    layout: dict = field(default_factory=dict)
    lines: dict[tuple, int] = field(default_factory=dict)
    text: str = ""

    def line_of(self, *path) -> int | None:
        """The line of ``path`` (keys from the top), or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def problem(self, path: tuple, expected: str, value=None, hint: str | None = None) -> Problem:
        """A :class:`Problem` located at ``path`` of this file."""
        return Problem(self.file, expected, line=self.line_of(*path),
                       column=" → ".join(str(p) for p in path) or None,
                       value=None if value is None else str(value), hint=hint)

    def indicator(self, key: str, name: str | None = None) -> dict | None:
        """The entry for a source's indicator key, else for its name."""
        return _entry(self.indicators, key, name)

    def unit(self, key: str, name: str | None = None) -> dict | None:
        """The entry for a source's org unit key, else for its name."""
        return _entry(self.units, key, name)


def _entry(entries: dict, key: str, name: str | None) -> dict | None:
    if key in entries:
        return entries[key]
    if name is not None and name in entries:
        return entries[name]
    return None


def load_mapping(path, layout_keys: tuple[str, ...] = ()) -> Mapping:
    """Read and check a mapping file; every problem found raises one ``InputError`` (exit 2).

    ``layout_keys`` are the keys the readers understand besides the common ones.
    """
    path = Path(path)
    label = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError([Problem(label, "a mapping file; there is none at this path",
                                  value=str(path))], "the mapping") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Problem(label, f"a readable UTF-8 text file ({error})")], "the mapping") from None
    return parse_mapping(text, label, layout_keys)


def parse_mapping(text: str, label: str = "mapping.yaml", layout_keys: tuple[str, ...] = ()) -> Mapping:
    """A :class:`Mapping` from YAML text (see :func:`load_mapping`).

    >>> m = parse_mapping("indicators:\\n  Việc làm: jobs\\nroot: bac_lieu\\n")
    >>> m.indicator("Việc làm"), m.root
    ({'id': 'jobs'}, {'id': 'bac_lieu'})
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError([Problem(label, f"valid YAML ({getattr(error, 'problem', None) or error})",
                                  line=mark.line + 1 if mark else None)], "the mapping") from None
    _check_size(node, label)
    problems: list[Problem] = _duplicate_keys(node, label)
    if problems:
        raise InputError(problems, "the mapping")
    mapping = Mapping(file=label, text=text, lines=_lines(node))
    if data is None:
        return mapping
    if not isinstance(data, dict):
        raise InputError([mapping.problem((), "keys and values (format:, indicators:, units: ...)",
                                          shown(data))], "the mapping")
    for key, value in data.items():
        if key in COMMON_KEYS:
            _read_common(mapping, str(key), value, problems)
        elif key in layout_keys:
            mapping.layout[key] = value
        else:
            known = sorted(COMMON_KEYS + tuple(layout_keys))
            problems.append(mapping.problem((key,), f"one of the keys {', '.join(known)}", key,
                                            hint=_did_you_mean(str(key), known)))
    if problems:
        raise InputError(problems, "the mapping")
    return mapping


def _read_common(mapping: Mapping, key: str, value, problems: list) -> None:
    if key == "format" or key == "sector":
        if not isinstance(value, str) or not value.strip():
            problems.append(mapping.problem((key,), "a word", shown(value)))
        else:
            setattr(mapping, key, value.strip())
    elif key == "lang":
        if value not in LANGS:
            problems.append(mapping.problem((key,), "vi or en", shown(value)))
        else:
            mapping.lang = value
    elif key == "indicators":
        mapping.indicators = _read_entries(mapping, key, value, INDICATOR_KEYS, _check_indicator, problems)
    elif key == "units":
        mapping.units = _read_entries(mapping, key, value, UNIT_KEYS, _check_unit, problems)
    elif key == "root":
        entries = _read_entries(mapping, key, {"root": value}, UNIT_KEYS, _check_unit, problems, nested=False)
        mapping.root = entries.get("root")
    elif key == "sectors":
        mapping.sectors = _read_sectors(mapping, value, problems)
    elif key == "defaults":
        entries = _read_entries(mapping, key, {"defaults": value}, INDICATOR_KEYS, _check_indicator,
                                problems, nested=False, needs_id=False)
        mapping.defaults = entries.get("defaults", {})


def _read_entries(mapping, key, value, allowed, check, problems, nested=True, needs_id=True) -> dict:
    if not isinstance(value, dict):
        problems.append(mapping.problem((key,), "a list of names, each followed by a colon and its id "
                                                "or its settings", shown(value)))
        return {}
    entries = {}
    for name, entry in value.items():
        path = (key, name) if nested else (key,)
        if isinstance(entry, (str, int)) and not isinstance(entry, bool):
            entry = {"skip": True} if str(entry).strip().lower() == "skip" else {"id": str(entry).strip()}
        elif entry is None and not needs_id:
            entry = {}
        if not isinstance(entry, dict):
            problems.append(mapping.problem(path, "an id, 'skip', or settings in braces", shown(entry)))
            continue
        unknown = [k for k in entry if k not in allowed]
        for k in unknown:
            problems.append(mapping.problem(path + (k,), f"one of {', '.join(allowed)}", k,
                                            hint=_did_you_mean(str(k), list(allowed))))
        entry = {str(k): v for k, v in entry.items() if k in allowed}
        if entry.get("skip") is True:
            entries[str(name)] = {"skip": True}
            continue
        if needs_id and entry.get("id") is None:
            if nested:
                entry["id"] = None   # only settings are given: the id is made from the name
            else:
                problems.append(mapping.problem(path, "an id", hint="write id: <the id>"))
                continue
        check(mapping, path, entry, problems)
        entries[str(name)] = entry
    return entries


def _check_indicator(mapping, path, entry, problems) -> None:
    import re

    if entry.get("id") is not None and not re.fullmatch(INDICATOR_ID_PATTERN, str(entry["id"])):
        problems.append(mapping.problem(path + ("id",), "an indicator id of lower-case letters, digits, "
                                                        "'_', '.' or '-'", entry["id"]))
    if "kind" in entry and entry["kind"] not in KINDS:
        problems.append(mapping.problem(path + ("kind",), f"one of {', '.join(KINDS)}", shown(entry["kind"])))
    if "direction" in entry and entry["direction"] not in DIRECTIONS:
        problems.append(mapping.problem(path + ("direction",), "up or down", shown(entry["direction"])))
    if "decimals" in entry and (not isinstance(entry["decimals"], int) or isinstance(entry["decimals"], bool)
                                or not 0 <= entry["decimals"] <= MAX_DECIMALS):
        problems.append(mapping.problem(path + ("decimals",), f"a whole number from 0 to {MAX_DECIMALS}",
                                        shown(entry["decimals"])))
    if "scale" in entry:
        factor = scale_factor(entry["scale"])
        if factor is None:
            problems.append(mapping.problem(path + ("scale",), "a positive number (1000) or a word: "
                                            + ", ".join(SCALE_WORDS), shown(entry["scale"])))
        else:
            entry["scale"] = factor
    for key in ("name_vi", "name_en", "unit_vi", "unit_en", "sector", "part_of", "breakdown",
                "numerator", "denominator", "weight"):
        if key in entry and entry[key] is not None:
            entry[key] = str(entry[key]).strip()
    if "signed" in entry:
        entry["signed"] = "yes" if entry["signed"] in (True, "yes", "có") else "no"


def _check_unit(mapping, path, entry, problems) -> None:
    import re

    for key in ("id", "parent"):
        value = entry.get(key)
        if value is not None and not re.fullmatch(ORG_UNIT_PATTERN, str(value)):
            problems.append(mapping.problem(path + (key,), "an org unit id of letters, digits, '_', '.' "
                                                           "or '-'", value))
        elif value is not None:
            entry[key] = str(value)


def _read_sectors(mapping, value, problems) -> dict:
    if not isinstance(value, dict):
        problems.append(mapping.problem(("sectors",), "sector keys, each with its name", shown(value)))
        return {}
    sectors = {}
    for key, names in value.items():
        if isinstance(names, str):
            names = {"name_vi": names}
        if not isinstance(names, dict) or not set(names) <= {"name_vi", "name_en"}:
            problems.append(mapping.problem(("sectors", key), "a name, or name_vi: and name_en:", shown(names)))
            continue
        sectors[str(key)] = {k: str(v) for k, v in names.items()}
    return sectors


def scale_factor(scale) -> float | None:
    """The factor a scale stands for, or None when it is not one.

    >>> scale_factor(1000), scale_factor("nghìn"), scale_factor("x")
    (1000.0, 1000.0, None)
    """
    if isinstance(scale, bool):
        return None
    if isinstance(scale, (int, float)):
        return float(scale) if scale > 0 else None
    return SCALE_WORDS.get(str(scale).strip().lower())


def _did_you_mean(word: str, choices: list[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1)
    return f"did you mean {close[0]}?" if close else None


def _check_size(node, label: str) -> None:
    """Refuse aliases that stand for too many entries, or for themselves, before anything walks them."""
    sizes: dict[int, int] = {}

    def size(node) -> int:
        if id(node) in sizes:
            if sizes[id(node)] < 0:
                raise _too_big(label, node, "an alias used inside its own anchor")
            return sizes[id(node)]
        sizes[id(node)] = -1
        children = node.value if isinstance(node, yaml.SequenceNode) else \
            [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else []
        sizes[id(node)] = total = 1 + sum(size(child) for child in children)
        if total > MOST_ENTRIES:
            raise _too_big(label, node, f"aliases that stand for at most {MOST_ENTRIES:,} entries")
        return total

    if node is not None:
        size(node)


def _too_big(label: str, node, expected: str) -> InputError:
    return InputError([Problem(label, expected, line=node.start_mark.line + 1,
                               hint="write the entries out, or use fewer aliases (*name)")], "the mapping")


def _duplicate_keys(node, label: str) -> list[Problem]:
    """A name given twice in one block: YAML keeps the last one and drops the first without a word."""
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                line = key_node.start_mark.line + 1
                if key_node.value in first:
                    problems.append(Problem(label, f"each name once in its block; it is given on line "
                                                   f"{first[key_node.value]} too", line=line,
                                            value=key_node.value, hint="keep one of the two lines"))
                first.setdefault(key_node.value, line)
            problems += _duplicate_keys(value_node, label)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            problems += _duplicate_keys(item, label)
    return problems


def _lines(node, path: tuple = ()) -> dict[tuple, int]:
    """Line (1-based) of every key path in a composed YAML document."""
    lines: dict[tuple, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = yaml.safe_load(yaml.serialize(key_node)) if not isinstance(key_node, yaml.ScalarNode) \
                else key_node.value
            here = path + (key,)
            lines[here] = key_node.start_mark.line + 1
            lines.update(_lines(value_node, here))
    return lines
