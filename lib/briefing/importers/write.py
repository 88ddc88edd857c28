"""Putting an import in place: write the contract's CSV files, validate them, swap the folder in.

The folder is built beside its destination and renamed into place only once it
validates, so a failed or interrupted import leaves the destination as it was.
A folder this module did not write (it has no :data:`IMPORT_LOG`) is replaced
only with ``force``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd

from briefing.errors import InputError, Problem
from briefing.inputs.dataset import CheckedData, read_dataset

#: The file every import writes into its folder: what was read, when ids were made, what was left out.
IMPORT_LOG = "briefing-import.json"
#: The contract's files in the order they are written.
FILE_ORDER = ("indicators", "sectors", "org_units", "values", "targets")


def check_destination(out: Path, sources: list[Path], force: bool) -> None:
    """Refuse a destination that would lose data: a file, a folder of other files, a sources' folder."""
    out = Path(out)
    resolved = out.resolve()
    for source in sources:
        if resolved == source.resolve() or resolved in source.resolve().parents:
            raise InputError([Problem(str(out), "an output folder that does not hold the sources; "
                                                f"{source} is inside it",
                                      hint="import into a new folder, e.g. data/imported")], "the import")
    if out.exists() and not out.is_dir():
        raise InputError([Problem(str(out), "a folder to write the data set into; this is a file")], "the import")
    if out.is_dir() and any(out.iterdir()) and not (out / IMPORT_LOG).is_file() and not force:
        shown = ", ".join(sorted(p.name for p in out.iterdir())[:5])
        raise InputError([Problem(str(out), "a new or empty folder, or one an earlier import wrote; it holds "
                                            f"files briefing import did not write ({shown})",
                                  hint="choose another folder, or give --force to replace it")], "the import")


def write_contract(tables: dict[str, pd.DataFrame], out: Path, log: dict) -> CheckedData:
    """Write, validate and swap in the data set; return it checked.

    Raises ``InputError`` (problems placed in the sources where the ``source`` column
    says) when the tables do not validate; ``out`` is then untouched.
    """
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _unwritable(out, error) from None
    # named before it exists, so that a signal arriving just after it is made still finds it removed
    building = out.parent / f".{out.name}.importing-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        building.mkdir()
        for name in FILE_ORDER:
            if name in tables:
                tables[name].to_csv(building / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
        try:
            dataset = read_dataset(building)
        except InputError as error:
            raise InputError([_placed(p, tables) for p in error.problems], "the imported data") from None
        (building / IMPORT_LOG).write_text(json.dumps(log, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        _swap_in(building, out)
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        raise _unwritable(out, error) from None
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return dataclasses.replace(dataset, source=out)


def _unwritable(out: Path, error: OSError) -> InputError:
    return InputError([Problem(str(out), f"a folder the import can write ({error.strerror or error})",
                               value=error.filename and str(error.filename),
                               hint="choose --out in a folder you can write to")], "the import")


def _swap_in(building: Path, out: Path) -> None:
    """Rename the new folder into place; the old one, if any, goes only after the new one is there."""
    if not out.exists():
        os.rename(building, out)
        return
    old = out.parent / f".{out.name}.replaced-{os.getpid()}"
    os.rename(out, old)
    try:
        os.rename(building, out)
    except BaseException:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _placed(problem: Problem, tables: dict[str, pd.DataFrame]) -> Problem:
    """A problem in a written file, told with the source place its row came from."""
    table = tables.get(problem.file.removesuffix(".csv"))
    if table is None or problem.line is None or "source" not in table.columns \
            or not 2 <= problem.line < len(table) + 2:
        return problem
    source = table["source"].iloc[problem.line - 2]
    return Problem(f"{source} (written as {problem.file} line {problem.line})", problem.expected,
                   column=problem.column, value=problem.value, hint=problem.hint)
