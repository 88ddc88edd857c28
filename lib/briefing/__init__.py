"""briefing: indicator briefings for public bodies from parameterized notebooks.

Analysts start with :func:`load_dataset`; every figure of a briefing comes
from the functions named here. They are imported on first use, so that the
command line does not pay for matplotlib when it only checks data.
"""

from importlib import import_module

#: Public name -> module that defines it.
_EXPORTS = {
    "AdminReport": "admin_report", "prepare_admin_report": "admin_report",
    "ComparisonReport": "comparison", "prepare_comparison": "comparison",
    "Dataset": "dataset", "load_dataset": "dataset",
    "BriefingError": "errors", "InputError": "errors", "NotebookError": "errors",
    "ParamsError": "errors", "PeriodError": "errors",
    "format_date": "formatting", "format_number": "formatting", "format_percent": "formatting",
    "format_period": "formatting", "format_place_date": "formatting",
    "format_quantity": "formatting", "format_signed_number": "formatting",
    "format_signed_percent": "formatting",
    "classify_status": "metrics", "compare_with_previous_year": "metrics",
    "compute_attainment": "metrics", "compute_expected_pct": "metrics",
    "compute_metrics": "metrics",
    "DocumentInfo": "params",
    "Period": "periods", "parse_period": "periods",
    "BriefingReport": "report", "prepare_report": "report",
}

__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f"briefing.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    try:
        return import_module(f"briefing.{name}")   # briefing.dataset and the like
    except ModuleNotFoundError:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}") from None


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
