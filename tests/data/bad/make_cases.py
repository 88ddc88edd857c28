"""Write the bad-input corpus: one folder per case, each a complete small data set.

Run ``python tests/data/bad/make_cases.py`` after changing a case; the folders
are committed so that a reader can open any case and see the file a user sent.

Every case folder holds
  ``data/`` (CSV files) or ``data.xlsx``   the inputs, with one thing wrong;
  ``params.yaml``                         a run of them (``data``, ``period``, ``unit``);
  ``case.yaml``                           ``about`` (what is wrong), ``expect`` (fragments
                                          the message must contain) and, for the huge file,
                                          ``grow`` (communes, each with 420 valid rows,
                                          the test adds before the bad last row).

``tests/test_bad_inputs.py`` runs ``briefing validate`` and ``briefing run`` on
each and wants exit status 2, every fragment, no traceback, and no output written.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # tests/, for the shared fixtures' text
from conftest import INDICATORS, ORG_UNITS, to_windows_1258  # noqa: E402

from briefing.inputs.contract import MAX_TREE_DEPTH  # noqa: E402

VALUES_HEADER = "indicator_id,org_unit,period,value\n"
#: Lines 2-16 of values.csv; a case's extra row lands on line 17.
VALUES = VALUES_HEADER + "".join(
    f"trained,{unit},2020-{month:02d},{value}\n"
    for unit, value in (("D1", 1505), ("D2", 500)) for month in range(1, 7)
) + "members,P,2020-05,37652\npoverty,P,2020Q2,3.1\naccidents,P,2020-03,2\n"
TARGETS = "indicator_id,org_unit,year,target\ntrained,P,2020,24060\npoverty,P,2020,2.6\n"
DOSSIERS = ("dossier_id,org_unit,procedure,received_on,due_on,resolved_on\n"
            "HS-1,P,Cấp giấy phép,2020-02-03,2020-02-17,2020-02-10\n")
PARAMS = {"data": "data", "period": "2020S1", "unit": "P"}
#: Communes K1, K2, ... each the parent of the next, below D2 (level 1): K1 is on line 6
#: at level 2, so K{MAX_TREE_DEPTH} (line MAX_TREE_DEPTH + 5) is one level too deep.
DEEP_CHAIN = "\n".join(f"K{i},,,{f'K{i - 1}' if i > 1 else 'D2'}" for i in range(1, MAX_TREE_DEPTH + 1))


def base_files() -> dict[str, str | bytes]:
    return {"indicators.csv": INDICATORS, "org_units.csv": ORG_UNITS, "values.csv": VALUES,
            "targets.csv": TARGETS, "dossiers.csv": DOSSIERS}


def with_row(row: str, file: str = "values.csv") -> dict:
    files = base_files()
    files[file] += row + "\n"
    return files


def replaced(file: str, old: str, new: str) -> dict:
    files = base_files()
    assert old in files[file], (file, old)
    files[file] = files[file].replace(old, new, 1)
    return files


def without(file: str) -> dict:
    files = base_files()
    del files[file]
    return files


def with_file(file: str, content: str | bytes) -> dict:
    return base_files() | {file: content}


#: name -> (about, expected fragments, files or None for the base set, params changes)
CASES: dict[str, tuple] = {
    # --- files and their shape
    "missing-values-file": ("values.csv is not in the folder", ["values.csv", "missing"],
                            without("values.csv"), {}),
    "missing-column": ("values.csv has no value column",
                       ["values.csv", "column value", "missing"],
                       with_file("values.csv", VALUES.replace(",value\n", ",amount\n", 1)), {}),
    "empty-file": ("values.csv has zero bytes", ["values.csv", "the file is empty"],
                   with_file("values.csv", ""), {}),
    "bom-only-file": ("values.csv holds only a UTF-8 byte-order mark",
                      ["values.csv", "the file is empty"], with_file("values.csv", "\ufeff"), {}),
    "header-only-file": ("values.csv has its header and no row", ["values.csv", "the file has none"],
                         with_file("values.csv", VALUES_HEADER), {}),
    "semicolon-separated": ("values.csv saved with ';' between fields (a Vietnamese-locale Excel)",
                            ["values.csv", "separated by semicolons"],
                            with_file("values.csv", VALUES.replace(",", ";")), {}),
    "windows-1258": ("indicators.csv saved in Windows-1258, not UTF-8",
                     ["indicators.csv, line 2", "not valid UTF-8", "looks like Windows-1258", "iconv"],
                     with_file("indicators.csv", to_windows_1258(INDICATORS)), {}),
    "huge-file-bad-last-row": ("values.csv of 420,000 rows (1,000 communes) whose very last row is not a number",
                               ["values.csv, line 420017, column value", '"12x"'],
                               with_row("accidents,C1,2019-12,12x"), {}),
    # --- values
    "duplicate-rows": ("the same indicator, unit and period twice",
                       ["values.csv, line 17", "line 2"],
                       with_row("trained,D1,2020-01,1600"), {}),
    "unknown-indicator": ("a value for an indicator the catalogue does not list",
                          ["values.csv, line 17, column indicator_id", '"ghost"',
                           "listed in indicators.csv"], with_row("ghost,P,2020-01,5"), {}),
    "unknown-org-unit": ("a value for an org unit the tree does not list",
                         ["values.csv, line 17, column org_unit", '"X9"', "listed in org_units.csv"],
                         with_row("trained,X9,2020-01,5"), {}),
    "period-month-13": ("a month that does not exist", ["line 17, column period", '"2020-13"',
                                                         "month from 01 to 12"],
                        with_row("trained,P,2020-13,5"), {}),
    "period-week": ("a week where a month belongs (weekly figures are not reporting periods)",
                    ["line 17, column period", '"2020-W23"', "weeks are not reporting periods here",
                     "aggregate them into months (or give daily rows)"],
                    with_row("trained,P,2020-W23,5"), {}),
    "period-quarter-5": ("a quarter that does not exist", ["line 17, column period", '"2020Q5"',
                                                            "quarter from 1 to 4"],
                         with_row("trained,P,2020Q5,5"), {}),
    "period-two-digit-year": ("a year written with two digits", ["line 17, column period", '"20S1"'],
                              with_row("trained,P,20S1,5"), {}),
    "not-a-number": ("a word where a number belongs", ["line 17, column value", '"abc"'],
                     with_row("trained,P,2020-07,abc"), {}),
    "thousands-separators": ("a number typed the Vietnamese way, dots between thousands",
                             ["line 17, column value", '"18.050.000"', "write 18050000"],
                             with_row("trained,P,2020-07,18.050.000"), {}),
    "decimal-comma": ("a rate typed with a decimal comma",
                      ["line 17, column value", '"3,1"', "write 3.1"],
                      with_row('poverty,P,2020Q1,"3,1"'), {}),
    "ratio-without-denominator": ("a ratio whose denominator is not named",
                                  ["indicators.csv, line 7, column denominator",
                                   "the denominator of this ratio"],
                                  with_file("indicators.csv", INDICATORS.replace(
                                      "part_of\n", "part_of,numerator,denominator\n", 1)
                                      + "positivity,social,Tỷ lệ,Positivity,%,%,ratio,up,1,,trained,\n"),
                                  {}),
    "value-too-large": ("a value of 1e30, far beyond anything a department reports",
                        ["values.csv, line 17, column value", "smaller than 10^15"],
                        with_row("trained,P,2020-07,1e30"), {}),
    "target-infinite": ("an annual plan of inf", ["targets.csv, line 4, column target", '"inf"',
                                                   "a finite number smaller than 10^15"],
                        with_row("members,P,2020,inf", "targets.csv"), {}),
    "target-overflowing": ("an annual plan of 1e309, too large for a float",
                           ["targets.csv, line 4, column target", '"1e309"', "a finite number"],
                           with_row("members,P,2020,1e309", "targets.csv"), {}),
    "target-nan": ("an annual plan of nan", ["targets.csv, line 4, column target", '"nan"',
                                              "a finite number"],
                   with_row("members,P,2020,nan", "targets.csv"), {}),
    "target-too-small": ("an annual plan of 1e-300: a percentage of it overflows",
                         ["targets.csv, line 4, column target", '"1e-300"',
                          "zero or a number of at least 10^-9"],
                         with_row("members,P,2020,1e-300", "targets.csv"), {}),
    # --- the catalogue and the tree
    "invalid-kind": ("an indicator kind that does not exist",
                     ["indicators.csv, line 2, column kind", '"flows"', "flow, stock, rate"],
                     replaced("indicators.csv", "flow,up,0,\n", "flows,up,0,\n"), {}),
    "invalid-direction": ("a direction other than up or down",
                          ["indicators.csv, line 2, column direction", '"sideways"'],
                          replaced("indicators.csv", "flow,up,0,\n", "flow,sideways,0,\n"), {}),
    "part-of-unknown-indicator": ("a component of an indicator that does not exist",
                                  ["indicators.csv, line 3, column part_of", '"trainee"'],
                                  replaced("indicators.csv", "flow,up,0,trained", "flow,up,0,trainee"),
                                  {}),
    "org-tree-missing-parent": ("a district whose parent is not in the tree",
                                ["org_units.csv, line 4, column parent", '"Q"'],
                                replaced("org_units.csv", "District 2,P", "District 2,Q"), {}),
    "org-tree-cycle": ("two units each the parent of the other", ["org_units.csv", "cycle"],
                       replaced("org_units.csv", "P,Tỉnh P,Province P,\n", "P,Tỉnh P,Province P,C1\n"),
                       {}),
    "org-tree-too-deep": (f"a chain of {MAX_TREE_DEPTH:,} communes below district D2, each the "
                          f"parent of the next: the last is {MAX_TREE_DEPTH + 1:,} levels deep", [f"org_units.csv, line {MAX_TREE_DEPTH + 5}, "
                                                     "column parent", f'"K{MAX_TREE_DEPTH - 1}"',
                                                     f"at most {MAX_TREE_DEPTH:,} levels"],
                          with_row(DEEP_CHAIN, "org_units.csv"), {}),
    "org-unit-id-path": ("an org unit id that would climb out of the output folder",
                         ["org_units.csv, line 6, column org_unit", '"../etc"'],
                         with_row("../etc,Xã lạ,Odd commune,D2", "org_units.csv"), {}),
    "target-year-not-integer": ("a plan for the year 2020.5",
                                ["targets.csv, line 4, column year", '"2020.5"'],
                                with_row("members,P,2020.5,40000", "targets.csv"), {}),
    "dossier-resolved-before-received": (
        "a dossier resolved before it was received",
        ["dossiers.csv, line 3, column resolved_on", "on or after the date received"],
        with_row("HS-2,P,Cấp giấy phép,2020-03-10,2020-03-24,2020-03-01", "dossiers.csv"), {}),
    "dossier-day-first-date": ("a date typed day first", ["dossiers.csv, line 3, column received_on",
                                                           '"10/03/2020"', "2020-03-10"],
                               with_row("HS-2,P,Cấp giấy phép,10/03/2020,2020-03-24,", "dossiers.csv"),
                               {}),
    "workbook-missing-sheet": ("an .xlsx workbook without the values sheet",
                               ["data.xlsx", "values"], "xlsx-without-values", {"data": "data.xlsx"}),
    # --- parameters
    "params-unknown-key": ("a params file with 'perod' for 'period'",
                           ["params.yaml", "unknown key 'perod'", "did you mean 'period'"],
                           None, {"period": None, "perod": "2020S1"}),
    "params-lang-fr": ("a language the toolkit does not write", ["lang 'fr'", "vi", "en"],
                       None, {"lang": "fr"}),
    "params-bad-period": ("a half-year that does not exist", ["period '2020S3'"], None,
                          {"period": "2020S3"}),
    "params-period-not-covered": ("a period the data has no value for",
                                  ["no values for 2023S1", "2020-01 to 2020-06"],
                                  None, {"period": "2023S1"}),
    "params-unit-not-in-tree": ("an org unit the data does not know",
                                ["org unit 'X9' is not in the data", "known units: P"],
                                None, {"unit": "X9"}),
    "params-unit-path": ("an org unit id that is a path", ["unit '../../etc'"],
                         None, {"unit": "../../etc"}),
    "params-bad-format": ("an export format the toolkit does not make", ["'docx'", "html", "pdf"],
                          None, {"to": ["html", "docx"]}),
    "params-data-missing": ("a data folder that does not exist", ["nowhere", "an existing data folder or workbook"],
                            None, {"data": "nowhere"}),
    "params-notebook-missing": ("a notebook that does not exist", ["unknown notebook 'nope'", "briefing"],
                                None, {"notebook": "nope"}),
}

# --- issue 13, reading input (i13-input): begin -------------------------------------------
NAME_WITH_LINE_BREAK = INDICATORS.replace("Đào tạo nghề", '"Đào tạo\nnghề"', 1)


def workbook_with_timed_dossier(folder: Path) -> None:
    """A workbook whose dossier dates are real Excel dates, one of them with a time of day."""
    import datetime as dt

    header, *rows = [line.split(",") for line in DOSSIERS.splitlines()]
    typed = [[*row[:3], *(dt.datetime.fromisoformat(d) if d else None for d in row[3:])]
             for row in rows]
    typed.append(["HS-2", "P", "Cấp giấy phép", dt.datetime(2020, 3, 10, 14, 30),
                  dt.datetime(2020, 3, 24), None])
    files = {k: v for k, v in base_files().items() if k != "dossiers.csv"}
    write_workbook(folder / "data.xlsx", files, {"dossiers": [header, *typed]})


CASES |= {
    "values-header-with-spaces": (
        "values.csv written 'indicator_id, org_unit, period, value' (a space after each comma) "
        "and a word for a number: the fast reader once crashed on the header",
        ["values.csv, line 17, column value", '"abc"'],
        with_file("values.csv", VALUES.replace(",", ", ", 3) + "trained,P,2020-07,abc\n"), {}),
    "value-overflowing-1e309": ("a value of 1e309, too large for a float: quoted as written",
                                ["values.csv, line 17, column value", '"1e309"', "a finite number"],
                                with_row("trained,P,2020-07,1e309"), {}),
    "line-after-quoted-line-break": (
        "an indicator name holding a quoted line break (fine), and a bad kind further down: "
        "the line named is the file's line",
        ["indicators.csv, line 7, column kind", '"flowz"'],
        with_file("indicators.csv", NAME_WITH_LINE_BREAK.replace(
            "accidents,safety,Tai nạn lao động,Accidents,vụ,accidents,flow",
            "accidents,safety,Tai nạn lao động,Accidents,vụ,accidents,flowz")), {}),
    "duplicate-period-written-differently": (
        "the same month twice, written 2020-01 and 202001: the message quotes what is written",
        ["values.csv, line 17, column period", '"202001"', "line 2 has the same"],
        with_row("trained,D1,202001,1600"), {}),
    "control-character-in-name": (
        "an indicator name holding the control character \\x01 (it broke the SVG charts)",
        ["indicators.csv, line 2, column name_vi", "control characters", "\\x01"],
        replaced("indicators.csv", "Đào tạo nghề", "Đào\x01tạo nghề"), {}),
    "name-too-long": (
        "an indicator name of 5,000 characters (it made the PDF take minutes)",
        ["indicators.csv, line 2, column name_en", "at most 300 characters",
         "this one has 5,000"],
        replaced("indicators.csv", "Vocational training", "x" * 5000), {}),
    "misnamed-values-file": ("values.csv saved as value.csv",
                             ["values.csv", "missing", "found value.csv; did you mean values.csv?"],
                             {k if k != "values.csv" else "value.csv": v
                              for k, v in base_files().items()}, {}),
    "workbook-dossier-time-of-day": (
        "an .xlsx workbook with dossier dates as real Excel dates (fine), one with a time of day",
        ["data.xlsx [dossiers], line 3, column received_on", '"2020-03-10 14:30:00"',
         "a time of day too"],
        workbook_with_timed_dossier, {"data": "data.xlsx"}),
}
# --- issue 13, reading input (i13-input): end ---------------------------------------------

UNSAFE_PARAMS = "!!python/object/apply:os.system ['touch pwned']\n"
EXTRA_CASES = {
    "params-unsafe-yaml": ("a params file asking YAML to run a command (loaded safely, refused)",
                           ["params.yaml", "line 1", "'!!python/...' are not allowed"]),
}


# ==== issue 13, preflight (branch i13-preflight) ===========================================
# Cases whose params file must be written as text (yaml.safe_dump would quote or refuse
# it), or that bring a notebook of their own next to params.yaml.
# name -> (about, expected fragments, params.yaml text, {file in the case folder: text})
PREFLIGHT_PARAMS = "data: data\nperiod: 2020S1\nunit: P\n"


def small_notebook(metadata: dict) -> str:
    import json

    return json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "id": "c1",
                                  "metadata": {}, "outputs": [], "source": "print(1)"}],
                       "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}, indent=1)


KERNEL = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
PREFLIGHT_CASES: dict[str, tuple] = {
    "params-report-date-impossible": (
        "a report date that does not exist (YAML 1.1 made it an internal error)",
        ["params.yaml", "report_date '2020-02-30'", "no such day"],
        PREFLIGHT_PARAMS + "report_date: 2020-02-30\n", {}),
    "params-alias-bomb": (
        "a billion laughs: nine levels of nested YAML aliases (a 39 MB message, or out of memory)",
        ["params.yaml, line 5", "anchors and aliases", "not allowed"],
        PREFLIGHT_PARAMS + "issuer:\n" + "".join(
            f"  - &{name} [{', '.join([f'*{prev}' if prev else 'lol'] * 9)}]\n"
            for name, prev in zip("abcdefghi", ["", *"abcdefgh"])), {}),
    "params-huge-value": (
        "a language of 100,000 characters: the message quotes 200 of them",
        ["lang 'xxxxxxxx", "…", "expected one of vi, en"],
        PREFLIGHT_PARAMS + "lang: " + "x" * 100_000 + "\n", {}),
    "notebook-not-json": (
        "a notebook cut short (not JSON): an internal error once the kernel was due",
        ["cut.ipynb", "expected a notebook (JSON); line 14, column 4"],
        PREFLIGHT_PARAMS + "notebook: cut.ipynb\n",
        {"cut.ipynb": small_notebook(KERNEL)[:200]}),
    "notebook-no-kernelspec": (
        "a notebook saved without a kernel",
        ["no-kernel.ipynb", "expected metadata.kernelspec.name"],
        PREFLIGHT_PARAMS + "notebook: no-kernel.ipynb\n",
        {"no-kernel.ipynb": small_notebook({})}),
    "notebook-requires-not-a-list": (
        "briefing.requires written as text, not a list (it was read letter by letter)",
        ["metadata.briefing.requires", "expected a list of", "found 'dossiers'"],
        PREFLIGHT_PARAMS + "notebook: needs.ipynb\n",
        {"needs.ipynb": small_notebook(KERNEL | {"briefing": {"requires": "dossiers"}})}),
    "notebook-requires-unknown-table": (
        "briefing.requires names a table the contract does not have",
        ["metadata.briefing.requires", "unknown 'dossier'", "dossiers, children"],
        PREFLIGHT_PARAMS + "notebook: needs.ipynb\n",
        {"needs.ipynb": small_notebook(KERNEL | {"briefing": {"requires": ["dossier"]}})}),
}


def write_preflight_cases() -> int:
    for name, (about, expect, params_text, files) in PREFLIGHT_CASES.items():
        write_case(name, about, expect, None, {})
        (HERE / name / "params.yaml").write_text(params_text, encoding="utf-8")
        for file, text in files.items():
            (HERE / name / file).write_text(text, encoding="utf-8")
    return len(PREFLIGHT_CASES)
# ==== end of issue 13, preflight ===========================================================


def write_case(name: str, about: str, expect: list[str], files, params: dict,
               grow: int | None = None) -> None:
    folder = HERE / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    if files == "xlsx-without-values":
        write_workbook(folder / "data.xlsx", {k: v for k, v in base_files().items()
                                              if k != "values.csv"})
    elif callable(files):
        files(folder)
    else:
        data = folder / "data"
        data.mkdir()
        for file, content in (files or base_files()).items():
            if isinstance(content, bytes):
                (data / file).write_bytes(content)
            else:
                (data / file).write_text(content, encoding="utf-8")
    merged = {k: v for k, v in (PARAMS | params).items() if v is not None}
    (folder / "params.yaml").write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    case = {"about": about, "expect": expect} | ({"grow": grow} if grow else {})
    (folder / "case.yaml").write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")


def write_workbook(path: Path, files: dict[str, str], typed: dict[str, list] | None = None) -> None:
    """A workbook of the CSV texts as sheets (cells as text), and ``typed`` sheets of rows."""
    import csv
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for file, text in files.items():
        sheet = book.create_sheet(file.removesuffix(".csv"))
        for row in csv.reader(io.StringIO(text)):
            sheet.append(row)
    for name, rows in (typed or {}).items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def main() -> None:
    for folder in HERE.iterdir():
        if folder.is_dir() and (folder / "case.yaml").exists():
            shutil.rmtree(folder)
    for name, (about, expect, files, params) in CASES.items():
        write_case(name, about, expect, files, params,
                   grow=1000 if name == "huge-file-bad-last-row" else None)
    for name, (about, expect) in EXTRA_CASES.items():
        write_case(name, about, expect, None, {})
        (HERE / name / "params.yaml").write_text(UNSAFE_PARAMS, encoding="utf-8")
    preflight = write_preflight_cases()   # issue 13, preflight
    print(f"{len(CASES) + len(EXTRA_CASES) + preflight} cases written under {HERE}")


if __name__ == "__main__":
    main()
