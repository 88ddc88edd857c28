"""Where the toolkit's own files are: notebooks, templates, stylesheets. The one place for paths."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "render" / "templates"
#: The project checkout, when the package is installed from one (``pip install -e .``).
PROJECT_DIR = PACKAGE_DIR.parent.parent
#: The bundled sample data set (in a checkout of the project).
SAMPLE_DATA = PROJECT_DIR / "data" / "sample"


def notebooks_dir() -> Path:
    """The folder of report notebooks: ``$BRIEFING_NOTEBOOKS`` or the project's ``notebooks/``."""
    configured = os.environ.get("BRIEFING_NOTEBOOKS")
    return Path(configured) if configured else PROJECT_DIR / "notebooks"


def stylesheet(name: str) -> str:
    """The text of one of the package's stylesheets (``screen.css``, ``print.css``)."""
    return (TEMPLATES_DIR / "css" / name).read_text(encoding="utf-8")
