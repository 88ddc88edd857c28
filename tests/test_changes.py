"""Changes since the last briefing, from the previous report's metrics file."""

import pandas as pd

from briefing.changes import compare_with_last_briefing, describe_changes, previous_metrics_path
from briefing.periods import parse_period


def test_previous_period_of_each_kind():
    assert [parse_period(p).previous().key for p in ("2020-01", "2020Q1", "2020Q3", "2020S1", "2020")] \
        == ["2019-12", "2019Q4", "2020Q2", "2019S2", "2019"]
    assert previous_metrics_path("out", "2020Q2", "P", "vi").as_posix() == "out/2020Q1/P/metrics.vi.json"


def test_status_changes_come_first_then_the_largest_movements():
    now = pd.DataFrame({"indicator_id": ["a", "b", "c"], "attainment_pct": [60.0, 30.0, 50.0],
                        "status": ["on_track", "behind", "on_track"]})
    previous = {"period": "2020Q1", "indicators": [
        {"indicator_id": "a", "attainment_pct": 20.0, "status": "on_track"},
        {"indicator_id": "b", "attainment_pct": 25.0, "status": "at_risk"},
        {"indicator_id": "c", "attainment_pct": None, "status": None}]}
    changes = compare_with_last_briefing(now, previous)
    assert list(changes["indicator_id"]) == ["b", "c", "a"]
    assert changes.set_index("indicator_id").loc["a", "attainment_change"] == 40
    lines = describe_changes(changes, {"a": "A", "b": "B", "c": "C"}, "vi")
    assert lines == ["B: từ 25,0% lên 30,0% kế hoạch năm (+5,0 điểm %); đánh giá chuyển từ "
                     "“Có nguy cơ chậm” sang “Chậm tiến độ”.",
                     "A: từ 20,0% lên 60,0% kế hoạch năm (+40,0 điểm %)."]
    assert now["attainment_pct"].tolist() == [60.0, 30.0, 50.0], "input unchanged"
