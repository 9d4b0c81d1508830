"""Reading a Markdown plan the customer sent back, as editors and mail clients leave it.

Tolerated: CRLF line ends and a BOM, `> ` quoting of an email reply (nested too, with the
customer's answers between the quoted lines), `*`/`+`/`1.` bullets, `[X]`, extra blank
lines, a formatter that re-wraps items or moves a step's marker onto its own line, and
lines typed under a step (the customer's comment on it). Every block outside the steps
is kept as it came back (`ReturnedFile.loose`): compared with the export later, what the
customer added there is a comment on the whole plan or an unknown line. A file that lost
every hidden marker (a word processor) is read line by line
(`successplan.answers.lines`): its steps are matched against the plan by their text
later, and never applied without the CSM's confirmation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from successplan.answers.lines import read_without_markers, with_follows
from successplan.answers.quoting import unquote
from successplan.answers.steps import (
    LooseKind,
    LooseText,
    ReturnedFile,
    ReturnedStep,
    StepKind,
    StepMarker,
)
from successplan.export.markdown import MARKER

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
# A box a step line may have lost its meaning in: `[]`, `[?]`, a NUL byte…
_ODD_BOX = re.compile(r"^\[[^\]]{0,3}\](?:\s|$)")


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

    def add_text(self, text: str) -> None:
        """Text that is not a paragraph (a code block, raw HTML): the customer's, after the
        marker."""
        if self.after_marker and text.strip():
            self.comment.append(text.strip())

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


def _odd_box(tokens: list[Token], index: int) -> bool:
    """True for a list item that starts with a box that is neither ticked nor empty."""
    if index + 2 >= len(tokens) or tokens[index + 1].type != "paragraph_open":
        return False
    return _ODD_BOX.match(tokens[index + 2].content.lstrip()) is not None


def _close(tokens: list[Token], index: int) -> int:
    """The index of the token that closes the block opened at `index` (itself if none)."""
    token = tokens[index]
    if token.nesting != 1:
        return index
    for at in range(index + 1, len(tokens)):
        if tokens[at].level == token.level and tokens[at].nesting == -1:
            return at
    return len(tokens) - 1


_PROSE = ("paragraph_open", "blockquote_open", "code_block", "fence", "html_block")


class _Blocks:
    """A parsed plan read block by block: each step with its comment, and every block
    outside the steps as it came back.

    What follows a step's list, apart from it by a blank line, is the step's comment when
    another step or heading follows, and a comment on the whole plan when the file ends.
    """

    def __init__(self, tokens: list[Token], lines: list[str]) -> None:
        self.tokens = tokens
        self.lines = lines
        self.steps: list[ReturnedStep] = []
        self.loose: list[LooseText] = []
        self.current: _Step | None = None
        self.level = 0  # the level of the current step's list item
        self.after: list[tuple[LooseText, list[Token]]] = []

    def read(self) -> None:
        index = 0
        while index < len(self.tokens):
            index = self._block(index) + 1
        self._end_step(at_end=True)

    def _block(self, index: int) -> int:
        """Read the token at `index`; the index of the last token read with it."""
        tokens, token = self.tokens, self.tokens[index]
        if token.type == "list_item_open":
            box = _task_box(tokens, index)
            if box is not None:
                self._end_step()
                self.current = _Step(line=_first_line(token), ticked=box.group(1) != " ")
                self.level = token.level
                self.current.add_inline(tokens[index + 2].children or [], new_paragraph=False)
                return index + 2
            if _odd_box(tokens, index):
                self._end_step()
                return self._loose(index, LooseKind.UNREADABLE)
        if token.type in ("heading_open", "table_open", "hr"):
            self._end_step()
            return self._loose(index, LooseKind.STRUCTURE)
        current = self.current
        if current is None:
            return self._outside(index)
        if token.type == "html_block" and _step_marker(token.content):
            current.add_html(token.content)  # a formatter moved the marker onto its own line
        elif token.level < self.level and token.type in _PROSE:
            end = _close(tokens, index)
            inline = [each for each in tokens[index : end + 1] if each.type == "inline"]
            self.after.append((self._text(index, LooseKind.PARAGRAPH), inline))
            return end
        elif token.type == "inline":
            current.add_inline(token.children or [], new_paragraph=True)
        elif token.type in ("code_block", "fence", "html_block"):
            current.add_text(token.content)
        elif token.type == "paragraph_close":
            current.close_paragraph()
        return index

    def _outside(self, index: int) -> int:
        token = self.tokens[index]
        if token.type == "html_block" and (
            PLAN_MARKER.search(token.content) or _step_marker(token.content)
        ):
            return index
        if token.type in _PROSE:
            return self._loose(index, LooseKind.PARAGRAPH)
        if token.type == "list_item_open" and not self._holds_steps(index):
            return self._loose(index, LooseKind.STRUCTURE)
        return index

    def _holds_steps(self, index: int) -> bool:
        return any(
            self.tokens[at].type == "list_item_open" and _task_box(self.tokens, at)
            for at in range(index + 1, _close(self.tokens, index))
        )

    def _text(self, index: int, kind: LooseKind) -> LooseText:
        begin, end = self.tokens[index].map or (0, 0)
        lines = self.lines[begin:end]
        while lines and not lines[-1].strip():
            lines = lines[:-1]
        return LooseText(begin + 1, tuple(lines), kind)

    def _loose(self, index: int, kind: LooseKind) -> int:
        self.loose.append(self._text(index, kind))
        return _close(self.tokens, index)

    def _end_step(self, *, at_end: bool = False) -> None:
        current = self.current
        if current is None:
            return
        for text, inline in self.after:
            if at_end:
                self.loose.append(text)
            elif inline:
                for each in inline:
                    current.add_inline(each.children or [], new_paragraph=True)
                    current.close_paragraph()
            else:
                current.add_text("\n".join(text.lines))
        self.steps.append(current.returned())
        self.current, self.after = None, []


def _first_line(token: Token) -> int:
    return (token.map[0] if token.map else 0) + 1


def read_markdown(text: str) -> ReturnedFile:
    """Read a returned Markdown plan; `ReturnError` if it is not a successplan export."""
    text, quoted = unquote(_ANCHOR.sub("", text))
    # Some editors add trailing spaces; they would turn our hard-break backslashes into text.
    text = _TRAILING_SPACE.sub("", text)
    tokens = _parser().parse(text)
    plan = _plan_marker(tokens)
    if plan is None:
        return read_without_markers(text, quoted)
    blocks = _Blocks(tokens, text.split("\n"))
    blocks.read()
    return ReturnedFile(
        customer_id=plan.group(1),
        exported_on=date.fromisoformat(plan.group(2)),
        internal=plan.group(3) == "internal",
        plan_version=int(plan.group(4)) if plan.group(4) else None,
        steps=blocks.steps,
        via_email=quoted,
        loose=with_follows(blocks.loose, text),
    )
