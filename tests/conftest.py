"""Shared test helpers: small inline data sets written to temporary folders."""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
ARTIFACTS = ROOT / "tests" / "artifacts"

#: A minimal catalogue: one indicator of each kind, a `down` flow and a component.
INDICATORS = """\
indicator_id,sector,name_vi,name_en,unit_vi,unit_en,kind,direction,decimals,part_of
trained,jobs,Đào tạo nghề,Vocational training,người,people,flow,up,0,
trained.short,jobs,Đào tạo ngắn hạn,Short courses,người,people,flow,up,0,trained
members,insurance,Người tham gia BHXH,Insured people,người,people,stock,up,0,
poverty,social,Tỷ lệ hộ nghèo,Poverty rate,%,%,rate,down,2,
accidents,safety,Tai nạn lao động,Accidents,vụ,accidents,flow,down,0,
"""

#: A province P with districts D1, D2, and a commune C1 under D1.
ORG_UNITS = """\
org_unit,name_vi,name_en,parent
P,Tỉnh P,Province P,
D1,Huyện 1,District 1,P
D2,Huyện 2,District 2,P
C1,Xã 1,Commune 1,D1
"""


def write_tables(folder: Path, **tables: str) -> Path:
    """Write each keyword as ``<name>.csv`` (dedented text) into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def values_csv(rows: list[tuple]) -> str:
    """``values.csv`` text from ``(indicator_id, org_unit, period, value)`` tuples."""
    lines = ["indicator_id,org_unit,period,value"]
    lines += [",".join(str(field) for field in row) for row in rows]
    return "\n".join(lines) + "\n"


def months_rows(indicator: str, unit: str, year: int, values, first: int = 1) -> list[tuple]:
    """``values.csv`` rows for consecutive months of ``year`` from month ``first``."""
    return [(indicator, unit, f"{year}-{first + i:02d}", v) for i, v in enumerate(values)]


def dossiers_csv(rows: list[tuple]) -> str:
    """``dossiers.csv`` text from ``(dossier_id, org_unit, procedure, received_on, due_on,
    resolved_on)`` tuples of text."""
    header = "dossier_id,org_unit,procedure,received_on,due_on,resolved_on\n"
    return header + "".join(",".join(row) + "\n" for row in rows)


def targets_csv(rows: list[tuple]) -> str:
    """``targets.csv`` text from ``(indicator_id, org_unit, year, target)`` tuples."""
    lines = ["indicator_id,org_unit,year,target"]
    lines += [",".join(str(field) for field in row) for row in rows]
    return "\n".join(lines) + "\n"


@pytest.fixture
def make_dataset(tmp_path):
    """Build and load a small data set: ``make_dataset(values=[...], targets=[...])``."""
    import briefing

    def build(values=(), targets=None, indicators=INDICATORS, org_units=ORG_UNITS, **extra):
        tables = {"indicators": indicators, "values": values_csv(list(values))}
        if org_units is not None:
            tables["org_units"] = org_units
        if targets is not None:
            tables["targets"] = targets_csv(list(targets))
        tables.update(extra)
        return briefing.load_dataset(write_tables(tmp_path / "data", **tables))

    return build


def to_windows_1258(text: str) -> bytes:
    """Encode Vietnamese text the way Windows-1258 does: tone marks as combining characters."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """A folder for files a person may want to look at after the tests (screenshots, pages)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


CHROMIUM = "/usr/bin/chromium"
#: Requests Chromium makes for itself at start-up, whatever the page (time, sign-in, updates).
CHROMIUM_SERVICE_URLS = ("http://clients2.google.com/time/", "https://accounts.google.com/ListAccounts",
                         "https://update.googleapis.com/service/update2/",
                         "http://update.googleapis.com/service/update2/")


def open_in_chromium(page: Path, screenshot: Path, width: int = 1280, height: int = 2400):
    """Load ``page`` in headless Chromium, write a screenshot, return (console, requests).

    ``console`` holds every console message the page printed; ``requests``
    every network URL it asked for (anything but file: and data:).
    """
    import re
    import shutil
    import subprocess
    import tempfile

    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed; `make system` installs it (Debian package chromium)")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        result = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", "--hide-scrollbars",
             "--enable-logging=stderr", "--v=1", f"--window-size={width},{height}",
             f"--screenshot={screenshot}", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    requests = [m.group(1) for m in re.finditer(r"NotifyBeforeURLRequest: (\S+)", result.stderr)
                if not m.group(1).startswith(("file:", "data:") + CHROMIUM_SERVICE_URLS)]
    assert screenshot.exists(), result.stderr[-2000:]
    return console, requests


def run_briefing(*args, cwd=None, env: dict | None = None):
    """Run the ``briefing`` command in a fresh interpreter, as a user or scheduler would.

    ``env`` adds variables to this process's environment.
    """
    import os
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "briefing", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd or ROOT, timeout=600,
                          env=os.environ | (env or {}))


def render_sample(out: Path, notebook: str, period: str = "2020S1") -> Path:
    """Render ``notebook`` on the sample data in both languages; return the province's folder."""
    for lang in ("vi", "en"):
        result = run_briefing("run", "--data", SAMPLE, "--period", period, "--lang", lang,
                              "--notebook", notebook, "--out", out)
        assert result.returncode == 0, result.stderr
    return out / period / "baclieu"


@pytest.fixture(scope="session")
def sample_reports(tmp_path_factory):
    """The example params files rendered once (HTML), shared by every test module."""
    out = tmp_path_factory.mktemp("sample-reports")
    for params in ("2020S1-baclieu.yaml", "2020S1-baclieu-en.yaml", "2020Q2-hongdan.yaml"):
        result = run_briefing("run", ROOT / "params" / params, "--to", "html", "--out", out)
        assert result.returncode == 0, result.stderr
    return out


def visible_text(html) -> str:
    """The text a reader sees in an HTML page (or file): tags removed, entities decoded,
    whitespace collapsed."""
    import re
    from html import unescape

    if isinstance(html, Path):
        html = html.read_text(encoding="utf-8")
    text = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", unescape(text))


def pdf_text(pdf, first=None, last=None, layout=False) -> str:
    """The text of a PDF (or of pages ``first`` to ``last``) as ``pdftotext`` extracts it."""
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is missing; `make system` installs poppler-utils")
    pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    args = ["pdftotext", *pages, *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


#: Metrics files of earlier periods added beside the sample reports for the portal's charts:
#: the library's own figures, written as a report writes them, without the report files.
EARLIER_METRICS = [("2019Q2", "hongdan", "vi"), ("2019Q3", "hongdan", "vi"),
                   ("2019Q4", "hongdan", "vi"), ("2020Q1", "hongdan", "vi"),
                   ("2019S1", "baclieu", "vi"), ("2019S1", "baclieu", "en"),
                   ("2019S2", "baclieu", "vi"), ("2019S2", "baclieu", "en")]


@pytest.fixture(scope="session")
def sample_portal(sample_reports, tmp_path_factory):
    """A copy of the sample reports with earlier periods' metrics files, and its portal built."""
    import shutil

    import briefing
    from briefing.run.metrics_file import build_metrics_document, write_metrics_file
    from briefing.run.site import build_site

    out = tmp_path_factory.mktemp("portal") / "out"
    shutil.copytree(sample_reports, out)
    dataset = briefing.load_dataset(SAMPLE)
    for period, unit, lang in EARLIER_METRICS:
        folder = out / period / unit
        folder.mkdir(parents=True, exist_ok=True)
        write_metrics_file(build_metrics_document(dataset, period, unit, lang),
                           folder / f"metrics.{lang}.json")
    build_site(out)
    return out
