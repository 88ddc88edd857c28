"""The previous report's ``metrics.<lang>.json``, read with every check before a report quotes it."""

from __future__ import annotations

import json
import math
from pathlib import Path

from briefing.errors import BriefingError, PeriodError
from briefing.inputs.contract import STATUSES
from briefing.periods import parse_period


class PreviousMetricsError(BriefingError):
    """The previous report's metrics file exists but cannot be used for a comparison.

    ``file`` names it as the report does (``<period>/<unit>/metrics.<lang>.json``,
    the folder under ``--out``); ``reason`` says what is wrong with it.
    """

    def __init__(self, path, reason: str):
        self.file = "/".join(Path(path).parts[-3:])
        self.reason = reason
        super().__init__(f"previous report {self.file}: {reason}")


def load_previous_metrics(path) -> dict | None:
    """The previous report's metrics document, or None when there is none.

    Raises
    ------
    PreviousMetricsError
        When the file cannot be read or is not a metrics document: not JSON, not an
        object, a missing or malformed period, indicators without an id, attainment
        or status, an attainment that is not a number, an unknown status.
    """
    if not path or not Path(path).is_file():
        return None
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:
        raise PreviousMetricsError(path, f"not readable as JSON ({type(error).__name__})") from None
    problem = _metrics_document_problem(document)
    if problem:
        raise PreviousMetricsError(path, problem)
    return document


def _metrics_document_problem(document) -> str | None:
    """What makes ``document`` unusable as a previous report, or None."""
    if not isinstance(document, dict):
        return f"expected a JSON object, found a {type(document).__name__}"
    if "period" not in document:
        return "no period"
    written = document["period"]
    try:
        found = parse_period(written) if isinstance(written, str) else None
    except PeriodError:
        found = None
    if found is None:
        return f"period {_short(written)} is not a period"
    indicators = document.get("indicators")
    if not isinstance(indicators, list):
        return "no list of indicators"
    seen = set()
    for number, item in enumerate(indicators, 1):
        problem = _indicator_problem(item, seen)
        if problem:
            return f"indicator {number}: {problem}"
    return None


def _indicator_problem(item, seen: set) -> str | None:
    if not isinstance(item, dict):
        return "not an object"
    missing = [key for key in ("indicator_id", "attainment_pct", "status") if key not in item]
    if missing:
        return f"no {', '.join(missing)}"
    if not isinstance(item["indicator_id"], str) or item["indicator_id"] in seen:
        return f"indicator_id {_short(item['indicator_id'])} is not a new id"
    seen.add(item["indicator_id"])
    attainment = item["attainment_pct"]
    if attainment is not None and (isinstance(attainment, bool)
                                   or not isinstance(attainment, (int, float))
                                   or not math.isfinite(attainment)):
        return f"attainment_pct {_short(attainment)} is not a number"
    if item["status"] is not None and item["status"] not in STATUSES:
        return f"status {_short(item['status'])} is not one of {', '.join(STATUSES)}"
    return None


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
