"""Opening a source file: its bytes, its text, and a first look to tell its format."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import InputError, Problem
from briefing.inputs.read import guess_encoding

#: Characters of a text file read to tell its format.
HEAD_CHARS = 65536
#: Suffixes read as Excel workbooks.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".json")


@dataclass
class SourceFile:
    """A source as the readers see it: path, bytes, checksum and, for text, the decoded text."""

    path: Path
    data: bytes = field(repr=False)
    text: str | None = field(default=None, repr=False)
    encoding: str | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def is_workbook(self) -> bool:
        return self.suffix in WORKBOOK_SUFFIXES or self.data[:4] == b"PK\x03\x04"

    def json(self):
        """The parsed JSON document, or None when the text is not JSON."""
        if self.text is None or not self.text.lstrip().startswith(("{", "[")):
            return None
        try:
            return json.loads(self.text)
        except ValueError:
            return None

    def header(self) -> list[str]:
        """The first row of a delimited text file, cells stripped (empty for other files)."""
        rows = self.rows(limit=1)
        return [cell.strip() for cell in rows[0]] if rows else []

    def rows(self, limit: int | None = None) -> list[list[str]]:
        """The rows of a delimited text file as lists of strings (comma, semicolon or tab)."""
        if self.text is None:
            return []
        reader = csv.reader(io.StringIO(self.text.lstrip("\ufeff"), newline=""), delimiter=self.delimiter())
        rows = []
        try:
            for row in reader:
                rows.append(row)
                if limit is not None and len(rows) >= limit:
                    break
        except csv.Error as error:
            raise InputError([Problem(self.name, f"a table of delimited text ({error})",
                                      line=reader.line_num)], "the import") from None
        return rows

    def delimiter(self) -> str:
        first = (self.text or "").lstrip("\ufeff").split("\n", 1)[0]
        counts = {d: first.count(d) for d in (",", ";", "\t")}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def open_source(path) -> SourceFile:
    """Read a source file; a missing or unreadable one raises ``InputError`` naming it."""
    path = Path(path)
    if path.is_dir():
        raise InputError([Problem(path.name, "a file (CSV, .xlsx or JSON); this is a folder",
                                  value=str(path), hint="give the files inside it, e.g. "
                                  f"{path}/*.xlsx")], "the import")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(path.name, "a source file; there is none at this path",
                                  value=str(path))], "the import") from None
    except OSError as error:
        raise InputError([Problem(path.name, f"a readable file ({error.strerror})")], "the import") from None
    source = SourceFile(path, data)
    if not source.is_workbook and _looks_binary(data):
        raise InputError([Problem(path.name, "a table (CSV, .xlsx), a DHIS2 export (JSON, CSV) or an SDMX-CSV "
                                             "file; this is binary data",
                                  hint="an old .xls workbook: open it and save it as .xlsx")], "the import")
    if not source.is_workbook:
        source.text, source.encoding = _decode(data)
    return source


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` when every other byte of the start is NUL (text saved without a BOM)."""
    head = data[:4096]
    if len(head) < 4:
        return None
    for codec, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            return codec
    return None


def _looks_binary(data: bytes) -> bool:
    """NUL bytes in text that is not UTF-16: an image, an old .xls, a zip that is not a workbook."""
    if _utf16_without_bom(data):
        return False
    head = data[:8192]
    # UTF-16 text has NULs; an old .xls (OLE2) is named by the workbook reader, with its own advice
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xd0\xcf\x11\xe0"))


def _decode(data: bytes) -> tuple[str, str]:
    """Text of a file: UTF-8 (with or without BOM), UTF-16 with a BOM, else the likely Windows code page."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    codec = _utf16_without_bom(data)
    if codec:
        return data.decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        name, iconv = guess_encoding(data)
        codec = "cp1258" if iconv == "WINDOWS-1258" else "cp1252"
        return data.decode(codec, errors="replace"), codec


def column_letter(index: int) -> str:
    """Excel's letter of a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(702)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
