"""Writing a whole file or nothing: the text goes to a temporary file beside the target
and takes its name only once it is complete, so a full disk or a crash never leaves an
empty or half-written file behind; and what a run killed midway (SIGKILL, a power cut)
left behind is removed by a later one."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from successplan.errors import SuccessPlanError


class FileWriteError(SuccessPlanError):
    """A file could not be written; nothing was left in its place."""


def write_text_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` (replacing it) as a whole, or raise FileWriteError."""
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        temporary = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise FileWriteError(f"Cannot write {path}: {error.strerror or error}.") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()


# A temporary file of ours that nobody has written to for this long belongs to no live
# run: each is written from start to end without a pause and takes its name at once.
STALE_AFTER_SECONDS = 10 * 60


def remove_stale_temporaries(
    folder: Path, name: re.Pattern[str], *, now: float | None = None
) -> list[Path]:
    """Remove from `folder` the files whose whole name matches `name` (a temporary name of
    ours) and that were last written STALE_AFTER_SECONDS ago or more; the ones removed.

    Another run working in the same folder at the same time keeps its file, which it is
    writing or has just written. What cannot be removed is left for a later run.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not name.fullmatch(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER_SECONDS:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed
