"""Domain errors: what went wrong, where, and what was expected instead."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

#: Problems of one kind in one column shown in full before the rest are summarised.
SHOWN_PER_KIND = 20
#: Characters of a value quoted in a message before it is cut (with "…").
QUOTED_LENGTH = 200


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as possible.

    Parameters
    ----------
    file
        File name as the user knows it, e.g. ``values.csv`` or ``data.xlsx [values]``.
    expected
        What the toolkit expected, in plain words.
    line
        1-based line (row) of the file, the header being line 1.
    column
        Column name.
    value
        The offending value, as written in the file.
    hint
        How to fix it, when there is something more useful to say.
    """

    file: str
    expected: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column}"
        what = f"{where}: "
        if self.value is not None:
            what += f"found {_quote(self.value)}, "
        what += f"expected {self.expected}"
        if self.hint:
            what += f" ({self.hint})"
        return what

    @property
    def kind(self) -> tuple[str, str | None, str]:
        """File, column and expectation: problems of one kind differ only in place and value."""
        return self.file, self.column, self.expected


def _quote(value: str) -> str:
    """The value in double quotes, cut to 60 characters, control characters as ``\\xNN``."""
    text = value if len(value) <= 60 else value[:57] + "..."
    return '"' + "".join(_visible(c) for c in text) + '"'


def _visible(char: str) -> str:
    code = ord(char)
    if code < 0x20 or 0x7f <= code <= 0x9f:
        return f"\\x{code:02x}"
    return char


def shown(value, limit: int = QUOTED_LENGTH) -> str:
    """``repr(value)`` for a message, cut to ``limit`` characters with "…".

    Whatever a user wrote is quoted through this, so that no input (a 5 MB
    line, a nested structure) makes a message longer than the screen.
    """
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


class BriefingError(Exception):
    """Base of every error the toolkit raises on purpose."""

    #: Exit status of the command line when this error stops it.
    exit_status = 2


class InputError(BriefingError):
    """The input data breaks the contract; carries every problem found."""

    def __init__(self, problems: list[Problem], source: str = "input"):
        files = list(dict.fromkeys(p.file for p in problems))
        self.problems = tuple(sorted(problems, key=lambda p: (files.index(p.file), p.line or 0)))
        self.source = source
        super().__init__(self.describe())

    def describe(self) -> str:
        """Every problem, one per line, long runs of one kind summarised."""
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in {self.source}:"]
        lines += [f"  - {line}" for line in summarise_problems(self.problems)]
        return "\n".join(lines)


def summarise_problems(problems: tuple[Problem, ...] | list[Problem]) -> list[str]:
    """Problems as text lines; after ``SHOWN_PER_KIND`` of one kind, one line counts the rest."""
    by_kind: dict[tuple, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_kind[problem.kind].append(problem)
    lines = []
    for same in by_kind.values():
        lines += [str(p) for p in same[:SHOWN_PER_KIND]]
        rest = same[SHOWN_PER_KIND:]
        if rest:
            where = [p.line for p in rest if p.line is not None]
            span = f" (lines {min(where)}–{max(where)})" if where else ""
            lines.append(f"... and {len(rest)} more like the above{span}")
    return lines


class PeriodError(BriefingError, ValueError):
    """A period is written in a form the toolkit does not know.

    ``reason`` says what was expected, without repeating the text itself.
    """

    def __init__(self, text: str, reason: str):
        self.text = text
        self.reason = reason
        super().__init__(f"period {text!r}: expected {reason}")


class ParamsError(BriefingError):
    """Run parameters (a params file or command-line flags) are wrong."""


class OutputError(BriefingError):
    """Reports cannot be written where they were asked to go."""


class NotebookError(BriefingError):
    """A cell of a notebook failed while the report was being produced."""

    exit_status = 1

    def __init__(self, notebook: str, cell: int | None, error: str, source: str = ""):
        self.notebook = notebook
        self.cell = cell
        self.error = error
        self.source = source
        where = f"cell {cell}" if cell is not None else "an unknown cell"
        message = f"notebook {notebook} failed in {where}: {error}"
        if source:
            message += "\n  the cell reads:\n" + "\n".join(
                "    " + line for line in source.splitlines()[:8]
            )
        super().__init__(message)
