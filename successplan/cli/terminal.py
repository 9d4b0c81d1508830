"""Progress bars for the command line: on a terminal only, quiet when output is piped.

Rich is loaded on the first step of work that reports progress, so commands that have
none to show start without it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID


class _Bars:
    """A `successplan.progress.Progress` that draws one bar per kind of work on stderr."""

    def __init__(self) -> None:
        self._progress: RichProgress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, done: int, total: int, what: str) -> None:
        if not sys.stderr.isatty():
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
        if what not in self._tasks:
            self._tasks[what] = self._progress.add_task(what, total=total)
        self._progress.update(self._tasks[what], completed=done, total=total)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


@contextmanager
def terminal_progress() -> Iterator[_Bars]:
    """A progress callback drawing bars on a terminal (and nothing when piped)."""
    bars = _Bars()
    try:
        yield bars
    finally:
        bars.stop()
