"""What the portal shows, as plain data: reports by period, the tree, key indicators, series.

The portal is made from what reports left in the output folder: each unit's
``metrics.<lang>.json`` (figures, and the ``labels`` naming them) and the report files
beside it. :mod:`briefing.run.site` reads them into :class:`UnitReport` objects; the
functions here arrange those for the pages, choosing for each page language the
document in that language when there is one. No words or HTML are made here.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from dataclasses import dataclass, field

from briefing.periods import parse_period

#: Key indicators shown per report, and charted on a unit's page.
KEY_INDICATORS = 4
#: Notebooks listed first, in this order; others follow by name.
NOTEBOOK_ORDER = ("briefing", "district_comparison", "admin_procedures")
#: Formats listed first, in this order; others follow by name.
FORMAT_ORDER = ("html", "pdf")


@dataclass(frozen=True)
class ReportFile:
    """One file of a report: notebook ``<stem>.<lang>.<extension>``, ``href`` relative to OUT."""

    notebook: str
    lang: str
    extension: str
    href: str


@dataclass(frozen=True)
class UnitReport:
    """Everything the output folder holds for one unit and period.

    ``documents`` maps each language to its metrics document (a dict as read from JSON).
    """

    period: str
    unit: str
    documents: dict[str, dict]
    files: tuple[ReportFile, ...] = ()

    def document(self, lang: str) -> dict:
        """The metrics document in ``lang``, or else the first one there is."""
        return self.documents[self.document_lang(lang)]

    def document_lang(self, lang: str) -> str:
        """The language of :meth:`document`: ``lang`` when the report has it."""
        return lang if lang in self.documents else sorted(self.documents)[0]

    def labels(self, lang: str) -> dict:
        """The ``labels`` of :meth:`document` (an empty dict for older reports without them)."""
        labels = self.document(lang).get("labels")
        return labels if isinstance(labels, dict) else {}

    def sorted_files(self, lang: str) -> list[tuple[str, list[ReportFile]]]:
        """Files grouped by notebook (known ones first), ``lang`` first, then html, pdf, others."""
        groups: dict[str, list[ReportFile]] = defaultdict(list)
        for file in self.files:
            groups[file.notebook].append(file)
        ordered = sorted(groups, key=lambda n: (_rank(n, NOTEBOOK_ORDER), n))
        return [(notebook, sorted(groups[notebook], key=lambda f: (
            f.lang != lang, f.lang, _rank(f.extension, FORMAT_ORDER), f.extension)))
            for notebook in ordered]


@dataclass(frozen=True)
class UnitRow:
    """A line of a period's list: a unit at its depth, with its report (None: only its name)."""

    unit: str
    name: str
    depth: int
    report: UnitReport | None
    name_lang: str = ""


@dataclass(frozen=True)
class Point:
    """One period of a chart: its figure and the same period's figure one year earlier."""

    period: str
    value: float | None
    previous: float | None


@dataclass(frozen=True)
class Series:
    """An indicator's figures over the periods of one kind for one unit, oldest first."""

    indicator_id: str
    kind: str
    points: tuple[Point, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PortalView:
    """The reports as the pages of one language see them, with what every page needs worked
    out once: the units' names and each unit's reports."""

    reports: tuple[UnitReport, ...]
    lang: str
    langs: tuple[str, ...]
    names: dict[str, tuple[str, str]]
    by_unit: dict[str, list[UnitReport]]
    #: HTML already made for this view, by (period, unit): pages share it.
    made: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, reports, lang: str, langs) -> PortalView:
        """The view of ``reports`` in ``lang``; ``langs`` are the portal's languages, default first."""
        by_unit: dict[str, list[UnitReport]] = defaultdict(list)
        for report in sorted(reports, key=lambda r: period_order(r.period)):
            by_unit[report.unit].append(report)
        return cls(tuple(reports), lang, tuple(langs), unit_names(reports, lang), dict(by_unit))


def _rank(name: str, order: tuple[str, ...]) -> int:
    return order.index(name) if name in order else len(order)


def number(value) -> float | None:
    """A finite number from a metrics document, else None (a hand-edited file cannot crash)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


@functools.lru_cache(maxsize=4096)
def period_order(key: str) -> tuple[int, int]:
    """Sort key putting newer periods first; of two ending in the same month, the longer."""
    period = parse_period(key)
    return -period.last_month, -period.length


def periods_newest_first(reports: list[UnitReport]) -> list[str]:
    """Every period that has a report, newest first."""
    return sorted({r.period for r in reports}, key=period_order)


def unit_names(reports: list[UnitReport], lang: str) -> dict[str, tuple[str, str]]:
    """The name and its language of every unit the reports name (their own and those above
    them), from the newest labels that name it, in ``lang`` where a report has it; a unit no
    labels name is missing (show its id)."""
    names: dict[str, tuple[str, str]] = {}
    ordered = sorted(reports, key=lambda r: (r.document_lang(lang) != lang, period_order(r.period)))
    for report in ordered:
        labels, code = report.labels(lang), report.document_lang(lang)
        if isinstance(labels.get("org_unit_name"), str):
            names.setdefault(report.unit, (labels["org_unit_name"], code))
        for ancestor in _ancestors(labels):
            if isinstance(ancestor.get("name"), str):
                names.setdefault(ancestor["org_unit"], (ancestor["name"], code))
    return names


def _ancestors(labels: dict) -> list[dict]:
    found = labels.get("ancestors")
    if not isinstance(found, list):
        return []
    return [a for a in found if isinstance(a, dict) and isinstance(a.get("org_unit"), str)]


def tree_rows(reports: list[UnitReport], lang: str, names: dict[str, tuple[str, str]]) -> list[UnitRow]:
    """The units of one period's reports, with the units above them, in the tree's order.

    A unit's place comes from its ``tree_order``; a unit above without a report of its own
    stands just before the first unit below it (the tree is listed depth first). Reports
    without labels have no known place: they follow, by id.
    """
    places: dict[str, tuple] = {}
    depths: dict[str, int] = {}
    by_unit = {r.unit: r for r in reports}
    for report in reports:
        labels = report.labels(lang)
        order = labels.get("tree_order")
        order = order if isinstance(order, int) and not isinstance(order, bool) else math.inf
        ancestors = _ancestors(labels)
        places[report.unit] = (order, len(ancestors), report.unit)
        depths[report.unit] = len(ancestors)
        for depth, ancestor in enumerate(ancestors):
            unit = ancestor["org_unit"]
            if unit in by_unit:
                continue
            place = (order - 0.5, depth, unit)
            places[unit] = min(places.get(unit, place), place)
            depths[unit] = depth
    return [UnitRow(unit, *names.get(unit, (unit, lang))[:1], depths[unit], by_unit.get(unit),
                    names.get(unit, (unit, lang))[1])
            for unit in sorted(places, key=places.__getitem__)]


def indicator_labels(document: dict) -> dict[str, dict]:
    """``labels.indicators`` of a metrics document; an empty dict for older reports."""
    found = (document.get("labels") or {}).get("indicators") if isinstance(
        document.get("labels"), dict) else None
    return found if isinstance(found, dict) else {}


def indicator_rows(document: dict) -> list[dict]:
    """The document's indicator entries that are objects with an id."""
    rows = document.get("indicators")
    return [row for row in rows if isinstance(row, dict) and isinstance(row.get("indicator_id"), str)] \
        if isinstance(rows, list) else []


def key_indicators(document: dict, limit: int = KEY_INDICATORS) -> list[dict]:
    """The report's headline indicators, as a briefing's key figures choose them.

    Totals (not components) with a % of plan, in catalogue order; without any, the first
    total with a figure of each sector.
    """
    labels = indicator_labels(document)
    totals = [row for row in indicator_rows(document)
              if not (labels.get(row["indicator_id"]) or {}).get("part_of")]
    planned = [row for row in totals if number(row.get("attainment_pct")) is not None]
    if not planned:
        seen = set()
        for row in totals:
            sector = (labels.get(row["indicator_id"]) or {}).get("sector")
            if number(row.get("value")) is not None and (sector is None or sector not in seen):
                seen.add(sector)
                planned.append(row)
    return planned[:limit]


def status_counts(document: dict, statuses: tuple[str, ...]) -> dict[str, int]:
    """How many indicators of the report have each status, in the order of ``statuses``."""
    counts = dict.fromkeys(statuses, 0)
    for row in indicator_rows(document):
        if row.get("status") in counts:
            counts[row["status"]] += 1
    return counts


def unit_series(own: list[UnitReport], lang: str) -> dict[str, list[Series]]:
    """Per kind of period (months, quarters, ...), each key indicator's series over ``own``,
    the reports of one unit.

    The key indicators are those of the unit's newest report. A series with no figure at
    all is left out; kinds come in the order month, quarter, half, year.
    """
    own = sorted(own, key=lambda r: period_order(r.period))
    if not own:
        return {}
    keys = [row["indicator_id"] for row in key_indicators(own[0].document(lang))]
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for report in reversed(own):
        rows = {row["indicator_id"]: row for row in indicator_rows(report.document(lang))}
        by_kind[parse_period(report.period).kind].append((report.period, rows))
    found = {}
    for kind in ("month", "quarter", "half", "year"):
        series = [Series(key, kind, tuple(Point(period, number(rows.get(key, {}).get("value")),
                                                number(rows.get(key, {}).get("previous_value")))
                                          for period, rows in by_kind[kind]))
                  for key in keys] if kind in by_kind else []
        series = [s for s in series if any(p.value is not None or p.previous is not None
                                           for p in s.points)]
        if series:
            found[kind] = series
    return found
