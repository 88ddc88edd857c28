"""``briefing site``: the portal made from real reports, rebuilt in place, fast, and safe."""

import copy
import json
import re
import shutil

import pytest

from briefing.run.site import MANIFEST, build_site
from conftest import EARLIER_METRICS, run_briefing

pytestmark = pytest.mark.slow


def report_files(out):
    """Every file of every report a reader may open (not the notebooks, not the metrics)."""
    return sorted(p.relative_to(out).as_posix() for p in out.glob("*/*/*.*.*")
                  if p.suffix not in (".ipynb", ".json") and not p.name.startswith("."))


def links(page):
    return set(re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8")))


def test_the_index_links_every_file_of_every_real_report(sample_portal):
    files = report_files(sample_portal)
    assert files == ["2020Q2/hongdan/briefing.vi.html", "2020S1/baclieu/briefing.en.html",
                     "2020S1/baclieu/briefing.vi.html"]
    for index in ("index.html", "index.en.html"):
        assert set(files) <= links(sample_portal / index), index
    for page in sample_portal.glob("units/*/*.html"):
        for href in links(page):
            assert (page.parent / href).resolve().is_file(), (page, href)
    for href in links(sample_portal / "index.html"):
        assert (sample_portal / href).is_file(), href


def test_every_unit_with_a_report_has_a_page_in_every_language(sample_portal):
    pages = sorted(p.relative_to(sample_portal).as_posix() for p in sample_portal.glob("units/*/*"))
    assert pages == ["units/en/baclieu.html", "units/en/hongdan.html",
                     "units/vi/baclieu.html", "units/vi/hongdan.html"]
    hongdan = (sample_portal / "units/vi/hongdan.html").read_text(encoding="utf-8")
    # the quarters: 2019Q2-2020Q1 from the metrics files added, 2020Q2 from the real report
    assert "Biểu đồ Đào tạo nghề (từ Quý II/2019 đến Quý II/2020)." in hongdan
    index = (sample_portal / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<section class="period" id="p-([^"]+)"', index) == [
        "2020S1", "2020Q2", "2020Q1", "2019S2", "2019Q4", "2019Q3", "2019S1", "2019Q2"]
    assert len(EARLIER_METRICS) == 8


def test_real_reports_write_the_labels_the_portal_reads(sample_reports):
    vi = json.loads((sample_reports / "2020S1/baclieu/metrics.vi.json").read_text(encoding="utf-8"))
    en = json.loads((sample_reports / "2020S1/baclieu/metrics.en.json").read_text(encoding="utf-8"))
    district = json.loads((sample_reports / "2020Q2/hongdan/metrics.vi.json").read_text(encoding="utf-8"))
    assert (vi["labels"]["org_unit_name"], vi["labels"]["period_name"]) == (
        "Tỉnh Bạc Liêu", "6 tháng đầu năm 2020")
    assert (en["labels"]["org_unit_name"], en["labels"]["period_name"]) == ("Bac Lieu Province", "H1 2020")
    assert (vi["labels"]["parent"], vi["labels"]["ancestors"], vi["labels"]["tree_order"]) == (None, [], 0)
    assert district["labels"]["parent"] == "baclieu"
    assert district["labels"]["ancestors"] == [{"org_unit": "baclieu", "name": "Tỉnh Bạc Liêu"}]
    assert en["labels"]["indicators"]["voc_trained"] == {
        "name": "Vocational training", "unit": "people", "sector": "jobs", "kind": "flow",
        "direction": "up", "decimals": 0, "part_of": None}
    assert en["labels"]["indicators"]["voc_trained.short"]["part_of"] == "voc_trained"
    assert list(en["labels"]["indicators"]) == [row["indicator_id"] for row in en["indicators"]]


@pytest.fixture
def out(sample_reports, tmp_path):
    target = tmp_path / "out"
    shutil.copytree(sample_reports, target)
    return target


def test_the_command_writes_the_portal_then_changes_nothing_when_run_again(out):
    first = run_briefing("site", "--out", out)
    assert first.returncode == 0, first.stderr
    assert f"portal: {out}/index.html (2 report folders, 2 periods, 2 units, vi, en; 6 of 6 " \
           "pages changed" in first.stdout
    times = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    second = run_briefing("site", "--out", out)
    assert second.returncode == 0 and "; 0 of 6 pages changed" in second.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.html")} == times
    leftovers = [p.name for p in out.rglob(".*.tmp")]
    assert leftovers == []   # no temporary file left behind


@pytest.mark.parametrize("make, message", [
    (lambda tmp: tmp / "missing", "output folder {out} does not exist"),
    (lambda tmp: tmp, "no reports in {out}"),
], ids=["missing", "empty"])
def test_no_folder_or_no_report_exits_2_with_a_message(tmp_path, make, message):
    out = make(tmp_path)
    (tmp_path / "2020S1" / "P").mkdir(parents=True)   # a folder without a metrics file
    result = run_briefing("site", "--out", out)
    assert result.returncode == 2
    assert result.stderr.startswith("error: " + message.format(out=out))
    assert not (tmp_path / "index.html").exists()


def test_pages_no_report_calls_for_are_removed_and_nothing_else(out):
    build_site(out)
    (out / "units" / "notes.html").write_text("mine", encoding="utf-8")
    (out / "about.html").write_text("mine", encoding="utf-8")
    shutil.rmtree(out / "2020Q2")
    result = build_site(out)
    assert sorted(p.relative_to(out).as_posix() for p in out.glob("units/*/*.html")) == [
        "units/en/baclieu.html", "units/vi/baclieu.html"]
    assert (out / "units/notes.html").is_file() and (out / "about.html").is_file()
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8")) == sorted(result.pages)
    for path in out.glob("2020S1/baclieu/*.en.*"):
        path.unlink()
    build_site(out)   # no English report is left: no English page either
    assert not (out / "index.en.html").exists() and not (out / "units/en").exists()
    assert sorted(p.relative_to(out).as_posix() for p in out.glob("units/*/*.html")) == [
        "units/vi/baclieu.html"]


def test_files_that_are_not_metrics_documents_are_named_and_passed_over(out):
    (out / "2020S1" / "broken").mkdir()
    (out / "2020S1/broken/metrics.vi.json").write_text("{not json", encoding="utf-8")
    (out / "2020S1/.baclieu.staging-x").mkdir()
    shutil.copy(out / "2020S1/baclieu/metrics.vi.json", out / "2020S1/.baclieu.staging-x")
    (out / "notes").mkdir()
    result = run_briefing("site", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "  not listed: 2020S1/broken/metrics.vi.json: not readable as JSON (JSONDecodeError)" \
        in result.stdout
    assert "broken" not in (out / "index.html").read_text(encoding="utf-8")
    assert "staging" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_metrics_file_without_labels_is_listed_with_ids(out):
    path = out / "2020Q2/hongdan/metrics.vi.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    del document["labels"]
    path.write_text(json.dumps(document), encoding="utf-8")
    build_site(out)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="units/vi/hongdan.html">hongdan</a>' in index
    assert "<dt>voc_trained</dt>" in index


def test_hundreds_of_reports_make_one_page_per_unit(sample_reports, tmp_path):
    """360 reports of 60 units (the time it takes is measured by make bench, not here)."""
    template = json.loads((sample_reports / "2020Q2/hongdan/metrics.vi.json").read_text(encoding="utf-8"))
    out = tmp_path / "many"
    periods = ["2019Q3", "2019Q4", "2020Q1", "2020Q2", "2019S2", "2020S1"]
    units = [f"d{i:02d}" for i in range(60)]
    for period in periods:
        for order, unit in enumerate(units):
            document = copy.deepcopy(template)
            document.update(period=period, org_unit=unit)
            document["labels"].update(org_unit_name=f"Huyện {order}", tree_order=order + 1)
            folder = out / period / unit
            folder.mkdir(parents=True)
            (folder / "metrics.vi.json").write_text(json.dumps(document, ensure_ascii=False),
                                                    encoding="utf-8")
            (folder / "briefing.vi.html").write_text("<p>report</p>", encoding="utf-8")
    result = build_site(out)
    assert (result.reports, len(result.pages)) == (360, 61)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('<li class="unit" style="--depth: 1"') == 360
    assert index.count('<li class="unit without-report" style="--depth: 0"') == 6   # baclieu
