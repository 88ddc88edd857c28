"""Run parameters: a params YAML file and command-line flags, checked before anything runs."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import yaml

from briefing.contract import ORG_UNIT_EXPECTED, ORG_UNIT_PATTERN
from briefing.errors import ParamsError, PeriodError
from briefing.languages import language, language_codes
from briefing.periods import parse_period

#: Where papers are written when neither the params file nor ``--out`` says.
DEFAULT_OUT = "outputs"
DEFAULT_NOTEBOOK = "briefing"
CUTOFFS = ("calendar", "decree09")
#: Keys whose values are paths, resolved against the params file's folder.
PATH_KEYS = ("data", "out")


@dataclass(frozen=True)
class DocumentInfo:
    """Header and signature fields of the official document, from the params file."""

    issuer: str = ""
    parent_body: str = ""
    place: str = ""
    report_date: str = ""
    doc_number: str = ""
    subject: str = ""
    signer: str = ""
    signer_title: str = ""
    recipients: tuple[str, ...] = ()


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
    document: DocumentInfo = field(default_factory=DocumentInfo)
    source: str = "command line"

    def notebook_parameters(self, previous_metrics: str = "") -> dict:
        """The values injected into the notebook's ``parameters`` cell."""
        doc = self.document
        return {
            "previous_metrics": previous_metrics,
            "data": str(self.data), "period": self.period, "unit": self.unit, "lang": self.lang,
            "cutoff": self.cutoff, "issuer": doc.issuer, "parent_body": doc.parent_body,
            "place": doc.place, "report_date": doc.report_date, "doc_number": doc.doc_number,
            "subject": doc.subject, "signer": doc.signer, "signer_title": doc.signer_title,
            "recipients": list(doc.recipients),
        }


_RUN_KEYS = {f.name for f in fields(RunParams)} - {"document", "source"}
_DOCUMENT_KEYS = {f.name for f in fields(DocumentInfo)}
VALID_KEYS = sorted(_RUN_KEYS | _DOCUMENT_KEYS)


def load_params_file(path) -> dict:
    """Read a params YAML file (safe loader) into a dict; paths made absolute.

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
    except UnicodeDecodeError:
        raise ParamsError(f"params file {path} is not UTF-8 text") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        if isinstance(error, yaml.constructor.ConstructorError):  # a tag such as !!python/object
            raise ParamsError(f"{path}{where}: YAML tags such as '!!python/...' are not allowed; "
                              "a params file holds plain keys and values") from None
        raise ParamsError(f"{path}{where}: not valid YAML ({getattr(error, 'problem', error)})") from None
    if not isinstance(raw, dict):
        raise ParamsError(f"{path}: expected a mapping of keys such as data, period, unit")
    check_keys(raw, str(path))
    values = dict(raw)
    for key in PATH_KEYS:
        if values.get(key) is not None:
            values[key] = _resolve(path.parent, values[key], f"{path}: {key}")
    values["source"] = str(path)
    return values


def _resolve(base: Path, value, what: str) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ParamsError(f"{what}: expected a path, found {value!r}")
    candidate = Path(value).expanduser()
    return candidate if candidate.is_absolute() else (base / candidate).resolve()


def check_keys(values: dict, source: str) -> None:
    """Reject unknown keys, suggesting the nearest valid one."""
    for key in values:
        if key not in VALID_KEYS:
            near = difflib.get_close_matches(str(key), VALID_KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean {near[0]!r}?" if near else f"; valid keys: {', '.join(VALID_KEYS)}"
            raise ParamsError(f"{source}: unknown key {key!r}{hint}")


def build_params(values: dict, overrides: dict | None = None) -> RunParams:
    """Check values (from a params file) with flag ``overrides`` on top; return ``RunParams``.

    Raises
    ------
    ParamsError
        Naming the key, the value and what was expected.
    """
    merged = dict(values)
    merged.update({k: v for k, v in (overrides or {}).items() if v is not None})
    source = merged.pop("source", "command line")
    if merged.get("data") is None:
        raise ParamsError(f"{source}: no data folder given (data: in the params file, or --data)")
    if merged.get("period") is None:
        raise ParamsError(f"{source}: no period given (period: in the params file, or --period)")
    document = DocumentInfo(
        **{key: _text(merged, key, source) for key in _DOCUMENT_KEYS - {"recipients", "report_date"}},
        report_date=_date(merged.get("report_date"), source),
        recipients=_text_list(merged.get("recipients"), source),
    )
    return RunParams(
        data=Path(merged["data"]), period=_period(merged["period"], source),
        unit=_unit(merged.get("unit"), source),
        lang=_lang(merged.get("lang", "vi"), source),
        to=_formats(merged.get("to", "html"), source),
        out=Path(merged.get("out") or DEFAULT_OUT),
        notebook=_notebook_name(merged.get("notebook", DEFAULT_NOTEBOOK), source),
        cutoff=_choice(merged.get("cutoff", "calendar"), CUTOFFS, "cutoff", source),
        document=document, source=source,
    )


def with_overrides(params: RunParams, **changes) -> RunParams:
    """A copy of ``params`` with some fields changed (used by batches)."""
    return replace(params, **changes)


def _period(value, source: str) -> str:
    try:
        return parse_period(value).key
    except PeriodError as error:
        raise ParamsError(f"{source}: period {value!r}: expected {error.reason}") from None


def _lang(value, source: str) -> str:
    if not isinstance(value, str):
        raise ParamsError(f"{source}: lang {value!r}: expected one of {', '.join(language_codes())}")
    try:
        return language(value).code
    except ParamsError:
        raise ParamsError(f"{source}: lang {value!r}: expected one of "
                          f"{', '.join(language_codes())}") from None


def _formats(value, source: str) -> tuple[str, ...]:
    from briefing.export import EXPORTERS

    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not items:
        raise ParamsError(f"{source}: to {value!r}: expected a list such as [html, pdf]")
    formats = []
    for item in items:
        name = str(item).strip().lower()
        if name not in EXPORTERS:
            raise ParamsError(f"{source}: to: unknown format {item!r}; expected "
                              f"{' or '.join(EXPORTERS)}")
        if name not in formats:
            formats.append(name)
    if "pdf" in formats and "html" not in formats:
        formats.insert(0, "html")  # the PDF is printed from the HTML
    return tuple(formats)


def _notebook_name(value, source: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ParamsError(f"{source}: notebook {value!r}: expected a notebook name such as briefing")
    return value.strip()


def _unit(value, source: str) -> str | None:
    """An org unit id, checked before it becomes part of an output path."""
    unit = _optional_text(value, "unit", source)
    if unit is not None and not re.fullmatch(ORG_UNIT_PATTERN, unit):
        raise ParamsError(f"{source}: unit {unit!r}: expected {ORG_UNIT_EXPECTED}")
    return unit


def _choice(value, choices, key: str, source: str) -> str:
    if value not in choices:
        raise ParamsError(f"{source}: {key} {value!r}: expected one of {', '.join(choices)}")
    return value


def _optional_text(value, key: str, source: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    raise ParamsError(f"{source}: {key} {value!r}: expected text")


def _text(values: dict, key: str, source: str) -> str:
    value = values.get(key)
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise ParamsError(f"{source}: {key} {value!r}: expected text")


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
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ParamsError(f"{source}: report_date {value!r}: expected a date such as 2020-07-24") from None
