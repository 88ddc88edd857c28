"""Administrative-procedure figures on hand-built dossiers, one boundary per case."""

import datetime as dt
import random

import pytest

from briefing.compute.admin import admin_breakdown, compute_admin_procedures, overdue_dossiers, period_bounds
from briefing.errors import InputError
from briefing.render.formatting import format_percent
from conftest import dossiers_csv


@pytest.fixture
def admin(make_dataset):
    """``admin(rows, period, unit)``: the SPEC figures for hand-built dossier rows."""
    def compute(rows, period="2020-06", unit="P", cutoff="calendar"):
        dataset = make_dataset(values=[("trained", "P", "2020-01", 1)], dossiers=dossiers_csv(rows))
        return compute_admin_procedures(dataset, period, unit, cutoff)
    return compute


CASES = [
    pytest.param([("a", "D1", "x", "2020-06-01", "2020-06-10", "2020-06-10")],
                 {"received": 1, "resolved": 1, "early": 0, "on_time": 1, "late": 0},
                 id="resolved-on-the-due-date-is-on-time-not-early"),
    pytest.param([("a", "D1", "x", "2020-06-01", "2020-06-10", "2020-06-09")],
                 {"early": 1, "on_time": 1, "late": 0, "early_pct": 100.0},
                 id="resolved-before-the-due-date-is-early-and-on-time"),
    pytest.param([("a", "D1", "x", "2020-06-01", "2020-06-10", "2020-06-11")],
                 {"early": 0, "on_time": 0, "late": 1, "late_pct": 100.0, "on_time_pct": 0.0},
                 id="one-day-after-the-due-date-is-late"),
    pytest.param([("a", "D1", "x", "2020-05-20", "2020-06-05", "2020-06-03")],
                 {"received": 0, "carried_over": 1, "resolved": 1},
                 id="received-before-and-resolved-inside-is-carried-over-and-resolved"),
    pytest.param([("a", "D1", "x", "2020-05-20", "2020-05-25", "2020-05-31")],
                 {"carried_over": 0, "resolved": 0, "pending": 0},
                 id="resolved-before-the-period-does-not-count"),
    pytest.param([("a", "D1", "x", "2020-06-20", "2020-07-05", "")],
                 {"pending": 1, "pending_overdue": 0},
                 id="pending-at-the-end-within-its-due-date"),
    pytest.param([("a", "D1", "x", "2020-06-01", "2020-06-29", "")],
                 {"pending": 1, "pending_overdue": 1},
                 id="pending-at-the-end-and-past-due"),
    pytest.param([("a", "D1", "x", "2020-06-01", "2020-06-30", "")],
                 {"pending": 1, "pending_overdue": 0},
                 id="due-on-the-last-day-is-not-yet-overdue"),
    pytest.param([("a", "D1", "x", "2020-06-20", "2020-07-05", "2020-07-02")],
                 {"received": 1, "resolved": 0, "pending": 1},
                 id="resolved-after-the-period-was-pending-at-its-end"),
    pytest.param([("a", "D1", "x", "2020-06-01", "2020-06-20", "")],
                 {"resolved": 0, "early_pct": None, "on_time_pct": None, "late_pct": None},
                 id="shares-are-none-when-nothing-was-resolved"),
    pytest.param([("a", "C1", "x", "2020-06-01", "2020-06-20", "2020-06-05"),
                  ("b", "D2", "x", "2020-06-01", "2020-06-20", "2020-06-25")],
                 {"received": 2, "resolved": 2, "early": 1, "late": 1, "late_pct": 50.0},
                 id="descendants-are-included-for-a-parent"),
]


@pytest.mark.parametrize("rows, expected", CASES)
def test_dossier_boundaries(admin, rows, expected):
    figures = admin(rows)
    for key, value in expected.items():
        assert figures[key] == value, key


def test_only_the_unit_subtree_counts(admin):
    rows = [("a", "C1", "x", "2020-06-01", "2020-06-20", "2020-06-05"),
            ("b", "D2", "x", "2020-06-01", "2020-06-20", "2020-06-05")]
    assert admin(rows, unit="D1")["received"] == 1
    assert admin(rows, unit="C1")["received"] == 1
    assert admin(rows, unit="D2")["received"] == 1


@pytest.mark.parametrize("received, month", [
    ("2020-05-14", "2020-05"), ("2020-05-15", "2020-06"),
    ("2020-06-14", "2020-06"), ("2020-06-15", "2020-07"),
    ("2019-12-14", "2019-12"), ("2019-12-15", "2020-01"),
])
def test_decree09_months_run_from_the_15th_to_the_14th(admin, received, month):
    rows = [("a", "D1", "x", received, "2020-12-31", "")]
    assert admin(rows, period=month, cutoff="decree09")["received"] == 1
    assert admin(rows, period=month, cutoff="calendar")["received"] == int(received[:7] == month)


@pytest.mark.parametrize("period, cutoff, first, last", [
    ("2020S1", "calendar", "2020-01-01", "2020-06-30"),
    ("2020S1", "decree09", "2019-12-15", "2020-06-14"),
    ("2020", "decree09", "2019-12-15", "2020-12-14"),
    ("2020-02", "calendar", "2020-02-01", "2020-02-29"),
])
def test_period_bounds(period, cutoff, first, last):
    start, end = period_bounds(period, cutoff)
    assert (start.date().isoformat(), end.date().isoformat()) == (first, last)


def test_reference_widget_is_reconstructed_from_generated_records(admin):
    """Tiếp nhận 298 · Giải quyết 283 · Trước hạn 270 (95%) · Đúng hạn 283 (100%) · Trễ hạn 0 (0%)."""
    rng = random.Random(7)
    rows = []
    for number in range(298):
        received = dt.date(2020, 1, 2) + dt.timedelta(days=rng.randint(0, 150))
        due = received + dt.timedelta(days=15)
        if number < 270:
            resolved = received + dt.timedelta(days=rng.randint(1, 14))   # early
        elif number < 283:
            resolved = due                                                # on the due date
        else:
            resolved = None                                               # still pending
        if resolved and resolved > dt.date(2020, 6, 30):
            resolved = received + dt.timedelta(days=1)
        rows.append((f"HS{number}", "P", "x", received.isoformat(), due.isoformat(),
                     resolved.isoformat() if resolved else ""))
    figures = admin(rows, period="2020S1")
    assert [figures[k] for k in ("received", "resolved", "early", "on_time", "late")] == \
        [298, 283, 270, 283, 0]
    assert [format_percent(figures[k], "vi", 0) for k in ("early_pct", "on_time_pct", "late_pct")] == \
        ["95%", "100%", "0%"]


def test_breakdowns_and_overdue_list(make_dataset):
    rows = [("a", "D1", "cấp phép", "2020-06-01", "2020-06-10", "2020-06-05"),
            ("b", "C1", "cấp phép", "2020-06-01", "2020-06-10", "2020-06-20"),
            ("c", "D2", "trợ cấp", "2020-06-01", "2020-06-03", ""),
            ("d", "D2", "trợ cấp", "2020-06-02", "2020-07-25", "")]
    dataset = make_dataset(values=[("trained", "P", "2020-01", 1)], dossiers=dossiers_csv(rows))
    procedures = admin_breakdown(dataset, "2020-06", "P", "procedure").set_index("procedure")
    assert procedures.loc["cấp phép", ["received", "resolved", "late"]].tolist() == [2, 2, 1]
    assert procedures.loc["cấp phép", "mean_days"] == pytest.approx((4 + 19) / 2)
    assert procedures.loc["trợ cấp", "pending_overdue"] == 1
    units = admin_breakdown(dataset, "2020-06", "P", "org_unit").set_index("org_unit")
    assert units.loc["D1", "received"] == 2 and units.loc["D2", "pending"] == 2
    months = admin_breakdown(dataset, "2020Q2", "P", "month")
    assert list(months["month"]) == ["2020-04", "2020-05", "2020-06"]
    assert list(months["received"]) == [0, 0, 4]
    overdue = overdue_dossiers(dataset, "2020-06", "P")
    assert overdue[["dossier_id", "days_overdue"]].values.tolist() == [["c", 27]]


DOSSIER_PROBLEMS = [
    pytest.param(("a", "D1", "x", "2020-06-01", "2020-06-10", ""), "dossier_id",
                 "one row per dossier", id="duplicate-id"),
    pytest.param(("b", "D9", "x", "2020-06-01", "2020-06-10", ""), "org_unit",
                 "listed in org_units.csv", id="unknown-unit"),
    pytest.param(("c", "D1", "x", "01/06/2020", "2020-06-10", ""), "received_on",
                 "write it as 2020-06-01", id="unparsable-date"),
    pytest.param(("d", "D1", "x", "2020-06-10", "2020-06-01", ""), "due_on",
                 "due date on or after the date received", id="due-before-receipt"),
    pytest.param(("e", "D1", "x", "2020-06-10", "2020-06-20", "2020-06-09"), "resolved_on",
                 "resolution on or after the date received", id="resolved-before-receipt"),
]


@pytest.mark.parametrize("row, column, fragment", DOSSIER_PROBLEMS)
def test_dossier_validation_names_file_line_and_column(make_dataset, row, column, fragment):
    rows = [("a", "D1", "x", "2020-06-01", "2020-06-10", ""), row]
    with pytest.raises(InputError) as caught:
        make_dataset(values=[("trained", "P", "2020-01", 1)], dossiers=dossiers_csv(rows))
    problem = next(p for p in caught.value.problems if p.file == "dossiers.csv")
    assert (problem.line, problem.column) == (3, column)
    assert fragment in str(problem)


def test_no_dossier_file_means_no_figures(make_dataset):
    dataset = make_dataset(values=[("trained", "P", "2020-01", 1)])
    assert compute_admin_procedures(dataset, "2020S1", "P") is None


NOTHING_IN_JUNE = [
    pytest.param([("a", "D2", "x", "2020-07-01", "2020-07-10", "2020-07-05")], "P",
                 id="a-period-before-any-dossier"),
    pytest.param([("a", "D2", "x", "2020-06-01", "2020-07-10", "")], "P",
                 id="received-but-none-resolved"),
    pytest.param([("a", "D2", "x", "2020-06-01", "2020-06-10", "2020-06-05")], "C1",
                 id="a-leaf-unit-with-no-dossiers-at-all"),
]


@pytest.mark.parametrize("rows, unit", NOTHING_IN_JUNE)
@pytest.mark.parametrize("by", ["procedure", "org_unit", "month"])
def test_breakdowns_without_resolved_dossiers_are_float_and_na(make_dataset, rows, unit, by):
    """Nothing resolved in June: shares and days are NaN in float columns, counts are integers."""
    dataset = make_dataset(values=[("trained", "P", "2020-01", 1)], dossiers=dossiers_csv(rows))
    table = admin_breakdown(dataset, "2020-06", unit, by)
    assert list(table.columns) == [by, "received", "carried_over", "resolved", "early", "on_time",
                                   "late", "pending", "pending_overdue", "early_pct",
                                   "on_time_pct", "late_pct", "mean_days", "median_days"]
    for column in ("early_pct", "on_time_pct", "late_pct", "mean_days", "median_days"):
        assert table[column].dtype == "float64", column
        assert table[column].isna().all(), column
    assert (table["resolved"] == 0).all() and table["resolved"].dtype == "int64"
    assert table.dropna(subset=["mean_days"]).nlargest(3, "mean_days").empty   # as the report ranks


def test_breakdown_mixes_figures_and_na(make_dataset):
    """Procedure x: one dossier resolved in 4 days; procedure y: one pending, no figure."""
    rows = [("a", "D1", "x", "2020-06-01", "2020-06-10", "2020-06-05"),
            ("b", "D1", "y", "2020-06-01", "2020-06-10", "")]
    dataset = make_dataset(values=[("trained", "P", "2020-01", 1)], dossiers=dossiers_csv(rows))
    table = admin_breakdown(dataset, "2020-06", "P", "procedure").set_index("procedure")
    assert table.loc["x", ["mean_days", "on_time_pct"]].tolist() == [4.0, 100.0]
    assert table.loc["y", ["mean_days", "on_time_pct"]].isna().all()
    assert table["mean_days"].dtype == "float64"
