"""Report languages: a registry filled from the gettext catalogues in ``locale/``.

Each ``locale/<code>.po`` file is one language: its header says which (code,
Babel locale, display name, plural rule) and its messages hold the texts of
the reports, keyed by symbolic ids such as ``chart.change_title_ytd``. The
catalogues are read with Babel the first time a language is asked for, once
per process. More catalogues come from :func:`register_catalogue` or from the
``BRIEFING_CATALOGUES`` environment variable (see ``docs/languages.md``).
"""

from __future__ import annotations

import functools
import gettext
import io
import os
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.pofile import PoFileError, denormalize, read_po

from briefing.errors import SHOWN_PER_KIND, BriefingError, ParamsError

#: Folder of the catalogues that ship with the package.
LOCALE_DIR = Path(__file__).with_name("locale")
#: Extra catalogues: ``.po`` files or folders of them, separated by ``os.pathsep``.
#: Notebook kernels inherit it, so reports they render see the same languages.
CATALOGUES_VARIABLE = "BRIEFING_CATALOGUES"
#: The catalogue every other one is checked against, and the first language listed.
REFERENCE_CODE = "vi"

_HEADER = re.compile(r'^msgid ""\s*\nmsgstr ((?:".*"\s*\n?)+)', re.MULTILINE)
_VALUES_COMMENT = "values:"


class CatalogueError(BriefingError):
    """A message catalogue cannot be read, or its texts do not match the reference's."""


@dataclass(frozen=True)
class Language:
    """A report language: its code, Babel locale and the texts of the reports.

    Texts are templates filled with ``str.format``; values from the data are
    only ever passed as arguments, never used as templates. A text with
    plural forms is a tuple, one template per form of ``plural_expr``.
    """

    code: str
    locale: str
    name: str
    texts: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    #: Whether names of places and periods lose their capital inside a sentence
    #: (Vietnamese "trên địa bàn tỉnh Bạc Liêu", "trong quý II/2020").
    lowercase_names: bool = False
    #: Words (lower case) whose capital is dropped when a name starting with them runs into a
    #: sentence (``Tỉnh Bạc Liêu`` → ``tỉnh Bạc Liêu``); a name starting otherwise is a proper
    #: name and keeps it (``Hồng Dân``, ``Bo``). Empty: every name's first capital is dropped.
    common_words: tuple[str, ...] = ()
    #: The gettext plural rule (C syntax) choosing a form from ``count``.
    plural_expr: str = "(n != 1)"
    #: Per key, every value the code passes when a language may use some of
    #: them only (from ``#. values:`` comments); other keys use all of theirs.
    offered: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def text(self, key: str, count: int | None = None, **values) -> str:
        """The text ``key``, filled with ``values`` (and ``count``).

        With ``count``, a text with plural forms takes the form the
        language's plural rule gives (English: one for 1, another for the
        rest; Vietnamese has one form only). ``count`` is also a value.

        Raises
        ------
        KeyError
            When the language has no text ``key``.
        TypeError
            When ``key`` has plural forms and no ``count`` is given.
        """
        template = self.texts[key]
        if count is not None:
            values["count"] = count
        if isinstance(template, tuple):
            if count is None:
                raise TypeError(f"text {key!r} has plural forms: give its count")
            template = template[min(_plural_rule(self.plural_expr)(int(count)), len(template) - 1)]
        return template.format(**values)


_LANGUAGES: dict[str, Language] = {}


def language(code: str) -> Language:
    """The registered language ``code``.

    Raises
    ------
    ParamsError
        When no such language is registered; the message lists those that are.
    """
    languages = _registry()
    try:
        return languages[code]
    except (KeyError, TypeError):
        known = ", ".join(sorted(languages))
        raise ParamsError(f"unknown language {code!r}; expected one of: {known}") from None


def language_codes() -> list[str]:
    """Codes of the registered languages, the reference (Vietnamese) first."""
    return sorted(_registry(), key=lambda c: (c != REFERENCE_CODE, c))


def register_language(lang: Language) -> None:
    """Make ``lang`` available to every formatter and report, as it is (unchecked)."""
    _registry()[lang.code] = lang


def register_catalogue(path: str | Path) -> Language:
    """Read the catalogue at ``path``, check it and make its language available.

    This is how a language is added without editing Python: copy
    ``locale/en.po``, change its header and texts, then register it here (in
    this process) or list it in ``BRIEFING_CATALOGUES`` (which notebook
    kernels inherit). A catalogue for a code already known replaces it.

    Raises
    ------
    CatalogueError
        When the file cannot be read, or its texts do not match the
        reference catalogue's (a key missing or extra, a plural where the
        reference has none, an unknown ``{value}``); the message names the
        file and every key at fault.
    """
    languages = _registry()
    lang = _checked_catalogue(path, languages[REFERENCE_CODE])
    languages[lang.code] = lang
    return lang


def read_catalogue(path: str | Path) -> Language:
    """The language held by the ``.po`` file at ``path``, unchecked against the others.

    Raises
    ------
    CatalogueError
        When the file cannot be read as a catalogue, its header lacks a
        field, or a text is empty, marked fuzzy or not a ``str.format``
        template.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
        catalogue = read_po(io.BytesIO(raw), abort_invalid=True)
    except (OSError, PoFileError) as error:
        raise CatalogueError(f"{path}: cannot read the catalogue: {error}") from None
    header = _header_fields(raw.decode(catalogue.charset or "utf-8", errors="replace"))
    texts, offered, problems = {}, {}, []
    for message in catalogue:
        if not message.id:
            continue
        key = message.id[0] if message.pluralizable else message.id
        forms = tuple(message.string) if message.pluralizable else message.string
        if message.fuzzy or not all(forms if message.pluralizable else [forms]):
            problems.append(f"{key}: {'marked fuzzy' if message.fuzzy else 'no text'}")
        try:
            placeholders(forms)
        except ValueError as error:  # an unmatched brace: str.format would fail on it
            problems.append(f"{key}: not a str.format template ({error})")
        texts[key] = forms
        declared = _declared_values(message.auto_comments)
        if declared:
            offered[key] = declared
    _raise_problems(path, problems)
    return Language(code=_required(header, "Language", path),
                    locale=_checked_locale(_required(header, "X-Briefing-Locale", path), path),
                    name=_required(header, "X-Briefing-Name", path), texts=texts,
                    lowercase_names=header.get("X-Briefing-Lowercase-Names", "no") == "yes",
                    common_words=tuple(w.strip().lower() for w in header.get("X-Briefing-Common-Words", "")
                                       .split(",") if w.strip()),
                    plural_expr=catalogue.plural_expr, offered=offered)


def catalogue_problems(lang: Language, reference: Language) -> list[str]:
    """What keeps ``lang`` from standing in for ``reference``, one line per key.

    Every key of one must be in the other, a plural in both or in neither,
    with the same ``{values}``; where the reference declares the values the
    code offers (``#. values:``), a text may use any of them.
    """
    problems = [f"{key}: missing" for key in reference.texts if key not in lang.texts]
    problems += [f"{key}: not a text of the reports" for key in lang.texts
                 if key not in reference.texts]
    for key, template in lang.texts.items():
        if key not in reference.texts:
            continue
        expected = reference.texts[key]
        if isinstance(template, tuple) != isinstance(expected, tuple):
            problems.append(f"{key}: {'has' if isinstance(template, tuple) else 'lacks'} "
                            f"plural forms, unlike the {reference.code} catalogue")
            continue
        used, wanted = placeholders(template), placeholders(expected)
        allowed = reference.offered.get(key)
        if (allowed is not None and not used <= allowed) or (allowed is None and used != wanted):
            problems.append(f"{key}: values {_listed(used)}, expected "
                            f"{_listed(allowed or wanted)}{' or some of them' if allowed else ''}")
    return problems


def placeholders(template: str | tuple[str, ...]) -> frozenset[str]:
    """Names of the ``{values}`` a template (or all forms of a plural) fills."""
    forms = template if isinstance(template, tuple) else (template,)
    return frozenset(re.split(r"[.\[]", name, maxsplit=1)[0]
                     for form in forms for _, name, _, _ in string.Formatter().parse(form)
                     if name is not None)


def _registry() -> dict[str, Language]:
    """Every language, read from the catalogues the first time one is asked for."""
    if not _LANGUAGES:
        read = [(path, read_catalogue(path)) for path in sorted(LOCALE_DIR.glob("*.po"))]
        found = {lang.code: lang for _, lang in read}
        for path, lang in read:
            _raise_problems(path, catalogue_problems(lang, found[REFERENCE_CODE]))
        for path in _catalogues_from_environment():
            lang = _checked_catalogue(path, found[REFERENCE_CODE])
            found[lang.code] = lang
        _LANGUAGES.update(found)  # all or nothing: a faulty catalogue fails every call
    return _LANGUAGES


def _checked_catalogue(path: Path, reference: Language) -> Language:
    lang = read_catalogue(path)
    _raise_problems(path, catalogue_problems(lang, reference))
    return lang


def _catalogues_from_environment() -> list[Path]:
    paths = []
    for entry in filter(None, os.environ.get(CATALOGUES_VARIABLE, "").split(os.pathsep)):
        entry = Path(entry)
        paths += sorted(entry.glob("*.po")) if entry.is_dir() else [entry]
    return paths


def _header_fields(text: str) -> dict[str, str]:
    """The header entry's fields, custom ones included (Babel keeps only the standard ones)."""
    match = _HEADER.search(text)
    if not match:
        return {}
    lines = denormalize(match.group(1)).splitlines()
    return dict((name.strip(), value.strip()) for name, _, value in
                (line.partition(":") for line in lines) if value)


def _declared_values(comments: list[str]) -> frozenset[str] | None:
    for comment in comments:
        if comment.startswith(_VALUES_COMMENT):
            return frozenset(v.strip(" {},") for v in comment[len(_VALUES_COMMENT):].split())
    return None


def _required(header: dict[str, str], name: str, path: Path) -> str:
    if not header.get(name):
        raise CatalogueError(f"{path}: the header has no {name!r} field")
    return header[name]


def _checked_locale(locale: str, path: Path) -> str:
    try:
        Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        raise CatalogueError(f"{path}: X-Briefing-Locale {locale!r} is not a locale Babel knows") \
            from None
    return locale


def _raise_problems(path, problems: list[str]) -> None:
    if problems:
        lines = [f"  - {line}" for line in problems[:SHOWN_PER_KIND]]
        if len(problems) > SHOWN_PER_KIND:
            lines.append(f"  ... and {len(problems) - SHOWN_PER_KIND} more")
        raise CatalogueError(f"{path}: {len(problems)} text(s) at fault:\n" + "\n".join(lines))


def _listed(names) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"


@functools.cache
def _plural_rule(expression: str):
    return gettext.c2py(expression)
