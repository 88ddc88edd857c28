"""A short plain-text summary of a data set, as ``briefing validate`` prints it."""

from __future__ import annotations

from briefing.inputs.contract import KINDS
from briefing.periods import month_of, parse_period


def summarise_dataset(dataset) -> str:
    """What the data holds: indicators, org units, periods covered, targets, dossiers."""
    lines = [f"{dataset.source}: valid"]
    indicators = dataset.indicators
    kinds = indicators["kind"].value_counts()
    kind_text = ", ".join(f"{kinds[k]} {k}{'s' if kinds[k] != 1 else ''}"
                          for k in KINDS if k in kinds)
    lines.append(f"  indicators: {len(indicators)} in {indicators['sector'].nunique()} sectors "
                 f"({kind_text})")
    tree = dataset.tree
    roots = tree.roots
    lines.append(f"  org units:  {len(tree.units)} ({len(roots)} root{'s' if len(roots) != 1 else ''}: "
                 f"{', '.join(roots[:5])}{' ...' if len(roots) > 5 else ''})")
    periods = dataset.periods
    if periods:
        parsed = [parse_period(p) for p in periods]
        first = month_of(min(p.first_month for p in parsed))
        last = month_of(max(p.last_month for p in parsed))
        kinds_seen = sorted({parse_period(p).kind for p in periods},
                            key=["month", "quarter", "half", "year"].index)
        lines.append(f"  values:     {len(dataset.values):,} from {first.key} to {last.key} "
                     f"({', '.join(kinds_seen)} periods)")
    targets = dataset.targets
    if len(targets):
        years = sorted(targets["year"].unique())
        lines.append(f"  targets:    {len(targets):,} for {years[0]}–{years[-1]}"
                     if len(years) > 1 else f"  targets:    {len(targets):,} for {years[0]}")
    else:
        lines.append(f"  targets:    none ({_absence(dataset, 'targets')})")
    dossiers = dataset.dossiers
    if dossiers is not None and len(dossiers):
        lines.append(f"  dossiers:   {len(dossiers):,} received "
                     f"{dossiers['received_on'].min():%Y-%m-%d} to "
                     f"{dossiers['received_on'].max():%Y-%m-%d}")
    else:
        lines.append(f"  dossiers:   none ({_absence(dataset, 'dossiers')})")
    files = ", ".join(f.name for f in dataset.inputs)
    lines.append(f"  files:      {files}")
    lines += [f"  warning:    {note}" for note in getattr(dataset, "notes", ())]
    return "\n".join(lines)


def _absence(dataset, table: str) -> str:
    """Why an optional table has no rows: not given, or given with a header and no rows."""
    workbook = str(dataset.source).lower().endswith((".xlsx", ".xlsm"))
    name = f"the {table} sheet" if workbook else f"{table}.csv"
    if any(table in given.rows for given in dataset.inputs):
        return f"{name} is present and has no rows"
    return f"no {table} sheet" if workbook else f"no {table}.csv"
