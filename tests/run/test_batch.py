"""``briefing batch``: every unit, failures isolated, interrupts clean, warm equals cold, Dask."""

import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SAMPLE, run_briefing

pytestmark = pytest.mark.slow
UNITS = ["baclieu", "tp-baclieu", "giarai", "hongdan", "phuoclong", "vinhloi", "hoabinh", "donghai"]
GENERATED = re.compile(r'<p class="generated">.*?</p>')


@pytest.fixture(scope="module")
def all_units(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch")
    result = run_briefing("batch", "--data", SAMPLE, "--period", "2020S1", "--all-units",
                          "--lang", "vi,en", "--workers", "2", "--out", out)
    assert result.returncode == 0, result.stderr
    return out, result


def test_batch_renders_every_unit_in_both_languages(all_units):
    out, result = all_units
    for unit in UNITS:
        for lang in ("vi", "en"):
            folder = out / "2020S1" / unit
            for name in (f"briefing.{lang}.html", f"briefing.{lang}.ipynb", f"metrics.{lang}.json"):
                assert (folder / name).is_file(), folder / name
    assert (out / "2020S1/baclieu/district_comparison.vi.html").is_file()
    assert "skipped  2020S1/hongdan district_comparison.vi: no child units to compare" in result.stderr
    summary = json.loads((out / "2020S1/batch-summary.json").read_text(encoding="utf-8"))
    assert summary["counts"] == {"ok": 18, "skipped": 14}
    report = next(r for r in summary["reports"] if r["report"] == "2020S1/giarai briefing.en")
    assert report["status"] == "ok" and report["seconds"] > 0 and report["error"] is None
    assert {"params", "files", "cell"} <= set(report)
    assert report["params"]["unit"] == "giarai" and len(report["files"]) == 3


def test_batch_metrics_equal_single_runs(all_units, tmp_path):
    out, _ = all_units
    for unit, lang in (("baclieu", "vi"), ("hongdan", "en")):
        single = run_briefing("run", "--data", SAMPLE, "--period", "2020S1", "--unit", unit,
                              "--lang", lang, "--out", tmp_path)
        assert single.returncode == 0, single.stderr
        name = f"2020S1/{unit}/metrics.{lang}.json"
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes()
    from briefing import load_dataset
    from briefing.run.metrics_file import build_metrics_document

    dataset = load_dataset(SAMPLE)
    for unit in UNITS:
        expected = build_metrics_document(dataset, "2020S1", unit, "vi")
        assert json.loads((out / f"2020S1/{unit}/metrics.vi.json").read_text()) == \
            json.loads(json.dumps(expected))


def test_the_batch_refreshes_the_portal_of_its_output_folder(all_units):
    out, result = all_units
    assert f"portal: {out}/index.html (8 report folders, 1 period, 8 units, vi, en; 18 of 18 " \
        "pages changed" in result.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    for unit in UNITS:
        assert f'href="2020S1/{unit}/briefing.vi.html"' in index
        assert f'href="units/vi/{unit}.html"' in index
    assert 'href="2020S1/baclieu/district_comparison.en.html" hreflang="en"' in index
    assert (out / "units/en/donghai.html").is_file()


def test_a_failing_unit_does_not_stop_the_others(tmp_path):
    notebook = ROOT / "tests/notebooks/fails_for_hongdan.ipynb"
    result = run_briefing("batch", "--data", SAMPLE, "--period", "2020S1",
                          "--units", "baclieu,hongdan,giarai", "--notebook", notebook,
                          "--workers", "2", "--out", tmp_path)
    assert result.returncode == 1
    assert "FAILED  2020S1/hongdan fails_for_hongdan.vi in cell 4: ValueError: planted failure" \
        in result.stderr
    assert "Traceback" not in result.stderr
    summary = json.loads((tmp_path / "2020S1/batch-summary.json").read_text(encoding="utf-8"))
    statuses = {r["params"]["unit"]: r for r in summary["reports"]}
    assert statuses["hongdan"]["status"] == "failed" and statuses["hongdan"]["cell"] == 4
    assert "planted failure for hongdan" in statuses["hongdan"]["error"]
    assert statuses["baclieu"]["status"] == statuses["giarai"]["status"] == "ok"
    assert (tmp_path / "2020S1/giarai/fails_for_hongdan.vi.html").is_file()
    assert not (tmp_path / "2020S1/hongdan").exists()


def test_bad_arguments_exit_two_before_any_worker(tmp_path):
    result = run_briefing("batch", "--data", SAMPLE, "--period", "2020S1", "--units",
                          "baclieu,nowhere", "--out", tmp_path)
    assert result.returncode == 2
    assert "2020S1/nowhere briefing.vi: org unit 'nowhere' is not in the data" in result.stderr
    assert not any(tmp_path.rglob("*.html"))
    result = run_briefing("batch", "--data", SAMPLE, "--period", "2020S1")
    assert result.returncode == 2 and "--all-units" in result.stderr


def test_interrupting_a_batch_leaves_no_half_written_report(tmp_path):
    notebook = ROOT / "tests/notebooks/slow.ipynb"
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "batch", "--data", str(SAMPLE), "--period", "2020S1",
         "--all-units", "--notebook", str(notebook), "--lang", "vi,en", "--workers", "2",
         "--out", str(tmp_path)],
        cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
    lines = []
    for line in process.stderr:
        lines.append(line)
        if line.startswith("ok"):
            break
    time.sleep(1.0)    # others are now mid-run, inside their slow cell
    os.killpg(process.pid, signal.SIGINT)
    _, rest = process.communicate(timeout=120)
    assert process.returncode == 130, "".join(lines) + rest
    assert "interrupted" in rest
    period = tmp_path / "2020S1"
    assert [p.name for p in period.iterdir() if "staging" in p.name or "publish" in p.name] == []
    finished = [p for p in period.iterdir() if p.is_dir()]
    assert finished, "the report that finished before Ctrl-C is kept"
    for folder in finished:
        for lang in {p.name.split(".")[1] for p in folder.glob("slow.*.html")}:
            assert {f"slow.{lang}.html", f"slow.{lang}.ipynb", f"metrics.{lang}.json"} <= \
                {p.name for p in folder.iterdir()}, folder


def test_a_reused_warm_kernel_renders_what_a_fresh_one_renders(tmp_path):
    cold = run_briefing("run", "--data", SAMPLE, "--period", "2020S1", "--unit", "giarai",
                        "--out", tmp_path / "cold")
    assert cold.returncode == 0, cold.stderr
    warm = run_briefing("batch", "--data", SAMPLE, "--period", "2020S1", "--units",
                        "hongdan,baclieu,giarai", "--workers", "1", "--out", tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr
    cold_folder, warm_folder = tmp_path / "cold/2020S1/giarai", tmp_path / "warm/2020S1/giarai"
    assert (cold_folder / "metrics.vi.json").read_bytes() == (warm_folder / "metrics.vi.json").read_bytes()
    html = [GENERATED.sub("", (f / "briefing.vi.html").read_text(encoding="utf-8"))
            for f in (cold_folder, warm_folder)]
    assert html[0] == html[1]
    notebooks = [json.loads((f / "briefing.vi.ipynb").read_text(encoding="utf-8"))
                 for f in (cold_folder, warm_folder)]
    assert notebooks[0]["cells"] == notebooks[1]["cells"]


def test_dask_cluster_runs_the_batch(tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        result = run_briefing("batch", "--data", SAMPLE, "--period", "2020S1",
                              "--units", "baclieu,hongdan", "--executor", "dask",
                              "--scheduler", cluster.scheduler_address, "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "2020S1/batch-summary.json").read_text(encoding="utf-8"))
    assert summary["executor"] == "dask" and summary["counts"] == {"ok": 2}
    assert (tmp_path / "2020S1/hongdan/briefing.vi.html").is_file()


def test_dask_workers_must_see_the_paths():
    distributed = pytest.importorskip("distributed")
    from briefing.errors import ParamsError
    from briefing.run.executors import DaskExecutor

    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        executor = DaskExecutor(scheduler=cluster.scheduler_address)
        try:
            executor.check([str(SAMPLE)])
            with pytest.raises(ParamsError, match="cannot see /shared/nowhere"):
                executor.check([str(SAMPLE), "/shared/nowhere"])
        finally:
            executor.close()


def test_dask_without_a_scheduler_is_a_clear_error(tmp_path):
    result = run_briefing("batch", "--data", SAMPLE, "--period", "2020S1", "--units", "baclieu",
                          "--executor", "dask", "--out", tmp_path)
    assert result.returncode == 2 and "needs --scheduler" in result.stderr
