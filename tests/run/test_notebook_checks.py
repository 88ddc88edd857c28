"""What a report notebook must be before a kernel runs it."""

from __future__ import annotations

import json

import pytest

from briefing.errors import ParamsError
from briefing.run.notebook_checks import check_requirements, read_notebook_contract
from conftest import ROOT


def notebook(tmp_path, metadata=None, **top) -> object:
    document = {"cells": [{"cell_type": "code", "metadata": {}, "source": "1", "outputs": [],
                           "execution_count": None}],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}}
                if metadata is None else metadata,
                "nbformat": 4, "nbformat_minor": 5} | top
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize("name, requires", [
    ("briefing", ()), ("district_comparison", ("children",)), ("admin_procedures", ("dossiers",)),
])
def test_the_shipped_notebooks_pass(name, requires):
    contract = read_notebook_contract(ROOT / "notebooks" / f"{name}.ipynb")
    assert (contract.kernel, contract.requires) == ("briefing", requires)   # installed by make venv


def test_a_file_that_is_not_json_is_named_with_line_and_column(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_text('{\n "cells": [\n  {"cell_type": "code",\n', encoding="utf-8")
    with pytest.raises(ParamsError, match=r"nb.ipynb: expected a notebook \(JSON\); line 4, column 1"):
        read_notebook_contract(path)


@pytest.mark.parametrize("content", [b"\xff\xfe{}", b"[1, 2]"])
def test_other_files_are_not_notebooks(tmp_path, content):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(content)
    with pytest.raises(ParamsError, match="expected a notebook"):
        read_notebook_contract(path)


@pytest.mark.parametrize("metadata, fragment", [
    ({}, "expected metadata.kernelspec.name"),
    ({"kernelspec": {"display_name": "Python 3"}}, "expected metadata.kernelspec.name"),
    ({"kernelspec": "python3"}, "expected metadata.kernelspec.name"),
    ({"kernelspec": {"name": "julia-1.9"}}, "its kernel 'julia-1.9' is not installed; installed: "),
])
def test_a_notebook_needs_an_installed_kernel(tmp_path, metadata, fragment):
    with pytest.raises(ParamsError, match=fragment):
        read_notebook_contract(notebook(tmp_path, metadata))


@pytest.mark.parametrize("briefing, fragment", [
    ({"requires": "dossiers"}, "metadata.briefing.requires: expected a list of indicators, "
                               "sectors, org_units, values, targets, dossiers, children, found 'dossiers'"),
    ({"requires": ["dossier"]}, "metadata.briefing.requires: unknown 'dossier'"),
    ({"requires": [1]}, "metadata.briefing.requires: expected a list"),
    ({"requires": {"dossiers": True}}, "metadata.briefing.requires: expected a list"),
    (["dossiers"], "metadata.briefing: expected a mapping"),
])
def test_malformed_requires_metadata_is_refused(tmp_path, briefing, fragment):
    metadata = {"kernelspec": {"name": "python3"}, "briefing": briefing}
    with pytest.raises(ParamsError) as caught:
        read_notebook_contract(notebook(tmp_path, metadata))
    assert fragment in str(caught.value)


@pytest.mark.parametrize("top, fragment", [
    ({"nbformat": 3}, "expected nbformat 4, found 3"),
    ({"cells": {"a": 1}}, "expected a list of cells"),
    ({"cells": [{"cell_type": "python"}]}, "expected a list of cells"),
])
def test_the_shape_of_a_notebook_is_checked(tmp_path, top, fragment):
    with pytest.raises(ParamsError, match=fragment):
        read_notebook_contract(notebook(tmp_path, **top))


def test_every_problem_of_a_notebook_is_named(tmp_path):
    with pytest.raises(ParamsError) as caught:
        read_notebook_contract(notebook(tmp_path, {"briefing": {"requires": ["x"]}}))
    assert "kernelspec" in str(caught.value) and "unknown 'x'" in str(caught.value)


def test_requirements_are_checked_against_the_data_and_unit(tmp_path, make_dataset):
    dataset = make_dataset(values=[("trained", "C1", "2020-01", 1)])
    comparison = read_notebook_contract(ROOT / "notebooks" / "district_comparison.ipynb")
    check_requirements(comparison, dataset, "P")
    with pytest.raises(ParamsError, match="compares child units and org unit 'C1' has none"):
        check_requirements(comparison, dataset, "C1")
    admin = read_notebook_contract(ROOT / "notebooks" / "admin_procedures.ipynb")
    with pytest.raises(ParamsError, match="needs dossiers.csv and the data has none"):
        check_requirements(admin, dataset, "P")


def test_the_bundled_notebooks_name_the_briefing_kernel_and_run_without_it(monkeypatch):
    """People see "Python (briefing)" in their kernel lists; a plain pip install runs on python3."""
    import json

    from briefing.run import notebook_checks
    from conftest import ROOT

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        spec = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
        assert (spec["name"], spec["display_name"]) == ("briefing", "Python (briefing)"), path.name
    monkeypatch.setattr(notebook_checks, "installed_kernels", lambda: frozenset({"python3"}))
    assert notebook_checks.resolve_kernel("briefing") == "python3"
    assert notebook_checks.kernel_of(ROOT / "notebooks" / "briefing.ipynb") == "python3"
    monkeypatch.setattr(notebook_checks, "installed_kernels", lambda: frozenset({"python3", "briefing"}))
    assert notebook_checks.kernel_of(ROOT / "notebooks" / "briefing.ipynb") == "briefing"
    monkeypatch.setattr(notebook_checks, "installed_kernels", lambda: frozenset({"ir"}))
    assert notebook_checks.resolve_kernel("briefing") is None
