"""``metrics.<lang>.json``: every figure of a report, unrounded, with the inputs it came from.

Beside the figures, ``labels`` carries the names a reader of the outputs needs (the unit, its
place in the tree, the period, each indicator) in the report's language, so that the portal
(:mod:`briefing.run.site`) is made from the output folder alone, without the data.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from briefing.compute.admin import COUNT_KEYS, SHARE_KEYS, compute_admin_procedures
from briefing.compute.metrics import METRIC_COLUMNS, compute_metrics
from briefing.inputs.dataset import CheckedData
from briefing.render.formatting import format_period


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
        "labels": build_labels(dataset, period, unit, lang),
    }


def build_labels(dataset: CheckedData, period: str, unit: str, lang: str) -> dict:
    """Names in ``lang`` for the metrics file's ``labels``: unit, tree, period, indicators."""
    tree = dataset.tree
    ancestors = list(reversed(tree.ancestors(unit)))
    labels = dataset.indicators[["indicator_id", "sector", "kind", "direction", "decimals",
                                 "part_of"]].merge(dataset.indicator_labels(lang), on="indicator_id")
    return {
        "org_unit_name": tree.name(unit, lang),
        "period_name": format_period(period, lang),
        "parent": ancestors[-1] if ancestors else None,
        "ancestors": [{"org_unit": a, "name": tree.name(a, lang)} for a in ancestors],
        "tree_order": tree.all_in_order().index(unit),
        "sectors": {s: dataset.sector_name(s, lang) for s in dataset.sector_order},
        "indicators": {
            row["indicator_id"]: {"name": row["name"], "unit": row["unit"], "sector": row["sector"],
                                  "kind": row["kind"], "direction": row["direction"],
                                  "decimals": int(row["decimals"]), "part_of": row["part_of"] or None}
            for row in labels.to_dict("records")
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
