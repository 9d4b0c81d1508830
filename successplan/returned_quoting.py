"""An email reply's quoting, taken off the plan it carries.

A customer who answers by email sends the plan back quoted (`> `, nested as the thread
grows), with their answers between the quoted lines.
"""

from __future__ import annotations

import re

from successplan.export.markdown import MARKER

_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?")
# Where the plan starts: its hidden marker, or its title when a word processor took that.
_PLAN_START = re.compile(rf"<!--\s*{MARKER}\s+plan\b|Success plan for")


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
    the customer's own answers between the quoted lines and are kept as they are, and
    what follows the last quoted line (a signature) is left out.
    """
    lines = text.split("\n")
    start = next(
        (n for n, line in enumerate(lines) if _PLAN_START.search(line)),
        None,
    )
    if start is None:
        return text, False
    depth = _quote_depth(lines[start])
    if depth == 0:
        return text, False
    last = max(n for n, line in enumerate(lines) if _quote_depth(line) >= depth)
    kept = [_unquoted(line, depth) for line in lines[: last + 1]]
    return "\n".join(kept), True
