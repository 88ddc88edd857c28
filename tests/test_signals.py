"""Signals and dying processes: Ctrl-C, SIGTERM and SIGKILL stop runs and batches cleanly.

Every process a test starts carries a unique environment variable, inherited
by the batch's workers, their kernels and the resource tracker; after the
signal no process with it may survive (checked in /proc for 20 s). Whatever
happens, the test kills what is left of its own processes at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")]

SLOW = ROOT / "tests" / "notebooks" / "slow.ipynb"
TAG = "BRIEFING_TEST_TAG"
#: Seconds everything a stopped run started has to disappear.
GONE_WITHIN = 20


def tagged_processes(tag: str) -> dict[int, str]:
    """Live processes (not zombies) whose environment carries ``tag``: pid -> command line."""
    needle = f"{TAG}={tag}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            if "State:\tZ" in (entry / "status").read_text():
                continue
            found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
    return found


def left_running(tag: str, seconds: float = GONE_WITHIN) -> dict[int, str]:
    """Processes of ``tag`` still alive after waiting up to ``seconds`` for them to go."""
    deadline = time.monotonic() + seconds
    while (alive := tagged_processes(tag)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive


@pytest.fixture
def tag():
    """A unique tag for this test's processes; whatever carries it is killed at the end."""
    value = uuid.uuid4().hex
    yield value
    for pid in tagged_processes(value):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def start(args: list, tag: str, marker: Path, sleep: str = "120", **popen) -> subprocess.Popen:
    """Start ``briefing ARGS`` in its own session, as a terminal or scheduler would."""
    env = os.environ | {TAG: tag, "BRIEFING_TEST_STARTED": str(marker), "BRIEFING_TEST_SLEEP": sleep}
    return subprocess.Popen([sys.executable, "-m", "briefing", *map(str, args)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, **popen)


def wait_for_kernel_at_work(process: subprocess.Popen, marker: Path) -> None:
    """Wait until a kernel runs the slow cell (it writes its pid into ``marker``)."""
    deadline = time.monotonic() + 180
    while not (marker.exists() and marker.read_text()):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no kernel started"
        time.sleep(0.1)
    time.sleep(0.5)


def finish(process: subprocess.Popen) -> tuple[int, str]:
    try:
        _, stderr = process.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
        pytest.fail(f"the stopped command did not exit: {stderr}")
    return process.returncode, stderr


def published_and_leftovers(out: Path) -> tuple[list[str], list[str]]:
    period = out / "2020S1"
    if not period.is_dir():
        return [], []
    published = sorted(str(p.relative_to(out)) for p in period.glob("*/*.html"))
    leftovers = sorted(p.name for p in period.iterdir() if ".staging-" in p.name or ".publish-" in p.name)
    return published, leftovers


def batch_args(out: Path) -> list:
    return ["batch", "--data", SAMPLE, "--period", "2020S1", "--units", "baclieu,giarai",
            "--notebook", SLOW, "--workers", "2", "--out", out]


def run_args(out: Path) -> list:
    return ["run", "--data", SAMPLE, "--period", "2020S1", "--unit", "giarai", "--notebook", SLOW,
            "--out", out]


# --- SIGTERM and SIGKILL: what schedulers, CI and systemd send -------------------------------


def test_sigterm_to_a_batch_stops_it_with_143_and_everything_it_started(tmp_path, tag):
    out = tmp_path / "out"
    process = start(batch_args(out), tag, tmp_path / "started")
    wait_for_kernel_at_work(process, tmp_path / "started")
    process.send_signal(signal.SIGTERM)        # the main process only, as `kill PID` does
    status, stderr = finish(process)
    assert status == 143, stderr
    assert "stopped by SIGTERM" in stderr or "interrupted" in stderr, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert published_and_leftovers(out) == ([], [])
    assert left_running(tag) == {}


def test_sigkill_to_a_batch_leaves_no_worker_kernel_or_tracker_running(tmp_path, tag):
    out = tmp_path / "out"
    process = start(batch_args(out), tag, tmp_path / "started")
    wait_for_kernel_at_work(process, tmp_path / "started")
    assert len(tagged_processes(tag)) >= 5    # main, tracker, two workers, their kernels
    process.kill()                             # SIGKILL: nothing can be cleaned up by the batch
    process.communicate(timeout=30)
    assert left_running(tag) == {}
    assert published_and_leftovers(out)[0] == []


def test_sigterm_to_a_run_stops_it_with_143_and_publishes_nothing(tmp_path, tag):
    out = tmp_path / "out"
    process = start(run_args(out), tag, tmp_path / "started")
    wait_for_kernel_at_work(process, tmp_path / "started")
    process.send_signal(signal.SIGTERM)
    status, stderr = finish(process)
    assert status == 143, stderr
    lines = stderr.strip().splitlines()
    assert lines[-1].startswith("stopped by SIGTERM") and len(lines) == 2, stderr
    assert published_and_leftovers(out) == ([], [])
    assert left_running(tag) == {}


# --- Ctrl-C: SIGINT to the foreground process group, as a terminal sends it -----------------


@pytest.mark.parametrize("when", ["kernel starting", "cell running"])
def test_ctrl_c_stops_a_run_with_130_and_one_line(tmp_path, tag, when):
    out = tmp_path / "out"
    process = start(run_args(out), tag, tmp_path / "started")
    if when == "cell running":
        wait_for_kernel_at_work(process, tmp_path / "started")
    else:
        assert process.stderr.readline().startswith("rendering")
        time.sleep(1.0)   # data loaded and checked; the kernel is being started
    os.killpg(process.pid, signal.SIGINT)
    status, stderr = finish(process)
    assert status == 130, stderr
    assert stderr.strip().splitlines()[-1].startswith("interrupted"), stderr
    assert len(stderr.strip().splitlines()) <= 2, stderr   # "rendering …" and "interrupted …"
    assert published_and_leftovers(out) == ([], [])
    assert left_running(tag) == {}


def test_ctrl_c_is_not_swallowed_when_the_run_inherited_sigint_ignored(tmp_path, tag):
    """A job started in the background of a script inherits SIGINT ignored; it still stops."""
    out = tmp_path / "out"
    process = start(run_args(out), tag, tmp_path / "started",
                    preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    wait_for_kernel_at_work(process, tmp_path / "started")
    process.send_signal(signal.SIGINT)
    status, stderr = finish(process)
    assert status == 130, stderr
    assert published_and_leftovers(out) == ([], [])
    assert left_running(tag) == {}


def test_ctrl_c_stops_a_batch_with_130_one_line_and_nothing_left_running(tmp_path, tag):
    out = tmp_path / "out"
    process = start(batch_args(out), tag, tmp_path / "started")
    wait_for_kernel_at_work(process, tmp_path / "started")
    os.killpg(process.pid, signal.SIGINT)
    status, stderr = finish(process)
    assert status == 130, stderr
    lines = stderr.strip().splitlines()
    assert lines[0] == "2 reports to render" and len(lines) == 2, stderr
    assert lines[1].startswith("interrupted"), stderr
    assert published_and_leftovers(out) == ([], [])
    assert left_running(tag) == {}


# --- a closed stdout or stderr (`| head`) ------------------------------------------------------


def test_validate_into_a_closed_pipe_ends_quietly_with_its_usual_status(tag):
    process = subprocess.Popen([sys.executable, "-m", "briefing", "validate", "--data", str(SAMPLE)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=os.environ | {TAG: tag})
    process.stdout.close()                     # `| head` that has already exited
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, stderr
    assert stderr == ""


def test_a_batch_into_a_closed_pipe_renders_and_summarises_quietly(tmp_path, tag):
    out = tmp_path / "out"
    read, write = os.pipe()
    os.close(read)                             # `2>&1 | head` whose head has exited
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", *map(str, batch_args(out))], cwd=ROOT,
        env=os.environ | {TAG: tag, "BRIEFING_TEST_SLEEP": "0"}, stdout=write, stderr=write)
    os.close(write)
    assert process.wait(timeout=300) == 0
    summary = json.loads((out / "2020S1" / "batch-summary.json").read_text(encoding="utf-8"))
    assert summary["counts"] == {"ok": 2}
    assert left_running(tag) == {}
