"""What moved since the last briefing: this period's metrics against the previous report's file."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from briefing.errors import BriefingError, PeriodError
from briefing.formatting import format_percent, format_period, format_signed_number
from briefing.languages import language
from briefing.metrics import STATUSES
from briefing.periods import parse_period

#: Movements named in a briefing, largest first.
SHOWN = 6


def previous_metrics_path(out, period, unit: str, lang: str) -> Path:
    """Where the previous period's ``metrics.<lang>.json`` of ``unit`` would be under ``out``."""
    previous = parse_period(period).previous()
    return Path(out) / previous.key / unit / f"metrics.{lang}.json"


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


def compare_with_last_briefing(metrics: pd.DataFrame, previous: dict) -> pd.DataFrame:
    """Each indicator's attainment and status now and in the previous report.

    Parameters
    ----------
    metrics
        This period's metrics of one unit (:func:`briefing.compute_metrics`).
    previous
        The previous report's ``metrics.<lang>.json`` content.

    Returns
    -------
    DataFrame
        ``indicator_id, previous_period, attainment_before, attainment_now,
        attainment_change`` (percentage points), ``status_before, status_now,
        status_changed``, sorted with status changes first, then by the size
        of the movement. Indicators without attainment in either report are left out.
    """
    before = pd.DataFrame(previous.get("indicators", []))
    if before.empty:
        return pd.DataFrame(columns=_COLUMNS)
    before = before[["indicator_id", "attainment_pct", "status"]].rename(
        columns={"attainment_pct": "attainment_before", "status": "status_before"})
    now = metrics[["indicator_id", "attainment_pct", "status"]].rename(
        columns={"attainment_pct": "attainment_now", "status": "status_now"})
    table = now.merge(before, on="indicator_id", how="inner")
    table = table.dropna(subset=["attainment_before", "attainment_now"], how="all")
    table["attainment_before"] = pd.to_numeric(table["attainment_before"], errors="coerce")
    table["attainment_change"] = table["attainment_now"] - table["attainment_before"]
    table["status_changed"] = (table["status_before"].fillna("") != table["status_now"].fillna(""))
    table["previous_period"] = previous.get("period")
    order = np.lexsort((-table["attainment_change"].abs().fillna(0).to_numpy(),
                        ~table["status_changed"].to_numpy()))
    return table.iloc[order][_COLUMNS].reset_index(drop=True)


_COLUMNS = ["indicator_id", "previous_period", "attainment_before", "attainment_now",
            "attainment_change", "status_before", "status_now", "status_changed"]


def describe_changes(changes: pd.DataFrame, names: dict, lang: str) -> list[str]:
    """Sentences on the largest movements, for the briefing's section."""
    words = language(lang)
    lines = []
    for _, row in changes.head(SHOWN).iterrows():
        if pd.isna(row["attainment_change"]):
            continue
        way = "down" if row["attainment_change"] < 0 else "up"
        text = words.text(f"changes.attainment.{way}", name=names[row["indicator_id"]],
                          before=format_percent(row["attainment_before"], lang),
                          now=format_percent(row["attainment_now"], lang),
                          delta=format_signed_number(row["attainment_change"], lang, 1))
        if row["status_changed"] and row["status_before"] and row["status_now"]:
            text += words.text("changes.status",
                               before=words.text(f"status.{row['status_before']}"),
                               now=words.text(f"status.{row['status_now']}"))
        lines.append(text + ".")
    return lines


def changes_heading(previous_period, lang: str) -> str:
    """The section title, naming the previous report's period."""
    return language(lang).text("section.changes", period=format_period(previous_period, lang))
