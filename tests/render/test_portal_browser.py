"""The portal of real reports as a reader gets it: sound pages, and Chromium at desktop and phone widths.

Screenshots are kept in ``tests/artifacts/portal-*.png``. A probe script, added to a copy of
each page, reports the page's width against the window's and tries the filter box.
"""

import re

import pytest
from html_tree import parse_html, text

from conftest import open_in_chromium

pytestmark = pytest.mark.slow

PROBE = """<script>
var layout = function () {
  var outside = Array.prototype.filter.call(document.querySelectorAll("body *"), function (e) {
    return !e.closest(".table-wrap") && e.getBoundingClientRect().right > window.innerWidth + 0.5;
  });
  console.log("PROBE layout " + document.documentElement.scrollWidth + " " + window.innerWidth
              + " " + outside.length);
};
// headless Chromium loads narrow pages in a window of at least 500 px, then sets the width
// asked for before the screenshot: the layout is measured after that resize too
window.addEventListener("resize", layout);
window.addEventListener("load", function () {
  layout();
  var input = document.getElementById("filter");
  if (!input) { return; }
  var shown = function () {
    return Array.prototype.filter.call(document.querySelectorAll("[data-search]"),
                                       function (e) { return !e.hidden; }).map(function (e) {
      return e.closest("section").id + "/" + e.querySelector("h3").textContent; }).join(",");
  };
  console.log("PROBE form-hidden " + input.form.hidden);
  input.value = "HONG dan";
  input.dispatchEvent(new Event("input"));
  console.log("PROBE filter " + shown() + " none-hidden " + document.getElementById("filter-none").hidden);
  input.value = "nowhere at all";
  input.dispatchEvent(new Event("input"));
  console.log("PROBE nothing " + shown() + " none-hidden " + document.getElementById("filter-none").hidden);
  input.value = "";
  input.dispatchEvent(new Event("input"));
});
</script>"""


def pages(out):
    return sorted([*out.glob("index*.html"), *out.glob("units/*/*.html")])


def page_language(out, page) -> str:
    relative = page.relative_to(out).as_posix()
    match = re.fullmatch(r"index\.(\w+)\.html|units/(\w+)/.*", relative)
    return (match.group(1) or match.group(2)) if match else "vi"


def test_every_page_is_well_formed_with_headings_in_order_and_charts_described(sample_portal):
    found = pages(sample_portal)
    assert len(found) == 6
    charts = 0
    for page in found:
        html = page.read_text(encoding="utf-8")
        root = parse_html(html)   # every element closed, in order
        assert next(root.iter("html")).get("lang") == page_language(sample_portal, page), page
        levels = [int(e.tag[1]) for e in root.iter() if re.fullmatch(r"h[1-6]", str(e.tag))]
        assert levels[0] == 1 and levels.count(1) == 1, page
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (page, levels)
        for svg in root.iter("svg"):
            if svg.get("aria-hidden") == "true":
                continue   # a legend's swatch: its words stand beside it
            charts += 1
            assert svg.get("role") == "img" and svg.get("aria-label").strip(), page
            assert text(svg.find("title")) == svg.get("aria-label")
        urls = re.findall(r'(?:href|src)="([^"]*)"', html)
        assert not [u for u in urls if re.match(r"[a-z][a-z0-9+.-]*:|//", u)], page
        assert not root.findall(".//img") and "<link" not in html and "url(" not in html
    assert charts == 2 * (4 + 4)   # in each language: hongdan's quarters, baclieu's half years


def probe(page, screenshot, width):
    """Open a copy of ``page`` with the probe in Chromium; the probe's lines and the requests."""
    copy = page.with_name(f".probe-{page.name}")
    copy.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"),
                    encoding="utf-8")
    try:
        console, requests = open_in_chromium(copy, screenshot, width=width, height=2600)
    finally:
        copy.unlink()
    lines = [m.group(1) for line in console for m in [re.search(r'"PROBE (.*?)"', line)] if m]
    errors = [line for line in console if "PROBE" not in line]
    return lines, requests, errors


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ["index.html", "index.en.html", "units/vi/hongdan.html",
                                  "units/en/baclieu.html"])
def test_pages_fit_the_window_and_fetch_nothing_in_chromium(sample_portal, artifacts, name, width):
    shot = artifacts / f"portal-{name.replace('/', '-').removesuffix('.html')}-{width}.png"
    lines, requests, errors = probe(sample_portal / name, shot, width)
    assert requests == [] and errors == []
    last = [line for line in lines if line.startswith("layout ")][-1]
    scroll, inner, outside = map(int, last.removeprefix("layout ").split())
    assert inner == width and scroll <= inner and outside == 0, last
    assert shot.stat().st_size > 10_000


def test_the_filter_box_keeps_the_units_that_match_ignoring_tone_marks(sample_portal, artifacts):
    lines, _, _ = probe(sample_portal / "index.html", artifacts / "portal-filter.png", 1280)
    assert [line for line in lines if not line.startswith("layout ")] == [
        "form-hidden false",
        "filter p-2020Q2/Huyện Hồng Dân,p-2020Q1/Huyện Hồng Dân,p-2019Q4/Huyện Hồng Dân,"
        "p-2019Q3/Huyện Hồng Dân,p-2019Q2/Huyện Hồng Dân none-hidden true",
        "nothing  none-hidden false"]
