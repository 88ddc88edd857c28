"""What makes a report unchanged: each input its fingerprint covers, and the report's files.

Reports here are stand-ins (files written by the test, the fingerprint a run would write):
deciding never starts a kernel, and neither does this test.
"""

from __future__ import annotations

import json
import shutil

import pytest

from briefing.run.fingerprint import fingerprint_path, folder_digest, report_fingerprint, why_render, write_fingerprint
from briefing.run.layout import report_file_names
from briefing.run.params import build_params
from briefing.run.preflight import preflight
from conftest import INDICATORS, ORG_UNITS, ROOT, months_rows, values_csv, write_tables


@pytest.fixture
def data(tmp_path):
    rows = months_rows("trained", "D1", 2020, [10] * 6) + months_rows("trained", "D2", 2020, [5] * 6)
    return write_tables(tmp_path / "data", indicators=INDICATORS, org_units=ORG_UNITS,
                        values=values_csv(rows))


def prepared(data, out, **changes):
    values = {"data": str(data), "period": "2020S1", "unit": "P", "out": str(out)}
    return preflight([build_params(values | changes)])[0]


def stand_in_report(run) -> None:
    """The files ``run`` would publish, and its fingerprint."""
    run.target.mkdir(parents=True, exist_ok=True)
    for name in report_file_names(run.notebook.stem, run.params.lang, ("ipynb", *run.params.to)):
        (run.target / name).write_text("made earlier", encoding="utf-8")
    write_fingerprint(report_fingerprint(run), fingerprint_path(run))


def test_a_report_made_from_the_same_inputs_is_unchanged(data, tmp_path):
    run = prepared(data, tmp_path / "out")
    assert why_render(run) == "new"
    stand_in_report(run)
    assert why_render(prepared(data, tmp_path / "out")) is None
    assert fingerprint_path(run).name == ".briefing.vi.fingerprint.json"


def test_a_changed_value_renders_the_report_again_and_says_which_file(data, tmp_path):
    stand_in_report(prepared(data, tmp_path / "out"))
    (data / "values.csv").write_text((data / "values.csv").read_text().replace(",10\n", ",11\n", 1))
    assert why_render(prepared(data, tmp_path / "out")) == "values.csv changed"


@pytest.mark.parametrize("changes, why", [
    ({"issuer": "Sở Lao động"}, "parameters changed: document"),
    ({"cutoff": "decree09"}, "parameters changed: cutoff"),
    ({"pace": "seasonal"}, "parameters changed: pace"),
])
def test_parameters_that_shape_the_report_render_it_again(data, tmp_path, changes, why):
    stand_in_report(prepared(data, tmp_path / "out"))
    assert why_render(prepared(data, tmp_path / "out", **changes)) == why


def test_a_format_no_longer_asked_for_renders_the_report_again(data, tmp_path):
    stand_in_report(prepared(data, tmp_path / "out", to="html,pdf"))
    assert why_render(prepared(data, tmp_path / "out", to="html")) == "parameters changed: to"


def test_a_changed_notebook_renders_its_reports_again(data, tmp_path):
    notebook = tmp_path / "briefing.ipynb"
    shutil.copy(ROOT / "notebooks" / "briefing.ipynb", notebook)
    stand_in_report(prepared(data, tmp_path / "out", notebook=str(notebook)))
    cells = json.loads(notebook.read_text(encoding="utf-8"))
    cells["cells"][0]["source"] = ["A new first line.\n"] + list(cells["cells"][0]["source"])
    notebook.write_text(json.dumps(cells), encoding="utf-8")
    assert why_render(prepared(data, tmp_path / "out", notebook=str(notebook))) == \
        "notebook briefing.ipynb changed"


def test_the_previous_report_it_quotes_is_an_input(data, tmp_path):
    out = tmp_path / "out"
    stand_in_report(prepared(data, out))
    previous = out / "2019S2" / "P" / "metrics.vi.json"
    previous.parent.mkdir(parents=True)
    previous.write_text('{"period": "2019S2"}', encoding="utf-8")
    assert why_render(prepared(data, out)) == "the previous period's report changed"
    stand_in_report(prepared(data, out))
    previous.write_text('{"period": "2019S2", "org_unit": "P"}', encoding="utf-8")
    assert why_render(prepared(data, out)) == "the previous period's report changed"


def test_a_pinned_generation_time_is_an_input(data, tmp_path, monkeypatch):
    stand_in_report(prepared(data, tmp_path / "out"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1594368000")
    assert why_render(prepared(data, tmp_path / "out")) == "environment changed"


def test_a_missing_file_or_fingerprint_renders_the_report_again(data, tmp_path):
    run = prepared(data, tmp_path / "out", to="html,pdf")
    stand_in_report(run)
    (run.target / "briefing.vi.pdf").unlink()
    assert why_render(run) == "briefing.vi.pdf is missing"
    stand_in_report(run)
    fingerprint_path(run).unlink()
    assert why_render(run) == "no fingerprint"
    fingerprint_path(run).write_text("{not json", encoding="utf-8")
    assert why_render(run) == "no fingerprint"


def test_the_library_digest_covers_every_file_but_bytecode(tmp_path):
    (tmp_path / "render").mkdir(parents=True)
    (tmp_path / "render" / "report.css").write_text("p { color: #222 }")
    (tmp_path / "cli.py").write_text("print('hi')")
    before = folder_digest(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"\x00")
    assert folder_digest(tmp_path) == before
    (tmp_path / "render" / "report.css").write_text("p { color: #111 }")
    assert folder_digest(tmp_path) != before
    (tmp_path / "render" / "report.css").write_text("p { color: #222 }")
    (tmp_path / "render" / "report.css").rename(tmp_path / "render" / "print.css")
    assert folder_digest(tmp_path) != before
