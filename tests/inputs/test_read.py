"""Reading input: one set of rules whatever the reader, lines as in the file, workbooks."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

import briefing
from briefing.errors import InputError
from briefing.inputs.read import read_tables
from briefing.inputs.summary import summarise_dataset
from briefing.inputs.validate import check_tables
from conftest import INDICATORS, ORG_UNITS, write_tables

HEADER = "indicator_id,org_unit,period,value\n"
ROW = "trained,P,2020-01,5\n"

#: values.csv files that once read differently by the fast (pyarrow) and the text reader,
#: and daily rows, which both fold into months alike.
TRICKY = {
    "spaces-after-commas": "indicator_id, org_unit, period, value\n" + ROW,
    "quoted-header": '"indicator_id","org_unit","period","value"\n' + ROW,
    "padded-id": HEADER + "trained, P ,2020-01,5\n",
    "padded-id-blank-line": HEADER + "trained, P ,2020-01,5\n\n",
    "padded-duplicate": HEADER + ROW + "trained, P,2020-01,6\n",
    "padded-value": HEADER + "trained,P,2020-01, 5 \n",
    "overflow": HEADER + "trained,P,2020-01,1e309\n",
    "overflow-blank-line": HEADER + "\ntrained,P,2020-01,1e309\n",
    "too-large": HEADER + "trained,P,2020-01,1e30\n",
    "tiny": HEADER + "poverty,P,2020-01,1e-300\n",
    "nan": HEADER + "poverty,P,2020-01,nan\n",
    "infinity": HEADER + "poverty,P,2020-01,Infinity\n",
    "NA": HEADER + "trained,P,2020-01,NA\n",
    "empty-value": HEADER + "trained,P,2020-01,\n",
    "negative": HEADER + "trained,P,2020-01,-5.0\n",
    "arabic-digits": HEADER + "trained,P,2020-01,١٢\n",
    "plus-and-dot": HEADER + "trained,P,2020-01,+5.\npoverty,P,2020-01,.5\n",
    "crlf": (HEADER + ROW).replace("\n", "\r\n"),
    "cr-only": (HEADER + ROW + "trained,P,2020-02,x\n").replace("\n", "\r"),
    "bom": "\ufeff" + HEADER + ROW,
    "quoted-line-break": HEADER + '"trai\nned",P,2020-01,5\ntrained,P,2020-02,x\n',
    "month-written-two-ways": HEADER + "trained,P,2020-06,5\ntrained,P,202006,6\n",
    "extra-column": "indicator_id,org_unit,period,value,note\ntrained,P,2020-01,5,ok\n",
    "value-column-twice": "indicator_id,org_unit,period,value, value\ntrained,P,2020-01,5,6\n",
    "whitespace-line": HEADER + ROW + "   \n" + "trained,P,2020-02,x\n",
    "tab-in-id": HEADER + "trained\t,P,2020-01,5\n",
    "days": HEADER + "trained,P,2020-06-01,5\ntrained,P,20200602,6\nmembers,P,2020-06-30,7\n",
    "days-and-their-month": HEADER + "trained,P,2020-06,5\ntrained,P,2020-06-02,6\n",
    "week": HEADER + ROW + "trained,P,2020-W23,5\n",
}


def outcome(folder, fast: bool):
    """("accepted", the values as text) or ("refused", every problem as printed)."""
    tables, _, problems, _ = read_tables(folder, fast=fast)
    try:
        checked = check_tables(tables, problems)
    except InputError as error:
        return "refused", [str(p) for p in error.problems]
    return "accepted", checked.values.astype(str).to_dict("records")


@pytest.mark.parametrize("name", TRICKY)
def test_fast_and_text_readers_accept_and_refuse_alike(tmp_path, name):
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS)
    (tmp_path / "values.csv").write_bytes(TRICKY[name].encode("utf-8"))
    assert outcome(tmp_path, fast=True) == outcome(tmp_path, fast=False)


@pytest.mark.parametrize("name", ["spaces-after-commas", "quoted-header", "padded-id",
                                  "padded-duplicate", "padded-value", "crlf", "bom", "days"])
def test_the_fast_reader_takes_plainly_valid_files(tmp_path, name):
    """The parity above is not won by always falling back: these go through pyarrow."""
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS)
    (tmp_path / "values.csv").write_bytes(TRICKY[name].encode("utf-8"))
    tables, _, problems, _ = read_tables(tmp_path)
    assert tables["values"].typed and not problems


def test_spaces_after_the_commas_of_the_header_are_fine(tmp_path):
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS,
                 values="indicator_id, org_unit, period, value\n" + ROW)
    assert briefing.load_dataset(tmp_path).values["value"].tolist() == [5.0]


def test_padded_ids_are_stripped_whichever_reader(tmp_path):
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS,
                 values=HEADER + "trained, P ,2020-01,5\n")
    assert briefing.load_dataset(tmp_path).values["org_unit"].tolist() == ["P"]


def test_an_overflowing_value_is_quoted_as_written(tmp_path):
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS,
                 values=HEADER + "trained,P,2020-01,1e309\n")
    with pytest.raises(InputError) as caught:
        briefing.load_dataset(tmp_path)
    assert [p.value for p in caught.value.problems] == ["1e309"]


def problems_of_values(tmp_path, text: str):
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS, values=text)
    with pytest.raises(InputError) as caught:
        briefing.load_dataset(tmp_path)
    return caught.value.problems


def test_lines_after_a_quoted_line_break_are_the_file_lines(tmp_path):
    text = HEADER + 'trained,P,2020-01,"5"\n"trai\nned",P,2020-01,6\ntrained,P,2020-02,x\n'
    problems = problems_of_values(tmp_path, text)
    bad = [p for p in problems if p.column == "value"]
    assert [(p.line, p.value) for p in bad] == [(5, "x")]
    assert [p.line for p in problems if p.column == "indicator_id"] == [3]


def test_a_duplicate_row_quotes_the_period_as_written(tmp_path):
    problems = problems_of_values(tmp_path, HEADER + "trained,P,2020-06,5\ntrained,P,202006,6\n")
    assert [(p.line, p.column, p.value) for p in problems] == [(3, "period", "202006")]
    assert "line 2 has the same trained / P / 2020-06" in str(problems[0])


# --- workbooks ---------------------------------------------------------------------------

DOSSIER_HEADER = ["dossier_id", "org_unit", "procedure", "received_on", "due_on", "resolved_on"]


def write_workbook(path, sheets: dict):
    """Sheets from CSV text or from lists of rows (cells keep their Python type)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, content in sheets.items():
        sheet = book.create_sheet(name)
        rows = csv.reader(io.StringIO(content)) if isinstance(content, str) else content
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def base_sheets(**more) -> dict:
    return {"indicators": INDICATORS, "org_units": ORG_UNITS, "values": HEADER + ROW} | more


def test_workbook_dossier_dates_stored_as_excel_dates_are_read(tmp_path):
    dossiers = [DOSSIER_HEADER,
                ["HS-1", "P", "Cấp phép", dt.datetime(2020, 2, 3), dt.datetime(2020, 2, 17),
                 dt.datetime(2020, 2, 10)],
                ["HS-2", "P", "Cấp phép", dt.datetime(2020, 3, 2), dt.datetime(2020, 3, 16), None]]
    path = write_workbook(tmp_path / "data.xlsx", base_sheets(dossiers=dossiers))
    frame = briefing.load_dataset(path).dossiers
    assert frame["received_on"].dt.strftime("%Y-%m-%d").tolist() == ["2020-02-03", "2020-03-02"]
    assert frame["resolved_on"].isna().tolist() == [False, True]


@pytest.mark.parametrize("cell, fragment", [
    pytest.param(dt.datetime(2020, 2, 3, 14, 30), "a time of day too; give the date only: "
                 "2020-02-03", id="date-and-time"),
    pytest.param(dt.time(14, 30), "a time of day, not a date", id="time"),
    pytest.param(43864, "as an Excel date serial it would be 2020-02-03", id="serial-number"),
    pytest.param(2.5, "a date written YYYY-MM-DD", id="number"),
])
def test_workbook_dates_that_are_not_dates_are_refused_clearly(tmp_path, cell, fragment):
    dossiers = [DOSSIER_HEADER, ["HS-1", "P", "Cấp phép", cell, dt.datetime(2020, 2, 17), None]]
    path = write_workbook(tmp_path / "data.xlsx", base_sheets(dossiers=dossiers))
    with pytest.raises(InputError) as caught:
        briefing.load_dataset(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("data.xlsx [dossiers]", 2, "received_on")
    assert fragment in str(problem)


def test_workbook_sheets_outside_the_contract_are_never_parsed(tmp_path, monkeypatch):
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    path = write_workbook(tmp_path / "data.xlsx", base_sheets(notes=[["x"]] * 50))
    parsed = []
    rows = ReadOnlyWorksheet.iter_rows

    def spy(sheet, *args, **kwargs):
        parsed.append(sheet.title)
        return rows(sheet, *args, **kwargs)

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", spy)
    briefing.load_dataset(path)
    assert sorted(parsed) == ["indicators", "org_units", "values"]


def test_workbook_rows_keep_their_sheet_row_numbers_across_empty_rows(tmp_path):
    values = [HEADER.strip().split(","), ["trained", "P", "2020-01", 5], [], [],
              ["trained", "P", "2020-02", "x"]]
    path = write_workbook(tmp_path / "data.xlsx", base_sheets(values=values))
    with pytest.raises(InputError) as caught:
        briefing.load_dataset(path)
    assert [(p.line, p.value) for p in caught.value.problems] == [(5, "x")]


# --- misnamed and empty optional tables -----------------------------------------------------

def test_a_misnamed_optional_file_is_named_with_the_right_name(tmp_path):
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS, values=HEADER + ROW,
                 target="indicator_id,org_unit,year,target\ntrained,P,2020,10\n", notes="a\n")
    summary = summarise_dataset(briefing.load_dataset(tmp_path))
    assert "warning:    file 'target.csv' is not read: did you mean targets.csv?" in summary
    assert "notes.csv" not in summary


def test_a_misnamed_optional_sheet_is_named_with_the_right_name(tmp_path):
    plan = "indicator_id,org_unit,year,target\ntrained,P,2020,10\n"
    path = write_workbook(tmp_path / "data.xlsx", base_sheets(**{"Kế hoạch": plan}))
    summary = summarise_dataset(briefing.load_dataset(path))
    assert "targets:    none (no targets sheet)" in summary
    assert "sheet 'Kế hoạch' is not read: did you mean targets?" in summary


def test_a_misnamed_required_file_is_suggested(tmp_path):
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS, value=HEADER + ROW)
    with pytest.raises(InputError) as caught:
        briefing.load_dataset(tmp_path)
    assert "found value.csv; did you mean values.csv?" in str(caught.value)


def test_a_header_only_dossiers_file_is_present_with_no_rows(tmp_path):
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS, values=HEADER + ROW,
                 dossiers=",".join(DOSSIER_HEADER) + "\n")
    summary = summarise_dataset(briefing.load_dataset(tmp_path))
    assert "dossiers:   none (dossiers.csv is present and has no rows)" in summary
    assert "targets:    none (no targets.csv)" in summary


def test_validate_prints_the_misnamed_file_warning_and_succeeds(tmp_path):
    from conftest import run_briefing

    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS, values=HEADER + ROW,
                 target="indicator_id,org_unit,year,target\ntrained,P,2020,10\n")
    result = run_briefing("validate", "--data", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning:    file 'target.csv' is not read: did you mean targets.csv?" in result.stdout
