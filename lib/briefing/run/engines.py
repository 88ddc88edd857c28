"""The papermill engines briefing executes notebooks with: they name the cell a kernel died in.

``briefing`` starts a new kernel for the notebook (``briefing run``);
:class:`briefing.run.workers.WarmEngine` reuses a batch worker's warm kernel.
Importing this module registers the engines with papermill.
"""

from __future__ import annotations

from nbclient.exceptions import DeadKernelError
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.utils import merge_kwargs, remove_args


class KernelDiedError(DeadKernelError):
    """The kernel died while a cell ran (killed, out of memory); ``cell_index`` says which."""

    def __init__(self, cell_index: int, source: str):
        self.cell_index = cell_index
        self.source = source
        super().__init__(f"the kernel died in cell {cell_index + 1}")


class BriefingNotebookClient(PapermillNotebookClient):
    """Papermill's notebook client, telling in which cell a kernel died."""

    def papermill_execute_cells(self):
        try:
            super().papermill_execute_cells()
        except DeadKernelError as error:
            index = _last_started_cell(self.nb)
            raise KernelDiedError(index, self.nb.cells[index].source) from error


def _last_started_cell(notebook) -> int:
    started = [i for i, cell in enumerate(notebook.cells)
               if cell.metadata.get("papermill", {}).get("start_time")]
    return started[-1] if started else 0


def client_options(kernel_name, log_output, stdout_file, stderr_file, start_timeout,
                   execution_timeout, drop=(), **kwargs) -> dict:
    """Papermill's engine arguments as :class:`BriefingNotebookClient` takes them."""
    kwargs = remove_args(["input_path", "timeout", "startup_timeout", *drop], **kwargs)
    return merge_kwargs(kwargs, timeout=execution_timeout, startup_timeout=start_timeout,
                        kernel_name=kernel_name, log_output=log_output,
                        stdout_file=stdout_file, stderr_file=stderr_file)


#: The engine that starts a new kernel for each notebook.
COLD_ENGINE = "briefing"


class ColdEngine(NBClientEngine):
    """Papermill's engine with :class:`BriefingNotebookClient`: a new kernel per notebook."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None,
                                 **kwargs):
        options = client_options(kernel_name, log_output, stdout_file, stderr_file,
                                 start_timeout, execution_timeout, **kwargs)
        return BriefingNotebookClient(nb_man, **options).execute()


papermill_engines.register(COLD_ENGINE, ColdEngine)

