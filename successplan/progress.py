"""Progress of long work (exporting every plan, upgrading a database), told as it goes.

The core calls a `Progress` with how far it is; the command line shows a bar on a
terminal and nothing when its output is piped; the app may show it its own way.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Told after each step: `done` of `total` steps of the work called `what`."""

    def __call__(self, done: int, total: int, what: str, /) -> None: ...
