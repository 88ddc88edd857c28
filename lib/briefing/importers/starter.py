"""``briefing init``: a new department's starting point, a workbook to fill in and a params file.

The workbook has one sheet per contract table with every column the contract
knows, one example row each (a province, one district, six months of one
indicator, its plan, a dossier), and a ``notes`` sheet explaining every column
in Vietnamese and English. The example validates and renders as it stands.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import OutputError
from briefing.importers.starter_notes import StarterWords, starter_words
from briefing.inputs.contract import DIRECTIONS, KINDS, TABLES, TableSpec

WORKBOOK = "data.xlsx"
PARAMS = "params.yaml"
NOTES_SHEET = "notes"
#: The example's root unit: the unit of the example report.
EXAMPLE_UNIT = "baclieu"
#: Jobs found in the example district, January to June; the plan for the year.
EXAMPLE_MONTHS = (120, 135, 160, 150, 175, 190)
EXAMPLE_PLAN = 1800
#: Columns holding numbers; every other column but the dates is formatted as text.
NUMBER_COLUMNS = ("decimals", "multiplier", "value", "target", "year")
_NOTES_WIDTHS = (14, 16, 18, 60, 60, 40, 30)
_REQUIRED_FILL, _OPTIONAL_FILL, _NOTES_FILL = "F4B183", "BDD7EE", "D9D9D9"
#: Rows below the header that get the kind and direction drop-down lists.
_VALIDATED_ROWS = 1000


def example_year(today: dt.date) -> int:
    """The year of the example rows: the latest whose first half is over.

    Examples
    --------
    >>> example_year(dt.date(2026, 11, 25)), example_year(dt.date(2026, 6, 30))
    (2026, 2025)
    """
    return today.year if today.month >= 7 else today.year - 1


def example_rows(year: int) -> dict[str, list[dict]]:
    """One realistic example row per table (six months of values), by table name."""
    names = starter_words(year).texts["example"]
    indicator = {"indicator_id": "jobs_created", "sector": "jobs", "kind": "flow", "direction": "up",
                 "decimals": 0, **names["indicator"]}
    return {
        "indicators": [indicator],
        "sectors": [{"sector": "jobs", **names["sector"]}],
        "org_units": [{"org_unit": EXAMPLE_UNIT, **names["province"]},
                      {"org_unit": "hongdan", **names["district"], "parent": EXAMPLE_UNIT}],
        "values": [{"indicator_id": "jobs_created", "org_unit": "hongdan",
                    "period": f"{year}-{month:02d}", "value": value}
                   for month, value in enumerate(EXAMPLE_MONTHS, start=1)],
        "targets": [{"indicator_id": "jobs_created", "org_unit": "hongdan", "year": year,
                     "target": EXAMPLE_PLAN}],
        "dossiers": [{"dossier_id": f"HS-{year}-0001", "org_unit": "hongdan",
                      "procedure": names["procedure"], "received_on": dt.date(year, 3, 2),
                      "due_on": dt.date(year, 3, 16), "resolved_on": dt.date(year, 3, 10)}],
    }


def build_workbook(year: int):
    """The starter workbook: the notes sheet first, then one sheet per contract table."""
    from openpyxl import Workbook

    book = Workbook()
    examples = example_rows(year)
    _notes_sheet(book.active, starter_words(year), examples)
    for spec in TABLES.values():
        _table_sheet(book.create_sheet(spec.name), spec, examples[spec.name])
    return book


def _cell_format(spec: TableSpec, column: str) -> str:
    if column in spec.dates:
        return "yyyy-mm-dd"
    if column in NUMBER_COLUMNS:
        return "0" if column in ("year", "decimals") else "General"
    return "@"   # text: "2020-06" stays a period, "001" keeps its zeros


def _table_sheet(sheet, spec: TableSpec, rows: list[dict]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    must = set(spec.required) | {c for group in spec.one_of for c in group}
    sheet.append(list(spec.columns))
    for row in rows:
        sheet.append([row.get(column) for column in spec.columns])
    for index, column in enumerate(spec.columns, start=1):
        letter, number_format = get_column_letter(index), _cell_format(spec, column)
        header = sheet.cell(1, index)
        header.font = Font(bold=True)
        header.fill = PatternFill("solid", fgColor=_REQUIRED_FILL if column in must else _OPTIONAL_FILL)
        header.number_format = "@"
        for line in range(2, len(rows) + 2):
            sheet.cell(line, index).number_format = number_format
        dimension = sheet.column_dimensions[letter]
        dimension.number_format = number_format   # cells typed later take the column's format
        texts = [column] + [_shown(row.get(column)) for row in rows]
        dimension.width = min(48, max(10, max(len(t) for t in texts) + 3))
        _add_choices(sheet, column, letter)
    sheet.freeze_panes = "A2"


def _add_choices(sheet, column: str, letter: str) -> None:
    """A drop-down list of the contract's values for ``kind`` and ``direction``; others warn."""
    from openpyxl.worksheet.datavalidation import DataValidation

    choices = {"kind": KINDS, "direction": DIRECTIONS}.get(column)
    if choices is None or sheet.title != "indicators":
        return
    rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                          errorStyle="warning", showErrorMessage=True,
                          error=f"{column}: " + ", ".join(choices))
    rule.add(f"{letter}2:{letter}{_VALIDATED_ROWS + 1}")
    sheet.add_data_validation(rule)


def _shown(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _notes_sheet(sheet, words: StarterWords, examples: dict[str, list[dict]]) -> None:
    """The notes: the workbook in general, then each sheet and each of its columns."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.title = NOTES_SHEET
    sheet.append(words.texts["notes_header"])
    for note in words.general():
        sheet.append((words.texts["general_row"], "", "", note.vi, note.en, "", ""))
    for name, spec in TABLES.items():
        note = words.note(name)
        sheet.append((name, "", words.required(name), note.vi, note.en, "", ""))
        for column in spec.columns:
            sheet.append(_column_row(words, name, column, examples[name]))
    for index, width in enumerate(_NOTES_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.number_format = "@"
            if cell.row == 1 or (cell.column == 1 and row[1].value in ("", None)):
                cell.font = Font(bold=True)
            if cell.row == 1:
                cell.fill = PatternFill("solid", fgColor=_NOTES_FILL)
    sheet.freeze_panes = "C2"


def _column_row(words: StarterWords, table: str, column: str, rows: list[dict]) -> tuple[str, ...]:
    """One column's line of the notes; a column the contract added without a note gets none."""
    note = words.note(table, column)
    if note is None:   # tests/importers/test_init.py fails until starter.yaml has the note
        return (table, column, words.required(table, column), "", "", "", "")
    example = note.example or next((_shown(r.get(column)) for r in rows if r.get(column) not in
                                    (None, "")), "")
    return (table, column, words.required(table, column), note.vi, note.en,
            words.allowed(table, column), example)


def params_text(year: int) -> str:
    """The example's params file, each key under a comment saying what it is."""
    words = starter_words(year).texts
    says, header = words["params"], words["example"]["header"]
    values = {"data": WORKBOOK, "period": f"{year}S1", "unit": EXAMPLE_UNIT, "lang": "vi",
              "out": "outputs", **header}
    lines = [f"# {line}" for line in says["opening"]] + [""]
    for key, comment in says["keys"].items():
        if key == next(iter(header)):
            lines += ["", f"# {says['header']}"]
        lines += [f"# {comment}", f"{key}: {_yaml_text(values[key])}"]
    lines += [""] + [f"# {line}" for line in says["more"]]
    return "\n".join(lines) + "\n"


def _yaml_text(value: str) -> str:
    """A YAML scalar read back as ``value``: plain when safe, else double-quoted."""
    if re.fullmatch(r"\w[\w .,/()-]*", value) and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Starter:
    """What ``briefing init`` wrote: the folder, its files, and the example report's period and unit."""

    folder: Path
    files: tuple[Path, ...]
    period: str
    unit: str


def write_starter(folder, force: bool = False, today: dt.date | None = None) -> Starter:
    """Write the starter workbook and params file into ``folder``, all or nothing.

    A new folder appears whole (built beside it, then renamed). Into an
    existing folder (empty, or any with ``force``) each file is built aside and
    moved in by one rename, replacing a file of the same name; other files stay.

    Raises
    ------
    OutputError
        When ``folder`` is a file, or a folder that is not empty (without ``force``),
        or cannot be written.
    """
    folder = Path(folder)
    year = example_year(today or dt.date.today())
    exists = _check_target(folder, force)
    parent = folder if exists else folder.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.absolute().name}.init-", dir=parent))
    except OSError as error:
        raise OutputError(f"cannot write {folder}: {error.strerror or error}") from None
    try:
        build_workbook(year).save(staging / WORKBOOK)
        (staging / PARAMS).write_text(params_text(year), encoding="utf-8")
        _publish(staging, folder, exists)
    except OSError as error:
        raise OutputError(f"cannot write {folder}: {error.strerror or error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Starter(folder, (folder / WORKBOOK, folder / PARAMS), f"{year}S1", EXAMPLE_UNIT)


def _check_target(folder: Path, force: bool) -> bool:
    """Whether ``folder`` exists; refuse a file, or a folder with anything in it unless forced."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is a file: give a new or empty folder")
    if not folder.exists():
        return False
    if not force and any(folder.iterdir()):
        raise OutputError(f"{folder} exists and is not empty: give a new or empty folder, or "
                          f"--force to write {WORKBOOK} and {PARAMS} into it (replacing those "
                          "two files, keeping the others)")
    return True


def _publish(staging: Path, folder: Path, exists: bool) -> None:
    if not exists:
        os.rename(staging, folder)   # the folder appears whole
        return
    for name in (WORKBOOK, PARAMS):
        os.replace(staging / name, folder / name)


def describe_starter(starter: Starter) -> str:
    """What was written and the two commands that come next, as ``briefing init`` prints them."""
    folder = starter.folder
    data, params = (shlex.quote(str(folder / name)) for name in (WORKBOOK, PARAMS))
    sheets = ", ".join(TABLES)
    return "\n".join([
        f"wrote {folder}:",
        f"  {data}    the data to fill in: sheets {sheets}, one example row each;",
        f"  {' ' * len(data)}    the sheet {NOTES_SHEET} explains every column (Vietnamese and English)",
        f"  {params}  the example report: {starter.period} for {starter.unit}, with the "
        "document's header fields",
        "next:",
        f"  briefing validate --data {data}",
        f"  briefing run {params}",
        "Replace the example rows with your own data and run both again.",
    ])
