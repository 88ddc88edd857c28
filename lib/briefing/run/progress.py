"""What a batch shows while it runs: a live progress bar, a line per report, a summary table.

Report labels and error texts are data: they are shown as plain text, never read as rich
markup (an error quoting ``[/value]`` prints as written). The display never decides a batch's
fate: an error while showing something is swallowed, the batch goes on and is summarised.
"""

from __future__ import annotations

import functools
import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text


def _never_raises(method):
    """Run a display method; if showing fails, say so once in plain words and carry on."""
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception as error:  # a display problem must not change the batch's outcome
            if not self.display_failed:
                self.display_failed = True
                try:
                    print(f"(progress display failed: {type(error).__name__}: {error})",
                          file=sys.stderr)
                except Exception:  # noqa: S110 - nowhere left to say it
                    pass
            return None
    return guarded


class BatchDisplay:
    """Progress on stderr; the bar is live on a terminal, plain lines in a log."""

    def __init__(self, total: int, skipped: list, unchanged: list = (), reasons: list = ()):
        self.total = total
        self.skipped = len(skipped)
        self.unchanged = len(unchanged)
        self.reasons = list(reasons)
        self.failed = 0
        self.display_failed = False
        self.console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
        self.progress = Progress(
            TextColumn("[bold]rendering"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(), TimeRemainingColumn(),
            console=self.console, disable=not self.console.is_terminal,
        )
        self.task = self.progress.add_task("batch", total=total, failed=0)
        self._show_skipped(skipped)

    @_never_raises
    def _show_skipped(self, skipped: list) -> None:
        for job, reason in skipped:
            self.console.print(Text(f"skipped  {job.label}: {reason}"))

    @_never_raises
    def __enter__(self):
        self.console.print(Text(self.plan_line()))
        self.progress.start()
        return self

    def plan_line(self) -> str:
        """``18 reports to render, 9 unchanged: values.csv changed (18)``; or nothing to do."""
        if not self.total:
            return (f"nothing to render: {_count(self.unchanged, 'report')} unchanged since "
                    "rendered (--force renders them again)")
        line = f"{_count(self.total, 'report')} to render"
        if self.unchanged:
            line += f", {self.unchanged} unchanged"
        why = {}
        for reason in self.reasons:
            why[reason] = why.get(reason, 0) + 1
        if set(why) - {"new"}:
            line += ": " + ", ".join(f"{reason} ({count})" for reason, count in why.items())
        return line

    @_never_raises
    def nothing_to_render(self) -> None:
        """Every report is unchanged: say so, and that no worker starts."""
        self.console.print(Text(self.plan_line()))

    @_never_raises
    def __exit__(self, *exc):
        self.progress.stop()
        return False

    @_never_raises
    def report(self, outcome) -> None:
        """One report finished: a line above the bar, the bar moves on."""
        if outcome.status == "failed":
            self.failed += 1
            where = f" in cell {outcome.cell}" if outcome.cell else ""
            line = Text.assemble(("FAILED", "red"),
                                 f"  {outcome.job.label}{where}: {_first_line(outcome.error)}")
        else:
            line = Text.assemble(("ok", "green"),
                                 f"      {outcome.job.label}  {outcome.seconds:.1f} s")
        self.progress.console.print(line)
        self.progress.update(self.task, advance=1, failed=self.failed)

    @_never_raises
    def interrupted(self) -> None:
        self.console.print(Text.assemble(
            ("interrupted", "yellow"),
            ": unfinished reports were not written; earlier reports are intact"))

    def summary(self, outcomes: list, summaries: list) -> None:
        """The table of every report rendered or failed, the counts, then where the
        summary files are."""
        self._show_table(outcomes)
        self._show_paths(summaries)

    @_never_raises
    def _show_table(self, outcomes: list) -> None:
        shown = [o for o in outcomes if o.status != "unchanged"]
        if shown:
            table = Table(title="batch summary", show_lines=False)
            for column in ("report", "status", "seconds", "error"):
                table.add_column(column, justify="right" if column == "seconds" else "left")
            for outcome in shown:
                status = Text(outcome.status, style="red" if outcome.status == "failed" else "")
                error = f"cell {outcome.cell}: " if outcome.cell else ""
                table.add_row(Text(outcome.job.label), status, f"{outcome.seconds:.1f}",
                              Text(error + _first_line(outcome.error or "")))
            self.console.print(table)
        counts = {status: sum(o.status == status for o in outcomes)
                  for status in ("ok", "unchanged", "failed")}
        self.console.print(Text(f"{counts['ok']} rendered, {counts['unchanged']} unchanged, "
                                f"{self.skipped} skipped, {counts['failed']} failed"))

    @_never_raises
    def _show_paths(self, summaries: list) -> None:
        for path in summaries:
            print(path, file=sys.stdout)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if text and text.strip() else ""
