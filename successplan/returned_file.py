"""Reading what the customer sent back: which steps came back ticked, and their comments.

This module only reads: it turns what came back into a `ReturnedFile` (the customer and
export it names, each step with its box, its hidden marker and the customer's comment).
Three things can come back, and all read the same:

- the Markdown export, ticked in any editor or quoted in an email reply
  (`successplan.returned_markdown`);
- the reply file the HTML page saves, or the reply text it copies for an email
  (`successplan.reply_file`);
- an email saved as a file (`.eml`) carrying either of them.

What that means for the plan as it is now is `successplan.returns`' job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from successplan.errors import SuccessPlanError
from successplan.input_files import check_input_file


class ReturnError(SuccessPlanError):
    """A returned file cannot be read: not an export, or another customer's plan."""


class StepKind(StrEnum):
    """What a task line of an export stands for."""

    MILESTONE = "milestone"
    ITEM = "item"


@dataclass(frozen=True)
class StepMarker:
    """What the hidden marker of a task line says about it when it was exported."""

    kind: StepKind
    id: str
    was_done: bool
    fingerprint: str


@dataclass(frozen=True)
class ReturnedStep:
    """One task line as it came back: its box, its visible text, and its marker if kept."""

    line: int  # 1-based line of the returned file (0 for a reply, which has no lines)
    ticked: bool
    text: str
    marker: StepMarker | None
    comment: str = ""  # what the customer wrote under the step
    # For a step read without its marker: the lines under it, which may continue its text
    # or be a comment (only the plan can tell; `successplan.step_matching` decides).
    following: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReturnedFile:
    """What a returned file says: whose plan, exported when, and its task lines."""

    customer_id: str  # "" when the file lost its hidden markers: see `customer_name`
    exported_on: date
    internal: bool
    plan_version: int | None = None  # the stored version of the plan it was exported from
    steps: list[ReturnedStep] = field(default_factory=list)
    customer_name: str = ""  # as the title names it, for a file without markers
    comment: str = ""  # the customer's comment on the whole plan
    via_email: bool = False  # it came in the body of an email (quoted, or pasted reply text)

    @property
    def markers_lost(self) -> bool:
        """True when the file lost its hidden plan marker (e.g. through a word processor)."""
        return not self.customer_id


def read_returned_text(text: str) -> ReturnedFile:
    """Read whatever came back as text: a reply file, reply text or a Markdown plan.

    Raises `ReturnError` when it is none of them.
    """
    from successplan.reply_file import looks_like_reply, read_reply
    from successplan.returned_markdown import read_markdown

    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_reply(text):
        return read_reply(text)
    return read_markdown(text)


def decode(data: bytes) -> str:
    """The text of a returned file: UTF-8 (with or without a BOM) or UTF-16 with a BOM."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReturnError(
            "this file is not UTF-8 text: is it the Markdown plan or the reply file?"
        ) from None


def read_returned_bytes(data: bytes) -> ReturnedFile:
    """`read_returned_text` of raw bytes, including an email saved as a file (.eml)."""
    from successplan.reply_file import looks_like_email, text_of_email

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
