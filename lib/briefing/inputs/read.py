"""Reading input tables from a folder of CSV files or one Excel workbook."""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from briefing.errors import InputError, Problem
from briefing.inputs.columnar import read_values_columnar
from briefing.inputs.contract import TABLES, TableSpec
from briefing.inputs.misnamed import guess_table, misnamed_notes
from briefing.inputs.workbook import open_workbook, read_sheet

_VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323")


@dataclass(frozen=True)
class InputFile:
    """One file the data came from, for the report's annex and ``metrics.json``.

    ``rows`` counts data rows per table read from the file.
    """

    name: str
    sha256: str
    rows: dict[str, int]


@dataclass(frozen=True)
class RawTable:
    """A table as read, before it is checked.

    ``frame`` holds the contract's columns present in the file and ``_line``,
    the line (or worksheet row) each record came from. Text columns hold
    stripped strings; when ``typed`` is true (the fast reader), id columns are
    categories and ``value`` is already a float.
    """

    spec: TableSpec
    label: str
    frame: pd.DataFrame
    typed: bool = False


Read = tuple[dict[str, RawTable], list[InputFile], list[Problem], list[str]]


def read_tables(path: Path, fast: bool = True) -> Read:
    """Read every contract table found at ``path`` (a folder of CSVs or an ``.xlsx``).

    Parameters
    ----------
    fast
        Try the fast (pyarrow) reader for ``values.csv`` first. Either way the
        same rules apply and the same problems are found: the fast reader hands
        anything that is not plainly valid to the text reader.

    Returns
    -------
    tables, inputs, problems, notes
        The tables that could be read, every file read, what kept the others
        from being read (missing, empty, not UTF-8, missing columns), and
        warnings that change nothing (a file or sheet that looks misnamed).

    Raises
    ------
    InputError
        When ``path`` is neither a folder nor a workbook.
    """
    path = Path(path)
    if path.is_dir():
        return _read_folder(path, fast)
    if path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file():
        return _read_workbook(path)
    if path.exists():
        expected = "a folder of CSV files or an .xlsx workbook"
        raise InputError([Problem(str(path), expected)], source=str(path))
    raise InputError([Problem(str(path), "an existing data folder or workbook; nothing is there")],
                     source=str(path))


def _read_folder(folder: Path, fast: bool) -> Read:
    tables, inputs, problems = {}, [], []
    others = sorted(p.name for p in folder.iterdir()
                    if p.name not in {spec.file_name for spec in TABLES.values()})
    present = {spec.name for spec in TABLES.values() if (folder / spec.file_name).is_file()}
    for spec in TABLES.values():
        file = folder / spec.file_name
        if not file.is_file():
            if spec.required_table:
                problems.append(_missing_file_problem(others, spec))
            continue
        data = file.read_bytes()
        found = _read_csv_bytes(data, spec, file.name, problems, fast)
        if found is not None:
            tables[spec.name] = found
            inputs.append(InputFile(file.name, _sha256(data), {spec.name: len(found.frame)}))
    optional_others = [n for n in others if guess_table(n.rsplit(".", 1)[0]) not in
                       {s.name for s in TABLES.values() if s.required_table}]
    return tables, inputs, problems, misnamed_notes(optional_others, present, "file")


def _missing_file_problem(others: list[str], spec: TableSpec) -> Problem:
    near = [name for name in others if name.lower().endswith(".csv")
            and guess_table(name[:-4]) == spec.name]
    hint = f"found {near[0]}; did you mean {spec.file_name}?" if near else None
    return Problem(spec.file_name, f"a required file ({spec.summary}); it is missing", hint=hint)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_csv_bytes(data: bytes, spec: TableSpec, label: str, problems: list,
                    fast: bool = True) -> RawTable | None:
    """Read one CSV file; on failure append problems and return ``None``."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not body[:4096].strip() and not body.strip():   # look at the start first: no copy
        problems.append(Problem(label, "a header row and data rows; the file is empty"))
        return None
    end = body.find(b"\n")
    first_line = body if end < 0 else body[:end]
    header_text = _decode_utf8(first_line, label, problems)
    if header_text is None:
        return None
    raw_header = _split_header(header_text)
    if not _check_header([name.strip() for name in raw_header], spec, label, problems):
        return None
    if spec.name == "values" and fast:
        # pyarrow checks the encoding itself; anything it rejects is re-read
        # by the careful reader below, which says what is wrong and where.
        frame = read_values_columnar(body, spec, raw_header)
        table = None if frame is None else RawTable(spec, label, frame, typed=True)
        if table is not None:
            return _require_rows(table, spec, label, problems)
    text = _decode_utf8(body, label, problems)
    if text is None:
        return None
    table = _read_csv_text(text, spec, label, problems)
    return None if table is None else _require_rows(table, spec, label, problems)


def _decode_utf8(body: bytes, label: str, problems: list) -> str | None:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        line = body.count(b"\n", 0, error.start) + 1
        encoding, iconv = guess_encoding(body)
        problems.append(Problem(
            label,
            f"text encoded as UTF-8; byte 0x{body[error.start]:02X} is not valid UTF-8",
            line=line,
            hint=(
                f"the file looks like {encoding}. Re-save it as UTF-8: in Excel use "
                "File > Save As > 'CSV UTF-8 (Comma delimited)', in LibreOffice tick "
                f"'Edit filter settings' and choose 'Unicode (UTF-8)', or run "
                f"iconv -f {iconv} -t UTF-8 {label} > {Path(label).stem}-utf8.csv"
            ),
        ))
        return None


def guess_encoding(data: bytes) -> tuple[str, str]:
    """Name the encoding bytes that are not UTF-8 probably use, and its ``iconv`` name."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 (Excel's 'Unicode Text')", "UTF-16"
    decoded = data.decode("cp1258", errors="replace")
    if _VIETNAMESE_LETTERS.intersection(decoded):
        return "Windows-1258 (Vietnamese)", "WINDOWS-1258"
    return "Windows-1252 (Western European)", "WINDOWS-1252"


def _split_header(text: str) -> list[str]:
    """The column names of the header line as a CSV reader sees them: unquoted, not stripped."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    try:
        return next(csv.reader([first]), [])
    except csv.Error:
        return [name.strip('"') for name in first.split(",")]


def _check_header(header: list[str], spec: TableSpec, label: str, problems: list) -> bool:
    """The header (names stripped) has every required column, and each contract column once."""
    missing = [c for c in spec.required if c not in header]
    for group in spec.one_of:
        if not any(c in header for c in group):
            missing.append(" or ".join(group))
    for column in missing:
        problems.append(Problem(
            label, f"a column named {column}; the header does not have it", line=1,
            column=column, hint=_header_hint(header, column),
        ))
    twice = [c for c in spec.columns if header.count(c) > 1]
    for column in twice:
        problems.append(Problem(
            label, f"each column once; the header names {column} {header.count(column)} times",
            line=1, column=column,
        ))
    return not missing and not twice


def _header_hint(header: list[str], column: str) -> str | None:
    if len(header) == 1 and ";" in header[0]:
        return "the file is separated by semicolons; save it with commas as separators"
    if len(header) == 1 and "\t" in header[0]:
        return "the file is separated by tabs; save it with commas as separators"
    near = difflib.get_close_matches(column, header, n=1, cutoff=0.6)
    if near:
        return f"found {near[0]!r}; is that it?"
    return f"the header reads: {', '.join(header)}"


def _read_csv_text(text: str, spec: TableSpec, label: str, problems: list) -> RawTable | None:
    """Read a CSV as strings, keeping blank lines so that row numbers stay line numbers."""
    # Vietnamese text may come decomposed (tone marks as separate characters, as iconv
    # makes from Windows-1258): composed, names compare and render as they should.
    text = unicodedata.normalize("NFC", text)
    try:
        frame = pd.read_csv(
            io.StringIO(text.lstrip("\ufeff")), dtype=str, keep_default_na=False,
            skip_blank_lines=False, usecols=lambda c: c.strip() in spec.columns,
            # pandas 2.2's C parser cuts a cell at NUL, hiding it from the control check
            engine="python" if "\x00" in text else "c",
        )
    except pd.errors.ParserError as error:
        problems.append(_parser_problem(label, str(error)))
        return None
    frame.columns = [c.strip() for c in frame.columns]
    frame = frame.fillna("").apply(lambda column: column.str.strip())
    frame["_line"] = _record_lines(text, len(frame))
    blank = (frame[[c for c in frame.columns if c != "_line"]] == "").all(axis=1)
    return RawTable(spec, label, frame[~blank].reset_index(drop=True))


def _record_lines(text: str, records: int) -> np.ndarray:
    """The line on which each record (after the header) starts.

    A quoted value may hold a line break, so that a record spans lines: then
    the lines are counted by a CSV reader, record by record.
    """
    plain = np.arange(2, records + 2, dtype=np.int32)
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    lines = breaks + (0 if text.endswith(("\n", "\r")) else 1)
    if lines == records + 1 or '"' not in text:
        return plain
    starts, previous = [], 0
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        for _ in reader:
            starts.append(previous + 1)
            previous = reader.line_num
    except csv.Error:
        return plain
    if len(starts) != records + 1:
        return plain
    return np.asarray(starts[1:], dtype=np.int32)


def _parser_problem(label: str, message: str) -> Problem:
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if match:
        expected, line, seen = match.groups()
        return Problem(
            label, f"{expected} fields as in the header, found {seen}", line=int(line),
            hint="a value that contains a comma must be written in double quotes",
        )
    return Problem(label, f"a well-formed CSV file ({message.strip()})")


def _require_rows(table: RawTable, spec: TableSpec, label: str, problems: list) -> RawTable | None:
    if len(table.frame) == 0 and spec.required_table:
        problems.append(Problem(label, "data rows under the header; the file has none", line=2))
        return None
    return table


def _read_workbook(path: Path) -> Read:
    """Read the contract's sheets of a workbook; other sheets are never parsed."""
    data = path.read_bytes()
    try:
        book = open_workbook(data)
        sheets = list(book.sheetnames)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise InputError([Problem(path.name, f"a readable .xlsx workbook ({error})")],
                         source=str(path)) from None
    tables, rows, problems = {}, {}, []
    others = [name for name in sheets if name not in TABLES]
    try:
        for spec in TABLES.values():
            label = f"{path.name} [{spec.name}]"
            if spec.name not in sheets:
                if spec.required_table:
                    problems.append(_missing_sheet_problem(path.name, sheets, others, spec))
                continue
            table = _sheet_table(_read_sheet(book, spec, path), spec, label, problems)
            if table is not None:
                tables[spec.name] = table
                rows[spec.name] = len(table.frame)
    finally:
        book.close()
    notes = misnamed_notes(others, set(tables) | {s.name for s in TABLES.values()
                                                  if s.required_table}, "sheet")
    return tables, [InputFile(path.name, _sha256(data), rows)], problems, notes


def _read_sheet(book, spec: TableSpec, path: Path) -> pd.DataFrame:
    try:
        return read_sheet(book, spec.name, spec)
    except Exception as error:  # a damaged sheet: openpyxl raises many types
        raise InputError([Problem(f"{path.name} [{spec.name}]",
                                  f"a readable worksheet ({error})")], source=str(path)) from None


def _missing_sheet_problem(file: str, sheets: list[str], others: list[str],
                           spec: TableSpec) -> Problem:
    near = [name for name in others if guess_table(name) == spec.name]
    hint = (f"found a sheet {near[0]!r}; did you mean {spec.name}?" if near
            else f"the workbook has sheets: {', '.join(sheets)}")
    return Problem(file, f"a sheet named {spec.name} ({spec.summary}); it is missing", hint=hint)


def _sheet_table(sheet: pd.DataFrame, spec: TableSpec, label: str, problems: list) -> RawTable | None:
    header = [str(c).strip() for c in sheet.columns if c != "_line"]
    if not any(header):
        problems.append(Problem(label, "a header row and data rows; the sheet is empty"))
        return None
    if not _check_header(header, spec, label, problems):
        return None
    sheet = sheet.copy()
    sheet.columns = header + ["_line"]
    frame = sheet[[c for c in spec.columns if c in header]]
    frame = frame.apply(lambda column: column.str.strip().str.normalize("NFC"))
    frame["_line"] = sheet["_line"].to_numpy(dtype=np.int32)
    blank = (frame[[c for c in frame.columns if c != "_line"]] == "").all(axis=1)
    return _require_rows(RawTable(spec, label, frame[~blank].reset_index(drop=True)),
                         spec, label, problems)
