"""Writing a whole file or nothing: the text goes to a temporary file beside the target
and takes its name only once it is complete, so a full disk or a crash never leaves an
empty or half-written file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
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
