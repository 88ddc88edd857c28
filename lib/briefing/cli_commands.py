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


def _add_run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("params_file", nargs="?", metavar="PARAMS.yaml",
                        help="a params file; flags given as well override its keys")
    parser.add_argument("--data", metavar="DIR", help="data folder or .xlsx workbook")
    parser.add_argument("--period", help="2020S1, 2020Q2, 2020-06 or 2020")
    parser.add_argument("--unit", help="org unit id (default: the first root of the tree)")
    parser.add_argument("--lang", help="vi (default) or en")
    parser.add_argument("--to", help="formats, comma-separated: html (default), pdf")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: outputs/)")
    parser.add_argument("--notebook", metavar="NAME", help="notebook name in notebooks/ or a path")
    parser.add_argument("--cutoff", help="calendar (default) or decree09: period boundaries of "
                                         "dated records")


def params_from_args(args):
    """``RunParams`` from a params file (if any) with the flags on top."""
    from briefing.params import build_params, load_params_file

    values = load_params_file(args.params_file) if args.params_file else {}
    overrides = {key: getattr(args, key) for key in
                 ("data", "period", "unit", "lang", "to", "out", "notebook", "cutoff")}
    return build_params(values, overrides)


@command("run", "render one report from a params file or flags", _add_run_arguments)
def run(args) -> int:
    """Render one report; print where it went."""
    import sys

    from briefing.runner import run_report

    params = params_from_args(args)
    print(f"rendering {params.notebook} ({params.lang}) for {params.unit or 'the first root unit'}, "
          f"{params.period} ...", file=sys.stderr)
    result = run_report(params)
    print(f"done in {result.seconds:.1f} s: {result.folder}", file=sys.stderr)
    for path in result.files:
        print(path)
    return 0
