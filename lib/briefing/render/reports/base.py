"""What every report shares: data, period, unit, language, and the document's fixed parts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from markupsafe import Markup, escape

from briefing.errors import ParamsError, shown
from briefing.inputs.dataset import CheckedData, read_dataset
from briefing.periods import Period, parse_period
from briefing.render import document
from briefing.render.document import DocumentInfo
from briefing.render.formatting import roman_numeral
from briefing.render.languages import language
from briefing.render.reports.styles import notebook_html
from briefing.render.tables import inputs_table


class HtmlBlock(str):
    """HTML that Jupyter shows rendered, with the report's style, and the export copies verbatim.

    The rich output carries the report's stylesheet scoped to the section
    (:func:`briefing.render.reports.styles.notebook_html`); the export template
    keeps the section alone, under the page's one stylesheet.
    """

    def _repr_html_(self) -> str:
        return notebook_html(str(self))

    def __repr__(self) -> str:
        return f"<HtmlBlock: {len(self):,} characters of HTML>"


#: The header fields a ``document`` mapping may set, as :class:`DocumentInfo` names them.
DOCUMENT_FIELDS = tuple(f.name for f in fields(DocumentInfo))


def as_document_info(document=None, document_info=None) -> DocumentInfo:
    """The header fields given as ``document`` (a mapping or a :class:`DocumentInfo`).

    ``document_info`` is the older name of the same argument, kept for
    existing callers; give one or the other.

    Raises
    ------
    ParamsError
        When both are given, when a key is not a header field (naming it and
        the known ones), or when a value is not text (``recipients``: lines).
    """
    if document is not None and document_info is not None:
        raise ParamsError("document and document_info both given; give the header fields once, "
                          "as document")
    given = document if document is not None else document_info
    if given is None:
        return DocumentInfo()
    if isinstance(given, DocumentInfo):
        return given
    if not isinstance(given, Mapping):
        raise ParamsError(f"document {shown(given, 60)}: expected a mapping of header fields "
                          f"such as {{'issuer': ..., 'place': ...}}")
    return DocumentInfo(**{key: _document_value(key, value) for key, value in given.items()})


def _document_value(key, value):
    if key not in DOCUMENT_FIELDS:
        raise ParamsError(f"document: unknown key {shown(key, 60)}; the header fields are "
                          f"{', '.join(DOCUMENT_FIELDS)}")
    if value is None:
        return () if key == "recipients" else ""
    if key == "recipients":
        lines = value.splitlines() if isinstance(value, str) else value
        if isinstance(lines, (list, tuple)) and all(isinstance(line, str) for line in lines):
            return tuple(line.strip() for line in lines if line.strip())
        raise ParamsError(f"document: recipients {shown(value, 60)}: expected a list of text lines")
    if key == "report_date" and isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise ParamsError(f"document: {key} {shown(value, 60)}: expected text")


def resolve_report_args(data, period, unit, lang, cutoff, document=None,
                        document_info=None) -> tuple:
    """Load the data if needed and check the unit, language and header fields.

    Shared by every report's ``prepare_*`` function; ``document`` and
    ``document_info`` are read by :func:`as_document_info`.
    """
    header = as_document_info(document, document_info)   # before the data: it costs nothing
    dataset = data if isinstance(data, CheckedData) else read_dataset(data)
    unit = unit or dataset.tree.roots[0]
    dataset.require_unit(unit)
    language(lang)
    return dataset, parse_period(period), unit, lang, cutoff, header


@dataclass
class ReportBase:
    """What every report shares: the data, the period and unit, the document's fixed parts.

    Subclasses list their numbered sections in :meth:`_plan_sections`.
    """

    dataset: CheckedData
    period: Period
    unit: str
    lang: str
    cutoff: str
    document: DocumentInfo
    sections: dict = field(init=False)

    def __post_init__(self):
        self.sections = {name: roman_numeral(i) for i, name in enumerate(self._plan_sections(), 1)}

    def _plan_sections(self) -> list[str]:
        return []

    @property
    def unit_name(self) -> str:
        return self.dataset.tree.name(self.unit, self.lang)

    def words(self, key: str, **values) -> str:
        return language(self.lang).text(key, **values)

    def _document_head(self, introduction: str) -> HtmlBlock:
        return HtmlBlock(document.header_block(self.document, self.unit_name, self.lang)
                         + document.title_block(self.document, self.period, self.unit_name,
                                                self.lang, self._subject_key)
                         + Markup(f'<p class="intro">{escape(introduction)}</p>'))

    _subject_key = "document.subject"

    def _heading(self, section: str, title: str | None = None) -> Markup:
        title = title or self.words(f"section.{section}")
        return Markup(f"<h2>{self.sections[section]}. {escape(title)}</h2>")

    def closing(self) -> HtmlBlock:
        """Recipients and signature."""
        return HtmlBlock(document.closing_block(self.document, self.lang))

    def annex(self) -> HtmlBlock:
        """The input files, their rows and checksums."""
        return HtmlBlock(Markup('<section class="annex">')
                         + Markup(f'<h2>{escape(self.words("annex.title"))}</h2>')
                         + Markup(f'<p class="note">{escape(self.words("annex.intro"))}</p>')
                         + inputs_table(self.dataset.inputs, self.lang)
                         + Markup("</section>"))
