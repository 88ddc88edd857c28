"""Executing a parameterized notebook with papermill on a real Jupyter kernel."""

from __future__ import annotations

import itertools
import json
import logging
import os
import stat
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from briefing.errors import NotebookError, OutputError, ParamsError
from briefing.paths import notebooks_dir
from briefing.run.stopping import forget_kernel, kernel_at_work, track_kernel

#: Where temporary files may go, in the order Python's ``tempfile`` tries them, without its
#: last resort (the working folder: a kernel's is the notebooks folder).
_TEMPORARY_VARIABLES = ("TMPDIR", "TEMP", "TMP")
_TEMPORARY_FOLDERS = ("/tmp", "/var/tmp", "/usr/tmp")

_kernel_numbers = itertools.count(1)


class LocalKernelManager(AsyncKernelManager):
    """A kernel reached over IPC sockets in a private folder: no TCP port is opened.

    Its connection file goes into the same folder (jupyter_client would otherwise
    make one in the temporary folder, or the working folder when there is none).
    Every kernel is known to :mod:`briefing.run.stopping`, which kills it when the run is
    asked to stop.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        name = kernel_socket_dir() / f"k{os.getpid()}-{next(_kernel_numbers)}"
        self.transport = "ipc"
        self.ip = str(name)
        self.connection_file = f"{name}.json"

    async def start_kernel(self, **kwargs):
        await super().start_kernel(**kwargs)
        track_kernel(self._pid())

    async def shutdown_kernel(self, now: bool = False, restart: bool = False):
        pid = self._pid()
        try:
            await super().shutdown_kernel(now=now, restart=restart)
        finally:
            forget_kernel(pid)

    async def cleanup_resources(self, restart: bool = False):
        forget_kernel(self._pid())
        await super().cleanup_resources(restart=restart)

    def _pid(self) -> int | None:
        return getattr(self.provisioner, "pid", None)


def temporary_root() -> Path:
    """The folder for temporary files, as Python's ``tempfile`` chooses it, never the working folder.

    Raises
    ------
    OutputError
        When no candidate (``$TMPDIR``, ``$TEMP``, ``$TMP``, ``/tmp``, ``/var/tmp``,
        ``/usr/tmp``) is a folder this user can write into.
    """
    named = [os.environ[v] for v in _TEMPORARY_VARIABLES if os.environ.get(v)]
    for candidate in named + list(_TEMPORARY_FOLDERS):
        if os.path.isdir(candidate) and os.access(candidate, os.W_OK | os.X_OK):
            return Path(candidate).absolute()
    tried = ", ".join(dict.fromkeys(named + list(_TEMPORARY_FOLDERS)))
    raise OutputError(f"no writable temporary folder (tried {tried}); set TMPDIR to a folder "
                      "you can write into")


def kernel_socket_dir() -> Path:
    """A folder only this user can enter, for kernel sockets and connection files.

    It is ``briefing-kernels-<uid>`` in the temporary folder, made with mode 0700,
    or reused when it is already this user's private folder.

    Raises
    ------
    OutputError
        When there is no writable temporary folder, or the folder there is a symbolic
        link, belongs to another user, or others may enter it.
    """
    folder = temporary_root() / f"briefing-kernels-{os.geteuid()}"
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError as error:
        raise OutputError(f"cannot make the kernel folder {folder}: {error.strerror}") from None
    problem = _unsafe_folder_problem(os.lstat(folder))
    if problem:
        raise OutputError(f"the kernel folder {folder} {problem}; refusing to use it "
                          "(remove it, or set TMPDIR to a private folder)")
    return folder


def _unsafe_folder_problem(info: os.stat_result) -> str | None:
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    if info.st_uid != os.geteuid():
        return f"belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o077:
        return f"can be entered by other users (mode {stat.S_IMODE(info.st_mode) & 0o777:o})"
    return None


def find_notebook(name: str) -> Path:
    """The notebook file for ``name``: a path to an ``.ipynb``, or a name in ``notebooks/``.

    Raises
    ------
    ParamsError
        When there is no such notebook; the message lists those there are.
    """
    candidate = Path(name)
    if candidate.suffix == ".ipynb":
        if candidate.is_file():
            return candidate.resolve()
        raise ParamsError(f"notebook {name} does not exist")
    path = notebooks_dir() / f"{name}.ipynb"
    if path.is_file():
        return path
    known = sorted(p.stem for p in notebooks_dir().glob("*.ipynb"))
    raise ParamsError(f"unknown notebook {name!r}; expected one of: {', '.join(known)}")


def execute_notebook(source: Path, parameters: dict, kernel=None):
    """Run ``source`` with ``parameters`` injected; return the executed notebook.

    ``kernel`` is a :class:`briefing.run.workers.WarmKernel` to reuse; without one
    a new kernel is started for this notebook and shut down after it. The
    notebook is kept in memory (papermill would otherwise rewrite the file
    before and after every cell); the caller writes it once.

    Raises
    ------
    NotebookError
        When a cell raises or kills its kernel; names the notebook, the cell
        (1-based, as stored) and the error.
    Stopped
        When a signal asked the run to stop (the kernel is killed at once).
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from briefing.run.engines import COLD_ENGINE, KernelDiedError
    from briefing.run.notebook_checks import kernel_of

    # Every notebook is offered the same parameters (the document's fields among them);
    # papermill warns about those a notebook does not declare, which is expected here.
    logging.getLogger("papermill").setLevel(logging.ERROR)
    try:
        with kernel_at_work():
            if kernel is not None:
                return kernel.execute(source, parameters)
            return papermill.execute_notebook(
                str(source), None, parameters=parameters, progress_bar=False, log_output=False,
                cwd=str(source.parent), kernel_manager_class=LocalKernelManager,
                engine_name=COLD_ENGINE, kernel_name=kernel_of(source),
            )
    except PapermillExecutionError as error:
        cell = _stored_cell_number(source, error.cell_index)
        raise NotebookError(source.name, cell, f"{error.ename}: {error.evalue}",
                            error.source) from None
    except KernelDiedError as error:
        cell = _stored_cell_number(source, error.cell_index)
        raise NotebookError(source.name, cell, "the kernel died while this cell ran (it was "
                            "killed, or ran out of memory)", error.source) from None


def _stored_cell_number(source: Path, index: int) -> int:
    """Number of the failing cell in the stored notebook; papermill adds one after parameters."""
    try:
        cells = json.loads(source.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return index + 1
    tagged = [i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    shift = 1 if tagged and tagged[0] < index else 0
    return index - shift + 1
