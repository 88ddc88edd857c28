"""The documentation tells the truth: ``docs/contract.md`` and the README against the code.

Every name the code fixes (input columns, kinds, periods, flags, metrics fields, params
keys, commands and their options, exit statuses) is listed in ``docs/contract.md``, and
nothing listed there is missing from the code. The README points only at files the
repository has, and its layout section names every part of ``lib/briefing/``.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
import signal

import pytest

import briefing
from briefing.commands import COMMANDS
from briefing.compute.admin import COUNT_KEYS, CUTOFFS, SHARE_KEYS
from briefing.compute.flags import FLAGS
from briefing.compute.metrics import METRIC_COLUMNS
from briefing.errors import BriefingError, PeriodError
from briefing.inputs.contract import (
    DIRECTIONS,
    KINDS,
    MAX_DECIMALS,
    MAX_MAGNITUDE,
    MAX_TEXT_LENGTH,
    MAX_TREE_DEPTH,
    MIN_MAGNITUDE,
    STATUSES,
    TABLES,
)
from briefing.periods import MONTHS_IN, parse_period
from briefing.run.metrics_file import build_metrics_document
from briefing.run.params import VALID_KEYS
from conftest import ROOT, dossiers_csv, months_rows

CONTRACT = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "lib" / "briefing"
#: Parts other branches are adding to ``lib/briefing/`` that the README names already.
#: Drop each one from here once it is in the tree (the test says when).
PENDING: set[str] = set()


# --- reading markdown ----------------------------------------------------------------


def section(text: str, heading: str) -> str:
    """The text under ``heading`` (``## Periods``), up to the next heading of the same or a
    higher level."""
    match = re.search(rf"^{re.escape(heading)}\n", text, re.MULTILINE)
    assert match, f"no heading {heading!r}"
    level = len(heading) - len(heading.lstrip("#"))
    rest = text[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[:end.start()] if end else rest


def tables(text: str) -> list[list[list[str]]]:
    """The markdown tables of ``text``: each a list of rows (header and rule left out)."""
    found, current = [], None
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if current is None:
                current = []
                found.append(current)
                header = True
            elif header and set("".join(cells)) <= set("-: "):
                header = False
            else:
                current.append(cells)
        else:
            current = None
    return found


def names(rows: list[list[str]]) -> list[str]:
    """The first cell of each row without its backticks (``--data DIR`` gives ``--data``)."""
    return [row[0].replace("`", "").split(" ")[0] for row in rows]


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(text: str) -> set[str]:
    return {anchor(h) for h in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}


def without_code_blocks(text: str) -> str:
    return re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)


# --- docs/contract.md against the code -------------------------------------------------


@pytest.mark.parametrize("table", TABLES.values(), ids=list(TABLES))
def test_every_input_column_is_documented_with_whether_it_is_required(table):
    text = section(CONTRACT, f"### `{table.file_name}`")
    assert text.strip().startswith("Required." if table.required_table else "Optional.")
    rows = tables(text)[0]
    assert sorted(names(rows)) == sorted(table.columns)
    one_of = {c for group in table.one_of for c in group}
    for column, row in zip(names(rows), rows):
        if column in table.required:
            assert row[1] == "yes", column
        elif column in one_of:
            assert row[1].startswith("one of"), column
        else:   # optional, or needed only by one kind ("for `ratio`")
            assert row[1] == "no" or row[1].startswith("for `"), column


def test_limits_state_the_contract_constants():
    text = section(CONTRACT, "### Limits")
    assert f"10^{round(math.log10(MAX_MAGNITUDE))}" in text
    assert f"10^{round(math.log10(MIN_MAGNITUDE))}" in text
    assert f"from 0 to {MAX_DECIMALS}" in text
    assert f"at most {MAX_TEXT_LENGTH} characters" in text
    assert f"at most {MAX_TREE_DEPTH:,} levels" in text
    free_text = {c for spec in TABLES.values() for c in spec.free_text}
    row = next(r for r in tables(text)[0] if r[0] == "names and other free text")
    assert set(re.findall(r"`(\w+)`", row[1].split("Checked in")[1])) == free_text


def test_every_kind_and_direction_is_documented():
    kinds, directions = tables(section(CONTRACT, "## Indicator kinds and directions"))
    assert names(kinds) == list(KINDS)
    assert names(directions) == list(DIRECTIONS)


def test_every_period_spelling_documented_reads_as_its_canonical_key():
    text = section(CONTRACT, "## Periods")
    rows = tables(text)[0]
    for row in rows:
        canonical = row[2].strip("`")
        for written in re.findall(r"`([^`]+)`", row[1]):
            if written not in ("q", "s", "h"):
                assert parse_period(written).key == canonical, written
    assert {parse_period(row[2].strip("`")).kind for row in rows} == set(MONTHS_IN)
    refused = re.search(r"Anything else \(([^)]*)\) is refused", text).group(1)
    for written in re.findall(r"`([^`]+)`", refused):
        with pytest.raises(PeriodError):
            parse_period(written)


def test_statuses_flags_and_admin_figures_are_documented_in_order():
    assert names(tables(section(CONTRACT, "## Statuses"))[0]) == list(STATUSES)
    assert names(tables(section(CONTRACT, "## Data-quality flags"))[0]) == list(FLAGS)
    admin = section(CONTRACT, "## Administrative procedures")
    assert names(tables(admin)[0]) == list(COUNT_KEYS + SHARE_KEYS)
    assert set(re.findall(r"`(\w+)`", admin.split("\n|")[0])) >= set(CUTOFFS)


def test_every_field_of_the_metrics_file_is_documented(make_dataset):
    dataset = make_dataset(
        values=months_rows("trained", "D1", 2020, [5, 6, 7]),
        dossiers=dossiers_csv([("h1", "D1", "Cấp phép", "2020-01-02", "2020-01-10", "2020-01-05")]),
    )
    document = build_metrics_document(dataset, "2020Q1", "P", "vi")
    top, entries, labels = tables(section(CONTRACT, "## The metrics file"))
    assert names(top) == list(document)
    assert names(entries) == METRIC_COLUMNS == list(document["indicators"][0])
    assert names(labels) == list(document["labels"])
    admin = names(tables(section(CONTRACT, "## Administrative procedures"))[0])
    assert admin == list(document["admin_procedures"])


def test_every_params_key_is_documented():
    assert sorted(names(tables(section(CONTRACT, "## Params files"))[0])) == VALID_KEYS


def _options(parser) -> set[str]:
    found = set()
    for action in parser._actions:
        if action.option_strings:
            found |= {o for o in action.option_strings if o.startswith("--")} - {"--help"}
        else:
            found.add(action.metavar or action.dest)
    return found


def test_every_command_and_option_is_documented():
    parsers = briefing.cli.build_parser()._subparsers._group_actions[0].choices
    documented = re.findall(r"^### `briefing (\w+)`$", section(CONTRACT, "## Commands"),
                            re.MULTILINE)
    assert sorted(documented) == sorted(COMMANDS)
    for name in COMMANDS:
        rows = tables(section(CONTRACT, f"### `briefing {name}`"))[0]
        assert set(names(rows)) == _options(parsers[name]), name


def _stop_statuses() -> set[int]:
    return {128 + signal.SIGINT, 128 + signal.SIGTERM}


def test_every_exit_status_is_documented():
    for module in pkgutil.walk_packages(briefing.__path__, "briefing."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    errors, pending = set(), [BriefingError]
    while pending:
        error = pending.pop()
        errors.add(error.exit_status)
        pending += error.__subclasses__()
    documented = {int(s) for s in names(tables(section(CONTRACT, "## Exit statuses"))[0])}
    assert documented == {0} | errors | _stop_statuses()


def test_every_environment_variable_read_is_documented():
    read = set()
    for path in PACKAGE.rglob("*.py"):
        read |= set(re.findall(r"environ(?:\.get)?[(\[]\s*\"([A-Z_]+)\"", path.read_text("utf-8")))
    assert set(names(tables(section(CONTRACT, "## Environment variables"))[0])) == read


@pytest.mark.parametrize("name, text", [("docs/contract.md", CONTRACT), ("README.md", README)])
def test_links_to_sections_lead_somewhere(name, text):
    for target, fragment in re.findall(r"\]\(([^)#\s]*)#([^)\s]+)\)", text):
        if target.startswith("http"):
            continue
        linked = CONTRACT if target.endswith("contract.md") else text
        assert not target or (ROOT / target).is_file(), target
        assert fragment in anchors(linked), f"{name}: {target}#{fragment}"


# --- the README ----------------------------------------------------------------------


def test_readme_does_not_point_to_the_spec_users_do_not_have():
    assert "SPEC.md" not in README


def repository_paths(text: str) -> set[str]:
    """Paths into the repository that ``text`` names: in backticks, in code blocks or as link
    targets, starting with one of the repository's top-level files or folders."""
    top = {p.name for p in ROOT.iterdir()}
    candidates = set(re.findall(r"`([^`\n]+)`", without_code_blocks(text)))
    candidates |= set(re.findall(r"\]\(([^)#\s]+)", text))
    for block in re.findall(r"^```.*?^```", text, flags=re.MULTILINE | re.DOTALL):
        candidates |= {word.strip("\"',():") for word in block.split()}
    return {c for c in candidates if "/" in c and c.split("/")[0] in top
            and not re.search(r"[<>{}*$]", c)}


@pytest.mark.parametrize("name, text", [("README.md", README), ("docs/contract.md", CONTRACT)])
def test_paths_named_in_the_documentation_exist(name, text):
    paths = repository_paths(text)
    assert paths, "no path found: the pattern is broken"
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert not missing, f"{name} names paths the repository does not have: {missing}"


def test_readme_says_the_command_line_needs_posix():
    assert "The command line runs on POSIX systems (Linux, macOS); on Windows use WSL" in README


def layout_names() -> set[str]:
    """Parts of ``lib/briefing/`` the README's layout tree names, as paths (``render/reports``)."""
    block = re.search(r"^```\n(.*?)^```", section(README, "## Layout"),
                      re.MULTILINE | re.DOTALL).group(1)
    lines = block.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("lib/briefing/"))
    named, stack = set(), []
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        depth = (len(line) - len(line.lstrip(" "))) // 2
        stack = stack[:depth - 1]
        entries = re.split(r"\s{2,}", line.strip())[0].split(", ")
        for entry in entries:
            named.add("/".join(stack + [entry.rstrip("/")]))
        if entries[-1].endswith("/"):
            stack.append(entries[-1].rstrip("/"))
    return named


def package_parts() -> set[str]:
    """Top-level modules of ``lib/briefing/``, its folders, and the folders inside those."""
    def folders(path):
        return [p for p in sorted(path.iterdir()) if p.is_dir() and p.name != "__pycache__"]

    parts = {p.name for p in PACKAGE.glob("*.py")}
    for folder in folders(PACKAGE):
        parts.add(folder.name)
        parts |= {f"{folder.name}/{inner.name}" for inner in folders(folder)}
    return parts


def test_readme_layout_names_every_part_of_the_package():
    named, parts = layout_names(), package_parts()
    assert {"cli.py", "inputs", "render/reports"} <= named, "the layout parser is broken"
    assert not parts - named, f"missing from the README's layout: {sorted(parts - named)}"
    assert not named - parts - PENDING, \
        f"the README's layout names what is not there: {sorted(named - parts - PENDING)}"
    assert not PENDING & parts, f"now in the tree, drop from PENDING: {sorted(PENDING & parts)}"
