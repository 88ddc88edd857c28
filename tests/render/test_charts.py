"""Charts: labels say what they mean, and everything drawn stays inside the figure."""

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.text import Text

from briefing.render.charts import (
    MAX_HEIGHT_INCHES,
    PALETTE,
    ChartFigure,
    figure_svg,
    ranking_chart,
    ranking_figures,
    sector_chart,
)
from briefing.render.charts.style import GRID_COLOUR, bar_axes


def indicators(**columns) -> pd.DataFrame:
    """A sector's metrics table: one row per indicator, defaults for what a test leaves out."""
    count = len(next(iter(columns.values())))
    defaults = {"part_of": "", "kind": "flow", "direction": "up", "target": 100.0,
                "attainment_pct": 60.0, "expected_pct": 50.0, "status": "on_track",
                "change_pct": 5.0, "decimals": 0}
    return pd.DataFrame({key: [value] * count for key, value in defaults.items()} | columns)


def drawn_texts(figure) -> list[Text]:
    """Every non-empty text the figure draws: titles, labels, tick labels, notes."""
    FigureCanvasAgg(figure).draw()
    texts = list(figure.texts)
    for axes in figure.axes:
        low, high = sorted(axes.get_xlim())
        ticks = [label for label, x in zip(axes.get_xticklabels(), axes.get_xticks())
                 if low <= x <= high]
        texts += [child for child in axes.get_children() if isinstance(child, Text)]
        texts += ticks + axes.get_yticklabels()
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def outside(figure) -> list[str]:
    """The texts that reach past the edge of the figure (by more than half a pixel)."""
    texts = drawn_texts(figure)
    renderer, box = figure.canvas.get_renderer(), figure.bbox
    return [t.get_text() for t in texts
            if (extent := t.get_window_extent(renderer)).x0 < box.x0 - 0.5
            or extent.x1 > box.x1 + 0.5 or extent.y0 < box.y0 - 0.5 or extent.y1 > box.y1 + 0.5]


def tick_names(figure) -> list[str]:
    return [label.get_text() for axes in figure.axes for label in axes.get_yticklabels()]


def test_a_down_indicator_without_a_plan_is_not_called_a_ceiling():
    table = indicators(name=["Tai nạn lao động", "Số vụ cháy nổ"], direction=["down", "down"],
                       target=[20.0, float("nan")], attainment_pct=[40.0, float("nan")],
                       status=["on_track", None])
    names = tick_names(sector_chart(table, "2020S1", "vi"))
    assert "Tai nạn lao động (chỉ tiêu\nkhống chế)" in names
    assert "Số vụ cháy nổ" in names
    assert not any("Số vụ cháy nổ (" in n for n in names)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_attainment_labels_past_the_cap_stay_inside_the_figure(lang):
    # 180 % is drawn as a bar of 150 %; its label "180,0%  ● Đã hoàn thành" must still fit.
    table = indicators(name=["Giải quyết việc làm cho người lao động ở nông thôn", "Đào tạo nghề"],
                       attainment_pct=[180.0, 95.0], status=["achieved", "at_risk"],
                       expected_pct=[50.0, 100.0], change_pct=[-240.5, 310.0])
    figure = sector_chart(table, "2020S1", lang)
    assert outside(figure) == []


def test_a_long_panel_title_is_wrapped_inside_the_figure():
    from briefing.render.charts.sectors import stacked_panels

    title = ("Tỷ lệ thực hiện kế hoạch năm 2020 của các chỉ tiêu chủ yếu trong lĩnh vực lao động, "
             "người có công và xã hội (vạch đen: tiến độ dự kiến)")
    figure, _ = stacked_panels([title], [["Đào tạo nghề", "Giải quyết việc làm"]])
    assert outside(figure) == []
    assert [t.get_text().replace("\n", " ") for t in figure.texts] == [title]


def units(count: int, **columns) -> pd.DataFrame:
    """One indicator's metrics for ``count`` communes, "Xã 1" the highest (values count … 1)."""
    values = [float(count - n) for n in range(count)]
    return pd.DataFrame({
        "unit_name": [f"Xã {n + 1}" for n in range(count)], "value": values,
        "attainment_pct": [100 * v / count for v in values], "expected_pct": [50.0] * count,
        "status": ["on_track"] * count, "direction": ["up"] * count, "decimals": [0] * count,
    } | columns)


@pytest.mark.parametrize("count", [57, 60])
@pytest.mark.parametrize("by", ["attainment_pct", "value"])
def test_a_ranking_of_many_units_fits_a_page_and_shows_every_unit(count, by):
    figure = ranking_chart(units(count), "Giải quyết việc làm", "vi", by)
    assert figure.get_figheight() <= MAX_HEIGHT_INCHES
    assert tick_names(figure) == [f"Xã {n}" for n in range(1, count + 1)]   # best first, at the top
    assert outside(figure) == []
    assert min(label.get_fontsize() for label in figure.axes[0].get_yticklabels()) >= 6


def test_beyond_a_page_the_best_and_worst_units_are_shown_and_the_rest_counted():
    figure = ranking_chart(units(100), "Giải quyết việc làm", "en", "value")
    assert figure.get_figheight() <= MAX_HEIGHT_INCHES
    names = [n for n in tick_names(figure) if n]
    notes = [t.get_text() for t in figure.axes[0].texts if "not shown" in t.get_text()]
    assert notes == [f"… {100 - len(names)} units not shown"]
    top = (len(names) + 1) // 2
    assert names[:top] == [f"Xã {n}" for n in range(1, top + 1)]
    assert names[top:] == [f"Xã {n}" for n in range(101 - (len(names) - top), 101)]
    assert outside(figure) == []


def test_a_unit_without_the_figure_is_listed_last_not_dropped():
    rows = units(3, attainment_pct=[80.0, float("nan"), 40.0])
    figure = ranking_chart(rows, "Giải quyết việc làm", "vi", "attainment_pct")
    # Xã 1 (80 %) first, Xã 3 (40 %) next, Xã 2 (no figure) last, marked "—".
    assert tick_names(figure) == ["Xã 1", "Xã 3", "Xã 2"]
    assert [t.get_text() for t in figure.axes[0].texts] == ["80,0%  ● Đạt tiến độ",
                                                            "40,0%  ● Đạt tiến độ", "—"]


def bars(axes) -> list:
    """The bars an axes draws (its rectangles), top to bottom."""
    return sorted(axes.patches, key=lambda bar: -bar.get_y())


def test_a_ranking_draws_a_bar_per_unit_with_a_figure_and_a_label_for_every_unit():
    rows = units(4, attainment_pct=[80.0, float("nan"), 40.0, 20.0],
                 status=["achieved", "on_track", None, "behind"])
    figure = ranking_chart(rows, "Giải quyết việc làm", "en", "attainment_pct")
    axes = figure.axes[0]
    assert [bar.get_width() for bar in bars(axes)] == [80.0, 40.0, 20.0]
    assert [bar.get_facecolor() for bar in bars(axes)] == [
        to_rgba(PALETTE["achieved"]), to_rgba(PALETTE[None]), to_rgba(PALETTE["behind"])]
    assert [t.get_text() for t in axes.texts] == ["80.0%  ■ Achieved", "40.0%", "20.0%  ▼ Behind", "—"]
    assert len(axes.lines) == 3    # a pace tick on each bar
    svg = figure_svg(figure).decode()
    assert all(f">{t.get_text()}</text>" in svg for t in axes.texts)


def test_small_multiples_draw_the_same_ranking_with_status_marks_in_place_of_words():
    metrics = pd.concat([
        units(3, indicator_id="jobs", name="Việc làm", org_unit=["a", "b", "c"],
              status=["achieved", "at_risk", None]),
        units(3, indicator_id="income", name="Thu nhập", org_unit=["a", "b", "c"],
              value=[5.0, float("nan"), 7.0])])
    [figure] = ranking_figures(metrics, {"jobs": "attainment_pct", "income": "value"}, "vi")
    jobs, income = figure.axes
    assert [bar.get_width() for bar in bars(jobs)] == [100.0, 200 / 3, 100 / 3]
    assert [t.get_text() for t in jobs.texts] == ["■", "▲"]       # no mark without a status
    assert [t.get_color() for t in jobs.texts] == [PALETTE["achieved"], PALETTE["at_risk"]]
    assert [label.get_text() for label in income.get_yticklabels()] == ["Xã 3", "Xã 1", "Xã 2"]
    assert [t.get_text() for t in income.texts][-1] == "—"         # Xã 2 has no value: last
    assert outside(figure) == []


@pytest.mark.parametrize("make", [
    lambda: ranking_chart(units(3), "Giải quyết việc làm", "vi"),
    lambda: sector_chart(indicators(name=["Đào tạo nghề"]), "2020S1", "vi"),
])
def test_horizontal_bar_charts_share_one_axes_setup(make):
    for axes in make().axes:
        assert all(tick.tick1line.get_markersize() == 0 for tick in axes.yaxis.get_major_ticks())
        assert axes.get_axisbelow() is True
        assert any(line.get_visible() for line in axes.get_xgridlines())
        assert not any(line.get_visible() for line in axes.get_ygridlines())


def test_bar_axes_hides_the_name_ticks_and_puts_a_grid_behind_the_bars():
    axes = ChartFigure().add_subplot()
    bar_axes(axes)
    assert axes.yaxis.get_major_ticks()[0].tick1line.get_markersize() == 0
    assert axes.get_axisbelow() is True
    assert [line.get_color() for line in axes.get_xgridlines()][:1] == [GRID_COLOUR]
