"""Files that come in from outside (plans to import, plans a customer sent back).

They are refused before they are read when they are not regular files or are larger
than any plan could be, so that a wrong or hostile file costs a message rather than
minutes of parsing and gigabytes of memory.
"""

from __future__ import annotations

import stat
from pathlib import Path

from successplan.errors import SuccessPlanError

# The largest plan file read in: a plan with a thousand milestones is well under 1 MB.
MAX_INPUT_BYTES = 4 * 1024 * 1024


class InputFileError(SuccessPlanError):
    """A file given to read in cannot be taken as it is."""


def check_input_file(path: Path) -> None:
    """Refuse `path` unless it is a regular file of at most MAX_INPUT_BYTES."""
    try:
        status = path.stat()
    except OSError as error:
        raise InputFileError(f"Cannot read {path}: {error.strerror or error}.") from None
    if not stat.S_ISREG(status.st_mode):
        raise InputFileError(f"{path} is not a regular file: give the path of a plan file.")
    if status.st_size > MAX_INPUT_BYTES:
        raise InputFileError(
            f"{path} is larger than successplan reads ({status.st_size / 1_000_000:.1f} MB; "
            f"plan files go up to {MAX_INPUT_BYTES / 1_000_000:.0f} MB): is it the right file?"
        )
