"""Daily rows of values.csv: read as days, folded into their month by kind; weeks and fiscal
years refused with their own message."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from test_read import base_sheets, outcome, write_workbook

import briefing
from briefing.errors import InputError, PeriodError
from briefing.inputs.daily import DAY_AGGREGATION, fold_days, period_key
from briefing.inputs.read import read_tables
from briefing.periods import parse_day, parse_period
from conftest import INDICATORS, ORG_UNITS, values_csv, write_tables

#: June 2020 by day for P: trained (a flow), members (a stock), poverty (a rate).
DAYS = [
    ("trained", "P", "2020-06-01", 10), ("trained", "P", "2020-06-15", 20),
    ("trained", "P", "2020-06-30", 5),
    ("members", "P", "2020-06-01", 100), ("members", "P", "2020-06-20", 120),
    ("members", "P", "2020-06-10", 90),
    ("poverty", "P", "2020-06-02", 3.5), ("poverty", "P", "2020-06-29", 3.1),
]


def load(folder, rows, **tables):
    write_tables(folder, indicators=INDICATORS, org_units=ORG_UNITS, values=values_csv(rows),
                 **tables)
    return briefing.load_dataset(folder)


def figures(dataset) -> dict:
    """(indicator, unit, period) -> (value, line) of the checked values."""
    values = dataset.values.astype({"indicator_id": str, "org_unit": str, "period": str})
    return {(r.indicator_id, r.org_unit, r.period): (r.value, r.line)
            for r in values.itertuples()}


def problems_of(folder, rows) -> list:
    with pytest.raises(InputError) as caught:
        load(folder, rows)
    return list(caught.value.problems)


# --- folding by kind ------------------------------------------------------------------------


def test_days_become_one_month_row_each_by_kind(tmp_path):
    found = figures(load(tmp_path, DAYS))
    assert found == {
        ("trained", "P", "2020-06"): (35.0, 4),     # flow: 10 + 20 + 5, line of 2020-06-30
        ("members", "P", "2020-06"): (120.0, 6),    # stock: the 20th, the latest day, line 6
        ("poverty", "P", "2020-06"): (3.1, 9),      # rate: the 29th
    }


def test_the_mapping_by_kind_is_the_contract():
    assert DAY_AGGREGATION == {"flow": "sum", "stock": "last", "rate": "last",
                               "cumulative": "last", "average": "mean", "ratio": "sum"}


@pytest.mark.parametrize("kind, expected", [
    ("flow", 35.0),           # 10 + 20 + 5
    ("stock", 5.0),           # the 30th
    ("rate", 5.0),
    ("cumulative", 5.0),      # a year-to-date total as of the last day
    ("average", 35 / 3),      # (10 + 20 + 5) / 3
    ("ratio", 35.0),
    ("a-kind-added-later", 35.0),   # not in the mapping: summed
])
def test_fold_days_by_each_kind(kind, expected):
    frame = pd.DataFrame({
        "indicator_id": pd.Categorical(["x", "x", "x", "y"]),
        "org_unit": pd.Categorical(["P"] * 4),
        "period": pd.Categorical(["2020-06-15", "2020-06-01", "2020-06-30", "2020Q2"]),
        "value": [20.0, 10.0, 5.0, 7.0],
        "_line": [2, 3, 4, 5],
    })
    notes = []
    folded = fold_days(frame, {"x": kind, "y": "flow"}, "values.csv", notes)
    assert folded[["period", "value", "_line"]].astype({"period": str}).to_dict("records") == [
        {"period": "2020-06", "value": pytest.approx(expected), "_line": 4},
        {"period": "2020Q2", "value": 7.0, "_line": 5},
    ]
    assert frame["period"].astype(str).tolist()[0] == "2020-06-15"   # the input is untouched
    assert notes == ["values.csv: 3 day rows folded into 1 month row by each indicator's kind "
                     "(flows summed, averages the mean of the days; stocks, rates and cumulative "
                     "totals the last day's value)"]


def test_days_across_a_month_boundary_make_two_months(tmp_path):
    rows = [("trained", "P", "2020-06-29", 4), ("trained", "P", "2020-06-30", 6),
            ("trained", "P", "2020-07-01", 1), ("members", "P", "2020-06-30", 50),
            ("members", "P", "2020-07-01", 52)]
    found = figures(load(tmp_path, rows))
    assert {key: value for key, (value, _) in found.items()} == {
        ("trained", "P", "2020-06"): 10.0, ("trained", "P", "2020-07"): 1.0,
        ("members", "P", "2020-06"): 50.0, ("members", "P", "2020-07"): 52.0,
    }


def test_days_sit_beside_months_of_other_units_and_other_periods(tmp_path):
    rows = DAYS[:3] + [("trained", "D1", "2020-06", 8), ("trained", "P", "2020-05", 30),
                       ("poverty", "P", "2020Q1", 3.9)]
    found = figures(load(tmp_path, rows))
    assert {key: value for key, (value, _) in found.items()} == {
        ("trained", "P", "2020-06"): 35.0, ("trained", "D1", "2020-06"): 8.0,
        ("trained", "P", "2020-05"): 30.0, ("poverty", "P", "2020Q1"): 3.9,
    }


def test_a_day_written_in_eight_digits_is_the_same_day(tmp_path):
    rows = [("trained", "P", "20200601", 10), ("trained", "P", "2020-06-15", 20)]
    assert figures(load(tmp_path, rows))[("trained", "P", "2020-06")] == (30.0, 3)


def test_a_day_without_a_value_is_not_reported(tmp_path):
    rows = [("trained", "P", "2020-06-01", 10), ("trained", "P", "2020-06-02", "NA"),
            ("members", "P", "2020-06-01", 100), ("members", "P", "2020-06-30", "")]
    found = figures(load(tmp_path, rows))
    assert found == {("trained", "P", "2020-06"): (10.0, 2), ("members", "P", "2020-06"): (100.0, 4)}


def test_the_notes_count_the_folded_days(tmp_path):
    notes = load(tmp_path, DAYS).notes
    assert "values.csv: 8 day rows folded into 3 month rows by each indicator's kind" in notes[-1]
    assert "1st of its month" not in notes[-1]


def test_a_data_set_without_days_has_no_note_and_keeps_its_frame(tmp_path):
    dataset = load(tmp_path, [("trained", "P", "2020-06", 5)])
    assert not any("day row" in note for note in dataset.notes)


# --- a month given twice, bad days, weeks, fiscal years ------------------------------------


def test_a_month_given_as_a_row_and_as_days_names_both_lines(tmp_path):
    rows = [("trained", "P", "2020-06", 30)] + DAYS[:3] + [("trained", "P", "2020-07", 1)]
    (problem,) = problems_of(tmp_path, rows)
    assert (problem.line, problem.column, problem.value) == (3, "period", "2020-06-01")
    assert str(problem) == (
        'values.csv, line 3, column period: found "2020-06-01", expected a row for the month or '
        "rows for its days, not both (line 2 gives 2020-06 itself; line 3 gives a day of it)")


def test_a_month_row_and_days_of_another_unit_or_month_do_not_clash(tmp_path):
    rows = [("trained", "D1", "2020-06", 30), ("trained", "P", "2020-05", 30)] + DAYS[:3]
    assert figures(load(tmp_path, rows))[("trained", "P", "2020-06")][0] == 35.0


def test_the_same_day_twice_is_a_duplicate_quoted_as_written(tmp_path):
    rows = [("trained", "P", "2020-06-01", 10), ("trained", "P", "20200601", 11)]
    (problem,) = problems_of(tmp_path, rows)
    assert (problem.line, problem.value) == (3, "20200601")
    assert "line 2" in str(problem)


@pytest.mark.parametrize("written, expected", [
    ("2020-02-30", "a day that exists: 2020-02 has days 01 to 29"),
    ("2019-02-29", "a day that exists: 2019-02 has days 01 to 28"),
    ("2020-13-01", "a month from 01 to 12 in the day"),
    ("20201301", "a month from 01 to 12 in the day"),
    ("2020-6-5", "the month and the day in two digits: 2020-06-05"),
    ("1850-06-01", "a year from 1900 to 2100"),
    ("15/06/2020", "a day written year first, as in 2020-06-15"),
    ("2020-06-15 08:30:00", "a day written year first"),
    ("June 2020", "2020S1 or 2020, or a day like 2020-06-15"),
])
def test_a_bad_day_is_a_located_problem(tmp_path, written, expected):
    rows = [("trained", "P", "2020-06-01", 10), ("trained", "P", written, 5)]
    (problem,) = problems_of(tmp_path, rows)
    assert (problem.file, problem.line, problem.column, problem.value) == \
        ("values.csv", 3, "period", written)
    assert expected in problem.expected


WEEKS = "a month, quarter, half year, year or day; weeks are not reporting periods here: " \
        "aggregate them into months (or give daily rows)"
FISCAL = "a calendar period; fiscal years are not reporting periods here: give calendar " \
         "months, quarters or years"


@pytest.mark.parametrize("written, expected", [
    ("2020-W23", WEEKS), ("2020W23", WEEKS), ("2020w5", WEEKS), ("2020-W23-1", WEEKS),
    ("W23-2020", WEEKS),
    ("FY2020", FISCAL), ("fy20", FISCAL), ("2019/20", FISCAL), ("2019/2020", FISCAL),
    ("2019-2020", FISCAL), ("2019-20", FISCAL),
    ("2019-21", "a month from 01 to 12"),        # not two years in a row: a bad month
    ("2020-2019", "a period like 2020-06"),
])
def test_weeks_and_fiscal_years_get_their_own_message(tmp_path, written, expected):
    (problem,) = problems_of(tmp_path, [("trained", "P", written, 5)])
    assert (problem.line, problem.column, problem.value) == (2, "period", written)
    assert expected in problem.expected


def test_report_periods_still_refuse_a_day():
    """A report is for a month or longer: the run's period parser knows no days."""
    with pytest.raises(PeriodError, match="a period like 2020-06"):
        parse_period("2020-06-15")
    assert parse_day("2020-06-15") == dt.date(2020, 6, 15)
    assert period_key("2020-06-15") == "2020-06-15" and period_key("202006") == "2020-06"


# --- readers, workbooks, reports ------------------------------------------------------------


def test_the_fast_reader_takes_daily_rows_and_agrees_with_the_text_reader(tmp_path):
    write_tables(tmp_path, indicators=INDICATORS, org_units=ORG_UNITS, values=values_csv(DAYS))
    tables, _, problems, _ = read_tables(tmp_path)
    assert tables["values"].typed and not problems
    accepted = outcome(tmp_path, fast=True)
    assert accepted == outcome(tmp_path, fast=False)
    assert accepted[1][0] == {"indicator_id": "trained", "org_unit": "P", "period": "2020-06",
                              "value": "35.0", "line": "4"}


def test_date_cells_of_a_workbook_are_days(tmp_path):
    values = [["indicator_id", "org_unit", "period", "value"],
              ["trained", "P", dt.datetime(2020, 6, 1), 10],
              ["trained", "P", dt.datetime(2020, 6, 15), 20],
              ["trained", "P", "2020-06-30", 5]]
    path = write_workbook(tmp_path / "data.xlsx", base_sheets(values=values))
    assert figures(briefing.load_dataset(path)) == {("trained", "P", "2020-06"): (35.0, 4)}


def test_months_turned_into_dates_by_excel_keep_their_figure_with_a_note(tmp_path):
    values = [["indicator_id", "org_unit", "period", "value"],
              ["trained", "P", dt.datetime(2020, 5, 1), 10],
              ["trained", "P", dt.datetime(2020, 6, 1), 20]]
    dataset = briefing.load_dataset(write_workbook(tmp_path / "data.xlsx",
                                                   base_sheets(values=values)))
    assert figures(dataset) == {("trained", "P", "2020-05"): (10.0, 2),
                                ("trained", "P", "2020-06"): (20.0, 3)}
    assert "every day given is the 1st of its month" in dataset.notes[-1]


def test_a_date_cell_with_a_time_of_day_is_refused_with_a_hint(tmp_path):
    values = [["indicator_id", "org_unit", "period", "value"],
              ["trained", "P", dt.datetime(2020, 6, 1, 8, 30), 10]]
    path = write_workbook(tmp_path / "data.xlsx", base_sheets(values=values))
    with pytest.raises(InputError) as caught:
        briefing.load_dataset(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, "period")
    assert "an Excel date with a time of day" in problem.hint


def test_a_report_from_daily_data(tmp_path):
    rows = DAYS + [("trained", "D1", f"2020-05-{day:02d}", 2) for day in range(1, 32)] \
        + [("trained", "P", "2020-05", 40)]
    dataset = load(tmp_path, rows, targets="indicator_id,org_unit,year,target\n"
                                           "trained,P,2020,300\n")
    report = briefing.prepare_report(dataset, "2020-06", "P", lang="en")
    metrics = report.metrics.set_index("indicator_id")
    assert metrics.loc["trained", "value"] == 35.0                 # the June days, summed
    assert metrics.loc["trained", "ytd_value"] == 40.0 + 35.0      # May's own row + June's days
    assert metrics.loc["members", ["value", "as_of"]].tolist() == [120.0, "2020-06"]
    assert metrics.loc["poverty", "value"] == 3.1
    may = dataset.metrics("2020-05", "D1").set_index("indicator_id")
    assert may.loc["trained", "value"] == 62.0                     # 31 days × 2
    assert "35" in str(report.sector_sections())
