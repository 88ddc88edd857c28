"""What the DHIS2 and SDMX tests share: import into a folder, and read one figure back."""

from __future__ import annotations

import textwrap

from briefing.importers.importer import import_sources


def imported(tmp_path, *paths, mapping: str = ""):
    """``briefing import`` into a folder (written, validated); the extracts and the assembled tables."""
    mapping_path = None
    if mapping:
        mapping_path = tmp_path / "mapping.yaml"
        mapping_path.write_text(textwrap.dedent(mapping), encoding="utf-8")
    made = import_sources(list(paths), tmp_path / "contract", mapping_path)
    return made.extracts, made.assembled


def value(result, indicator: str, unit: str, period: str) -> float:
    """The one value of ``values.csv`` for an indicator, unit and period."""
    values = result.tables["values"]
    row = values[(values["indicator_id"] == indicator) & (values["org_unit"] == unit) & (values["period"] == period)]
    assert len(row) == 1, (indicator, unit, period)
    return float(row["value"].iloc[0])
