"""Run parameters: params files, flags on top, and clear messages for bad values."""

from pathlib import Path

import pytest

from briefing.errors import ParamsError
from briefing.params import build_params, load_params_file


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
    ("data: d\nperiod: 2020S1\nlang: 1\n", "lang 1: expected one of vi, en"),
    ("data: d\nperiod: 2020Q5\n", "period '2020Q5': expected a quarter from 1 to 4"),
    ("data: d\nperiod: [2020]\n", "period [2020]"),
    ("data: d\nperiod: 2020S1\nto: [html, docx]\n", "unknown format 'docx'"),
    ("data: d\nperiod: 2020S1\ncutoff: weekly\n", "cutoff 'weekly': expected one of calendar, decree09"),
    ("data: d\nperiod: 2020S1\nreport_date: 24/07/2020\n", "expected a date such as 2020-07-24"),
    ("data: d\nperiod: 2020S1\nissuer: {a: 1}\n", "issuer {'a': 1}: expected text"),
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
