"""The package's layers: imports point one way, and no module imports itself round a loop.

inputs <- compute <- render <- run <- the command line and the public facade; importers
(outside formats into the contract) stand beside compute, on inputs. The
modules at the top of the package (``errors``, ``periods``, ``paths``) are the ground
every layer stands on. Imports made inside functions count like the others: a lazy
import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lib" / "briefing"
#: Layer of each part of the package; a module may import its own layer and those below.
LAYERS = {"errors": 0, "periods": 0, "paths": 0,
          "inputs": 1, "compute": 2, "importers": 2, "render": 3, "run": 4,
          "dataset": 5, "commands": 5, "cli": 5, "__main__": 5, "__init__": 5}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:
        return LAYERS["__init__"]
    return LAYERS[parts[1]]


def imported_modules(path: Path) -> set[str]:
    """The ``briefing`` modules ``path`` imports, wherever the import statement stands."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("briefing")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                and node.module.split(".")[0] == "briefing":
            found.add(node.module)
            for alias in node.names:   # "from briefing.render import charts" imports a module
                candidate = f"{node.module}.{alias.name}"
                if (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists() \
                        or (PACKAGE.parent / candidate.replace(".", "/")).is_dir():
                    found.add(candidate)
    return found


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        # "from briefing import __version__" only reads the package's facade
        graph[module_name(path)] = imported_modules(path) - {"briefing"}
    return graph


GRAPH = import_graph()


def test_every_module_has_a_layer():
    unplaced = [m for m in GRAPH if m != "briefing" and m.split(".")[1] not in LAYERS]
    assert unplaced == []


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down_the_layers(module):
    upward = sorted(target for target in GRAPH[module]
                    if target in GRAPH and layer_of(target) > layer_of(module))
    assert upward == [], f"{module} (layer {layer_of(module)}) imports a higher layer: {upward}"


def test_computation_returns_no_words_or_html():
    """Nothing under inputs/ or compute/ imports languages, formatting or HTML."""
    wordy = {"markupsafe", "babel"}
    for path in [*PACKAGE.joinpath("inputs").rglob("*.py"), *PACKAGE.joinpath("compute").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names}
        names |= {node.module.split(".")[0] for node in ast.walk(tree)
                  if isinstance(node, ast.ImportFrom) and node.module}
        assert not names & wordy, f"{path.name} imports {names & wordy}"


def test_no_import_cycles():
    """No module reaches itself through imports (lazy ones included)."""
    package_of = {m: m for m in GRAPH}
    cycles = []
    state: dict[str, int] = {}

    def visit(module: str, stack: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH.get(module, ())):
            target = package_of.get(target)
            if target is None or target == module:
                continue
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target, stack + [target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []
