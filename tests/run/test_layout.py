"""The output layout, spelled in one place: every path a report or batch writes."""

from briefing.run import layout


def test_paths_of_a_report_and_its_batch():
    assert layout.report_folder("out", "2020S1", "hongdan").as_posix() == "out/2020S1/hongdan"
    assert layout.batch_summary_path("out", "2020S1").as_posix() == "out/2020S1/batch-summary.json"
    assert layout.report_file_name("briefing", "en", "pdf") == "briefing.en.pdf"
    assert layout.report_file_names("district_comparison", "vi", ("ipynb", "html")) == {
        "district_comparison.vi.ipynb", "district_comparison.vi.html", "metrics.vi.json",
        ".district_comparison.vi.fingerprint.json"}


def test_previous_report_of_each_period_kind():
    cases = {"2020-01": "2019-12", "2020Q1": "2019Q4", "2020S1": "2019S2", "2020": "2019"}
    for period, previous in cases.items():
        assert layout.previous_metrics_path("o", period, "P", "en").as_posix() \
            == f"o/{previous}/P/metrics.en.json"


def test_no_other_module_spells_the_layout():
    """The file names of the layout appear in run/layout.py only (docstrings aside)."""
    import ast
    from pathlib import Path

    package = Path(layout.__file__).resolve().parent.parent
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "layout.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                      and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in docstrings \
                    and ("batch-summary.json" in node.value or node.value.startswith("metrics.")):
                offenders.append(f"{path.name}: {node.value!r}")
    assert offenders == []
