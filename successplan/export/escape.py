"""Escape user text for Markdown so that it can never change the document's structure.

Only the characters that could start a Markdown construct are escaped, so the raw file
stays pleasant to read: `R&D`, `snake_case`, `50%` and `$250,000` are left as they are,
while `*`, `[`, `<`, `` ` ``, `|` and the line-start markers (`#`, `>`, `-`, `1.`) are
backslash-escaped. Every ASCII punctuation character may be backslash-escaped in
CommonMark, so an escape always renders as the character itself.

Dollar signs: GitHub (like pandoc) reads `$…$` as math only when the closing `$` follows
a non-space character. A `$` after a space or at the start of a field, as in an amount,
can therefore only ever open math, never close it; so only a `$` that could close math
(after a non-space character, `US$`) and doubled `$$` are escaped, and no pair can form.
"""

from __future__ import annotations

import re

# Characters that open inline constructs anywhere in a line (emphasis, code, links,
# raw HTML and autolinks, strikethrough, table cells, GitHub's math) and the escape itself.
_ALWAYS = frozenset("\\`*[]<~|")
# An `&` that would be read as an entity or numeric character reference.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line these open a block: heading, quote, list, thematic break,
# setext underline, fence, table or HTML block.
_LINE_START = frozenset("#>-+*=`~|<_")
# An ordered-list marker at the start of a line: digits followed by `.` or `)`.
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])")
# A run of `#` at the end of a line would be read as the closing sequence of a heading.
_TRAILING_HASHES = re.compile(r"(?<!\\)(#+)(\s*)$")
_BLANK_RUNS = re.compile(r"\n\s*\n+")


# Every character `_escape_characters` may escape: most lines hold none, and are kept as
# they are without looking at each character in Python (most of an export's time).
_MAY_ESCAPE = re.compile(r"[\\`*\[\]<~|&$_]")


def _escape_characters(line: str) -> str:
    if not _MAY_ESCAPE.search(line):
        return line
    out: list[str] = []
    last = len(line) - 1
    for index, char in enumerate(line):
        if char in _ALWAYS or (char == "&" and _ENTITY.match(line, index)):
            out.append("\\" + char)
        elif char == "$":
            could_close = index > 0 and not line[index - 1].isspace()
            doubled = line[index + 1 : index + 2] == "$"
            out.append("\\$" if could_close or doubled else "$")
        elif char == "_":
            # Between two letters or digits `_` cannot open or close emphasis.
            inside_word = (
                0 < index < last and line[index - 1].isalnum() and line[index + 1].isalnum()
            )
            out.append("_" if inside_word else "\\_")
        else:
            out.append(char)
    return "".join(out)


def escape_line(line: str) -> str:
    """Escape one line of user text (no line breaks) for any inline position."""
    line = line.strip()
    if not line:
        return ""
    escaped = _escape_characters(line)
    if line[0] in _LINE_START and not escaped.startswith("\\"):
        escaped = "\\" + escaped
    ordered = _ORDERED_MARKER.match(escaped)
    if ordered:
        escaped = f"{ordered.group(1)}\\{ordered.group(2)}{escaped[ordered.end() :]}"
    return _TRAILING_HASHES.sub(lambda m: "\\#" * len(m.group(1)) + m.group(2), escaped)


def single_line(text: str) -> str:
    """Escaped user text on one line, its line breaks turned into spaces (headings, cells)."""
    return " ".join(filter(None, (escape_line(part) for part in text.split("\n"))))


def multi_line(text: str, indent: str = "") -> str:
    """Escaped user text whose line breaks become hard breaks, continuing at `indent`.

    Blank lines are folded into one break: a blank line would end the paragraph, and
    with it the list item or table the text sits in.
    """
    lines = [escape_line(part) for part in _BLANK_RUNS.sub("\n", text).split("\n")]
    lines = [line for line in lines if line]
    return ("\\\n" + indent).join(lines)
