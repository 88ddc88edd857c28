"""The input data contract: which tables exist and which columns they carry."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("flow", "stock", "rate", "average", "ratio", "cumulative")
#: Kinds summed over the months of a period (a year to date is their sum); cumulative values
#: are year-to-date totals as reported, differenced into monthly flows first.
SUMMED_OVER_TIME = ("flow", "cumulative")
#: Kinds whose figure covers months (a gap is a missing month), not a level at one month.
COVERED_BY_MONTHS = ("flow", "cumulative", "average")
#: Kinds whose figure is a level at one month (its latest observation).
LEVELS = ("stock", "rate")
#: Kinds whose parent figure is the sum of its children's.
SUMMED_OVER_UNITS = ("flow", "stock", "cumulative")
#: Kinds whose change on last year is told in points, not in percent.
CHANGED_IN_POINTS = ("rate", "ratio")
#: Kinds made from other indicators, never from rows of their own.
DERIVED = ("ratio",)
#: The multiplier of a ratio when none is given: a percentage.
DEFAULT_MULTIPLIER = 100.0
DIRECTIONS = ("up", "down")
#: Spellings of ``signed`` and the like: yes/no columns.
YES = ("yes", "true", "1", "có")
NO = ("", "no", "false", "0", "không")
INDICATOR_ID_PATTERN = r"[a-z0-9_.-]+"
#: Org unit ids become folder names (OUT/<period>/<unit>/): no separators, and no id of
#: dots only ("." or ".."), since it must start with a letter, digit or "_".
ORG_UNIT_PATTERN = r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}"
ORG_UNIT_EXPECTED = "an id of letters, digits, '_', '.' or '-' (at most 64, the first a letter, digit or '_')"
MAX_DECIMALS = 6
#: Values and targets are finite and smaller than this in absolute value: far above any count or
#: budget a department reports (10^15 đồng is a million billion), small enough that sums over
#: millions of rows stay finite and format in full.
MAX_MAGNITUDE = 1e15
#: A value or target that is not zero is at least this in absolute value: a percentage of a
#: smaller one (1e-305) overflows a float; nothing an official counts or plans is that small.
MIN_MAGNITUDE = 1e-9
#: Levels below a root that the org tree may have (a province, districts and communes take 2).
#: Generous enough for any administration; a deeper chain is a mistake in the parent column,
#: and every roll-up goes level by level.
MAX_TREE_DEPTH = 5000
#: Names and other free text (indicator, sector, unit and org unit names, units, procedures) are at
#: most this many characters: a title of a law is shorter, and a longer text cannot be laid out
#: in a table cell or a chart label (5,000 characters made the PDF take minutes).
MAX_TEXT_LENGTH = 300


@dataclass(frozen=True)
class TableSpec:
    """One input table: its name, whether it must exist, and its columns.

    ``required`` columns must be present; ``optional`` ones are read when
    present; ``one_of`` lists groups of which at least one column must be present.
    ``free_text`` columns hold names and other text that no pattern checks: they
    are checked for control characters and length. ``dates`` hold ISO dates.
    """

    name: str
    required_table: bool
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()
    summary: str = ""
    free_text: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column the toolkit reads, required first."""
        return self.required + self.optional

    @property
    def file_name(self) -> str:
        """Name of the CSV file in a data directory."""
        return f"{self.name}.csv"


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "indicators",
            True,
            ("indicator_id", "sector", "kind"),
            (
                "name_vi", "name_en", "unit_vi", "unit_en", "direction", "decimals",
                "part_of", "breakdown", "numerator", "denominator", "multiplier", "weight",
                "signed", "phrase_vi", "phrase_en",
            ),
            one_of=(("name_vi", "name_en"),),
            summary="the indicator catalogue",
            free_text=("sector", "name_vi", "name_en", "unit_vi", "unit_en", "phrase_vi",
                       "phrase_en"),
        ),
        TableSpec(
            "sectors", False, ("sector",), ("name_vi", "name_en"),
            summary="display names of sector keys",
            free_text=("sector", "name_vi", "name_en"),
        ),
        TableSpec(
            "org_units", False, ("org_unit",), ("name_vi", "name_en", "parent"),
            summary="the tree of org units",
            free_text=("name_vi", "name_en"),
        ),
        TableSpec(
            "values", True, ("indicator_id", "org_unit", "period", "value"),
            summary="indicator values by org unit and period",
        ),
        TableSpec(
            "targets", False, ("indicator_id", "org_unit", "year", "target"),
            summary="annual plans",
        ),
        TableSpec(
            "dossiers",
            False,
            ("dossier_id", "org_unit", "procedure", "received_on", "due_on", "resolved_on"),
            summary="administrative-procedure dossiers",
            free_text=("dossier_id", "procedure"),
            dates=("received_on", "due_on", "resolved_on"),
        ),
    )
}

#: Statuses a metrics row (and a previous report's ``metrics.<lang>.json``) may carry.
STATUSES = ("achieved", "on_track", "at_risk", "behind")
