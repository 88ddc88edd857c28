"""briefing: indicator briefings for public bodies from parameterized notebooks.

Analysts start with :func:`load_dataset`; every figure of a briefing comes
from the functions named here. They are imported on first use, so that the
command line does not pay for matplotlib when it only checks data.
"""

from importlib import import_module

#: Public name -> module that defines it.
_EXPORTS = {
    "AdminReport": "render.reports.admin", "prepare_admin_report": "render.reports.admin",
    "ComparisonReport": "render.reports.comparison", "prepare_comparison": "render.reports.comparison",
    "Dataset": "dataset", "load_dataset": "dataset",
    "BriefingError": "errors", "InputError": "errors", "NotebookError": "errors",
    "ParamsError": "errors", "PeriodError": "errors",
    "format_date": "render.formatting", "format_number": "render.formatting", "format_percent": "render.formatting",
    "format_period": "render.formatting", "format_place_date": "render.formatting",
    "format_quantity": "render.formatting", "format_signed_number": "render.formatting",
    "format_signed_percent": "render.formatting",
    "classify_status": "compute.metrics", "compare_with_previous_year": "compute.metrics",
    "compute_attainment": "compute.metrics", "compute_expected_pct": "compute.metrics",
    "compute_metrics": "compute.metrics",
    "DocumentInfo": "render.document",
    "Period": "periods", "parse_period": "periods",
    "BriefingReport": "render.reports.briefing", "prepare_report": "render.reports.briefing",
    "report_from_parameters": "render.reports.notebook",
}

__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f"briefing.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    try:
        return import_module(f"briefing.{name}")   # briefing.inputs.dataset and the like
    except ModuleNotFoundError:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}") from None


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
