"""What a run passes a report notebook: its parameters, the header fields as one ``document``."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import nbformat
import pytest

from briefing.errors import ParamsError
from briefing.render.document import DocumentInfo
from briefing.run.notebook_checks import read_notebook_contract
from briefing.run.params import build_params
from conftest import INDICATORS, ORG_UNITS, ROOT, visible_text, write_tables

REPORT_NOTEBOOKS = ("briefing", "district_comparison", "admin_procedures")
PARAMETERS = {"data", "period", "unit", "lang", "cutoff", "pace", "document", "previous_metrics"}
HEADER_FIELDS = {"issuer", "parent_body", "place", "report_date", "doc_number", "subject",
                 "signer", "signer_title", "recipients"}


def parameters_cell(path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    tagged = [c for c in cells if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1
    return "".join(tagged[0]["source"])


@pytest.mark.parametrize("name", REPORT_NOTEBOOKS)
def test_report_notebooks_take_one_document_mapping_and_make_one_call(name):
    path = ROOT / "notebooks" / f"{name}.ipynb"
    tree = ast.parse(parameters_cell(path))
    assigned = {node.targets[0].id: node.value for node in tree.body}
    assert set(assigned) == PARAMETERS
    document = ast.literal_eval(assigned["document"])
    assert isinstance(document, dict) and set(document) <= HEADER_FIELDS
    code = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"]
    calls = [c for c in code if "report_from_parameters" in "".join(c["source"])]
    assert len(calls) == 1
    assert f'briefing.report_from_parameters("{name}", globals())' in "".join(calls[0]["source"])
    assert not any("DocumentInfo" in "".join(c["source"]) for c in code)


def test_the_runner_injects_the_header_fields_that_are_set_as_one_mapping():
    params = build_params({"data": "d", "period": "2020S1", "issuer": "Sở X",
                           "recipients": ["A", "B"], "report_date": "2020-07-24"})
    injected = params.notebook_parameters("m.json")
    assert set(injected) == PARAMETERS
    assert injected["document"] == {"issuer": "Sở X", "report_date": "2020-07-24",
                                    "recipients": ["A", "B"]}
    assert build_params({"data": "d", "period": "2020S1"}).notebook_parameters()["document"] == {}
    assert DocumentInfo(**{**injected["document"], "recipients": ("A", "B")}) == params.document


def test_a_notebook_setting_header_fields_one_by_one_is_refused(tmp_path):
    path = tmp_path / "old.ipynb"
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3",
                                                                 "display_name": "Python 3"}})
    notebook.cells = [nbformat.v4.new_code_cell('data = ""\nissuer = ""\nplace = "X"\nsigner: str = ""',
                                                metadata={"tags": ["parameters"]})]
    nbformat.write(notebook, path)
    with pytest.raises(ParamsError, match=r"its parameters cell sets issuer, place, signer; a run "
                                          r"passes the header fields as one mapping, document ="):
        read_notebook_contract(path)


@pytest.mark.slow
def test_a_real_run_passes_document_and_the_page_keeps_one_stylesheet(tmp_path):
    data = write_tables(tmp_path / "data", indicators=INDICATORS, org_units=ORG_UNITS, values=(
        "indicator_id,org_unit,period,value\ntrained,P,2020-01,40\ntrained,P,2019-01,30\n"))
    params = tmp_path / "run.yaml"
    params.write_text(f"data: {data}\nperiod: 2020-01\nunit: P\nissuer: Sở Thử Nghiệm\n"
                      "recipients: [Văn phòng UBND tỉnh]\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "run", str(params), "--out",
                             str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "out" / "2020-01" / "P"
    notebook = nbformat.read(folder / "briefing.vi.ipynb", as_version=4)
    injected = next(c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "document = {" in injected.source and "issuer = " not in injected.source
    namespace = {}
    exec(injected.source, namespace)
    assert namespace["document"] == {"issuer": "Sở Thử Nghiệm", "recipients": ["Văn phòng UBND tỉnh"]}
    # in the notebook, every section carries the report's style, scoped to it
    shown = [o.data["text/html"] for c in notebook.cells if c.cell_type == "code"
             for o in c.outputs if o.get("data", {}).get("text/html")]   # "": a section left out
    assert len(shown) >= 6
    assert all(h.startswith('<div class="briefing-notebook"><style>') for h in shown)
    assert ".briefing-notebook .doc-header{" in shown[0]
    # on the page, the sections as before, under the page's one stylesheet
    html = (folder / "briefing.vi.html").read_text(encoding="utf-8")
    assert html.count("<style") == 1 and "briefing-notebook" not in html
    assert "briefing:section" not in html and '<main class="briefing"><header class="doc-header">' in html
    text = visible_text(html)
    assert "SỞ THỬ NGHIỆM" in text or "Sở Thử Nghiệm" in text
    assert "- Văn phòng UBND tỉnh" in text
