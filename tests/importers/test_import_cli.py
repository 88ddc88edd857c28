"""``briefing import`` as a user runs it: the README's commands, starter mappings, refusals, signals."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import yaml

from briefing.importers.mapping import parse_mapping
from conftest import ROOT, run_briefing

EXAMPLES = ROOT / "data" / "examples"
FORM = EXAMPLES / "baclieu-form.xlsx"
FORM_MAPPING = EXAMPLES / "baclieu-form.mapping.yaml"


def readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("## Bringing your own data", 1)[1].split("\n## ", 1)[0]


def test_the_readmes_import_commands_work(tmp_path):
    commands = [line.split()[1:] for line in readme_section().splitlines()
                if line.startswith(".venv/bin/briefing import")]
    assert len(commands) == 3
    for args in commands:
        args = [str(tmp_path / a) if a.startswith("imported/") else a for a in args]
        result = run_briefing(*args)
        assert result.returncode == 0, result.stderr
        out = tmp_path / args[args.index("--out") + 1]
        assert run_briefing("validate", "--data", out).returncode == 0


def test_the_readmes_mapping_reads_the_form_and_says_what_the_form_lacks(tmp_path):
    (mapping_text,) = re.findall(r"```yaml\n(.*?)```", readme_section(), re.DOTALL)
    assert len(mapping_text.strip().splitlines()) <= 20
    mapping = tmp_path / "form.yaml"
    mapping.write_text(mapping_text, encoding="utf-8")
    result = run_briefing("import", FORM, "--mapping", mapping, "--out", tmp_path / "form")
    assert result.returncode == 0, result.stderr
    # population is in the README's example, not in the form: the import says so
    assert "the mapping names an indicator 'Dân số (nghìn người)' that no source holds" in result.stdout
    indicators = (tmp_path / "form" / "indicators.csv").read_text(encoding="utf-8")
    assert "social_insurance,bao_hiem_xa_hoi_bao_hiem_that_nghiep" in indicators
    assert "poverty_rate" in indicators and "stock" in indicators


def test_a_starter_mapping_reads_back_and_gives_the_same_ids(tmp_path):
    starter = tmp_path / "starter.yaml"
    dhis2 = EXAMPLES / "dhis2-datavalues.csv"
    result = run_briefing("import", FORM, dhis2, "--suggest", "--mapping", starter)
    assert result.returncode == 0, result.stderr
    assert f"--mapping {starter}" in result.stdout
    text = starter.read_text(encoding="utf-8")
    mapping = parse_mapping(text, layout_keys=("sheet_is", "year"))
    assert mapping.indicator("Số người được giải quyết việc làm")["id"] == "so_nguoi_duoc_giai_quyet_viec_lam"
    assert mapping.unit("Hồng Dân") == {"id": "hong_dan"}
    assert mapping.indicator("Tỷ lệ hộ nghèo")["kind"] == "rate"   # its unit is %
    without = run_briefing("import", FORM, dhis2, "--out", tmp_path / "plain")
    starting = run_briefing("import", FORM, dhis2, "--mapping", starter, "--out", tmp_path / "mapped")
    assert without.returncode == starting.returncode == 0, starting.stderr
    for name in ("indicators.csv", "org_units.csv", "values.csv"):
        assert (tmp_path / "plain" / name).read_bytes() == (tmp_path / "mapped" / name).read_bytes(), name
    # written again only with --force
    again = run_briefing("import", FORM, "--suggest", "--mapping", starter)
    assert again.returncode == 2 and "one is there already" in again.stderr
    assert starter.read_text(encoding="utf-8") == text


def test_an_edited_starter_mapping_changes_the_ids(tmp_path):
    starter = tmp_path / "starter.yaml"
    assert run_briefing("import", FORM, "--suggest", "--mapping", starter).returncode == 0
    edited = yaml.safe_load(starter.read_text(encoding="utf-8"))
    edited["units"]["Toàn tỉnh"] = {"id": "bac_lieu"}
    edited["root"] = "bac_lieu"
    starter.write_text(yaml.safe_dump(edited, allow_unicode=True), encoding="utf-8")
    result = run_briefing("import", FORM, "--mapping", starter, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "(1 root: bac_lieu)" in result.stdout


def test_bad_sources_and_mappings_exit_two_naming_the_place(tmp_path):
    png = tmp_path / "chart.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    bad_mapping = tmp_path / "m.yaml"
    bad_mapping.write_text("indicators:\n  Việc làm: {id: jobs, kind: flw}\n", encoding="utf-8")
    cases = [
        (("import", tmp_path / "missing.xlsx", "--out", tmp_path / "o"), "missing.xlsx: found"),
        (("import", tmp_path, "--out", tmp_path / "o"), "this is a folder"),
        (("import", png, "--out", tmp_path / "o"), "chart.png"),
        (("import", FORM, "--mapping", bad_mapping, "--out", tmp_path / "o"),
         "m.yaml, line 2, column indicators → Việc làm → kind"),
        (("import", FORM), "give --out DIR"),
    ]
    for args, message in cases:
        result = run_briefing(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_folder_it_did_not_write_is_kept_unless_forced(tmp_path):
    out = tmp_path / "data"
    out.mkdir()
    (out / "mine.csv").write_text("a,b\n", encoding="utf-8")
    refused = run_briefing("import", FORM, "--mapping", FORM_MAPPING, "--out", out)
    assert refused.returncode == 2 and "give --force to replace it" in refused.stderr
    assert sorted(p.name for p in out.iterdir()) == ["mine.csv"]
    forced = run_briefing("import", FORM, "--mapping", FORM_MAPPING, "--out", out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "mine.csv" not in {p.name for p in out.iterdir()}
    # an import's own folder is replaced without --force
    assert run_briefing("import", FORM, "--mapping", FORM_MAPPING, "--out", out).returncode == 0


def _big_datavalues(path, rows_per_unit=24, units=2000):
    with path.open("w", encoding="utf-8") as file:
        file.write("dataelement,period,orgunit,catoptcombo,attroptcombo,value\n")
        for unit in range(units):
            for month in range(rows_per_unit):
                file.write(f"deA,{2019 + month // 12}{month % 12 + 1:02d},OU{unit:05d},c,a,{unit + month}\n")


def test_sigterm_during_an_import_leaves_the_earlier_import_whole(tmp_path):
    """Stopped while reading or while writing, the destination is the earlier import, whole."""
    source = tmp_path / "big.csv"
    _big_datavalues(source)
    out = tmp_path / "out"
    small = tmp_path / "small.csv"
    small.write_text("dataelement,period,orgunit,catoptcombo,attroptcombo,value\ndeA,202001,OU1,c,a,5\n",
                     encoding="utf-8")
    assert run_briefing("import", small, "--out", out).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    for wait_for_writing in (False, True):
        process = subprocess.Popen([sys.executable, "-m", "briefing", "import", str(source), "--out", str(out)],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            building = [p for p in tmp_path.iterdir() if ".importing-" in p.name]
            if building if wait_for_writing else time.monotonic() > deadline - 119.5:
                break
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
        if process.returncode == 0:   # it finished first: then the new import is whole
            assert len((out / "values.csv").read_text(encoding="utf-8").splitlines()) == 1 + 2000 * 24
            return
        assert process.returncode == 143, stderr
        assert "Traceback" not in stderr
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv", "out", "small.csv"]
