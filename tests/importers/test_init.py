"""``briefing init``: a workbook a new department fills in, that validates and renders as it is."""

from __future__ import annotations

import datetime as dt
import json
import shlex

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from briefing.errors import OutputError
from briefing.importers import starter
from briefing.importers.starter import NOTES_SHEET, describe_starter, example_year, write_starter
from briefing.importers.starter_notes import starter_words
from briefing.inputs.contract import TABLES
from briefing.inputs.dataset import read_dataset
from briefing.inputs.read import read_tables
from briefing.run.params import build_params, load_params_file
from conftest import run_briefing

TODAY = dt.date(2026, 11, 25)
#: Columns whose cells are ids, periods or names: a typed "2026-06" or "001" must stay text.
TEXT_COLUMNS = {
    "indicators": ("indicator_id", "sector", "kind", "name_vi", "part_of", "numerator", "weight"),
    "sectors": ("sector", "name_vi"),
    "org_units": ("org_unit", "name_vi", "parent"),
    "values": ("indicator_id", "org_unit", "period"),
    "targets": ("indicator_id", "org_unit"),
    "dossiers": ("dossier_id", "org_unit", "procedure"),
}


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    folder = tmp_path_factory.mktemp("init") / "so-ldtbxh"
    write_starter(folder, today=TODAY)
    return folder


@pytest.fixture(scope="module")
def book(started):
    return openpyxl.load_workbook(started / "data.xlsx")


def column_of(sheet, name: str) -> str:
    """The letter of the column headed ``name`` in row 1."""
    return next(cell.column_letter for cell in sheet[1] if cell.value == name)


@pytest.mark.slow
def test_init_then_the_printed_commands_validate_and_render_the_example(tmp_path):
    result = run_briefing("init", "so-ldtbxh", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "so-ldtbxh"
    assert sorted(p.name for p in folder.iterdir()) == ["data.xlsx", "params.yaml"]
    commands = [line.strip() for line in result.stdout.splitlines()
                if line.strip().startswith("briefing ")]
    assert commands == ["briefing validate --data so-ldtbxh/data.xlsx",
                        "briefing run so-ldtbxh/params.yaml"]

    validated = run_briefing(*shlex.split(commands[0])[1:], cwd=tmp_path)
    assert validated.returncode == 0, validated.stderr
    assert "data.xlsx: valid" in validated.stdout and "warning" not in validated.stdout
    assert "indicators: 1 in 1 sectors (1 flow)" in validated.stdout

    ran = run_briefing(*shlex.split(commands[1])[1:], cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    period = load_params_file(folder / "params.yaml")["period"]
    report = folder / "outputs" / period / "baclieu"
    html = (report / "briefing.vi.html").read_text(encoding="utf-8")
    assert "Số người được giải quyết việc làm" in html and "01/BC-SLĐTBXH" in html
    metrics = json.loads((report / "metrics.vi.json").read_text(encoding="utf-8"))
    [jobs] = metrics["indicators"]
    # Hồng Dân, January to June: 120 + 135 + 160 + 150 + 175 + 190 = 930 people; the province
    # has no rows of its own and takes its one district's figure and plan (1,800).
    assert jobs["org_unit"] == "baclieu" and jobs["period"] == period
    assert jobs["value"] == jobs["ytd_value"] == 930
    assert jobs["target"] == 1800
    assert jobs["attainment_pct"] == pytest.approx(51.6667, abs=1e-4)   # 930 / 1,800
    assert jobs["expected_pct"] == pytest.approx(50.0)                  # 6 months of 12
    assert jobs["status"] == "on_track"
    assert jobs["previous_value"] is None and jobs["flags"] == []
    # one dossier: received 2 March, due 16 March, resolved 10 March (early, so on time too)
    admin = metrics["admin_procedures"]
    assert [admin[k] for k in ("received", "carried_over", "resolved", "early", "on_time", "late",
                               "pending")] == [1, 0, 1, 1, 1, 0, 0]


def test_init_refuses_a_folder_that_is_not_empty_and_changes_nothing(tmp_path):
    folder = tmp_path / "dept"
    folder.mkdir()
    (folder / "mine.txt").write_text("mine", encoding="utf-8")
    result = run_briefing("init", folder)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{folder} exists and is not empty" in result.stderr and "--force" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["dept"]   # no staging folder left behind


def test_init_refuses_a_file(tmp_path):
    (tmp_path / "data").write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file"):
        write_starter(tmp_path / "data", force=True)


def test_force_replaces_the_two_files_and_keeps_the_others(tmp_path):
    folder = tmp_path / "dept"
    folder.mkdir()
    (folder / "mine.txt").write_text("mine", encoding="utf-8")
    (folder / "params.yaml").write_text("period: 2019\n", encoding="utf-8")
    write_starter(folder, force=True, today=TODAY)
    assert sorted(p.name for p in folder.iterdir()) == ["data.xlsx", "mine.txt", "params.yaml"]
    assert (folder / "mine.txt").read_text(encoding="utf-8") == "mine"
    assert "period: 2026S1" in (folder / "params.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("exists", [False, True], ids=["new folder", "empty folder"])
def test_an_interrupted_init_leaves_nothing_behind(tmp_path, monkeypatch, exists):
    folder = tmp_path / "dept"
    if exists:
        folder.mkdir()

    def interrupted(year):   # Ctrl-C after the workbook is saved, before the params file
        raise KeyboardInterrupt

    monkeypatch.setattr(starter, "params_text", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_starter(folder, today=TODAY)
    assert [p.name for p in tmp_path.iterdir()] == (["dept"] if exists else [])
    assert not exists or list(folder.iterdir()) == []


def test_the_printed_commands_quote_a_folder_with_spaces(tmp_path):
    folder = tmp_path / "Sở LĐTBXH 2026"
    text = describe_starter(write_starter(folder, today=TODAY))
    validate = next(line for line in text.splitlines() if "briefing validate" in line)
    assert shlex.split(validate)[-1] == str(folder / "data.xlsx")
    assert "2026S1 for baclieu" in text


@pytest.mark.parametrize("today, year", [
    (dt.date(2026, 11, 25), 2026), (dt.date(2026, 7, 1), 2026), (dt.date(2026, 6, 30), 2025),
    (dt.date(2027, 1, 1), 2026),
])
def test_the_example_is_the_latest_first_half_year_that_is_over(today, year):
    assert example_year(today) == year


def test_every_sheet_has_every_contract_column_an_example_and_a_frozen_header(book):
    assert book.sheetnames == [NOTES_SHEET, *TABLES]
    for name, spec in TABLES.items():
        sheet = book[name]
        assert [cell.value for cell in sheet[1]] == list(spec.columns), name
        assert sheet.max_row == (7 if name == "values" else 3 if name == "org_units" else 2), name
        assert sheet.freeze_panes == "A2"


def test_the_notes_explain_every_column_of_every_table_in_both_languages(book):
    """Fails when the contract gains a column and ``importers/starter.yaml`` has no note for it."""
    rows = list(book[NOTES_SHEET].iter_rows(min_row=2, values_only=True))
    documented = {(row[0], row[1]): row for row in rows if row[0] in TABLES and row[1]}
    assert set(documented) == {(t, c) for t, spec in TABLES.items() for c in spec.columns}
    for (table, column), (_, _, required, vi, en, allowed, example) in documented.items():
        assert vi and en and allowed and example, (table, column)
        spec = TABLES[table]
        assert (column in spec.required) == ("yes" in required or "is required" in required)
        assert any(column in group for group in spec.one_of) == ("one of" in required)
    sheets = [row[0] for row in rows if row[0] in TABLES and not row[1]]
    assert sheets == list(TABLES)   # each sheet's part opens with what the sheet is


def test_the_words_file_has_no_note_for_a_column_the_contract_does_not_have():
    columns = starter_words(2026).texts["columns"]
    assert {(t, c) for t in columns for c in columns[t]} == \
        {(t, c) for t, spec in TABLES.items() for c in spec.columns}


def test_ids_and_periods_stay_text_and_dates_stay_dates(book):
    for name, columns in TEXT_COLUMNS.items():
        sheet = book[name]
        for column in columns:
            letter = column_of(sheet, column)
            # Excel gives a typed cell its column's format: "2026-06" and "001" stay as typed
            assert sheet.column_dimensions[letter].number_format == "@", (name, column)
            for cell in sheet[letter][1:]:
                assert cell.number_format == "@", (name, column)
                assert cell.value is None or isinstance(cell.value, str), (name, column)
    values = book["values"]
    assert [c.value for c in values[column_of(values, "period")][1:]] == \
        [f"2026-{m:02d}" for m in range(1, 7)]
    dossiers = book["dossiers"]
    received = dossiers[f"{column_of(dossiers, 'received_on')}2"]
    assert received.value == dt.datetime(2026, 3, 2) and received.number_format == "yyyy-mm-dd"
    numbers = book["targets"]
    assert isinstance(numbers[f"{column_of(numbers, 'target')}2"].value, int)


def test_validate_reads_the_contract_sheets_and_ignores_the_notes(started):
    tables, inputs, problems, notes = read_tables(started / "data.xlsx")
    assert set(tables) == set(TABLES) and problems == [] and notes == []
    assert set(inputs[0].rows) == set(TABLES)
    dataset = read_dataset(started / "data.xlsx")
    assert sorted(dataset.values["period"].astype(str)) == [f"2026-{m:02d}" for m in range(1, 7)]
    assert dataset.values["value"].sum() == 930
    assert list(dataset.tree.roots) == ["baclieu"]


def test_the_params_file_runs_the_example_with_its_header_fields(started):
    params = build_params(load_params_file(started / "params.yaml"), {})
    assert params.data == (started / "data.xlsx").resolve()
    assert params.out == (started / "outputs").resolve()
    assert (params.period, params.unit, params.lang) == ("2026S1", "baclieu", "vi")
    document = params.document
    assert document.doc_number == "01/BC-SLĐTBXH" and document.signer == "Nguyễn Văn A"
    assert document.issuer and document.parent_body and document.place
    lines = (started / "params.yaml").read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line and not line.startswith("#"):   # every key says what it is, in both languages
            assert lines[index - 1].startswith("# ") and " / " in lines[index - 1], line


def test_layout_of_the_example_columns_fits_its_text(book):
    sheet = book["indicators"]
    name = sheet.column_dimensions[column_of(sheet, "name_vi")].width
    assert name >= len("Số người được giải quyết việc làm")
    assert all(sheet.column_dimensions[get_column_letter(i)].width <= 48
               for i in range(1, sheet.max_column + 1))
