"""Every validation problem is found, located (file, line, column) and explained."""

import time

import pytest

import briefing
from briefing.errors import InputError
from briefing.inputs.contract import MAX_TREE_DEPTH
from briefing.inputs.validate import _cycle_members, _depths
from conftest import INDICATORS, ORG_UNITS, to_windows_1258, values_csv, write_tables

GOOD_VALUES = values_csv([("trained", "P", "2020-01", 5), ("members", "D1", "2020-01", 7)])


def problems_of(folder, **tables):
    """Write the tables (defaults for the rest) and return the problems found."""
    defaults = {"indicators": INDICATORS, "org_units": ORG_UNITS, "values": GOOD_VALUES}
    write_tables(folder, **(defaults | tables))
    with pytest.raises(InputError) as caught:
        briefing.load_dataset(folder)
    return caught.value.problems


def only(problems, **where):
    """The single problem matching ``where`` (attribute values)."""
    found = [p for p in problems if all(getattr(p, k) == v for k, v in where.items())]
    assert len(found) == 1, f"expected one problem with {where}, got {problems}"
    return found[0]


BAD_VALUES = [
    pytest.param("trained,P,2020-13,5", "period", "2020-13", "month from 01 to 12", id="month-13"),
    pytest.param("trained,P,2020Q5,5", "period", "2020Q5", "quarter from 1 to 4", id="quarter-5"),
    pytest.param("trained,P,20S1,5", "period", "20S1", "a period like 2020-06", id="short-year"),
    pytest.param("trained,P,2020-01,18.050.000", "value", "18.050.000", "write 18050000",
                 id="vietnamese-thousands"),
    pytest.param('trained,P,2020-01,"56,4"', "value", "56,4", "write 56.4",
                 id="vietnamese-decimal-comma"),
    pytest.param("trained,P,2020-01,abc", "value", "abc", "a number with '.' as decimal point",
                 id="not-a-number"),
    pytest.param("trained,P,2020-01,18.05", "value", "18.05", "whole number",
                 id="fraction-for-zero-decimals"),
    pytest.param("ghost,P,2020-01,5", "indicator_id", "ghost", "listed in indicators.csv",
                 id="unknown-indicator"),
    pytest.param("trained,X9,2020-01,5", "org_unit", "X9", "listed in org_units.csv",
                 id="unknown-org-unit"),
]


@pytest.mark.parametrize("row, column, value, fragment", BAD_VALUES)
def test_bad_value_row_is_located(tmp_path, row, column, value, fragment):
    text = GOOD_VALUES + row + "\n"
    problem = only(problems_of(tmp_path, values=text), column=column)
    assert (problem.file, problem.line, problem.value) == ("values.csv", 4, value)
    assert fragment in str(problem)


def test_duplicate_rows_name_both_lines(tmp_path):
    text = GOOD_VALUES + "trained,P,202001,6\n"
    problem = only(problems_of(tmp_path, values=text), column="period")
    assert problem.line == 4 and "line 2 has the same trained / P / 2020-01" in str(problem)


def test_line_numbers_count_blank_lines(tmp_path):
    text = GOOD_VALUES + "\n\ntrained,P,2020-13,5\n"
    assert only(problems_of(tmp_path, values=text), column="period").line == 6


def test_missing_required_file(tmp_path):
    write_tables(tmp_path, indicators=INDICATORS)
    with pytest.raises(InputError) as caught:
        briefing.load_dataset(tmp_path)
    problem = only(caught.value.problems, file="values.csv")
    assert "required file" in str(problem) and "missing" in str(problem)


def test_missing_required_column(tmp_path):
    problems = problems_of(tmp_path, values="indicator_id,org_unit,period,valeur\ntrained,P,2020-01,5\n")
    problem = only(problems, column="value")
    assert (problem.file, problem.line) == ("values.csv", 1)
    assert "found 'valeur'; is that it?" in str(problem)


def test_semicolon_separated_file_is_named(tmp_path):
    problems = problems_of(tmp_path, values="indicator_id;org_unit;period;value\ntrained;P;2020-01;5\n")
    assert any("separated by semicolons" in str(p) for p in problems)


@pytest.mark.parametrize("text, fragment", [
    ("", "the file is empty"),
    ("\ufeff", "the file is empty"),
    ("indicator_id,org_unit,period,value\n", "the file has none"),
])
def test_empty_files(tmp_path, text, fragment):
    assert fragment in str(only(problems_of(tmp_path, values=text), file="values.csv"))


@pytest.mark.parametrize("change, column, fragment", [
    (("flow,up,0,\n", "flows,up,0,\n"), "kind", "one of flow, stock, rate"),
    (("flow,up,0,\n", "flow,sideways,0,\n"), "direction", "up (more is better) or down"),
    (("flow,up,0,\n", "flow,up,two,\n"), "decimals", "whole number from 0 to 6"),
    (("flow,up,0,trained\n", "flow,up,0,trainee\n"), "part_of", "indicator_id of a listed"),
    (("trained,jobs", "Trained,jobs"), "indicator_id", "lower-case letters"),
])
def test_bad_indicator_catalogue(tmp_path, change, column, fragment):
    catalogue = INDICATORS.replace(*change, 1)
    problem = only(problems_of(tmp_path, indicators=catalogue), file="indicators.csv", column=column)
    assert problem.file == "indicators.csv" and problem.line in (2, 3)
    assert fragment in str(problem)


def test_part_of_cycle(tmp_path):
    catalogue = INDICATORS.replace("flow,up,0,\n", "flow,up,0,trained.short\n", 1)
    problem = only(problems_of(tmp_path, indicators=catalogue), column="part_of",
                   value="trained.short")
    assert "circle" in str(problem)


def test_org_tree_with_a_missing_parent(tmp_path):
    tree = ORG_UNITS.replace("C1,Xã 1,Commune 1,D1", "C1,Xã 1,Commune 1,D7")
    problem = only(problems_of(tmp_path, org_units=tree), column="parent")
    assert (problem.file, problem.line, problem.value) == ("org_units.csv", 5, "D7")


def test_org_tree_with_a_cycle(tmp_path):
    tree = ORG_UNITS.replace("D1,Huyện 1,District 1,P", "D1,Huyện 1,District 1,C1")
    problems = problems_of(tmp_path, org_units=tree)
    assert {p.line for p in problems if "circle" in str(p)} == {3, 5}


@pytest.mark.parametrize("year", ["2020.5", "năm 2020", "20"])
def test_non_integer_target_year(tmp_path, year):
    targets = f"indicator_id,org_unit,year,target\ntrained,P,{year},100\n"
    problem = only(problems_of(tmp_path, targets=targets), column="year")
    assert (problem.file, problem.line) == ("targets.csv", 2)


def test_windows_1258_file_is_recognised(tmp_path):
    write_tables(tmp_path, indicators=INDICATORS, values=GOOD_VALUES)
    (tmp_path / "org_units.csv").write_bytes(to_windows_1258(ORG_UNITS))
    with pytest.raises(InputError) as caught:
        briefing.load_dataset(tmp_path)
    text = str(only(caught.value.problems, file="org_units.csv"))
    assert "Windows-1258" in text and "UTF-8" in text and "iconv -f WINDOWS-1258" in text


def test_utf8_with_bom_is_accepted(tmp_path):
    write_tables(tmp_path, indicators="\ufeff" + INDICATORS, org_units=ORG_UNITS,
                 values="\ufeff" + GOOD_VALUES)
    assert len(briefing.load_dataset(tmp_path).values) == 2


def test_every_problem_is_listed_at_once(tmp_path):
    text = GOOD_VALUES + "trained,P,2020-13,5\nghost,P,2020-01,5\ntrained,P,2020-02,x\n"
    tree = ORG_UNITS.replace("C1,Xã 1,Commune 1,D1", "C1,Xã 1,Commune 1,D7")
    problems = problems_of(tmp_path, values=text, org_units=tree)
    assert len(problems) == 4
    assert [p.file for p in problems] == ["org_units.csv"] + ["values.csv"] * 3
    assert [p.line for p in problems[1:]] == [4, 5, 6]


def test_extra_columns_are_ignored(tmp_path):
    text = "indicator_id,org_unit,period,value,note\ntrained,P,2020-01,5,ok\n"
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS, values=text)
    assert list(briefing.load_dataset(tmp_path).values.columns) == [
        "indicator_id", "org_unit", "period", "value", "line"]


def test_fast_and_careful_readers_agree(tmp_path):
    """A quoted file goes through the careful reader; the result is the same."""
    plain = GOOD_VALUES
    quoted = plain.replace("trained,P", '"trained","P"')
    write_tables(tmp_path / "a", indicators=INDICATORS, org_units=ORG_UNITS, values=plain)
    write_tables(tmp_path / "b", indicators=INDICATORS, org_units=ORG_UNITS, values=quoted)
    a = briefing.load_dataset(tmp_path / "a").values
    b = briefing.load_dataset(tmp_path / "b").values
    assert a.astype(str).equals(b.astype(str))


def test_workbook_with_a_missing_sheet(tmp_path):
    import pandas as pd

    path = tmp_path / "data.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.read_csv(__import__("io").StringIO(INDICATORS)).to_excel(
            writer, sheet_name="indicators", index=False)
    with pytest.raises(InputError) as caught:
        briefing.load_dataset(path)
    assert "a sheet named values" in str(only(caught.value.problems, file="data.xlsx"))


def test_path_that_does_not_exist(tmp_path):
    with pytest.raises(InputError, match="nothing is there"):
        briefing.load_dataset(tmp_path / "nowhere")


def test_long_runs_of_one_problem_are_summarised(tmp_path):
    rows = "".join(f"trained,P,2019-{m:02d},x\n" for m in range(1, 13))
    rows += "".join(f"members,P,2018-{m:02d},x\n" for m in range(1, 13))
    rows += "".join(f"accidents,P,2018-{m:02d},x\n" for m in range(1, 13))
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS, values=GOOD_VALUES + rows)
    with pytest.raises(InputError) as caught:
        briefing.load_dataset(tmp_path)
    text = str(caught.value)
    assert text.startswith("36 problems in")
    assert "... and 16 more like the above (lines 24–39)" in text


def test_decomposed_vietnamese_is_composed(tmp_path):
    """iconv from Windows-1258 writes tone marks as separate characters; names come out composed."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", INDICATORS)
    assert decomposed != INDICATORS
    write_tables(tmp_path, indicators=decomposed, org_units=ORG_UNITS, values=GOOD_VALUES)
    dataset = briefing.load_dataset(tmp_path)
    names = dataset.indicators.set_index("indicator_id")["name_vi"]
    assert names["trained"] == "Đào tạo nghề" == unicodedata.normalize("NFC", names["trained"])


# --- limits: numbers that can be reported, trees that can be rolled up ----------------

def chain_csv(length: int) -> str:
    """Units ``U0`` ← ``U1`` ← ...: ``U{i}`` is ``i`` levels below the root, on line ``i + 2``."""
    return "org_unit,name_vi,name_en,parent\n" + "".join(
        f"U{i},,Unit {i},{f'U{i - 1}' if i else ''}\n" for i in range(length))


def test_a_tree_deeper_than_the_limit_is_refused_where_it_gets_too_deep(tmp_path):
    values = values_csv([("trained", "U0", "2020-01", 5)])
    problem = only(problems_of(tmp_path, org_units=chain_csv(MAX_TREE_DEPTH + 2), values=values),
                   file="org_units.csv")
    assert (problem.line, problem.column, problem.value) == (
        MAX_TREE_DEPTH + 3, "parent", f"U{MAX_TREE_DEPTH}")
    assert f"at most {MAX_TREE_DEPTH:,} levels below its root" in str(problem)


def test_a_tree_exactly_as_deep_as_the_limit_loads(tmp_path):
    values = values_csv([("trained", "U0", "2020-01", 5)])
    write_tables(tmp_path, indicators=INDICATORS, org_units=chain_csv(MAX_TREE_DEPTH + 1),
                 values=values)
    assert briefing.load_dataset(tmp_path).tree.depth(f"U{MAX_TREE_DEPTH}") == MAX_TREE_DEPTH


def test_only_the_units_on_a_cycle_are_named(tmp_path):
    """C2 hangs below the cycle D1 → C1 → D1: following its parents never comes back to it."""
    tree = ORG_UNITS.replace("D1,Huyện 1,District 1,P", "D1,Huyện 1,District 1,C1") \
        + "C2,Xã 2,Commune 2,D1\n"
    problems = problems_of(tmp_path, org_units=tree)
    assert sorted(p.line for p in problems if "circle" in p.expected) == [3, 5]


@pytest.mark.parametrize("check", [_cycle_members, _depths])
def test_tree_checks_take_linear_time(check):
    """Following parents from every unit in turn takes n² steps: 44 s for this ring."""
    ring = {f"U{i}": f"U{(i - 1) % 10_000}" for i in range(10_000)}
    chain = {f"U{i}": f"U{i - 1}" for i in range(1, 10_000)}
    started = time.perf_counter()
    found = check(ring), check(chain)
    assert time.perf_counter() - started < 4
    assert [len(f) for f in found] == ([10_000, 0] if check is _cycle_members else [0, 9_999])


#: Quoted as written in the file, whichever reader read it.
NOT_REPORTABLE = [
    pytest.param("values", "trained,P,2020-02,1e30", "1e30", id="value-1e30"),
    pytest.param("values", "trained,P,2020-02,-1e30", "-1e30", id="value-minus-1e30"),
    pytest.param("values", "trained,P,2020-02,1000000000000000", "1000000000000000",
                 id="value-exactly-1e15"),
    pytest.param("values", "members,P,2020-02,1e309", "1e309", id="value-overflowing-1e309"),
    pytest.param("values", "poverty,P,2020-02,nan", "nan", id="value-nan"),
    pytest.param("values", "poverty,P,2020-02,-inf", "-inf", id="value-minus-inf"),
    pytest.param("values", '"poverty","P","2020-02","1e309"', "1e309",
                 id="value-1e309-careful-reader"),
    pytest.param("targets", "trained,P,2020,1e30", "1e30", id="target-1e30"),
    pytest.param("targets", "trained,P,2020,-1e16", "-1e16", id="target-minus-1e16"),
    pytest.param("targets", "trained,P,2020,1e309", "1e309", id="target-overflowing-1e309"),
    pytest.param("targets", "trained,P,2020,inf", "inf", id="target-inf"),
    pytest.param("targets", "trained,P,2020,nan", "nan", id="target-nan"),
]


def bad_number(folder, table: str, row: str):
    """The one problem a row appended to ``values.csv`` (line 4) or ``targets.csv`` (line 2) has."""
    if table == "values":
        problems, column, line = problems_of(folder, values=GOOD_VALUES + row + "\n"), "value", 4
    else:
        targets = "indicator_id,org_unit,year,target\n" + row + "\n"
        problems, column, line = problems_of(folder, targets=targets), "target", 2
    problem = only(problems, column=column)
    assert (problem.file, problem.line) == (f"{table}.csv", line)
    return problem


@pytest.mark.parametrize("table, row, value", NOT_REPORTABLE)
def test_numbers_too_large_or_not_finite_are_refused(tmp_path, table, row, value):
    problem = bad_number(tmp_path, table, row)
    assert problem.value == value
    assert "a finite number smaller than 10^15 in absolute value" in problem.expected


@pytest.mark.parametrize("table, row", [
    ("values", "trained,P,2020-02,1e-300"),
    ("values", "poverty,P,2020-02,-0.0000000001"),
    ("targets", "trained,P,2020,1e-300"),
])
def test_nonzero_numbers_too_small_are_refused(tmp_path, table, row):
    """100 × 12,030 ÷ 1e-305 overflows a float: a percentage of such a plan cannot be shown."""
    problem = bad_number(tmp_path, table, row)
    assert "zero or a number of at least 10^-9 in absolute value" in problem.expected


def test_the_largest_and_smallest_reportable_numbers_load(tmp_path):
    values = GOOD_VALUES + "trained,P,2020-02,999999999999999\npoverty,P,2020-02,-1e-9\n" \
        + "members,P,2020-02,0\n"
    targets = "indicator_id,org_unit,year,target\ntrained,P,2020,999999999999999.9\n" \
        + "poverty,P,2020,1e-9\n"
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS, values=values,
                 targets=targets)
    dataset = briefing.load_dataset(tmp_path)
    assert dataset.values["value"].abs().max() == 999999999999999
    assert sorted(dataset.targets["target"]) == [1e-9, 999999999999999.9]


# --- names: no control characters, a bounded length -------------------------------------

NAMES_WITH_CONTROLS = [
    pytest.param("indicators", "Đào tạo nghề", "Đào\x00tạo", "name_vi", 2, "\\x00", id="nul-indicator-name"),
    pytest.param("indicators", "people,flow", "peo\x01ple,flow", "unit_en", 2, "\\x01", id="unit"),
    pytest.param("indicators", "trained,jobs", "trained,jo\x1bbs", "sector", 2, "\\x1b", id="sector"),
    pytest.param("org_units", "Huyện 1", "Huyện\x7f 1", "name_vi", 3, "\\x7f", id="del-org-unit"),
    pytest.param("org_units", "District 2", "District\x85 2", "name_en", 4, "\\x85", id="c1-org-unit"),
]


@pytest.mark.parametrize("table, old, new, column, line, char", NAMES_WITH_CONTROLS)
def test_control_characters_in_names_are_refused(tmp_path, table, old, new, column, line, char):
    text = {"indicators": INDICATORS, "org_units": ORG_UNITS}[table]
    problem = only(problems_of(tmp_path, **{table: text.replace(old, new, 1)}), column=column)
    assert (problem.file, problem.line) == (f"{table}.csv", line)
    assert "text without control characters; character" in str(problem)
    assert f" is {char}" in str(problem) and char in str(problem).split("expected")[0]


def test_control_characters_in_procedures_are_refused(tmp_path):
    dossiers = ("dossier_id,org_unit,procedure,received_on,due_on,resolved_on\n"
                "HS-1,P,Cấp\x02 phép,2020-02-03,2020-02-17,\n")
    problem = only(problems_of(tmp_path, dossiers=dossiers), column="procedure")
    assert (problem.file, problem.line) == ("dossiers.csv", 2)
    assert "character 4 is \\x02" in str(problem)


def test_tabs_and_line_breaks_in_names_are_whitespace_and_accepted(tmp_path):
    names = INDICATORS.replace("Đào tạo nghề", '"Đào tạo\nnghề"').replace("Accidents", "Acci\tdents")
    write_tables(tmp_path, indicators=names, org_units=ORG_UNITS, values=GOOD_VALUES)
    assert len(briefing.load_dataset(tmp_path).indicators) == 5


def test_names_longer_than_the_limit_are_refused_with_their_length(tmp_path):
    from briefing.inputs.contract import MAX_TEXT_LENGTH

    long_name = "Đào tạo " * 699 + "nghề"   # 5,596 characters
    problem = only(problems_of(tmp_path, indicators=INDICATORS.replace("Vocational training", long_name)),
                   column="name_en")
    assert (problem.file, problem.line) == ("indicators.csv", 2)
    assert f"text of at most {MAX_TEXT_LENGTH} characters; this one has {len(long_name):,}" in str(problem)
    assert len(str(problem)) < 400


def test_names_at_the_limit_are_fine(tmp_path):
    from briefing.inputs.contract import MAX_TEXT_LENGTH

    name = "x" * MAX_TEXT_LENGTH
    write_tables(tmp_path, indicators=INDICATORS.replace("Vocational training", name),
                 org_units=ORG_UNITS, values=GOOD_VALUES)
    assert name in briefing.load_dataset(tmp_path).indicators["name_en"].tolist()


@pytest.mark.parametrize("cell", ["", "NA"])
def test_a_value_left_empty_or_na_is_not_reported_and_counts_as_a_gap(make_dataset, cell):
    """Empty and NA mean "not reported": the same as no row, so February is a gap of P's
    year to date (10 + 30 = 40 from the two months there, flagged incomplete)."""
    dataset = make_dataset(values=[("trained", "P", "2020-01", 10), ("trained", "P", "2020-02", cell),
                                   ("trained", "P", "2020-03", 30)])
    assert len(dataset.values) == 2
    assert any("1 row without a value (empty or NA) read as not reported" in note
               and "line 3" in note for note in dataset.notes)
    row = dataset.metrics("2020Q1", "P").set_index("indicator_id").loc["trained"]
    assert row["value"] == 40 and "incomplete" in row["flags"]


def test_more_decimals_than_shown_are_used_with_a_note(make_dataset):
    """decimals governs display only: 2211544.01 people is read as given."""
    dataset = make_dataset(values=[("members", "P", "2020-01", 2211544.01)])
    assert dataset.values["value"].tolist() == [2211544.01]
    assert any("1 row with decimals for an indicator shown without decimals" in note
               for note in dataset.notes)


def test_na_in_an_id_column_is_an_id_not_a_gap(tmp_path):
    """Napoli's code is NA: only the value column reads NA as "not reported"."""
    units = "org_unit,name_vi,name_en,parent\nNA,Napoli,Napoli,\n"
    folder = write_tables(tmp_path, indicators=INDICATORS, org_units=units,
                          values=values_csv([("trained", "NA", "2020-01", 5)]))
    dataset = briefing.load_dataset(folder)
    assert dataset.values["org_unit"].astype(str).tolist() == ["NA"]


def test_a_negative_value_is_read(make_dataset):
    """A net correction of -5 people is a figure, not an error (flagged later, not refused)."""
    dataset = make_dataset(values=[("trained", "P", "2020-01", 12), ("trained", "P", "2020-02", -5)])
    assert dataset.values["value"].tolist() == [12, -5]


NEW_KINDS = """\
indicator_id,sector,name_en,kind,numerator,denominator,multiplier,weight,signed,part_of,breakdown
tests,health,Tests,flow,,,,,,,
positives,health,Positives,flow,,,,,,,
positivity,health,Positivity,ratio,positives,tests,100,,,,
population,health,Population,stock,,,,,,,
wage,jobs,Average wage,average,,,,population,,,
net,jobs,Net change,flow,,,,,yes,,
women,health,Tests of women,flow,,,,,,tests,sex
"""


def test_the_new_indicator_columns_are_read(tmp_path):
    folder = write_tables(tmp_path, indicators=NEW_KINDS,
                          values=values_csv([("tests", "P", "2020-01", 5)]))
    catalogue = briefing.load_dataset(folder).indicators.set_index("indicator_id")
    assert catalogue.loc["positivity", ["numerator", "denominator", "multiplier"]].tolist() \
        == ["positives", "tests", 100.0]
    assert catalogue.loc["net", "signed"] and not catalogue.loc["tests", "signed"]
    assert catalogue.loc["women", "breakdown"] == "sex"
    assert catalogue.loc["tests", "multiplier"] == 100.0   # the default, unused


def _catalogue_with(row: str) -> str:
    return NEW_KINDS + row + "\n"


BAD_INDICATORS = [
    pytest.param("r,health,R,ratio,,tests,,,,,", "numerator", "the numerator of this ratio",
                 id="ratio-without-numerator"),
    pytest.param("r,health,R,ratio,positives,ghost,,,,,", "denominator", "a listed indicator",
                 id="ratio-unknown-denominator"),
    pytest.param("r,health,R,ratio,r,tests,,,,,", "numerator", "it names itself",
                 id="ratio-of-itself"),
    pytest.param("r,health,R,ratio,positives,tests,-5,,,,", "multiplier", "a number above 0",
                 id="negative-multiplier"),
    pytest.param("r,health,R,flow,,,1000,,,,", "multiplier", "only a ratio takes one",
                 id="multiplier-on-a-flow"),
    pytest.param("r,health,R,flow,positives,,,,,,", "numerator", "only a ratio takes one",
                 id="numerator-on-a-flow"),
    pytest.param("r,health,R,stock,,,,population,,,", "weight", "only an average takes one",
                 id="weight-on-a-stock"),
    pytest.param("r,health,R,average,,,,positivity,,,", "weight", "a weight that adds up",
                 id="weight-a-ratio"),
    pytest.param("r,health,R,flow,,,,,maybe,,", "signed", "yes or no", id="signed-maybe"),
    pytest.param("r,health,R,flow,,,,,,,sex", "breakdown", "only for a component",
                 id="breakdown-without-total"),
    pytest.param("r,health,R,ratio,positives,tests,,,,tests,", "part_of", "do not add up",
                 id="ratio-as-a-component"),
]


@pytest.mark.parametrize("row, column, fragment", BAD_INDICATORS)
def test_bad_indicator_columns_are_located(tmp_path, row, column, fragment):
    problems = problems_of(tmp_path, indicators=_catalogue_with(row),
                           values=values_csv([("tests", "P", "2020-01", 5)]))
    problem = only(problems, column=column)
    assert (problem.file, problem.line) == ("indicators.csv", 9)
    assert fragment in str(problem)


def test_ratios_whose_parts_go_round_are_refused(tmp_path):
    catalogue = NEW_KINDS + "a,x,A,ratio,b,tests,,,,,\nb,x,B,ratio,a,tests,,,,,\n"
    problems = problems_of(tmp_path, indicators=catalogue,
                           values=values_csv([("tests", "P", "2020-01", 5)]))
    assert sorted(p.value for p in problems if "go round in a circle" in str(p)) == ["a", "b"]


def test_rows_of_a_ratio_are_set_aside_with_a_note(tmp_path):
    folder = write_tables(tmp_path, indicators=NEW_KINDS, values=values_csv(
        [("tests", "P", "2020-01", 50), ("positivity", "P", "2020-01", 18.0)]))
    dataset = briefing.load_dataset(folder)
    assert dataset.values["indicator_id"].astype(str).tolist() == ["tests"]
    assert any("1 row of ratios (positivity) not read" in note and "line 3" in note
               for note in dataset.notes)


def test_a_negative_target_only_for_a_signed_indicator(tmp_path):
    targets = "indicator_id,org_unit,year,target\nnet,P,2020,-40\ntests,P,2020,-5\n"
    problems = problems_of(tmp_path, indicators=NEW_KINDS, targets=targets,
                           values=values_csv([("tests", "P", "2020-01", 5)]))
    assert [(p.line, p.column) for p in problems] == [(3, "target")]

