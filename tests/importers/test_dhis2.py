"""DHIS2 exports into the contract with no mapping: analytics (JSON, CSV) and dataValueSets (JSON, CSV).

Expected figures are worked out by hand from the example files' rule (see
``data/examples/make_dhis2_sdmx.py``) or from the inline rows, not read back.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

import pytest
from import_helpers import imported, value

from briefing.errors import InputError
from briefing.importers import dhis2
from briefing.importers.formats import LAYOUT_KEYS
from briefing.importers.mapping import parse_mapping
from briefing.importers.sources import open_source
from conftest import ROOT

EXAMPLES = ROOT / "data" / "examples"
ANALYTICS = EXAMPLES / "dhis2-analytics.json"
DATAVALUES = EXAMPLES / "dhis2-datavalues.csv"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n") if not name.endswith(".json") else text, encoding="utf-8")
    return path


def analytics_json(rows, headers=("dx", "pe", "ou", "value"), **meta) -> str:
    return json.dumps({"headers": [{"name": h, "column": h} for h in headers], "rows": rows, "metaData": meta})


# --- telling a DHIS2 export ----------------------------------------------------------------------

@pytest.mark.parametrize("name, text, expected", [
    ("a.json", analytics_json([["de", "202001", "ou", "1"]]), True),
    ("b.json", '{"dataValues": [{"dataElement": "de", "period": "202001", "orgUnit": "ou", "value": "1"}]}', True),
    ("c.csv", "dataelement,period,orgunit,catoptcombo,attroptcombo,value\nde,202001,ou,c,a,1\n", True),
    ("d.csv", "dataElement,period,orgUnit,categoryOptionCombo,attributeOptionCombo,value\nde,202001,ou,c,a,1\n", True),
    ("e.csv", "dx,pe,ou,value\nde,202001,ou,1\n", True),
    ("f.csv", "Data,Period,Organisation unit,Value\nANC,January 2020,Bo,1\n", True),
    ("g.json", '{"headers": [{"name": "dx"}], "metaData": {}, "rows": [["de", "20', True),   # truncated: claimed
    ("h.csv", "DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE\nX,IT,2020,1\n", False),
    ("i.csv", "Chỉ tiêu,Tháng 1,Tháng 2\nViệc làm,1,2\n", False),
    ("j.json", '{"some": "thing"}', False),
])
def test_detects_dhis2_exports_and_nothing_else(tmp_path, name, text, expected):
    assert dhis2.detects(open_source(write(tmp_path, name, text))) is expected


# --- the analytics example: names, tree, periods, ids ---------------------------------------------

def test_analytics_example_imports_with_names_and_the_tree_from_ou_hierarchy(tmp_path):
    (extract,), result = imported(tmp_path, ANALYTICS)
    units = result.tables["org_units"].set_index("org_unit")
    assert units.loc["imsptqpwcqd", "name_en"] == "Sierra Leone" and units.loc["imsptqpwcqd", "parent"] == ""
    assert units.loc["o6uvpzgd5pu", "parent"] == "imsptqpwcqd"
    assert set(units.index[units["parent"] == "o6uvpzgd5pu"]) == {
        "yuqrtplp10i", "dghevylzol6", "vwbkyprmkyj", "bggmawx33dj", "bggmawx33dj_2"}
    indicators = result.tables["indicators"].set_index("indicator_id")
    assert indicators.loc["fbfjhsppuqd", "name_en"] == "ANC 1st visit"
    assert indicators.loc["s46m5ms0hxu", "kind"] == "flow"        # aggregationType SUM
    assert result.assumed_kinds == []
    # rule: 100·(d+1) + 10·c + m; Badjia is chiefdom 0, Gbo chiefdom 4, BCG data element 2
    assert value(result, "fbfjhsppuqd", "yuqrtplp10i", "2020-01") == 101
    assert value(result, "s46m5ms0hxu", "bggmawx33dj_2", "2020-12") == 300 + 40 + 12
    assert value(result, "fbfjhsppuqd", "bggmawx33dj", "2019-06") == 80 + 30 + 6
    assert len(result.tables["values"]) == 3 * 5 * 12 + 5 * 12


def test_analytics_weekly_row_is_listed_once_with_its_place(tmp_path):
    (extract,), _ = imported(tmp_path, ANALYTICS)
    (item,) = extract.unplaced
    assert str(item.place) == "dhis2-analytics.json [rows], row 241, column pe"
    assert item.text == "2020W1" and item.reason.startswith("a weekly period")


def test_ids_differing_only_in_case_are_told_to_the_user(tmp_path):
    _, result = imported(tmp_path, ANALYTICS)
    units = result.tables["org_units"].set_index("org_unit")
    assert (units.loc["bggmawx33dj", "name_en"], units.loc["bggmawx33dj_2", "name_en"]) == ("Bumpe Ngao", "Gbo")
    (note,) = [n for n in result.notes if "differ only in case" in n]
    assert "BGGmAwx33dj, bGGmAwx33dj" in note and "bggmawx33dj, bggmawx33dj_2" in note


def test_older_servers_metadata_names_are_read_too(tmp_path):
    path = write(tmp_path, "old.json", analytics_json(
        [["de1", "2020Q1", "ouA", "5"]], names={"de1": "Measles doses", "ouA": "Bo"},
        ouHierarchy={"ouA": "/root"}))
    (extract,), result = imported(tmp_path, path)
    assert extract.indicators["de1"]["name"] == "Measles doses"
    assert result.tables["org_units"].set_index("org_unit").loc["oua", "parent"] == "root"
    assert value(result, "de1", "oua", "2020Q1") == 5


# --- category option combos ----------------------------------------------------------------------

CO_ROWS = [["de1", "202001", "ouA", "cU5", "3"], ["de1", "202001", "ouA", "cO5", "4"],
           ["de1", "202002", "ouA", "cU5", "5"], ["de1", "202002", "ouA", "cO5", "6"]]
CO_META = {"items": {"de1": {"name": "Malaria cases"}, "cU5": {"name": "<5y"}, "cO5": {"name": "5y+"}}}


def test_analytics_co_column_is_summed_with_a_note(tmp_path):
    path = write(tmp_path, "co.json", analytics_json(CO_ROWS, ("dx", "pe", "ou", "co", "value"), **CO_META))
    (extract,), result = imported(tmp_path, path)
    assert value(result, "de1", "oua", "2020-01") == 3 + 4
    assert value(result, "de1", "oua", "2020-02") == 5 + 6
    assert any("2 category option combos: summed" in n for n in extract.notes)
    assert list(result.tables["indicators"]["indicator_id"]) == ["de1"]


def test_analytics_co_column_kept_as_components_when_the_mapping_asks(tmp_path):
    path = write(tmp_path, "co.json", analytics_json(CO_ROWS, ("dx", "pe", "ou", "co", "value"), **CO_META))
    _, result = imported(tmp_path, path, mapping="disaggregation: keep\n")
    indicators = result.tables["indicators"].set_index("indicator_id")
    assert indicators.loc["de1_cu5", "name_en"] == "Malaria cases (<5y)"
    assert (indicators.loc["de1_cu5", "part_of"], indicators.loc["de1_cu5", "breakdown"]) == ("de1", "category")
    assert value(result, "de1", "oua", "2020-01") == 7
    assert value(result, "de1_co5", "oua", "2020-02") == 6


def test_a_bad_disaggregation_names_the_mapping_line():
    source = open_source(ANALYTICS)
    rules = parse_mapping("lang: en\ndisaggregation: split\n", "mapping.yaml", LAYOUT_KEYS)
    with pytest.raises(InputError) as caught:
        dhis2.read(source, rules)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.value) == ("mapping.yaml", 2, "'split'")


# --- dataValueSets ------------------------------------------------------------------------------

def test_datavalues_example_sums_combos_skips_the_deleted_row_and_lists_the_text(tmp_path):
    (extract,), result = imported(tmp_path, DATAVALUES)
    # rule: 10·(c+1) + m under five, 20·(c+1) + m above; Badjia is c = 0, Bargbe c = 1
    assert value(result, "vq2qo3etrni", "yuqrtplp10i", "2020-03") == (10 + 3) + (20 + 3)   # not the deleted 999
    assert value(result, "vq2qo3etrni", "dghevylzol6", "2020-06") == (20 + 6) + (40 + 6)
    assert "1 data value marked deleted left out" in result.notes
    (item,) = extract.unplaced
    assert (str(item.place), item.text) == ("dhis2-datavalues.csv, row 27, column value", "true")
    assert "not a number" in item.reason
    assert set(result.tables["indicators"]["indicator_id"]) == {"vq2qo3etrni"}


def test_datavalues_json_with_the_period_on_the_set_and_a_deleted_value(tmp_path):
    path = write(tmp_path, "set.json", json.dumps({
        "dataSet": "pBOMPrpg1QX", "period": "2020S1", "orgUnit": "NA",
        "dataValues": [
            {"dataElement": "de1", "categoryOptionCombo": "HllvX50cXC0", "value": "12"},
            {"dataElement": "de1", "orgUnit": "Other", "value": 4},
            {"dataElement": "de2", "value": "8", "deleted": True},
            {"dataElement": "de3", "value": "Positive"},
        ]}))
    (extract,), result = imported(tmp_path, path)
    assert value(result, "de1", "na", "2020S1") == 12       # the org unit "NA" is a code, not a missing value
    assert value(result, "de1", "other", "2020S1") == 4
    assert "1 data value marked deleted left out" in result.notes
    assert [(str(u.place), u.text) for u in extract.unplaced] == [("set.json [dataValues], row 4, column value",
                                                                   "Positive")]


def test_datavalues_csv_keeps_na_as_an_org_unit_and_counts_many_text_values_once(tmp_path):
    rows = "".join(f"de1,2020{m:02d},NA,HllvX50cXC0,HllvX50cXC0,{m}\n" for m in range(1, 4))
    rows += "".join(f"de2,2020{m:02d},NA,HllvX50cXC0,HllvX50cXC0,true\n" for m in range(1, 13))
    path = write(tmp_path, "dv.csv", "dataelement,period,orgunit,catoptcombo,attroptcombo,value\n" + rows)
    (extract,), result = imported(tmp_path, path)
    assert value(result, "de1", "na", "2020-03") == 3
    (item,) = extract.unplaced
    assert str(item.place) == "dv.csv, row 5, column value" and "12 rows" in item.reason


def test_periods_dhis2_cannot_place_are_counted_by_kind(tmp_path):
    periods = ["2020W1", "2020W2", "2020BiW1", "202001B", "2020AprilS1", "2020April", "2020July", "202013"]
    rows = "".join(f"de1,{p},ou,1\n" for p in periods) + "de1,202001,ou,2\n"
    (extract,), result = imported(tmp_path, write(tmp_path, "p.csv", "dx,pe,ou,value\n" + rows))
    reasons = {u.reason.split(":")[0].split(" (")[0]: u for u in extract.unplaced}
    assert set(reasons) == {"a weekly period", "a bi-weekly period", "a bi-monthly period",
                            "a six-month period that does not start in January or July", "a financial year",
                            "a period outside the calendar"}
    assert "(2 rows, the first shown)" in reasons["a weekly period"].reason
    assert reasons["a financial year"].text == "2020April, 2020July"
    assert value(result, "de1", "ou", "2020-01") == 2


# --- analytics CSV ------------------------------------------------------------------------------

def test_analytics_csv_with_names_reads_period_names(tmp_path):
    path = write(tmp_path, "pivot.csv", """
        Data,Period,Organisation unit,Value
        ANC 1st visit,January 2020,Badjia,10
        ANC 1st visit,January - March 2020,Badjia,31
        ANC 1st visit,July - December 2020,Badjia,60
        ANC 1st visit,Week 2 2020-01-06 - 2020-01-12,Badjia,4
        """)
    (extract,), result = imported(tmp_path, path)
    indicators = result.tables["indicators"].set_index("indicator_id")
    assert indicators.loc["anc_1st_visit", "name_en"] == "ANC 1st visit"
    assert value(result, "anc_1st_visit", "badjia", "2020-01") == 10
    assert value(result, "anc_1st_visit", "badjia", "2020Q1") == 31
    assert value(result, "anc_1st_visit", "badjia", "2020S2") == 60
    assert [u.text for u in extract.unplaced] == ["2020W2"]


def test_analytics_csv_with_id_columns_keeps_ids_and_takes_names(tmp_path):
    path = write(tmp_path, "ids.csv", """
        Data ID,Data,Period ID,Period,Organisation unit ID,Organisation unit,Value
        fbfJHSPpUQD,ANC 1st visit,202001,January 2020,YuQRtpLP10I,Badjia,10
        fbfJHSPpUQD,ANC 1st visit,202002,February 2020,YuQRtpLP10I,Badjia,12.5
        """)
    _, result = imported(tmp_path, path)
    assert result.tables["indicators"].set_index("indicator_id").loc["fbfjhsppuqd", "name_en"] == "ANC 1st visit"
    assert result.tables["org_units"].set_index("org_unit").loc["yuqrtplp10i", "name_en"] == "Badjia"
    assert value(result, "fbfjhsppuqd", "yuqrtplp10i", "2020-02") == 12.5


# --- bad sources: exit 2 with the place named ----------------------------------------------------

#: An analytics response cut short in its rows: one line, so the JSON is wanted at column len + 1.
CUT = analytics_json([["de", "202001", "ou", "1"]])[:-30]


@pytest.mark.parametrize("name, text, where, words", [
    ("norows.json", json.dumps({"headers": [{"name": "dx"}], "metaData": {}}), (None, "rows"), "a list of rows"),
    ("cut.json", CUT, (1, str(len(CUT) + 1)), "the file ends before the JSON does"),
    ("events.json", analytics_json([["e", "x"]], ("psi", "ou")), (None, "headers"), "dx, pe, ou and value"),
    ("short.json", analytics_json([["de", "202001", "ou"]]), (1, None), "a row of 4 cells"),
    ("dv.json", json.dumps({"dataValues": [{"period": "202001", "value": "1"}]}), (1, None), "dataElement"),
])
def test_bad_sources_raise_input_error_naming_the_place(tmp_path, name, text, where, words):
    source = open_source(write(tmp_path, name, text))
    assert dhis2.detects(source)
    with pytest.raises(InputError) as caught:
        dhis2.read(source, parse_mapping("", "m.yaml", LAYOUT_KEYS))
    (problem,) = caught.value.problems
    assert problem.file.startswith(name) and words in problem.expected
    assert problem.line == where[0]
    assert where[1] is None or problem.column == where[1]


def test_truncated_json_says_the_file_ends_early(tmp_path):
    text = open(ANALYTICS, encoding="utf-8").read()[:5000]
    source = open_source(write(tmp_path, "dhis2-analytics.json", text))
    with pytest.raises(InputError) as caught:
        dhis2.read(source, parse_mapping("", "m.yaml", LAYOUT_KEYS))
    (problem,) = caught.value.problems
    assert "ends before the JSON does" in problem.expected and problem.line == text.count("\n") + 1


# --- the real command line: import, then render --------------------------------------------------

def briefing(*args):
    return subprocess.run([sys.executable, "-m", "briefing", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)


def test_a_cut_export_exits_two_naming_the_line_and_leaves_the_folder_alone(tmp_path):
    cut = write(tmp_path, "dhis2-analytics.json", ANALYTICS.read_text(encoding="utf-8")[:3000])
    result = briefing("import", cut, "--out", tmp_path / "data")
    assert result.returncode == 2
    assert "dhis2-analytics.json, line 61" in result.stderr and "ends before the JSON does" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "data").exists()


@pytest.mark.slow
def test_analytics_example_imports_and_renders_with_the_cli(tmp_path):
    data, out = tmp_path / "dhis2", tmp_path / "out"
    made = briefing("import", ANALYTICS, "--out", data)
    assert made.returncode == 0, made.stderr
    assert "'2020W1': a weekly period" in made.stdout and "differ only in case" in made.stdout
    run = briefing("run", "--data", data, "--period", "2020S1", "--unit", "o6uvpzgd5pu", "--out", out,
                   "--to", "html")
    assert run.returncode == 0, run.stderr
    metrics = json.loads((out / "2020S1" / "o6uvpzgd5pu" / "metrics.vi.json").read_text(encoding="utf-8"))
    figures = {i["indicator_id"]: i for i in metrics["indicators"]}
    # Bo is the sum of its five chiefdoms c = 0..4 over January–June, m = 1..6:
    # Σ (100·(d+1) + 10·c + m) = 30·100·(d+1) + 6·10·(0+1+2+3+4) + 5·(1+2+…+6) = 3000·(d+1) + 705
    assert figures["fbfjhsppuqd"]["value"] == 3705
    assert figures["s46m5ms0hxu"]["value"] == 9705
    # 2019: Σ (80 + 10·c + m) = 30·80 + 705 = 3105
    assert figures["fbfjhsppuqd"]["previous_value"] == 3105
    assert figures["fbfjhsppuqd"]["change_pct"] == pytest.approx(100 * (3705 - 3105) / 3105)
    assert "ANC 1st visit" in (out / "2020S1" / "o6uvpzgd5pu" / "briefing.vi.html").read_text(encoding="utf-8")


def test_the_mapping_in_the_docs_imports_the_analytics_example(tmp_path):
    text = (ROOT / "docs" / "import-dhis2.md").read_text(encoding="utf-8")
    (mapping,) = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert len(mapping.strip().splitlines()) <= 20
    _, result = imported(tmp_path, ANALYTICS, mapping=mapping)
    units = result.tables["org_units"].set_index("org_unit")
    assert units.loc["bo", "parent"] == "sierra_leone" and units.loc["yuqrtplp10i", "parent"] == "bo"
    indicators = result.tables["indicators"].set_index("indicator_id")
    assert (indicators.loc["anc1", "name_vi"], indicators.loc["anc1", "sector"]) == ("Khám thai lần 1", "health")
    assert value(result, "anc1", "yuqrtplp10i", "2020-02") == 102


def test_datavalues_csv_with_camel_case_headers_and_an_attribute_combo(tmp_path):
    path = write(tmp_path, "camel.csv", """
        dataElement,period,orgUnit,categoryOptionCombo,attributeOptionCombo,value,deleted
        de1,2020Q2,ou1,HllvX50cXC0,fundA,10,false
        de1,2020Q2,ou1,HllvX50cXC0,fundB,2.25,false
        de1,2020Q3,ou1,HllvX50cXC0,fundA,1,true
        """)
    (extract,), result = imported(tmp_path, path)
    assert value(result, "de1", "ou1", "2020Q2") == 12.25
    assert list(result.tables["values"]["period"]) == ["2020Q2"]      # the deleted Q3 row is not read
    assert any("2 attribute option combos (fundA, fundB) summed" in n for n in extract.notes)
