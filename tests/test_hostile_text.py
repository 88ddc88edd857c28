"""Text from data and params is shown as text: never markup, never a formula, never a path.

One real run (HTML and PDF) of a data set whose every name is hostile, with a
params file whose every header field is too.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
import yaml

from conftest import INDICATORS, ORG_UNITS, open_in_chromium, pdf_text, run_briefing, visible_text, write_tables

pytestmark = pytest.mark.slow

SCRIPT = "<script>alert(1)</script>"
IMAGE = '<img src="http://example.invalid/x.png" onerror="alert(2)">'
FORMULA = "Thu nhập $x^2$ triệu"
HOSTILE_NAMES = {
    "Đào tạo nghề": f"Đào tạo {SCRIPT}",
    "Người tham gia BHXH": f"Người {IMAGE} BHXH",
    "Tai nạn lao động": FORMULA,
    "Huyện 2": "Huyện <b>2</b> & {{ 7*7 }}",
    "Tỉnh P": "Tỉnh </style><h1>P</h1>",
}
SECTORS = f"sector,name_vi,name_en\njobs,Việc làm {SCRIPT},Jobs\ninsurance,BHXH,Insurance\n" \
          "social,Xã hội,Social\nsafety,An toàn,Safety\n"
HEADER = {
    "issuer": f"SỞ LAO ĐỘNG {SCRIPT}",
    "parent_body": '<iframe src="http://example.invalid/"></iframe>',
    "place": "Bạc Liêu {% raw %}",
    "doc_number": "12/BC-<i>SLĐTBXH</i>",
    "subject": "Báo cáo ${{ 7*7 }}$",
    "signer": "Nguyễn Văn <u>A</u>",
    "signer_title": "GIÁM ĐỐC \\\\ & <br>",
    "recipients": [f"Như trên {SCRIPT}", "Lưu: VT."],
}
#: What would be markup if a name were pasted into the page unescaped.
RAW_MARKUP = (SCRIPT, IMAGE, "<b>2</b>", "</style><h1>", "<iframe", "<i>SLĐTBXH</i>", "<u>A</u>",
              "& <br>")


def hostile(text: str) -> str:
    for name, replacement in HOSTILE_NAMES.items():
        text = text.replace(name, replacement)
    return text


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    values = "indicator_id,org_unit,period,value\n" + "".join(
        f"{i},{u},{y}-{m:02d},{v}\n" for i, u, v in (("trained", "D1", 1505), ("trained", "D2", 500),
                                                      ("accidents", "D1", 2))
        for y in (2019, 2020) for m in range(1, 7)) + "members,P,2020-05,37652\n"
    write_tables(folder / "data", indicators=hostile(INDICATORS), org_units=hostile(ORG_UNITS),
                 values=values, sectors=SECTORS,
                 targets="indicator_id,org_unit,year,target\ntrained,P,2020,24060\n"
                                 "accidents,P,2020,20\n")
    params = folder / "run.yaml"
    params.write_text(yaml.safe_dump({"data": "data", "period": "2020S1", "unit": "P",
                                      "to": ["html", "pdf"], "out": "out", **HEADER},
                                     allow_unicode=True), encoding="utf-8")
    result = run_briefing("run", params)
    assert result.returncode == 0, result.stderr
    return folder / "out" / "2020S1" / "P"


def test_no_hostile_name_becomes_markup_in_the_html(hostile_run):
    html = (hostile_run / "briefing.vi.html").read_text(encoding="utf-8")
    for raw in RAW_MARKUP:
        assert raw.lower() not in html.lower(), raw
    assert "<script" not in html.lower()


def test_hostile_names_read_literally_in_the_html(hostile_run):
    text = visible_text(hostile_run / "briefing.vi.html")
    for literal in (SCRIPT, IMAGE, "Huyện <b>2</b> & {{ 7*7 }}", "12/BC-<i>SLĐTBXH</i>",
                    '<iframe src="http://example.invalid/"></iframe>', "Nguyễn Văn <u>A</u>",
                    f"Như trên {SCRIPT}", "Bạc Liêu {% raw %}", "Báo cáo ${{ 7*7 }}$", "Tỉnh </style><h1>P</h1>"):
        assert literal in text, literal


def chart_svgs(html: str) -> list[str]:
    """The SVG documents of the charts, embedded as data: URIs."""
    import base64

    return [base64.b64decode(data).decode("utf-8")
            for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)]


def test_chart_labels_are_text_not_formulas(hostile_run):
    svgs = chart_svgs((hostile_run / "briefing.vi.html").read_text(encoding="utf-8"))
    assert len(svgs) >= 2
    labels = [unescape(t) for svg in svgs for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    # long names wrap over two <text> lines; dollars kept, nothing typeset as a formula
    assert any(label.startswith(FORMULA) for label in labels), labels
    assert SCRIPT in labels, labels
    assert not any("<script" in svg for svg in svgs)


def test_hostile_names_read_literally_in_the_pdf(hostile_run):
    text = re.sub(r"\s+", "", pdf_text(hostile_run / "briefing.vi.pdf"))  # lines wrap anywhere
    for literal in (f"Đào tạo {SCRIPT}", "Huyện <b>2</b> & {{ 7*7 }}", "Nguyễn Văn <u>A</u>",
                    "12/BC-<i>SLĐTBXH</i>", FORMULA, f"SỞ LAO ĐỘNG {SCRIPT}".upper()):
        assert re.sub(r"\s+", "", literal) in text, literal


def test_the_browser_runs_nothing_and_fetches_nothing(hostile_run, artifacts):
    console, requests = open_in_chromium(hostile_run / "briefing.vi.html",
                                         artifacts / "hostile-text.png", height=1600)
    assert requests == []
    assert not [line for line in console if "alert" in line or "error" in line.lower()]


@pytest.mark.parametrize("unit", ["../../etc", "..", "/tmp/x", "P/../../x", "-rf"])
def test_units_that_are_paths_are_refused_before_anything_is_written(tmp_path, unit):
    data = write_tables(tmp_path / "data", indicators=INDICATORS, org_units=ORG_UNITS,
                        values="indicator_id,org_unit,period,value\ntrained,P,2020-01,5\n")
    result = run_briefing("run", "--data", data, "--period", "2020-01", f"--unit={unit}",
                          "--out", tmp_path / "out")
    assert result.returncode == 2, result.stderr
    assert f"unit {unit!r}" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]
