"""What a report notebook must be before a kernel runs it: a notebook, a kernel, known needs."""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from briefing.errors import ParamsError, shown
from briefing.inputs.contract import TABLES
from briefing.render.document import DocumentInfo

#: What ``briefing.requires`` may list: input tables, or ``children`` (a unit with child units).
KNOWN_NEEDS = (*TABLES, "children")
#: Header fields, which a run passes in one mapping, ``document``, and never one by one.
HEADER_FIELDS = frozenset(f.name for f in fields(DocumentInfo))


@dataclass(frozen=True)
class NotebookContract:
    """A notebook that passed its checks: where it is, its kernel and what it needs."""

    path: Path
    kernel: str
    requires: tuple[str, ...] = ()


def read_notebook_contract(path: Path) -> NotebookContract:
    """Read ``path`` and check it is a notebook a run can execute.

    Raises
    ------
    ParamsError
        Naming the notebook and every problem: not JSON (with line and
        column), not a notebook, no kernelspec, a kernel that is not
        installed, ``briefing.requires`` that is not a list of known needs, or
        a ``parameters`` cell that sets header fields one by one (a run passes
        them as one mapping, ``document``, so they would be left out).
    """
    document = _read_json(path)
    metadata = document.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    problems = _shape_problems(document) or _parameters_problems(document["cells"])
    kernel, problem = _kernel_name(metadata)
    problems += [problem] if problem else []
    requires, more = _requires(metadata)
    problems += more
    if problems:
        raise ParamsError(f"notebook {path}: " + "; ".join(problems))
    return NotebookContract(Path(path), kernel, requires)


def check_requirements(contract: NotebookContract, dataset, unit: str) -> None:
    """Raise ``ParamsError`` when the data or the unit lacks what the notebook needs."""
    for need in contract.requires:
        if need == "children":
            if not dataset.tree.children(unit):
                raise ParamsError(f"notebook {contract.path.stem} compares child units and org "
                                  f"unit {shown(unit)} has none")
        elif getattr(dataset, need, None) is None:
            raise ParamsError(f"notebook {contract.path.stem} needs {need}.csv and the data has none")


def _read_json(path: Path) -> dict:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ParamsError(f"notebook {path}: expected a notebook (JSON in UTF-8); "
                          "the file is not UTF-8 text") from None
    except OSError as error:
        raise ParamsError(f"notebook {path}: cannot be read ({error.strerror})") from None
    try:
        document = json.loads(text)
    except ValueError as error:
        where = f"line {error.lineno}, column {error.colno}" if hasattr(error, "lineno") else "JSON"
        raise ParamsError(f"notebook {path}: expected a notebook (JSON); {where}: "
                          f"{getattr(error, 'msg', error)}") from None
    if not isinstance(document, dict):
        raise ParamsError(f"notebook {path}: expected a notebook (a JSON object with cells)")
    return document


def _shape_problems(document: dict) -> list[str]:
    if document.get("nbformat") != 4:
        return [f"expected nbformat 4, found {shown(document.get('nbformat'), 40)}"]
    cells = document.get("cells")
    if not isinstance(cells, list) or not all(
            isinstance(c, dict) and c.get("cell_type") in ("code", "markdown", "raw") for c in cells):
        return ["expected a list of cells, each code, markdown or raw"]
    return []


def _parameters_problems(cells: list) -> list[str]:
    """Header fields the ``parameters`` cell assigns by name, which no run would set."""
    tagged = [c for c in cells if "parameters" in (c.get("metadata", {}).get("tags") or [])]
    if not tagged:
        return []
    source = tagged[0].get("source", "")
    try:
        tree = ast.parse("".join(source) if isinstance(source, list) else str(source))
    except SyntaxError:
        return []   # the kernel reports it, with the cell
    assigned = [t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                if isinstance(t, ast.Name)]
    stale = [name for name in assigned if name in HEADER_FIELDS]
    if not stale:
        return []
    return [f"its parameters cell sets {', '.join(stale)}; a run passes the header fields as one "
            f"mapping, document = {{\"issuer\": ..., \"place\": ...}}, so set them there"]


def _kernel_name(metadata: dict) -> tuple[str, str | None]:
    spec = metadata.get("kernelspec")
    name = spec.get("name") if isinstance(spec, dict) else None
    if not isinstance(name, str) or not name:
        return "", ("expected metadata.kernelspec.name, the kernel that runs it (e.g. python3); "
                    "open it in JupyterLab, choose a kernel and save it")
    resolved = resolve_kernel(name)
    if resolved is None:
        return name, (f"its kernel {shown(name, 60)} is not installed; installed: "
                      f"{', '.join(sorted(installed_kernels())) or 'none'}")
    return resolved, None


#: The kernel the bundled notebooks name, installed by ``make venv`` (and ``make kernel`` for
#: the user's own JupyterLab or VS Code) so that people recognise it in their kernel lists.
BRIEFING_KERNEL = "briefing"
#: The kernel every environment with ipykernel has: it runs the interpreter of that environment.
FALLBACK_KERNEL = "python3"


def kernel_of(notebook: Path) -> str:
    """The installed kernel a notebook runs on (see :func:`resolve_kernel`)."""
    metadata = json.loads(Path(notebook).read_text(encoding="utf-8")).get("metadata", {})
    name = metadata.get("kernelspec", {}).get("name", FALLBACK_KERNEL)
    return resolve_kernel(name) or name


def resolve_kernel(name: str) -> str | None:
    """The installed kernel that runs a notebook asking for ``name``; None when there is none.

    A notebook asking for the ``briefing`` kernel runs on ``python3`` (the kernel of the
    interpreter briefing is installed in) where ``briefing`` was never installed, e.g.
    after a plain ``pip install``.
    """
    kernels = installed_kernels()
    if name in kernels:
        return name
    if name == BRIEFING_KERNEL and FALLBACK_KERNEL in kernels:
        return FALLBACK_KERNEL
    return None


def _requires(metadata: dict) -> tuple[tuple[str, ...], list[str]]:
    briefing = metadata.get("briefing", {})
    if not isinstance(briefing, dict):
        return (), [f"metadata.briefing: expected a mapping such as {{\"requires\": [\"dossiers\"]}}, "
                    f"found {shown(briefing, 80)}"]
    requires = briefing.get("requires", [])
    expected = f"a list of {', '.join(KNOWN_NEEDS)}"
    if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
        return (), [f"metadata.briefing.requires: expected {expected}, found {shown(requires, 80)}"]
    unknown = [r for r in requires if r not in KNOWN_NEEDS]
    if unknown:
        return (), [f"metadata.briefing.requires: unknown {shown(unknown[0], 60)}; expected {expected}"]
    return tuple(requires), []


@lru_cache(maxsize=1)
def installed_kernels() -> frozenset[str]:
    """Names of the Jupyter kernels this machine can start."""
    from jupyter_client.kernelspec import KernelSpecManager

    return frozenset(KernelSpecManager().find_kernel_specs())
