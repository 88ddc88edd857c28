"""The rendering sweep: every report, for every period kind, for a root, a middle and a leaf unit,
in both languages.

The reports are built through the library (what a kernel would run, without the kernel), on
the sample extended with one more level: two communes under Hồng Dân, so that the tree has a
root (the province), a middle unit (Hồng Dân) and leaves (its communes). One real batch then
runs every notebook for every period kind through papermill and nbconvert.

Each report must render without an error, show every indicator that has anything to show (a
figure, a plan, last year's figure, or a figure that could not be made) and name every other
indicator in its notes, number its tables and charts 1, 2, 3 …, and print no "nan" or "None".
"""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest

import briefing
from briefing.compute.quality import reported_mask
from briefing.render.reports.admin import prepare_admin_report
from briefing.render.reports.comparison import prepare_comparison
from briefing.run.metrics_file import build_metrics_document
from conftest import SAMPLE, run_briefing

PERIODS = ["2020-06", "2020-01", "2020Q2", "2020S1", "2019"]
ROOT_UNIT, MIDDLE_UNIT, LEAF_UNIT = "baclieu", "hongdan", "hongdan-xa-a"
UNITS = [ROOT_UNIT, MIDDLE_UNIT, LEAF_UNIT]
LANGS = ["vi", "en"]
#: Indicators the communes report, as shares of their district's figures.
COMMUNE_INDICATORS = ("voc_trained", "jobs_created", "si_participants")
COMMUNES = {"hongdan-xa-a": 0.6, "hongdan-xa-b": 0.4}


def add_communes(folder) -> None:
    """Give Hồng Dân two communes that report three of its indicators."""
    with open(folder / "org_units.csv", "a", encoding="utf-8") as tree:
        tree.write("hongdan-xa-a,Xã Ninh Quới,Ninh Quoi Commune,hongdan\n")
        tree.write("hongdan-xa-b,Xã Vĩnh Lộc,Vinh Loc Commune,hongdan\n")
    lines = (folder / "values.csv").read_text(encoding="utf-8").splitlines()
    extra = []
    for line in lines[1:]:
        indicator, unit, period, value = line.split(",")
        if unit == "hongdan" and indicator in COMMUNE_INDICATORS:
            for commune, share in COMMUNES.items():
                extra.append(f"{indicator},{commune},{period},{round(float(value) * share)}")
    (folder / "values.csv").write_text("\n".join(lines + extra) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def three_levels(tmp_path_factory):
    folder = shutil.copytree(SAMPLE, tmp_path_factory.mktemp("sweep") / "data")
    add_communes(folder)
    return folder


@pytest.fixture(scope="module")
def dataset(three_levels):
    return briefing.load_dataset(three_levels)


def visible_text(markup: str) -> str:
    """The text a reader sees: tags dropped (images included), entities decoded."""
    without_images = re.sub(r"<img[^>]*>", " ", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", without_images))


def assert_reads_cleanly(text: str) -> None:
    for token in ("nan", "NaN", "None", "Traceback", "{", "}"):
        assert not re.search(rf"(?<![\w]){re.escape(token)}(?![\w])", text), token


def assert_numbered_in_order(text: str, lang: str) -> None:
    words = {"vi": ("Bảng", "Biểu đồ"), "en": ("Table", "Chart")}[lang]
    for word in words:
        numbers = [int(n) for n in re.findall(rf"{word} (\d+)\.", text)]
        assert numbers == list(range(1, len(numbers) + 1)), (word, numbers)


def briefing_html(report) -> str:
    return "".join([report.header(), report.key_figures(), report.changes_since_last(),
                    report.sector_sections(), report.admin_procedures(), report.quality_notes(),
                    report.closing(), report.annex()])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("period", PERIODS)
def test_briefing_shows_every_indicator_or_says_why(dataset, period, unit, lang):
    report = briefing.prepare_report(dataset, period, unit, lang)
    text = visible_text(briefing_html(report))
    assert_reads_cleanly(text)
    assert_numbered_in_order(text, lang)
    metrics = report.metrics
    shown = metrics[reported_mask(metrics)]
    notes = visible_text(report.quality_notes())
    for name in shown["name"]:
        assert name in text
    for name in metrics.loc[~reported_mask(metrics), "name"]:
        assert name in notes, f"{name} is neither shown nor named in the notes"
    document = build_metrics_document(dataset, period, unit, lang)
    json.dumps(document, allow_nan=False)
    assert len(document["indicators"]) == len(dataset.indicators)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit", [ROOT_UNIT, MIDDLE_UNIT])
@pytest.mark.parametrize("period", PERIODS)
def test_district_comparison_renders(dataset, period, unit, lang):
    report = prepare_comparison(dataset, period, unit, lang)
    text = visible_text("".join([report.header(), report.table(), report.leaders(),
                                 report.charts(), report.closing(), report.annex()]))
    assert_reads_cleanly(text)
    assert_numbered_in_order(text, lang)
    for child in dataset.tree.children(unit):
        assert dataset.tree.name(child, lang) in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("period", PERIODS)
def test_admin_procedures_report_renders(dataset, period, unit, lang):
    report = prepare_admin_report(dataset, period, unit, lang)
    text = visible_text("".join([report.header(), report.summary(), report.by_procedure(),
                                 report.by_unit(), report.overdue_list(), report.closing()]))
    assert_reads_cleanly(text)
    assert_numbered_in_order(text, lang)


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("period", PERIODS)
def test_analyst_calls_answer_for_every_period(dataset, period, unit):
    metrics = dataset.metrics(period, unit)
    assert list(metrics["indicator_id"]) == list(dataset.indicators["indicator_id"])
    parent = unit if dataset.tree.children(unit) else dataset.tree.parents[unit]
    ranking = dataset.compare_units(period, parent)
    assert set(ranking["org_unit"]) == set(dataset.tree.children(parent))
    assert len(dataset.quality(period).columns) == 5
    figure = dataset.plot_ranking("jobs_created", period, parent)
    assert figure.axes


def write_params(folder, notebook: str, period: str, unit: str, lang: str, data) -> str:
    path = folder / f"{notebook}-{period}-{unit}-{lang}.yaml"
    path.write_text(f"data: {data}\nperiod: '{period}'\nunit: {unit}\nlang: {lang}\n"
                    f"notebook: {notebook}\nto: [html]\n", encoding="utf-8")
    return str(path)


@pytest.mark.slow
def test_every_notebook_runs_for_every_period_kind_in_a_real_batch(three_levels, tmp_path):
    """20 reports through papermill and nbconvert: every notebook × every period kind, the
    unit and language rotating so that the root, the middle and a leaf, vi and en, all occur."""
    jobs = []
    for index, period in enumerate(PERIODS):
        lang = LANGS[index % 2]
        jobs += [
            write_params(tmp_path, "briefing", period, UNITS[index % 3], lang, three_levels),
            write_params(tmp_path, "admin_procedures", period, UNITS[(index + 1) % 3], lang,
                         three_levels),
            write_params(tmp_path, "district_comparison", period, UNITS[index % 2], lang,
                         three_levels),
            write_params(tmp_path, "explore", period, UNITS[(index + 2) % 3], lang,
                         three_levels),
        ]
    out = tmp_path / "out"
    result = run_briefing("batch", *jobs, "--out", out, "--workers", "2")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    portal = {out / "index.html", out / "index.en.html", *out.glob("units/*/*.html")}
    assert out / "index.html" in portal and (out / "index.html").is_file()
    pages = sorted(set(out.rglob("*.html")) - portal)   # the reports, not the portal's pages
    assert len(pages) == len(jobs)
    for page in pages:
        text = visible_text(page.read_text(encoding="utf-8"))
        assert "Traceback" not in text and "Error" not in text, page
