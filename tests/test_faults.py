"""Faults during real runs: a killed run, two runs at once, a full or read-only disk.

Whatever happens, the previously published report stays whole and nothing
half-written is left behind once the next run has cleaned up.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import INDICATORS, ORG_UNITS, ROOT, run_briefing, write_tables

pytestmark = pytest.mark.slow

SLOW = ROOT / "tests" / "notebooks" / "slow.ipynb"
VALUES = "indicator_id,org_unit,period,value\n" + "".join(
    f"trained,{u},2020-{m:02d},{v}\n" for u, v in (("D1", 1505), ("D2", 500)) for m in range(1, 7))


@pytest.fixture
def data(tmp_path):
    return write_tables(tmp_path / "data", indicators=INDICATORS, org_units=ORG_UNITS, values=VALUES)


def run_args(data: Path, out: Path, notebook=SLOW) -> list[str]:
    return ["run", "--data", str(data), "--period", "2020S1", "--unit", "P", "--out", str(out),
            "--notebook", str(notebook)]


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def leftovers(folder: Path) -> list[str]:
    """Staging or assembly folders left next to the reports (the lock file is meant to stay)."""
    return sorted(p.name for p in folder.iterdir() if ".staging-" in p.name or ".publish-" in p.name)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie waiting for its parent to reap it is dead for our purposes
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())


def test_sigkill_mid_run_keeps_the_previous_report_and_the_next_run_cleans_up(tmp_path, data):
    out = tmp_path / "out"
    quick = {"BRIEFING_TEST_SLEEP": "0"}
    result = run_briefing(*run_args(data, out), env=quick)
    assert result.returncode == 0, result.stderr
    folder = out / "2020S1" / "P"
    published = files_of(folder)

    started = tmp_path / "kernel-started"
    victim = subprocess.Popen(
        [sys.executable, "-m", "briefing", *run_args(data, out)], start_new_session=True,
        env=os.environ | {"BRIEFING_TEST_STARTED": str(started), "BRIEFING_TEST_SLEEP": "120"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not started.exists() or not started.read_text():
        assert victim.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "the kernel never started"
        time.sleep(0.1)
    kernel = int(started.read_text())
    os.killpg(victim.pid, signal.SIGKILL)   # the run's own process group; the kernel has its own
    victim.wait(timeout=30)

    assert files_of(folder) == published
    assert leftovers(folder.parent), "a killed run leaves its staging folder (nothing cleans up)"
    deadline = time.monotonic() + 30
    while pid_alive(kernel):   # the kernel notices its parent is gone and stops by itself
        assert time.monotonic() < deadline, f"kernel {kernel} outlived the killed run"
        time.sleep(0.2)

    again = run_briefing(*run_args(data, out), env=quick)
    assert again.returncode == 0, again.stderr
    assert leftovers(folder.parent) == []
    assert sorted(files_of(folder)) == sorted(published)


def test_two_runs_of_the_same_report_at_once_publish_one_whole_report(tmp_path, data):
    out = tmp_path / "out"
    env = os.environ | {"BRIEFING_TEST_SLEEP": "1"}
    runs = [subprocess.Popen([sys.executable, "-m", "briefing", *run_args(data, out)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    folder = out / "2020S1" / "P"
    assert sorted(files_of(folder)) == [".slow.vi.fingerprint.json", "metrics.vi.json",
                                        "slow.vi.html", "slow.vi.ipynb"]
    assert leftovers(folder.parent) == []
    single = tmp_path / "single"
    result = run_briefing(*run_args(data, single), env={"BRIEFING_TEST_SLEEP": "1"})
    assert result.returncode == 0, result.stderr
    assert files_of(folder)["metrics.vi.json"] == files_of(single / "2020S1" / "P")["metrics.vi.json"]


# --- the disk: full, read-only, or not a folder at all -------------------------------------


def in_small_filesystem(tmp_path: Path, options: str, script: str) -> subprocess.CompletedProcess:
    """Run ``script`` (sh) with a private tmpfs mounted at ``tmp_path/disk`` (``options``)."""
    if not shutil.which("unshare"):
        pytest.skip("unshare (util-linux) is missing")
    disk = tmp_path / "disk"
    disk.mkdir()
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"],
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow private mounts (user namespaces are off)")
    return subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
         f"mount -t tmpfs -o {options} tmpfs {disk} && {script}"],
        capture_output=True, text=True, timeout=300, env=os.environ | {"BRIEFING_TEST_SLEEP": "0"})


def briefing_command(*args) -> str:
    import shlex

    return " ".join(shlex.quote(str(a)) for a in (sys.executable, "-m", "briefing", *args))


def test_a_full_disk_is_a_clear_error_and_the_previous_report_survives(tmp_path, data):
    disk = tmp_path / "disk"
    previous = disk / "2020S1" / "P"
    script = (f"mkdir -p {previous} && echo previous > {previous}/metrics.vi.json && "
              f"{briefing_command(*run_args(data, disk))}; echo exit=$?; "
              f"cat {previous}/metrics.vi.json; ls -a {disk}/2020S1")
    result = in_small_filesystem(tmp_path, "size=12k", script)  # three pages
    assert "exit=2" in result.stdout, result.stdout + result.stderr
    assert "No space left on device" in result.stderr and "previous report is untouched" in result.stderr
    assert "Traceback" not in result.stderr
    listing = result.stdout.split()
    assert "previous" in listing           # the old metrics file, unchanged
    assert not [name for name in listing if ".staging-" in name or ".publish-" in name]


def test_a_read_only_output_folder_is_a_clear_error(tmp_path, data):
    disk = tmp_path / "disk"
    result = in_small_filesystem(tmp_path, "ro,size=64k",
                                 f"{briefing_command(*run_args(data, disk))}; echo exit=$?")
    assert "exit=2" in result.stdout, result.stdout + result.stderr
    assert f"cannot write reports under {disk}/2020S1: Read-only file system" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_output_path_that_is_a_file_is_a_clear_error(tmp_path, data):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    result = run_briefing(*run_args(data, blocker), env={"BRIEFING_TEST_SLEEP": "0"})
    assert result.returncode == 2
    assert "cannot write reports under" in result.stderr and "Traceback" not in result.stderr
    assert blocker.read_text() == "not a folder"


# --- issue 13: files and output folders ------------------------------------------------------


def test_a_malformed_previous_report_is_noted_and_the_briefing_is_published(tmp_path, data):
    out = tmp_path / "out"
    previous = out / "2019S2" / "P" / "metrics.vi.json"
    previous.parent.mkdir(parents=True)
    previous.write_text('[{"period": "2019S2"}]', encoding="utf-8")
    result = run_briefing(*run_args(data, out, notebook="briefing"), "--to", "html")
    assert result.returncode == 0, result.stderr
    html = (out / "2020S1" / "P" / "briefing.vi.html").read_text(encoding="utf-8")
    assert "Không đọc được tệp số liệu của báo cáo kỳ trước (2019S2/P/metrics.vi.json)" in html
    assert previous.read_text(encoding="utf-8") == '[{"period": "2019S2"}]'


def test_a_report_run_again_with_fewer_formats_has_only_the_new_run_s_files(tmp_path, data):
    out = tmp_path / "out"
    quick = {"BRIEFING_TEST_SLEEP": "0"}
    other = run_briefing(*run_args(data, out), "--lang", "en", "--to", "html,pdf", env=quick)
    assert other.returncode == 0, other.stderr
    first = run_briefing(*run_args(data, out), "--to", "html,pdf", env=quick)
    assert first.returncode == 0, first.stderr
    again = run_briefing(*run_args(data, out), "--to", "html", env=quick)
    assert again.returncode == 0, again.stderr
    assert sorted(files_of(out / "2020S1" / "P")) == [
        ".slow.en.fingerprint.json", ".slow.vi.fingerprint.json",
        "metrics.en.json", "metrics.vi.json", "slow.en.html", "slow.en.ipynb", "slow.en.pdf",
        "slow.vi.html", "slow.vi.ipynb"]


def refused_before_the_kernel(tmp_path, data, out) -> str:
    """Run the slow notebook into ``out``; assert exit 2, one error line, no kernel; return stderr."""
    started = tmp_path / "kernel-started"
    result = run_briefing(*run_args(data, out), env={"BRIEFING_TEST_STARTED": str(started),
                                                     "BRIEFING_TEST_SLEEP": "0"})
    assert result.returncode == 2, result.stdout + result.stderr
    assert not started.exists(), "a kernel started"
    lines = [line for line in result.stderr.splitlines() if not line.startswith("rendering ")]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return result.stderr


def test_a_dangling_symlink_at_the_lock_file_writes_nothing_outside_out(tmp_path, data):
    out = tmp_path / "out"
    (out / "2020S1").mkdir(parents=True)
    outside = tmp_path / "outside.txt"
    (out / "2020S1" / ".P.lock").symlink_to(outside)
    stderr = refused_before_the_kernel(tmp_path, data, out)
    assert ".P.lock is a symbolic link, expected a plain file" in stderr
    assert not outside.exists()
    assert [p.name for p in (out / "2020S1").iterdir()] == [".P.lock"]


@pytest.mark.parametrize("blocker", ["file", "symlink to a folder"])
def test_a_file_or_symlink_at_the_report_folder_is_refused_and_left_alone(tmp_path, data, blocker):
    out = tmp_path / "out"
    folder = out / "2020S1" / "P"
    folder.parent.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    if blocker == "file":
        folder.write_text("mine")
    else:
        elsewhere.mkdir()
        (elsewhere / "keep.txt").write_text("mine")
        folder.symlink_to(elsewhere)
    stderr = refused_before_the_kernel(tmp_path, data, out)
    assert f"{folder} is {'not a folder' if blocker == 'file' else 'a symbolic link'}" in stderr
    assert sorted(p.name for p in folder.parent.iterdir()) == ["P"]
    assert folder.is_symlink() if blocker != "file" else folder.read_text() == "mine"
    if blocker != "file":
        assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize("planted", ["open to everyone", "symbolic link", "another user's"])
def test_a_kernel_folder_planted_in_the_temporary_folder_is_refused(tmp_path, data, planted):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    folder = temporary / f"briefing-kernels-{os.geteuid()}"
    if planted == "open to everyone":
        folder.mkdir()
        folder.chmod(0o777)
        expected = "can be entered by other users (mode 777)"
    elif planted == "symbolic link":
        (tmp_path / "theirs").mkdir(mode=0o700)
        folder.symlink_to(tmp_path / "theirs")
        expected = "is a symbolic link"
    else:
        if os.geteuid() != 0:
            pytest.skip("only root can give a folder to another user")
        folder.mkdir(mode=0o700)
        os.chown(folder, 65534, 65534)
        expected = "belongs to another user (uid 65534)"
    out = tmp_path / "out"
    started = tmp_path / "kernel-started"
    result = run_briefing(*run_args(data, out), env={"TMPDIR": str(temporary),
                                                     "BRIEFING_TEST_STARTED": str(started)})
    assert result.returncode == 2, result.stderr
    assert f"the kernel folder {folder} {expected}; refusing to use it" in result.stderr
    assert "Traceback" not in result.stderr and not started.exists()
    assert not (out / "2020S1" / "P").exists()
    assert os.listdir(folder) == []


def test_with_no_writable_temporary_folder_nothing_is_written_beside_the_notebook(tmp_path, data):
    """TMPDIR missing, /tmp and /var/tmp read-only: exit 2 before a kernel starts."""
    work = tmp_path / "work"   # a writable tmpfs over part of a read-only /tmp
    notebooks, out = work / "notebooks", work / "out"
    script = (f"mount --bind /tmp /tmp && mount -o remount,bind,ro /tmp && "
              f"mount --bind /var/tmp /var/tmp && mount -o remount,bind,ro /var/tmp && "
              f"mount -t tmpfs tmpfs {work} && mkdir {notebooks} && cp {SLOW} {notebooks} && "
              f"chmod 755 {notebooks} && "
              f"TMPDIR={tmp_path}/missing {briefing_command(*run_args(data, out, notebooks / SLOW.name))}"
              f"; echo exit=$?; ls -a {notebooks}; stat -c %a {notebooks}")
    work.mkdir()
    result = in_private_mounts(script)
    assert "exit=2" in result.stdout, result.stdout + result.stderr
    assert "no writable temporary folder (tried " in result.stderr
    assert "set TMPDIR to a folder you can write into" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.split()[-5:] == ["exit=2", ".", "..", "slow.ipynb", "755"]


def in_private_mounts(script: str) -> subprocess.CompletedProcess:
    """Run ``script`` (sh) as root of a private user and mount namespace."""
    if not shutil.which("unshare"):
        pytest.skip("unshare (util-linux) is missing")
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"],
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow private mounts (user namespaces are off)")
    return subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
                          capture_output=True, text=True, timeout=300,
                          env=os.environ | {"BRIEFING_TEST_SLEEP": "0"})


# --- a kernel that dies, an error that quotes markup -------------------------------------


KILLS_KERNEL = ROOT / "tests" / "notebooks" / "kills_kernel_for_hongdan.ipynb"


def test_a_cell_that_kills_its_kernel_names_the_notebook_and_the_cell(tmp_path):
    from conftest import SAMPLE

    result = run_briefing("run", "--data", SAMPLE, "--period", "2020S1", "--unit", "hongdan",
                          "--notebook", KILLS_KERNEL, "--out", tmp_path)
    assert result.returncode == 1, result.stderr
    assert "notebook kills_kernel_for_hongdan.ipynb failed in cell 4: the kernel died" \
        in result.stderr
    assert "os.kill(os.getpid(), signal.SIGKILL)" in result.stderr   # the cell is quoted
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "2020S1" / "hongdan").exists()


def test_a_kernel_killed_in_a_batch_fails_that_report_only(tmp_path):
    from conftest import SAMPLE

    result = run_briefing("batch", "--data", SAMPLE, "--period", "2020S1", "--units",
                          "hongdan,baclieu,giarai", "--notebook", KILLS_KERNEL, "--workers", "1",
                          "--out", tmp_path)
    assert result.returncode == 1, result.stderr
    assert "FAILED  2020S1/hongdan kills_kernel_for_hongdan.vi in cell 4: the kernel died" \
        in result.stderr
    summary = json.loads((tmp_path / "2020S1/batch-summary.json").read_text(encoding="utf-8"))
    statuses = {r["params"]["unit"]: (r["status"], r["cell"]) for r in summary["reports"]}
    # the same worker starts a new kernel for the reports after it
    assert statuses == {"hongdan": ("failed", 4), "baclieu": ("ok", None), "giarai": ("ok", None)}


def test_an_error_quoting_rich_markup_is_printed_as_written_and_summarised(tmp_path):
    from conftest import SAMPLE

    notebook = ROOT / "tests" / "notebooks" / "markup_error_for_hongdan.ipynb"
    result = run_briefing("batch", "--data", SAMPLE, "--period", "2020S1", "--units",
                          "baclieu,hongdan", "--notebook", notebook, "--workers", "2",
                          "--out", tmp_path)
    assert result.returncode == 1, result.stderr
    assert "ValueError: bad [/value] and [bold]tags[/bold] for hongdan" in result.stderr
    assert "MarkupError" not in result.stderr and "internal error" not in result.stderr
    summary = json.loads((tmp_path / "2020S1/batch-summary.json").read_text(encoding="utf-8"))
    assert summary["counts"] == {"ok": 1, "failed": 1}
