"""What every report shares: data, period, unit, language, and the document's fixed parts."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from briefing.render import document
from briefing.inputs.dataset import CheckedData, read_dataset
from briefing.render.formatting import roman_numeral
from briefing.render.languages import language
from briefing.render.document import DocumentInfo
from briefing.periods import Period, parse_period
from briefing.render.tables import inputs_table


class HtmlBlock(str):
    """HTML that Jupyter shows rendered and the export copies verbatim."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"<HtmlBlock: {len(self):,} characters of HTML>"


def resolve_report_args(data, period, unit, lang, cutoff, document_info) -> tuple:
    """Load the data if needed and check the unit and language, for any report's constructor."""
    dataset = data if isinstance(data, CheckedData) else read_dataset(data)
    unit = unit or dataset.tree.roots[0]
    dataset.require_unit(unit)
    language(lang)
    return dataset, parse_period(period), unit, lang, cutoff, document_info or DocumentInfo()


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
