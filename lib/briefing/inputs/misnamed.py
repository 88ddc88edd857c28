"""Files and sheets whose names are close to a contract table's: the likely misnamed ones."""

from __future__ import annotations

import difflib
import unicodedata

from briefing.inputs.contract import TABLES

#: Names a Vietnamese office gives its tables (written without tone marks, lower case).
_VIETNAMESE_NAMES = {
    "chi tieu": "indicators", "danh muc chi tieu": "indicators", "he thong chi tieu": "indicators",
    "linh vuc": "sectors", "nganh": "sectors",
    "don vi": "org_units", "dia ban": "org_units", "don vi hanh chinh": "org_units",
    "so lieu": "values", "gia tri": "values", "du lieu": "values",
    "ke hoach": "targets", "ke hoach nam": "targets", "chi tieu ke hoach": "targets",
    "muc tieu": "targets",
    "ho so": "dossiers", "thu tuc hanh chinh": "dossiers", "tthc": "dossiers",
}


def _plain(name: str) -> str:
    """Lower case, no tone marks, '_' and '-' as spaces: 'Kế hoạch' -> 'ke hoach'."""
    decomposed = unicodedata.normalize("NFD", name.strip().lower().replace("đ", "d"))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.replace("_", " ").replace("-", " ").split())


def guess_table(name: str) -> str | None:
    """The contract table a file stem or sheet name probably means, or ``None``.

    Examples
    --------
    >>> guess_table("target"), guess_table("Kế hoạch"), guess_table("notes")
    ('targets', 'targets', None)
    """
    plain = _plain(name)
    if plain in _VIETNAMESE_NAMES:
        return _VIETNAMESE_NAMES[plain]
    tables = {_plain(table): table for table in TABLES}
    near = difflib.get_close_matches(plain, list(tables), n=1, cutoff=0.75)
    return tables[near[0]] if near else None


def misnamed_notes(names: list[str], present: set[str], kind: str) -> list[str]:
    """One warning per name (file or sheet) that looks like a contract table not present.

    Parameters
    ----------
    names
        The files of a data folder (``target.csv``) or the sheets of a workbook,
        other than the contract's own.
    present
        The contract tables that were found.
    kind
        ``"file"`` or ``"sheet"``: how the notes name things.
    """
    notes = []
    for name in names:
        stem = name[:-4] if kind == "file" and name.lower().endswith(".csv") else name
        if kind == "file" and stem == name:
            continue
        table = guess_table(stem)
        if table is None or table in present:
            continue
        right = f"{table}.csv" if kind == "file" else table
        notes.append(f"{kind} {name!r} is not read: did you mean {right}? "
                     f"({TABLES[table].summary} are read from a {kind} named {right})")
    return notes
