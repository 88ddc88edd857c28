"""The ``briefing`` subcommands: a registry of handlers, each with its arguments.

Handlers import what they use when they run, so that ``briefing --help`` stays fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from briefing.errors import BriefingError

#: Subcommands: name -> (help, add_arguments, handler). Handlers return an exit status.
COMMANDS: dict[str, tuple[str, Callable, Callable]] = {}
#: What ``--period`` takes, for ``run`` and ``batch``.
PERIOD_HELP = ("2020S1, 2020Q2, 2020-06 or 2020; or latest, latest-quarter, latest-half, "
               "latest-year: the newest one whose months are all in the data")


def command(name: str, help_text: str, add_arguments: Callable):
    """Register a subcommand handler."""
    def register(handler):
        COMMANDS[name] = (help_text, add_arguments, handler)
        return handler
    return register


def _add_validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("params_file", nargs="?", metavar="PARAMS.yaml",
                        help="a params file: check its data and its run parameters too")
    parser.add_argument("--data", metavar="DIR", help="data folder of CSV files, or an .xlsx workbook")
    parser.add_argument("--period", help="also check a run of this period (2020S1, 2020Q2, ..., "
                                         "or latest, latest-quarter, latest-half, latest-year)")
    parser.add_argument("--unit", help="also check this org unit (with a period)")
    parser.add_argument("--lang", help="vi or en (with a period)")
    parser.add_argument("--notebook", metavar="NAME", help="notebook the run would use (with a period)")


@command("validate", "check the input data (and a run's parameters) and change nothing",
         _add_validate_arguments)
def validate(args) -> int:
    """Print a summary of valid data and exit 0; problems raise ``InputError`` (exit 2).

    Given a params file or a period, the run those parameters describe goes
    through the same preflight as ``briefing run`` before its kernel starts.
    """
    from briefing.errors import ParamsError
    from briefing.inputs.dataset import read_dataset
    from briefing.inputs.summary import summarise_dataset

    if not (args.params_file or args.data):
        raise ParamsError("nothing to check: give --data DIR (or .xlsx), or a params file")
    if not (args.params_file or args.period) and (args.unit or args.lang or args.notebook):
        raise ParamsError("--unit, --lang and --notebook describe a run: give --period as well")
    if args.params_file or args.period:
        from briefing.run.preflight import Inputs, preflight

        params = _params(args, ("data", "period", "unit", "lang", "notebook"))
        inputs = Inputs()
        params = _resolve_latest([params], inputs)[0]
        run = preflight([params], inputs=inputs)[0]
        print(summarise_dataset(run.dataset))
        print(f"  run:        {run.notebook.stem} ({run.params.lang}) for {run.params.unit}, "
              f"{run.params.period} -> {run.target}")
        return 0
    dataset = read_dataset(args.data)
    print(summarise_dataset(dataset))
    return 0


def _add_init_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", help="a new or empty folder")
    parser.add_argument("--force", action="store_true",
                        help="write into DIR even if it is not empty (its data.xlsx and "
                             "params.yaml are replaced, other files kept)")


@command("init", "start a new department: a workbook to fill in, with an example, and a params "
                 "file", _add_init_arguments)
def init(args) -> int:
    """Write the starter workbook and params file; print them and the commands that come next."""
    from briefing.importers.starter import describe_starter, write_starter

    print(describe_starter(write_starter(args.folder, force=args.force)))
    return 0


def _add_run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("params_file", nargs="?", metavar="PARAMS.yaml",
                        help="a params file; flags given as well override its keys")
    parser.add_argument("--data", metavar="DIR", help="data folder or .xlsx workbook")
    parser.add_argument("--period", help=PERIOD_HELP)
    parser.add_argument("--unit", help="org unit id (default: the first root of the tree)")
    parser.add_argument("--lang", help="vi (default) or en")
    parser.add_argument("--to", help="formats, comma-separated: html (default), pdf")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: outputs/)")
    parser.add_argument("--notebook", metavar="NAME", help="notebook name in notebooks/ or a path")
    parser.add_argument("--cutoff", help="calendar (default) or decree09: period boundaries of "
                                         "dated records")


def _resolve_latest(jobs: list, inputs, units=None) -> list:
    """Jobs with ``--period latest…`` resolved; the choice and its reasons told on stderr."""
    import sys

    from briefing.run.latest import resolve_periods

    return resolve_periods(jobs, inputs.dataset, units, lambda line: print(line, file=sys.stderr))


def params_from_args(args):
    """``RunParams`` from a params file (if any) with the flags on top."""
    return _params(args, ("data", "period", "unit", "lang", "to", "out", "notebook", "cutoff"))


def _params(args, flags: tuple[str, ...]):
    from briefing.run.params import build_params, load_params_file

    values = load_params_file(args.params_file) if args.params_file else {}
    return build_params(values, {key: getattr(args, key) for key in flags})


@command("run", "render one report from a params file or flags", _add_run_arguments)
def run(args) -> int:
    """Render one report; print where it went."""
    import sys

    from briefing.run.preflight import Inputs
    from briefing.run.runner import run_report

    inputs = Inputs()
    asked = params_from_args(args)
    params = _resolve_latest([asked], inputs)[0]
    print(f"rendering {params.notebook} ({params.lang}) for {params.unit or 'the first root unit'}, "
          f"{params.period} ...", file=sys.stderr)
    # the data read to choose the latest period is not read again
    result = run_report(params, dataset=inputs.dataset(params.data) if params is not asked else None)
    print(f"done in {result.seconds:.1f} s: {result.folder}", file=sys.stderr)
    for path in result.files:
        print(path)
    return 0


def _add_batch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("params_files", nargs="*", metavar="PARAMS.yaml",
                        help="params files, one report each (with --all-units or --units, the "
                             "single file gives the defaults for every unit)")
    parser.add_argument("--data", metavar="DIR", help="data folder or .xlsx workbook")
    parser.add_argument("--period", help=PERIOD_HELP)
    units = parser.add_mutually_exclusive_group()
    units.add_argument("--all-units", action="store_true", help="every org unit of the tree")
    units.add_argument("--units", help="org unit ids, comma-separated")
    parser.add_argument("--lang", help="languages, comma-separated: vi,en")
    parser.add_argument("--to", help="formats, comma-separated: html (default), pdf")
    parser.add_argument("--notebook", help="notebooks, comma-separated (default with --all-units: "
                                           "briefing,district_comparison)")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: outputs/)")
    parser.add_argument("--cutoff", help="calendar (default) or decree09")
    parser.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    parser.add_argument("--executor", default="local", help="local (default) or dask")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786")
    parser.add_argument("--force", action="store_true",
                        help="render every report, also those unchanged since they were rendered")


@command("batch", "render every report of a period: many units, languages, notebooks",
         _add_batch_arguments)
def batch(args) -> int:
    """Plan, check, set unchanged reports aside, render the rest with progress, summarise.

    Exit 1 if any report failed. When every report is unchanged no worker starts.
    """
    import datetime as dt

    from briefing.run.batch import plan_batch, render_plan, set_aside_unchanged, unchanged_outcomes
    from briefing.run.executors import ExecutorChoice
    from briefing.run.params import build_params, load_params_file
    from briefing.run.preflight import Inputs
    from briefing.run.progress import BatchDisplay
    from briefing.run.summaries import batch_meta, write_summaries

    split = lambda text: [t.strip() for t in text.split(",") if t.strip()] if text else None  # noqa: E731
    inputs = Inputs()
    bases = _resolve_latest(_batch_bases(args, build_params, load_params_file), inputs,
                            split(args.units))
    choice = ExecutorChoice(args.executor, args.workers, args.scheduler)
    plan = set_aside_unchanged(plan_batch(bases, split(args.units), args.all_units,
                                          split(args.lang), split(args.notebook), choice, inputs),
                               args.force)
    started = dt.datetime.now()
    display = BatchDisplay(len(plan.jobs), plan.skipped, plan.unchanged,
                           [job.why for job in plan.jobs])
    try:
        outcomes, workers = render_plan(plan, choice, display)
    except KeyboardInterrupt:
        display.interrupted()
        return 130
    outcomes += unchanged_outcomes(plan)
    summaries = write_summaries(plan, outcomes,
                                batch_meta(args.executor, workers, started, args.force))
    display.summary(outcomes, summaries)
    _refresh_portals(bases)
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def _refresh_portals(bases) -> None:
    """Rebuild the portal of each output folder; one that cannot be made is a warning."""
    import sys

    from briefing.run.site import build_site, describe_site

    for out in sorted({str(base.out) for base in bases}):
        try:
            print(describe_site(build_site(out)), file=sys.stderr)
        except BriefingError as error:
            print(f"warning: the portal was not refreshed: {error}", file=sys.stderr)


def _batch_bases(args, build_params, load_params_file):
    overrides = {key: getattr(args, key) for key in ("data", "period", "to", "out", "cutoff")}
    if args.params_files:
        if (args.all_units or args.units) and len(args.params_files) > 1:
            from briefing.errors import ParamsError
            raise ParamsError("with --all-units or --units give at most one params file")
        bases, problems = [], []
        for file in args.params_files:   # every file's problems, not only the first file's
            try:
                bases.append(build_params(load_params_file(file), overrides))
            except BriefingError as error:
                problems.append(str(error))
        if problems:
            from briefing.run.preflight import PreflightError
            raise PreflightError(problems, "the batch")
        return bases
    if not (args.data and args.period and (args.all_units or args.units)):
        from briefing.errors import ParamsError
        raise ParamsError("give params files, or --data, --period and --all-units (or --units)")
    return [build_params({}, overrides)]


def _add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="files to read: wide tables (.csv, .xlsx report forms), DHIS2 exports "
                             "(analytics JSON/CSV, dataValueSets JSON/CSV), SDMX-CSV")
    parser.add_argument("--out", metavar="DIR", help="folder to write the data set into (CSV files)")
    parser.add_argument("--mapping", metavar="MAP.yaml",
                        help="what the sources hold and what to call it (with --suggest: where to "
                             "write the starter mapping, default mapping.yaml)")
    parser.add_argument("--suggest", action="store_true",
                        help="write a starter mapping with every name found, instead of importing")
    parser.add_argument("--force", action="store_true",
                        help="replace a folder (or, with --suggest, a mapping) briefing did not write")


@command("import", "turn report forms, DHIS2 or SDMX exports into a data folder (no code)",
         _add_import_arguments)
def import_data(args) -> int:
    """Import into ``--out`` and print what was made; with ``--suggest`` write a starter mapping."""
    from briefing.errors import ParamsError
    from briefing.importers.importer import describe_import, import_sources, mapping_from, read_sources
    from briefing.inputs.summary import summarise_dataset

    if args.suggest:
        from briefing.importers.suggest import suggest_mapping, write_suggestion

        target = Path(args.mapping or "mapping.yaml")
        mapping = mapping_from(target if target.is_file() else None)   # its layout keys still apply
        extracts = read_sources([Path(s) for s in args.sources], mapping)
        out = args.out or "DIR"
        command_line = f"briefing import {' '.join(args.sources)} --out {out} --mapping {target}"
        write_suggestion(suggest_mapping(extracts, mapping, command_line), target, args.force)
        print(f"wrote a starter mapping to {target}: correct it, then run\n  {command_line}")
        return 0
    if not args.out:
        raise ParamsError("give --out DIR: the folder to write the data set into "
                          "(or --suggest to write a starter mapping)")
    imported = import_sources(args.sources, args.out, args.mapping, args.force)
    print(describe_import(imported, args.out))
    print(summarise_dataset(imported.dataset))
    return 0


def _add_site_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="DIR", help="output folder whose reports the portal lists "
                                                     "(default: outputs/)")


@command("site", "write the portal of an output folder: OUT/index.html and a page per unit",
         _add_site_arguments)
def site(args) -> int:
    """Build the portal from the reports in ``--out``; exit 2 when there are none."""
    from briefing.run.params import DEFAULT_OUT
    from briefing.run.site import build_site, describe_site

    print(describe_site(build_site(args.out or DEFAULT_OUT)))
    return 0
