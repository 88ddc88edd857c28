"""Writing an import: validated before it is put in place, never over a folder it did not write."""

from __future__ import annotations

import json

import pytest
from test_assemble import JOBS, form_extract

from briefing.errors import InputError
from briefing.importers.assemble import assemble
from briefing.importers.mapping import parse_mapping
from briefing.importers.write import IMPORT_LOG, check_destination, write_contract
from briefing.inputs.dataset import read_dataset


def tables():
    return assemble([form_extract()], parse_mapping("root: {id: bac_lieu, name_vi: Tỉnh Bạc Liêu}\n")).tables


def test_the_written_folder_validates_and_keeps_each_rows_source(tmp_path):
    out = tmp_path / "imported"
    dataset = write_contract(tables(), out, {"written_by": "test"})
    assert dataset.source == out and dataset.tree.roots == ["bac_lieu"]
    again = read_dataset(out)
    jobs = again.values[(again.values["indicator_id"] == "so_nguoi_duoc_giai_quyet_viec_lam")
                        & (again.values["org_unit"] == "hong_dan")]
    assert jobs["value"].sum() == 210 + 210   # six months and the first half, both 210
    assert "source" in (out / "values.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "form.xlsx [Hồng Dân], row 6, column E" in (out / "values.csv").read_text(encoding="utf-8")
    assert json.loads((out / IMPORT_LOG).read_text(encoding="utf-8")) == {"written_by": "test"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["imported"]   # nothing left beside it


def test_tables_that_do_not_validate_leave_the_folder_as_it_was(tmp_path):
    out = tmp_path / "imported"
    write_contract(tables(), out, {"run": 1})
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    broken = tables()
    broken["values"].loc[3, "period"] = "2020W07"   # as a reader would never write, but say it did
    with pytest.raises(InputError) as error:
        write_contract(broken, out, {"run": 2})
    # the problem names the source's place, not only the written file's line
    assert "form.xlsx [Giá Rai], row 9, column E (written as values.csv line 5)" in str(error.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["imported"]


def test_an_interrupted_write_leaves_nothing_behind(tmp_path, monkeypatch):
    import briefing.importers.write as write

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(write, "read_dataset", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_contract(tables(), tmp_path / "imported", {})
    assert list(tmp_path.iterdir()) == []


def test_a_folder_of_other_files_is_replaced_only_with_force(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="give --force to replace it") as error:
        check_destination(out, [], force=False)
    assert "notes.txt" in str(error.value)
    check_destination(out, [], force=True)
    check_destination(tmp_path / "new", [], force=False)
    (tmp_path / "empty").mkdir()
    check_destination(tmp_path / "empty", [], force=False)


def test_a_folder_an_import_wrote_is_replaced_without_force(tmp_path):
    out = tmp_path / "imported"
    write_contract(tables(), out, {})
    check_destination(out, [], force=False)
    smaller = assemble([form_extract(rows=[(JOBS, "U", "2020-01", 1.0, "value", "a")])], parse_mapping("")).tables
    write_contract(smaller, out, {})
    assert read_dataset(out).tree.roots == ["u"]
    assert not (out / "targets.csv").exists()   # nothing of the earlier import stays


def test_sources_inside_the_destination_and_files_are_refused(tmp_path):
    out = tmp_path / "data"
    out.mkdir()
    (out / "form.xlsx").write_bytes(b"PK")
    with pytest.raises(InputError, match="form.xlsx is inside it"):
        check_destination(out, [out / "form.xlsx"], force=True)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="this is a file"):
        check_destination(tmp_path / "file", [], force=True)


def test_the_same_header_skipped_on_every_sheet_is_one_line():
    from briefing.importers.importer import unplaced_lines
    from briefing.importers.records import Place, Unplaced

    items = [Unplaced(Place("form.xlsx", sheet, 7, "G"), "% so KH", "a derived or comparison column")
             for sheet in ("Hồng Dân", "Giá Rai", "Phước Long")]
    items.append(Unplaced(Place("form.xlsx", "Giá Rai", 12, "E"), "x", "not a number"))
    assert unplaced_lines(items) == [
        "form.xlsx [sheets Hồng Dân, Giá Rai, Phước Long], row 7, column G: '% so KH': a derived or comparison column",
        "form.xlsx [Giá Rai], row 12, column E: 'x': not a number"]
