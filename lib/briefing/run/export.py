"""Exporting an executed notebook to the formats officials read: a registry of exporters."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat

from briefing import __version__
from briefing.errors import ParamsError, shown
from briefing.paths import TEMPLATES_DIR, stylesheet
from briefing.run.layout import report_file_name


@dataclass(frozen=True)
class ExportJob:
    """One executed notebook to export into ``folder`` as ``<stem>.<lang>.<format>``."""

    notebook: nbformat.NotebookNode
    folder: Path
    stem: str
    lang: str
    title: str
    generated: str

    def path(self, extension: str) -> Path:
        return self.folder / report_file_name(self.stem, self.lang, extension)


#: Output formats: name -> function writing the file and returning its path. Order matters:
#: the PDF is printed from the HTML file written before it.
EXPORTERS: dict[str, Callable[[ExportJob], Path]] = {}


def exporter(name: str):
    """Register an export format."""
    def register(function):
        EXPORTERS[name] = function
        return function
    return register


def prepare_exporters(formats: tuple[str, ...]) -> None:
    """Load what the exporters need (templates, PDF fonts) ahead of time; safe in a thread."""
    if "html" in formats:
        html_exporter()
    if "pdf" in formats:
        _font_config()


def export_all(job: ExportJob, formats: tuple[str, ...]) -> list[Path]:
    """Write every format asked for, in registry order."""
    return [EXPORTERS[name](job) for name in EXPORTERS if name in formats]


@exporter("html")
def export_html(job: ExportJob) -> Path:
    """The briefing as one self-contained HTML file (no code, no prompts, images embedded)."""
    body, _ = html_exporter().from_notebook_node(job.notebook, resources={"briefing": {
        "lang": job.lang, "title": job.title, "css": stylesheet("report.css"),
        "version": __version__, "generated": job.generated,
    }})
    path = job.path("html")
    path.write_text(body, encoding="utf-8")
    return path


@lru_cache(maxsize=1)
def html_exporter():
    """One nbconvert exporter per process: loading its templates is the slow part.

    Headings get no "¶" anchor link: nbconvert adds one to every markdown
    heading, a stray mark on an official's page and in the PDF.
    """
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="briefing", exclude_anchor_links=True,
                        extra_template_basedirs=[str(TEMPLATES_DIR / "nbconvert")])


def generated_line(lang: str, when: dt.datetime | None = None) -> str:
    """The one line that differs between two runs on the same inputs: when it was made.

    ``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention)
    pins the time, making two runs' files byte-identical.
    """
    from briefing.render.formatting import format_date
    from briefing.render.languages import language

    when = when or generation_time()
    return language(lang).text("document.generated", date=format_date(when.date(), lang),
                               time=when.strftime("%H:%M"), version=__version__)


def generation_time() -> dt.datetime:
    """Now, or the time ``SOURCE_DATE_EPOCH`` names (local time)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now()
    expected = "expected whole seconds since 1970-01-01 (such as 1595548800), at most year 9999"
    if not re.fullmatch(r"[0-9]{1,12}", epoch):
        raise ParamsError(f"SOURCE_DATE_EPOCH {shown(epoch, 60)}: {expected}")
    try:
        return dt.datetime.fromtimestamp(int(epoch))
    except (OverflowError, OSError, ValueError):
        raise ParamsError(f"SOURCE_DATE_EPOCH {shown(epoch, 60)}: {expected}") from None


@exporter("pdf")
def export_pdf(job: ExportJob) -> Path:
    """The briefing on A4 paper, printed from its HTML with the print stylesheet (WeasyPrint)."""
    import weasyprint

    html_path = job.path("html")
    path = job.path("pdf")
    document = weasyprint.HTML(filename=str(html_path), base_url=str(job.folder))
    document.write_pdf(str(path), font_config=_font_config(), presentational_hints=True)
    return path


@lru_cache(maxsize=1)
def _font_config():
    """One font configuration per process, so fonts are looked up once."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()
