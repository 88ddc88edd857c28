"""Stopping cleanly: Ctrl-C and SIGTERM end a run with nothing half-published; children never
outlive the process that started them.

A signal handler that raised in the middle of a kernel conversation would
leave asyncio tasks and a half-shut kernel behind (tracebacks, a swallowed
interrupt). So while a kernel is at work (:func:`kernel_at_work`) the
handler only records the request and kills the kernels of this process;
the notebook then fails the ordinary way and the request is raised as
:class:`Stopped` when the kernel work is over. Anywhere else it raises at
once. :func:`raise_if_stopped` is the last check before a report is published.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

#: Signals that ask a run to stop: Ctrl-C, and what schedulers, CI and systemd send.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

_requested: int | None = None
_shield_depth = 0
#: Processes of the kernels this process started.
_kernels: set[int] = set()


class Stopped(KeyboardInterrupt):
    """A signal asked the run to stop; ``exit_status`` is 128 + the signal number.

    A ``KeyboardInterrupt`` so that code which already stops on Ctrl-C stops on SIGTERM too.
    """

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


def stop_requested() -> int | None:
    """The signal that asked this process to stop, or None."""
    return _requested


def raise_if_stopped() -> None:
    """Raise :class:`Stopped` if a stop was requested (e.g. while it could not be raised)."""
    if _requested is not None:
        raise Stopped(_requested)


@contextlib.contextmanager
def handling_stop_signals() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into :class:`Stopped` for the duration of the block.

    The handlers are installed even when SIGINT was inherited as ignored (a
    job started in the background of a script): a run asked to stop stops.
    The previous handlers are put back afterwards.
    """
    global _requested
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _requested = None
    previous = {signum: signal.signal(signum, on_stop_signal) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def on_stop_signal(signum: int, frame=None) -> None:
    """The signal handler: record the request, kill this process's kernels, raise unless
    a kernel is at work."""
    global _requested
    first = _requested is None
    if first:
        _requested = signum
    kill_kernels()
    if first and _shield_depth == 0:
        raise Stopped(signum)


@contextlib.contextmanager
def kernel_at_work() -> Iterator[None]:
    """A block that talks to a kernel: a stop request kills the kernel instead of raising here.

    When the block ends (normally or not) after a stop request, :class:`Stopped`
    is raised in place of whatever the dead kernel caused.
    """
    global _shield_depth
    _shield_depth += 1
    try:
        yield
    finally:
        _shield_depth -= 1
        raise_if_stopped()


def track_kernel(pid: int | None) -> None:
    """Remember a kernel this process started; one started after a stop request dies at once."""
    if pid:
        _kernels.add(pid)
        if _requested is not None:
            kill_kernels()


def forget_kernel(pid: int | None) -> None:
    _kernels.discard(pid)


def kill_kernels() -> None:
    """SIGKILL every kernel this process started, with its process group when it leads one.

    Safe inside a signal handler.
    """
    for pid in list(_kernels):
        with contextlib.suppress(OSError):
            if os.getpgid(pid) == pid:
                os.killpg(pid, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)


# --- worker processes: die with the parent --------------------------------------------------

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int, signum: int = signal.SIGTERM, poll_seconds: float = 0.5) -> None:
    """Have this process receive ``signum`` when ``parent`` (the process that started it) dies.

    On Linux the kernel sends it (``prctl(PR_SET_PDEATHSIG)``); everywhere a
    daemon thread also watches the parent, which covers systems without
    prctl and a parent that died before this was called.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_seconds)
        os.kill(os.getpid(), signum)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
