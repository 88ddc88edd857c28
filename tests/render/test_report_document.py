"""The header fields as one ``document`` mapping, and the notebooks' one shared call."""

import pytest

from briefing.errors import ParamsError
from briefing.render.document import DocumentInfo
from briefing.render.reports.admin import prepare_admin_report
from briefing.render.reports.briefing import prepare_report
from briefing.render.reports.comparison import prepare_comparison
from briefing.render.reports.notebook import report_from_parameters
from conftest import dossiers_csv, months_rows

HEADER = {"issuer": "Sở Lao động X", "place": "Bạc Liêu", "report_date": "2020-07-24",
          "recipients": ["UBND tỉnh", "Lưu: VT"], "signer": "Nguyễn Văn A"}


@pytest.fixture
def dataset(make_dataset):
    return make_dataset(values=months_rows("trained", "D1", 2020, [10] * 6)
                        + months_rows("trained", "D2", 2020, [5] * 6),
                        dossiers=dossiers_csv([("1", "D1", "p", "2020-02-03", "2020-02-20",
                                                "2020-02-10")]))


def test_a_document_mapping_sets_the_header_fields(dataset):
    report = prepare_report(dataset, "2020S1", "P", "en", document=HEADER)
    assert report.document == DocumentInfo(
        issuer="Sở Lao động X", place="Bạc Liêu", report_date="2020-07-24",
        recipients=("UBND tỉnh", "Lưu: VT"), signer="Nguyễn Văn A")
    assert "Sở Lao động X" in report.header() and "Lưu: VT" in report.closing()


@pytest.mark.parametrize("prepare", [prepare_report, prepare_comparison, prepare_admin_report])
def test_document_and_the_older_document_info_give_the_same_document(dataset, prepare):
    info = DocumentInfo(issuer="Sở X", place="Bạc Liêu", recipients=("A",))
    by_mapping = prepare(dataset, "2020S1", "P", "vi", document={
        "issuer": "Sở X", "place": "Bạc Liêu", "recipients": ["A"]})
    assert by_mapping.document == info
    assert prepare(dataset, "2020S1", "P", "vi", document_info=info).document == info
    assert prepare(dataset, "2020S1", "P", "vi", document=info).document == info
    assert str(by_mapping.header()) == str(prepare(dataset, "2020S1", "P", "vi",
                                                   document_info=info).header())


@pytest.mark.parametrize("prepare", [prepare_report, prepare_comparison, prepare_admin_report])
def test_an_unknown_document_key_is_named_with_the_known_ones(dataset, prepare):
    with pytest.raises(ParamsError) as caught:
        prepare(dataset, "2020S1", "P", document={"issuer": "X", "isuer": "Y"})
    assert str(caught.value) == (
        "document: unknown key 'isuer'; the header fields are issuer, parent_body, place, "
        "report_date, doc_number, subject, signer, signer_title, recipients")


@pytest.mark.parametrize("document, fragment", [
    ({"recipients": 5}, "document: recipients 5: expected a list of text lines"),
    ({"issuer": ["a"]}, "document: issuer ['a']: expected text"),
    ("Sở X", "document 'Sở X': expected a mapping of header fields"),
])
def test_bad_document_values_are_named(dataset, document, fragment):
    with pytest.raises(ParamsError, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        prepare_report(dataset, "2020S1", "P", document=document)


def test_document_and_document_info_together_are_refused(dataset):
    with pytest.raises(ParamsError, match="document and document_info both given"):
        prepare_report(dataset, "2020S1", "P", document={}, document_info=DocumentInfo())


def test_recipients_given_as_text_are_its_lines_and_empty_fields_are_blank(dataset):
    report = prepare_report(dataset, "2020S1", "P", document={
        "recipients": "UBND tỉnh\n\nLưu: VT\n", "subject": None, "doc_number": 207})
    assert report.document == DocumentInfo(recipients=("UBND tỉnh", "Lưu: VT"), doc_number="207")


@pytest.mark.parametrize("notebook, prepare", [
    ("briefing", prepare_report), ("district_comparison", prepare_comparison),
    ("admin_procedures", prepare_admin_report)])
def test_report_from_parameters_is_the_prepare_call_of_each_notebook(dataset, notebook, prepare):
    namespace = {"data": dataset, "period": "2020S1", "unit": "P", "lang": "en",
                 "cutoff": "calendar", "document": HEADER, "previous_metrics": "",
                 "In": [], "something_else": 1}   # a notebook's globals hold more than these
    report = report_from_parameters(notebook, namespace)
    expected = prepare(dataset, "2020S1", "P", lang="en", document=HEADER)
    assert type(report) is type(expected) and report.document == expected.document
    assert str(report.header()) == str(expected.header())


def test_report_from_parameters_needs_data_and_period_and_a_known_notebook(dataset):
    with pytest.raises(ParamsError, match="notebook briefing: its parameters lack period"):
        report_from_parameters("briefing", {"data": dataset})
    with pytest.raises(ParamsError, match="no report is prepared for notebook 'explore'; expected "
                                          "one of briefing, district_comparison, admin_procedures"):
        report_from_parameters("explore", {"data": dataset, "period": "2020S1"})


def test_report_from_parameters_defaults_what_the_cell_leaves_out(dataset):
    report = report_from_parameters("briefing", {"data": dataset, "period": "2020S1"})
    assert (report.unit, report.lang, report.cutoff, report.document) == (
        "P", "vi", "calendar", DocumentInfo())
