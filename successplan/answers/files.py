"""Reading what the customer sent back: which steps came back ticked, and their comments.

This module only reads: it turns what came back into a `ReturnedFile` (the customer and
export it names, each step with its box, its hidden marker and the customer's comment).
Three things can come back, and all read the same:

- the Markdown export, ticked in any editor or quoted in an email reply
  (`successplan.answers.markdown`);
- the reply file the HTML page saves, or the reply text it copies for an email
  (`successplan.answers.reply_file`);
- an email saved as a file (`.eml`) carrying either of them.

What that means for the plan as it is now is `successplan.answers.returns`' job.
"""

from __future__ import annotations

from pathlib import Path

from successplan.answers.steps import (
    ReturnedFile,
    ReturnedStep,
    ReturnError,
    StepKind,
    StepMarker,
    decode,
)
from successplan.input_files import check_input_file

__all__ = [
    "ReturnError",
    "ReturnedFile",
    "ReturnedStep",
    "StepKind",
    "StepMarker",
    "decode",
    "read_returned_bytes",
    "read_returned_path",
    "read_returned_text",
]


def read_returned_text(text: str) -> ReturnedFile:
    """Read whatever came back as text: a reply file, reply text or a Markdown plan.

    Raises `ReturnError` when it is none of them.
    """
    from successplan.answers.markdown import read_markdown
    from successplan.answers.reply_file import looks_like_reply, read_reply

    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_reply(text):
        return read_reply(text)
    return read_markdown(text)


def read_returned_bytes(data: bytes) -> ReturnedFile:
    """`read_returned_text` of raw bytes, including an email saved as a file (.eml)."""
    from successplan.answers.reply_file import looks_like_email, text_of_email

    if looks_like_email(data):
        return read_returned_text(text_of_email(data))
    return read_returned_text(decode(data))


def read_returned_path(path: Path) -> ReturnedFile:
    """`read_returned_bytes` of a file, with a clear `ReturnError` when it cannot be read."""
    check_input_file(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReturnError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return read_returned_bytes(data)
    except ReturnError as error:
        message = str(error)
        if message.startswith("this file"):
            message = f"{path} {message.removeprefix('this file ')}"
        raise ReturnError(message) from None
