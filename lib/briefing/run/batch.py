"""``briefing batch``: every report of a reporting period, with progress and a summary.

Jobs are planned and every one is preflighted first (bad arguments or inputs:
exit 2 before any worker starts); reports whose fingerprint shows nothing changed
since they were rendered are set aside (:mod:`briefing.run.fingerprint`), so that
when nothing changed no worker starts; then an executor renders the rest, one failure
never stopping the others; at the end a summary table is printed and the batch's
summary written to ``OUT/<period>/batches/<YYYYmmdd-HHMMSS>.json`` and, as the latest,
``OUT/<period>/batch-summary.json``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from briefing.errors import BriefingError, ParamsError
from briefing.periods import parse_period
from briefing.run.executors import ExecutorChoice, make_executor
from briefing.run.fingerprint import fingerprint_path, why_render
from briefing.run.layout import (
    metrics_file_name,
    period_folder,
    previous_metrics_path,
    report_file_names,
    report_folder,
)
from briefing.run.params import RunParams
from briefing.run.preflight import Inputs, PreparedRun, preflight, run_label
from briefing.run.publishing import remove_stale_folders

#: Notebooks a batch over all units renders when none is named: the briefing of every unit,
#: and the comparison of the children of every unit that has any.
DEFAULT_NOTEBOOKS = ("briefing", "district_comparison")


@dataclass(frozen=True)
class BatchJob:
    """One report of a batch: its parameters, its checked run, and why it is rendered."""

    params: RunParams
    run: PreparedRun | None = field(default=None, compare=False, repr=False)
    why: str | None = None

    @property
    def label(self) -> str:
        return run_label(self.params)


@dataclass
class BatchPlan:
    """The jobs to run, those left out on purpose (a comparison for a unit without
    children), and those whose reports are unchanged since they were rendered."""

    jobs: list[BatchJob] = field(default_factory=list)
    skipped: list[tuple[BatchJob, str]] = field(default_factory=list)
    unchanged: list[BatchJob] = field(default_factory=list)


def plan_batch(bases: list[RunParams], units: list[str] | None, all_units: bool,
               langs: list[str] | None, notebooks: list[str] | None,
               executor: ExecutorChoice | None = None, inputs: Inputs | None = None) -> BatchPlan:
    """Expand base parameters over units, languages and notebooks; preflight every job.

    Raises
    ------
    BriefingError
        Naming every bad input or parameter of every job (exit 2), before anything runs.
    """
    inputs = inputs or Inputs()
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
    return BatchPlan([BatchJob(run.params, run) for run in runs], skipped)


def set_aside_unchanged(plan: BatchPlan, force: bool = False) -> BatchPlan:
    """The plan with the jobs whose reports are unchanged moved to ``unchanged``.

    Every other job says why it is rendered. With ``force`` every job is rendered. A
    report that quotes the previous period's report (a briefing does) is rendered when
    that report is rendered in the same batch: it is decided in period order.
    """
    reasons: dict[int, str | None] = {}
    rendered_metrics: set[Path] = set()
    order = sorted(range(len(plan.jobs)),
                   key=lambda i: parse_period(plan.jobs[i].params.period).last_month)
    for index in order:
        params = plan.jobs[index].params
        previous = previous_metrics_path(params.out, params.period, params.unit, params.lang)
        if force:
            why = "--force"
        elif previous.resolve() in rendered_metrics:
            why = "the previous period's report is rendered in this batch"
        else:
            why = why_render(plan.jobs[index].run)
        if why is not None:
            rendered_metrics.add(_metrics_path(params).resolve())
        reasons[index] = why
    jobs = [replace(job, why=reasons[i]) for i, job in enumerate(plan.jobs) if reasons[i]]
    unchanged = [job for i, job in enumerate(plan.jobs) if not reasons[i]]
    return BatchPlan(jobs, plan.skipped, plan.unchanged + unchanged)


def _metrics_path(params: RunParams) -> Path:
    return report_folder(params.out, params.period, params.unit) / metrics_file_name(params.lang)


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
                "reason": self.job.why, "seconds": round(self.seconds, 3), "files": self.files,
                "error": self.error, "cell": self.cell}


def unchanged_outcomes(plan: BatchPlan) -> list[JobOutcome]:
    """An outcome ``unchanged`` for each job set aside, with the report's files as they are."""
    outcomes = []
    for job in plan.unchanged:
        run = job.run
        names = report_file_names(run.notebook.stem, run.params.lang, ("ipynb", *run.params.to))
        files = [str(run.target / name) for name in sorted(names)
                 if name != fingerprint_path(run).name and (run.target / name).is_file()]
        outcomes.append(JobOutcome(job, "unchanged", files=files))
    return outcomes


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


def render_plan(plan: BatchPlan, choice: ExecutorChoice, display) -> tuple[list[JobOutcome], int]:
    """Render the plan's jobs on the executor ``choice`` names, shown on ``display``.

    Returns the outcomes and the number of workers. With no job to render, no executor
    is made (no worker, no kernel, no connection to a cluster) and the workers are 0.
    """
    if not plan.jobs:
        display.nothing_to_render()
        return [], 0
    executor = make_executor(choice.name, choice.workers, choice.scheduler)
    for out in {job.params.out for job in plan.jobs}:
        Path(out).mkdir(parents=True, exist_ok=True)
    executor.check(sorted({str(Path(job.params.data).resolve()) for job in plan.jobs}
                          | {str(Path(job.params.out).resolve()) for job in plan.jobs}))
    with display:
        outcomes = run_batch(plan, executor, display.report)
    return outcomes, getattr(executor, "workers", None)


def _tell(progress, outcome: JobOutcome) -> None:
    try:
        progress(outcome)
    except Exception:  # noqa: S110 - showing an outcome must never change the batch's fate
        pass


def clean_up_interrupted(plan: BatchPlan) -> None:
    """Remove the staging folders of runs that were killed."""
    for folder in {period_folder(job.params.out, job.params.period) for job in plan.jobs}:
        remove_stale_folders(folder)
