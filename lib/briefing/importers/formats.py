"""The source formats ``briefing import`` reads: a registry, and telling a file's format.

Each format is a module with ``NAME``, ``LAYOUT_KEYS`` (the mapping keys it reads),
``detects(source) -> bool`` and ``read(source, mapping) -> Extract``.
"""

from __future__ import annotations

from types import ModuleType

from briefing.errors import InputError, Problem
from briefing.importers import dhis2, sdmx, wide
from briefing.importers.mapping import Mapping
from briefing.importers.sources import SourceFile

#: Formats by name, tried in this order when the mapping names none (wide last: it takes any table).
FORMATS: dict[str, ModuleType] = {module.NAME: module for module in (dhis2, sdmx, wide)}
#: Every mapping key some reader understands.
LAYOUT_KEYS: tuple[str, ...] = tuple(dict.fromkeys(k for m in FORMATS.values() for k in m.LAYOUT_KEYS))


def format_of(source: SourceFile, mapping: Mapping) -> ModuleType:
    """The reader for a source: the one the mapping names, else the first that recognises it."""
    if mapping.format is not None:
        if mapping.format not in FORMATS:
            raise InputError([mapping.problem(("format",), f"one of {', '.join(FORMATS)}", mapping.format)],
                             "the mapping")
        return FORMATS[mapping.format]
    for module in FORMATS.values():
        if module.detects(source):
            return module
    raise InputError([Problem(source.name, "a CSV or .xlsx table, a DHIS2 export (JSON or CSV) or an "
                                           "SDMX-CSV file; this is none of them",
                              hint="name the format in the mapping (format: wide, dhis2 or sdmx)")],
                     "the import")
