"""The analyst notebooks end to end on the sample, in both languages, with real kernels."""

import csv
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE, render_sample, run_briefing, visible_text

pytestmark = pytest.mark.slow


def _explore(tmp_path, parameters: dict, cwd) -> list:
    import nbformat
    import papermill

    output = tmp_path / "explore.out.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks/explore.ipynb"), str(output), parameters=parameters,
                               cwd=str(cwd), progress_bar=False)
    notebook = nbformat.read(output, as_version=4)
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    return outputs


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explore_notebook_runs_top_to_bottom(tmp_path, lang):
    outputs = _explore(tmp_path, {"lang": lang, "data": str(SAMPLE), "period": "2020S1", "unit": "baclieu",
                                  "indicator": "jobs_created"}, ROOT / "notebooks")
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2, "trend and ranking charts"
    assert any("incomplete" in str(o.get("data", {}).get("text/plain", "")) for o in outputs)


def test_explore_runs_from_the_repository_root_with_no_parameters(tmp_path):
    """Its data defaults to the bundled sample wherever papermill runs, and the rest from the data."""
    outputs = _explore(tmp_path, {}, ROOT)
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "2020-04, baclieu, voc_trained, ranking the children of baclieu" in printed


def test_explore_works_on_data_it_has_never_seen(tmp_path):
    """An imported SDMX file: yearly figures, four roots, no plan, no child units."""
    imported = tmp_path / "istat"
    result = subprocess.run([sys.executable, "-m", "briefing", "import", str(ROOT / "data/examples/sdmx-istat.csv"),
                             "--out", str(imported)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    outputs = _explore(tmp_path, {"data": str(imported), "lang": "en"}, tmp_path)
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert printed.startswith("2020, it, 22_293_t, ranking the children of it")


def independent_attainment(indicator, period_months, year):
    """Per district: the sum of its months and its own annual target, from the CSV files."""
    with open(SAMPLE / "values.csv", encoding="utf-8") as handle:
        values = list(csv.DictReader(handle))
    with open(SAMPLE / "targets.csv", encoding="utf-8") as handle:
        targets = {r["org_unit"]: float(r["target"]) for r in csv.DictReader(handle)
                   if r["indicator_id"] == indicator and r["year"] == str(year)}
    with open(SAMPLE / "org_units.csv", encoding="utf-8") as handle:
        names = {r["org_unit"]: (r["name_vi"], r["name_en"]) for r in csv.DictReader(handle)}
    totals = {}
    for row in values:
        if row["indicator_id"] == indicator and row["period"] in period_months:
            totals[row["org_unit"]] = totals.get(row["org_unit"], 0) + float(row["value"])
    return {unit: (total, 100 * total / targets[unit], names[unit])
            for unit, total in totals.items() if unit in targets}


def vi(value, decimals=0):
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


@pytest.fixture(scope="module")
def comparisons(tmp_path_factory):
    return render_sample(tmp_path_factory.mktemp("comparison"), "district_comparison")


def test_comparison_names_the_leading_and_lagging_districts(comparisons):
    months = {f"2020-{m:02d}" for m in range(1, 7)}
    figures = independent_attainment("jobs_created", months, 2020)
    leader = max(figures.values(), key=lambda f: f[1])
    lagger = min(figures.values(), key=lambda f: f[1])
    text = visible_text(comparisons / "district_comparison.vi.html")
    assert (f"Giải quyết việc làm: tỷ lệ thực hiện kế hoạch năm cao nhất là {leader[2][0]}, đạt "
            f"{vi(leader[1], 1)}% ({vi(leader[0])} người); thấp nhất là {lagger[2][0]}, đạt "
            f"{vi(lagger[1], 1)}% ({vi(lagger[0])} người).") in text
    english = visible_text(comparisons / "district_comparison.en.html")
    assert (f"Jobs found: the highest share of the annual plan reached is in {leader[2][1]}, "
            f"{leader[1]:.1f}% ({leader[0]:,.0f} people); the lowest in {lagger[2][1]}, "
            f"{lagger[1]:.1f}% ({lagger[0]:,.0f} people).") in english


def test_comparison_table_lists_every_district(comparisons):
    text = visible_text(comparisons / "district_comparison.vi.html")
    for name in ("Thành phố Bạc Liêu", "Thị xã Giá Rai", "Huyện Hồng Dân", "Huyện Phước Long",
                 "Huyện Vĩnh Lợi", "Huyện Hòa Bình", "Huyện Đông Hải"):
        assert text.count(name) >= 2, name
    assert "Bảng 1. Kết quả thực hiện và tỷ lệ so với kế hoạch năm theo đơn vị" in text


def test_a_district_without_children_is_refused(tmp_path):
    result = run_briefing("run", "--data", SAMPLE, "--period", "2020S1", "--unit", "hongdan",
                          "--notebook", "district_comparison", "--out", tmp_path)
    assert result.returncode == 2 and "'hongdan' has none" in result.stderr


def test_change_section_compares_two_consecutive_reports(tmp_path):
    for period in ("2020Q1", "2020Q2"):
        result = run_briefing("run", "--data", SAMPLE, "--period", period, "--out", tmp_path)
        assert result.returncode == 0, result.stderr
    first = visible_text(tmp_path / "2020Q1/baclieu/briefing.vi.html")
    second = visible_text(tmp_path / "2020Q2/baclieu/briefing.vi.html")
    assert "Thay đổi so với báo cáo kỳ trước" not in first, "no earlier report to compare with"
    q1 = 100 * sum(float(r["value"]) for r in csv.DictReader(open(SAMPLE / "values.csv", encoding="utf-8"))
                   if r["indicator_id"] == "jobs_created" and r["period"] in {"2020-01", "2020-02", "2020-03"}) / 18000
    q2 = 100 * 11461 / 18000
    assert "II. Thay đổi so với báo cáo kỳ trước (Quý I/2020)" in second
    assert (f"Giải quyết việc làm: từ {vi(q1, 1)}% lên {vi(q2, 1)}% kế hoạch năm "
            f"(+{vi(q2 - q1, 1)} điểm %)") in second
