"""Reading a Markdown plan the customer sent back, as editors and mail clients leave it.

Tolerated: CRLF line ends and a BOM, `> ` quoting of an email reply (nested too, with the
customer's answers between the quoted lines), `*`/`+`/`1.` bullets, `[X]`, extra blank
lines, a formatter that re-wraps items or moves a step's marker onto its own line, and
lines typed under a step (the customer's comment on it). A file that lost every hidden
marker (a word processor) is read line by line: its steps are matched against the plan by
their text later, and never applied without the CSM's confirmation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from successplan.export.markdown import MARKER
from successplan.returned_lines import read_without_markers
from successplan.returned_quoting import unquote
from successplan.returned_steps import (
    ReturnedFile,
    ReturnedStep,
    StepKind,
    StepMarker,
)

PLAN_MARKER = re.compile(
    rf"<!--\s*{MARKER}\s+plan\s+customer=([A-Za-z0-9_-]+)\s+exported=(\d{{4}}-\d\d-\d\d)"
    r"\s+audience=(customer|internal)\b(?:\s+version=\d+)?(?:\s+plan=(\d+))?[^>]*-->"
)
# Since format 2: `<!-- milestone=ID open 1c9e0b7d -->`, at the very end of the step.
STEP_MARKER = re.compile(
    r"<!--\s*(milestone|item)=([A-Za-z0-9_-]+)\s+(open|done)\s+([0-9a-f]{8,12})\s*-->"
)
# Format 1: `<!-- successplan milestone=ID was=open text=… -->`, after the step's first line.
FIRST_STEP_MARKER = re.compile(
    rf"<!--\s*{MARKER}\s+(milestone|item)=([A-Za-z0-9_-]+)\s+was=(open|done)"
    r"\s+text=([0-9a-f]+)\s*-->"
)
# The empty anchors a LibreOffice document gives each heading, as pandoc writes them.
_ANCHOR = re.compile(r'<span id="[^"<>]*">\s*</span>|\[\]\{#[^{}\s]*\}')
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_CHECKBOX = re.compile(r"^\[([ xX✓✔])\](?:\s|$)")


@cache
def _parser() -> MarkdownIt:
    # Raw HTML on, so the hidden markers arrive as html tokens and nothing else can.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _html_tokens(tokens: list[Token]) -> Iterable[Token]:
    for token in tokens:
        if token.type == "html_block":
            yield token
        for child in token.children or []:
            if child.type == "html_inline":
                yield child


def _plan_marker(tokens: list[Token]) -> re.Match[str] | None:
    # Only real HTML counts: escaped user text can look like a marker but is never HTML.
    for token in _html_tokens(tokens):
        found = PLAN_MARKER.search(token.content)
        if found:
            return found
    return None


def _step_marker(html: str) -> tuple[StepMarker, bool] | None:
    """The marker in an HTML comment, and whether it ends its step (format 2)."""
    for pattern, at_end in ((STEP_MARKER, True), (FIRST_STEP_MARKER, False)):
        found = pattern.search(html)
        if found:
            kind, step_id, was, digest = found.groups()
            return StepMarker(StepKind(kind), step_id, was == "done", digest), at_end
    return None


@dataclass
class _Step:
    """A step being read: text until its marker, the customer's comment after it."""

    line: int
    ticked: bool
    text: list[str] = field(default_factory=list)
    comment: list[str] = field(default_factory=list)
    marker: StepMarker | None = None
    after_marker: bool = False

    def add_html(self, html: str) -> None:
        found = _step_marker(html)
        if found is not None and self.marker is None:
            self.marker, self.after_marker = found

    def add_inline(self, children: list[Token], *, new_paragraph: bool) -> None:
        words: list[str] = []
        for child in children:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append("\n" if self.after_marker else " ")
            elif child.type == "html_inline":
                self._flush(words)
                words = []
                self.add_html(child.content)
        self._flush(words, new_paragraph=new_paragraph)

    def _flush(self, words: list[str], *, new_paragraph: bool = False) -> None:
        chunk = "".join(words)
        if not chunk.strip():
            return
        if self.after_marker:
            self.comment.append(chunk.strip())
        else:
            self.text.append(chunk)

    def close_paragraph(self) -> None:
        # A format 1 marker sits mid-paragraph: only later paragraphs are comments.
        if self.marker is not None:
            self.after_marker = True

    def returned(self) -> ReturnedStep:
        text = " ".join(" ".join(self.text).split())
        comment = "\n".join(
            " ".join(line.split()) for part in self.comment for line in part.split("\n")
        )
        return ReturnedStep(
            line=self.line,
            ticked=self.ticked,
            text=_CHECKBOX.sub("", text).strip(),
            marker=self.marker,
            comment=comment.strip(),
        )


def _task_box(tokens: list[Token], index: int) -> re.Match[str] | None:
    if index + 2 >= len(tokens) or tokens[index + 1].type != "paragraph_open":
        return None
    return _CHECKBOX.match(tokens[index + 2].content.lstrip())


def _steps(tokens: list[Token]) -> list[ReturnedStep]:
    steps: list[ReturnedStep] = []
    current: _Step | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        box = _task_box(tokens, index) if token.type == "list_item_open" else None
        if box is not None:
            if current is not None:
                steps.append(current.returned())
            inline = tokens[index + 2]
            current = _Step(line=(token.map[0] if token.map else 0) + 1, ticked=box.group(1) != " ")
            current.add_inline(inline.children or [], new_paragraph=False)
            index += 3
            continue
        if token.type in ("heading_open", "table_open", "hr"):
            if current is not None:
                steps.append(current.returned())
            current = None
        elif current is not None:
            if token.type == "inline":
                current.add_inline(token.children or [], new_paragraph=True)
            elif token.type == "html_block":
                current.add_html(token.content)
            elif token.type == "paragraph_close":
                current.close_paragraph()
        index += 1
    if current is not None:
        steps.append(current.returned())
    return steps


def read_markdown(text: str) -> ReturnedFile:
    """Read a returned Markdown plan; `ReturnError` if it is not a successplan export."""
    text, quoted = unquote(_ANCHOR.sub("", text))
    # Some editors add trailing spaces; they would turn our hard-break backslashes into text.
    text = _TRAILING_SPACE.sub("", text)
    tokens = _parser().parse(text)
    plan = _plan_marker(tokens)
    if plan is None:
        return read_without_markers(text, quoted)
    return ReturnedFile(
        customer_id=plan.group(1),
        exported_on=date.fromisoformat(plan.group(2)),
        internal=plan.group(3) == "internal",
        plan_version=int(plan.group(4)) if plan.group(4) else None,
        steps=_steps(tokens),
        via_email=quoted,
    )
