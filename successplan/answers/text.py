"""The export's own words, to tell them from what the customer added to a returned file.

Whatever the customer adds to a plan is a comment or an unknown line; what the export
itself wrote (its title, the introduction, headings, the goal, the table, a step's text)
is neither. Text is compared word by word: punctuation, Markdown marks, line wrapping, the
layout of a table and the spelling of dashes and quotes do not count, so a file that went
through a word processor or a formatter still reads as the export it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from successplan.answers.changes import ChangeKind, ReturnedChange
from successplan.answers.replies import comment_change
from successplan.answers.steps import LooseKind, LooseText
from successplan.export.markdown import MARKER, render_markdown
from successplan.model import Customer

_WORD = re.compile(r"[^\W_]+")
# The hidden markers of an export: not words anyone reads.
_MARKER = re.compile(rf"<!--\s*(?:{MARKER}\s+plan\s|(?:{MARKER}\s+)?(?:milestone|item)=)[^>]*-->")
# The cells of a table, however it is drawn: between bars, or apart by runs of spaces.
_CELL_GAP = re.compile(r"\s{2,}|\|")


def words(text: str) -> list[str]:
    """The words of a text, in order, without case, punctuation, Markdown marks or the
    export's hidden markers."""
    return _WORD.findall(_MARKER.sub(" ", text).casefold())


def find_words(within: Sequence[str], wanted: Sequence[str], start: int = 0) -> int | None:
    """Where `wanted` first runs, word after word, in `within` from `start` (None: nowhere)."""
    if not wanted:
        return start
    last = len(within) - len(wanted)
    for at in range(start, last + 1):
        if within[at] == wanted[0] and list(within[at : at + len(wanted)]) == list(wanted):
            return at
    return None


# Character sets a mail client or an editor may have written the plan in: what they
# cannot write becomes `?`.
_NARROW_CHARSETS = ("iso-8859-1", "cp1252", "ascii")


def same_words(returned: str, *sent: str) -> bool:
    """True when the returned text says word for word what one of the `sent` texts says.

    Punctuation and spacing do not count, nor the characters a narrower character set than
    UTF-8 could not write (a dash, an arrow, a letter it lacks, turned into `?`).
    """
    mine = words(returned)
    return any(
        words(form) == mine
        for text in sent
        for form in {text, *(text.encode(c, "replace").decode(c) for c in _NARROW_CHARSETS)}
    )


@dataclass(frozen=True)
class ExportText:
    """Every word an export of the plan wrote, and each of its lines' words."""

    text: str  # all the words, one space apart, with a space before and after
    lines: frozenset[str]

    @classmethod
    def of(cls, *plans: Customer, exported_on: date, internal: bool) -> ExportText:
        """The words of each plan exported on `exported_on` (the plan as sent, and now)."""
        documents = [render_markdown(plan, internal=internal, today=exported_on) for plan in plans]
        text = " ".join(" ".join(words(document)) for document in documents)
        lines = {" ".join(words(line)) for document in documents for line in document.split("\n")}
        return cls(f" {text} ", frozenset(lines - {""}))

    def has(self, line: str, *, alone: bool = True) -> bool:
        """True when the export wrote this line (or, not `alone`, this piece of a longer block).

        A single word said alone ("Done", "Agreed") is the export's only when the export has
        a line of that word: the customer may well have written it.
        """
        cells = [found for found in map(words, _CELL_GAP.split(line.strip())) if found]
        if alone and sum(map(len, cells)) == 1:
            return cells[0][0] in self.lines
        return all(f" {' '.join(cell)} " in self.text for cell in cells)

    def added(self, lines: Sequence[str]) -> list[int]:
        """The indexes of the lines of a block (a paragraph, a table) the export did not write."""
        alone = sum(len(words(line)) for line in lines) <= 1
        return [number for number, line in enumerate(lines) if not self.has(line, alone=alone)]


def loose_changes(
    customer: Customer, blocks: Sequence[LooseText], export: ExportText
) -> list[ReturnedChange]:
    """What the customer wrote outside the steps: prose is a comment on the whole plan (the
    paragraphs of one place read together), a changed heading, list or table line is an
    unknown line, and a box that cannot be read is one too. The export's words are none."""
    changes: list[ReturnedChange] = []
    comment: list[str] = []
    comment_at = 0

    def end_comment() -> None:
        nonlocal comment
        changes.extend(comment_change(customer, comment_at, "\n".join(comment), None))
        comment = []

    for block in blocks:
        if block.kind is LooseKind.UNREADABLE:
            end_comment()
            reason = "its box is neither ticked nor empty"
            changes.append(_unknown(block.line, " ".join(block.lines), reason))
            continue
        added = export.added(block.lines)
        if block.kind is LooseKind.STRUCTURE or not added:
            end_comment()
            changes.extend(
                _unknown(block.line + n, block.lines[n], "not in the plan")
                for n in (added if block.kind is LooseKind.STRUCTURE else [])
            )
            continue
        if not block.follows:
            end_comment()
        if not comment:
            comment_at = block.line + added[0]
        comment.extend(block.lines[n] for n in added)
    end_comment()
    return changes


def _unknown(line: int, text: str, reason: str) -> ReturnedChange:
    shown = " ".join(_MARKER.sub(" ", text).split())
    return ReturnedChange(ChangeKind.UNKNOWN, line, shown, reason=reason)
