"""The bundled sample: its first-half figures against sums computed here from the raw CSV."""

import csv
from collections import defaultdict

import pytest

import briefing
from conftest import ROOT, SAMPLE


@pytest.fixture(scope="module")
def sample():
    return briefing.load_dataset(SAMPLE)


@pytest.fixture(scope="module")
def raw_rows():
    with open(SAMPLE / "values.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def catalogue():
    with open(SAMPLE / "indicators.csv", encoding="utf-8") as handle:
        return {r["indicator_id"]: r for r in csv.DictReader(handle)}


def independent_half_year_sums(rows, year):
    """Sum of January–June month rows per indicator over all org units, by plain Python."""
    sums = defaultdict(float)
    for r in rows:
        if r["period"] in {f"{year}-{m:02d}" for m in range(1, 7)}:
            sums[r["indicator_id"]] += float(r["value"])
    return sums


@pytest.mark.parametrize("year", [2019, 2020])
def test_first_half_flows_equal_independent_sums(sample, raw_rows, catalogue, year):
    sums = independent_half_year_sums(raw_rows, year)
    metrics = sample.metrics(f"{year}S1", "baclieu").set_index("indicator_id")
    monthly_flows = [i for i, c in catalogue.items() if c["kind"] == "flow" and i in sums]
    assert len(monthly_flows) >= 15
    for indicator in monthly_flows:
        flags = metrics.loc[indicator, "flags"]
        if "incomplete" in flags:
            continue
        assert metrics.loc[indicator, "value"] == pytest.approx(sums[indicator]), indicator


def test_reference_page_figures_come_out_of_raw_rows(sample):
    metrics = sample.metrics("2020S1", "baclieu").set_index("indicator_id")
    expected = {
        "voc_trained": 18050, "voc_trained.elementary": 2398, "voc_trained.short": 2772,
        "voc_trained.apprentice": 5262, "voc_trained.partnership": 7618,
        "jobs_created": 11461, "labour_export": 79, "ui_claims": 2561, "ui_paid": 30.847,
        "si_participants": 37652, "ui_participants": 31882, "merit_regular": 10327,
        "merit_one_off": 515, "merit_health_cards": 28162, "merit_home_care": 2884,
        "poor_health_cards": 116718, "poverty_fund": 20.9, "poor_households_supported": 2058,
        "social_assistance": 29511, "children_supported": 3450, "children_health_cards": 75739,
        "fatal_accidents": 2, "citizens_received": 157, "complaints_received": 16,
    }
    for indicator, value in expected.items():
        assert metrics.loc[indicator, "value"] == pytest.approx(value), indicator
    assert round(metrics.loc["voc_trained", "attainment_pct"], 1) == 56.4
    assert round(metrics.loc["jobs_created", "attainment_pct"], 2) == 63.67
    assert round(metrics.loc["jobs_created", "change_pct"], 2) == -20.23
    assert round(metrics.loc["labour_export", "change_pct"], 1) == -52.1
    assert metrics.loc["ui_claims", "change_abs"] == 950
    assert metrics.loc["si_participants", "change_abs"] == -53
    assert metrics.loc["si_participants", "as_of"] == "2020-05"
    assert metrics.loc["ui_participants", "change_abs"] == 903


def test_sample_shape_matches_the_issue(sample, catalogue):
    assert len(sample.indicators) >= 20 and sample.indicators["sector"].nunique() >= 4
    assert 6 <= len(sample.tree.children("baclieu")) <= 9
    assert {"flow", "stock", "rate"} <= set(sample.indicators["kind"])
    assert "down" in set(sample.indicators["direction"])
    assert (sample.indicators["part_of"] != "").any()
    metrics = sample.metrics("2020S1", "baclieu")
    assert (metrics["source"] == "children").any()   # roll-up matters
    months = [p for p in sample.periods if "-" in p]
    assert months[0] == "2018-01" and months[-1] == "2020-06"


def test_workbook_holds_the_same_data(sample):
    workbook = briefing.load_dataset(ROOT / "data" / "sample.xlsx")
    a = sample.metrics("2020S1", "baclieu")
    b = workbook.metrics("2020S1", "baclieu")
    assert a.drop(columns="flags").equals(b.drop(columns="flags"))
    assert list(a["flags"]) == list(b["flags"])
    assert [f.name for f in workbook.inputs] == ["sample.xlsx"]
    assert workbook.inputs[0].rows["values"] == len(sample.values)


def test_every_unit_and_period_computes(sample):
    for period in ("2020S1", "2020Q2", "2020-06", "2019", "2019S2"):
        frame = sample.compare_units(period, "baclieu")
        assert len(frame) == len(sample.indicators) * 7
