"""Showing a batch as it runs: a rich progress bar on a terminal, one plain line per article elsewhere
(logs, CI, ``nohup``), both on stderr."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from toolkit.batch.model import Outcome
from toolkit.ingest.discover import Item


def describe(outcome: Outcome) -> str:
    if outcome.status == "failed":
        return f"FAILED: {outcome.error}"
    f = outcome.figures
    adherence = f.get("term_adherence")
    parts = [
        "cached" if outcome.status == "skipped" else "done",
        f"{f.get('sections', 0)} section{'' if f.get('sections') == 1 else 's'}",
        f"terms {100 * adherence:.0f}%" if adherence is not None else "",
        f"quantity errors {f.get('quantity_errors', 0)}",
        f"repairs {f.get('repairs', 0)}" if f.get("repairs") else "",
        f"fallbacks {f.get('fallbacks', 0)}" if f.get("fallbacks") else "",
        outcome.note or "",
        f"{outcome.seconds:.1f} s",
    ]
    return ", ".join(p for p in parts if p)


class LogProgress:
    """``[3/20] a/b.txt: done, 4 sections, terms 100%, quantity errors 0, 41.2 s`` — one line per article."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = 0
        self.failures = 0
        self.t0 = time.perf_counter()

    def start(self, total: int) -> None:
        self.total = total

    def begin(self, index: int, item: Item) -> None:
        pass

    def step(self, label: str, done: int, total: int) -> None:
        pass

    def end(self, index: int, outcome: Outcome) -> None:
        self.failures += outcome.status == "failed"
        print(
            f"[{index + 1}/{self.total}] {outcome.input}: {describe(outcome)}", file=self.stream, flush=True
        )

    def close(self) -> None:
        pass


class RichProgress:
    """A bar with articles done/total, the current article and its step, failures so far, elapsed, ETA."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = Console(stderr=True)
        self.bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[red]{task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.task: Any = None
        self.failures = 0
        self.current = ""

    def start(self, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("batch", total=total, failed="")

    def begin(self, index: int, item: Item) -> None:
        self.current = str(item.rel)
        self.bar.update(self.task, description=self.current)

    def step(self, label: str, done: int, total: int) -> None:
        self.bar.update(self.task, description=f"{self.current} · {label} {done}/{total}")

    def end(self, index: int, outcome: Outcome) -> None:
        if outcome.status == "failed":
            self.failures += 1
            self.console.print(f"[red]failed[/red] {outcome.input}: {outcome.error}")
        failed = f"{self.failures} failed" if self.failures else ""
        self.bar.update(self.task, advance=1, failed=failed)

    def close(self) -> None:
        self.bar.stop()
