"""What a returned file says, read from any of its forms: whose plan, exported when, and
each task line with its box, its hidden marker and the customer's comment."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from successplan.errors import SuccessPlanError


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
    # or be a comment (only the plan can tell; `successplan.answers.step_matching` decides).
    following: tuple[str, ...] = ()


class LooseKind(StrEnum):
    """What a block of a returned file outside every step can be."""

    # Prose: the customer's comment on the whole plan, unless the export wrote it.
    PARAGRAPH = "paragraph"
    # A heading, a list, a table: an unknown line, unless the export wrote it.
    STRUCTURE = "structure"
    # A task line whose box is neither ticked nor empty: always an unknown line.
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class LooseText:
    """A block of a returned file outside every step, as it came back."""

    line: int  # 1-based line of its first line
    lines: tuple[str, ...]
    kind: LooseKind
    follows: bool = False  # only blank lines part it from the block before: read together


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
    # Everything outside the steps (the export's text, and whatever the customer added).
    loose: tuple[LooseText, ...] = ()

    @property
    def markers_lost(self) -> bool:
        """True when the file lost its hidden plan marker (e.g. through a word processor)."""
        return not self.customer_id


# What no text file holds: control characters other than tabs and line ends.
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """The text of a returned file: UTF-8 (with or without a BOM), UTF-16 with a BOM, or
    the Windows (ISO-8859-1) text an older editor saves."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = "\x00"
    if _BINARY.search(text):
        raise ReturnError("this file is not UTF-8 text: is it the Markdown plan or the reply file?")
    return text
