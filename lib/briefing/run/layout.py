"""Where reports go under ``--out``: the one place that spells the output layout.

::

    OUT/<period>/batch-summary.json                  (the latest batch's summary)
    OUT/<period>/batches/<YYYYmmdd-HHMMSS>.json      (each batch's summary)
    OUT/<period>/<unit>/<notebook>.<lang>.<ext>      (ipynb, html, pdf)
    OUT/<period>/<unit>/metrics.<lang>.json
    OUT/<period>/<unit>/.<notebook>.<lang>.fingerprint.json
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from briefing.periods import parse_period

BATCH_SUMMARY = "batch-summary.json"
BATCHES = "batches"


def period_folder(out, period) -> Path:
    """``OUT/<period>``: the reports of one period, and its batch summary."""
    return Path(out) / str(period)


def report_folder(out, period, unit: str) -> Path:
    """``OUT/<period>/<unit>``: every file of the reports of one unit for one period."""
    return period_folder(out, period) / unit


def report_file_name(stem: str, lang: str, extension: str) -> str:
    """``<notebook>.<lang>.<ext>``, e.g. ``briefing.vi.pdf``."""
    return f"{stem}.{lang}.{extension}"


def metrics_file_name(lang: str) -> str:
    """``metrics.<lang>.json``: every figure of the unit's reports in ``lang``."""
    return f"metrics.{lang}.json"


def metrics_file_lang(name: str) -> str | None:
    """The language of a file named as :func:`metrics_file_name` names it, else None.

    Examples
    --------
    >>> metrics_file_lang("metrics.vi.json"), metrics_file_lang("briefing.vi.html")
    ('vi', None)
    """
    prefix, _, suffix = metrics_file_name("\0").partition("\0")
    if name.startswith(prefix) and name.endswith(suffix) and len(name) > len(prefix + suffix):
        return name[len(prefix):-len(suffix)]
    return None


def fingerprint_file_name(stem: str, lang: str) -> str:
    """``.<notebook>.<lang>.fingerprint.json``: what the report was made from (hidden: it is
    for the next batch, not for readers)."""
    return f".{stem}.{lang}.fingerprint.json"


def report_file_names(stem: str, lang: str, extensions: Iterable[str]) -> frozenset[str]:
    """Every file one report (notebook ``stem`` in ``lang``) may have in its folder."""
    return frozenset({report_file_name(stem, lang, ext) for ext in extensions}
                     | {metrics_file_name(lang), fingerprint_file_name(stem, lang)})


def previous_metrics_path(out, period, unit: str, lang: str) -> Path:
    """Where the previous period's ``metrics.<lang>.json`` of ``unit`` would be under ``out``.

    Examples
    --------
    >>> previous_metrics_path("out", "2020Q2", "P", "vi").as_posix()
    'out/2020Q1/P/metrics.vi.json'
    """
    previous = parse_period(period).previous()
    return report_folder(out, previous.key, unit) / metrics_file_name(lang)


def batch_summary_path(out, period) -> Path:
    """``OUT/<period>/batch-summary.json``: the summary of the latest batch."""
    return period_folder(out, period) / BATCH_SUMMARY


def batch_record_path(out, period, started: dt.datetime, attempt: int = 1) -> Path:
    """``OUT/<period>/batches/<YYYYmmdd-HHMMSS>.json``, the summary of the batch started then.

    A second batch started in the same second is ``attempt`` 2 (``…-HHMMSS_2.json``); the
    names sort in the order the batches started.

    Examples
    --------
    >>> batch_record_path("o", "2020S1", dt.datetime(2020, 7, 1, 2, 0, 5), 2).as_posix()
    'o/2020S1/batches/20200701-020005_2.json'
    """
    stamp = started.strftime("%Y%m%d-%H%M%S") + (f"_{attempt}" if attempt > 1 else "")
    return period_folder(out, period) / BATCHES / f"{stamp}.json"
