"""One progress display for every long job (harvest, distill, eval, demo): count, rate and ETA, on stderr.

On a terminal it is a rich progress bar. Piped to a log (nohup, CI, `make demo > log`), a bar
prints nothing until it ends, which reads as a hang for half an hour; there `progress_bar()`
returns `LogProgress` instead, with the same calls, which prints one plain line per task every
`STILLROOM_PROGRESS_EVERY` seconds (default 30) and every 10% of the work:

    distill: 3/6 (50%), 283 tok/s  loss 11.6709  val KL 9.889, 3s elapsed, eta 3s   (demo --quick)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

console = Console(stderr=True)


def progress_bar(*extra_columns) -> Progress | LogProgress:
    """A rich Progress on a terminal, else `LogProgress`; callers add tasks with `total=` and a `rate` field."""
    if not console.is_terminal:
        return LogProgress(console)
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        *extra_columns,
        console=console,
        transient=False,
    )


def say(message: str) -> None:
    """One plain line on stderr: no markup, no highlighting, never wrapped (log lines stay greppable)."""
    console.print(message, markup=False, highlight=False, soft_wrap=True)


def duration(seconds: float) -> str:
    """3725 -> '1h02m05s', 65 -> '1m05s', 4.2 -> '4s'."""
    s = round(seconds)
    h, m, s = s // 3600, s % 3600 // 60, s % 60
    return f"{h}h{m:02d}m{s:02d}s" if h else f"{m}m{s:02d}s" if m else f"{s}s"


@dataclass
class _Task:
    description: str
    total: float | None
    completed: float
    rate: str
    start: float
    printed_at: float
    initial: float = 0  # completed when added (a resumed job): the rate counts only this run's work
    printed_tenth: int = -1
    done: bool = False


@dataclass
class LogProgress:
    """`rich.progress.Progress`'s add_task/update/start/stop, printing plain lines fit for a log file."""

    out: Console
    every_s: float = field(default_factory=lambda: float(os.environ.get("STILLROOM_PROGRESS_EVERY", "30")))
    clock: Callable[[], float] = time.monotonic
    tasks: list[_Task] = field(default_factory=list)

    def __enter__(self) -> LogProgress:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def start(self) -> None:
        pass

    def stop(self) -> None:
        for t in self.tasks:
            if not t.done and t.completed:
                self._print(t)

    def add_task(
        self, description: str, total: float | None = None, completed: float = 0, rate: str = "", **_: Any
    ) -> int:
        now = self.clock()
        self.tasks.append(_Task(description, total, completed, rate, now, now, initial=completed))
        self._print(self.tasks[-1])
        return len(self.tasks) - 1

    def update(
        self,
        task_id: int,
        advance: float | None = None,
        total: float | None = None,
        completed: float | None = None,
        rate: str | None = None,
        **_: Any,
    ) -> None:
        t = self.tasks[task_id]
        t.total = total if total is not None else t.total
        t.completed = completed if completed is not None else t.completed + (advance or 0)
        t.rate = rate if rate is not None else t.rate
        if self._due(t):
            self._print(t)

    def _due(self, t: _Task) -> bool:
        if t.done:
            return False
        if t.total and t.completed >= t.total:
            return True
        tenth = int(10 * t.completed / t.total) if t.total else -1
        return self.clock() - t.printed_at >= self.every_s or tenth > t.printed_tenth

    def _print(self, t: _Task) -> None:
        now = self.clock()
        elapsed = now - t.start
        parts = [f"{t.description}: {t.completed:.0f}" + (f"/{t.total:.0f}" if t.total else "")]
        if t.total:
            parts[0] += f" ({100 * t.completed / t.total:.0f}%)"
            t.printed_tenth = int(10 * t.completed / t.total)
            t.done = t.completed >= t.total
        if t.rate:
            parts.append(t.rate)
        parts.append(f"{duration(elapsed)} elapsed")
        done_here = t.completed - t.initial
        if t.total and done_here > 0 and t.completed < t.total:
            parts.append(f"eta {duration((t.total - t.completed) * elapsed / done_here)}")
        t.printed_at = now
        self.out.print(", ".join(parts), markup=False, highlight=False, soft_wrap=True)
