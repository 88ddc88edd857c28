"""Month-end batches on the sample with real kernels: what is unchanged is not rendered again.

A batch decides from each report's fingerprint before any worker starts; these tests check
what it decided (the summary's counts and reasons) and that nothing unchanged was written.
"""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, SAMPLE, run_briefing

pytestmark = pytest.mark.slow


@pytest.fixture
def data(tmp_path):
    """A copy of the sample, free to change."""
    return shutil.copytree(SAMPLE, tmp_path / "data")


def batch(data, out, *args, env=None):
    return run_briefing("batch", "--data", data, "--period", "latest", "--workers", "2",
                        "--out", out, *args, env=env)


def latest_summary(out) -> dict:
    return json.loads((out / "2020-04" / "batch-summary.json").read_text(encoding="utf-8"))


def written(period) -> dict:
    """Every file of every report under ``period``, with the time it was last written."""
    return {str(p.relative_to(period)): p.stat().st_mtime_ns for p in period.glob("*/*")
            if p.parent.name != "batches"}


def reasons(summary) -> dict:
    return {r["report"]: r["reason"] for r in summary["reports"] if r["status"] in ("ok", "failed")}


def test_a_second_batch_with_unchanged_data_renders_nothing_and_starts_no_worker(data, tmp_path):
    out = tmp_path / "out"
    first = batch(data, out, "--all-units")
    assert first.returncode == 0, first.stderr
    assert "--period latest: 2020-04, the newest month complete for baclieu" in first.stderr
    assert latest_summary(out)["counts"] == {"ok": 9, "skipped": 7}
    before = written(out / "2020-04")
    assert ".briefing.vi.fingerprint.json" in {name.split("/")[1] for name in before}

    second = batch(data, out, "--all-units")
    assert second.returncode == 0, second.stderr
    assert "nothing to render: 9 reports unchanged since rendered (--force renders them again)" \
        in second.stderr
    assert "0 rendered, 9 unchanged, 7 skipped, 0 failed" in second.stderr
    summary = latest_summary(out)
    assert summary["counts"] == {"unchanged": 9, "skipped": 7}
    assert summary["workers"] == 0, "no worker, hence no kernel, was started"
    assert written(out / "2020-04") == before, "no file of any report was written again"
    unchanged = next(r for r in summary["reports"] if r["report"] == "2020-04/hongdan briefing.vi")
    assert unchanged["status"] == "unchanged" and unchanged["reason"] is None
    assert unchanged["files"] == [str(out / "2020-04/hongdan" / name) for name in
                                  ("briefing.vi.html", "briefing.vi.ipynb", "metrics.vi.json")]
    records = sorted((out / "2020-04" / "batches").iterdir())
    assert len(records) == 2 and summary["batch"] == f"batches/{records[-1].name}"
    assert json.loads(records[-1].read_text(encoding="utf-8")) == summary
    assert json.loads(records[0].read_text(encoding="utf-8"))["counts"] == {"ok": 9, "skipped": 7}


def test_a_changed_notebook_value_or_force_renders_exactly_the_reports_it_affects(data, tmp_path):
    notebooks = shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    env = {"BRIEFING_NOTEBOOKS": str(notebooks)}
    out = tmp_path / "out"
    args = ("--units", "baclieu,hongdan", "--notebook", "briefing,district_comparison")
    first = batch(data, out, *args, env=env)
    assert first.returncode == 0, first.stderr
    assert latest_summary(out)["counts"] == {"ok": 3, "skipped": 1}

    comparison = notebooks / "district_comparison.ipynb"
    document = json.loads(comparison.read_text(encoding="utf-8"))
    document["cells"].append({"cell_type": "markdown", "metadata": {}, "source": ["Ghi chú."]})
    comparison.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    second = batch(data, out, *args, env=env)
    assert second.returncode == 0, second.stderr
    assert "1 report to render, 2 unchanged: notebook district_comparison.ipynb changed (1)" \
        in second.stderr
    summary = latest_summary(out)
    assert summary["counts"] == {"ok": 1, "unchanged": 2, "skipped": 1}
    assert reasons(summary) == {
        "2020-04/baclieu district_comparison.vi": "notebook district_comparison.ipynb changed"}

    values = data / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace(
        "voc_trained,hongdan,2020-04,", "voc_trained,hongdan,2020-04,1", 1), encoding="utf-8")
    metrics = out / "2020-04/hongdan/metrics.vi.json"
    old = json.loads(metrics.read_text(encoding="utf-8"))
    third = batch(data, out, *args, env=env)
    assert third.returncode == 0, third.stderr
    summary = latest_summary(out)
    assert summary["counts"] == {"ok": 3, "skipped": 1}
    assert set(reasons(summary).values()) == {"values.csv changed"}
    new = json.loads(metrics.read_text(encoding="utf-8"))
    assert new["inputs"]["values.csv"] != old["inputs"]["values.csv"]

    forced = batch(data, out, *args, "--force", env=env)
    assert forced.returncode == 0, forced.stderr
    summary = latest_summary(out)
    assert summary["counts"] == {"ok": 3, "skipped": 1} and summary["force"] is True
    assert set(reasons(summary).values()) == {"--force"}
    assert len(list((out / "2020-04" / "batches").iterdir())) == 4
