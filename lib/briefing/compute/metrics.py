"""Metrics of a period for org units: attainment of the annual plan, pace, change on last year.

:func:`compute_metrics` returns one tidy row per indicator and org unit with
the columns of ``metrics.<lang>.json``. The rules (SPEC, "What is computed")
are small functions on arrays, each testable on its own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefing.compute.cube import (
    Quantity,
    YearCube,
    flow_total,
    latest_level,
    level_at,
    mean_over_time,
    target_array,
    year_cube,
)
from briefing.compute.flags import FLAGS, components_mismatch
from briefing.compute.kinds import KindMasks, average_weights, make_ratios, ratio_order
from briefing.compute.rollup import (
    SourceChoice,
    UnitLevels,
    children_sums,
    choose_sources,
    months_mismatch,
    negative_rows,
    roll_up,
    roll_up_mean,
    roll_up_plans,
    spread_up,
)
from briefing.errors import ParamsError
from briefing.inputs.contract import CHANGED_IN_POINTS, SUMMED_OVER_TIME
from briefing.inputs.dataset import CheckedData
from briefing.periods import Period, month_of, parse_period

#: The columns of SPEC's ``indicators`` entries, in order.
METRIC_COLUMNS = [
    "indicator_id", "org_unit", "period", "value", "as_of", "ytd_value", "target",
    "attainment_pct", "expected_pct", "status", "previous_value", "change_abs",
    "change_pct", "previous_ytd_value", "projected_value", "projected_pct", "flags",
]
#: Further columns for analysts and reports (not written to ``metrics.json``).
DETAIL_COLUMNS = [
    "sector", "kind", "direction", "decimals", "part_of", "source",
    "children_reported", "children_total", "children_sum", "previous_as_of", "ytd_change_abs",
    "ytd_change_pct", "multiplier",
]
#: How the expected share of a flow's plan grows through the year: evenly, or as last year's did.
PACES = ("linear", "seasonal")
#: Relative difference above which an own figure and its children's sum, or a longer
#: period's value and the sum of its months, are flagged as not matching.
MISMATCH_TOLERANCE = 0.005


def compute_metrics(dataset: CheckedData, period, unit: str | None = None,
                    pace: str = "linear") -> pd.DataFrame:
    """Metrics of every indicator for one org unit (by default the first root).

    Parameters
    ----------
    dataset : CheckedData
        Checked data (:func:`briefing.load_dataset`).
    period
        ``Period`` or text such as ``2020S1``.
    unit
        Org unit id.
    pace
        ``linear`` (a flow's expected share of the plan grows evenly through the year) or
        ``seasonal`` (as last year's months did, where last year is complete).

    Returns
    -------
    DataFrame
        One row per indicator, in catalogue order, with :data:`METRIC_COLUMNS`
        then :data:`DETAIL_COLUMNS`.
    """
    unit = unit or dataset.tree.roots[0]
    dataset.require_unit(unit)
    return compute_metrics_for_units(dataset, period, [unit], scope=unit, pace=pace)


def compute_metrics_for_units(dataset: CheckedData, period, units: list[str] | None = None,
                              scope: str | None = None, pace: str = "linear") -> pd.DataFrame:
    """Metrics for several org units at once (all units when ``units`` is None).

    ``scope`` names a unit whose subtree holds every unit asked for; only that
    subtree's rows are then read, which is faster on large data sets.
    """
    period = parse_period(period)
    if pace not in PACES:
        raise ParamsError(f"pace {pace!r}: expected one of {', '.join(PACES)}")
    tree = dataset.tree
    local_units = tree.descendants(scope) if scope else tree.all_in_order()
    wanted = local_units if units is None else units
    figures = _period_figures(dataset, period, local_units)
    frame = _figures_frame(dataset, period, local_units, figures, pace)
    positions = {u: i for i, u in enumerate(local_units)}
    order = [positions[u] for u in wanted]
    n_ind = len(dataset.indicators)
    rows = [u_pos * n_ind + i for u_pos in order for i in range(n_ind)]
    return frame.iloc[rows].reset_index(drop=True)


def compute_children_metrics(dataset: CheckedData, period, parent: str | None = None,
                             pace: str = "linear") -> pd.DataFrame:
    """Metrics of every child of ``parent`` (default: the first root), one unit after another."""
    parent = parent or dataset.tree.roots[0]
    dataset.require_unit(parent)
    return compute_metrics_for_units(dataset, period, dataset.tree.children(parent), scope=parent,
                                     pace=pace)


def _period_figures(dataset: CheckedData, period: Period, units: list[str]) -> dict[str, np.ndarray]:
    """Every quantity of the period as arrays ``[indicator, unit]``.

    Each unit's figures of one year come from one source, its own rows or its
    children's (:func:`briefing.compute.rollup.choose_sources`), decided on the
    year to date; last year's on last year's year to date. Ratios are made last,
    from their parts' figures.
    """
    catalogue = dataset.indicators
    kinds = KindMasks.of(catalogue)
    months = kinds.covered_by_months
    levels = UnitLevels.from_tree(units, dataset.tree.parents)
    cube = year_cube(dataset, period.year, units)
    last_year = year_cube(dataset, period.year - 1, units)
    ytd_first, ytd_last = period.year_to_date()
    this_choice = choose_sources(cube, levels, ytd_first, ytd_last, months, kinds.rolled_up)
    last_choice = choose_sources(last_year, levels, ytd_first - 12, ytd_last - 12, months,
                                 kinds.rolled_up)
    december_choice = choose_sources(last_year, levels, ytd_first - 12, ytd_first - 1, months,
                                     kinds.rolled_up)
    aggregate = _Aggregation(catalogue, kinds, levels)

    own_value = _own_figure(kinds, cube, period.first_month, period.last_month)
    value, reported, not_made = aggregate(own_value, this_choice)
    ytd, _, _ = aggregate(_own_figure(kinds, cube, ytd_first, ytd_last).pick(months, own_value),
                          this_choice)
    # A level's last year is the level at the same as-of month one year earlier (the as-of
    # month of the figure shown, whichever source made it); a rolled-up level's is the sum of
    # its children's, each aligned on its own as-of month.
    # Without a level this year, last year's is its latest inside the same period a year earlier.
    aligned = level_at(last_year, np.where(value.as_of >= 0, value.as_of - 12, -1))
    latest = latest_level(last_year, period.first_month - 12, period.last_month - 12)
    previous_level = aligned.where(value.as_of >= 0, latest)
    own_previous = _own_figure(kinds, last_year, period.first_month - 12, period.last_month - 12,
                               previous_level)
    previous, _, _ = aggregate(own_previous, last_choice)
    previous_ytd, _, _ = aggregate(
        _own_figure(kinds, last_year, ytd_first - 12, ytd_last - 12).pick(months, own_previous),
        last_choice)
    # Last year's whole year (the same choice as its December: both span January-December).
    last_annual, _, _ = aggregate(_own_figure(kinds, last_year, ytd_first - 12, ytd_first - 1),
                                  december_choice)
    december = np.full(value.value.shape, period.year * 12 - 1)
    opening, _, _ = aggregate(level_at(last_year, december), december_choice)
    target, partial_plan = roll_up_plans(target_array(dataset, period.year, units), levels,
                                         kinds.summed_over_units, ytd.present)
    # A figure no rule can make: a rate or an average at a unit without one of its own whose
    # units below have one; a ratio whose parts do not make one.
    below, _ = roll_up(own_value, levels, np.ones(len(catalogue), dtype=bool))
    unmade = (~kinds.summed_over_units & ~kinds.ratio)[:, None] & ~value.present & below.present
    signed = catalogue["signed"].to_numpy(dtype=bool) if "signed" in catalogue else \
        np.zeros(len(catalogue), dtype=bool)
    return {
        "value": value, "ytd": ytd, "previous": previous, "previous_ytd": previous_ytd,
        "opening": opening, "target": target, "partial_plan": partial_plan,
        "mixed_source": this_choice.mixed,
        "not_computed": unmade | not_made,
        "negative_value": ~signed[:, None] & (
            negative_rows(cube, levels, ytd_first, period.last_month)
            | (value.value < 0) | (ytd.value < 0)),
        "reported": reported, "levels": levels, "last_annual": last_annual,
        "children_sum": children_sums(value, levels, kinds.summed_over_units),
        # A unit's own rows, or those of a unit below whose figures it adds up.
        "months_mismatch": spread_up(
            months_mismatch(cube, ytd_first, period.last_month, MISMATCH_TOLERANCE), levels)
        & kinds.summed_over_time[:, None],
    }


def _own_figure(kinds: KindMasks, cube: YearCube, first_month: int, last_month: int,
                level: Quantity | None = None) -> Quantity:
    """A unit's own figure of a span: the sum of its months (flows), their mean (averages),
    or ``level`` (stocks, rates; by default the latest observation inside the span)."""
    level = level if level is not None else latest_level(cube, first_month, last_month)
    figure = flow_total(cube, first_month, last_month).pick(kinds.summed_over_time, level)
    averages = np.flatnonzero(kinds.mean_over_time)
    if averages.size:
        means = mean_over_time(cube.select(averages), first_month, last_month)
        for name in ("value", "as_of", "complete", "source"):
            getattr(figure, name)[averages] = getattr(means, name)
    return figure


class _Aggregation:
    """Own figures to every unit's figures: sums and means over the tree, then ratios."""

    def __init__(self, catalogue: pd.DataFrame, kinds: KindMasks, levels: UnitLevels):
        self.catalogue, self.kinds, self.levels = catalogue, kinds, levels
        self.ratios = ratio_order(catalogue) if kinds.ratio.any() else []

    def __call__(self, own: Quantity, choice: SourceChoice) -> tuple[Quantity, np.ndarray, np.ndarray]:
        figure, reported = roll_up(own, self.levels, self.kinds.summed_over_units, choice)
        if self.kinds.mean_over_units.any():
            weights = average_weights(self.catalogue, figure)
            figure, means_reported = roll_up_mean(figure, weights, self.levels,
                                                  self.kinds.mean_over_units, choice)
            reported = np.where(self.kinds.mean_over_units[:, None], means_reported, reported)
        not_made = np.zeros(figure.value.shape, dtype=bool)
        if self.ratios:
            figure, not_made = make_ratios(self.catalogue, figure, self.ratios)
        return figure, reported, not_made


def _figures_frame(dataset: CheckedData, period: Period, units: list[str], figures: dict,
                   pace: str = "linear") -> pd.DataFrame:
    catalogue = dataset.indicators
    n_ind, n_units = len(catalogue), len(units)
    value, ytd, previous = figures["value"], figures["ytd"], figures["previous"]
    previous_ytd = figures["previous_ytd"]
    target = figures["target"]
    kinds = np.repeat(catalogue["kind"].to_numpy()[:, None], n_units, axis=1)
    directions = np.repeat(catalogue["direction"].to_numpy()[:, None], n_units, axis=1)

    attainment = compute_attainment(ytd.value, target)
    expected = compute_expected_pct(kinds, period, figures["opening"].value, target)
    last_ytd, last_annual = figures["previous_ytd"], figures["last_annual"]
    if pace == "seasonal":
        expected = seasonal_expected_pct(expected, kinds, target, last_ytd, last_annual)
    projected, projected_pct = compute_projection(kinds, period, ytd.value, last_ytd, last_annual,
                                                  target)
    children_sum, children_complete = figures["children_sum"]
    with np.errstate(invalid="ignore", divide="ignore"):
        children_differ = (value.source == 1) & children_complete & (
            np.abs(value.value - children_sum) > MISMATCH_TOLERANCE * np.abs(value.value))
    status = classify_status(attainment, expected, directions, period.ends_in_december)
    change_abs, change_pct = compare_with_previous_year(value.value, previous.value, kinds)
    ytd_change_abs, ytd_change_pct = compare_with_previous_year(ytd.value, previous_ytd.value,
                                                                kinds)
    levels = figures["levels"]
    children_total = np.bincount(levels.parent[levels.parent >= 0], minlength=n_units)
    shown = value.present | ytd.present
    flags = {
        "incomplete": shown & ~(value.complete & ytd.complete),
        "previous_incomplete": (value.present & previous.present & ~previous.complete)
        | (ytd.present & previous_ytd.present & ~previous_ytd.complete),
        "mixed_source": figures["mixed_source"] & shown,
        "components_mismatch": components_mismatch(value.value, catalogue),
        "children_mismatch": children_differ,
        "months_mismatch": figures["months_mismatch"],
        "negative_value": figures["negative_value"] & shown,
        "not_computed": figures["not_computed"],
        "partial_plan": figures["partial_plan"],
        "no_target": shown & np.isnan(target) & ~figures["partial_plan"],
    }

    def flat(array):
        return np.asarray(array).T.reshape(-1)

    frame = pd.DataFrame({
        "indicator_id": np.tile(catalogue["indicator_id"].to_numpy(), n_units),
        "org_unit": np.repeat(np.array(units, dtype=object), n_ind),
        "period": period.key,
        "value": flat(value.value),
        "as_of": _text(_month_keys(flat(value.as_of))),
        "ytd_value": flat(ytd.value),
        "target": flat(target),
        "attainment_pct": flat(attainment),
        "expected_pct": flat(expected),
        "status": _text(flat(status)),
        "previous_value": flat(previous.value),
        "change_abs": flat(change_abs),
        "change_pct": flat(change_pct),
        "previous_ytd_value": flat(previous_ytd.value),
        "projected_value": flat(projected),
        "projected_pct": flat(projected_pct),
        "flags": _flags({name: flat(mask) for name, mask in flags.items()}),
        "sector": np.tile(catalogue["sector"].to_numpy(), n_units),
        "kind": flat(kinds),
        "direction": flat(directions),
        "decimals": np.tile(catalogue["decimals"].to_numpy(), n_units),
        "part_of": np.tile(catalogue["part_of"].to_numpy(), n_units),
        "source": pd.Categorical.from_codes(flat(value.source), ["none", "own", "children"]),
        "children_reported": flat(figures["reported"]),
        "children_total": np.repeat(children_total, n_ind),
        "children_sum": flat(np.where(children_complete, children_sum, np.nan)),
        "previous_as_of": _text(_month_keys(flat(previous.as_of))),
        "ytd_change_abs": flat(ytd_change_abs),
        "ytd_change_pct": flat(ytd_change_pct),
        "multiplier": np.tile(catalogue["multiplier"].to_numpy(dtype=float), n_units)
        if "multiplier" in catalogue else 100.0,
    })
    frame["source"] = _text(np.where(frame["source"] == "none", None, frame["source"].astype(object)))
    return frame


def _text(values) -> pd.Series:
    """A text column whose missing entries stay ``None`` (pandas 3 would infer ``str`` and NaN)."""
    return pd.Series(np.asarray(values, dtype=object), dtype=object)


def _month_keys(ordinals: np.ndarray) -> np.ndarray:
    """Month keys (``2020-05``) of month ordinals, None for -1; one lookup per distinct month."""
    distinct, inverse = np.unique(ordinals, return_inverse=True)
    keys = np.array([month_of(int(m)).key if m >= 0 else None for m in distinct], dtype=object)
    return keys[inverse.reshape(-1)]


def _flags(masks: dict[str, np.ndarray]) -> list[list[str]]:
    """Data-quality flags per row, in :data:`FLAGS` order (lists built only for flagged rows)."""
    unknown = set(masks) - set(FLAGS)
    if unknown:   # a flag raised but not listed would vanish from every report
        raise ValueError(f"flags not in FLAGS: {sorted(unknown)}")
    flags = [[] for _ in range(len(next(iter(masks.values()))))]
    for name in FLAGS:
        for i in np.flatnonzero(masks[name]):
            flags[i].append(name)
    return flags


def compute_attainment(ytd_value, target):
    """100 × year-to-date value / annual target; NaN without a target, when it is 0, or when
    it is negative (a signed indicator's plan: the share would read upside down)."""
    ytd_value, target = np.asarray(ytd_value, dtype=float), np.asarray(target, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where((target > 0) & ~np.isnan(target), 100 * ytd_value / target, np.nan)


def compute_expected_pct(kind, period: Period, opening_level, target):
    """Share of the annual plan expected by the end of ``period``, in percent.

    Flows: months elapsed / 12 × 100. Stocks and rates: the level
    interpolated from the previous December's (``opening_level``) to the
    target, as a percentage of the target; NaN when that level is unknown.
    """
    kind = np.asarray(kind)
    opening, target = np.asarray(opening_level, dtype=float), np.asarray(target, dtype=float)
    share = period.share_of_year_elapsed
    with np.errstate(divide="ignore", invalid="ignore"):
        level = opening + (target - opening) * share
        levels = np.where((target != 0) & ~np.isnan(target), 100 * level / target, np.nan)
    flows = np.where(np.isnan(target), np.nan, 100 * share)
    return np.where(np.isin(kind, SUMMED_OVER_TIME), flows, levels)


def seasonal_expected_pct(linear, kind, target, last_ytd: Quantity, last_annual: Quantity):
    """A flow's expected share of its plan from last year's profile: the share of last
    year's total reached by the end of the same month, where last year is complete
    (``linear`` elsewhere, and for every other kind).

    Examples
    --------
    >>> from briefing.compute.cube import Quantity
    >>> q = lambda v: Quantity(np.array([[v]]), np.array([[0]]), np.array([[True]]), np.array([[1]]))
    >>> seasonal_expected_pct(np.array([[50.0]]), np.array([["flow"]]), np.array([[100.0]]),
    ...                       q(30.0), q(120.0))
    array([[25.]])
    """
    known = (np.isin(kind, SUMMED_OVER_TIME) & ~np.isnan(np.asarray(target, dtype=float))
             & last_ytd.present & last_ytd.complete & last_annual.present & last_annual.complete
             & (np.nan_to_num(last_annual.value) > 0))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(known, 100 * last_ytd.value / last_annual.value, linear)


def compute_projection(kind, period: Period, ytd_value, last_ytd: Quantity, last_annual: Quantity,
                       target):
    """The year-end figure of a flow if the rest of the year follows last year's months at
    this year's pace: ytd × last year's total ÷ last year's year to date; and it as a % of
    the target. NaN for other kinds, for periods ending in December, and without a
    complete last year.

    Examples
    --------
    >>> from briefing.compute.cube import Quantity
    >>> from briefing.periods import parse_period
    >>> q = lambda v: Quantity(np.array([[v]]), np.array([[0]]), np.array([[True]]), np.array([[1]]))
    >>> value, pct = compute_projection(np.array([["flow"]]), parse_period("2020S1"),
    ...                                 np.array([[60.0]]), q(50.0), q(120.0), np.array([[160.0]]))
    >>> float(value[0, 0]), float(pct[0, 0])
    (144.0, 90.0)
    """
    target = np.asarray(target, dtype=float)
    known = (np.isin(kind, SUMMED_OVER_TIME) & (not period.ends_in_december)
             & last_ytd.present & last_ytd.complete & last_annual.present & last_annual.complete
             & (np.nan_to_num(last_ytd.value) > 0))
    with np.errstate(invalid="ignore", divide="ignore"):
        projected = np.where(known, np.asarray(ytd_value) * last_annual.value / last_ytd.value,
                             np.nan)
        pct = np.where((target != 0) & ~np.isnan(target), 100 * projected / target, np.nan)
    return projected, pct


def classify_status(attainment, expected, direction, ends_in_december: bool):
    """``achieved``, ``on_track``, ``at_risk``, ``behind`` or None, per SPEC.

    For ``up`` indicators: achieved at 100 % or more, on track at or above the
    expected share, at risk from 90 % of it, else behind. For ``down``
    indicators the target is a ceiling: on track at or below the expected
    share, at risk up to 110 % of it, else behind; achieved when the period
    ends in December within the ceiling. None without a target; without an
    expected share only ``achieved`` can be told.
    """
    attainment = np.asarray(attainment, dtype=float)
    expected = np.asarray(expected, dtype=float)
    down = np.asarray(direction) == "down"
    known = ~np.isnan(attainment)
    paced = known & ~np.isnan(expected)
    status = np.full(attainment.shape, None, dtype=object)
    with np.errstate(invalid="ignore"):
        up_rules = [
            (attainment >= 100, "achieved"),
            (attainment >= expected, "on_track"),
            (attainment >= 0.9 * expected, "at_risk"),
            (paced, "behind"),
        ]
        down_rules = [
            ((attainment <= 100) & ends_in_december, "achieved"),
            (attainment <= expected, "on_track"),
            (attainment <= 1.1 * expected, "at_risk"),
            (paced, "behind"),
        ]
    for rules, selected in ((up_rules, ~down), (down_rules, down)):
        undecided = known & selected
        for condition, name in rules:
            hit = undecided & condition
            status[hit] = name
            undecided &= ~hit
    return status


def compare_with_previous_year(value, previous, kind):
    """Change on the same period last year: absolute and in percent.

    ``change_pct`` is NaN when the previous value is missing or 0, and always
    for rates, whose ``change_abs`` is in percentage points.
    """
    value, previous = np.asarray(value, dtype=float), np.asarray(previous, dtype=float)
    change = value - previous
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where((previous != 0) & ~np.isin(kind, CHANGED_IN_POINTS), 100 * change / previous,
                       np.nan)
    return change, pct
