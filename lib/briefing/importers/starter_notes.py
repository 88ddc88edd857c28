"""The words ``briefing init`` writes, read from ``starter.yaml``: names, column notes, comments."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from briefing.inputs.contract import (
    DEFAULT_MULTIPLIER,
    DIRECTIONS,
    INDICATOR_ID_PATTERN,
    KINDS,
    MAX_DECIMALS,
    MAX_TEXT_LENGTH,
    NO,
    TABLES,
    YES,
)

#: The texts, in Vietnamese and English, beside this module (package data).
WORDS_FILE = Path(__file__).with_name("starter.yaml")
#: Columns a sheet must have whose cells may be empty.
_MAY_BE_EMPTY = (("dossiers", "resolved_on"),)


@dataclass(frozen=True)
class Note:
    """One sheet or column explained: its meaning in each language, the values it takes, an example."""

    vi: str
    en: str
    allowed: str = ""
    example: str = ""


class _Kept(dict):
    """Placeholder values; a placeholder without one (``{value}``) stays as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@functools.cache
def _read_words() -> dict:
    import yaml

    return yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))


def _filled(node, values: _Kept):
    if isinstance(node, str):
        return node.format_map(values)
    if isinstance(node, dict):
        return {key: _filled(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [_filled(value, values) for value in node]
    return node


@dataclass(frozen=True)
class StarterWords:
    """The texts of ``starter.yaml`` with the contract's values and the example's year filled in."""

    texts: dict

    def note(self, table: str, column: str | None = None) -> Note | None:
        """A column's note, or the sheet's with no column; ``None`` for a column without one."""
        entry = self.texts["tables"][table] if column is None \
            else self.texts["columns"].get(table, {}).get(column)
        return None if entry is None else Note(**entry)

    def general(self) -> list[Note]:
        """Notes on the whole workbook."""
        return [Note(**entry) for entry in self.texts["general"]]

    def allowed(self, table: str, column: str) -> str:
        """The values a column takes: its note's, or for free text the length limit."""
        note = self.note(table, column)
        if note is not None and note.allowed:
            return note.allowed
        return self.texts["free_text"] if column in TABLES[table].free_text else ""

    def required(self, table: str, column: str | None = None) -> str:
        """Whether a column (or with no column, the sheet) must be there, from the contract."""
        spec, says = TABLES[table], self.texts["required"]
        if column is None:
            return says["sheet"] if spec.required_table else says["optional_sheet"]
        if (table, column) in _MAY_BE_EMPTY:
            return says["may_be_empty"]
        if column in spec.required:
            return says["column"]
        for group in spec.one_of:
            if column in group:
                return says["one_of"].format(group=", ".join(group))
        if column in ("numerator", "denominator"):
            return says["for_ratio"]
        return says["optional"]


def starter_words(year: int) -> StarterWords:
    """The starter's texts for an example of ``year``.

    Examples
    --------
    >>> starter_words(2026).allowed("targets", "year")
    'số nguyên từ 1900 đến 2100 / a whole year from 1900 to 2100'
    """
    values = _Kept(
        year=year, tables=", ".join(TABLES), kinds=", ".join(KINDS),
        directions=", ".join(DIRECTIONS), max_decimals=MAX_DECIMALS,
        max_text_length=MAX_TEXT_LENGTH, indicator_id_pattern=INDICATOR_ID_PATTERN,
        default_multiplier=f"{DEFAULT_MULTIPLIER:g}",
        yes_no=" / ".join(f"{yes}, {no}" for yes, no in zip(YES, NO[1:])),
    )
    return StarterWords(_filled(_read_words(), values))
