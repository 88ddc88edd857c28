"""A kernel kept warm for many reports: started once, libraries imported once, reset in between.

Starting a kernel and importing pandas and matplotlib into it costs more than
rendering a report. A batch worker keeps one :class:`WarmKernel`; before each
notebook it clears the namespace and restores the process
state a fresh kernel has (:func:`briefing.run.session.reset_session`), so the
output is the same as from a fresh kernel (execution counts are renumbered
by the runner).
"""

from __future__ import annotations

import atexit
from pathlib import Path

from jupyter_core.utils import run_sync
from papermill.engines import NBClientEngine, papermill_engines

from briefing.run.engines import BriefingNotebookClient, client_options
from briefing.run.kernels import LocalKernelManager
from briefing.run.notebook_checks import kernel_of

ENGINE_NAME = "briefing-warm"
#: Imported into a new kernel before its first report, and a chart drawn, so that the
#: first report costs no more than the next ones.
PRELOAD = """
import briefing.run.session, briefing.inputs.dataset
import briefing, briefing.dataset
import briefing.render.reports.briefing, briefing.render.reports.admin, briefing.render.reports.comparison
briefing.inputs.dataset.enable_dataset_cache()
import matplotlib, pandas, numpy
from briefing.render.charts import ChartFigure, figure_svg
_figure = ChartFigure(figsize=(2, 1)); _figure.add_subplot().barh([0], [1]); figure_svg(_figure)
del _figure
"""
RESET = ("import briefing.run.session as _s\n_s.reset_session({cwd!r})\n"
         "_s.reset_namespace()  # last: it deletes _s too\n")


class WarmKernel:
    """One kernel, started once and reused for every notebook a worker executes."""

    def __init__(self, kernel_name: str = "python3"):
        self.kernel_name = kernel_name
        self.km = None
        self.kc = None

    def start(self) -> WarmKernel:
        """Start the kernel and import the libraries reports use."""
        self.km = LocalKernelManager(kernel_name=self.kernel_name)
        run_sync(self.km.start_kernel)()
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=120)
        self.run_code(PRELOAD)
        return self

    def execute(self, source: Path, parameters: dict):
        """Like :func:`briefing.run.kernels.execute_notebook` on this kernel, reset first."""
        import papermill

        self.ensure_started()
        self.reset(source.parent)
        return papermill.execute_notebook(str(source), None, parameters=parameters,
                                          progress_bar=False, log_output=False,
                                          engine_name=ENGINE_NAME,
                                          kernel_name=kernel_of(source), warm_kernel=self)

    @property
    def alive(self) -> bool:
        return self.km is not None and run_sync(self.km.is_alive)()

    def ensure_started(self) -> None:
        """Start, or restart a kernel that died (a crashed report must not stop the worker)."""
        if not self.alive:
            self.shutdown()
            self.start()

    def reset(self, cwd: Path) -> None:
        """Clear the namespace and restore a fresh kernel's process state."""
        self.run_code(RESET.format(cwd=str(cwd)))

    def run_code(self, code: str) -> None:
        """Execute code in the kernel and wait for it; raise if it fails."""
        reply = run_sync(self.kc.execute_interactive)(code, store_history=False, timeout=300,
                                                      output_hook=lambda message: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"kernel set-up failed: {reply['content'].get('evalue')}")

    def shutdown(self) -> None:
        """Stop the kernel and its channels."""
        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            finally:
                self.km = None


class WarmEngine(NBClientEngine):
    """A papermill engine that executes on a :class:`WarmKernel` instead of a new kernel."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None,
                                 warm_kernel: WarmKernel | None = None, **kwargs):
        options = client_options(kernel_name, log_output, stdout_file, stderr_file, start_timeout,
                                 execution_timeout, drop=("kernel_manager_class", "cwd"), **kwargs)
        client = BriefingNotebookClient(nb_man, km=warm_kernel.km, **options)
        client.kc = warm_kernel.kc   # nbclient resets it in __init__; reuse the warm channels
        try:
            return client.execute()
        finally:
            # nbclient registers every client's clean-up with atexit and offers no public way
            # to opt out; a worker runs many notebooks, so let go of this one (and its notebook).
            atexit.unregister(client._cleanup_kernel)


papermill_engines.register(ENGINE_NAME, WarmEngine)

