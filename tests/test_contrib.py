"""The month-end script and the scheduler files in contrib/, run as cron or systemd would."""

from __future__ import annotations

import configparser
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import briefing.cli
from conftest import ROOT, months_rows, targets_csv, values_csv, write_tables

SCRIPT = ROOT / "contrib" / "briefing-monthly"
INDICATORS = """\
indicator_id,sector,name_vi,name_en,unit_vi,unit_en,kind
trained,jobs,Đào tạo nghề,Vocational training,người,people,flow
"""
ORG_UNITS = "org_unit,name_vi,name_en,parent\nP,Tỉnh P,Province P,\nD1,Huyện 1,District 1,P\n"


def monthly(tmp_path: Path, **settings) -> subprocess.CompletedProcess:
    command = Path(sys.executable).parent / "briefing"
    env = os.environ | {"BRIEFING": str(command), "BRIEFING_LANGS": "vi", "BRIEFING_FORMATS": "html"} | settings
    return subprocess.run([str(SCRIPT)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)


@pytest.mark.slow
def test_the_month_end_script_renders_the_latest_periods_then_nothing_until_data_changes(tmp_path):
    rows = months_rows("trained", "D1", 2020, [5] * 12) + months_rows("trained", "D1", 2021, [6, 7, 8, 9])
    data = write_tables(tmp_path / "data", indicators=INDICATORS, org_units=ORG_UNITS, values=values_csv(rows),
                        targets=targets_csv([("trained", "D1", 2021, 80)]))
    out = tmp_path / "out"
    settings = {"BRIEFING_DATA": str(data), "BRIEFING_OUT": str(out), "BRIEFING_PERIODS": "latest latest-year"}
    first = monthly(tmp_path, **settings)
    assert first.returncode == 0, first.stderr
    # the newest complete month is April 2021, the newest complete year 2020
    for period in ("2021-04", "2020"):
        assert (out / period / "P" / "briefing.vi.html").is_file(), period
        assert (out / period / "D1" / "briefing.vi.html").is_file(), period
    assert (out / "index.html").is_file()   # the portal, refreshed by the batches
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.html") if "units" not in p.parts}
    second = monthly(tmp_path, **settings)
    assert second.returncode == 0, second.stderr
    assert "nothing to render" in second.stdout + second.stderr
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    # bad data: exit 2, as the scheduler is told, and nothing is rendered
    (data / "values.csv").write_text("indicator_id,org_unit,period,value\ntrained,D1,2021-13,1\n", encoding="utf-8")
    broken = monthly(tmp_path, **settings)
    assert broken.returncode == 2
    assert "values.csv, line 2, column period" in broken.stderr


def test_the_scheduler_files_run_the_script_with_options_briefing_has():
    service = configparser.ConfigParser(strict=False, interpolation=None)
    service.optionxform = str
    service.read(ROOT / "contrib" / "systemd" / "briefing-monthly.service")
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["ExecStart"].endswith("/contrib/briefing-monthly")
    assert service["Service"]["KillMode"] == "control-group"
    timer = configparser.ConfigParser(strict=False, interpolation=None)
    timer.read(ROOT / "contrib" / "systemd" / "briefing-monthly.timer")
    assert timer["Timer"]["Persistent"] == "true" and timer["Timer"]["OnCalendar"]
    cron = [line for line in (ROOT / "contrib" / "crontab").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert len(cron) == 1 and len(cron[0].split()[:5]) == 5 and "contrib/briefing-monthly" in cron[0]
    assert os.access(SCRIPT, os.X_OK)
    assert subprocess.run(["sh", "-n", str(SCRIPT)]).returncode == 0
    # every briefing command line of the script parses with the real parser
    parser = briefing.cli.build_parser()
    script = SCRIPT.read_text(encoding="utf-8")
    for line in script.replace("\\\n", " ").splitlines():
        if '"$BRIEFING"' in line:
            words = shlex.split(line.strip().replace('"$BRIEFING"', "briefing").split("||")[0])[1:]
            words = ["X" if w.startswith("$") else w for w in words]
            parser.parse_args(words)
