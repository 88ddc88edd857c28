"""Message catalogues: complete, consistent, used by the code, and open to new languages."""

import ast
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from briefing.render import languages
from briefing.render.document import DocumentInfo, header_block, title_block
from briefing.render.languages import LOCALE_DIR, CatalogueError, language, language_codes, register_catalogue
from briefing.render.narrative import describe_indicator

PACKAGE = Path(languages.__file__).resolve().parents[1]
PAIRS = [(code, other) for code in language_codes() for other in language_codes() if code != other]
#: Dotted literals in the package that name files, not texts.
FILE_SUFFIXES = {"css", "csv", "html", "ipynb", "json", "md", "pdf", "po", "svg", "xlsx", "yaml"}
VIETNAMESE_LETTERS = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def fields(template) -> set[str]:
    """The ``{values}`` a text fills, over all its plural forms."""
    forms = template if isinstance(template, tuple) else (template,)
    return {name.split(".")[0].split("[")[0] for form in forms
            for _, name, _, _ in string.Formatter().parse(form) if name is not None}


@pytest.mark.parametrize("code, other", PAIRS)
def test_every_language_has_every_key_of_every_other(code, other):
    assert sorted(set(language(other).texts) - set(language(code).texts)) == []


@pytest.mark.parametrize("code, other", PAIRS)
def test_plural_entries_stand_in_the_same_places(code, other):
    plurals = {c: {k for k, t in language(c).texts.items() if isinstance(t, tuple)}
               for c in (code, other)}
    assert plurals[code] == plurals[other]
    assert {"count.indicators", "count.units", "chart.units_not_shown"} <= plurals[code]


@pytest.mark.parametrize("code, other", PAIRS)
def test_texts_fill_the_same_values_or_pick_from_those_declared(code, other):
    mine, theirs = language(code), language(other)
    assert mine.offered == theirs.offered
    for key, template in mine.texts.items():
        if key in mine.offered:
            assert fields(template) <= mine.offered[key], key
        else:
            assert fields(template) == fields(theirs.texts[key]), key


def test_plural_forms_follow_each_catalogue_header():
    assert language("vi").plural_expr == "0"
    assert language("en").plural_expr == "(n != 1)"
    assert all(len(t) == 1 for t in language("vi").texts.values() if isinstance(t, tuple))
    assert all(len(t) == 2 for t in language("en").texts.values() if isinstance(t, tuple))


def test_language_metadata_comes_from_the_catalogue_header():
    vi, en = language("vi"), language("en")
    assert (vi.locale, vi.name, vi.lowercase_names) == ("vi_VN", "Tiếng Việt", True)
    assert (en.locale, en.name, en.lowercase_names) == ("en_GB", "English", False)


def _package_strings():
    """(file, literal) for every string constant outside docstrings, f-strings apart."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = {id(node.body[0].value) for node in ast.walk(tree)
                if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and ast.get_docstring(node, clean=False) is not None}
        skip |= {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
                 for part in node.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                yield path, node.values[0].value, True
            elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in skip):
                yield path, node.value, False


def _named_keys():
    keys = set(language("vi").texts)
    prefixes = {key.split(".")[0] for key in keys}
    literal, families = [], []
    for path, text, is_family in _package_strings():
        if not re.fullmatch(r"[a-z_]+\.[a-z0-9_.]*", text) or text.split(".")[0] not in prefixes:
            continue
        if is_family:
            families.append((path.name, text))
        elif text.rsplit(".", 1)[1] not in FILE_SUFFIXES:
            literal.append((path.name, text))
    return keys, literal, families


def test_every_key_the_code_names_is_in_the_catalogues():
    keys, literal, _ = _named_keys()
    assert len(literal) > 100  # the scan finds the keys at all
    assert [(where, key) for where, key in literal if key not in keys] == []


def test_every_key_family_the_code_builds_has_texts():
    keys, _, families = _named_keys()
    assert ("narrative.py", "narrative.change_pct.") in families
    assert [(where, prefix) for where, prefix in families
            if not any(key.startswith(prefix) for key in keys)] == []


def test_no_report_word_is_spelled_in_python_outside_the_inputs():
    # inputs/ and importers/ read words of the sources (Vietnamese headers such as "Lũy kế",
    # "Kế hoạch năm", spellings of yes and no); no report text is written there
    spelled = [(path.relative_to(PACKAGE).as_posix(), text) for path, text, _ in _package_strings()
               if VIETNAMESE_LETTERS.search(text) and path.parent.name not in ("inputs", "importers")]
    assert spelled == []


def _set_text(po: str, key: str, text: str) -> str:
    changed, count = re.subn(rf'(msgid "{re.escape(key)}"\nmsgstr )".*"', rf'\1"{text}"', po)
    assert count == 1, key
    return changed


def _french(folder: Path, change=None) -> Path:
    """A copy of the English catalogue as French, with the header and a few texts translated."""
    po = (LOCALE_DIR / "en.po").read_text(encoding="utf-8")
    po = (po.replace('"Language: en\\n"', '"Language: fr\\n"')
            .replace("X-Briefing-Locale: en_GB", "X-Briefing-Locale: fr_FR")
            .replace("X-Briefing-Name: English", "X-Briefing-Name: Français"))
    for key, text in {"document.nation": "RÉPUBLIQUE SOCIALISTE DU VIET NAM",
                      "document.motto": "Indépendance - Liberté - Bonheur",
                      "document.title": "RAPPORT", "document.number": "N° : {number}",
                      "narrative.attainment": "{pct} du plan annuel"}.items():
        po = _set_text(po, key, text)
    path = folder / "fr.po"
    path.write_text(change(po) if change else po, encoding="utf-8")
    return path


@pytest.fixture
def restore_languages():
    before = dict(languages._registry())
    yield
    languages._LANGUAGES.clear()
    languages._LANGUAGES.update(before)


def test_a_registered_catalogue_renders_the_document_head_and_sentences(tmp_path, restore_languages):
    french = register_catalogue(_french(tmp_path))
    assert (french.code, french.locale, french.name) == ("fr", "fr_FR", "Français")
    assert "fr" in language_codes()
    head = header_block(DocumentInfo(issuer="Comité", place="Paris", report_date="2020-07-24",
                                     doc_number="12/BC"), "Province P", "fr")
    for words in ("RÉPUBLIQUE SOCIALISTE DU VIET NAM", "Indépendance - Liberté - Bonheur",
                  "N° : 12/BC", "Paris, 24 juillet 2020"):
        assert words in head
    assert "<h1>RAPPORT</h1>" in title_block(DocumentInfo(), "2020S1", "Province P", "fr")
    nan = float("nan")
    row = pd.Series(dict(name="Emplois", unit="", phrase="", kind="flow", direction="up",
                         decimals=0, value=11461.0, as_of="2020-06", target=18000.0,
                         attainment_pct=63.672222, flags=[], part_of="", ytd_value=11461.0,
                         previous_value=nan, change_abs=nan, change_pct=nan))
    assert describe_indicator(row, "2020S1", "fr") == "Emplois: 11\u202f461, 63,7% du plan annuel."


def test_catalogues_in_the_environment_variable_reach_every_process(tmp_path):
    _french(tmp_path)
    env = dict(os.environ, BRIEFING_CATALOGUES=str(tmp_path))
    shown = subprocess.run(
        [sys.executable, "-c", "from briefing.render.languages import language, language_codes;"
                               "print(language_codes(), language('fr').text('document.motto'))"],
        env=env, capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "['vi', 'en', 'fr'] Indépendance - Liberté - Bonheur"


def _drop(key):
    return lambda po: re.sub(rf'\nmsgid "{re.escape(key)}"\nmsgstr ".*"\n', "\n", po)


@pytest.mark.parametrize("change, fault", [
    (_drop("chart.ceiling"), "chart.ceiling: missing"),
    (lambda po: _set_text(po, "chart.change_title", "{period} contre {previuos}"),
     "chart.change_title: values {period}, {previuos}, expected {period}, {previous}"),
    (lambda po: po.replace('msgid "chart.pace_line"', 'msgid "chart.pace_lines"'),
     "chart.pace_lines: not a text of the reports"),
    (lambda po: re.sub(r'msgid_plural "count.units"\nmsgstr\[0\] "(.*)"\nmsgstr\[1\] ".*"',
                       r'msgstr "\1"', po), "count.units: lacks plural forms"),
    (lambda po: _set_text(po, "annex.rows", ""), "annex.rows: no text"),
    (lambda po: _set_text(po, "table.value", "Result {period"),
     "table.value: not a str.format template"),
    (lambda po: po.replace('msgid "annex.rows"', '#, fuzzy\nmsgid "annex.rows"'),
     "annex.rows: marked fuzzy"),
    (lambda po: po.replace('"X-Briefing-Locale: fr_FR\\n"\n', ""),
     "the header has no 'X-Briefing-Locale' field"),
    (lambda po: po.replace("X-Briefing-Locale: fr_FR", "X-Briefing-Locale: xx_YY"),
     "X-Briefing-Locale 'xx_YY' is not a locale Babel knows"),
    (lambda po: po + '\nmsgid "annex.orphan"\n', "cannot read the catalogue"),
], ids=["missing-key", "misspelt-value", "extra-key", "plural-lost", "empty", "unmatched-brace",
         "fuzzy",
        "no-locale", "unknown-locale", "broken-syntax"])
def test_a_faulty_catalogue_is_refused_naming_the_file_and_the_key(tmp_path, restore_languages,
                                                                  change, fault):
    path = _french(tmp_path, change)
    with pytest.raises(CatalogueError) as refused:
        register_catalogue(path)
    assert str(path) in str(refused.value)
    assert fault in str(refused.value)
    assert "fr" not in language_codes()


def test_a_new_catalogue_brings_its_own_plural_rule(tmp_path, restore_languages):
    french = register_catalogue(_french(tmp_path, lambda po: po.replace(
        "nplurals=2; plural=(n != 1);", "nplurals=2; plural=(n > 1);")))
    assert [french.text("count.units", count=n) for n in (0, 1, 2)] == ["0 unit", "1 unit", "2 units"]
    assert language("en").text("count.units", count=0) == "0 units"


def test_a_catalogue_missing_most_texts_is_summarised(tmp_path, restore_languages):
    path = _french(tmp_path, lambda po: po[:po.index('msgid "report.intro"')])
    with pytest.raises(CatalogueError, match=r"\.\.\. and \d+ more$") as refused:
        register_catalogue(path)
    assert len(str(refused.value).splitlines()) == 22


def test_a_whole_briefing_renders_in_a_catalogue_language_the_data_has_no_names_for(
        tmp_path, restore_languages, make_dataset):
    """The data has name_vi and name_en only: a French report takes the English names."""
    import briefing
    from conftest import months_rows

    register_catalogue(_french(tmp_path))
    dataset = make_dataset(values=months_rows("trained", "D1", 2020, [10, 20]))
    report = briefing.prepare_report(dataset, "2020-02", "P", "fr")
    html = "".join(str(block) for block in (report.header(), report.key_figures(),
                                           report.sector_sections(), report.quality_notes()))
    assert "Vocational training" in html and "Province P" in html and "RAPPORT" in html
