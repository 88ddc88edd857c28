"""The portal's pages from plain data: the tree, headline figures, charts, words, escaping."""

import re

import pytest
from html_tree import by_class, parse_html, text

from briefing.render import portal
from briefing.render.portal import index_name, unit_page_name
from briefing.render.portal_charts import chart_description, series_chart
from briefing.render.portal_model import (
    Point,
    PortalView,
    ReportFile,
    Series,
    UnitReport,
    key_indicators,
    periods_newest_first,
    tree_rows,
    unit_names,
    unit_series,
)
from briefing.run.metrics_file import build_metrics_document
from conftest import months_rows

TARGETS = [("trained", "P", 2020, 4000), ("members", "P", 2020, 900), ("accidents", "P", 2020, 10),
           ("trained", "D1", 2020, 2000), ("trained", "C1", 2020, 1000)]


@pytest.fixture
def dataset(make_dataset):
    values = (months_rows("trained", "C1", 2020, [1000, 1100, 1200, 1300, 1400, 1500])
              + months_rows("trained", "C1", 2019, [900] * 12)
              + months_rows("trained", "D2", 2020, [5025, 5000, 5000, 5000, 5000, 5000])
              + months_rows("members", "D2", 2020, [700, 710, 720, 730, 740, 750])
              + months_rows("accidents", "D2", 2020, [1, 0, 2, 1, 0, 3]))
    return make_dataset(values=values, targets=TARGETS)


def report(dataset, period, unit, langs=("vi",), files=()):
    documents = {lang: build_metrics_document(dataset, period, unit, lang) for lang in langs}
    return UnitReport(period, unit, documents, tuple(files))


def html_file(period, unit, lang, notebook="briefing", extension="html"):
    return ReportFile(notebook, lang, extension, f"{period}/{unit}/{notebook}.{lang}.{extension}")


def render_index(reports, lang, langs):
    return portal.render_index(PortalView.of(reports, lang, langs))


def render_unit_page(reports, unit, lang, langs):
    return portal.render_unit_page(PortalView.of(reports, lang, langs), unit)


def headings(page: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])\b", page)]


def test_units_follow_the_tree_with_units_above_named_where_they_have_no_report(dataset):
    reports = [report(dataset, "2020Q2", unit) for unit in ("C1", "D2")]
    rows = tree_rows(reports, "vi", unit_names(reports, "vi"))
    assert [(r.unit, r.name, r.depth, r.report is not None) for r in rows] == [
        ("P", "Tỉnh P", 0, False), ("D1", "Huyện 1", 1, False), ("C1", "Xã 1", 2, True),
        ("D2", "Huyện 2", 1, True)]


def test_reports_without_labels_are_listed_by_id_after_the_tree(dataset):
    old = build_metrics_document(dataset, "2020Q2", "D2", "vi")
    del old["labels"]
    reports = [UnitReport("2020Q2", "D2", {"vi": old}), report(dataset, "2020Q2", "C1")]
    assert [(r.unit, r.name) for r in tree_rows(reports, "vi", unit_names(reports, "vi"))] == [
        ("P", "Tỉnh P"), ("D1", "Huyện 1"), ("C1", "Xã 1"), ("D2", "D2")]
    page = render_index(reports, "vi", ["vi"])
    assert ">trained</dt>" in page   # the indicator by its id


def test_periods_are_newest_first_and_the_longer_first_when_they_end_together(dataset):
    reports = [report(dataset, p, "C1") for p in ("2020-05", "2020Q2", "2020-06", "2020S1", "2020Q1")]
    assert periods_newest_first(reports) == ["2020S1", "2020Q2", "2020-06", "2020-05", "2020Q1"]


def test_headline_figures_are_totals_with_a_plan_in_catalogue_order(dataset):
    document = build_metrics_document(dataset, "2020S1", "P", "vi")
    assert [row["indicator_id"] for row in key_indicators(document)] == [
        "trained", "members", "accidents"]
    no_plan = build_metrics_document(dataset, "2019", "C1", "vi")   # last year had no targets
    assert [row["indicator_id"] for row in key_indicators(no_plan)] == ["trained"]


def test_index_shows_figures_as_the_language_writes_them_with_status_in_words_and_shape(dataset):
    reports = [report(dataset, "2020S1", "P", ("vi", "en"))]
    vi, en = render_index(reports, "vi", ["vi", "en"]), render_index(reports, "en", ["vi", "en"])
    # P's trained: C1's 7,500 and D2's 30,025 (D1 and P have no value of their own), 37,525
    # of a plan of 4,000 = 938.1%, achieved; accidents 7 of a ceiling of 10 by June, 70% where
    # 50% was expected, behind; members have no status (no level last December to start from)
    assert "37.525 người" in vi and "Đạt 938,1% kế hoạch năm" in vi
    assert "37,525 people" in en and "938.1% of the annual plan" in en
    assert "Bằng 70,0% chỉ tiêu khống chế" in vi
    root = parse_html(vi)
    statuses = [text(li) for li in by_class(root, "status", "li")]
    assert statuses == ["■ Đã hoàn thành: 1", "● Đạt tiến độ: 0", "▲ Có nguy cơ chậm: 0",
                        "▼ Chậm tiến độ: 1"]
    assert '<html lang="vi">' in vi and '<html lang="en">' in en
    assert 'href="index.en.html" lang="en" hreflang="en">English<' in vi
    assert 'href="index.html" lang="vi" hreflang="vi">Tiếng Việt<' in en


def test_a_period_shorter_than_its_year_to_date_shows_the_year_to_date_with_its_plan(dataset):
    page = render_index([report(dataset, "2020Q2", "C1")], "vi", ["vi"])
    figure = text(by_class(parse_html(page), "figures", "dl")[0])
    assert figure == "Đào tạo nghề7.500 người (lũy kế từ đầu năm)Đạt 750,0% kế hoạch năm ■ Đã hoàn thành"


def test_every_file_is_linked_by_notebook_with_other_languages_marked(dataset):
    files = [html_file("2020S1", "P", "vi"), html_file("2020S1", "P", "en"),
             html_file("2020S1", "P", "vi", extension="pdf"),
             html_file("2020S1", "P", "vi", notebook="district_comparison"),
             html_file("2020S1", "P", "vi", notebook="my_notes", extension="docx")]
    page = render_index([report(dataset, "2020S1", "P", ("vi", "en"), files)], "vi", ["vi", "en"])
    lists = [text(li) for li in by_class(parse_html(page), "files", "ul")[0]]
    assert lists == ["Báo cáo: HTML PDF HTML (EN)", "So sánh các đơn vị trực thuộc: HTML",
                     "my_notes: DOCX"]
    for file in files:
        assert f'href="{file.href}"' in page
    assert 'href="2020S1/P/briefing.en.html" hreflang="en">HTML (EN)</a>' in page


def test_text_from_the_data_is_escaped(make_dataset):
    hostile = "org_unit,name_vi,name_en,parent\nP,<script>alert(1)</script>,\"A & B\",\n"
    dataset = make_dataset(values=months_rows("trained", "P", 2020, [1, 2]), org_units=hostile)
    page = render_index([report(dataset, "2020Q1", "P")], "vi", ["vi"])
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parse_html(page)   # well nested


def test_pages_have_one_h1_and_headings_that_never_skip_a_level(dataset):
    reports = [report(dataset, p, u) for p in ("2020Q1", "2020Q2", "2020S1") for u in ("C1", "D2")]
    for page in (render_index(reports, "vi", ["vi"]), render_unit_page(reports, "C1", "vi", ["vi"])):
        levels = headings(page)
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


def test_a_unit_page_charts_each_headline_indicator_per_kind_of_period(dataset):
    reports = [report(dataset, p, "C1") for p in ("2020Q1", "2020Q2", "2020S1", "2020-06")]
    page = render_unit_page(reports, "C1", "vi", ["vi"])
    root = parse_html(page)
    assert [text(h) for h in root.iter("h2")] == [
        "Diễn biến các chỉ tiêu chính theo tháng", "Diễn biến các chỉ tiêu chính theo quý",
        "Diễn biến các chỉ tiêu chính theo 6 tháng", "Các báo cáo"]
    charts = [svg for svg in root.iter("svg") if svg.get("role") == "img"]
    assert len(charts) == 3
    quarters = charts[1].get("aria-label")
    # C1's training: Q1 3,300 and Q2 4,200; last year 2,700 a quarter
    assert quarters == ("Biểu đồ Đào tạo nghề (từ Quý I/2020 đến Quý II/2020). Quý II/2020: "
                        "4.200 người; cùng kỳ năm trước: 2.700 người.")
    assert text(charts[1].find("title")) == quarters
    assert "../../2020Q2/C1/" not in page   # no files were given: no links
    assert [text(h) for h in root.iter("h3")][-4:] == ["6 tháng đầu năm 2020", "Quý II/2020",
                                                       "Tháng 6/2020", "Quý I/2020"]


def test_a_unit_page_links_back_and_to_the_units_above_that_have_pages(dataset):
    reports = [report(dataset, "2020Q2", u, files=[html_file("2020Q2", u, "vi")]) for u in ("C1", "D2")]
    page = render_unit_page(reports, "C1", "vi", ["vi"])
    back = text(by_class(parse_html(page), "back", "p")[0])
    assert back == "← Tất cả báo cáo · Tỉnh P › Huyện 1"
    assert 'href="../../index.html"' in page and 'href="../../2020Q2/C1/briefing.vi.html"' in page
    assert "Tỉnh P.html" not in page and 'href="P.html"' not in page   # P has no page
    assert unit_page_name("C1", "en") == "units/en/C1.html"
    assert (index_name("vi", "vi"), index_name("en", "vi")) == ("index.html", "index.en.html")


def test_unit_series_take_last_year_from_each_report(dataset):
    reports = [report(dataset, p, "C1") for p in ("2020Q2", "2020Q1")]
    series = unit_series(reports, "vi")
    assert list(series) == ["quarter"]
    assert series["quarter"][0] == Series("trained", "quarter", (
        Point("2020Q1", 3300.0, 2700.0), Point("2020Q2", 4200.0, 2700.0)))


def test_a_chart_says_its_span_latest_highest_and_lowest():
    series = Series("x", "month", (Point("2020-01", 5.0, 4.0), Point("2020-02", 9.0, None),
                                   Point("2020-03", 2.0, 3.0)))
    assert chart_description(series, "Ca", "vụ", 0, "vi") == (
        "Biểu đồ Ca (từ Tháng 1/2020 đến Tháng 3/2020). Tháng 3/2020: 2 vụ; cùng kỳ năm trước: "
        "3 vụ; cao nhất Tháng 2/2020: 9 vụ; thấp nhất Tháng 3/2020: 2 vụ.")
    assert chart_description(series, "Cases", "", 1, "en").startswith(
        "Chart of Cases (January 2020 to March 2020). March 2020: 2.0; same period last year: 3.0;")


def test_chart_bars_stand_on_the_zero_line_also_below_it():
    series = Series("net", "quarter", (Point("2020Q1", -50.0, 100.0), Point("2020Q2", 150.0, None)))
    svg = parse_html(series_chart(series, "Net", "", 0, "en")).find("svg")
    bars = list(svg.iter("rect"))
    assert len(bars) == 3   # last year's Q2 is missing: no bar
    zero = float([line for line in svg.iter("line")][-1].get("y1"))
    tops = [(float(b.get("y")), float(b.get("y")) + float(b.get("height"))) for b in bars]
    assert tops[0][1] == pytest.approx(zero, abs=0.1)   # last year's Q1 (100) up to zero
    assert tops[1][0] == pytest.approx(zero, abs=0.1)   # Q1's -50 down from zero
    assert [text(b.find("title")) for b in bars] == [
        "Same period a year before Q1 2020: 100", "Q1 2020: -50", "Q2 2020: 150"]


def test_pages_fetch_nothing(dataset):
    reports = [report(dataset, "2020Q2", u, files=[html_file("2020Q2", u, "vi")]) for u in ("C1", "D2")]
    for page in (render_index(reports, "vi", ["vi"]), render_unit_page(reports, "C1", "vi", ["vi"])):
        urls = re.findall(r'(?:href|src)="([^"]*)"', page)
        assert urls and not [u for u in urls if re.match(r"[a-z]+:|//", u)]
        assert "<link" not in page and "@import" not in page and "url(" not in page


def test_names_taken_from_a_report_in_another_language_say_their_language(dataset):
    reports = [report(dataset, "2020Q2", "C1")]   # in Vietnamese only
    page = render_index(reports, "en", ["vi", "en"])
    assert '<html lang="en">' in page
    assert '<dt lang="vi">Đào tạo nghề</dt>' in page and '<span class="value" lang="vi">7,500 người' in page
    assert '<h3 lang="vi"><a href="units/en/C1.html">Xã 1</a></h3>' in page
    unit = render_unit_page(reports, "C1", "en", ["vi", "en"])
    assert '<h1 lang="vi">Xã 1</h1>' in unit and '<h3 lang="vi">Đào tạo nghề</h3>' in unit


def test_a_unit_above_without_a_report_links_to_its_page_when_it_has_one(dataset):
    reports = [report(dataset, "2020Q2", "C1"), report(dataset, "2020Q1", "D1")]
    section = render_index(reports, "vi", ["vi"]).split('id="p-2020Q2"')[1].split("</section>")[0]
    rows = re.findall(r'<li class="([^"]+)" style="--depth: (\d)"[^>]*><h3>(.*?)</h3>', section)
    assert rows == [("unit without-report", "0", "Tỉnh P"),
                    ("unit without-report", "1", '<a href="units/vi/D1.html">Huyện 1</a>'),
                    ("unit", "2", '<a href="units/vi/C1.html">Xã 1</a>')]


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""
    def luminance(colour):
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_stands_out_from_its_background_by_at_least_4_5_to_1():
    from briefing.render import portal_charts
    from briefing.render.portal import TEMPLATES

    css = (TEMPLATES / "portal.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z_]+): (#[0-9a-f]{6});", css))
    texts = ["ink", "muted", "link", "achieved", "on_track", "at_risk", "behind"]
    assert set(texts) | {"paper", "desk"} <= set(colours)
    for name in texts:
        for background in ("paper", "desk"):
            assert contrast(colours[name], colours[background]) >= 4.5, (name, background)
    assert contrast(portal_charts.TEXT, "#ffffff") >= 4.5
    for bar in (portal_charts.CURRENT_FILL, portal_charts.INK):   # graphics: 3:1
        assert contrast(bar, "#ffffff") >= 3
    assert contrast(portal_charts.PREVIOUS_FILL, portal_charts.CURRENT_FILL) >= 3
