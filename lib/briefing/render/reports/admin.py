"""The administrative-procedures part of a briefing: the widget, a monthly chart, a sentence."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup, escape

from briefing.compute import admin as ap
from briefing.errors import ParamsError
from briefing.periods import Period, parse_period
from briefing.render.charts import days_chart, figure_html, timeliness_chart
from briefing.render.formatting import format_number, format_percent, format_period, in_sentence
from briefing.render.languages import language
from briefing.render.reports.base import HtmlBlock, ReportBase, resolve_report_args

#: The five figures of the reference widget, with the share shown under each.
WIDGET = (("received", None), ("resolved", None), ("early", "early_pct"),
          ("on_time", "on_time_pct"), ("late", "late_pct"))


@dataclass(frozen=True)
class AdminSummary:
    """Figures of one period and unit, and the same by month of the period."""

    figures: dict
    by_month: pd.DataFrame


def prepare(dataset, period, unit: str, cutoff: str = "calendar") -> AdminSummary | None:
    """The figures of ``unit`` (and its descendants) for ``period``; None without dossiers."""
    figures = ap.compute_admin_procedures(dataset, period, unit, cutoff)
    if figures is None:
        return None
    return AdminSummary(figures, ap.monthly_breakdown(dataset, period, unit, cutoff))


def has_chart(summary: AdminSummary) -> bool:
    """True when the section shows the monthly chart (something was resolved)."""
    return not summary.by_month.empty and summary.by_month["resolved"].sum() > 0


def section_html(summary: AdminSummary, period, lang: str, chart_number: int = 1) -> Markup:
    """Widget, sentence and chart (numbered ``chart_number``), as in the department's own pages."""
    period = parse_period(period)
    words = language(lang)
    parts = [Markup(f"<p>{escape(describe_admin(summary.figures, period, lang))}</p>"),
             widget_html(summary.figures, lang)]
    figure = timeliness_chart(summary.by_month, lang)
    if figure is not None:
        parts.append(figure_html(figure, words.text("admin.chart_caption", number=chart_number,
                                                    period=format_period(period, lang))))
    return Markup("".join(parts))


def widget_html(figures: dict, lang: str) -> Markup:
    """Received · Resolved · Early (%) · On time (%) · Late (%)."""
    words = language(lang)
    cells = []
    for key, share in WIDGET:
        text = (f'<div class="label">{escape(words.text(f"admin.{key}"))}</div>'
                f'<div class="count">{escape(format_number(figures[key], lang))}</div>')
        if share:
            text += f'<div class="share">{escape(format_percent(figures[share], lang))}</div>'
        cells.append(f'<div class="cell">{text}</div>')
    return Markup(f'<div class="procedures">{"".join(cells)}</div>')


def describe_admin(figures: dict, period: Period, lang: str) -> str:
    """One sentence with the widget's figures and what is still pending.

    Says plainly when nothing was received, resolved or pending, rather than
    listing zeros.
    """
    words = language(lang)
    period_text = in_sentence(format_period(period, lang), lang)
    if not has_activity(figures):
        return words.text("admin.sentence_nothing", period=period_text)
    number = {k: format_number(figures[k], lang) for k in ap.COUNT_KEYS}
    share = {k: format_percent(figures[k], lang) for k in ap.SHARE_KEYS}
    received = words.text("admin.sentence_received" if figures["received"]
                          else "admin.sentence_none_received", **number)
    if figures["resolved"]:
        resolved = words.text("admin.sentence_resolved", **number, **share)
    else:
        resolved = words.text("admin.sentence_none_resolved")
    return words.text("admin.sentence", period=period_text, received_part=received,
                      resolved_part=resolved, **number)


def has_activity(figures: dict) -> bool:
    """True when any dossier was received, resolved or pending in the period."""
    return any(figures[key] for key in ("received", "resolved", "pending"))


# --- the deeper report: notebooks/admin_procedures.ipynb --------------------------------

OVERDUE_ROWS_SHOWN = 60
SLOWEST_SHOWN = 3


def prepare_admin_report(data, period, unit: str | None = None, lang: str = "vi",
                         cutoff: str = "calendar", document=None,
                         document_info=None) -> AdminReport:
    """Everything the administrative-procedures report shows, computed once.

    ``document`` holds the header fields, as in :func:`briefing.prepare_report`.

    Raises
    ------
    ParamsError
        When the data has no ``dossiers.csv``.
    """
    args = resolve_report_args(data, period, unit, lang, cutoff, document, document_info)
    if args[0].dossiers is None:
        raise ParamsError("this report needs dossier records (dossiers.csv) and the data has none")
    return AdminReport(*args)


@dataclass
class AdminReport(ReportBase):
    """Administrative procedures in depth: by procedure, by unit, the overdue dossiers."""

    _subject_key = "admin.subject"

    def __post_init__(self):
        self.summary_figures = prepare(self.dataset, self.period, self.unit, self.cutoff)
        self.procedures = ap.admin_breakdown(self.dataset, self.period, self.unit, "procedure", self.cutoff)
        self.units = ap.admin_breakdown(self.dataset, self.period, self.unit, "org_unit", self.cutoff)
        self.overdue = ap.overdue_dossiers(self.dataset, self.period, self.unit, self.cutoff)
        super().__post_init__()

    def _plan_sections(self) -> list[str]:
        return ["admin_summary", "admin_procedures"] + (["admin_units"] if len(self.units) else []) \
            + ["admin_overdue"]

    def header(self) -> HtmlBlock:
        """Header block, title, and what the figures cover."""
        intro = self.words("admin.intro", unit=in_sentence(self.unit_name, self.lang),
                           period=in_sentence(format_period(self.period, self.lang), self.lang),
                           cutoff=self.words(f"admin.cutoff.{self.cutoff}"))
        return self._document_head(intro)

    def summary(self) -> HtmlBlock:
        """The widget, the sentence and the monthly chart."""
        return HtmlBlock(self._heading("admin_summary")
                         + section_html(self.summary_figures, self.period, self.lang))

    @property
    def _nothing_in_period(self) -> bool:
        return not has_activity(self.summary_figures.figures)

    def _nothing_note(self) -> Markup:
        return Markup(f"<p>{escape(self.words('admin.nothing_in_period'))}</p>")

    def by_procedure(self) -> HtmlBlock:
        """A table per procedure, the slowest procedures named, and their processing days."""
        parts = [self._heading("admin_procedures")]
        if self._nothing_in_period:
            return HtmlBlock("".join(parts + [self._nothing_note()]))
        slowest = self.procedures.dropna(subset=["mean_days"]).nlargest(SLOWEST_SHOWN, "mean_days")
        if len(slowest):
            items = "; ".join(self.words("admin.slowest_item", procedure=r["procedure"],
                                         days=format_number(r["mean_days"], self.lang, 1))
                              for _, r in slowest.iterrows())
            parts.append(Markup(f"<p>{escape(self.words('admin.slowest', items=items))}</p>"))
        parts.append(breakdown_table(self.procedures, "procedure", self.lang,
                                     self.words("admin.table_procedures")))
        figure = days_chart(self.procedures, self.lang)
        if figure is not None:
            number = 2 if has_chart(self.summary_figures) else 1
            parts.append(figure_html(figure, self.words("admin.days_caption", number=number)))
        return HtmlBlock("".join(parts))

    def by_unit(self) -> HtmlBlock:
        """The children of the unit side by side, and who is late or overdue most."""
        if not len(self.units):
            return HtmlBlock("")
        if self._nothing_in_period:
            return HtmlBlock(self._heading("admin_units") + self._nothing_note())
        table = self.units.assign(org_unit=[self.dataset.tree.name(u, self.lang)
                                            for u in self.units["org_unit"]])
        return HtmlBlock(self._heading("admin_units")
                         + Markup(f"<p>{escape(self._units_sentence(table))}</p>")
                         + breakdown_table(table, "org_unit", self.lang,
                                           self.words("admin.table_units")))

    def overdue_list(self) -> HtmlBlock:
        """Dossiers still pending and past due at the end of the period."""
        parts = [self._heading("admin_overdue")]
        if self.overdue.empty:
            parts.append(Markup(f"<p>{escape(self.words('admin.overdue_none'))}</p>"))
            return HtmlBlock("".join(parts))
        parts.append(overdue_table(self.overdue.head(OVERDUE_ROWS_SHOWN), self.dataset.tree,
                                   self.lang))
        hidden = len(self.overdue) - OVERDUE_ROWS_SHOWN
        if hidden > 0:
            more = self.words("admin.overdue_more", count=format_number(hidden, self.lang))
            parts.append(Markup(f'<p class="note">{escape(more)}</p>'))
        return HtmlBlock("".join(parts))

    def _units_sentence(self, table: pd.DataFrame) -> str:
        resolved = table[table["resolved"] > 0]
        if resolved.empty or resolved["late"].sum() == 0:
            late = self.words("admin.units_no_late")
        else:
            worst = resolved.loc[resolved["late_pct"].idxmax()]
            late = self.words("admin.units_late", unit=worst["org_unit"],
                              pct=format_percent(worst["late_pct"], self.lang))
        if table["pending_overdue"].sum() == 0:
            return late
        most = table.loc[table["pending_overdue"].idxmax()]
        return late + " " + self.words("admin.units_overdue", unit=most["org_unit"],
                                       count=format_number(most["pending_overdue"], self.lang))


BREAKDOWN_COLUMNS = (("received", "num"), ("resolved", "num"), ("early", "num"),
                     ("on_time", "num"), ("late", "num"), ("on_time_pct", "pct"),
                     ("mean_days", "days"), ("pending", "num"), ("pending_overdue", "num"))


def breakdown_table(table: pd.DataFrame, key: str, lang: str, caption: str):
    """Counts, on-time share and mean days per procedure or per unit."""
    from briefing.render.tables import Column, render_table

    words = language(lang)
    columns = [Column(words.text(f"admin.col.{key}"))] + [
        Column(words.text(f"admin.col.{name}"), "num") for name, _ in BREAKDOWN_COLUMNS]
    formats = {"num": lambda v: format_number(v, lang), "pct": lambda v: format_percent(v, lang),
               "days": lambda v: format_number(v, lang, 1)}
    rows = [[row[key]] + [formats[kind](row[name]) for name, kind in BREAKDOWN_COLUMNS]
            for _, row in table.iterrows()]
    return render_table(columns, rows, caption, table_class="admin")


def overdue_table(overdue: pd.DataFrame, tree, lang: str):
    """The overdue dossiers, longest overdue first."""
    from briefing.render.formatting import format_date
    from briefing.render.tables import Column, render_table

    words = language(lang)
    columns = [Column(words.text("admin.col.dossier")), Column(words.text("admin.col.org_unit")),
               Column(words.text("admin.col.procedure")),
               Column(words.text("admin.col.received_on"), "num"),
               Column(words.text("admin.col.due_on"), "num"),
               Column(words.text("admin.col.days_overdue"), "num")]
    rows = [[r["dossier_id"], tree.name(r["org_unit"], lang), r["procedure"],
             format_date(r["received_on"], lang), format_date(r["due_on"], lang),
             format_number(r["days_overdue"], lang)] for _, r in overdue.iterrows()]
    return render_table(columns, rows, table_class="overdue")
