"""Charts read as SVG: bars counted and measured, labels in the language, a sane frame, no
external resources.

Bars are the filled patches drawn straight into an axes (not the axes' white background,
not a legend's keys); a hatched bar's colour is its pattern's background.
"""

import base64
import functools
import math
import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from html_tree import parse_html, text

import briefing
from briefing.compute.series import monthly_series
from briefing.render.charts import figure_svg, ranking_chart, sector_chart, trend_chart
from conftest import INDICATORS, ORG_UNITS, dossiers_csv, months_rows, targets_csv, values_csv, write_tables

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
#: Colours of the palette, as matplotlib writes them.
GREEN, BLUE, ORANGE, VERMILION, GREY = "#009e73", "#0072b2", "#e69f00", "#d55e00", "#bbbbbb"
#: The charts are 6.3 inches wide, and never taller than an A4 page's 9 printable inches.
WIDTH_POINTS, MAX_HEIGHT_POINTS = 6.3 * 72, 9 * 72


def svg_of(figure) -> ET.Element:
    return ET.fromstring(figure_svg(figure))


def svgs_in(block) -> list[ET.Element]:
    """The SVG documents of every chart image in an HTML block (``data:`` URIs)."""
    prefix = "data:image/svg+xml;base64,"
    sources = [img.get("src") for img in parse_html(block).iter("img")]
    assert all(src.startswith(prefix) for src in sources)
    return [ET.fromstring(base64.b64decode(src[len(prefix):])) for src in sources]


def axes_of(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("axes_")]


def _fill(path: ET.Element) -> str:
    found = re.search(r"fill:\s*([^;]+)", path.get("style", ""))
    return found.group(1).strip() if found else ""


def _pattern_colour(root: ET.Element, fill: str) -> str:
    """The background colour of the hatch pattern ``url(#id)``."""
    ident = re.fullmatch(r"url\(#(.+)\)", fill).group(1)
    pattern = next(p for p in root.iter(f"{SVG}pattern") if p.get("id") == ident)
    return next(f for f in (_fill(e) or e.get("fill", "") for e in pattern) if f)


def bars(root: ET.Element, axes: ET.Element) -> list[tuple[str, float, float]]:
    """``(colour, width, height)`` of each bar drawn in ``axes``, in drawing order."""
    found = []
    for group in axes.findall(f"{SVG}g"):
        path = group.find(f"{SVG}path")
        if not group.get("id", "").startswith("patch_") or path is None:
            continue
        fill = _fill(path)
        if fill in ("", "none", "#ffffff"):
            continue
        if fill.startswith("url("):
            fill = _pattern_colour(root, fill)
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
        xs, ys = numbers[0::2], numbers[1::2]
        found.append((fill, max(xs) - min(xs), max(ys) - min(ys)))
    return found


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text") if t.text and t.text.strip()]


def points(length: str) -> float:
    return float(length.removesuffix("pt"))


def check_frame(root: ET.Element) -> None:
    """Width, height and viewBox agree; the chart is as wide as the text and fits a page."""
    width, height = points(root.get("width")), points(root.get("height"))
    assert math.isclose(width, WIDTH_POINTS)
    assert 0 < height <= MAX_HEIGHT_POINTS
    assert [float(n) for n in root.get("viewBox").split()] == pytest.approx([0, 0, width, height])


def check_self_contained(root: ET.Element) -> None:
    """Nothing fetched from elsewhere: links point inside the document, no images or scripts."""
    for element in root.iter():
        for name in (XLINK_HREF, "href"):
            assert element.get(name, "#").startswith("#"), element.get(name)
    for tag in ("image", "script", "foreignObject"):
        assert not list(root.iter(f"{SVG}{tag}"))
    styles = " ".join(s.text or "" for s in root.iter(f"{SVG}style"))
    assert "url(http" not in styles and "@import" not in styles


def ratio(a: float, b: float) -> float:
    return a / b


# --- the sector chart --------------------------------------------------------------------------

def sector_rows(**columns) -> pd.DataFrame:
    """A sector's labelled metrics: one row per indicator, defaults for what a test leaves out."""
    count = len(next(iter(columns.values())))
    defaults = {"part_of": "", "kind": "flow", "direction": "up", "target": 100.0,
                "expected_pct": 50.0, "decimals": 0}
    return pd.DataFrame({key: [value] * count for key, value in defaults.items()} | columns)


#: A at 56,4 % of its plan (on track), 12,5 % up on last year; B at 120 % (achieved), 3,25 %
#: down, which rounds half-up to 3,3 %.
SECTOR = sector_rows(name=["Đào tạo nghề", "Giải quyết việc làm"], attainment_pct=[56.4, 120.0],
                     status=["on_track", "achieved"], change_pct=[12.5, -3.25])
SECTOR_LABELS = {"vi": ["56,4%", "120,0%", "+12,5%", "-3,3%"],
                 "en": ["56.4%", "120.0%", "+12.5%", "-3.3%"]}


@functools.cache
def sector_svg(lang: str) -> bytes:
    """The chart of :data:`SECTOR`, drawn once per language."""
    return figure_svg(sector_chart(SECTOR, "2020S1", lang))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sector_chart_has_a_bar_per_indicator_in_each_panel(lang):
    root = ET.fromstring(sector_svg(lang))
    check_frame(root)
    check_self_contained(root)
    attainment, change = (bars(root, axes) for axes in axes_of(root))
    assert [colour for colour, _, _ in attainment] == [GREEN, GREEN]
    # Bars are as long as their figures: 120 / 56,4 = 2,128; 12,5 / 3,25 = 3,846.
    assert ratio(attainment[1][1], attainment[0][1]) == pytest.approx(120 / 56.4, rel=1e-3)
    # Up on last year is good news (blue); down is bad news (vermilion, hatched as well).
    assert [colour for colour, _, _ in change] == [BLUE, VERMILION]
    assert ratio(change[0][1], change[1][1]) == pytest.approx(12.5 / 3.25, rel=1e-3)


@pytest.mark.parametrize("lang, other", [("vi", "en"), ("en", "vi")])
def test_sector_chart_labels_use_the_language_number_format(lang, other):
    labels = texts(ET.fromstring(sector_svg(lang)))
    for expected in SECTOR_LABELS[lang]:
        assert any(label.startswith(expected) for label in labels), expected
    for foreign in SECTOR_LABELS[other]:
        assert not any(label.startswith(foreign) for label in labels), foreign
    assert any(label.startswith("56") and "●" in label for label in labels)   # on track
    assert any(label.startswith("120") and "■" in label for label in labels)  # achieved
    assert {"Đào tạo nghề", "Giải quyết việc làm"} <= set(labels)


def test_sector_chart_axis_of_attainment_reads_in_percent():
    assert {"0%", "50%", "100%", "150%"} <= set(texts(ET.fromstring(sector_svg("vi"))))


def test_the_same_chart_twice_is_the_same_svg():
    assert figure_svg(sector_chart(SECTOR, "2020S1", "vi")) == sector_svg("vi")


# --- the trend chart ---------------------------------------------------------------------------

#: 2020: 1.200, 1.300, 1.100, 1.400, 1.500, 1.600 trained in January-June; 2019: 1.000 a month.
TREND_2020, TREND_2019 = [1200, 1300, 1100, 1400, 1500, 1600], [1000] * 12


@pytest.fixture(scope="module")
def trend_series(tmp_path_factory):
    """The January-June 2020 series of ``trained`` (a flow) and ``members`` (a stock), once."""
    values = months_rows("trained", "P", 2020, TREND_2020) + months_rows("trained", "P", 2019, TREND_2019) \
        + months_rows("members", "P", 2020, [901, 902, 903, 904, 905, 906]) \
        + months_rows("members", "P", 2019, [800] * 12)
    folder = write_tables(tmp_path_factory.mktemp("trend"), indicators=INDICATORS,
                          org_units=ORG_UNITS, values=values_csv(values),
                          targets=targets_csv([("trained", "P", 2020, 15000),
                                               ("members", "P", 2020, 1000)]))
    dataset = briefing.load_dataset(folder)
    return {indicator: monthly_series(dataset, indicator, "P", "2020-01", "2020-06")
            for indicator in ("trained", "members")}


@pytest.mark.parametrize("lang, thousands", [("vi", r"\d{1,3}(\.\d{3})+"), ("en", r"\d{1,3}(,\d{3})+")])
def test_trend_of_a_flow_has_two_bars_a_month_and_numbers_in_the_language(trend_series, lang,
                                                                          thousands):
    root = svg_of(trend_chart(trend_series["trained"], "Đào tạo nghề", lang, 2020))
    check_frame(root)
    check_self_contained(root)
    by_month = bars(root, axes_of(root)[0])
    last_year, this_year = by_month[:6], by_month[6:]
    assert len(by_month) == 12                   # January to June, last year and this year
    assert {colour for colour, _, _ in last_year} == {GREY}
    assert {colour for colour, _, _ in this_year} == {BLUE}
    # Column heights follow the months: June's 1.600 is 1,6 times last June's 1.000.
    heights = [h for _, _, h in this_year]
    assert [ratio(h, heights[0]) for h in heights] == pytest.approx(
        [v / TREND_2020[0] for v in TREND_2020], rel=1e-3)
    assert ratio(this_year[5][2], last_year[5][2]) == pytest.approx(1.6, rel=1e-3)
    labels = texts(root)
    assert {"2019", "2020", "Đào tạo nghề"} <= set(labels)
    assert [str(m) for m in range(1, 13)] == [t for t in labels if t.isdigit() and len(t) <= 2][:12]
    other = r"\d{1,3}(,\d{3})+" if lang == "vi" else r"\d{1,3}(\.\d{3})+"
    assert any(re.fullmatch(thousands, t) for t in labels)
    assert not any(re.fullmatch(other, t) for t in labels)


def test_trend_of_a_level_draws_lines_not_bars(trend_series):
    root = svg_of(trend_chart(trend_series["members"], "Người tham gia BHXH", "vi", 2020))
    check_frame(root)
    assert [bars(root, axes) for axes in axes_of(root)] == [[]]


# --- the ranking chart -------------------------------------------------------------------------

def units(**columns) -> pd.DataFrame:
    """One indicator's metrics for three communes."""
    defaults = {"unit_name": ["Xã 1", "Xã 2", "Xã 3"], "expected_pct": [50.0] * 3,
                "status": ["on_track"] * 3, "direction": ["up"] * 3, "decimals": [0] * 3}
    return pd.DataFrame(defaults | columns)


@pytest.mark.parametrize("lang, labels", [("vi", ["80,0%", "40,0%"]), ("en", ["80.0%", "40.0%"])])
def test_ranking_draws_a_bar_per_unit_with_a_figure_and_a_dash_for_the_rest(lang, labels):
    rows = units(value=[800.0, math.nan, 400.0], attainment_pct=[80.0, math.nan, 40.0])
    root = svg_of(ranking_chart(rows, "Giải quyết việc làm", lang, "attainment_pct"))
    check_frame(root)
    check_self_contained(root)
    drawn = bars(root, axes_of(root)[0])
    assert len(drawn) == 2                               # Xã 2 has no figure: no bar
    assert ratio(drawn[0][1], drawn[1][1]) == pytest.approx(2.0, rel=1e-3)   # 80 / 40
    found = texts(root)
    assert [next(t for t in found if t.startswith(label)) for label in labels]
    assert "—" in found
    assert [t for t in found if t.startswith("Xã")] == ["Xã 1", "Xã 3", "Xã 2"]


@pytest.mark.parametrize("lang, shown", [("vi", "1.234,5"), ("en", "1,234.5")])
def test_ranking_by_value_labels_the_figure_with_its_decimals(lang, shown):
    rows = units(value=[1234.5, 617.25, 100.0], attainment_pct=[math.nan] * 3,
                 status=[None] * 3, decimals=[1] * 3)
    root = svg_of(ranking_chart(rows, "Thu nhập", lang, "value"))
    assert shown in texts(root)
    assert len(bars(root, axes_of(root)[0])) == 3


# --- the comparison and administrative-procedures charts (through their reports) ---------------

@pytest.fixture(scope="module")
def units_data(tmp_path_factory):
    """Two districts: training against a plan, members without one; three dossiers.

    Training: D1 300 of 500 (60 %, on track at the expected 50 %), D2 150 of 600 (25 %,
    behind). Members: D1 5.000 of 10.000 (50 %), D2 7.000 of 7.000 (100 %, achieved). Dossiers: in January
    one early (received 3rd, resolved 10th, 7 days) and one late (6th to 25th, 19 days), both
    "Cấp phép" (mean 13 days); in February one early "Trợ cấp" (3rd to 14th, 11 days).
    """
    values = [("trained", "D1", "2020S1", 300), ("trained", "D2", "2020S1", 150),
              ("members", "D1", "2020-06", 5000), ("members", "D2", "2020-06", 7000)]
    dossiers = [("h1", "D1", "Cấp phép", "2020-01-03", "2020-01-20", "2020-01-10"),
                ("h2", "D1", "Cấp phép", "2020-01-06", "2020-01-20", "2020-01-25"),
                ("h3", "D2", "Trợ cấp", "2020-02-03", "2020-02-20", "2020-02-14")]
    folder = write_tables(tmp_path_factory.mktemp("units"), indicators=INDICATORS,
                          org_units=ORG_UNITS, values=values_csv(values),
                          targets=targets_csv([("trained", "D1", 2020, 500),
                                               ("trained", "D2", 2020, 600),
                                               ("members", "D1", 2020, 10000),
                                               ("members", "D2", 2020, 7000)]),
                          dossiers=dossiers_csv(dossiers))
    return briefing.load_dataset(folder)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_comparison_ranks_each_key_indicator_in_its_own_panel(units_data, lang):
    (root,) = svgs_in(briefing.prepare_comparison(units_data, "2020S1", "P", lang).charts())
    check_frame(root)
    check_self_contained(root)
    trained, members = (bars(root, axes) for axes in axes_of(root))
    # Training, best first: D1 60 % (on track, green), D2 25 % (behind, vermilion).
    assert [colour for colour, _, _ in trained] == [GREEN, VERMILION]
    assert ratio(trained[0][1], trained[1][1]) == pytest.approx(60 / 25, rel=1e-3)
    # Members, best first: D2 100 % (achieved, green), D1 50 %.
    assert len(members) == 2 and members[0][0] == GREEN
    assert ratio(members[0][1], members[1][1]) == pytest.approx(100 / 50, rel=1e-3)
    labels = texts(root)
    assert {"●", "▼", "■"} <= {label.strip() for label in labels}   # each status mark, placed past its bar
    assert "0%" in labels and len([t for t in labels if re.fullmatch(r"\d+%", t)]) >= 4


@pytest.mark.parametrize("lang, days", [("vi", ["11,0", "13,0"]), ("en", ["11.0", "13.0"])])
def test_admin_charts_count_resolved_dossiers_by_month_and_days_by_procedure(units_data, lang,
                                                                             days):
    report = briefing.prepare_admin_report(units_data, "2020S1", "P", lang)
    (by_month,) = svgs_in(report.summary())
    (by_procedure,) = svgs_in(report.by_procedure())
    for root in (by_month, by_procedure):
        check_frame(root)
        check_self_contained(root)
    # Six months, three bars each (on time, of which early, late); only January (1 on time,
    # 1 early inside it, 1 late on top) and February (1 on time, 1 early) have any height.
    columns = bars(by_month, axes_of(by_month)[0])
    assert len(columns) == 18
    drawn = [(colour, height) for colour, _, height in columns if height > 0]
    assert [colour for colour, _ in drawn] == [GREEN, GREEN, BLUE, BLUE, VERMILION]
    assert len({round(height, 3) for _, height in drawn}) == 1      # each is one dossier tall
    assert [t for t in texts(by_month) if t in {"0", "1", "2"}][-6:] == ["2", "1", "0", "0", "0", "0"]
    # Mean days, shortest first: Trợ cấp 11, Cấp phép (7 + 19) / 2 = 13.
    procedure_bars = bars(by_procedure, axes_of(by_procedure)[0])
    assert ratio(procedure_bars[1][1], procedure_bars[0][1]) == pytest.approx(13 / 11, rel=1e-3)
    assert [t for t in texts(by_procedure) if t in days] == days


# --- how a chart is placed in the briefing -------------------------------------------------

def test_a_chart_in_the_briefing_is_described_by_its_caption(units_data):
    block = briefing.prepare_admin_report(units_data, "2020S1", "P", "vi").summary()
    figure = parse_html(block).find("figure")
    assert figure.find("img").get("alt") == text(figure.find("figcaption")) != ""
