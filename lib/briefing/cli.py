"""The ``briefing`` command: validate inputs, run one report, run a batch."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from briefing.errors import BriefingError

#: Subcommands: name -> (help, add_arguments, handler). Handlers return an exit status.
COMMANDS: dict[str, tuple[str, Callable, Callable]] = {}


def command(name: str, help_text: str, add_arguments: Callable):
    """Register a subcommand handler."""
    def register(handler):
        COMMANDS[name] = (help_text, add_arguments, handler)
        return handler
    return register


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``briefing`` console script."""
    _register_all()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    handler = COMMANDS[args.command][2]
    try:
        return handler(args)
    except BriefingError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: say so plainly, traceback only on request
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        print(f"internal error: {type(error).__name__}: {error}\n"
              "(this is a bug in briefing; set BRIEFING_DEBUG=1 to see the traceback)",
              file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="briefing", description="Indicator briefings from parameterized notebooks.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, add_arguments, _) in COMMANDS.items():
        add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def _register_all() -> None:
    """Import the modules that register subcommands (kept lazy so that ``--help`` is fast)."""
    from briefing import cli_commands  # noqa: F401
