"""What makes a report "unchanged": a fingerprint of everything it is made from.

A report's fingerprint holds the SHA-256 of each input file (the same the metrics file
records), the parameters that shape it, the notebook's bytes, the library (its version, a
digest of the package's files: code, templates, stylesheets, catalogues; and the versions of
the libraries that draw and export it), the previous period's metrics file the briefing
quotes, and ``SOURCE_DATE_EPOCH`` when it is set. Every run writes it beside the report,
last, and it is published with the report's files in one swap
(:mod:`briefing.run.publishing`): a fingerprint never describes files of another run.
A batch renders a report again only when the fingerprint it would write differs from
the one there, or a file of the report is missing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
from importlib import metadata
from pathlib import Path

from briefing import __version__
from briefing.paths import PACKAGE_DIR
from briefing.run.layout import fingerprint_file_name, metrics_file_name, previous_metrics_path, report_file_names
from briefing.run.preflight import PreparedRun, run_label

#: Libraries whose version changes what a report looks like.
RENDERING_LIBRARIES = ("pandas", "numpy", "matplotlib", "papermill", "nbclient", "nbconvert",
                       "jinja2", "weasyprint")
#: The parts of a fingerprint, in the order a change is told ("why it is rendered again").
PARTS = ("inputs", "params", "notebook", "library", "previous_report", "environment")


def report_fingerprint(run: PreparedRun) -> dict:
    """The fingerprint of the report ``run`` would make now (plain JSON values)."""
    params = run.params
    shaping = {k: v for k, v in params.notebook_parameters().items() if k != "previous_metrics"}
    previous = previous_metrics_path(params.out, params.period, params.unit, params.lang)
    return {
        "report": run_label(params),
        "inputs": {f.name: f.sha256 for f in run.dataset.inputs},
        "params": {**shaping, "notebook": run.notebook.stem, "to": list(params.to)},
        "notebook": {"name": run.notebook.name, "sha256": file_sha256(run.notebook)},
        "library": library_fingerprint(),
        "previous_report": ({"period": previous.parent.parent.name, "sha256": file_sha256(previous)}
                            if previous.is_file() else None),
        "environment": {key: os.environ[key] for key in ("SOURCE_DATE_EPOCH",) if key in os.environ},
    }


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@functools.cache
def library_fingerprint() -> dict:
    """The library as it is on disk: version, a digest of its files, the rendering libraries.

    Computed once per process: a batch worker computes it before its kernel imports the
    library, so a change made while it runs makes the next batch render again.
    """
    return {"version": __version__, "sha256": folder_digest(PACKAGE_DIR),
            "python": platform.python_version(),
            "dependencies": {name: _version(name) for name in RENDERING_LIBRARIES}}


def folder_digest(folder: Path) -> str:
    """SHA-256 over the names and bytes of every file under ``folder``, bytecode left out."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(file_sha256(path).encode())
    return digest.hexdigest()


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def fingerprint_path(run: PreparedRun) -> Path:
    """Where the fingerprint of ``run``'s report is kept, in the report's folder."""
    return run.target / fingerprint_file_name(run.notebook.stem, run.params.lang)


def write_fingerprint(document: dict, path: Path) -> Path:
    """Write a fingerprint as sorted, indented JSON."""
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                    encoding="utf-8")
    return path


def read_fingerprint(path: Path) -> dict | None:
    """The fingerprint at ``path``, or None when there is none or it cannot be read."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def why_render(run: PreparedRun, current: dict | None = None) -> str | None:
    """Why the report of ``run`` must be rendered, or None when it is unchanged.

    ``current`` is its fingerprint now (computed when not given).
    """
    stem, lang = run.notebook.stem, run.params.lang
    expected = report_file_names(stem, lang, ("ipynb", *run.params.to))
    missing = sorted(name for name in expected if not (run.target / name).is_file())
    if set(missing) >= expected - {metrics_file_name(lang)}:   # the metrics file is shared
        return "new"
    stored = read_fingerprint(fingerprint_path(run))
    if stored is None:
        return "no fingerprint"
    if missing:
        return f"{missing[0]} is missing"
    return what_changed(stored, current if current is not None else report_fingerprint(run))


def what_changed(stored: dict, current: dict) -> str | None:
    """The first part of ``current`` that differs from ``stored``, in words; None when none."""
    for part in PARTS:
        before, now = stored.get(part), current.get(part)
        if _plain(before) == _plain(now):
            continue
        if part == "inputs" and isinstance(before, dict):
            changed = sorted(n for n in set(before) | set(now) if before.get(n) != now.get(n))
            return f"{', '.join(changed)} changed"
        if part == "params" and isinstance(before, dict):
            changed = sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k))
            return f"parameters changed: {', '.join(changed)}"
        if part == "notebook":
            return f"notebook {now['name']} changed"
        if part == "previous_report":
            return "the previous period's report changed"
        return f"{part} changed"
    return None


def _plain(value):
    """``value`` as JSON would give it back (tuples as lists)."""
    return json.loads(json.dumps(value))
