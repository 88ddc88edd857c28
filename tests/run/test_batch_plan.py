"""Deciding what a batch renders, and keeping each batch's summary: no kernel starts here."""

from __future__ import annotations

import datetime as dt
import json
import stat

import pytest

from briefing.run.batch import JobOutcome, plan_batch, set_aside_unchanged, unchanged_outcomes
from briefing.run.fingerprint import fingerprint_path, report_fingerprint, write_fingerprint
from briefing.run.layout import report_file_names
from briefing.run.params import build_params
from briefing.run.summaries import batch_meta, write_summaries
from conftest import INDICATORS, ORG_UNITS, months_rows, values_csv, write_tables


@pytest.fixture
def data(tmp_path):
    rows = months_rows("trained", "D1", 2020, [10] * 6) + months_rows("trained", "D2", 2020, [5] * 6)
    return write_tables(tmp_path / "data", indicators=INDICATORS, org_units=ORG_UNITS,
                        values=values_csv(rows))


def plan(data, out, *periods):
    bases = [build_params({"data": str(data), "period": p, "unit": "P", "out": str(out)})
             for p in periods]
    return plan_batch(bases, None, False, None, None)


def stand_in_report(run) -> None:
    """The files ``run`` would publish, and its fingerprint."""
    run.target.mkdir(parents=True, exist_ok=True)
    for name in report_file_names(run.notebook.stem, run.params.lang, ("ipynb", *run.params.to)):
        (run.target / name).write_text("made earlier", encoding="utf-8")
    write_fingerprint(report_fingerprint(run), fingerprint_path(run))


def test_unchanged_reports_are_set_aside_with_their_files(data, tmp_path):
    first = set_aside_unchanged(plan(data, tmp_path, "2020Q1"))
    assert [job.why for job in first.jobs] == ["new"] and first.unchanged == []
    stand_in_report(first.jobs[0].run)
    again = set_aside_unchanged(plan(data, tmp_path, "2020Q1"))
    assert again.jobs == [] and [job.label for job in again.unchanged] == ["2020Q1/P briefing.vi"]
    [outcome] = unchanged_outcomes(again)
    assert outcome.status == "unchanged" and outcome.seconds == 0
    assert outcome.files == [str(tmp_path / "2020Q1/P" / name)
                             for name in ("briefing.vi.html", "briefing.vi.ipynb", "metrics.vi.json")]
    forced = set_aside_unchanged(plan(data, tmp_path, "2020Q1"), force=True)
    assert [job.why for job in forced.jobs] == ["--force"] and forced.unchanged == []


def test_a_report_quoting_one_rendered_in_the_same_batch_is_rendered_too(data, tmp_path):
    q2 = plan(data, tmp_path, "2020Q2").jobs[0].run
    stand_in_report(q2)
    decided = set_aside_unchanged(plan(data, tmp_path, "2020Q2", "2020Q1"))
    assert {job.params.period: job.why for job in decided.jobs} == {
        "2020Q1": "new", "2020Q2": "the previous period's report is rendered in this batch"}
    assert [job.params.period for job in decided.jobs] == ["2020Q2", "2020Q1"], "planned order"


def test_each_batch_keeps_its_summary_and_the_latest_is_batch_summary_json(data, tmp_path):
    decided = set_aside_unchanged(plan(data, tmp_path, "2020Q1"))
    started = dt.datetime(2020, 7, 1, 2, 0, 5)
    outcomes = [JobOutcome(decided.jobs[0], "ok", 1.5)]
    [latest] = write_summaries(decided, outcomes, batch_meta("local", 0, started))
    [again] = write_summaries(decided, outcomes, batch_meta("local", 0, started, force=True))
    folder = tmp_path / "2020Q1"
    assert latest == again == folder / "batch-summary.json"
    assert sorted(p.name for p in (folder / "batches").iterdir()) == \
        ["20200701-020005.json", "20200701-020005_2.json"]
    summary = json.loads(latest.read_text(encoding="utf-8"))
    assert summary == json.loads((folder / "batches/20200701-020005_2.json").read_text(encoding="utf-8"))
    assert summary["batch"] == "batches/20200701-020005_2.json" and summary["force"] is True
    first = json.loads((folder / "batches/20200701-020005.json").read_text(encoding="utf-8"))
    assert first["batch"] == "batches/20200701-020005.json" and first["force"] is False
    assert summary["workers"] == 0 and summary["counts"] == {"ok": 1}
    assert summary["reports"][0]["reason"] == "new"
    assert stat.S_IMODE(latest.stat().st_mode) == 0o644
