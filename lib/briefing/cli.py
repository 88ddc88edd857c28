"""The ``briefing`` command: validate inputs, run one report, run a batch."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator

from briefing import __version__
from briefing.commands import COMMANDS
from briefing.errors import BriefingError
from briefing.run.stopping import handling_stop_signals, stop_requested


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``briefing`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    handler = COMMANDS[args.command][2]
    with quiet_when_output_closed(), handling_stop_signals():
        status = _run_handler(handler, args)
        requested = stop_requested()   # a stop request is never swallowed, whatever caught it
        return 128 + requested if requested else status


def _run_handler(handler: Callable, args) -> int:
    """The handler's exit status; errors become one message and their status.

    Ctrl-C exits 130 and SIGTERM 143 (128 + the signal), with one line.
    """
    try:
        return handler(args)
    except BriefingError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        signum = stop_requested() or signal.SIGINT
        name = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
        print(f"{name}: unfinished reports were not published; earlier reports are intact",
              file=sys.stderr)
        return 128 + signum
    except Exception as error:  # a bug: say so plainly, traceback only on request
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        print(f"internal error: {type(error).__name__}: {error}\n"
              "(this is a bug in briefing; set BRIEFING_DEBUG=1 to see the traceback)",
              file=sys.stderr)
        return 1


class _ClosedPipeSafe:
    """A text stream that, once its reader has gone (``| head``), sends the rest to /dev/null.

    The standard recipe for SIGPIPE-less Python (dup2 of /dev/null over the
    closed descriptor), applied where the write fails: the command carries on
    and exits with its usual status.
    """

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._discard_from_now_on()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._discard_from_now_on()

    def _discard_from_now_on(self) -> None:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)

    def __getattr__(self, name):
        return getattr(self._stream, name)


@contextlib.contextmanager
def quiet_when_output_closed() -> Iterator[None]:
    """Within the block, a closed stdout or stderr silences output instead of failing."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _ClosedPipeSafe(sys.stdout), _ClosedPipeSafe(sys.stderr)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        sys.stdout, sys.stderr = saved


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="briefing", description="Indicator briefings from parameterized notebooks.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}",
                        help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, add_arguments, _) in COMMANDS.items():
        add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser
