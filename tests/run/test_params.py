"""Run parameters: params files, flags on top, and clear messages for bad values."""

from pathlib import Path

import pytest

from briefing.errors import ParamsError
from briefing.run.params import build_params, load_params_file


def write(tmp_path, text, name="run.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_paths_are_relative_to_the_params_file(tmp_path):
    folder = tmp_path / "params"
    folder.mkdir()
    values = load_params_file(write(folder, "data: ../data/sample\nperiod: 2020S1\nout: ../out\n"))
    params = build_params(values)
    assert params.data == (tmp_path / "data" / "sample").resolve()
    assert params.out == (tmp_path / "out").resolve()
    assert params.source.endswith("run.yaml")


def test_flags_override_the_file(tmp_path):
    values = load_params_file(write(tmp_path, "data: d\nperiod: 2020S1\nlang: vi\nunit: a\n"))
    params = build_params(values, {"lang": "en", "period": "2020Q2", "unit": None})
    assert (params.lang, params.period, params.unit) == ("en", "2020Q2", "a")


def test_defaults(tmp_path):
    params = build_params({"data": "d", "period": "2020S1"})
    assert (params.lang, params.to, params.out, params.notebook, params.cutoff) == (
        "vi", ("html",), Path("outputs"), "briefing", "calendar")


@pytest.mark.parametrize("value, formats", [
    ("html,pdf", ("html", "pdf")), (["pdf"], ("html", "pdf")), ("HTML", ("html",)),
])
def test_formats(value, formats):
    assert build_params({"data": "d", "period": "2020", "to": value}).to == formats


def test_header_fields_and_integer_period(tmp_path):
    values = load_params_file(write(tmp_path, (
        "data: d\nperiod: 2020\nreport_date: 2024-02-05\nrecipients: [Bộ LĐTBXH, Lưu VT]\n"
        "signer_title: |\n  KT. GIÁM ĐỐC\n  PHÓ GIÁM ĐỐC\n")))
    params = build_params(values)
    assert params.period == "2020"
    assert params.document.report_date == "2024-02-05"
    assert params.document.recipients == ("Bộ LĐTBXH", "Lưu VT")
    assert params.document.signer_title.splitlines() == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


@pytest.mark.parametrize("text, fragment", [
    ("data: d\nperid: 2020S1\n", "unknown key 'perid'; did you mean 'period'?"),
    ("data: d\nperiod: 2020S1\nlang: fr\n", "lang 'fr': expected one of vi, en"),
    ("data: d\nperiod: 2020S1\nlang: 1\n", "lang '1': expected one of vi, en"),
    ("data: d\nperiod: 2020Q5\n", "period '2020Q5': expected a quarter from 1 to 4"),
    ("data: d\nperiod: [2020]\n", "period ['2020']"),
    ("data: d\nperiod: 2020S1\nto: [html, docx]\n", "unknown format 'docx'"),
    ("data: d\nperiod: 2020S1\ncutoff: weekly\n", "cutoff 'weekly': expected one of calendar, decree09"),
    ("data: d\nperiod: 2020S1\nreport_date: 24/07/2020\n", "expected a date such as 2020-07-24"),
    ("data: d\nperiod: 2020S1\nissuer: {a: 1}\n", "issuer {'a': '1'}: expected text"),
    ("period: 2020S1\n", "no data folder given"),
    ("- data\n- period\n", "expected a mapping"),
    ("data: [unclosed\n", "not valid YAML"),
])
def test_bad_params_name_the_key_and_what_was_expected(tmp_path, text, fragment):
    path = write(tmp_path, text)
    with pytest.raises(ParamsError) as caught:
        build_params(load_params_file(path))
    assert fragment in str(caught.value)


def test_unsafe_yaml_is_not_executed(tmp_path):
    path = write(tmp_path, "data: !!python/object/apply:os.system ['touch /tmp/pwned']\nperiod: 2020\n")
    with pytest.raises(ParamsError, match="YAML tags such as .* are not allowed"):
        load_params_file(path)


def test_missing_params_file(tmp_path):
    with pytest.raises(ParamsError, match="does not exist"):
        load_params_file(tmp_path / "nope.yaml")


# --- read as written: YAML 1.1 guesses no types in a params file (issue 13) ---------------


def test_header_fields_are_read_as_written(tmp_path):
    values = load_params_file(write(tmp_path, (
        "data: d\nperiod: 2020S1\nunit: 007\ndoc_number: 010\nsigner: 0x1F\nplace: No\n"
        "issuer: 1_000\nsubject: 1e3\nsigner_title: .inf\nreport_date: 2020-07-24\n")))
    params = build_params(values)
    doc = params.document
    assert (params.unit, doc.doc_number, doc.signer, doc.place) == ("007", "010", "0x1F", "No")
    assert (doc.issuer, doc.subject, doc.signer_title, doc.report_date) == (
        "1_000", "1e3", ".inf", "2020-07-24")


def test_an_empty_value_means_not_given(tmp_path):
    params = build_params(load_params_file(write(tmp_path, "data: d\nperiod: 2020S1\nunit:\nlang: ~\n")))
    assert (params.unit, params.lang) == (None, "vi")


@pytest.mark.parametrize("date, fragment", [
    ("2020-02-30", "report_date '2020-02-30': no such day"),
    ("2021-02-29", "report_date '2021-02-29': no such day"),
    ("2020-13-01", "report_date '2020-13-01': no such day"),
    ("20200724", "report_date '20200724': expected a date such as 2020-07-24"),
    ("2020-W30-5", "report_date '2020-W30-5': expected a date such as 2020-07-24"),
])
def test_impossible_report_dates_are_refused_by_name(tmp_path, date, fragment):
    path = write(tmp_path, f"data: d\nperiod: 2020S1\nreport_date: {date}\n")
    with pytest.raises(ParamsError) as caught:
        build_params(load_params_file(path))
    assert fragment in str(caught.value)


#: A billion laughs: nine levels of nine aliases each, 9^9 (387 million) strings once expanded.
ALIAS_BOMB = """\
data: d
period: 2020S1
issuer:
  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  - &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  - &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  - &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  - &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  - &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
  - &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_a_yaml_alias_bomb_is_refused_at_once_with_a_short_message(tmp_path):
    path = write(tmp_path, ALIAS_BOMB)
    with pytest.raises(ParamsError) as caught:
        load_params_file(path)
    message = str(caught.value)
    assert "line 4" in message and "anchors and aliases" in message
    assert len(message) < 400


@pytest.mark.parametrize("text", [
    "data: d\nperiod: 2020S1\nissuer: &x Sở\nplace: *x\n",
    "base: &base {data: d}\nrun:\n  <<: *base\n",
])
def test_anchors_and_aliases_are_refused(tmp_path, text):
    with pytest.raises(ParamsError, match="anchors and aliases .* are not allowed"):
        load_params_file(write(tmp_path, text))


@pytest.mark.parametrize("text", [
    "data: d\nperiod: 2020S1\nreport_date: !!timestamp 2020-02-30\n",
    "data: d\nperiod: !!int 2020\n",
])
def test_every_yaml_tag_is_refused(tmp_path, text):
    with pytest.raises(ParamsError, match="YAML tags such as '!!python/...' are not allowed"):
        load_params_file(write(tmp_path, text))


@pytest.mark.parametrize("key, value", [("lang", "x" * 5_000_000), ("unit", "y" * 100_000),
                                        ("period", "z" * 100_000), ("issuer", ["w" * 1000] * 50),
                                        ("to", ["v" * 100_000])])
def test_a_huge_value_is_quoted_short(key, value):
    with pytest.raises(ParamsError) as caught:
        build_params({"data": "d", "period": "2020S1", key: value})
    assert len(str(caught.value)) < 400 and "…" in str(caught.value)


def test_a_huge_unknown_key_is_quoted_short(tmp_path):
    with pytest.raises(ParamsError) as caught:
        load_params_file(write(tmp_path, f"data: d\n? {'k' * 100_000}\n: 1\n"))
    assert len(str(caught.value)) < 600 and "…" in str(caught.value)


@pytest.mark.parametrize("flag", ["out", "data"])
def test_an_empty_path_flag_is_refused(flag):
    with pytest.raises(ParamsError, match=f"{flag} '': expected a folder path"):
        build_params({"data": "d", "period": "2020S1"}, {flag: ""})


def test_every_bad_parameter_is_named_at_once():
    with pytest.raises(ParamsError) as caught:
        build_params({"data": "d", "period": "2020S1", "lang": "fr", "to": "docx",
                      "report_date": "2020-02-30"})
    message = str(caught.value)
    assert message.startswith("3 problems in the parameters:")
    for fragment in ("lang 'fr'", "unknown format 'docx'", "report_date '2020-02-30'"):
        assert fragment in message


def test_a_notebook_path_is_relative_to_the_params_file(tmp_path):
    folder = tmp_path / "params"
    folder.mkdir()
    values = load_params_file(write(folder, "data: d\nperiod: 2020S1\nnotebook: ../nb/x.ipynb\n"))
    assert build_params(values).notebook == str(tmp_path / "nb" / "x.ipynb")
