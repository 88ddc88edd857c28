"""What a batch shows while it runs: a live progress bar, a line per report, a summary table."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import (
    BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn,
)
from rich.table import Table


class BatchDisplay:
    """Progress on stderr; the bar is live on a terminal, plain lines in a log."""

    def __init__(self, total: int, skipped: list):
        self.console = Console(stderr=True, highlight=False, soft_wrap=True)
        self.total = total
        self.failed = 0
        self.progress = Progress(
            TextColumn("[bold]rendering"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(), TimeRemainingColumn(),
            console=self.console, disable=not self.console.is_terminal,
        )
        self.task = self.progress.add_task("batch", total=total, failed=0)
        for job, reason in skipped:
            self.console.print(f"skipped  {job.label}: {reason}")

    def __enter__(self):
        self.console.print(f"{self.total} reports to render")
        self.progress.start()
        return self

    def __exit__(self, *exc):
        self.progress.stop()
        return False

    def report(self, outcome) -> None:
        """One report finished: a line above the bar, the bar moves on."""
        if outcome.status == "failed":
            self.failed += 1
            where = f" in cell {outcome.cell}" if outcome.cell else ""
            line = f"[red]FAILED[/red]  {outcome.job.label}{where}: {_first_line(outcome.error)}"
        else:
            line = f"[green]ok[/green]      {outcome.job.label}  {outcome.seconds:.1f} s"
        self.progress.console.print(line)
        self.progress.update(self.task, advance=1, failed=self.failed)

    def interrupted(self) -> None:
        self.console.print("[yellow]interrupted[/yellow]: unfinished reports were not written; "
                           "earlier reports are intact")

    def summary(self, outcomes: list, summaries: list) -> None:
        """The table of every report, then where the summary files are."""
        table = Table(title="batch summary", show_lines=False)
        for column in ("report", "status", "seconds", "error"):
            table.add_column(column, justify="right" if column == "seconds" else "left")
        for outcome in outcomes:
            status = "[red]failed[/red]" if outcome.status == "failed" else outcome.status
            error = f"cell {outcome.cell}: " if outcome.cell else ""
            table.add_row(outcome.job.label, status, f"{outcome.seconds:.1f}",
                          error + _first_line(outcome.error or ""))
        self.console.print(table)
        done = sum(o.status == "ok" for o in outcomes)
        self.console.print(f"{done} of {len(outcomes)} reports rendered, {self.failed} failed")
        for path in summaries:
            print(path, file=sys.stdout)


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if text and text.strip() else ""
