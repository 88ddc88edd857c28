"""Measure report throughput and library speed, side by side, in one run.

    python bench/run_bench.py [--reports 24] [--skip-big]

Generates what it needs under bench/data/ (a 12-unit province: 24 briefings
in two languages; a 21M-row data set), then times:

* the naive loop users write today: the papermill CLI, then
  ``jupyter nbconvert --to html --no-input``, one report after another;
* ``briefing run`` in a loop (a cold process and kernel per report);
* ``briefing batch`` with 1 and 2 workers, HTML and HTML+PDF;
* one cold ``briefing run`` (median of three);
* the library alone: load and compute every metric of every unit on 21M rows.

Peak memory is the largest sum of resident memory over the process tree
(workers and kernels included), sampled every 50 ms from /proc.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from make_data import make_batch_data, make_big_data  # noqa: E402


def tree_rss(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def run_sampled(command: list[str], stdout=subprocess.DEVNULL) -> tuple[str, str, int, int]:
    """Run one command, sampling its process tree's memory; (stdout, stderr, status, peak bytes)."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, text=True)
    peak, done = 0, threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, errors = process.communicate()
    done.set()
    sampler.join()
    return output or "", errors, process.returncode, peak


def measure(commands: list[list[str]]) -> tuple[float, float]:
    """Run commands one after another; (seconds, peak MB of any one command's process tree)."""
    started, peak = time.perf_counter(), 0
    for command in commands:
        _, errors, status, command_peak = run_sampled(command)
        peak = max(peak, command_peak)
        if status != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{errors[-3000:]}")
    return time.perf_counter() - started, peak / 2**20


def reports(units: list[str], count: int) -> list[tuple[str, str]]:
    pairs = [(unit, lang) for unit in units for lang in ("vi", "en")]
    return pairs[:count]


def naive_commands(data: Path, out: Path, jobs) -> list[list[str]]:
    commands = []
    for unit, lang in jobs:
        executed = out / f"{unit}.{lang}.ipynb"
        commands.append([str(BIN / "papermill"), "notebooks/briefing.ipynb", str(executed),
                         "-p", "data", str(data), "-p", "period", "2020S1", "-p", "unit", unit,
                         "-p", "lang", lang, "--no-progress-bar", "--cwd", "notebooks"])
        commands.append([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                         str(executed)])
    return commands


def run_commands(data: Path, out: Path, jobs) -> list[list[str]]:
    return [[str(BIN / "briefing"), "run", "--data", str(data), "--period", "2020S1",
             "--unit", unit, "--lang", lang, "--out", str(out)] for unit, lang in jobs]


def batch_command(data: Path, out: Path, units: list[str], workers: int, to: str) -> list[list[str]]:
    return [[str(BIN / "briefing"), "batch", "--data", str(data), "--period", "2020S1",
             "--units", ",".join(units), "--lang", "vi,en", "--notebook", "briefing",
             "--to", to, "--workers", str(workers), "--out", str(out)]]


LIBRARY_SCRIPT = """
import sys, time
import briefing
from briefing.compute.metrics import compute_metrics_for_units
started = time.perf_counter()
dataset = briefing.load_dataset(sys.argv[1])
loaded = time.perf_counter()
metrics = compute_metrics_for_units(dataset, "2020S1")
print(f"{len(dataset.values)} {len(metrics)} {loaded - started:.2f} {time.perf_counter() - loaded:.2f}")
"""


def library(big: Path) -> tuple[float, float, str]:
    """Load + metrics of every unit on the big set, timed inside the process (imports excluded)."""
    command = [sys.executable, "-c", LIBRARY_SCRIPT, str(big)]
    output, errors, status, peak = run_sampled(command, stdout=subprocess.PIPE)
    if status != 0:
        raise SystemExit(f"failed: the library benchmark\n{errors[-3000:]}")
    rows, metric_rows, load, compute = output.split()
    detail = f"{int(rows):,} rows, {int(metric_rows):,} metric rows: load {load} s + metrics {compute} s"
    return float(load) + float(compute), peak / 2**20, detail


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python "
            f"{platform.python_version()}, {platform.system()} {platform.release()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=24, help="reports per scenario (default 24)")
    parser.add_argument("--skip-big", action="store_true", help="leave out the 21M-row library run")
    args = parser.parse_args()

    batch_data = make_batch_data(DATA / "batch")
    units = ["baclieu", "tp-baclieu", "giarai", "hongdan", "phuoclong", "vinhloi", "hoabinh",
             "donghai", "xa-a", "xa-b", "xa-c", "xa-d", "xa-e"][: (args.reports + 1) // 2]
    jobs = reports(units, args.reports)
    rows = []

    def scenario(name, commands, count):
        out = DATA / "out" / name.replace(" ", "-").replace(",", "")
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        seconds, peak = measure(commands(out))
        rows.append((name, count, seconds, peak))
        print(f"  {name}: {seconds:.1f} s, {seconds / count:.2f} s/report, peak {peak:.0f} MB",
              file=sys.stderr)

    print(f"measuring {len(jobs)} reports per scenario ...", file=sys.stderr)
    scenario("naive loop: papermill CLI + nbconvert CLI", lambda o: naive_commands(batch_data, o, jobs), len(jobs))
    scenario("briefing run, in a loop", lambda o: run_commands(batch_data, o, jobs), len(jobs))
    for to in ("html", "html,pdf"):
        for workers in (1, 2):
            scenario(f"briefing batch, {workers} worker{'s' if workers > 1 else ''}, {to.upper()}",
                     lambda o, w=workers, t=to: batch_command(batch_data, o, units, w, t), len(jobs))
    cold = []
    for _ in range(3):
        out = DATA / "out" / "cold"
        shutil.rmtree(out, ignore_errors=True)
        cold.append(measure(run_commands(batch_data, out, jobs[:1])))
    cold_seconds = statistics.median(c[0] for c in cold)
    rows.append(("one cold briefing run (median of 3)", 1, cold_seconds, max(c[1] for c in cold)))

    naive = rows[0][2] / rows[0][1]
    print(f"\nMeasured {dt.date.today().isoformat()} on {machine()}.\n")
    print("| scenario | reports | seconds | s/report | vs naive | peak memory |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, count, seconds, peak in rows:
        per = seconds / count
        print(f"| {name} | {count} | {seconds:.1f} | {per:.2f} | {naive / per:.1f}× | {peak:,.0f} MB |")
    if not args.skip_big:
        big = DATA / "big"
        if not (big / "values.csv").exists():
            print("\ngenerating the 21M-row set ...", file=sys.stderr)
            make_big_data(big)
        seconds, peak, detail = library(big)
        print(f"\nLibrary on 500 indicators × 700 units × 60 months: {detail}, "
              f"total {seconds:.1f} s, peak {peak:,.0f} MB.")


if __name__ == "__main__":
    main()
