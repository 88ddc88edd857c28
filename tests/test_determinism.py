"""Same inputs and parameters, same files: only the "generated at" line may differ.

Runs go to fresh output folders (a briefing compares itself with the previous
period's report when that is in its output folder: that report is an input too).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import INDICATORS, ORG_UNITS, run_briefing, write_tables

pytestmark = pytest.mark.slow

VALUES = "indicator_id,org_unit,period,value\n" + "".join(
    f"{i},{u},{y}-{m:02d},{v}\n" for i, u, v in (("trained", "D1", 1505), ("trained", "D2", 500),
                                                  ("accidents", "C1", 3))
    for y in (2019, 2020) for m in range(1, 7)) + "members,P,2020-05,37652\npoverty,P,2020Q2,3.1\n"
TARGETS = "indicator_id,org_unit,year,target\ntrained,P,2020,24060\npoverty,P,2020,2.6\n"
GENERATED = re.compile(r'<p class="generated">[^<]*</p>')


def epoch(*when) -> str:
    return str(int(dt.datetime(*when).timestamp()))


@pytest.fixture(scope="module")
def three_runs(tmp_path_factory):
    """Runs a and c at the same pinned time, run b a day and a half later."""
    folder = tmp_path_factory.mktemp("determinism")
    data = write_tables(folder / "data", indicators=INDICATORS, org_units=ORG_UNITS, values=VALUES,
                        targets=TARGETS)
    runs = {}
    for name, when in (("a", epoch(2020, 7, 10, 8, 0)), ("b", epoch(2020, 7, 11, 21, 45)),
                       ("c", epoch(2020, 7, 10, 8, 0))):
        out = folder / name
        result = run_briefing("run", "--data", data, "--period", "2020S1", "--unit", "P",
                              "--to", "html,pdf", "--out", out, env={"SOURCE_DATE_EPOCH": when})
        assert result.returncode == 0, result.stderr
        runs[name] = {p.name: p.read_bytes() for p in (out / "2020S1" / "P").iterdir()}
    return runs


def test_metrics_and_notebook_are_byte_identical(three_runs):
    a, b = three_runs["a"], three_runs["b"]
    assert sorted(a) == [".briefing.vi.fingerprint.json", "briefing.vi.html", "briefing.vi.ipynb",
                         "briefing.vi.pdf", "metrics.vi.json"]
    assert a["metrics.vi.json"] == b["metrics.vi.json"]
    assert a["briefing.vi.ipynb"] == b["briefing.vi.ipynb"]


def test_html_differs_only_in_the_generated_line(three_runs):
    a = three_runs["a"]["briefing.vi.html"].decode("utf-8")
    b = three_runs["b"]["briefing.vi.html"].decode("utf-8")
    assert a != b
    assert GENERATED.findall(a) == ['<p class="generated">Báo cáo được tạo bằng briefing 0.1.0 '
                                    'lúc 08:00 ngày 10/07/2020.</p>']
    assert GENERATED.sub("", a) == GENERATED.sub("", b)


def test_a_pinned_time_makes_every_file_byte_identical(three_runs):
    assert three_runs["a"] == three_runs["c"]
    assert three_runs["a"]["briefing.vi.pdf"] != three_runs["b"]["briefing.vi.pdf"]


def test_a_malformed_pinned_time_is_refused_before_the_run(tmp_path):
    data = write_tables(tmp_path / "data", indicators=INDICATORS, org_units=ORG_UNITS, values=VALUES)
    result = run_briefing("run", "--data", data, "--period", "2020S1", "--out", tmp_path / "out",
                          env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.returncode == 2
    assert "SOURCE_DATE_EPOCH 'yesterday': expected whole seconds" in result.stderr
    assert not (tmp_path / "out").exists()
