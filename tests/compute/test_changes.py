"""Changes since the last briefing, from the previous report's metrics file."""

import pandas as pd

from briefing.compute.changes import compare_with_last_briefing
from briefing.periods import parse_period
from briefing.render.narrative import describe_changes
from briefing.run.layout import previous_metrics_path


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


# --- issue 13: a malformed previous report is named in the briefing, never a crash ------------

import json  # noqa: E402

import pytest  # noqa: E402

from conftest import months_rows  # noqa: E402

GOOD_INDICATOR = {"indicator_id": "trained", "attainment_pct": 20.0, "status": "on_track"}


def previous_document(**changes):
    document = {"period": "2019S2", "org_unit": "P", "indicators": [dict(GOOD_INDICATOR)]}
    document.update(changes)
    return json.dumps(document)


def with_indicator(**changes):
    item = dict(GOOD_INDICATOR)
    item.update(changes)
    for key in [k for k, v in changes.items() if v is ...]:
        del item[key]
    return previous_document(indicators=[item])


@pytest.mark.parametrize("content, reason", [
    ("[]", "expected a JSON object, found a list"),
    ("{}", "no period"),
    ("{", "not readable as JSON"),
    (b"\xff\xfe{}", "not readable as JSON"),
    ("[" * 100_000, "not readable as JSON"),
    (previous_document(period="2019W05"), "period '2019W05' is not a period"),
    (previous_document(period=2019), "period 2019 is not a period"),
    (previous_document(indicators={"trained": 1}), "no list of indicators"),
    (previous_document(indicators=["trained"]), "indicator 1: not an object"),
    (with_indicator(status=...), "indicator 1: no status"),
    (with_indicator(indicator_id=..., attainment_pct=...), "no indicator_id, attainment_pct"),
    (with_indicator(status="great"), "status 'great' is not one of achieved, on_track"),
    (with_indicator(attainment_pct="abc"), "attainment_pct 'abc' is not a number"),
    (with_indicator(attainment_pct=True), "attainment_pct true is not a number"),
    (with_indicator(indicator_id=7), "indicator_id 7 is not a new id"),
    (previous_document(indicators=[GOOD_INDICATOR, GOOD_INDICATOR]), "indicator 2: indicator_id"),
])
def test_a_malformed_previous_report_is_named_in_the_changes_section(make_dataset, tmp_path,
                                                                    content, reason):
    from briefing.render.reports.briefing import prepare_report

    previous = tmp_path / "out" / "2019S2" / "P" / "metrics.vi.json"
    previous.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        previous.write_bytes(content)
    else:
        previous.write_text(content, encoding="utf-8")
    dataset = make_dataset(values=months_rows("trained", "P", 2020, [10] * 6),
                           targets=[("trained", "P", 2020, 120)])
    report = prepare_report(dataset, "2020S1", "P", "vi", previous_metrics=previous)
    assert reason in report.previous_problem.reason
    section = str(report.changes_since_last())
    assert "Thay đổi so với báo cáo kỳ trước (6 tháng cuối năm 2019)" in section
    assert "Không đọc được tệp số liệu của báo cáo kỳ trước (2019S2/P/metrics.vi.json)" in section
    assert "Đào tạo nghề" in str(report.sector_sections())


def test_a_well_formed_previous_report_is_compared(make_dataset, tmp_path):
    from briefing.render.reports.briefing import prepare_report

    previous = tmp_path / "metrics.en.json"
    previous.write_text(previous_document(), encoding="utf-8")
    dataset = make_dataset(values=months_rows("trained", "P", 2020, [10] * 6),
                           targets=[("trained", "P", 2020, 120)])
    report = prepare_report(dataset, "2020S1", "P", "en", previous_metrics=previous)
    assert report.previous_problem is None
    assert "Vocational training: up from 20.0% to 50.0%" in str(report.changes_since_last())
