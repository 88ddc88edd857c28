"""A batch's summary: what happened to each report, kept per batch and as the latest.

``OUT/<period>/batches/<YYYYmmdd-HHMMSS>.json`` keeps every batch's summary (a second batch
in the same second gets ``…_2.json``); ``OUT/<period>/batch-summary.json`` is a copy of the
latest, naming its file under ``batch``. Both are written whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections import defaultdict
from pathlib import Path

from briefing.run.batch import BatchPlan, JobOutcome
from briefing.run.layout import BATCH_SUMMARY, batch_record_path, period_folder


def write_summaries(plan: BatchPlan, outcomes: list[JobOutcome], meta: dict) -> list[Path]:
    """Each period's summary, kept in ``batches/`` and as the latest ``batch-summary.json``.

    One summary per output folder and period; returns the paths of the latest summaries.
    """
    groups: dict[Path, list[dict]] = defaultdict(list)
    for outcome in outcomes:
        groups[period_folder(outcome.job.params.out, outcome.job.params.period)].append(
            outcome.to_json())
    for job, reason in plan.skipped:
        groups[period_folder(job.params.out, job.params.period)].append(
            JobOutcome(job, "skipped", error=reason).to_json())
    started = dt.datetime.fromisoformat(meta["started"])
    written = []
    for folder, reports in groups.items():
        counts = defaultdict(int)
        for report in reports:
            counts[report["status"]] += 1
        document = {"period": folder.name, **meta, "counts": dict(counts), "reports": reports}
        record = _write_record(folder, started, document)
        document = {**document, "batch": record.relative_to(folder).as_posix()}
        written.append(_write_atomically(folder / BATCH_SUMMARY, document))
    return written


def _write_record(folder: Path, started: dt.datetime, document: dict) -> Path:
    """Write ``document`` to a new ``batches/<time>.json`` (never over another batch's)."""
    attempt = 1
    while True:
        path = batch_record_path(folder.parent, folder.name, started, attempt)
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = _write_atomically(path.with_name(f".{path.name}.{os.getpid()}.tmp"),
                                   {**document, "batch": f"{path.parent.name}/{path.name}"})
        try:
            os.link(staged, path)   # fails when the name is taken: two batches in one second
            return path
        except FileExistsError:
            attempt += 1
        finally:
            staged.unlink()


def batch_meta(executor_name: str, workers: int | None, started: dt.datetime,
               force: bool = False) -> dict:
    """Run-level facts for the summary file (``workers`` 0: none was started)."""
    return {"executor": executor_name, "workers": workers, "force": force,
            "started": started.isoformat(timespec="seconds"),
            "finished": dt.datetime.now().isoformat(timespec="seconds")}


def _write_atomically(path: Path, document: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         prefix=".batch-summary-", suffix=".tmp")
    with handle:
        json.dump(document, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    os.chmod(handle.name, 0o644)   # a temporary file is private; a summary is for reading
    os.replace(handle.name, path)
    return path
