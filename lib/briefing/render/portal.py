"""The portal's pages: an index of every report, and a page per unit with its trends.

Pages are made from :class:`briefing.render.portal_model.UnitReport` objects, one language
a page (its ``lang`` attribute right, its numbers formatted as that language writes them),
with links to the same page in the other languages. They are static files: styles and the
filter script are inline, nothing is fetched, and everything but the filter works without
JavaScript. Every text from the data is escaped.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from urllib.parse import quote

from markupsafe import Markup, escape

from briefing.inputs.contract import STATUSES
from briefing.paths import TEMPLATES_DIR
from briefing.periods import parse_period
from briefing.render.formatting import format_percent, format_period, format_quantity, shows_year_to_date, status_label
from briefing.render.languages import language
from briefing.render.portal_charts import latest_figures, legend, series_chart, short_period
from briefing.render.portal_model import (
    PortalView,
    UnitReport,
    indicator_labels,
    key_indicators,
    number,
    periods_newest_first,
    status_counts,
    tree_rows,
    unit_series,
)

TEMPLATES = TEMPLATES_DIR / "portal"


def index_name(lang: str, default: str) -> str:
    """``index.html`` in the default language, ``index.<lang>.html`` in the others."""
    return "index.html" if lang == default else f"index.{lang}.html"


def unit_page_name(unit: str, lang: str) -> str:
    """``units/<lang>/<unit>.html``, relative to the output folder."""
    return f"units/{lang}/{unit}.html"


def render_portal(reports: list[UnitReport], langs: list[str]) -> dict[str, str]:
    """Every page of the portal in each of ``langs`` (the default first), by path under OUT."""
    pages = {}
    for lang in langs:
        view = PortalView.of(reports, lang, langs)
        pages[index_name(lang, langs[0])] = render_index(view)
        for unit in sorted(view.by_unit):
            pages[unit_page_name(unit, lang)] = render_unit_page(view, unit)
    return pages


def render_index(view: PortalView) -> str:
    """``index.html``: periods newest first, each with every unit of the tree and its reports."""
    lang, langs = view.lang, view.langs
    words = language(lang)
    periods = periods_newest_first(view.reports)
    by_period = defaultdict(list)
    for report in view.reports:
        by_period[report.period].append(report)
    nav = "".join(f'<li><a href="#p-{_href(p)}">{escape(format_period(p, lang))}</a></li>'
                  for p in periods)
    sections = "".join(_period_section(p, by_period[p], view) for p in periods)
    search = (f'<form class="filter" role="search" hidden><label for="filter">'
              f'{escape(words.text("portal.filter_label"))}</label>'
              f'<input id="filter" type="search" autocomplete="off">'
              f'<p id="filter-none" role="status" hidden>{escape(words.text("portal.filter_none"))}'
              f'</p></form>')
    body = (f'{search}<nav class="periods" aria-label="{escape(words.text("portal.periods"))}">'
            f'<ul>{nav}</ul></nav>{sections}')
    others = {code: index_name(code, langs[0]) for code in langs if code != lang}
    return _page(lang, words.text("portal.title"), Markup(body), others, "",
                 script=_asset("filter.js"))


def _period_section(period: str, reports: list[UnitReport], view: PortalView) -> str:
    lang = view.lang
    name = format_period(period, lang)
    rows = []
    for row in tree_rows(reports, lang, view.names):
        search = escape(f"{row.name} {row.unit} {name} {period}")
        title = escape(row.name)
        if row.unit in view.by_unit:   # the unit has a page (it has reports of other periods)
            title = Markup(f'<a href="{_href(unit_page_name(row.unit, lang))}">{title}</a>')
        heading = f'<h3{_lang(row.name_lang, lang)}>{title}</h3>'
        if row.report is None:
            inner = (f'{heading}<p class="none">'
                     f'{escape(language(lang).text("portal.no_report"))}</p>')
            css = "unit without-report"
        else:
            inner, css = f'{heading}{report_summary(row.report, view, "")}', "unit"
        rows.append(f'<li class="{css}" style="--depth: {min(row.depth, 8)}" data-search="{search}">'
                    f'{inner}</li>')
    return (f'<section class="period" id="p-{_href(period)}"><h2>{escape(name)}</h2>'
            f'<ul class="units">{"".join(rows)}</ul></section>')


def report_summary(report: UnitReport, view: PortalView, root: str) -> Markup:
    """A report's status counts, headline figures and links; ``root`` leads to OUT.

    The counts and figures are made once per view: the index and the unit's page show them both.
    """
    key = (report.period, report.unit)
    if key not in view.made:
        document = report.document(view.lang)
        view.made[key] = _statuses(document, view.lang) + _figures(
            document, report.period, view.lang, _lang(report.document_lang(view.lang), view.lang))
    return Markup(view.made[key] + _files(report, view.lang, root))


def _statuses(document: dict, lang: str) -> str:
    counts = status_counts(document, STATUSES)
    if not any(counts.values()):
        return ""
    items = []
    for status, count in counts.items():
        label = status_label(status, lang)
        items.append(f'<li class="status status-{status}"><span class="mark" aria-hidden="true">'
                     f'{label.mark}</span> {escape(label.words)}: <strong>{count}</strong></li>')
    return f'<ul class="statuses">{"".join(items)}</ul>'


def _figures(document: dict, period: str, lang: str, names_lang: str = "") -> str:
    """Up to four headline figures with their % of plan and status; ``names_lang`` is the
    ``lang`` attribute of names and units taken from a document in another language."""
    words = language(lang)
    labels = indicator_labels(document)
    items = []
    for row in key_indicators(document):
        label = labels.get(row["indicator_id"]) or {}
        name, unit, decimals = _name_unit_decimals(row, label)
        value = format_quantity(number(row.get("value")), unit, lang, decimals)
        note = ""
        if shows_year_to_date(label.get("kind", "flow")) and \
                parse_period(period).shorter_than_year_to_date and number(row.get("ytd_value")) is not None:
            # % of plan is about the year to date: the figure shown is that one, and says so
            value = format_quantity(number(row.get("ytd_value")), unit, lang, decimals)
            note = f' <span class="note">({escape(words.text("portal.ytd"))})</span>'
        plan = ""
        attainment = number(row.get("attainment_pct"))
        if attainment is not None:
            key = "card.ceiling" if label.get("direction") == "down" else "card.plan"
            status = status_label(row.get("status") if row.get("status") in STATUSES else None, lang)
            mark = (f'<span class="status status-{status.key}"><span class="mark" aria-hidden="true">'
                    f'{status.mark}</span> {escape(status.words)}</span>') if status.key else ""
            plan = (f'<br><span class="plan">{escape(words.text(key, pct=format_percent(attainment, lang)))}'
                    f'</span> {mark}')
        items.append(f'<div><dt{names_lang}>{escape(name)}</dt><dd><span class="value"{names_lang}>'
                     f'{escape(value)}</span>'
                     f'{note}{plan}</dd></div>')
    return f'<dl class="figures">{"".join(items)}</dl>' if items else ""


def _name_unit_decimals(row: dict, label: dict) -> tuple[str, str, int]:
    """Name, unit and decimals from the labels; an older report shows ids and two decimals."""
    name = label.get("name") if isinstance(label.get("name"), str) else row["indicator_id"]
    unit = label.get("unit") if isinstance(label.get("unit"), str) else ""
    decimals = label.get("decimals")
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 6:
        value = number(row.get("value"))
        decimals = 0 if value is None or value == int(value) else 2
    return name, unit, decimals


def _files(report: UnitReport, lang: str, root: str) -> str:
    groups = []
    for notebook, files in report.sorted_files(lang):
        links = []
        for file in files:
            other = f' hreflang="{escape(file.lang)}"' if file.lang != lang else ""
            suffix = f" ({escape(file.lang.upper())})" if file.lang != lang else ""
            links.append(f'<a href="{_href(root + file.href)}"{other}>'
                         f'{escape(file.extension.upper())}{suffix}</a>')
        groups.append(f'<li><span class="notebook">{escape(_notebook_name(notebook, lang))}:</span> '
                      f'{" ".join(links)}</li>')
    return f'<ul class="files">{"".join(groups)}</ul>' if groups else ""


def _notebook_name(stem: str, lang: str) -> str:
    texts = language(lang).texts
    key = f"portal.notebook.{stem}"
    return language(lang).text(key) if key in texts else stem


def render_unit_page(view: PortalView, unit: str) -> str:
    """A unit's page: its key indicators over the periods (charts), then every report of it."""
    lang, langs = view.lang, view.langs
    words = language(lang)
    own = view.by_unit[unit]
    name, name_lang = view.names.get(unit, (unit, lang))
    trends = "".join(_trend_section(kind, series, own[0].document(lang), lang,
                                    _lang(own[0].document_lang(lang), lang))
                     for kind, series in unit_series(own, lang).items())
    listed = "".join(f'<li><h3>{escape(format_period(r.period, lang))}</h3>'
                     f'{report_summary(r, view, "../../")}</li>' for r in own)
    body = (f'{trends}<section><h2>{escape(words.text("portal.reports"))}</h2>'
            f'<ul class="reports">{listed}</ul></section>')
    back = (f'<p class="back"><a href="../../{_href(index_name(lang, langs[0]))}">'
            f'{escape(words.text("portal.back"))}</a>{_breadcrumbs(own[0], view)}</p>')
    others = {code: f"../../{unit_page_name(unit, code)}" for code in langs if code != lang}
    return _page(lang, name, Markup(body), others, Markup(back),
                 title=words.text("portal.unit_title", unit=name), heading_lang=name_lang)


def _breadcrumbs(report: UnitReport, view: PortalView) -> str:
    """The units above, root first, each a link when it has a page of its own."""
    ancestors = report.labels(view.lang).get("ancestors")
    if not isinstance(ancestors, list):
        return ""
    links = []
    for ancestor in ancestors:
        if not (isinstance(ancestor, dict) and isinstance(ancestor.get("org_unit"), str)):
            continue
        unit = ancestor["org_unit"]
        name, code = view.names.get(unit, (unit, view.lang))
        name = Markup(f'<span{_lang(code, view.lang)}>{escape(name)}</span>')
        links.append(f'<a href="{_href(unit)}.html">{name}</a>' if unit in view.by_unit else str(name))
    return f' · {" › ".join(links)}' if links else ""


def _trend_section(kind: str, series_list, document: dict, lang: str, names_lang: str) -> str:
    words = language(lang)
    labels = indicator_labels(document)
    charts = []
    for series in series_list:
        row = {"indicator_id": series.indicator_id,
               "value": next((p.value for p in reversed(series.points) if p.value is not None), None)}
        name, unit, decimals = _name_unit_decimals(row, labels.get(series.indicator_id) or {})
        charts.append(f'<div class="chart"><h3{names_lang}>{escape(name)}</h3>'
                      f'{series_chart(series, name, unit, decimals, lang)}'
                      f'<p class="latest">{escape(latest_figures(series, unit, decimals, lang))}</p>'
                      f'{_chart_table(series, unit, decimals, lang)}</div>')
    heading = words.text("portal.trends", kind=words.text(f"portal.kind.{kind}"))
    return (f'<section><h2>{escape(heading)}</h2>{legend(lang)}'
            f'<div class="charts">{"".join(charts)}</div></section>')


def _chart_table(series, unit: str, decimals: int, lang: str) -> str:
    """Every figure of the chart in a table, folded away under "Figures"."""
    words = language(lang)
    head = "".join(f'<th scope="col">{escape(words.text(k))}</th>'
                   for k in ("portal.column_period", "portal.legend_value", "portal.legend_previous"))
    rows = "".join(f'<tr><th scope="row">{escape(short_period(p.period, lang))}</th>'
                   f'<td>{escape(format_quantity(p.value, unit, lang, decimals))}</td>'
                   f'<td>{escape(format_quantity(p.previous, unit, lang, decimals))}</td></tr>'
                   for p in reversed(series.points))
    return (f'<details><summary>{escape(words.text("portal.figures"))}</summary>'
            f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{rows}</tbody></table></div></details>')


def _page(lang: str, heading: str, body: Markup, others: dict[str, str], above: str,
          title: str | None = None, script: str = "", heading_lang: str = "") -> str:
    words = language(lang)
    switch = "".join(f'<a href="{_href(href)}" lang="{escape(code)}" hreflang="{escape(code)}">'
                     f'{escape(language(code).name)}</a>' for code, href in others.items())
    switch = (f'<nav class="languages" aria-label="{escape(words.text("portal.languages"))}">'
              f'{switch}</nav>') if switch else ""
    code = f"<script>{script}</script>" if script else ""
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{escape(title or heading)}</title>\n<style>{_asset("portal.css")}</style>\n'
            f'</head>\n<body>\n<header>{switch}{above}'
            f'<h1{_lang(heading_lang or lang, lang)}>{escape(heading)}</h1></header>\n'
            f'<main>{body}</main>\n{code}\n</body>\n</html>\n')


def _lang(code: str, page_lang: str) -> Markup:
    """A ``lang`` attribute for text in ``code`` on a page in ``page_lang`` (none when the same)."""
    return Markup(f' lang="{escape(code)}"') if code and code != page_lang else Markup("")


def _href(path: str) -> Markup:
    """A relative URL for ``path``: each segment percent-encoded, then escaped for HTML."""
    return escape(quote(path, safe="/"))


@functools.cache
def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")
