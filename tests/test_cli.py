"""The ``briefing`` command as a user runs it: exit statuses and messages, never a traceback."""

import shutil
import subprocess
import sys

from conftest import SAMPLE


def run_cli(*args, cwd=None):
    """Run ``briefing`` in a fresh interpreter, as a user or a scheduler would."""
    return subprocess.run([sys.executable, "-m", "briefing", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def test_validate_sample_exits_zero_with_a_summary():
    result = run_cli("validate", "--data", SAMPLE)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout
    assert "indicators: 31 in 6 sectors" in result.stdout
    assert "from 2018-01 to 2020-06" in result.stdout


def test_validate_planted_problems_exits_two_listing_each(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    values = (data / "values.csv").read_text(encoding="utf-8").splitlines()
    values[4] = "jobs_created,giarai,2020-13,12"
    values[9] = "jobs_created,giarai,2020-01,18.050"
    values.append("nonexistent,giarai,2020-01,1")
    (data / "values.csv").write_text("\n".join(values) + "\n", encoding="utf-8")
    result = run_cli("validate", "--data", data)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "values.csv, line 5, column period: found \"2020-13\"" in result.stderr
    assert "values.csv, line 10, column value" in result.stderr
    assert f"values.csv, line {len(values)}, column indicator_id" in result.stderr


def test_validate_missing_folder_exits_two():
    result = run_cli("validate", "--data", "/nonexistent/folder")
    assert result.returncode == 2 and "nothing is there" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_command_prints_help_and_exits_two():
    result = run_cli()
    assert result.returncode == 2 and "validate" in result.stdout


def test_version_is_the_packages_version():
    import tomllib

    from conftest import ROOT

    result = run_cli("--version")
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert result.returncode == 0
    assert result.stdout.strip() == f"briefing {declared}"
