"""``briefing batch``: every report of a reporting period, with progress and a summary.

Jobs are planned and every one is preflighted first (bad arguments or inputs:
exit 2 before any worker starts); then an executor renders them, one failure never
stopping the others; at the end a summary table is printed and
``OUT/<period>/batch-summary.json`` written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from briefing.errors import BriefingError, ParamsError
from briefing.run.executors import ExecutorChoice
from briefing.run.layout import BATCH_SUMMARY, period_folder
from briefing.run.params import RunParams
from briefing.run.preflight import Inputs, preflight, run_label
from briefing.run.publishing import remove_stale_folders

#: Notebooks a batch over all units renders when none is named: the briefing of every unit,
#: and the comparison of the children of every unit that has any.
DEFAULT_NOTEBOOKS = ("briefing", "district_comparison")


@dataclass(frozen=True)
class BatchJob:
    """One report of a batch."""

    params: RunParams

    @property
    def label(self) -> str:
        return run_label(self.params)


@dataclass
class BatchPlan:
    """The jobs to run, and those left out on purpose (a comparison for a unit without children)."""

    jobs: list[BatchJob] = field(default_factory=list)
    skipped: list[tuple[BatchJob, str]] = field(default_factory=list)


def plan_batch(bases: list[RunParams], units: list[str] | None, all_units: bool,
               langs: list[str] | None, notebooks: list[str] | None,
               executor: ExecutorChoice | None = None) -> BatchPlan:
    """Expand base parameters over units, languages and notebooks; preflight every job.

    Raises
    ------
    BriefingError
        Naming every bad input or parameter of every job (exit 2), before anything runs.
    """
    inputs = Inputs()
    expanded: list[BatchJob] = []
    skipped: list[tuple[BatchJob, str]] = []
    for base in bases:
        dataset = _dataset_or_none(inputs, base)
        chosen_units = (dataset.tree.all_in_order() if all_units and dataset is not None
                        else units or [base.unit])
        chosen_notebooks = notebooks or (list(DEFAULT_NOTEBOOKS) if all_units else [base.notebook])
        for unit in chosen_units:
            for notebook in chosen_notebooks:
                for lang in langs or [base.lang]:
                    job = BatchJob(replace(base, unit=unit, notebook=notebook, lang=lang))
                    reason = _skip_reason(job, dataset, inputs)
                    if reason:
                        skipped.append((job, reason))
                    else:
                        expanded.append(job)
    runs = preflight([job.params for job in expanded], executor, inputs)
    if not runs:
        raise ParamsError("the batch has no report to render")
    return BatchPlan([BatchJob(run.params) for run in runs], skipped)


def _dataset_or_none(inputs: Inputs, base: RunParams):
    """The base's data set, or None when it is bad (the preflight names its problems)."""
    try:
        return inputs.dataset(base.data)
    except BriefingError:
        return None


def _skip_reason(job: BatchJob, dataset, inputs: Inputs) -> str | None:
    """Why a unit does not get this notebook (e.g. no children to compare), or None."""
    if dataset is None:
        return None
    try:
        needs = inputs.notebook(job.params.notebook).requires
    except BriefingError:
        return None   # reported as a problem by the preflight
    unit = job.params.unit or dataset.tree.roots[0]
    if "children" in needs and unit in dataset.tree and not dataset.tree.children(unit):
        return "no child units to compare"
    return None


@dataclass
class JobOutcome:
    """What happened to one job."""

    job: BatchJob
    status: str
    seconds: float = 0.0
    files: list[str] = field(default_factory=list)
    error: str | None = None
    cell: int | None = None

    def to_json(self) -> dict:
        params = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self.job.params).items()
                  if k != "document"}
        params["to"] = list(self.job.params.to)
        return {"report": self.job.label, "params": params, "status": self.status,
                "seconds": round(self.seconds, 3), "files": self.files, "error": self.error,
                "cell": self.cell}


def run_batch(plan: BatchPlan, executor, progress) -> list[JobOutcome]:
    """Render every job with ``executor``; ``progress`` is told of each outcome as it comes.

    On Ctrl-C or SIGTERM (:class:`briefing.run.stopping.Stopped`, a ``KeyboardInterrupt``) the
    executor is stopped, staging folders of killed runs are removed (no half-written report
    is left) and the interrupt re-raised. ``progress`` only shows: if it fails, the batch
    goes on.
    """
    outcomes: dict[int, JobOutcome] = {}
    try:
        for index, result in executor.run(plan.jobs):
            outcome = JobOutcome(plan.jobs[index], result["status"], result["seconds"],
                                 result["files"], result["error"], result["cell"])
            outcomes[index] = outcome
            _tell(progress, outcome)
    except BaseException:          # Ctrl-C, or a worker pool that broke
        executor.stop()
        clean_up_interrupted(plan)
        raise
    executor.close()
    return [outcomes[i] for i in sorted(outcomes)]


def _tell(progress, outcome: JobOutcome) -> None:
    try:
        progress(outcome)
    except Exception:  # noqa: S110 - showing an outcome must never change the batch's fate
        pass


def clean_up_interrupted(plan: BatchPlan) -> None:
    """Remove the staging folders of runs that were killed."""
    for folder in {period_folder(job.params.out, job.params.period) for job in plan.jobs}:
        remove_stale_folders(folder)


def write_summaries(plan: BatchPlan, outcomes: list[JobOutcome], meta: dict) -> list[Path]:
    """One ``batch-summary.json`` per output folder and period; returns their paths."""
    groups: dict[Path, list[dict]] = defaultdict(list)
    for outcome in outcomes:
        groups[period_folder(outcome.job.params.out, outcome.job.params.period)].append(
            outcome.to_json())
    for job, reason in plan.skipped:
        groups[period_folder(job.params.out, job.params.period)].append(
            JobOutcome(job, "skipped", error=reason).to_json())
    written = []
    for folder, reports in groups.items():
        counts = defaultdict(int)
        for report in reports:
            counts[report["status"]] += 1
        document = {"period": folder.name, **meta, "counts": dict(counts), "reports": reports}
        written.append(_write_atomically(folder / BATCH_SUMMARY, document))
    return written


def _write_atomically(path: Path, document: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         prefix=".batch-summary-", suffix=".tmp")
    with handle:
        json.dump(document, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    os.replace(handle.name, path)
    return path


def batch_meta(executor_name: str, workers: int | None, started: dt.datetime) -> dict:
    """Run-level facts for the summary file."""
    return {"executor": executor_name, "workers": workers, "started": started.isoformat(timespec="seconds"),
            "finished": dt.datetime.now().isoformat(timespec="seconds")}
