"""Exports: the PDF on A4 in the official layout, text and figures intact; the HTML template."""

import re
import shutil
import subprocess
import sys

import pytest

from conftest import INDICATORS, ORG_UNITS, ROOT, pdf_text, write_tables

pytestmark = pytest.mark.slow
MM = 72 / 25.4


def briefing(*args):
    return subprocess.run([sys.executable, "-m", "briefing", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


def words_with_boxes(pdf, page):
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', out)]


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    for params in ("2020S1-baclieu.yaml", "2020S1-baclieu-en.yaml"):
        result = briefing("run", ROOT / "params" / params, "--to", "html,pdf", "--out", out)
        assert result.returncode == 0, result.stderr
    return out / "2020S1" / "baclieu"


def test_pdf_is_a4(province):
    from pypdf import PdfReader

    for lang in ("vi", "en"):
        reader = PdfReader(province / f"briefing.{lang}.pdf")
        assert len(reader.pages) >= 5, "the whole province spans several pages"
        for page in reader.pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_pdf_text_has_the_figures_and_phrases_with_diacritics(province):
    text = re.sub(r"\s+", " ", pdf_text(province / "briefing.vi.pdf"))
    for phrase in ("18.050", "56,4%", "so với cùng kỳ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                   "Độc lập - Tự do - Hạnh phúc", "Bạc Liêu, ngày 24 tháng 7 năm 2020", "BÁO CÁO",
                   "Giải quyết việc làm cho 11.461 người, đạt 63,7% kế hoạch năm, giảm 20,2% so với cùng kỳ",
                   "UBND TỈNH BẠC LIÊU", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Số: 207/BC-SLĐTBXH",
                   "Nơi nhận:", "KT. GIÁM ĐỐC", "Nguyễn Văn A"):
        assert phrase in text, phrase
    html = (province / "briefing.vi.html").read_text(encoding="utf-8")
    assert "giảm 20,2% so với cùng kỳ" in html


def test_english_pdf_uses_the_same_layout_with_english_text(province):
    text = re.sub(r"\s+", " ", pdf_text(province / "briefing.en.pdf"))
    for phrase in ("SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness",
                   "Bac Lieu, 24 July 2020", "REPORT", "18,050", "56.4%", "Recipients:"):
        assert phrase in text, phrase


def test_page_numbers_from_page_two_centred_in_the_top_margin(province):
    pdf = province / "briefing.vi.pdf"
    first = words_with_boxes(pdf, 1)
    assert min(w[1] for w in first) > 20 * MM, "nothing printed in page 1's top margin"
    second = words_with_boxes(pdf, 2)
    number = [w for w in second if w[4] == "2" and w[3] < 20 * MM]
    assert len(number) == 1
    centre = (number[0][0] + number[0][2]) / 2
    assert abs(centre - (30 * MM + (595.28 - 15 * MM)) / 2) < 3


def test_margins_follow_decree_30(province):
    words = words_with_boxes(province / "briefing.vi.pdf", 2)
    body = [w for w in words if w[1] > 20 * MM]
    assert abs(min(w[0] for w in body) - 30 * MM) < 1            # left 30 mm
    assert max(w[2] for w in body) <= 595.28 - 15 * MM + 1       # right 15 mm
    assert max(w[3] for w in body) <= 841.89 - 20 * MM + 1       # bottom 20 mm


def test_a_long_table_crosses_page_breaks_with_its_header_repeated(tmp_path):
    count = 45
    catalogue = "indicator_id,sector,name_vi,unit_vi,kind\n" + "".join(
        f"ind{i:02d},jobs,Chỉ tiêu số {i} có tên khá dài để xuống dòng,người,flow\n" for i in range(count))
    values = "indicator_id,org_unit,period,value\n" + "".join(
        f"ind{i:02d},P,2020S1,{1000 + i}\n" for i in range(count))
    data = write_tables(tmp_path / "data", indicators=catalogue, values=values)
    result = briefing("run", "--data", data, "--period", "2020S1", "--to", "html,pdf",
                      "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "out/2020S1/P/briefing.vi.pdf"
    pages_with_header = [p for p in range(1, 6) if "Đánh giá" in pdf_text(pdf, p, p)]
    assert len(pages_with_header) >= 2, "the table's header row is repeated on the next page"
    rows_seen = [n for n in range(count) if f"Chỉ tiêu số {n} có" in re.sub(r"\s+", " ", pdf_text(pdf))]
    assert len(rows_seen) == count, "every row printed once, none lost at the break"


def test_first_page_rendered_for_people_to_look_at(province, artifacts):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm is missing; `make system` installs poppler-utils")
    for lang in ("vi", "en"):
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                        str(province / f"briefing.{lang}.pdf"), str(artifacts / f"briefing.{lang}.page1")],
                       check=True)
        assert (artifacts / f"briefing.{lang}.page1.png").stat().st_size > 20_000


@pytest.mark.parametrize("day, dateline", [
    ("2024-02-05", "Hà Nội, ngày 05 tháng 02 năm 2024"),
    ("2020-07-24", "Hà Nội, ngày 24 tháng 7 năm 2020"),
])
def test_dateline_rule_in_the_pdf(tmp_path, day, dateline):
    values = "indicator_id,org_unit,period,value\n" + "".join(
        f"trained,P,2020-{m:02d},10\n" for m in range(1, 7))
    write_tables(tmp_path / "data", indicators=INDICATORS, org_units=ORG_UNITS, values=values)
    params = tmp_path / "run.yaml"
    params.write_text(f"data: data\nperiod: 2020S1\nunit: P\nto: [html, pdf]\nout: out\n"
                      f"place: Hà Nội\nreport_date: {day}\n", encoding="utf-8")
    result = briefing("run", params)
    assert result.returncode == 0, result.stderr
    assert dateline in pdf_text(tmp_path / "out/2020S1/P/briefing.vi.pdf", 1, 1)


def tiny_notebook(*cells):
    import nbformat

    return nbformat.v4.new_notebook(cells=list(cells))


@pytest.mark.parametrize("source", ["# Kết quả chung", "## By procedure\n\nText under it.",
                                    "### Ghi chú"])
def test_markdown_headings_tagged_report_have_no_anchor_link(tmp_path, source):
    """nbconvert adds a visible "¶" link after every heading; an official's page has none."""
    import nbformat

    from briefing.run.export import ExportJob, export_html

    cell = nbformat.v4.new_markdown_cell(source, metadata={"tags": ["report"]})
    output = nbformat.v4.new_output("display_data", {"text/markdown": source})
    shown = nbformat.v4.new_code_cell("", outputs=[output])
    job = ExportJob(tiny_notebook(cell, shown), tmp_path, "tiny", "vi", "Tiny", "generated")
    html = export_html(job).read_text(encoding="utf-8")
    heading = source.split("\n")[0].lstrip("# ")
    assert html.count(heading) >= 2            # the tagged cell and the markdown output are shown
    assert "¶" not in html and "&para;" not in html and "anchor-link" not in html
