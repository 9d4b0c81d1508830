"""Reading a returned plan that lost its hidden markers (a word processor took them).

Its title names the customer and the day it was exported; each line with a box (or a box
glyph) is a step, with the lines under it, which may continue its text or be the
customer's comment: only the plan can tell, when the steps are matched by their text
(`successplan.answers.step_matching`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from successplan.answers.steps import (
    LooseKind,
    LooseText,
    ReturnedFile,
    ReturnedStep,
    ReturnError,
)
from successplan.export.markdown import MONTHS

# A dash as the export writes it, or as pandoc's Markdown spells it (`---`).
_DASH = r"(?:[—–]|-{1,3})"
TITLE = re.compile(
    rf"^#*\s*(INTERNAL {_DASH} not for the customer:\s*)?Success plan for (.+?) {_DASH} "
    r"(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})\s*$"
)
# A step line without Markdown: any bullet (or none), then a box or a box glyph.
_BOX_LINE = re.compile(
    r"^\s*(?:[-*+•◦▪●○·–]|\d+[.)])?\s*"
    r"(?:\\?\[(?P<box>[ xX✓✔]?)\\?\]|(?P<glyph>[☐☑☒✅□■]))\s*(?P<text>\S.*)$"
)
_TICKED_GLYPHS = frozenset("☑☒✅■")
# A bulleted line whose box is neither ticked nor empty: `[]`, `[?]`, a NUL byte…
_ODD_BOX_LINE = re.compile(r"^\s*(?:[-*+•◦▪●○·–]|\d+[.)])\s*\\?\[[^\]]{0,3}\\?\](?:\s|$)")
_HEADING_LINE = re.compile(r"^\s*#{1,6}\s")
# The first line of a block that is not prose: a list, a table, a rule.
_STRUCTURE_LINE = re.compile(r"^\s*(?:[-*+•◦▪●○·]\s|\d+[.)]\s|\||\+[-=+]|[-=_]{3,})")


def _title(text: str) -> tuple[str, date, bool] | None:
    """The customer's name, the export date and the audience from the plan's title line."""
    for line in text.split("\n"):
        found = TITLE.match(line.strip())
        if found:
            internal, name, day, month, year = found.groups()
            if month in MONTHS:
                exported = date(int(year), MONTHS.index(month) + 1, int(day))
                return name.replace("\\", ""), exported, bool(internal)
    return None


@dataclass
class _LineStep:
    line: int
    ticked: bool
    text: str
    following: list[str] = field(default_factory=list)


class _Lines:
    """A file without markers read line by line: its steps, and its blocks outside them.

    The lines right under a step, and those indented under it after a blank line, are the
    step's; a paragraph after a blank line is too when another step or heading follows,
    and the whole plan's when the file ends.
    """

    def __init__(self) -> None:
        self.steps: list[ReturnedStep] = []
        self.loose: list[LooseText] = []
        self.current: _LineStep | None = None
        self.after: list[LooseText] = []  # paragraphs after the current step
        self.block: list[str] = []  # the block being read outside any step
        self.block_at = 0
        self.blank = False  # the line before was blank

    def read(self, text: str) -> None:
        for number, line in enumerate(text.split("\n"), start=1):
            self._line(number, line)
        self._end_block()
        self._end_step(at_end=True)

    def _line(self, number: int, line: str) -> None:
        if not line.strip():
            self._end_block()
            self.blank = True
            return
        found = _BOX_LINE.match(line)
        if found is not None:
            self._end_step()
            box, glyph = found.group("box"), found.group("glyph")
            ticked = bool(box and box.strip()) or (glyph in _TICKED_GLYPHS if glyph else False)
            self.current = _LineStep(number, ticked, _plain_line(found.group("text")))
        elif _ODD_BOX_LINE.match(line) or _HEADING_LINE.match(line):
            self._end_step()
            kind = LooseKind.STRUCTURE if _HEADING_LINE.match(line) else LooseKind.UNREADABLE
            self.loose.append(LooseText(number, (line,), kind))
        elif self.current is not None and not (self.after or self.block):
            if self.blank and not line[:1].isspace():
                self._start_block(number, line)
            else:
                self.current.following.append(_plain_line(line))
        elif self.block:
            self.block.append(line)
        else:
            self._start_block(number, line)
        self.blank = False

    def _start_block(self, number: int, line: str) -> None:
        self.block, self.block_at = [line], number

    def _end_block(self) -> None:
        if not self.block:
            return
        prose = not _STRUCTURE_LINE.match(self.block[0])
        kind = LooseKind.PARAGRAPH if prose else LooseKind.STRUCTURE
        text = LooseText(self.block_at, tuple(self.block), kind)
        (self.after if self.current is not None else self.loose).append(text)
        self.block = []

    def _end_step(self, *, at_end: bool = False) -> None:
        self._end_block()
        current = self.current
        if current is None:
            return
        if at_end:
            self.loose.extend(self.after)
        else:
            current.following.extend(
                _plain_line(line) for text in self.after for line in text.lines
            )
        following = tuple(current.following)
        self.steps.append(
            ReturnedStep(current.line, current.ticked, current.text, None, following=following)
        )
        self.current, self.after = None, []


def with_follows(blocks: list[LooseText], text: str) -> tuple[LooseText, ...]:
    """The blocks, each marked when only blank lines part it from the one before."""
    lines = text.split("\n")
    marked: list[LooseText] = []
    for block in sorted(blocks, key=lambda block: block.line):
        if marked:
            before = marked[-1]
            between = lines[before.line - 1 + len(before.lines) : block.line - 1]
            block = replace(block, follows=not any(line.strip() for line in between))
        marked.append(block)
    return tuple(marked)


def _plain_line(line: str) -> str:
    """A line's words without Markdown's backslash escapes and hard-break backslashes."""
    line = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", line.strip())
    return " ".join(line.removesuffix("\\").split())


def read_without_markers(text: str, quoted: bool) -> ReturnedFile:
    """Read a returned plan without markers by its title and its lines with a box."""
    title = _title(text)
    if title is None:
        raise ReturnError(
            "this file is not a success plan exported by successplan: "
            "its hidden plan marker (an HTML comment near the top) is missing, "
            "and so is its title line"
        )
    name, exported, internal = title
    lines = _Lines()
    lines.read(text)
    return ReturnedFile(
        customer_id="",
        exported_on=exported,
        internal=internal,
        steps=lines.steps,
        customer_name=name,
        via_email=quoted,
        loose=with_follows(lines.loose, text),
    )
