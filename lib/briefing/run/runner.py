"""``briefing run``: one report, from parameters to published files.

Order matters: inputs and parameters are checked before a kernel starts, by
:func:`briefing.run.preflight.preflight` (bad ones cost nothing and change
nothing); the notebook runs and the files are
made in a staging folder; only a complete report is published.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from briefing.inputs.dataset import CheckedData
from briefing.periods import parse_period
from briefing.render.formatting import format_period
from briefing.run.export import EXPORTERS, ExportJob, export_all, generated_line, prepare_exporters
from briefing.run.fingerprint import fingerprint_path, report_fingerprint, write_fingerprint
from briefing.run.kernels import execute_notebook
from briefing.run.layout import metrics_file_name, previous_metrics_path, report_file_names
from briefing.run.metrics_file import build_metrics_document, write_metrics_file
from briefing.run.params import RunParams
from briefing.run.preflight import Inputs, PreparedRun, preflight
from briefing.run.publishing import publish, remove_stale_folders, staging_folder, writing_into
from briefing.run.stopping import raise_if_stopped


@dataclass(frozen=True)
class ReportResult:
    """What one run produced: the published files and how long it took."""

    params: RunParams
    folder: Path
    files: tuple[Path, ...]
    seconds: float

    @property
    def html(self) -> Path | None:
        return next((f for f in self.files if f.suffix == ".html"), None)


def run_report(params: RunParams, kernel=None, dataset: CheckedData | None = None) -> ReportResult:
    """Produce one report and publish it atomically into ``OUT/<period>/<unit>/``.

    ``kernel`` (a warm kernel) and ``dataset`` (already loaded) let a batch
    worker skip the costs it has already paid. The result's files are those a reader
    opens: the fingerprint published with them is left out.
    """
    started = time.perf_counter()
    run = preflight([params], inputs=Inputs([dataset] if dataset is not None else []))[0]
    remove_stale_folders(run.target.parent)
    with staging_folder(run.target) as stage:
        produce_report(run, stage, kernel)
        raise_if_stopped()   # a run asked to stop publishes nothing, even if it got this far
        files = publish(stage, run.target, report_files(run))
    fingerprint = fingerprint_path(run)
    return ReportResult(run.params, run.target, tuple(f for f in files if f != fingerprint),
                        time.perf_counter() - started)


def produce_report(run: PreparedRun, stage: Path, kernel=None) -> None:
    """Execute the notebook, then write the metrics file, every export and, last, the
    report's fingerprint into ``stage``.

    The fingerprint is taken before the notebook runs: an input that changes while it runs
    makes the next batch render the report again.
    """
    params = run.params
    stem = run.notebook.stem
    fingerprint = report_fingerprint(run)
    previous = previous_metrics_path(params.out, params.period, params.unit, params.lang)
    parameters = params.notebook_parameters(str(previous.resolve()) if previous.is_file() else "")
    warm_up = threading.Thread(target=prepare_exporters, args=(params.to,), daemon=True)
    warm_up.start()   # the exporters load while the kernel works: this process is idle then
    notebook = strip_run_metadata(execute_notebook(run.notebook, parameters, kernel))
    warm_up.join()
    document = build_metrics_document(run.dataset, params.period, params.unit, params.lang,
                                      params.cutoff)
    job = ExportJob(notebook, stage, stem, params.lang, _title(run), generated_line(params.lang))
    with writing_into(stage):
        nbformat.write(notebook, stage / f"{stem}.{params.lang}.ipynb")
        write_metrics_file(document, stage / metrics_file_name(params.lang))
        export_all(job, params.to)
        write_fingerprint(fingerprint, stage / fingerprint_path(run).name)


def report_files(run: PreparedRun) -> frozenset[str]:
    """Every file the run's report may have: the notebook, each format, the metrics."""
    return report_file_names(run.notebook.stem, run.params.lang, ("ipynb", *EXPORTERS))


def _title(run: PreparedRun) -> str:
    unit = run.dataset.tree.name(run.params.unit, run.params.lang)
    return f"{unit}: {format_period(parse_period(run.params.period), run.params.lang)}"


def strip_run_metadata(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove what differs between two runs on the same inputs: timings, random cell ids.

    Execution counts are renumbered from 1, as a fresh kernel numbers them.
    """
    papermill = notebook.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "exception", "input_path", "output_path"):
        papermill.pop(key, None)
    count = 0
    for cell in notebook.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"   # papermill draws a random id per run
        cell.metadata.pop("execution", None)
        cell_papermill = cell.metadata.get("papermill")
        if cell_papermill is not None:
            for key in ("start_time", "end_time", "duration"):
                cell_papermill.pop(key, None)
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = count
    return notebook
