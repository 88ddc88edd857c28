"""Handlers of the ``briefing`` subcommands."""

from __future__ import annotations

import argparse

from briefing.cli import command


def _add_validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", required=True, metavar="DIR",
                        help="data folder of CSV files, or an .xlsx workbook")


@command("validate", "check the input data and change nothing", _add_validate_arguments)
def validate(args) -> int:
    """Print a summary of valid data and exit 0; problems raise ``InputError`` (exit 2)."""
    from briefing.dataset import load_dataset
    from briefing.summary import summarise_dataset

    dataset = load_dataset(args.data)
    print(summarise_dataset(dataset))
    return 0
