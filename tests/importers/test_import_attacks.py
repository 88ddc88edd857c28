"""Inputs found by trying to break ``briefing import``: each was a traceback, a hang or a silent loss."""

from __future__ import annotations

import json

import pytest

from briefing.errors import InputError
from briefing.importers.importer import import_sources
from briefing.importers.mapping import parse_mapping

#: Each level holds nine of the level above: ``*e`` stands for 9**5 entries, 9**6 keys in all.
ALIAS_BOMB = "".join(
    f"{name}: &{name} {{" + ", ".join(f"{name}{i}: {'*' + above if above else 1}" for i in range(1, 10)) + "}\n"
    for name, above in zip("abcdef", ["", "a", "b", "c", "d", "e"]))


def test_a_name_given_twice_in_the_mapping_is_refused_with_both_lines():
    text = "indicators:\n  Việc làm: jobs\n  Thu nhập: income\n  Việc làm: jobs_2\n"
    with pytest.raises(InputError) as caught:
        parse_mapping(text, "m.yaml")
    message = str(caught.value)
    assert "m.yaml, line 4" in message and "line 2" in message and "Việc làm" in message


def test_aliases_that_expand_to_millions_of_entries_are_refused_at_once():
    with pytest.raises(InputError) as caught:
        parse_mapping(ALIAS_BOMB + "indicators: {x: *f}\n", "m.yaml")
    assert "aliases" in str(caught.value) and "m.yaml" in str(caught.value)


def test_a_few_aliases_and_merge_keys_still_read():
    mapping = parse_mapping("indicators:\n  Việc làm: &j {id: jobs, kind: stock}\n"
                            "  Thu nhập: {<<: *j, id: income}\n", "m.yaml")
    assert mapping.indicator("Thu nhập") == {"id": "income", "kind": "stock"}


def test_an_sdmx_row_with_no_area_is_listed_not_given_to_a_made_up_unit(tmp_path):
    source = tmp_path / "flow.csv"
    source.write_text("DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE\nX:Y(1.0),ITC4,2019-01,10\n"
                      "X:Y(1.0),,2019-02,3\n", encoding="utf-8")
    imported = import_sources([source], tmp_path / "out")
    assert list(imported.dataset.tree.units) == ["itc4"]
    assert [str(u.place) for u in imported.assembled.unplaced] == ["flow.csv, row 3, column REF_AREA"]


def test_a_dhis2_row_with_no_data_element_is_listed_not_made_an_indicator(tmp_path):
    source = tmp_path / "analytics.json"
    rows = [["fbfJHSPpUQD", "202001", "ou1", "12"], [None, "202002", "ou1", "7"], ["fbfJHSPpUQD", "202003", "", "5"]]
    source.write_text(json.dumps({"headers": [{"name": n} for n in ("dx", "pe", "ou", "value")], "rows": rows}))
    imported = import_sources([source], tmp_path / "out")
    assert list(imported.dataset.indicators["indicator_id"]) == ["fbfjhsppuqd"]
    assert list(imported.dataset.tree.units) == ["ou1"]
    assert [str(u.place) for u in imported.assembled.unplaced] == [
        "analytics.json [rows], row 2, column dx", "analytics.json [rows], row 3, column ou"]


def _data_values(tmp_path, values: list[str]):
    source = tmp_path / "values.json"
    source.write_text(json.dumps({"dataValues": [
        {"dataElement": "de1", "period": "202001", "orgUnit": "ou1", "value": v} for v in values]}))
    return source


def test_a_data_value_given_twice_with_two_numbers_is_refused_not_summed(tmp_path):
    with pytest.raises(InputError) as caught:
        import_sources([_data_values(tmp_path, ["1", "2"])], tmp_path / "out")
    message = str(caught.value)
    assert "row 1" in message and "row 2" in message
    assert not (tmp_path / "out").exists()


def test_a_data_value_given_twice_with_one_number_is_kept_once(tmp_path):
    imported = import_sources([_data_values(tmp_path, ["5", "5"])], tmp_path / "out")
    assert list(imported.dataset.values["value"]) == [5.0]


def test_an_out_folder_that_cannot_be_made_is_a_named_error(tmp_path):
    source = tmp_path / "flow.csv"
    source.write_text("DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE\nX:Y(1.0),ITC4,2019-01,10\n", encoding="utf-8")
    (tmp_path / "afile").write_text("x")
    with pytest.raises(InputError) as caught:
        import_sources([source], tmp_path / "afile" / "out")
    assert "afile" in str(caught.value)


def test_an_alias_inside_its_own_anchor_is_refused_with_its_line():
    with pytest.raises(InputError) as caught:
        parse_mapping("sector: labour\nroot: &r {id: bac_lieu, name_vi: *r}\n", "m.yaml")
    assert "m.yaml, line 2" in str(caught.value)


def test_utf16_text_without_a_byte_order_mark_is_read_as_text(tmp_path):
    from briefing.importers.sources import open_source

    path = tmp_path / "export.csv"
    path.write_bytes("dataelement,period,orgunit,value\ndeA,202001,OU1,5\n".encode("utf-16-le"))
    source = open_source(path)
    assert source.encoding == "utf-16-le" and source.header() == ["dataelement", "period", "orgunit", "value"]
