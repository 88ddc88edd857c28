"""SDMX-CSV (versions 1 and 2) into the contract with no mapping, and a few lines of mapping for the tree.

Expected figures are the source's numbers, worked out by hand (see
``data/examples/make_dhis2_sdmx.py`` for the example files' rule).
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
from briefing.importers import sdmx
from briefing.importers.formats import LAYOUT_KEYS
from briefing.importers.mapping import parse_mapping
from briefing.importers.sources import open_source
from conftest import ROOT

EXAMPLES = ROOT / "data" / "examples"
ISTAT = EXAMPLES / "sdmx-istat.csv"
V2 = EXAMPLES / "sdmx-v2.csv"
#: The tree of the ISTAT example: regions under Italy, Napoli under Campania (8 lines).
ITALY = """\
root: it
units:
  ITC4: {parent: it}
  ITF3: {parent: it}
  NA: {parent: itf3}
indicators:
  22_293._T: {id: births, kind: flow, unit_en: people, name_en: Live births}
"""


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize("text, expected", [
    ("DATAFLOW,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE\nIT1:X(1.0),A,IT,2020,1\n", True),
    ("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA: Reference area,TIME_PERIOD: Time,OBS_VALUE: Value\n"
     "dataflow,A:B(1.0),I,IT: Italy,2020,1\n", True),
    ("time_period;geo;unit;obs_value\n2020;IT;NR;1\n", True),                 # Eurostat's own flavour
    ("DATAFLOW,REF_AREA,TIME_PERIOD\nIT1:X,IT,2020\n", True),                 # claimed, to say what is missing
    ("dx,pe,ou,value\nde,202001,ou,1\n", False),
    ("Chỉ tiêu,Tháng 1\nViệc làm,1\n", False),
])
def test_detects_sdmx_csv_and_nothing_else(tmp_path, text, expected):
    assert sdmx.detects(open_source(write(tmp_path, "f.csv", text))) is expected


# --- version 1: ISTAT's births ------------------------------------------------------------------

def test_istat_example_imports_with_no_mapping(tmp_path):
    (extract,), result = imported(tmp_path, ISTAT)
    indicators = result.tables["indicators"].set_index("indicator_id")
    assert list(indicators.index) == ["22_293_t", "22_293_m", "22_293_f"]   # DATA_TYPE and FREQ do not vary
    assert (indicators.loc["22_293_f", "part_of"], indicators.loc["22_293_f", "breakdown"]) == ("22_293_t", "sex")
    assert indicators.loc["22_293_t", "part_of"] == ""
    assert indicators.loc["22_293_t", "unit_en"] == "PERS"
    assert (indicators["decimals"] == 0).all()       # DECIMALS 3 of thousands, UNIT_MULT 3: whole people
    # UNIT_MULT 3: 420.084 thousand is 420,084 births
    assert value(result, "22_293_t", "it", "2019") == 420084
    assert value(result, "22_293_m", "itc4", "2020") == 37972
    assert value(result, "22_293_f", "na", "2020") == 12307
    assert "24 values multiplied by 10^3 (UNIT_MULT 3)" in result.notes
    assert "observation status: 1 marked M, 12 marked P" in result.notes


def test_napoli_na_is_an_org_unit_not_a_missing_value(tmp_path):
    _, result = imported(tmp_path, ISTAT)
    units = result.tables["org_units"].set_index("org_unit")
    assert units.loc["na", "name_en"] == "NA"
    assert value(result, "22_293_t", "na", "2019") == 26109
    assert result.empty_cells == 1                     # NA's 2021 total is NaN: not reported


def test_istat_example_with_the_tree_in_eight_lines_of_mapping(tmp_path):
    _, result = imported(tmp_path, ISTAT, mapping=ITALY)
    units = result.tables["org_units"].set_index("org_unit")
    assert dict(units["parent"]) == {"it": "", "itc4": "it", "itf3": "it", "na": "itf3"}
    indicators = result.tables["indicators"].set_index("indicator_id")
    assert indicators.loc["births", "name_en"] == "Live births"
    assert indicators.loc["22_293_m", "part_of"] == "births"
    assert value(result, "births", "itf3", "2020") == 46091


# --- version 2 with labels: tourist arrivals ------------------------------------------------------

def test_v2_example_reads_labels_and_leaves_out_deleted_rows(tmp_path):
    (extract,), result = imported(tmp_path, V2)
    indicators = result.tables["indicators"].set_index("indicator_id")
    assert indicators.loc["tour_occ_arm_dom", "name_en"] == (
        "Arrivals at tourist accommodation establishments (Country of residence: Domestic)")
    assert (indicators.loc["tour_occ_arm_for", "part_of"], indicators.loc["tour_occ_arm_for", "breakdown"]) \
        == ("tour_occ_arm_total", "c_resid")
    assert indicators.loc["tour_occ_arm_total", "unit_en"] == "number"   # a unit as a sentence carries it
    units = result.tables["org_units"].set_index("org_unit")
    assert dict(units["name_en"]) == {"itc4": "Lombardia", "itf3": "Campania"}
    # rule: domestic 1000·(a+1) + 10·m in 2020; the ACTION D row's 5 is not read
    assert value(result, "tour_occ_arm_dom", "itc4", "2020-01") == 1010
    assert value(result, "tour_occ_arm_total", "itf3", "2019-12") == (1800 + 120) + (800 + 60)
    assert "1 row with ACTION D (delete) left out" in result.notes
    assert extract.unplaced == []


# --- dimensions, areas, periods ------------------------------------------------------------------

def test_two_varying_dimensions_make_components_only_one_step_from_a_total(tmp_path):
    rows = [("_T", "_T", 10), ("F", "_T", 6), ("M", "_T", 4), ("_T", "Y0-14", 3), ("F", "Y0-14", 2)]
    text = "DATAFLOW,REF_AREA,SEX,AGE,TIME_PERIOD,OBS_VALUE\n" + "".join(
        f"X:POP(1.0),IT,{sex},{age},2020,{v}\n" for sex, age, v in rows)
    (extract,), result = imported(tmp_path, write(tmp_path, "pop.csv", text))
    about = extract.indicators
    assert about["POP.F._T"]["part_of"] == "POP._T._T" and about["POP.F._T"]["breakdown"] == "sex"
    assert about["POP._T.Y0-14"]["part_of"] == "POP._T._T" and about["POP._T.Y0-14"]["breakdown"] == "age"
    assert "part_of" not in about["POP.F.Y0-14"]
    assert value(result, "pop_f_y0_14", "it", "2020") == 2


def test_an_area_column_the_mapping_names(tmp_path):
    path = write(tmp_path, "oecd.csv", """
        DATAFLOW,LOCATION,MEASURE,TIME_PERIOD,OBS_VALUE
        OECD:DF_X(1.0),ITA,UNE,2020-Q1,7.5
        OECD:DF_X(1.0),FRA,UNE,2020-Q1,8.25
        """)
    with pytest.raises(InputError) as caught:
        imported(tmp_path, path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("oecd.csv", 1) and "area: <column>" in problem.hint
    (extract,), result = imported(tmp_path, path, mapping="area: LOCATION\n")
    assert value(result, "df_x", "fra", "2020Q1") == 8.25
    assert result.tables["indicators"]["decimals"].tolist() == [2]   # no DECIMALS: as the data shows


def test_dimensions_the_mapping_lists_make_the_indicator(tmp_path):
    path = write(tmp_path, "d.csv", """
        DATAFLOW,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,BREAKDOWN_NOTE
        X:F(1.0),IT,F,2020,1,a
        X:F(1.0),IT,M,2020,2,b
        """)
    (extract,), _ = imported(tmp_path, path, mapping="dimensions: [SEX, BREAKDOWN_NOTE]\n")
    assert set(extract.indicators) == {"F.F.a", "F.M.b"}
    with pytest.raises(InputError) as caught:
        imported(tmp_path, path, mapping="lang: en\ndimensions: [SEXE]\n")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("mapping.yaml", 2)


def test_time_periods_the_contract_has_no_place_for_are_counted(tmp_path):
    periods = ["2020-W01", "2020-W02", "2020-01-01/P1Y", "2020-D001", "2020-M01", "2020-S2", "2020-A1"]
    text = "DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE\n" + "".join(f"X:Y(1.0),IT,{p},1\n" for p in periods)
    text += "X:Y(1.0),IT,2021,abc\nX:Y(1.0),IT,2022,\n"
    (extract,), result = imported(tmp_path, write(tmp_path, "t.csv", text))
    shown = {u.text: (str(u.place), u.reason) for u in extract.unplaced}
    assert shown["2020-W01, 2020-W02"][0] == "t.csv, row 2, column TIME_PERIOD"
    assert shown["2020-W01, 2020-W02"][1].startswith("a weekly period") and "(2 rows" in shown["2020-W01, 2020-W02"][1]
    assert shown["2020-01-01/P1Y"][1].startswith("a time range")
    assert shown["2020-D001"][1].startswith("a day numbered within its year")
    assert shown["abc"] == ("t.csv, row 9, column OBS_VALUE", "OBS_VALUE is not a number")
    assert sorted(result.tables["values"]["period"]) == ["2020", "2020-01", "2020S2"]


def test_a_file_without_obs_value_names_the_missing_column(tmp_path):
    source = open_source(write(tmp_path, "bad.csv", "DATAFLOW,REF_AREA,TIME_PERIOD\nIT1:X(1.0),IT,2020\n"))
    assert sdmx.detects(source)
    with pytest.raises(InputError) as caught:
        sdmx.read(source, parse_mapping("", "m.yaml", LAYOUT_KEYS))
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("bad.csv", 1) and "OBS_VALUE" in problem.expected


# --- the real command line: import, then render --------------------------------------------------

def briefing(*args):
    return subprocess.run([sys.executable, "-m", "briefing", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)


def test_a_file_without_obs_value_exits_two_from_the_command(tmp_path):
    bad = write(tmp_path, "bad.csv", "DATAFLOW,REF_AREA,TIME_PERIOD\nIT1:X(1.0),IT,2020\n")
    result = briefing("import", bad, "--out", tmp_path / "data")
    assert result.returncode == 2 and "bad.csv, line 1" in result.stderr and "OBS_VALUE" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_istat_example_renders_for_napoli_with_the_cli(tmp_path):
    data, out = tmp_path / "istat", tmp_path / "out"
    assert briefing("import", ISTAT, "--out", data).returncode == 0
    run = briefing("run", "--data", data, "--period", "2020", "--unit", "na", "--out", out, "--to", "html")
    assert run.returncode == 0, run.stderr
    metrics = json.loads((out / "2020" / "na" / "metrics.vi.json").read_text(encoding="utf-8"))
    figures = {i["indicator_id"]: i for i in metrics["indicators"]}
    # Napoli, live births: 25.341 thousand in 2020, 26.109 thousand in 2019 (UNIT_MULT 3)
    assert figures["22_293_t"]["value"] == 25341 and figures["22_293_t"]["previous_value"] == 26109
    assert figures["22_293_t"]["change_pct"] == pytest.approx(100 * (25341 - 26109) / 26109)
    assert figures["22_293_f"]["value"] == 12307


@pytest.mark.slow
def test_v2_example_renders_with_the_cli(tmp_path):
    data, out = tmp_path / "tourism", tmp_path / "out"
    assert briefing("import", V2, "--out", data).returncode == 0
    run = briefing("run", "--data", data, "--period", "2020S1", "--unit", "itc4", "--out", out, "--to", "html")
    assert run.returncode == 0, run.stderr
    metrics = json.loads((out / "2020S1" / "itc4" / "metrics.vi.json").read_text(encoding="utf-8"))
    figures = {i["indicator_id"]: i for i in metrics["indicators"]}
    # Lombardy (a = 0), January–June: domestic Σ (1000 + 10·m) = 6000 + 210, foreign Σ (500 + 5·m) = 3000 + 105
    assert figures["tour_occ_arm_dom"]["value"] == 6210
    assert figures["tour_occ_arm_for"]["value"] == 3105
    assert figures["tour_occ_arm_total"]["value"] == 9315
    # 2019: foreign Σ (400 + 5·m) = 2505, domestic Σ (900 + 10·m) = 5610
    assert figures["tour_occ_arm_total"]["previous_value"] == 5610 + 2505
    assert figures["tour_occ_arm_total"]["flags"] == ["no_target"]     # the components add up: no mismatch


def test_the_mapping_in_the_docs_imports_the_istat_example(tmp_path):
    text = (ROOT / "docs" / "import-sdmx.md").read_text(encoding="utf-8")
    (mapping,) = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert len(mapping.strip().splitlines()) <= 20
    _, result = imported(tmp_path, ISTAT, mapping=mapping)
    indicators = result.tables["indicators"].set_index("indicator_id")
    assert (indicators.loc["births.f", "part_of"], indicators.loc["births.f", "breakdown"]) == ("births", "sex")
    assert indicators.loc["births", "name_vi"] == "Số trẻ sinh ra"
    assert dict(result.tables["org_units"].set_index("org_unit")["parent"]) == {
        "it": "", "itc4": "it", "itf3": "it", "na": "itf3"}
    assert value(result, "births.m", "na", "2019") == 13412


def test_eurostats_flavour_lower_case_semicolons_and_the_unit_as_a_dimension(tmp_path):
    path = write(tmp_path, "estat.csv", """
        time_period;geo;unit;unit_mult;obs_value;obs_flag
        2020;IT;NR;0;5;
        2020;IT;PC;0;1.5;p
        2020;NO;NR;3;6.25;
        """)
    (extract,), result = imported(tmp_path, path)
    assert set(extract.indicators) == {"estat.NR", "estat.PC"}      # no dataflow column: the file's name
    assert value(result, "estat_nr", "no", "2020") == 6250          # Norway's code stays a code
    assert value(result, "estat_pc", "it", "2020") == 1.5
    assert extract.indicators["estat.PC"]["unit"] == "PC"


def test_freq_is_no_part_of_the_indicator_even_when_it_varies(tmp_path):
    path = write(tmp_path, "f.csv", """
        DATAFLOW,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE
        X:JOBS(1.0),A,IT,2020,30
        X:JOBS(1.0),Q,IT,2020-Q1,7
        X:JOBS(1.0),M,IT,2020-M01,2
        """)
    (extract,), result = imported(tmp_path, path)
    assert set(extract.indicators) == {"JOBS"}
    assert dict(zip(result.tables["values"]["period"], result.tables["values"]["value"])) == {
        "2020": "30", "2020Q1": "7", "2020-01": "2"}
