"""HTML tables of a briefing. Every text from data is escaped; numbers are right-aligned."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup, escape

from briefing.periods import parse_period
from briefing.render.formatting import (
    MISSING,
    STATUS_MARKS,
    as_of_before_end,
    changes_in_points,
    format_month,
    format_number,
    format_percent,
    format_period,
    format_points,
    format_signed_number,
    format_signed_percent,
    is_missing,
    shows_as_of,
    shows_year_to_date,
    status_label,
)
from briefing.render.languages import language

#: The status shapes live with the status formatter; the name stays importable from here.
__all__ = ["STATUS_MARKS", "Column", "render_table", "status_cell", "format_change",
           "metrics_table", "inputs_table"]


@dataclass(frozen=True)
class Column:
    """A table column: its header text and how its cells align (``text`` or ``num``)."""

    label: str
    align: str = "text"


def render_table(columns: list[Column], rows: list[list], caption: str | None = None,
                 row_classes: list[str] | None = None, table_class: str = "") -> Markup:
    """An HTML table; cells are text (escaped here) or ``Markup`` (already safe)."""
    head = "".join(f'<th class="{c.align}">{escape(c.label)}</th>' for c in columns)
    body = []
    for index, row in enumerate(rows):
        css = f' class="{row_classes[index]}"' if row_classes and row_classes[index] else ""
        cells = "".join(f'<td class="{c.align}">{escape(cell)}</td>' for c, cell in zip(columns, row))
        body.append(f"<tr{css}>{cells}</tr>")
    # The caption is a paragraph kept with the table: paged media keeps siblings together
    # more reliably than a <caption> inside the table.
    cap = f'<p class="table-caption">{escape(caption)}</p>' if caption else ""
    klass = f' class="{table_class}"' if table_class else ""
    return Markup(f'{cap}<div class="table-wrap"><table{klass}><thead><tr>{head}</tr></thead>'
                  f'<tbody>{"".join(body)}</tbody></table></div>')


def status_cell(status, lang: str) -> Markup:
    """The status as a shape and words: ``● Đạt tiến độ``; an empty cell without one."""
    label = status_label(status, lang)
    if label.key is None:
        return Markup(MISSING)
    return Markup(f'<span class="status status-{escape(label.key)}"><span class="mark">'
                  f'{label.mark}</span>{escape(label.words)}</span>')


def format_change(row, lang: str, cumulative: bool = False) -> str:
    """The change on last year as a table shows it: percent, points for rates.

    With ``cumulative`` a flow's change is that of its year to date.
    """
    prefix = "ytd_" if cumulative and shows_year_to_date(row["kind"]) else ""
    previous = row["previous_ytd_value" if prefix else "previous_value"]
    if is_missing(previous) or is_missing(row[f"{prefix}change_abs"]):
        return MISSING
    if changes_in_points(row):
        return format_points(row[f"{prefix}change_abs"], lang, int(row["decimals"]))
    if is_missing(row[f"{prefix}change_pct"]):
        return format_signed_number(row[f"{prefix}change_abs"], lang, int(row["decimals"]))
    return format_signed_percent(row[f"{prefix}change_pct"], lang)


def metrics_table(table: pd.DataFrame, period, lang: str, caption: str | None = None) -> Markup:
    """The sector table: value, plan, % of plan, year-end estimate, same period last year,
    change, status.

    For a period shorter than the year so far, the year to date comes after
    the period's value, and last year's figure and the change are those of
    the year to date (for levels, of the value: a level has no other).
    ``table`` holds labelled metrics rows (``name``, ``unit`` and the metric columns).
    """
    period = parse_period(period)
    words = language(lang)
    cumulative = period.shorter_than_year_to_date
    # Where the year is heading, when any row has an estimate (flows, before December).
    projected = "projected_pct" in table and table["projected_pct"].notna().any()
    previous_label = words.text("table.previous_ytd" if cumulative else "table.previous",
                                period=format_period(period.previous_year(), lang),
                                year=period.year - 1)
    columns = [
        Column(words.text("table.indicator")), Column(words.text("table.unit")),
        Column(words.text("table.value", period=format_period(period, lang)), "num"),
        *([Column(words.text("table.ytd", year=period.year), "num")] if cumulative else []),
        Column(words.text("table.target", year=period.year), "num"),
        Column(words.text("table.attainment"), "num"),
        *([Column(words.text("table.projected"), "num")] if projected else []),
        Column(previous_label, "num"),
        Column(words.text("table.change"), "num"),
        Column(words.text("table.status")),
    ]
    rows, classes = [], []
    for _, row in table.iterrows():
        decimals = int(row["decimals"])
        flow_ytd = cumulative and shows_year_to_date(row["kind"])
        previous = row["previous_ytd_value"] if flow_ytd else row["previous_value"]
        rows.append([
            _name_cell(row, period, lang), row["unit"],
            format_number(row["value"], lang, decimals),
            *([format_number(row["ytd_value"], lang, decimals)] if cumulative else []),
            format_number(row["target"], lang, decimals),
            format_percent(row["attainment_pct"], lang),
            *([format_percent(row["projected_pct"], lang)] if projected else []),
            format_number(previous, lang, decimals),
            format_change(row, lang, cumulative),
            status_cell(row["status"], lang),
        ])
        classes.append("component" if row["part_of"] else "")
    return render_table(columns, rows, caption, classes, "metrics")


def _name_cell(row, period, lang: str) -> Markup:
    name = escape(row["name"])
    month = as_of_before_end(row["as_of"], period)
    if shows_as_of(row["kind"]) and month is not None:
        note = language(lang).text("table.as_of", month=format_month(month, lang))
        return Markup(f'{name}<span class="as-of">{escape(note)}</span>')
    return Markup(name)


def inputs_table(inputs, lang: str, caption: str | None = None) -> Markup:
    """The annex: each input file with its rows and SHA-256."""
    words = language(lang)
    columns = [Column(words.text("annex.file")), Column(words.text("annex.table")),
               Column(words.text("annex.rows"), "num"), Column(words.text("annex.sha256"))]
    rows = []
    for item in inputs:
        for table, count in item.rows.items():
            rows.append([item.name, table, format_number(count, lang),
                         Markup(f'<span class="hash">{escape(item.sha256)}</span>')])
    return render_table(columns, rows, caption, table_class="annex-files")
