"""What an analyst sees in JupyterLab: one sector alone, and sections with the report's style."""

import re

import pytest

from briefing.errors import ParamsError
from briefing.paths import stylesheet
from briefing.render.reports.base import HtmlBlock
from briefing.render.reports.briefing import prepare_report
from briefing.render.reports.styles import (
    SECTION_END,
    SECTION_START,
    WRAPPER_CLASS,
    notebook_html,
    scoped_stylesheet,
    section_of,
)
from conftest import months_rows


@pytest.fixture
def report(make_dataset):
    values = months_rows("trained", "P", 2020, [10] * 6) + months_rows("members", "P", 2020, [90] * 6)
    return prepare_report(make_dataset(values=values), "2020S1", "P", "en")


def test_each_sector_alone_is_its_part_of_the_sector_sections(report):
    jobs, insurance = report.sector("jobs"), report.sector("insurance")
    assert isinstance(jobs, HtmlBlock)
    assert jobs + insurance == str(report.sector_sections())
    assert jobs.startswith("<h2>II. ") and "Table 1." in jobs and "Table 2." in insurance


@pytest.mark.parametrize("key, message", [
    ("labour", "sector 'labour' is not a sector of the catalogue; this briefing's sectors: "
               "jobs, insurance"),
    ("safety", "sector 'safety' has no figures for 2020S1 in P; this briefing's sectors: "
               "jobs, insurance"),
])
def test_an_unknown_sector_lists_the_sectors_of_the_briefing(report, key, message):
    with pytest.raises(ParamsError) as caught:
        report.sector(key)
    assert str(caught.value) == message


def test_a_section_in_a_notebook_carries_the_report_stylesheet(report):
    block = report.key_figures()
    shown = block._repr_html_()
    assert shown.startswith(f'<div class="{WRAPPER_CLASS}"><style>')
    style = re.search(r"<style>(.*?)</style>", shown, re.S).group(1)
    assert style == scoped_stylesheet()
    assert f".{WRAPPER_CLASS} .key-figure{{" in style and "--good: #009e73" in style
    assert shown.count("<style") == 1
    assert section_of(shown) == str(block)
    assert shown.endswith(f"{SECTION_START}{block}{SECTION_END}</div>")


def test_the_scoped_stylesheet_styles_only_the_section_and_not_for_print():
    css = scoped_stylesheet()
    assert "@page" not in css and "@media print" not in css and "@media (max-width: 640px)" in css
    rules = re.sub(r"@media[^{]*\{", "", css)
    selectors = [s for prelude in re.findall(r"([^{}]+)\{", rules)
                 for s in re.split(r",(?![^(]*\))", prelude)]
    assert len(selectors) > 60
    assert [s for s in selectors if not s.startswith(f".{WRAPPER_CLASS}")] == []
    # every rule of the screen stylesheet is there, under the wrapper
    for rule in ("td.num", "figure.chart img", ".closing p", ".doc-header .issuer"):
        assert f".{WRAPPER_CLASS} {rule}{{" in css, rule
    assert ".key-figure" in stylesheet("report.css")


def test_an_empty_section_shows_nothing_and_markers_are_optional():
    assert HtmlBlock("")._repr_html_() == ""
    assert notebook_html("") == ""
    assert section_of("<p>plain</p>") == "<p>plain</p>"
