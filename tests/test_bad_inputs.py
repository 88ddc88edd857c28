"""The bad-input corpus (``tests/data/bad/``): every case is refused cleanly.

For each case both ``briefing validate`` and ``briefing run`` must exit 2,
print every expected fragment, print no traceback, and leave the output
folder exactly as it was (nothing created, nothing changed).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_briefing

CORPUS = ROOT / "tests" / "data" / "bad"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yaml").is_file())
INDICATOR_IDS = ("trained", "trained.short", "members", "poverty", "accidents")


def grow(data: Path, communes: int) -> None:
    """Make values.csv huge: ``communes`` new units with 420 valid rows each, inserted
    before the last (bad) row, so that the bad row is the file's very last line."""
    units = [f"G{n:04d}" for n in range(1, communes + 1)]
    with open(data / "org_units.csv", "a", encoding="utf-8") as tree:
        tree.writelines(f"{u},Xã {u},Commune {u},D2\n" for u in units)
    lines = (data / "values.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    with open(data / "values.csv", "w", encoding="utf-8") as values:
        values.writelines(lines[:-1])
        for unit in units:
            values.writelines(f"{indicator},{unit},{year}-{month:02d},{month}\n"
                              for indicator in INDICATOR_IDS for year in range(2013, 2020)
                              for month in range(1, 13))
        values.write(lines[-1])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file and folder under ``folder`` with its content (folders map to b"/")."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"/")
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def case(tmp_path, request):
    """A copy of one case in a temporary folder, with an output folder holding an earlier report."""
    name = request.param
    folder = shutil.copytree(CORPUS / name, tmp_path / name)
    spec = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    if spec.get("grow"):
        grow(folder / "data", spec["grow"])
    out = tmp_path / "out"
    previous = out / "2020S1" / "P"
    previous.mkdir(parents=True)
    (previous / "briefing.vi.html").write_text("<p>the report published last month</p>")
    (previous / "metrics.vi.json").write_text('{"period": "2020S1"}')
    return folder, spec, out


def assert_refused(result, spec: dict) -> None:
    message = result.stdout + result.stderr
    assert result.returncode == 2, message
    assert "Traceback" not in message and "internal error" not in message, message
    for fragment in spec["expect"]:
        assert fragment in message, f"{fragment!r} not in:\n{message}"


@pytest.mark.parametrize("case", CASES, indirect=True)
def test_validate_refuses_the_case(case):
    folder, spec, out = case
    assert_refused(run_briefing("validate", folder / "params.yaml", cwd=folder), spec)


@pytest.mark.parametrize("case", CASES, indirect=True)
def test_run_refuses_the_case_and_writes_nothing(case):
    folder, spec, out = case
    before = snapshot(out)
    result = run_briefing("run", folder / "params.yaml", "--out", out, cwd=folder)
    assert_refused(result, spec)
    assert snapshot(out) == before
    assert not (folder / "outputs").exists() and not (folder / "pwned").exists()


def test_the_corpus_is_large_enough_and_documented():
    assert len(CASES) >= 25
    for name in CASES:
        spec = yaml.safe_load((CORPUS / name / "case.yaml").read_text(encoding="utf-8"))
        assert spec["about"] and spec["expect"], name


def test_an_integer_period_in_a_params_file_is_fine(tmp_path):
    """The control case: `period: 2020` written as a YAML integer is a year, not an error."""
    folder = shutil.copytree(CORPUS / "params-lang-fr", tmp_path / "good")
    (folder / "params.yaml").write_text("data: data\nperiod: 2020\nunit: P\n", encoding="utf-8")
    result = run_briefing("validate", folder / "params.yaml", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "briefing (vi) for P, 2020" in result.stdout
