"""Where batch reports are rendered: local worker processes, or a Dask cluster. A registry.

Every executor runs :func:`render_job` in long-lived worker processes that
each keep one warm kernel, one HTML exporter and one PDF font configuration,
and yields each job's result as soon as it is done.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import re
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from briefing.errors import BriefingError, NotebookError, ParamsError, shown
from briefing.run.stopping import Stopped, die_with_parent, kill_kernels, on_stop_signal

#: Executors by name: name -> class taking (workers, scheduler).
EXECUTORS: dict[str, type] = {}


def executor(name: str):
    """Register an executor class."""
    def register(cls):
        EXECUTORS[name] = cls
        return cls
    return register


@dataclass(frozen=True)
class ExecutorChoice:
    """How a batch is to be rendered: ``--executor``, ``--workers``, ``--scheduler``."""

    name: str = "local"
    workers: int | None = None
    scheduler: str | None = None

    def check(self) -> None:
        """Raise ``ParamsError`` unless this choice can run (see :func:`check_executor`)."""
        check_executor(self)



def check_executor(choice: ExecutorChoice) -> None:
    """The executor exists, ``--workers`` is at least 1, a Dask scheduler is an address."""
    problems = []
    if choice.name not in EXECUTORS:
        problems.append(f"unknown executor {shown(choice.name, 60)}; expected one of: "
                        f"{', '.join(EXECUTORS)}")
    if choice.workers is not None and choice.workers < 1:
        problems.append(f"--workers {choice.workers}: expected a whole number of at least 1")
    if choice.name == "dask":
        problems += _scheduler_problems(choice.scheduler)
    elif choice.scheduler is not None:
        problems.append("--scheduler is for --executor dask; the local executor needs none")
    if problems:
        raise ParamsError("; ".join(problems))


def _scheduler_problems(address: str | None) -> list[str]:
    if not address:
        return ["--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)"]
    if address.startswith("inproc://") and len(address) > len("inproc://"):
        return []
    match = _ADDRESS.fullmatch(address)
    if match is None or not 0 < int(match["port"]) < 65536:
        return [f"--scheduler {shown(address, 80)}: expected a Dask scheduler address such as "
                "tcp://host:8786 (host and port)"]
    return []



_ADDRESS = re.compile(r"(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)"
                      r":(?P<port>[0-9]{1,5})")


# --- what runs in a worker process ---------------------------------------------------------

_worker_kernel = None
_worker_lock = threading.Lock()
_in_job = False
#: Seconds a worker told to stop may take before it exits regardless.
STOP_GRACE_SECONDS = 10


def start_local_worker(parent: int) -> None:
    """Initialiser of a local worker process: signals first, then :func:`start_worker`.

    Ctrl-C reaches the whole process group; the main process decides what
    stops, and stops a worker with SIGTERM. A worker whose parent dies (even
    by SIGKILL) gets SIGTERM too, so no worker, and no kernel, outlives the batch.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    die_with_parent(parent)
    start_worker()


def _stop_worker(signum: int, frame) -> None:
    """SIGTERM in a worker: kill its kernel; a report in progress fails (its staging folder
    removed on the way out), then the worker exits with 128 + signum."""
    timer = threading.Timer(STOP_GRACE_SECONDS, os._exit, args=(128 + signum,))
    timer.daemon = True
    timer.start()
    if not _in_job:
        kill_kernels()
        os._exit(128 + signum)
    on_stop_signal(signum, frame)   # raises Stopped, unless the kernel is at work: it dies


def start_worker() -> None:
    """Prepare a worker process: data sets cached, a warm kernel, the HTML exporter loaded."""
    global _worker_kernel
    from briefing.inputs.dataset import enable_dataset_cache
    from briefing.run.export import html_exporter
    from briefing.run.fingerprint import library_fingerprint
    from briefing.run.workers import WarmKernel

    library_fingerprint()   # the library as the kernel will import it (or older: safe)
    enable_dataset_cache()
    html_exporter()
    _worker_kernel = WarmKernel().start()
    atexit.register(_worker_kernel.shutdown)


def render_job(params) -> dict:
    """Render one report in this worker; never raises, the result says what happened.

    A worker told to stop while rendering exits once the report's staging folder is gone.
    """
    global _in_job
    from briefing.inputs.dataset import read_dataset
    from briefing.run.runner import run_report

    with _worker_lock:   # one warm kernel per process: Dask may call from several threads
        if _worker_kernel is None:
            start_worker()
        started = time.perf_counter()
        outcome = {"status": "ok", "error": None, "cell": None, "files": []}
        _in_job = True
        try:
            result = run_report(params, kernel=_worker_kernel, dataset=read_dataset(params.data))
            outcome["files"] = [str(f) for f in result.files]
        except Stopped as stop:
            kill_kernels()
            os._exit(stop.exit_status)
        except NotebookError as error:
            outcome.update(status="failed", error=error.error, cell=error.cell)
        except BriefingError as error:
            outcome.update(status="failed", error=str(error))
        except Exception as error:  # a bug must not stop the batch; it is reported as one
            outcome.update(status="failed", error=f"internal error: {type(error).__name__}: {error}")
        finally:
            _in_job = False
        outcome["seconds"] = time.perf_counter() - started
        outcome["worker"] = os.getpid()
        return outcome


# --- executors ---------------------------------------------------------------------------


@executor("local")
class LocalExecutor:
    """Worker processes on this machine, one per core by default."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None):
        self.workers = workers or os.cpu_count() or 1
        self.pool = None

    def check(self, paths: list[str]) -> None:
        """Nothing to check: local workers see what this process sees."""

    def run(self, jobs: list) -> Iterator[tuple[int, dict]]:
        """Yield ``(index, outcome)`` for each job as soon as it is done."""
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(max_workers=min(self.workers, len(jobs)) or 1,
                                        mp_context=context, initializer=start_local_worker,
                                        initargs=(os.getpid(),))
        futures = {self.pool.submit(render_job, job.params): index for index, job in enumerate(jobs)}
        for future in as_completed(futures):
            yield futures[future], future.result()

    def stop(self) -> None:
        """Stop at once: pending jobs are cancelled, workers (and their kernels) killed."""
        if self.pool is None:
            return
        # The pool's workers are this process's children (the pool has no public list of them).
        processes = multiprocessing.active_children()
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)


@executor("dask")
class DaskExecutor:
    """Workers of a Dask distributed cluster that share the data and output folders.

    Each worker needs briefing installed, and the same paths as this machine
    for the data and the outputs (a shared file system).
    """

    def __init__(self, workers: int | None = None, scheduler: str | None = None):
        try:
            from distributed import Client
        except ImportError:
            raise ParamsError("--executor dask needs the dask extra: pip install 'briefing[dask]'") \
                from None
        if not scheduler:
            raise ParamsError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        try:
            self.client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise ParamsError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        self.futures = []

    def check(self, paths: list[str]) -> None:
        """Every worker must see every data folder and be able to write the output folder."""
        seen = self.client.run(_paths_visible, paths)
        if not seen:
            raise ParamsError("the Dask cluster has no workers")
        missing = [f"{worker} cannot see {path}" for worker, found in seen.items()
                   for path, ok in found.items() if not ok]
        if missing:
            raise ParamsError("Dask workers need the data and output folders on a shared file "
                              "system:\n  " + "\n  ".join(missing))

    def run(self, jobs: list) -> Iterator[tuple[int, dict]]:
        from distributed import as_completed as dask_completed

        self.futures = [self.client.submit(render_job, job.params, pure=False) for job in jobs]
        index = {future.key: i for i, future in enumerate(self.futures)}
        for future in dask_completed(self.futures):
            yield index[future.key], future.result()

    def stop(self) -> None:
        if self.futures:
            self.client.cancel(self.futures)

    def close(self) -> None:
        self.client.close()


def _paths_visible(paths: list[str]) -> dict[str, bool]:
    return {path: os.path.exists(path) and os.access(path, os.R_OK) for path in paths}


def make_executor(name: str, workers: int | None, scheduler: str | None):
    """The registered executor ``name``."""
    if name not in EXECUTORS:
        raise ParamsError(f"unknown executor {name!r}; expected one of: {', '.join(EXECUTORS)}")
    return EXECUTORS[name](workers, scheduler)
