"""District comparison: key indicators, leaders and laggers."""

import pandas as pd

from briefing.comparison import describe_leaders, key_indicators, leader_and_lagger


def rows(direction="up"):
    return pd.DataFrame({
        "indicator_id": ["jobs"] * 3, "part_of": [""] * 3, "name": ["Jobs"] * 3,
        "unit": ["people"] * 3, "decimals": [0] * 3, "direction": [direction] * 3,
        "unit_name": ["North", "South", "East"], "value": [50.0, 80.0, 65.0],
        "attainment_pct": [50.0, 80.0, 65.0],
    })


def test_leader_is_the_highest_attainment_and_lagger_the_lowest():
    leader, lagger = leader_and_lagger(rows(), "attainment_pct")
    assert (leader["unit_name"], lagger["unit_name"]) == ("South", "North")
    assert describe_leaders(rows(), "attainment_pct", "en") == (
        "Jobs: South leads with 80 people, 80.0% of its annual plan; North lags with 50 people, 50.0%.")


def test_for_a_ceiling_the_lowest_is_best():
    leader, lagger = leader_and_lagger(rows("down"), "attainment_pct")
    assert (leader["unit_name"], lagger["unit_name"]) == ("North", "South")


def test_key_indicators_fall_back_to_values_without_plans():
    frame = rows().assign(attainment_pct=float("nan"))
    assert key_indicators(frame) == (["jobs"], "value")
    assert describe_leaders(frame, "value", "vi") == "Jobs: cao nhất là South (80 people); thấp nhất là North (50 people)."
