"""The administrative-procedures parts of reports, end to end on the sample data."""

import csv
import json

import pytest

from briefing.render.formatting import format_percent
from conftest import (
    INDICATORS,
    ORG_UNITS,
    SAMPLE,
    dossiers_csv,
    render_sample,
    run_briefing,
    visible_text,
    write_tables,
)

pytestmark = pytest.mark.slow


def independent_counts(first="2020-01-01", last="2020-06-30"):
    """The widget's figures for the whole province, counted here from the CSV rows."""
    with open(SAMPLE / "dossiers.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    inside = lambda day: day and first <= day <= last  # noqa: E731
    resolved = [r for r in rows if inside(r["resolved_on"])]
    return {
        "received": sum(1 for r in rows if inside(r["received_on"])),
        "resolved": len(resolved),
        "early": sum(1 for r in resolved if r["resolved_on"] < r["due_on"]),
        "on_time": sum(1 for r in resolved if r["resolved_on"] <= r["due_on"]),
        "late": sum(1 for r in resolved if r["resolved_on"] > r["due_on"]),
    }


def dotted(n):
    return f"{n:,}".replace(",", ".")


def test_briefing_shows_the_widget_with_correct_figures_in_both_languages(sample_reports):
    counts = independent_counts()
    vi = visible_text(sample_reports / "2020S1/baclieu/briefing.vi.html")
    assert (f"Tiếp nhận {dotted(counts['received'])} Giải quyết {dotted(counts['resolved'])} "
            f"Trước hạn {dotted(counts['early'])} "
            f"{format_percent(100 * counts['early'] / counts['resolved'], 'vi')}") in vi
    assert f"trễ hạn {counts['late']} hồ sơ" in vi
    en = visible_text(sample_reports / "2020S1/baclieu/briefing.en.html")
    assert f"Received {counts['received']:,} Resolved {counts['resolved']:,}" in en
    metrics = json.loads((sample_reports / "2020S1/baclieu/metrics.vi.json").read_text())
    admin = metrics["admin_procedures"]
    assert list(admin) == ["received", "carried_over", "resolved", "early", "on_time", "late",
                           "pending", "pending_overdue", "early_pct", "on_time_pct", "late_pct"]
    assert {k: admin[k] for k in counts} == counts
    assert admin["late_pct"] == pytest.approx(100 * counts["late"] / counts["resolved"])


@pytest.fixture(scope="module")
def admin_reports(tmp_path_factory):
    return render_sample(tmp_path_factory.mktemp("admin"), "admin_procedures")


def test_admin_notebook_renders_every_section(admin_reports):
    text = visible_text(admin_reports / "admin_procedures.vi.html")
    for phrase in ("Tình hình giải quyết thủ tục hành chính 6 tháng đầu năm 2020",
                   "I. Kết quả chung", "II. Kết quả theo thủ tục hành chính",
                   "III. Kết quả theo đơn vị", "IV. Hồ sơ quá hạn chưa giải quyết",
                   "Các thủ tục có thời gian giải quyết bình quân dài nhất",
                   "Giải quyết hưởng trợ cấp thất nghiệp", "Huyện Hồng Dân", "Số ngày quá hạn"):
        assert phrase in text, phrase
    assert (admin_reports / "metrics.vi.json").exists()
    english = visible_text(admin_reports / "admin_procedures.en.html")
    assert "By procedure" in english and "Overdue dossiers not yet resolved" in english


def test_overdue_list_matches_the_records(admin_reports):
    with open(SAMPLE / "dossiers.csv", encoding="utf-8") as handle:
        overdue = [r for r in csv.DictReader(handle) if r["received_on"] <= "2020-06-30"
                   and (not r["resolved_on"] or r["resolved_on"] > "2020-06-30")
                   and r["due_on"] < "2020-06-30"]
    text = visible_text(admin_reports / "admin_procedures.vi.html")
    assert overdue and all(r["dossier_id"] in text for r in overdue)


def test_without_dossiers_the_briefing_leaves_the_section_out_and_the_notebook_refuses(tmp_path):
    values = "indicator_id,org_unit,period,value\ntrained,P,2020-01,5\n"
    data = write_tables(tmp_path / "data", indicators=INDICATORS, org_units=ORG_UNITS, values=values)
    refused = run_briefing("run", "--data", data, "--period", "2020S1", "--notebook",
                           "admin_procedures", "--out", tmp_path / "out")
    assert refused.returncode == 2
    assert "notebook admin_procedures needs dossiers.csv" in refused.stderr
    assert not (tmp_path / "out" / "2020S1" / "P").exists()


#: One dossier of D2, received and resolved in July 2020.
JULY_ONLY = [("a", "D2", "x", "2020-07-01", "2020-07-10", "2020-07-05")]
NOTHING = {
    "vi": "Trong tháng 6/2020, không tiếp nhận và không giải quyết hồ sơ thủ tục hành chính nào; "
          "không còn hồ sơ đang giải quyết.",
    "en": "In June 2020, no administrative dossier was received or resolved, and none is pending.",
}
NOTHING_CASES = [
    pytest.param(JULY_ONLY, "2020-06", "P", id="a-period-before-any-dossier"),
    pytest.param(JULY_ONLY, "2020-06", "C1", id="a-leaf-unit-with-no-dossiers-at-all"),
]


@pytest.fixture
def with_dossiers(make_dataset):
    return lambda rows: make_dataset(values=[("trained", "P", "2020-01", 1)],
                                     dossiers=dossiers_csv(rows))


def admin_report_text(dataset, period, unit, lang):
    """Every block of the administrative-procedures report, as a reader sees it."""
    import briefing

    report = briefing.prepare_admin_report(dataset, period, unit, lang)
    return visible_text("".join([report.header(), report.summary(), report.by_procedure(),
                                 report.by_unit(), report.overdue_list()]))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("rows, period, unit", NOTHING_CASES)
def test_a_period_with_no_dossiers_says_so_plainly(with_dossiers, rows, period, unit, lang):
    import briefing

    dataset = with_dossiers(rows)
    deep = admin_report_text(dataset, period, unit, lang)
    assert NOTHING[lang] in deep
    assert "0 hồ sơ" not in deep and " 0 administrative" not in deep
    section = visible_text(briefing.prepare_report(dataset, period, unit, lang).admin_procedures())
    assert NOTHING[lang] in section


def test_received_but_none_resolved_renders_without_days_or_shares(with_dossiers):
    """One dossier received in June and still pending: no mean days to rank, no shares."""
    dataset = with_dossiers([("a", "D2", "thủ tục x", "2020-06-01", "2020-07-10", "")])
    text = admin_report_text(dataset, "2020-06", "P", "vi")
    assert ("Trong tháng 6/2020, tiếp nhận 1 hồ sơ thủ tục hành chính (chuyển từ kỳ trước 0 hồ sơ), "
            "chưa giải quyết xong hồ sơ nào; còn 1 hồ sơ đang giải quyết") in text
    assert "thời gian giải quyết bình quân dài nhất" not in text
    assert "thủ tục x 1 0 0 0 0 — — 1 0" in text      # received ... on-time share, mean days ...


#: The reference page's widget: received 298, resolved 283, early 270, on time 283, late 0.
REFERENCE_FIGURES = {"received": 298, "carried_over": 0, "resolved": 283, "early": 270,
                     "on_time": 283, "late": 0, "pending": 15, "pending_overdue": 0,
                     "early_pct": 100 * 270 / 283, "on_time_pct": 100.0, "late_pct": 0.0}


@pytest.mark.parametrize("lang, early, on_time, late", [
    ("vi", "95,4%", "100,0%", "0,0%"),      # 270 / 283 = 95.41 %
    ("en", "95.4%", "100.0%", "0.0%"),
])
def test_widget_and_sentence_show_the_same_shares(lang, early, on_time, late):
    from briefing.periods import parse_period
    from briefing.render.reports.admin import describe_admin, widget_html

    widget = visible_text(widget_html(REFERENCE_FIGURES, lang))
    sentence = describe_admin(REFERENCE_FIGURES, parse_period("2020S1"), lang)
    for share in (early, on_time, late):
        assert share in widget and share in sentence, share


def bars_by_label(figure) -> dict:
    """``{legend label: [(x centre, width, bottom, height), ...]}`` of every bar series."""
    axes = figure.axes[0]
    return {container.get_label(): [(round(p.get_x() + p.get_width() / 2, 6), p.get_width(),
                                     p.get_y(), p.get_height()) for p in container]
            for container in axes.containers}


@pytest.mark.parametrize("lang, on_time, early, late", [
    ("vi", "Đúng hạn (kể cả trước hạn)", "Trong đó: trước hạn", "Trễ hạn"),
    ("en", "On time (including early)", "of which early", "Late"),
])
def test_monthly_chart_counts_early_inside_on_time_as_the_sentence_does(
        with_dossiers, lang, on_time, early, late):
    """May: 2 early, 1 on the due date. June: 1 early, 1 late.

    On time (early included) is 3 in May and 1 in June; early 2 and 1 is drawn inside it;
    late 0 and 1 sits on top, so each column is as tall as the resolved dossiers (3, 2).
    """
    from briefing.compute import admin as ap
    from briefing.render.charts import timeliness_chart

    dataset = with_dossiers([("a", "D1", "x", "2020-05-01", "2020-05-20", "2020-05-10"),
                             ("b", "D1", "x", "2020-05-01", "2020-05-20", "2020-05-19"),
                             ("c", "D1", "x", "2020-05-01", "2020-05-20", "2020-05-20"),
                             ("d", "D1", "x", "2020-06-01", "2020-06-20", "2020-06-02"),
                             ("e", "D1", "x", "2020-06-01", "2020-06-20", "2020-06-22")])
    bars = bars_by_label(timeliness_chart(ap.monthly_breakdown(dataset, "2020Q2", "P"), lang))
    assert list(bars) == [on_time, early, late]
    outer, inner, top = bars[on_time], bars[early], bars[late]
    assert [(b, h) for _, _, b, h in outer] == [(0, 0), (0, 3), (0, 1)]       # April, May, June
    assert [(b, h) for _, _, b, h in inner] == [(0, 0), (0, 2), (0, 1)]
    assert [(b, h) for _, _, b, h in top] == [(0, 0), (3, 0), (1, 1)]
    for (x, width, _, _), (inner_x, inner_width, _, _) in zip(outer, inner):
        assert inner_x == x and inner_width < width                       # drawn inside it
