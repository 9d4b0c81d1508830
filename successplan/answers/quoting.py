"""An email reply's quoting, taken off the plan it carries.

A customer who answers by email sends the plan back quoted (`> `, nested as the thread
grows), with their answers between the quoted lines, and their reply above the quote (or
below it). What the mail client wrote is left out: the line that introduces the quote
("On Mon, … wrote:", or Outlook's block of headers), earlier messages of the thread and
the signature.
"""

from __future__ import annotations

import re

from successplan.export.markdown import MARKER

_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?")
# Where the plan starts: its hidden marker, or its title when a word processor took that.
_PLAN_START = re.compile(rf"<!--\s*{MARKER}\s+plan\b|Success plan for")
# The line a mail client writes above the message it quotes: "On Mon, Dana wrote:".
_ATTRIBUTION = re.compile(
    r"(?:\bwrote|\bschrieb|\ba écrit|\bescribió|\bha scritto|\bschreef|\bskrev|\bnapisał"
    r"|\bescreveu)\s*:\s*$",
    re.IGNORECASE,
)
# Outlook's block above the message it answers: a rule, then From:, Sent:, To:, Subject:.
_HEADER = re.compile(
    r"^\s*(?:\*{0,2}(?:From|Sent|To|Cc|Date|Subject|Von|Gesendet|An|Betreff|De|Envoyé|À|Objet)"
    r"\*{0,2}\s*:|-{2,}\s*Original Message\s*-{2,}|_{10,}\s*$)",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^--[ \t]?$")


def _quote_depth(line: str) -> int:
    depth = 0
    while found := _QUOTE.match(line):
        line = line[found.end() :]
        depth += 1
    return depth


def _unquoted(line: str, levels: int) -> str:
    for _ in range(levels):
        found = _QUOTE.match(line)
        if found is None:
            break
        line = line[found.end() :]
    return line


def unquote(text: str) -> tuple[str, bool]:
    """The plan out of an email reply's quoting, and whether it was quoted.

    The plan's depth is that of its marker (or title) line; lines quoted less deeply are
    the customer's own answers between the quoted lines and are kept as they are, and so is
    their reply above or below the quote. Lines the mail client wrote are blanked, so that
    every line keeps its number.
    """
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines) if _PLAN_START.search(line)), None)
    if start is None:
        return text, False
    depth = _quote_depth(lines[start])
    if depth == 0:
        return "\n".join(_without_header(lines, start)), False
    last = max(n for n, line in enumerate(lines) if _quote_depth(line) >= depth)
    kept = own_lines(lines, start, last)
    kept[start : last + 1] = [_unquoted(line, depth) for line in lines[start : last + 1]]
    return "\n".join(kept), True


def own_lines(lines: list[str], start: int, end: int) -> list[str]:
    """The lines of an email around what it carries (lines `start` to `end`, blanked): the
    reply's own words above and below it, and every line the mail client wrote blanked
    (lines quoted from earlier messages, the attribution above, the signature and all
    after it), so that each line keeps its number."""
    below = lines[end + 1 :]
    signature = next((n for n, line in enumerate(below) if _SIGNATURE.match(line)), len(below))
    kept = [
        *(_own(line) for line in lines[:start]),
        *([""] * (end + 1 - start)),
        *(_own(line) for line in below[:signature]),
        *([""] * (len(below) - signature)),
    ]
    return _without_header(kept, start)


def _own(line: str) -> str:
    """A line of the reply itself; a line quoted from an earlier message, blanked."""
    return line if _quote_depth(line) == 0 else ""


def _without_header(lines: list[str], start: int) -> list[str]:
    """The lines, with the mail client's words just above the plan (which starts at line
    `start`) blanked: the attribution line, or Outlook's header block."""
    end = start
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    begin = end
    while begin > 0 and lines[begin - 1].strip():
        begin -= 1
    paragraph = lines[begin:end]
    joined = " ".join(line.strip() for line in paragraph)
    if paragraph and (_ATTRIBUTION.search(joined) or all(map(_HEADER.match, paragraph))):
        return [*lines[:begin], *([""] * len(paragraph)), *lines[end:]]
    return lines
