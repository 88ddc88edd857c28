"""``--period latest``: the newest period of a kind whose months are all complete in the data.

``latest`` (or ``latest-month``), ``latest-quarter``, ``latest-half`` and ``latest-year``
stand for a period until the data is read; then the newest period of that kind whose every
month is complete for the root unit (:mod:`briefing.compute.completeness`) is chosen, and the
choice says why each newer period was passed over. The data's span bounds the search: a
period reaching past the newest month with a value, or before the oldest, is never chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from briefing.compute.completeness import month_completeness
from briefing.errors import ParamsError
from briefing.inputs.dataset import CheckedData, read_dataset
from briefing.periods import MONTHS_IN, Period, month_of, parse_period
from briefing.run.params import LATEST_KINDS, RunParams

_KIND_NAMES = {"month": "month", "quarter": "quarter", "half": "half year", "year": "year"}
#: Indicators, and newer periods passed over, named in a message before the rest are counted.
NAMED = 4


def is_latest(period) -> bool:
    """True when ``period`` is one of :data:`LATEST_KINDS` rather than a period key."""
    return isinstance(period, str) and period in LATEST_KINDS


@dataclass(frozen=True)
class LatestChoice:
    """The period chosen for ``asked``, and each newer period passed over with the reason."""

    asked: str
    period: Period
    roots: tuple[str, ...]
    passed: tuple[tuple[str, str], ...] = ()

    def describe(self) -> list[str]:
        """One or two lines for the person who asked: what was chosen, and why nothing newer."""
        kind = _KIND_NAMES[self.period.kind]
        lines = [f"--period {self.asked}: {self.period.key}, the newest {kind} complete for "
                 f"{', '.join(self.roots)}"]
        if self.passed:
            lines.append("  newer, not complete: " + _passed_text(self.passed))
        return lines


def _passed_text(passed) -> str:
    named = [f"{key}: {why}" for key, why in passed[:NAMED]]
    rest = len(passed) - NAMED
    return "; ".join(named) + (f"; and {rest} more" if rest > 0 else "")


def choose_latest(dataset: CheckedData, asked: str, roots: Iterable[str]) -> LatestChoice:
    """The newest period of the kind ``asked`` whose months are all complete for every root.

    Raises
    ------
    ParamsError
        When no period of that kind in the data is complete (exit status 2); the message
        says why each was not, newest first.
    """
    roots = tuple(dict.fromkeys(roots))
    kind = LATEST_KINDS[asked]
    first, last = _data_span(dataset, roots)
    coverage = _Coverage(dataset, roots)
    passed = []
    period = _period_holding(kind, last)
    while period.first_month >= first:
        why = _why_incomplete(period, last, coverage)
        if why is None:
            return LatestChoice(asked, period, roots, tuple(passed))
        passed.append((period.key, why))
        period = period.previous()
    passed.append((period.key, f"the data starts at {month_of(first).key}"))
    raise ParamsError(f"--period {asked}: no {_KIND_NAMES[kind]} of the data is complete for "
                      f"{', '.join(roots)}: {_passed_text(passed)}")


def _data_span(dataset: CheckedData, roots: tuple[str, ...]) -> tuple[int, int]:
    """First and last month (ordinals) of the values of the roots and the units below them."""
    units = {u for root in roots for u in dataset.tree.descendants(root)}
    keys = dataset.values.loc[dataset.values["org_unit"].isin(units), "period"].astype(str).unique()
    spans = [parse_period(key) for key in keys]
    if not spans:
        raise ParamsError(f"the data has no values for {', '.join(roots)} or the units below")
    return min(s.first_month for s in spans), max(s.last_month for s in spans)


def _period_holding(kind: str, month: int) -> Period:
    year, index = divmod(month, 12)
    return Period(kind, year, index // MONTHS_IN[kind] + 1)


class _Coverage:
    """Month completeness of the roots, computed a year at a time as the search needs it."""

    def __init__(self, dataset: CheckedData, roots: tuple[str, ...]):
        self.dataset, self.roots, self.years = dataset, roots, {}

    def month(self, month: Period):
        """Per root that lacks something in ``month``: its rows for the month, and the missing."""
        if month.year not in self.years:
            self.years[month.year] = month_completeness(self.dataset, self.roots, month.year)
        frame = self.years[month.year]
        rows = frame[frame["month"] == month.key]
        # astype(bool): on no rows the column is of objects, and indexing by it would pick columns
        for root, group in rows[~rows["present"].astype(bool)].groupby("root", sort=False):
            yield root, int((rows["root"] == root).sum()), group


def _why_incomplete(period: Period, last: int, coverage: _Coverage) -> str | None:
    """None when every month of ``period`` is complete; otherwise why not, newest month first."""
    if period.last_month > last:
        return f"the data ends at {month_of(last).key}"
    reasons = []
    for month in reversed(period.months()):
        for root, expected, missing in coverage.month(month):
            where = "" if period.kind == "month" else f"{month.key}: "
            verb = "has" if len(missing) == 1 else "have"
            reasons.append(f"{where}{len(missing)} of {expected} indicators {verb} no value "
                           f"for {root}: {_indicators_text(missing, root)}")
    return "; ".join(reasons) or None


def _indicators_text(missing, root: str) -> str:
    named = []
    for row in missing.head(NAMED).itertuples():
        lacking = [u for u in row.lacking if u != root]
        units = (f" ({', '.join(lacking)})" if len(lacking) <= 2 else f" ({len(lacking)} units)") \
            if lacking else ""
        named.append(f"{row.indicator_id}{units}")
    rest = len(missing) - NAMED
    return ", ".join(named) + (f" and {rest} more" if rest > 0 else "")


def root_of(dataset: CheckedData, unit: str) -> str:
    """The root of the tree ``unit`` belongs to."""
    ancestors = dataset.tree.ancestors(unit)
    return ancestors[-1] if ancestors else unit


def resolve_period(params: RunParams, dataset: CheckedData,
                   units: Iterable[str] | None = None) -> tuple[RunParams, LatestChoice | None]:
    """``params`` with a ``latest…`` period replaced by the period chosen, and the choice.

    The roots are those of ``units`` (default: the run's unit; without one, every root of
    the tree); units the data does not have are left to the preflight to name.
    """
    if not is_latest(params.period):
        return params, None
    wanted = list(units) if units is not None else [params.unit] if params.unit else dataset.tree.roots
    roots = [root_of(dataset, u) for u in wanted if u in dataset.tree] or dataset.tree.roots[:1]
    choice = choose_latest(dataset, params.period, roots)
    return replace(params, period=choice.period.key), choice


def resolve_periods(jobs: list[RunParams], dataset_of: Callable = read_dataset,
                    units: Iterable[str] | None = None,
                    tell: Callable[[str], None] | None = None) -> list[RunParams]:
    """Every job's ``latest…`` period resolved; each distinct choice told once, line by line."""
    units = list(units) if units is not None else None
    told, resolved = set(), []
    for params in jobs:
        if is_latest(params.period):
            params, choice = resolve_period(params, dataset_of(params.data), units)
            lines = tuple(choice.describe())
            if tell is not None and lines not in told:
                told.add(lines)
                for line in lines:
                    tell(line)
        resolved.append(params)
    return resolved
