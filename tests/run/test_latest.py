"""``--period latest…``: the newest period whose months are all complete, and why not a newer one."""

import pytest

from briefing.errors import ParamsError
from briefing.run.latest import choose_latest, resolve_period
from briefing.run.params import build_params
from conftest import INDICATORS, ORG_UNITS, SAMPLE, months_rows, run_briefing, values_csv, write_tables


def across_the_new_year():
    """trained by both districts and members by the province, October 2019 to January 2020;
    January lacks the province's members."""
    return (months_rows("trained", "D1", 2019, [4, 5, 6], first=10) + [("trained", "D1", "2020-01", 7)]
            + months_rows("trained", "D2", 2019, [1, 1, 2], first=10) + [("trained", "D2", "2020-01", 3)]
            + months_rows("members", "P", 2019, [89, 90, 91], first=10))


@pytest.mark.parametrize("asked, chosen", [("latest", "2019-12"), ("latest-month", "2019-12"),
                                            ("latest-quarter", "2019Q4")])
def test_a_missing_january_sends_the_choice_back_over_the_year_boundary(make_dataset, asked, chosen):
    choice = choose_latest(make_dataset(values=across_the_new_year()), asked, ["P"])
    assert choice.period.key == chosen


def test_the_choice_says_what_was_chosen_and_why_nothing_newer(make_dataset):
    choice = choose_latest(make_dataset(values=across_the_new_year()), "latest", ["P"])
    assert choice.describe() == [
        "--period latest: 2019-12, the newest month complete for P",
        "  newer, not complete: 2020-01: 1 of 2 indicators has no value for P: members",
    ]


def test_a_quarter_whose_last_month_is_missing_is_passed_over(make_dataset):
    values = (months_rows("trained", "D1", 2020, [5] * 6) + months_rows("trained", "D2", 2020, [3] * 5)
              + months_rows("members", "P", 2020, [90] * 6))
    dataset = make_dataset(values=values)
    quarter = choose_latest(dataset, "latest-quarter", ["P"])
    assert quarter.period.key == "2020Q1"
    assert quarter.passed == (("2020Q2", "2020-06: 1 of 2 indicators has no value for P: trained (D2)"),)
    assert choose_latest(dataset, "latest", ["P"]).period.key == "2020-05"


def test_no_complete_period_of_the_kind_is_a_clear_error(make_dataset):
    dataset = make_dataset(values=months_rows("trained", "P", 2020, [5] * 6))
    with pytest.raises(ParamsError) as raised:
        choose_latest(dataset, "latest-year", ["P"])
    assert str(raised.value) == ("--period latest-year: no year of the data is complete for P: "
                                 "2020: the data ends at 2020-06; 2019: the data starts at 2020-01")


@pytest.mark.parametrize("asked, chosen", [("latest", "2020-04"), ("latest-quarter", "2020Q1"),
                                            ("latest-half", "2019S2"), ("latest-year", "2019")])
def test_the_sample_s_latest_complete_periods(asked, chosen):
    from briefing.inputs.dataset import read_dataset

    assert choose_latest(read_dataset(SAMPLE), asked, ["baclieu"]).period.key == chosen


def test_a_district_s_run_takes_the_period_complete_for_its_province(make_dataset):
    dataset = make_dataset(values=months_rows("trained", "D1", 2020, [5] * 3)
                           + months_rows("trained", "D2", 2020, [3] * 2))
    params = build_params({"data": "d", "period": "latest", "unit": "D1"})
    resolved, choice = resolve_period(params, dataset)
    assert (resolved.period, resolved.unit, choice.roots) == ("2020-02", "D1", ("P",))
    assert resolve_period(build_params({"data": "d", "period": "2020Q1"}), dataset) == \
        (build_params({"data": "d", "period": "2020Q1"}), None)


def test_without_a_tree_every_unit_is_a_root_and_each_must_be_complete(make_dataset):
    dataset = make_dataset(values=months_rows("trained", "A", 2020, [5] * 3)
                           + months_rows("trained", "B", 2020, [3] * 2), org_units=None)
    params = build_params({"data": "d", "period": "latest"})
    assert resolve_period(params, dataset)[0].period == "2020-02"
    assert resolve_period(params, dataset, units=["A"])[0].period == "2020-03"


@pytest.mark.parametrize("written, kept", [("latest", "latest"), ("Latest-Half", "latest-half"),
                                           (" latest-year ", "latest-year")])
def test_params_keep_the_latest_words_until_the_data_is_read(written, kept):
    assert build_params({"data": "d", "period": written}).period == kept


def test_an_unknown_period_word_names_the_latest_words():
    with pytest.raises(ParamsError, match="or latest, latest-month, latest-quarter, latest-half, "
                                          "latest-year"):
        build_params({"data": "d", "period": "newest"})


def test_validate_says_which_period_latest_means(tmp_path):
    result = run_briefing("validate", "--data", SAMPLE, "--period", "latest-quarter")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == \
        "--period latest-quarter: 2020Q1, the newest quarter complete for baclieu"
    assert "2020Q2: 2020-06: 2 of 26 indicators have no value for baclieu: si_participants " \
           "(7 units), ui_participants; 2020-05: 1 of 26 indicators has no value for baclieu: " \
           "inspections (hongdan)" in result.stderr
    assert "briefing (vi) for baclieu, 2020Q1 -> outputs/2020Q1/baclieu" in result.stdout
    write_tables(tmp_path / "data", indicators=INDICATORS, org_units=ORG_UNITS,
                 values=values_csv(months_rows("trained", "D1", 2020, [5, 6])))
    params = tmp_path / "month-end.yaml"
    params.write_text("data: data\nperiod: latest-year\nunit: D1\n", encoding="utf-8")
    refused = run_briefing("validate", params)
    assert refused.returncode == 2
    assert "no year of the data is complete for P: 2020: the data ends at 2020-02" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_data_given_by_year_only_has_a_latest_year(make_dataset):
    """Nothing is reported month by month (an SDMX file of annual figures): every month waits for nothing."""
    dataset = make_dataset(values=[("trained", "P", "2019", 40), ("trained", "P", "2020", 45)])
    assert choose_latest(dataset, "latest-year", ["P"]).period.key == "2020"
