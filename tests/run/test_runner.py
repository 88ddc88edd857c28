"""``briefing run`` end to end: real papermill, real kernels, real nbconvert.

Expected figures are computed here from the CSV rows and formatted by hand,
not read back from the library.
"""

import csv
import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import INDICATORS, ORG_UNITS, ROOT, SAMPLE, open_in_chromium, visible_text, write_tables

SPEC_INDICATOR_KEYS = ["indicator_id", "org_unit", "period", "value", "as_of", "ytd_value",
                       "target", "attainment_pct", "expected_pct", "status", "previous_value",
                       "change_abs", "change_pct", "previous_ytd_value", "projected_value",
                       "projected_pct", "flags"]
SPEC_ADMIN_KEYS = ["received", "carried_over", "resolved", "early", "on_time", "late", "pending",
                   "pending_overdue", "early_pct", "on_time_pct", "late_pct"]

pytestmark = pytest.mark.slow


def briefing(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "briefing", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=600)


def vi_number(value: float, decimals: int = 0) -> str:
    """Vietnamese number written by hand: 18050 -> 18.050, 56.406 -> 56,4 (half-up)."""
    from decimal import ROUND_HALF_UP, Decimal

    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{rounded:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return grouped + ("," + fraction if fraction else "")


def en_number(value: float, decimals: int = 0) -> str:
    return vi_number(value, decimals).replace(".", "\0").replace(",", ".").replace("\0", ",")


# --- a mini data set whose every figure is known by hand --------------------------------

MINI_VALUES = (
    "indicator_id,org_unit,period,value\n"
    + "".join(f"trained,D1,2020-{m:02d},1505\n" for m in range(1, 7))
    + "".join(f"trained,D2,2020-{m:02d},500\n" for m in range(1, 7))
    + "".join(f"trained,D1,2019-{m:02d},1000\n" for m in range(1, 7))
    + "".join(f"trained,D2,2019-{m:02d},1000\n" for m in range(1, 7))
    + "members,P,2019-05,37705\nmembers,P,2020-05,37652\n"
    + "poverty,P,2019Q2,3.85\npoverty,P,2020Q2,3.1\n"
)
MINI_TARGETS = "indicator_id,org_unit,year,target\ntrained,P,2020,24060\npoverty,P,2020,2.6\n"


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mini")
    data = write_tables(folder / "data", indicators=INDICATORS, org_units=ORG_UNITS,
                        values=MINI_VALUES, targets=MINI_TARGETS)
    out = folder / "out"
    result = briefing("run", "--data", data, "--period", "2020S1", "--unit", "P", "--out", out)
    assert result.returncode == 0, result.stderr
    return out / "2020S1" / "P"


def test_mini_report_shows_hand_computed_figures(mini):
    text = visible_text((mini / "briefing.vi.html").read_text(encoding="utf-8"))
    trained = 6 * 1505 + 6 * 500               # 12.030, rolled up from two districts
    assert f"{vi_number(trained)} người" in text
    assert f"đạt {vi_number(100 * trained / 24060, 1)}% kế hoạch năm" in text   # 50,0%
    assert f"tăng {vi_number(100 * (trained - 12000) / 12000, 1)}% so với cùng kỳ" in text
    assert "Tính đến tháng 5/2020" in text and "37.652 người" in text
    assert "giảm 53 người (0,1%) so với cùng kỳ" in text
    assert "giảm được 0,75 điểm phần trăm so với cùng kỳ" in text
    assert "thủ tục hành chính" not in text.lower(), "no dossiers.csv: no such section"


def test_metrics_file_has_every_spec_key_with_the_library_values(mini):
    import briefing as lib

    document = json.loads((mini / "metrics.vi.json").read_text(encoding="utf-8"))
    assert list(document) == ["period", "org_unit", "lang", "inputs", "indicators",
                              "admin_procedures", "labels"]
    assert (document["labels"]["org_unit_name"], document["labels"]["period_name"]) == (
        "Tỉnh P", "6 tháng đầu năm 2020")
    assert (document["period"], document["org_unit"], document["lang"]) == ("2020S1", "P", "vi")
    assert set(document["inputs"]) == {"indicators.csv", "org_units.csv", "values.csv",
                                       "targets.csv"}
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in document["inputs"].values())
    assert document["admin_procedures"] is None
    expected = lib.load_dataset(mini.parents[2] / "data").metrics("2020S1", "P")
    for entry, (_, row) in zip(document["indicators"], expected.iterrows()):
        assert list(entry) == SPEC_INDICATOR_KEYS
        for key in SPEC_INDICATOR_KEYS:
            want = row[key]
            if isinstance(want, float) and want != want:
                want = None
            assert entry[key] == want, (entry["indicator_id"], key)
    trained = next(e for e in document["indicators"] if e["indicator_id"] == "trained")
    assert trained["value"] == 12030 and trained["attainment_pct"] == pytest.approx(50.0)


def test_html_has_no_code_prompt_traceback_script_or_network_request(mini):
    html = (mini / "briefing.vi.html").read_text(encoding="utf-8")
    for forbidden in ("import briefing", "prepare_report", "In&nbsp;[", "In [", "Traceback",
                      "<script", "jp-InputArea", "HtmlBlock"):
        assert forbidden not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert re.search(r'<html lang="vi">', html)
    assert 'class="num"' in html


def test_executed_notebook_is_kept_without_run_metadata(mini):
    notebook = json.loads((mini / "briefing.vi.ipynb").read_text(encoding="utf-8"))
    assert "start_time" not in json.dumps(notebook["metadata"])
    counts = [c["execution_count"] for c in notebook["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))


# --- the sample data: both languages, a district and the province, a quarter and a half ----


def sample_sums(indicator, units, months):
    with open(SAMPLE / "values.csv", encoding="utf-8") as handle:
        return sum(float(r["value"]) for r in csv.DictReader(handle)
                   if r["indicator_id"] == indicator and r["org_unit"] in units
                   and r["period"] in months)


DISTRICTS = ["tp-baclieu", "giarai", "hongdan", "phuoclong", "vinhloi", "hoabinh", "donghai"]
H1_2020 = [f"2020-{m:02d}" for m in range(1, 7)]
Q2_2020 = ["2020-04", "2020-05", "2020-06"]


@pytest.fixture(scope="module")
def sample_runs(sample_reports):
    return sample_reports


def test_province_half_year_in_vietnamese(sample_runs):
    html = (sample_runs / "2020S1/baclieu/briefing.vi.html").read_text(encoding="utf-8")
    text = visible_text(html)
    trained = sample_sums("voc_trained", DISTRICTS, H1_2020)
    jobs = sample_sums("jobs_created", DISTRICTS, H1_2020)
    jobs_2019 = sample_sums("jobs_created", DISTRICTS, [m.replace("2020", "2019") for m in H1_2020])
    assert f"Đào tạo nghề cho {vi_number(trained)} người, đạt {vi_number(100 * trained / 32000, 1)}%" in text
    assert (f"Giải quyết việc làm cho {vi_number(jobs)} người, đạt {vi_number(100 * jobs / 18000, 1)}% "
            f"kế hoạch năm, giảm {vi_number(100 * (jobs_2019 - jobs) / jobs_2019, 1)}% so với cùng kỳ") in text
    for phrase in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   "Bạc Liêu, ngày 24 tháng 7 năm 2020", "Số: 207/BC-SLĐTBXH", "BÁO CÁO",
                   "Nơi nhận:", "Phụ lục: Nguồn số liệu", "Tính đến tháng 5/2020"):
        assert phrase in text
    assert '<html lang="vi">' in html


def test_province_half_year_in_english(sample_runs):
    html = (sample_runs / "2020S1/baclieu/briefing.en.html").read_text(encoding="utf-8")
    text = visible_text(html)
    trained = sample_sums("voc_trained", DISTRICTS, H1_2020)
    share = en_number(100 * trained / 32000, 1)
    assert f"Vocational training reached {en_number(trained)} people, {share}% of the annual plan" in text
    assert "SOCIALIST REPUBLIC OF VIET NAM" in text and "Bac Lieu, 24 July 2020" in text
    assert '<html lang="en">' in html
    metrics = json.loads((sample_runs / "2020S1/baclieu/metrics.en.json").read_text())
    assert metrics["lang"] == "en"
    assert (sample_runs / "2020S1/baclieu/metrics.vi.json").exists(), "both languages side by side"


def test_district_quarter(sample_runs):
    text = visible_text((sample_runs / "2020Q2/hongdan/briefing.vi.html").read_text(encoding="utf-8"))
    trained = sample_sums("voc_trained", ["hongdan"], Q2_2020)
    assert f"Đào tạo nghề cho {vi_number(trained)} người" in text
    assert "Quý II/2020" in text and "Hồng Dân, ngày 10 tháng 7 năm 2020" in text
    metrics = json.loads((sample_runs / "2020Q2/hongdan/metrics.vi.json").read_text())
    assert metrics["period"] == "2020Q2" and metrics["org_unit"] == "hongdan"


def test_report_opens_in_a_real_browser_without_console_errors(sample_runs, artifacts):
    page = sample_runs / "2020S1/baclieu/briefing.vi.html"
    console, requests = open_in_chromium(page, artifacts / "briefing.vi.desktop.png")
    assert console == [] and requests == []
    console, requests = open_in_chromium(page, artifacts / "briefing.vi.phone.png", 390, 2400)
    assert console == [] and requests == []


# --- failures ---------------------------------------------------------------------------


def test_failing_cell_exits_one_names_it_and_keeps_the_previous_report(tmp_path):
    data = write_tables(tmp_path / "data", indicators=INDICATORS, org_units=ORG_UNITS,
                        values=MINI_VALUES, targets=MINI_TARGETS)
    out = tmp_path / "out"
    good = briefing("run", "--data", data, "--period", "2020S1", "--unit", "P", "--out", out,
                    "--notebook", "briefing")
    assert good.returncode == 0, good.stderr
    folder = out / "2020S1" / "P"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    failing = ROOT / "tests" / "notebooks" / "raises.ipynb"
    shutil.copy(failing, tmp_path / "briefing.ipynb")   # same stem: it would overwrite the report
    bad = briefing("run", "--data", data, "--period", "2020S1", "--unit", "P", "--out", out,
                   "--notebook", tmp_path / "briefing.ipynb")
    assert bad.returncode == 1
    assert "notebook briefing.ipynb failed in cell 4" in bad.stderr
    assert "ValueError: planted failure for the tests" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert [p.name for p in folder.parent.iterdir() if "staging" in p.name] == []


@pytest.mark.parametrize("args, fragment", [
    (["--period", "2020S1", "--unit", "nowhere"], "org unit 'nowhere' is not in the data"),
    (["--period", "2030S1"], "the data has no values for 2030S1; it covers 2018-01 to 2020-06"),
    (["--period", "2020Q5"], "period '2020Q5': expected a quarter from 1 to 4"),
    (["--period", "2020S1", "--lang", "fr"], "lang 'fr': expected one of vi, en"),
    (["--period", "2020S1", "--notebook", "nope"], "unknown notebook 'nope'"),
    (["--period", "2020S1", "--to", "docx"], "unknown format 'docx'"),
])
def test_bad_parameters_exit_two_before_any_kernel(tmp_path, args, fragment):
    out = tmp_path / "out"
    result = briefing("run", "--data", SAMPLE, "--out", out, *args)
    assert result.returncode == 2
    assert fragment in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() or not any(out.rglob("*.html"))
