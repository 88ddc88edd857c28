"""Run parameters: a params YAML file and command-line flags, checked before anything runs."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from briefing.compute.admin import CUTOFFS
from briefing.compute.metrics import PACES
from briefing.errors import ParamsError, PeriodError, shown
from briefing.inputs.contract import ORG_UNIT_EXPECTED, ORG_UNIT_PATTERN
from briefing.periods import EXPECTED_SYNTAX, parse_period
from briefing.render.document import DocumentInfo
from briefing.render.languages import language, language_codes
from briefing.run.params_yaml import read_params_yaml

#: Where papers are written when neither the params file nor ``--out`` says.
DEFAULT_OUT = "outputs"
DEFAULT_NOTEBOOK = "briefing"
#: Keys whose values are paths, resolved against the params file's folder.
PATH_KEYS = ("data", "out")
#: Words a period may be given as: the newest complete period of a kind, chosen once the data
#: is read (:mod:`briefing.run.latest`).
LATEST_KINDS = {"latest": "month", "latest-month": "month", "latest-quarter": "quarter",
                "latest-half": "half", "latest-year": "year"}


@dataclass(frozen=True)
class RunParams:
    """Everything one report needs; see SPEC, "Running"."""

    data: Path
    period: str
    unit: str | None = None
    lang: str = "vi"
    to: tuple[str, ...] = ("html",)
    out: Path = Path(DEFAULT_OUT)
    notebook: str = DEFAULT_NOTEBOOK
    cutoff: str = "calendar"
    pace: str = "linear"
    document: DocumentInfo = field(default_factory=DocumentInfo)
    source: str = "command line"

    def notebook_parameters(self, previous_metrics: str = "") -> dict:
        """The values injected into the notebook's ``parameters`` cell.

        The header fields come as one plain mapping, ``document``, holding only
        those the params set (``recipients`` as a list of lines).
        """
        return {
            "previous_metrics": previous_metrics,
            "data": str(self.data), "period": self.period, "unit": self.unit, "lang": self.lang,
            "cutoff": self.cutoff, "pace": self.pace,
            "document": document_parameter(self.document),
        }


def document_parameter(document: DocumentInfo) -> dict:
    """The header fields that are set, as plain values a notebook cell can hold."""
    values = {f.name: getattr(document, f.name) for f in fields(DocumentInfo)}
    return {key: list(value) if isinstance(value, tuple) else value
            for key, value in values.items() if value}


_RUN_KEYS = {f.name for f in fields(RunParams)} - {"document", "source"}
_DOCUMENT_KEYS = {f.name for f in fields(DocumentInfo)}
VALID_KEYS = sorted(_RUN_KEYS | _DOCUMENT_KEYS)


def load_params_file(path) -> dict:
    """Read a params YAML file into a dict of text values; paths made absolute.

    Values are read as written (``doc_number: 010`` is the text ``010``), see
    :mod:`briefing.run.params_yaml`.

    Raises
    ------
    ParamsError
        When the file is missing, not YAML, not a mapping, or has unknown keys.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParamsError(f"params file {path} does not exist") from None
    except IsADirectoryError:
        raise ParamsError(f"params file {path} is a folder; expected a YAML file") from None
    except UnicodeDecodeError:
        raise ParamsError(f"params file {path} is not UTF-8 text") from None
    raw = read_params_yaml(text, str(path))
    if not isinstance(raw, dict):
        raise ParamsError(f"{path}: expected a mapping of keys such as data, period, unit")
    check_keys(raw, str(path))
    values = {key: value for key, value in raw.items() if value is not None}
    for key in PATH_KEYS:
        if key in values:
            values[key] = _resolve(path.parent, values[key], f"{path}: {key}")
    if isinstance(values.get("notebook"), str) and values["notebook"].strip().endswith(".ipynb"):
        values["notebook"] = str(_resolve(path.parent, values["notebook"].strip(), f"{path}: notebook"))
    values["source"] = str(path)
    return values


def _resolve(base: Path, value, what: str) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ParamsError(f"{what}: expected a path, found {shown(value)}")
    candidate = Path(value).expanduser()
    return candidate if candidate.is_absolute() else (base / candidate).resolve()


def check_keys(values: dict, source: str) -> None:
    """Reject unknown keys, suggesting the nearest valid one."""
    for key in values:
        if key not in VALID_KEYS:
            near = difflib.get_close_matches(str(key)[:100], VALID_KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean {near[0]!r}?" if near else f"; valid keys: {', '.join(VALID_KEYS)}"
            raise ParamsError(f"{source}: unknown key {shown(key)}{hint}")


def build_params(values: dict, overrides: dict | None = None) -> RunParams:
    """Check values (from a params file) with flag ``overrides`` on top; return ``RunParams``.

    Raises
    ------
    ParamsError
        Listing every bad value: the key, the value and what was expected.
    """
    merged = {k: v for k, v in values.items() if v is not None}
    merged.update({k: v for k, v in (overrides or {}).items() if v is not None})
    source = merged.pop("source", "command line")
    for key, flag in (("data", "--data"), ("period", "--period")):
        if merged.get(key) is None:
            raise ParamsError(f"{source}: no {'data folder' if key == 'data' else key} given "
                              f"({key}: in the params file, or {flag})")
    fields_, problems = _parse_fields(merged, source)
    raise_problems(problems)
    return RunParams(**fields_, source=source)


def check_params(params: RunParams) -> list[str]:
    """Every problem of ``params`` (e.g. a batch job's language or unit), as messages."""
    values = {f.name: getattr(params, f.name) for f in fields(RunParams) if f.name != "source"}
    return _parse_fields(values, params.source)[1]


def raise_problems(problems: list[str]) -> None:
    """Raise one ``ParamsError`` naming every problem, if there is any."""
    if len(problems) == 1:
        raise ParamsError(problems[0])
    if problems:
        raise ParamsError(f"{len(problems)} problems in the parameters:\n"
                          + "\n".join(f"  - {p}" for p in problems))


def _parse_fields(values: dict, source: str) -> tuple[dict, list[str]]:
    """Each run field checked on its own: the parsed values, and every problem found."""
    parsers = {
        "data": lambda v: _path(v, "data", source),
        "period": lambda v: _period(v, source),
        "unit": lambda v: _unit(v, source),
        "lang": lambda v: _lang(v, source),
        "to": lambda v: _formats(v, source),
        "out": lambda v: _path(v, "out", source),
        "notebook": lambda v: _notebook_name(v, source),
        "cutoff": lambda v: _choice(v, CUTOFFS, "cutoff", source),
        "pace": lambda v: _choice(v, PACES, "pace", source),
    }
    defaults = {"lang": "vi", "to": "html", "out": DEFAULT_OUT, "notebook": DEFAULT_NOTEBOOK,
                "cutoff": "calendar", "pace": "linear"}
    parsed, problems = {}, []
    for key, parse in parsers.items():
        value = values.get(key, defaults.get(key))
        try:
            parsed[key] = parse(value) if value is not None else None
        except ParamsError as error:
            problems.append(str(error))
    if "document" in values:
        parsed["document"] = values["document"]
    else:
        parsed["document"], more = _document(values, source)
        problems += more
    return parsed, problems


def _document(values: dict, source: str) -> tuple[DocumentInfo, list[str]]:
    """The header fields, each read as text; and every problem found."""
    parsers = {key: (lambda v, key=key: _text(v, key, source)) for key in sorted(_DOCUMENT_KEYS)}
    parsers["report_date"] = lambda v: _date(v, source)
    parsers["recipients"] = lambda v: _text_list(v, source)
    document, problems = {}, []
    for key, parse in parsers.items():
        try:
            document[key] = parse(values.get(key))
        except ParamsError as error:
            problems.append(str(error))
    return (DocumentInfo(**document) if not problems else DocumentInfo()), problems


def _period(value, source: str) -> str:
    """A period key, or one of the ``latest`` words (kept as written, resolved later)."""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ParamsError(f"{source}: period {shown(value)}: expected a period such as 2020S1")
    if isinstance(value, str) and value.strip().lower() in LATEST_KINDS:
        return value.strip().lower()
    try:
        return parse_period(value).key
    except PeriodError as error:
        latest = f", or {', '.join(LATEST_KINDS)}" if error.reason == EXPECTED_SYNTAX else ""
        raise ParamsError(f"{source}: period {shown(value)}: expected {error.reason}{latest}") \
            from None


def _path(value, key: str, source: str) -> Path:
    """A path given as text; an empty one is refused (it would mean the current folder)."""
    if isinstance(value, Path):
        return value
    if not isinstance(value, str) or not value.strip():
        default = f" (without --{key} it is {DEFAULT_OUT}/)" if key == "out" else ""
        raise ParamsError(f"{source}: {key} {shown(value)}: expected a folder path{default}")
    return Path(value)


def _lang(value, source: str) -> str:
    if not isinstance(value, str):
        raise ParamsError(f"{source}: lang {shown(value)}: expected one of {', '.join(language_codes())}")
    try:
        return language(value).code
    except ParamsError:
        raise ParamsError(f"{source}: lang {shown(value)}: expected one of "
                          f"{', '.join(language_codes())}") from None


def _formats(value, source: str) -> tuple[str, ...]:
    from briefing.run.export import EXPORTERS

    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not items:
        raise ParamsError(f"{source}: to {shown(value)}: expected a list such as [html, pdf]")
    formats = []
    for item in items:
        name = str(item).strip().lower()
        if name not in EXPORTERS:
            raise ParamsError(f"{source}: to: unknown format {shown(item)}; expected "
                              f"{' or '.join(EXPORTERS)}")
        if name not in formats:
            formats.append(name)
    if "pdf" in formats and "html" not in formats:
        formats.insert(0, "html")  # the PDF is printed from the HTML
    return tuple(formats)


def _notebook_name(value, source: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ParamsError(f"{source}: notebook {shown(value)}: expected a notebook name such as briefing")
    return value.strip()


def _unit(value, source: str) -> str | None:
    """An org unit id, checked before it becomes part of an output path."""
    unit = _optional_text(value, "unit", source)
    if unit is not None and not re.fullmatch(ORG_UNIT_PATTERN, unit):
        raise ParamsError(f"{source}: unit {shown(unit)}: expected {ORG_UNIT_EXPECTED}")
    return unit


def _choice(value, choices, key: str, source: str) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ParamsError(f"{source}: {key} {shown(value)}: expected one of {', '.join(choices)}")
    return value


def _optional_text(value, key: str, source: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    raise ParamsError(f"{source}: {key} {shown(value)}: expected text")


def _text(value, key: str, source: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise ParamsError(f"{source}: {key} {shown(value)}: expected text")


def _text_list(value, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(line.strip() for line in value.splitlines() if line.strip())
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return tuple(str(v) for v in value)
    raise ParamsError(f"{source}: recipients: expected a list of text lines")


def _date(value, source: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = value.strip() if isinstance(value, str) else ""
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ParamsError(f"{source}: report_date {shown(value)}: no such day; expected a date "
                          "such as 2020-07-24") from None
    raise ParamsError(f"{source}: report_date {shown(value)}: expected a date such as 2020-07-24")
