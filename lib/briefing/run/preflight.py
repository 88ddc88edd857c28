"""Preflight: the one place that decides whether runs can start, before any kernel.

``briefing validate``, ``briefing run`` and ``briefing batch`` (and every batch
worker, before each report) call :func:`preflight`, so what ``validate``
accepts is exactly what ``run`` starts. It checks the environment, the batch
executor's options, and for every job its parameters, its data, its notebook,
its unit and period, and its output folder; it changes nothing on disk.
Every problem is collected; one error names them all.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from briefing.errors import BriefingError, OutputError, ParamsError
from briefing.inputs.coverage import check_period_covered
from briefing.inputs.dataset import CheckedData, read_dataset
from briefing.run.kernels import kernel_socket_dir
from briefing.run.latest import resolve_period
from briefing.run.layout import report_folder
from briefing.run.notebook_checks import NotebookContract, check_requirements, read_notebook_contract
from briefing.run.params import RunParams, check_params
from briefing.run.publishing import check_output_target

#: Jobs named in a message before the rest are counted ("... and 12 more").
NAMED_JOBS = 3


@dataclass(frozen=True)
class PreparedRun:
    """A run whose inputs and parameters passed every check: what the run needs."""

    params: RunParams
    dataset: CheckedData
    notebook: Path
    target: Path


class PreflightError(BriefingError):
    """Runs cannot start; carries every problem found (exit status 2)."""

    def __init__(self, problems: list[str], what: str):
        self.problems = tuple(problems)
        count = len(problems)
        lines = [f"{what} cannot start: {count} problem{'s' if count != 1 else ''}"]
        lines += ["  - " + p.replace("\n", "\n    ") for p in problems]
        super().__init__("\n".join(lines))


class Inputs:
    """Data sets and notebooks, each read and checked once however many jobs share it."""

    def __init__(self, datasets: Iterable[CheckedData] = ()):
        self._datasets: dict[Path, CheckedData | BriefingError] = {
            Path(d.source).resolve(): d for d in datasets}
        self._notebooks: dict[str, NotebookContract | BriefingError] = {}

    def dataset(self, path) -> CheckedData:
        """The data set at ``path``; raises its error (again) if it has one."""
        return _remembered(self._datasets, Path(path).resolve(), lambda: read_dataset(path))

    def notebook(self, name: str) -> NotebookContract:
        """The checked notebook ``name`` (a name in ``notebooks/`` or a path)."""
        from briefing.run.kernels import find_notebook

        return _remembered(self._notebooks, name, lambda: read_notebook_contract(find_notebook(name)))


def _remembered(memory: dict, key, make: Callable):
    if key not in memory:
        try:
            memory[key] = make()
        except BriefingError as error:
            memory[key] = error
    found = memory[key]
    if isinstance(found, BriefingError):
        raise found
    return found


def preflight(jobs: Sequence[RunParams], executor=None,
              inputs: Inputs | None = None) -> list[PreparedRun]:
    """Check everything a run needs before a kernel starts; return one prepared run per job.

    Raises
    ------
    BriefingError
        The one problem found as it was raised (an ``InputError`` listing the
        data's problems, a ``ParamsError``); or ``PreflightError`` naming every
        problem, each job's prefixed with the job (exit status 2 either way).
    """
    inputs = inputs or Inputs()
    findings = _Findings(label_jobs=len(jobs) > 1)
    findings.check(None, check_environment)
    findings.check(None, kernel_socket_dir)   # a missing or unsafe temporary folder
    if executor is not None:
        findings.check(None, executor.check)
    runs = [_check_job(params, inputs, findings) for params in jobs]
    findings.raise_if_any("the batch" if len(jobs) > 1 else "the run")
    return runs


def _check_job(params: RunParams, inputs: Inputs, findings: _Findings) -> PreparedRun | None:
    label = run_label(params)
    for message in check_params(params):
        findings.add(label, ParamsError(message))
    notebook = findings.check(None, lambda: inputs.notebook(params.notebook))
    dataset = findings.check(None, lambda: inputs.dataset(params.data))
    if dataset is None or findings.has(label):
        return None
    params = findings.check(label, lambda: resolve_period(params, dataset)[0])   # --period latest
    if params is None:
        return None
    unit = params.unit or dataset.tree.roots[0]
    if findings.check(label, lambda: _check_unit_and_period(dataset, unit, params.period)) is None:
        return None
    if notebook is not None:
        findings.check(label, lambda: check_requirements(notebook, dataset, unit))
    target = report_folder(params.out, params.period, unit)
    findings.check(None, lambda: _check_output(target))
    if notebook is None:
        return None
    params = replace(params, unit=unit, data=Path(params.data).resolve())
    return PreparedRun(params, dataset, notebook.path, target)


def run_label(params: RunParams) -> str:
    """How a job is named in messages and summaries: ``2020S1/hongdan briefing.vi``."""
    return f"{params.period}/{params.unit} {Path(params.notebook).stem}.{params.lang}"


def _check_unit_and_period(dataset: CheckedData, unit: str, period: str) -> bool:
    dataset.require_unit(unit)
    check_period_covered(dataset, period)
    return True


def check_environment() -> None:
    """Environment values a run reads: ``SOURCE_DATE_EPOCH`` must name a time."""
    from briefing.run.export import generation_time

    generation_time()


def _check_output(target: Path) -> None:
    """The folder above can be written, and no link or file stands in the report's place."""
    check_output_folder(target)
    check_output_target(target)


def check_output_folder(target: Path) -> None:
    """Reports can be written under ``target.parent``: checked without writing anything.

    Raises
    ------
    OutputError
        When ``target`` or a folder above it is a file (or a dangling link), or
        the nearest existing folder cannot be written.
    """
    folder = target.parent
    if (target.is_symlink() and not target.exists()) or (target.exists() and not target.is_dir()):
        raise OutputError(f"cannot write reports under {folder}: {target} is not a folder")
    for path in (folder, *folder.parents):
        if path.is_symlink() and not path.exists():
            raise OutputError(f"cannot write reports under {folder}: {path} is a broken link")
        if not path.exists():
            continue
        if not path.is_dir():
            raise OutputError(f"cannot write reports under {folder}: {path} is not a folder")
        if not os.access(path, os.W_OK | os.X_OK):
            raise OutputError(f"cannot write reports under {folder}: {_why_not_writable(path)}")
        return


def _why_not_writable(path: Path) -> str:
    try:
        read_only = bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        read_only = False
    return os.strerror(errno.EROFS if read_only else errno.EACCES)


class _Findings:
    """Problems found so far: shared ones once, a job's with the jobs that have it."""

    def __init__(self, label_jobs: bool):
        self.label_jobs = label_jobs
        self.errors: dict[str, tuple[BriefingError, list[str]]] = {}

    def add(self, label: str | None, error: BriefingError) -> None:
        error_, labels = self.errors.setdefault(str(error), (error, []))
        if label is not None and label not in labels:
            labels.append(label)

    def has(self, label: str) -> bool:
        return any(label in labels for _, labels in self.errors.values())

    def check(self, label: str | None, step: Callable):
        """``step()``, or None with its error recorded."""
        try:
            return step()
        except BriefingError as error:
            self.add(label, error)
            return None

    def raise_if_any(self, what: str) -> None:
        if not self.errors:
            return
        if len(self.errors) == 1:
            error, labels = next(iter(self.errors.values()))
            if not (labels and self.label_jobs):
                raise error
        raise PreflightError([self._line(message, labels) for message, (_, labels)
                              in self.errors.items()], what)

    def _line(self, message: str, labels: list[str]) -> str:
        if not (labels and self.label_jobs):
            return message
        named = ", ".join(labels[:NAMED_JOBS])
        rest = len(labels) - NAMED_JOBS
        return f"{named}{f' and {rest} more' if rest > 0 else ''}: {message}"
