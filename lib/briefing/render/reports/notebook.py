"""From a report notebook's parameters to its report: the one call each report notebook makes."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from briefing.errors import ParamsError, shown
from briefing.render.reports.admin import prepare_admin_report
from briefing.render.reports.briefing import prepare_report
from briefing.render.reports.comparison import prepare_comparison

#: The names a report notebook's ``parameters`` cell defines (the runner injects them).
NOTEBOOK_PARAMETERS = ("data", "period", "unit", "lang", "cutoff", "pace", "document",
                       "previous_metrics")
_DEFAULTS = {"unit": None, "lang": "vi", "cutoff": "calendar", "pace": "linear", "document": None,
             "previous_metrics": ""}

#: Report notebook name -> the function preparing its report from the parameters.
REPORTS: dict[str, Callable[[dict], object]] = {
    "briefing": lambda p: prepare_report(
        p["data"], p["period"], p["unit"], lang=p["lang"], cutoff=p["cutoff"], pace=p["pace"],
        document=p["document"], previous_metrics=p["previous_metrics"] or None),
    "district_comparison": lambda p: prepare_comparison(
        p["data"], p["period"], p["unit"], lang=p["lang"], cutoff=p["cutoff"], pace=p["pace"],
        document=p["document"]),
    "admin_procedures": lambda p: prepare_admin_report(
        p["data"], p["period"], p["unit"], lang=p["lang"], cutoff=p["cutoff"],
        document=p["document"]),
}


def report_from_parameters(notebook: str, parameters: Mapping):
    """Prepare the report of ``notebook`` from its parameters, as its code cell does.

    Parameters
    ----------
    notebook : str
        ``briefing``, ``district_comparison`` or ``admin_procedures``.
    parameters : Mapping
        Holds :data:`NOTEBOOK_PARAMETERS`; a notebook passes ``globals()``,
        where its ``parameters`` cell (and the runner) defined them. Other
        names are not read; ``data`` and ``period`` are required.

    Returns
    -------
    BriefingReport, ComparisonReport or AdminReport

    Raises
    ------
    ParamsError
        For an unknown notebook (listing the known ones), a missing ``data``
        or ``period``, or a bad ``document``.
    """
    if notebook not in REPORTS:
        raise ParamsError(f"no report is prepared for notebook {shown(notebook, 60)}; "
                          f"expected one of {', '.join(REPORTS)}")
    missing = [name for name in ("data", "period") if name not in parameters]
    if missing:
        raise ParamsError(f"notebook {notebook}: its parameters lack {', '.join(missing)}")
    values = {name: parameters.get(name, _DEFAULTS.get(name)) for name in NOTEBOOK_PARAMETERS}
    return REPORTS[notebook](values)
