"""Reading a plan the customer sent back: which steps came back ticked, and what else.

This module only reads: it turns a returned file into a `ReturnedFile` (the customer and
export it names, each task line with its box and hidden marker). What that means for
the plan as it is now is `successplan.returns`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from successplan.errors import SuccessPlanError
from successplan.export.markdown import MARKER

_PLAN_MARKER = re.compile(
    rf"<!--\s*{MARKER}\s+plan\s+customer=([A-Za-z0-9_-]+)\s+exported=(\d{{4}}-\d\d-\d\d)"
    r"\s+audience=(customer|internal)\b(?:\s+version=\d+)?(?:\s+plan=(\d+))?[^>]*-->"
)
_TASK_MARKER = re.compile(
    rf"<!--\s*{MARKER}\s+(milestone|item)=([A-Za-z0-9_-]+)\s+was=(open|done)"
    r"\s+text=([0-9a-f]+)\s*-->"
)
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_CHECKBOX = re.compile(r"^\[([ xX])\](?:\s|$)")


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

    line: int  # 1-based line of the returned file
    ticked: bool
    text: str
    marker: StepMarker | None


@dataclass(frozen=True)
class ReturnedFile:
    """What a returned file says: whose plan, exported when, and its task lines."""

    customer_id: str
    exported_on: date
    internal: bool
    plan_version: int | None = None  # the stored version of the plan it was exported from
    steps: list[ReturnedStep] = field(default_factory=list)


@cache
def _parser() -> MarkdownIt:
    # Raw HTML on, so the hidden markers arrive as html tokens and nothing else can.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _plain(children: list[Token]) -> tuple[str, list[str]]:
    """The visible text of an inline token's children, and the HTML comments among them."""
    words: list[str] = []
    comments: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif child.type == "html_inline":
            comments.append(child.content)
    return " ".join("".join(words).split()), comments


def _find_plan_marker(tokens: list[Token]) -> re.Match[str]:
    # Only real HTML counts: escaped user text can look like a marker but is never HTML.
    html = [token for token in tokens if token.type == "html_block"]
    for token in tokens:
        html.extend(child for child in token.children or [] if child.type == "html_inline")
    for token in html:
        found = _PLAN_MARKER.search(token.content)
        if found:
            return found
    raise ReturnError(
        "this file is not a success plan exported by successplan: "
        "its hidden plan marker (an HTML comment near the top) is missing"
    )


def _step_marker(comments: list[str]) -> StepMarker | None:
    for comment in comments:
        found = _TASK_MARKER.search(comment)
        if found:
            kind, step_id, was, digest = found.groups()
            return StepMarker(StepKind(kind), step_id, was == "done", digest)
    return None


def read_returned_text(text: str) -> ReturnedFile:
    """Read a returned Markdown plan; `ReturnError` if it is not a successplan export."""
    # Some editors add trailing spaces; they would turn our hard-break backslashes into text.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    tokens = _parser().parse(_TRAILING_SPACE.sub("", text))
    plan = _find_plan_marker(tokens)
    steps: list[ReturnedStep] = []
    for index, token in enumerate(tokens[:-2]):
        if token.type != "list_item_open" or tokens[index + 1].type != "paragraph_open":
            continue
        inline = tokens[index + 2]
        box = _CHECKBOX.match(inline.content)
        if box is None:
            continue
        visible, comments = _plain(inline.children or [])
        steps.append(
            ReturnedStep(
                line=(token.map[0] if token.map else 0) + 1,
                ticked=box.group(1) != " ",
                text=_CHECKBOX.sub("", visible).strip(),
                marker=_step_marker(comments),
            )
        )
    return ReturnedFile(
        customer_id=plan.group(1),
        exported_on=date.fromisoformat(plan.group(2)),
        internal=plan.group(3) == "internal",
        plan_version=int(plan.group(4)) if plan.group(4) else None,
        steps=steps,
    )


def read_returned_path(path: Path) -> ReturnedFile:
    """`read_returned_text` of a file, with a clear `ReturnError` when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ReturnError(f"{path} is not UTF-8 text: is it the Markdown plan?") from None
    except OSError as error:
        raise ReturnError(f"cannot read {path}: {error.strerror or error}") from None
    return read_returned_text(text)
