"""A briefing's parts, ready to show in a notebook: the notebooks only call these.

``prepare_report`` loads and computes everything once; each method returns one
part of the document as an :class:`HtmlBlock`, which a notebook displays as
rich output and the HTML export keeps as is. Section numbers are fixed when
the report is prepared, so re-running one cell does not renumber anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup, escape

from briefing.compute import quality
from briefing.compute.changes import compare_with_last_briefing
from briefing.compute.metrics import compute_metrics
from briefing.errors import ParamsError, shown
from briefing.inputs.previous import PreviousMetricsError, load_previous_metrics
from briefing.render import charts, notes
from briefing.render.document import DocumentInfo
from briefing.render.formatting import format_percent, format_period, format_quantity, in_sentence, shows_year_to_date
from briefing.render.narrative import changes_heading, describe_changes, narrate_metrics
from briefing.render.reports import admin as admin_report
from briefing.render.reports.base import HtmlBlock, ReportBase, resolve_report_args
from briefing.render.tables import STATUS_MARKS, metrics_table

KEY_FIGURES_MAX = 9


def prepare_report(data, period, unit: str | None = None, lang: str = "vi",
                   cutoff: str = "calendar", document: Mapping | DocumentInfo | None = None,
                   previous_metrics=None, document_info: DocumentInfo | None = None,
                   pace: str = "linear") -> BriefingReport:
    """Load ``data`` and compute everything a briefing of ``unit`` for ``period`` shows.

    ``data`` is a folder, a workbook, or an already loaded :class:`Dataset`.
    ``document`` holds the header fields (``issuer``, ``place``, ``report_date``
    ...), as a mapping of those that are set or as a :class:`DocumentInfo`;
    ``document_info`` is its older name.
    ``previous_metrics`` is the previous report's ``metrics.<lang>.json``; when
    it exists the briefing says what moved since, or, when the file cannot be
    used, that it could not be read (``report.previous_problem`` says why).
    ``pace`` is ``linear`` or ``seasonal`` (see :func:`briefing.compute_metrics`).
    """
    args = resolve_report_args(data, period, unit, lang, cutoff, document, document_info)
    try:
        previous = load_previous_metrics(previous_metrics)
        problem = None
    except PreviousMetricsError as error:
        previous, problem = None, error
    return BriefingReport(*args, previous=previous, previous_problem=problem, pace=pace)


@dataclass
class BriefingReport(ReportBase):
    """Everything one briefing shows; see :func:`prepare_report`."""

    previous: dict | None = None
    previous_problem: PreviousMetricsError | None = None
    pace: str = "linear"
    metrics: pd.DataFrame = field(init=False)

    def __post_init__(self):
        raw = compute_metrics(self.dataset, self.period, self.unit, self.pace)
        self.metrics = self.dataset.label_metrics(raw, self.lang)
        self.changes = None if self.previous is None else compare_with_last_briefing(raw, self.previous)
        self.admin = admin_report.prepare(self.dataset, self.period, self.unit, self.cutoff)
        super().__post_init__()
        self.table_numbers, self.chart_numbers = self._number_tables_and_charts()

    # --- what the notebook shows -----------------------------------------------------

    def header(self) -> HtmlBlock:
        """Header block, title and a short introduction."""
        return self._document_head(self._introduction())

    def key_figures(self) -> HtmlBlock:
        """The headline figures: indicators with an annual plan, as cards."""
        rows = self._key_rows()
        cards = "".join(self._card(row) for _, row in rows.iterrows())
        return HtmlBlock(self._heading("key") + Markup(f'<div class="key-figures">{cards}</div>'))

    def changes_since_last(self) -> HtmlBlock:
        """What moved since the previous report; nothing when there is none to compare with.

        When the previous report's metrics file could not be used, the section says so.
        """
        if self.previous_problem is not None:
            note = self.words("changes.unreadable", file=self.previous_problem.file)
            return HtmlBlock(self._heading("changes", changes_heading(self.period.previous(),
                                                                      self.lang))
                             + Markup(f'<p class="note">- {escape(note)}</p>'))
        if self.changes is None:
            return HtmlBlock("")
        names = dict(zip(self.metrics["indicator_id"], self.metrics["name"]))
        lines = describe_changes(self.changes, names, self.lang) or [self.words("changes.none")]
        return HtmlBlock(self._heading("changes", changes_heading(self.previous["period"],
                                                                  self.lang))
                         + Markup("".join(f'<p class="note">- {escape(line)}</p>' for line in lines)))

    def sector_sections(self) -> HtmlBlock:
        """One section per sector: sentences, a table and charts."""
        return HtmlBlock("".join(self._sector(sector) for sector in self._sectors_with_data()))

    def sector(self, key: str) -> HtmlBlock:
        """One sector's section, as :meth:`sector_sections` shows it (same numbers).

        Raises
        ------
        ParamsError
            When the briefing has no section for ``key``; the message lists
            the sectors it has.
        """
        present = self._sectors_with_data()
        if key not in present:
            why = (f"has no figures for {self.period.key} in {self.unit}"
                   if key in self.dataset.sector_order else "is not a sector of the catalogue")
            raise ParamsError(f"sector {shown(key, 60)} {why}; this briefing's sectors: "
                              f"{', '.join(present) or 'none'}")
        return HtmlBlock(self._sector(key))

    def admin_procedures(self) -> HtmlBlock:
        """The administrative-procedures section, or nothing without ``dossiers.csv``."""
        if self.admin is None:
            return HtmlBlock("")
        return HtmlBlock(self._heading("admin")
                         + admin_report.section_html(self.admin, self.period, self.lang,
                                                     self.chart_numbers.get("admin", 1)))

    def quality_notes(self) -> HtmlBlock:
        """Data-quality notes: incomplete figures, mismatched components, missing plans."""
        lines = notes.quality_notes(self.dataset, self.metrics, self.period, self.unit, self.lang)
        items = "".join(f'<p class="note">- {escape(line)}</p>' for line in lines)
        return HtmlBlock(self._heading("quality") + Markup(items))

    # --- parts ---------------------------------------------------------------------------

    def _plan_sections(self) -> list[str]:
        compared = self.changes is not None or self.previous_problem is not None
        names = ["key"] + (["changes"] if compared else []) \
            + [f"sector:{s}" for s in self._sectors_with_data()]
        if self.admin is not None:
            names.append("admin")
        return names + ["quality"]

    def _introduction(self) -> str:
        with_value = self._reported()
        return self.words(
            "report.intro", indicators=self.words("count.indicators", count=len(with_value)),
            sectors=self.words("count.sectors", count=with_value["sector"].nunique()),
            unit=in_sentence(self.unit_name, self.lang),
            period=in_sentence(format_period(self.period, self.lang), self.lang),
            year=self.period.year, previous=self.period.year - 1,
        )

    def _key_rows(self) -> pd.DataFrame:
        planned = self.metrics[self.metrics["attainment_pct"].notna() & (self.metrics["part_of"] == "")]
        if planned.empty:
            present = self.metrics[self.metrics["value"].notna() & (self.metrics["part_of"] == "")]
            planned = present.groupby("sector", sort=False).head(1)
        return planned.head(KEY_FIGURES_MAX)

    def _card(self, row) -> str:
        status = row["status"] if isinstance(row["status"], str) else "none"
        value = format_quantity(row["value"], row["unit"], self.lang, int(row["decimals"]))
        detail = ""
        if shows_year_to_date(row["kind"]) and self.period.shorter_than_year_to_date:
            # % of plan is about the year to date: the card leads with it, the period below.
            detail = self.words("card.period_value", value=value,
                                period=format_period(self.period, self.lang))
            value = format_quantity(row["ytd_value"], row["unit"], self.lang, int(row["decimals"]))
        plan = ""
        if pd.notna(row["attainment_pct"]):
            key = "card.ceiling" if row["direction"] == "down" else "card.plan"
            plan = self.words(key, pct=format_percent(row["attainment_pct"], self.lang))
            if status != "none":
                plan += f" · {STATUS_MARKS[status]} {self.words(f'status.{status}')}"
        detail = f'<div class="figure-detail">{escape(detail)}</div>' if detail else ""
        return (f'<div class="key-figure status-{escape(status)}"><div class="figure-value">'
                f'{escape(value)}</div><div class="figure-name">{escape(row["name"])}</div>'
                f'{detail}<div class="figure-plan">{escape(plan)}</div></div>')

    def _reported(self) -> pd.DataFrame:
        """Rows the briefing shows (:func:`briefing.compute.quality.reported_mask`)."""
        return self.metrics[quality.reported_mask(self.metrics)]

    def _sectors_with_data(self) -> list[str]:
        shown = set(self._reported()["sector"])
        return [s for s in self.dataset.sector_order if s in shown]

    def _number_tables_and_charts(self) -> tuple[dict, dict]:
        """Table and chart numbers in the order they appear, fixed when the report is prepared."""
        tables, chart_list = {}, {}
        for sector in self._sectors_with_data():
            tables[sector] = len(tables) + 1
            if charts.sector_chart_panels(self._sector_rows(sector), self.period):
                chart_list[sector] = len(chart_list) + 1
        if self.admin is not None and admin_report.has_chart(self.admin):
            chart_list["admin"] = len(chart_list) + 1
        return tables, chart_list

    def _sector_rows(self, sector: str) -> pd.DataFrame:
        rows = self._reported()
        return rows[rows["sector"] == sector]

    def _sector(self, sector: str) -> str:
        rows = self._sector_rows(sector)
        name = self.dataset.sector_name(sector, self.lang)
        parts = [self._heading(f"sector:{sector}", name)]
        parts += [Markup(f"<p>{escape(s)}</p>") for s in narrate_metrics(rows, self.period, self.lang)]
        parts.append(metrics_table(rows, self.period, self.lang, self.words(
            "table.caption", number=self.table_numbers[sector], sector=name)))
        figure = charts.sector_chart(rows, self.period, self.lang)
        if figure is not None:
            caption = self.words("chart.sector_caption", number=self.chart_numbers[sector],
                                 sector=name)
            parts.append(charts.figure_html(figure, caption))
        return "".join(parts)

