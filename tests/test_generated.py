"""Generated data sets of other shapes than the sample: the briefing renders and its figures hold.

Hypothesis draws org trees (up to four levels, up to 60 children under one unit), catalogues
with every indicator kind (ratios of earlier indicators, weighted averages, cumulative counts,
signed flows with negative values), components, `down` indicators and up to 25 sectors, names
with markup and braces, values with gaps, quarters in place of months, own values at parents,
and plans that are zero, partial or missing. For each data set and a period of any kind:
- the briefing renders through the library with no error and no "nan" or "None";
- every indicator with anything to show for the unit is shown, the others are named in the notes;
- a flow's year to date is at least its period's value (unsigned values are non-negative);
- a unit whose figure is the sum of its children's equals that sum (flows, stocks, cumulative);
- a ratio is multiplier × numerator ÷ denominator of its parts' figures at the unit;
- attainment is 100 × year to date / plan wherever there is a plan other than 0.
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefing
from briefing.compute.quality import reported_mask
from conftest import targets_csv, values_csv, write_tables
from test_sweep import assert_numbered_in_order, assert_reads_cleanly, briefing_html, visible_text

PERIODS = ["2020-01", "2020-06", "2020-12", "2020Q1", "2020Q3", "2020S1", "2020S2", "2020",
           "2019Q4"]
NAME_PIECES = ["Đào tạo", "<b>nghề</b>", "A & B", "{value}", "$5$", "“trích”", "x" * 40,
               "Lao động", "'quote'", "100%"]


@st.composite
def org_trees(draw) -> list[tuple[str, str]]:
    """``(unit, parent)`` pairs, parents first: a root, then up to three more levels."""
    units = [("R", "")]
    level = ["R"]
    for depth in range(1, draw(st.integers(1, 4))):
        widest = 60 if depth == 1 else 3
        following = []
        for parent in level:
            for index in range(draw(st.integers(0 if depth > 1 else 1, widest))):
                unit = f"{parent}.{index}"
                units.append((unit, parent))
                following.append(unit)
            if len(units) > 90:
                break
        level = following or level
    return units


@st.composite
def catalogues(draw) -> list[dict]:
    count = draw(st.integers(1, 30))
    sectors = draw(st.integers(1, min(count, 25)))
    rows = []
    for index in range(count):
        kind = draw(st.sampled_from(["flow", "flow", "stock", "rate", "average", "ratio",
                                     "cumulative"]))
        parts = [r["indicator_id"] for r in rows if r["kind"] in ("flow", "stock", "cumulative")]
        if kind == "ratio" and not parts:
            kind = "flow"
        flows = [r for r in rows if r["kind"] == "flow" and not r["part_of"]]
        part_of = ""
        if kind == "flow" and flows and draw(st.booleans()):
            part_of = draw(st.sampled_from(flows))["indicator_id"]
        name = " ".join(draw(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=4)))
        rows.append({
            "indicator_id": f"i{index}", "sector": f"s{index % sectors}",
            "name_vi": f"{name} {index}", "name_en": f"{name} {index} en",
            "unit_vi": draw(st.sampled_from(["người", "%", "tỷ đồng", ""])), "unit_en": "units",
            "kind": kind, "direction": draw(st.sampled_from(["up", "up", "down"])),
            "decimals": draw(st.integers(0, 2)), "part_of": part_of,
            "numerator": draw(st.sampled_from(parts)) if kind == "ratio" else "",
            "denominator": draw(st.sampled_from(parts)) if kind == "ratio" else "",
            "multiplier": draw(st.sampled_from(["", "1000"])) if kind == "ratio" else "",
            "weight": draw(st.sampled_from(["", *parts])) if kind == "average" and parts else "",
            "signed": "yes" if kind == "flow" and not part_of and draw(st.integers(0, 4)) == 0 else "",
        })
    return rows


@st.composite
def data_sets(draw):
    tree = draw(org_trees())
    catalogue = draw(catalogues())
    parents = {p for _, p in tree if p}
    leaves = [u for u, _ in tree if u not in parents]
    values, targets = [], []
    for indicator in catalogue:
        kind = indicator["kind"]
        if kind == "ratio":   # made from its parts: no rows of its own
            continue
        reporting = leaves if kind != "rate" else [u for u, _ in tree]
        for unit in reporting:
            if not draw(st.booleans()):
                continue
            for year in (2019, 2020):
                quarterly = kind == "flow" and draw(st.integers(0, 4)) == 0
                last = draw(st.integers(1, 12))
                periods = [f"{year}Q{q}" for q in range(1, (last - 1) // 3 + 2)] if quarterly \
                    else [f"{year}-{m:02d}" for m in range(1, last + 1)]
                gaps = draw(st.sets(st.integers(0, len(periods) - 1), max_size=2))
                to_date = 0
                for position, period in enumerate(periods):
                    high = 100 if kind in ("rate", "average") else 5000
                    low = -50 if indicator["signed"] else 0
                    value = draw(st.integers(low, high))
                    to_date += value
                    if position not in gaps:   # a cumulative count reports its total to date
                        values.append((indicator["indicator_id"], unit, period,
                                       to_date if kind == "cumulative" else value))
            if draw(st.integers(0, 3)) == 0:
                targets.append((indicator["indicator_id"], unit, 2020,
                                draw(st.sampled_from([0, 1, 50, 10_000]))))
        if parents and kind != "rate" and draw(st.integers(0, 5)) == 0:
            parent = draw(st.sampled_from(sorted(parents)))
            values.append((indicator["indicator_id"], parent, "2020-01", draw(st.integers(0, 99))))
        if draw(st.integers(0, 3)) == 0 and (indicator["indicator_id"], "R") not in {
                (t[0], t[1]) for t in targets}:
            targets.append((indicator["indicator_id"], "R", 2020, draw(st.integers(0, 90_000))))
    if not values:  # the contract wants at least one row
        values.append((catalogue[0]["indicator_id"], leaves[0], "2020-01", 1))
    return tree, catalogue, values, targets


def write_data_set(folder: Path, tree, catalogue, values, targets) -> Path:
    columns = list(catalogue[0])
    indicators = "\n".join([",".join(columns)] + [
        ",".join('"' + str(row[c]).replace('"', '""') + '"' for c in columns) for row in catalogue])
    org_units = "\n".join(["org_unit,name_vi,name_en,parent"]
                          + [f"{u},Đơn vị <{u}>,Unit {u},{p}" for u, p in tree])
    return write_tables(folder, indicators=indicators + "\n", org_units=org_units + "\n",
                        values=values_csv(values), targets=targets_csv(targets))


#: More examples for a hunt: BRIEFING_EXAMPLES=500 pytest tests/test_generated.py
EXAMPLES = int(os.environ.get("BRIEFING_EXAMPLES", "20"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(data=data_sets(), period=st.sampled_from(PERIODS), lang=st.sampled_from(["vi", "en"]),
       pick=st.integers(0, 10_000))
def test_generated_data_sets_render_and_hold_their_invariants(data, period, lang, pick):
    tree, catalogue, values, targets = data
    with tempfile.TemporaryDirectory() as folder:
        dataset = briefing.load_dataset(write_data_set(Path(folder), tree, catalogue, values,
                                                       targets))
    units = [u for u, _ in tree]
    unit = units[pick % len(units)]
    report = briefing.prepare_report(dataset, period, unit, lang)
    text = visible_text(briefing_html(report))
    assert_reads_cleanly(text.replace("{value}", ""))
    assert_numbered_in_order(text, lang)
    metrics = report.metrics
    notes = visible_text(report.quality_notes())
    for name in metrics.loc[reported_mask(metrics), "name"]:
        assert name in text
    for name in metrics.loc[~reported_mask(metrics), "name"]:
        assert name in notes
    assert_figures_hold(dataset, period, unit)


def assert_figures_hold(dataset, period, unit) -> None:
    metrics = dataset.metrics(period, unit)
    signed = set(dataset.indicators.loc[dataset.indicators["signed"], "indicator_id"])
    flows = metrics[(metrics["kind"] == "flow") & metrics["value"].notna()
                    & ~metrics["indicator_id"].isin(signed)]
    assert (flows["ytd_value"] >= flows["value"] - 1e-9).all()
    planned = metrics[metrics["target"].notna() & (metrics["target"] != 0)
                      & metrics["ytd_value"].notna()]
    expected = 100 * planned["ytd_value"] / planned["target"]
    assert np.allclose(planned["attainment_pct"], expected)
    children = dataset.tree.children(unit)
    if children:
        below = dataset.compare_units(period, unit)
        summed = metrics["kind"].isin(["flow", "stock", "cumulative"])
        for _, row in metrics[(metrics["source"] == "children") & summed].iterrows():
            parts = below.loc[below["indicator_id"] == row["indicator_id"], "value"]
            assert math.isclose(row["value"], parts.sum(skipna=True), rel_tol=1e-9), row
    # A ratio is its parts' figures put together, at every unit: multiplier × numerator ÷ denominator.
    by_id = metrics.set_index("indicator_id")
    for row in dataset.indicators[dataset.indicators["kind"] == "ratio"].itertuples():
        numerator = by_id.loc[row.numerator, "value"]
        denominator = by_id.loc[row.denominator, "value"]
        if not (math.isnan(numerator) or math.isnan(denominator) or denominator == 0):
            assert math.isclose(by_id.loc[row.indicator_id, "value"],
                                row.multiplier * numerator / denominator, rel_tol=1e-9)
        else:
            assert math.isnan(by_id.loc[row.indicator_id, "value"])

