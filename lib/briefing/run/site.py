"""``briefing site``: the portal of an output folder, made from the reports it holds.

It reads every ``OUT/<period>/<unit>/metrics.<lang>.json`` and the report files beside
them, and writes ``OUT/index.html`` (``index.<lang>.html`` in the other languages) and
``OUT/units/<lang>/<unit>.html``. Each page is written to a temporary file and renamed
into place, and only when its bytes change; pages of an earlier portal that the reports no
longer call for are removed (``OUT/.portal-files.json`` lists what the portal wrote, so
nothing else is ever touched). Every batch refreshes the portal of its output folder.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import OutputError, PeriodError
from briefing.inputs.previous import PreviousMetricsError, load_previous_metrics
from briefing.periods import parse_period
from briefing.render.languages import REFERENCE_CODE, language_codes
from briefing.render.portal import render_portal
from briefing.render.portal_model import ReportFile, UnitReport

#: What the portal wrote last time, relative to OUT: the only files it may remove.
MANIFEST = ".portal-files.json"
#: Files beside the metrics that are not for readers (the executed notebook).
NOT_FOR_READERS = frozenset({"ipynb"})


@dataclass(frozen=True)
class SiteResult:
    """What one build of the portal did."""

    out: Path
    pages: tuple[str, ...]
    changed: int
    reports: int
    periods: int
    units: int
    langs: tuple[str, ...]
    unreadable: tuple[str, ...]
    seconds: float

    @property
    def index(self) -> Path:
        return self.out / "index.html"


def build_site(out) -> SiteResult:
    """Write the portal of ``out``; return what was written.

    Raises
    ------
    OutputError
        When ``out`` is not a folder, or holds no report (exit 2).
    """
    started = time.perf_counter()
    out = Path(out)
    if not out.is_dir():
        raise OutputError(f"output folder {out} does not exist: render reports into it first "
                          f"(briefing run or briefing batch --out {out})")
    reports, unreadable = scan_reports(out)
    if not reports:
        raise OutputError(f"no reports in {out}: the portal lists OUT/<period>/<unit>/"
                          f"metrics.<lang>.json files; render some first (briefing batch --out {out})")
    langs = portal_languages(reports)
    pages = render_portal(reports, langs)
    changed = sum(write_if_changed(out / name, text) for name, text in pages.items())
    remove_stale_pages(out, set(pages))
    return SiteResult(out, tuple(pages), changed, len(reports), len({r.period for r in reports}),
                      len({r.unit for r in reports}), tuple(langs), tuple(unreadable),
                      time.perf_counter() - started)


def describe_site(result: SiteResult) -> str:
    """One line (more with unreadable metrics files) saying what the portal holds."""
    counts = ", ".join(_count(n, what) for n, what in (
        (result.reports, "report folder"), (result.periods, "period"), (result.units, "unit")))
    lines = [f"portal: {result.index} ({counts}, {', '.join(result.langs)}; {result.changed} of "
             f"{len(result.pages)} pages changed, {result.seconds:.2f} s)"]
    lines += [f"  not listed: {why}" for why in result.unreadable]
    return "\n".join(lines)


def _count(number: int, what: str) -> str:
    return f"{number} {what}{'' if number == 1 else 's'}"


def scan_reports(out: Path) -> tuple[list[UnitReport], list[str]]:
    """Every unit folder of every period folder with a readable metrics file.

    Folders that are not canonical period keys, hidden folders (staging) and files that
    are not metrics documents are passed over; the last are named in the second list.
    """
    reports, unreadable = [], []
    for period_dir in sorted(p for p in out.iterdir() if p.is_dir()):
        if not _is_period(period_dir.name):
            continue
        for unit_dir in sorted(p for p in period_dir.iterdir() if p.is_dir()):
            if unit_dir.name.startswith("."):
                continue
            names = sorted(path.name for path in unit_dir.iterdir())
            documents = {}
            for name in names:
                if name.startswith("metrics.") and name.endswith(".json"):
                    try:
                        documents[name[len("metrics."):-len(".json")]] = \
                            load_previous_metrics(unit_dir / name)
                    except PreviousMetricsError as error:
                        unreadable.append(f"{error.file}: {error.reason}")
            if documents:
                files = report_files(unit_dir, names, out, set(documents))
                reports.append(UnitReport(period_dir.name, unit_dir.name, documents, files))
    return reports, unreadable


def _is_period(name: str) -> bool:
    try:
        return parse_period(name).key == name
    except PeriodError:
        return False


def report_files(folder: Path, names: list[str], out: Path, langs: set[str]) -> tuple[ReportFile, ...]:
    """Of the file ``names`` in ``folder``, those named ``<notebook>.<lang>.<ext>`` for a language
    it has metrics in."""
    found = []
    base = folder.relative_to(out).as_posix()
    for name in names:
        parts = name.rsplit(".", 2)
        if name.startswith(".") or len(parts) != 3:
            continue
        stem, lang, extension = parts
        if lang in langs and stem != "metrics" and extension.lower() not in NOT_FOR_READERS \
                and (folder / name).is_file():
            found.append(ReportFile(stem, lang, extension.lower(), f"{base}/{name}"))
    return tuple(found)


def portal_languages(reports: list[UnitReport]) -> list[str]:
    """Languages with reports that the toolkit can write pages in; Vietnamese first."""
    present = {lang for report in reports for lang in report.documents}
    return [code for code in language_codes() if code in present] or [REFERENCE_CODE]


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` through a temporary file and a rename, unless it is there."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp",
                                         delete=False)
    try:
        with handle:
            handle.write(data)
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return True


def remove_stale_pages(out: Path, pages: set[str]) -> None:
    """Remove pages the last portal wrote that this one did not; record this one's pages."""
    manifest = out / MANIFEST
    try:
        before = set(json.loads(manifest.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        before = set()
    for name in sorted(before - pages):
        path = out / name
        if isinstance(name, str) and _is_portal_page(name) and path.is_file():
            path.unlink()
            if path.parent != out and not any(path.parent.iterdir()):
                path.parent.rmdir()
    write_if_changed(manifest, json.dumps(sorted(pages), indent=0) + "\n")


def _is_portal_page(name: str) -> bool:
    """Whether ``name`` has the shape of a portal page (a manifest edited by hand stays harmless)."""
    parts = name.split("/")
    if ".." in parts or not name.endswith(".html"):
        return False
    return (len(parts) == 1 and parts[0].startswith("index.")) or \
        (len(parts) == 3 and parts[0] == "units")
