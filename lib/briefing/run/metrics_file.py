"""``metrics.<lang>.json``: every figure of a report, unrounded, with the inputs it came from."""

from __future__ import annotations

import json
import math
from pathlib import Path

from briefing.compute.admin import COUNT_KEYS, SHARE_KEYS, compute_admin_procedures
from briefing.compute.metrics import METRIC_COLUMNS, compute_metrics
from briefing.inputs.dataset import CheckedData


def build_metrics_document(dataset: CheckedData, period: str, unit: str, lang: str,
                           cutoff: str = "calendar") -> dict:
    """The content of ``metrics.<lang>.json`` per SPEC; ``None`` where a figure does not exist."""
    metrics = compute_metrics(dataset, period, unit)
    admin = compute_admin_procedures(dataset, period, unit, cutoff)
    return {
        "period": period,
        "org_unit": unit,
        "lang": lang,
        "inputs": {f.name: f.sha256 for f in dataset.inputs},
        "indicators": [
            {column: _plain(row[column]) for column in METRIC_COLUMNS}
            for row in metrics[METRIC_COLUMNS].to_dict("records")
        ],
        "admin_procedures": None if admin is None else {
            key: _plain(admin[key]) for key in COUNT_KEYS + SHARE_KEYS
        },
    }


def write_metrics_file(document: dict, path: Path) -> Path:
    """Write ``document`` as stable, readable JSON (same input, same bytes)."""
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _plain(value):
    """JSON-ready: NaN and None become null, numpy numbers plain Python, lists kept."""
    if value is None:
        return None
    if isinstance(value, list):
        return list(value)
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
