"""briefing: indicator briefings for public bodies from parameterized notebooks.

Analysts start with :func:`load_dataset`; every figure of a briefing comes
from the functions re-exported here.
"""

from briefing.admin_report import AdminReport, prepare_admin_report
from briefing.comparison import ComparisonReport, prepare_comparison
from briefing.dataset import Dataset, load_dataset
from briefing.errors import BriefingError, InputError, NotebookError, ParamsError, PeriodError
from briefing.formatting import (
    format_date, format_number, format_percent, format_period, format_place_date,
    format_quantity, format_signed_number, format_signed_percent,
)
from briefing.metrics import (
    classify_status, compare_with_previous_year, compute_attainment, compute_expected_pct,
    compute_metrics,
)
from briefing.params import DocumentInfo
from briefing.periods import Period, parse_period
from briefing.report import BriefingReport, prepare_report

__all__ = [
    "AdminReport", "BriefingError", "ComparisonReport", "BriefingReport", "Dataset", "DocumentInfo", "InputError", "NotebookError", "ParamsError", "Period",
    "PeriodError", "classify_status", "compare_with_previous_year", "compute_attainment",
    "compute_expected_pct", "compute_metrics", "format_date", "format_number",
    "format_percent", "format_period", "format_place_date", "format_quantity",
    "format_signed_number", "format_signed_percent", "load_dataset", "parse_period", "prepare_admin_report", "prepare_comparison", "prepare_report",
]
__version__ = "0.1.0"
