"""Properties of the core that hold for any valid data (hypothesis draws the data).

- flows summed by month equal the total of any longer period;
- a parent with no values of its own equals the sum of its children;
- a flow missing months is the sum of the months present, flagged incomplete;
- formatted numbers read back as the half-up rounded value, in both languages;
- whatever a cell or an argument holds, the toolkit answers or raises its own error.
"""

from __future__ import annotations

import csv
import io
import tempfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefing
from briefing.errors import BriefingError, InputError
from briefing.render.formatting import format_number, format_percent, round_half_up
from conftest import INDICATORS

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PERIODS_OF_YEAR = ([f"-{m:02d}" for m in range(1, 13)] + [f"Q{q}" for q in range(1, 5)]
                   + ["S1", "S2", ""])


def months_of(suffix: str) -> range:
    if suffix == "":
        return range(1, 13)
    if suffix.startswith("-"):
        return range(int(suffix[1:]), int(suffix[1:]) + 1)
    length = 3 if suffix[0] == "Q" else 6
    number = int(suffix[1:])
    return range((number - 1) * length + 1, number * length + 1)


def load(values: str, org_units: str, indicators: str = INDICATORS, **extra: str):
    """Write the tables to a fresh folder and load them (hypothesis runs many examples per test)."""
    with tempfile.TemporaryDirectory() as folder:
        tables = {"indicators": indicators, "org_units": org_units, "values": values} | extra
        for name, text in tables.items():
            Path(folder, f"{name}.csv").write_text(text, encoding="utf-8")
        return briefing.load_dataset(folder)


def tree(children: int) -> str:
    return "org_unit,name_vi,name_en,parent\nP,Tỉnh,Province,\n" + "".join(
        f"D{i},Huyện {i},District {i},P\n" for i in range(1, children + 1))


@st.composite
def monthly_flows(draw):
    """A year of monthly counts of ``trained`` for 1-5 districts of province P."""
    year = draw(st.integers(1990, 2090))
    children = draw(st.integers(1, 5))
    counts = {(f"D{d}", m): draw(st.integers(0, 10**9))
              for d in range(1, children + 1) for m in range(1, 13)}
    return year, children, counts


def flows_csv(year: int, counts: dict) -> str:
    return "indicator_id,org_unit,period,value\n" + "".join(
        f"trained,{unit},{year}-{month:02d},{count}\n" for (unit, month), count in counts.items())


def value_of(dataset, period: str, unit: str):
    metrics = dataset.metrics(period, unit)
    return metrics.set_index("indicator_id").loc["trained"]


@SETTINGS
@given(monthly_flows(), st.sampled_from(PERIODS_OF_YEAR))
def test_flows_summed_by_month_equal_the_period_total(flows, suffix):
    year, children, counts = flows
    dataset = load(flows_csv(year, counts), tree(children))
    period = f"{year}{suffix}"
    for unit in [f"D{d}" for d in range(1, children + 1)]:
        expected = sum(counts[unit, m] for m in months_of(suffix))
        assert value_of(dataset, period, unit)["value"] == expected


@SETTINGS
@given(monthly_flows(), st.sampled_from(PERIODS_OF_YEAR))
def test_roll_up_of_children_equals_the_parent(flows, suffix):
    year, children, counts = flows
    dataset = load(flows_csv(year, counts), tree(children))
    period = f"{year}{suffix}"
    parent = value_of(dataset, period, "P")
    assert parent["value"] == sum(value_of(dataset, period, f"D{d}")["value"]
                                  for d in range(1, children + 1))
    assert "incomplete" not in parent["flags"]


@SETTINGS
@given(st.integers(2000, 2030), st.dictionaries(st.integers(1, 12), st.integers(0, 10**6),
                                                min_size=1, max_size=12))
def test_a_flow_missing_months_sums_those_present_and_says_so(year, present):
    values = "indicator_id,org_unit,period,value\n" + "".join(
        f"trained,D1,{year}-{month:02d},{count}\n" for month, count in present.items())
    row = value_of(load(values, tree(1)), str(year), "D1")
    assert row["value"] == sum(present.values())
    assert ("incomplete" in row["flags"]) == (len(present) < 12)


def read_back(text: str, lang: str) -> Decimal:
    """A formatted number read back the way a reader of that language reads it."""
    thousands, decimal = (".", ",") if lang == "vi" else (",", ".")
    return Decimal(text.replace(thousands, "").replace(decimal, "."))


NUMBERS = st.decimals(min_value=-10**12, max_value=10**12, allow_nan=False, places=4)


@settings(max_examples=300, deadline=None)
@given(NUMBERS, st.sampled_from(["vi", "en"]), st.integers(0, 3))
def test_formatted_numbers_read_back_as_the_rounded_value(number, lang, decimals):
    text = format_number(float(number), lang, decimals)
    assert read_back(text, lang) == round_half_up(float(number), decimals)
    whole = text.lstrip("-").split("," if lang == "vi" else ".")[0]
    groups = whole.split("." if lang == "vi" else ",")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=1000, allow_nan=False, places=3), st.sampled_from(["vi", "en"]))
def test_percentages_read_back_with_one_decimal(share, lang):
    text = format_percent(float(share), lang)
    assert text.endswith("%")
    assert read_back(text[:-1], lang) == round_half_up(float(share), 1)


# --- nothing but the toolkit's own errors --------------------------------------------------

ANY_CELL = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@SETTINGS
@given(st.lists(st.tuples(ANY_CELL, ANY_CELL, ANY_CELL, ANY_CELL), min_size=1, max_size=6))
def test_any_cells_in_values_load_or_raise_the_input_error(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["indicator_id", "org_unit", "period", "value"])
    writer.writerows(rows)
    try:
        load(buffer.getvalue(), tree(2))
    except InputError as error:
        assert error.problems and all(p.file == "values.csv" for p in error.problems)


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_as_a_file_loads_or_raises_the_input_error(text):
    try:
        load(text, tree(2))
    except InputError:
        pass


VALID_VALUES = ("indicator_id,org_unit,period,value\n"
                + "".join(f"trained,D1,2020-{m:02d},{m}\n" for m in range(1, 13))
                + "members,D1,2020-05,7\npoverty,P,2020Q2,3.1\n")


@pytest.fixture(scope="module")
def valid_dataset():
    return load(VALID_VALUES, tree(2), targets="indicator_id,org_unit,year,target\ntrained,P,2020,100\n")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(period=st.one_of(ANY_CELL, st.integers(-10**6, 10**6), st.sampled_from(
           ["2020", "2020S1", "2020Q4", "2020-02", "1900-01", "9999S2", "2020-00"])),
       unit=st.one_of(st.none(), ANY_CELL, st.sampled_from(["P", "D1", "D2"])))
def test_metric_functions_answer_or_raise_the_domain_error(valid_dataset, period, unit):
    try:
        result = valid_dataset.metrics(period, unit)
    except BriefingError:
        return
    assert isinstance(result, pd.DataFrame) and list(result["indicator_id"])
