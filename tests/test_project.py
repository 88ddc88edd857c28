"""The project itself: dependency lists agree, notebooks are clean, the Makefile documents itself."""

import json
import re
import subprocess

import tomllib
import yaml

from conftest import ROOT


def _names(requirements):
    return {re.split(r"[<>=!~ \[]", r, maxsplit=1)[0].lower().replace("_", "-")
            for r in requirements}


def test_environment_yml_and_pyproject_list_the_same_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = _names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared |= _names(extra)
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    listed = _names(d for d in conda if isinstance(d, str)) - {"python", "pip"}
    assert listed == declared


def test_make_help_lists_the_quick_start_targets():
    result = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    for target in ("demo", "test", "help"):
        assert f"make {target}" in result.stdout


def test_notebooks_are_stored_without_outputs_and_with_one_parameters_cell():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), path
        tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, f"{path.name}: {len(tagged)} parameters cells"


def test_outputs_folder_is_kept_but_ignored():
    assert (ROOT / "outputs" / ".gitkeep").exists()
    ignore = (ROOT / ".gitignore").read_text()
    assert "outputs/*" in ignore and "!outputs/.gitkeep" in ignore
