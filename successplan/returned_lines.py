"""Reading a returned plan that lost its hidden markers (a word processor took them).

Its title names the customer and the day it was exported; each line with a box (or a box
glyph) is a step, with the lines under it, which may continue its text or be the
customer's comment: only the plan can tell, when the steps are matched by their text
(`successplan.step_matching`).
"""

from __future__ import annotations

import re
from datetime import date

from successplan.export.markdown import MONTHS
from successplan.returned_steps import ReturnedFile, ReturnedStep, ReturnError

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
_HEADING_LINE = re.compile(r"^\s*#{1,6}\s")


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


def _steps_by_line(text: str) -> list[ReturnedStep]:
    """Steps of a file without markers: each line with a box, and the lines under it."""
    steps: list[ReturnedStep] = []
    current: tuple[int, bool, str] | None = None
    following: list[str] = []

    def finish() -> None:
        if current is not None:
            line, ticked, words = current
            steps.append(ReturnedStep(line, ticked, words, None, following=tuple(following)))

    for number, line in enumerate(text.split("\n"), start=1):
        found = _BOX_LINE.match(line)
        if found is not None:
            finish()
            box, glyph = found.group("box"), found.group("glyph")
            ticked = bool(box and box.strip()) or (glyph in _TICKED_GLYPHS if glyph else False)
            current = (number, ticked, _plain_line(found.group("text")))
            following = []
        elif _HEADING_LINE.match(line):
            finish()
            current, following = None, []
        elif current is not None and line.strip():
            following.append(_plain_line(line))
    finish()
    return steps


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
    return ReturnedFile(
        customer_id="",
        exported_on=exported,
        internal=internal,
        steps=_steps_by_line(text),
        customer_name=name,
        via_email=quoted,
    )
