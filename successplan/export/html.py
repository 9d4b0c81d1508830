"""The success plan as one self-contained HTML page the customer can answer in.

Rendered from the Markdown export with raw HTML disabled, so user text can only ever be
text. Each step gets a checkbox and a short comment box, and the page ends with a box for
the whole plan and two buttons: save the reply as a small file, or copy it as text for an
email (`successplan.export.reply` describes the reply). The page's one script is fixed
text, allowed by its hash in the Content Security Policy, which forbids every other
script and every outside request. Without the script (an email client, a print) the
page is a plain, readable plan. `static=True` gives that plan alone: for PDF and email.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

from markdown_it import MarkdownIt
from markdown_it.token import Token

from successplan import clock
from successplan.export.files import export_stem
from successplan.export.markdown import TaskLine, human_date, markdown_with_steps
from successplan.export.reply import COMMENT_MAX, PLAN_COMMENT_MAX
from successplan.model import Customer

STYLE = """
:root { color-scheme: light; --ink: #1f2933; --muted: #52606d; --line: #d9e2ec;
  --accent: #0b6e4f; --paper: #ffffff; --band: #f5f7fa; --done: #e3f4ec; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--band); color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main { max-width: 52rem; margin: 2rem auto; padding: 2.5rem 3rem; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; }
h1 { font-size: 1.7rem; line-height: 1.25; margin-top: 0; color: var(--accent); }
h2 { font-size: 1.35rem; margin-top: 2.2rem; padding-bottom: .3rem;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; color: var(--muted); }
p, li { overflow-wrap: anywhere; }
ul { padding-left: 1.4rem; }
li { margin: .3rem 0; }
li.step { list-style: none; margin-left: -1.4rem; padding: .2rem .4rem .2rem 2rem;
  text-indent: -1.6rem; border-radius: 4px; }
li.step.done { background: var(--done); }
li.step.done .step-text { color: var(--muted); }
li.step.changed { outline: 2px solid #f0b429; }
.box { display: inline-block; width: 1.1rem; margin-right: .5rem; text-indent: 0;
  color: var(--accent); font-weight: bold; }
input.step-box { width: 1.1rem; height: 1.1rem; margin: 0 .5rem 0 0; vertical-align: -.15rem;
  accent-color: var(--accent); }
label.step-line { cursor: pointer; }
details.comment { text-indent: 0; margin: .2rem 0 .4rem; font-size: .9rem; }
details.comment summary { color: var(--accent); cursor: pointer; }
textarea { width: 100%; font: inherit; padding: .4rem; border: 1px solid var(--line);
  border-radius: 4px; }
table { border-collapse: separate; border-spacing: 0; width: 100%; margin: 1rem 0;
  font-size: .95rem; border-top: 1px solid var(--line); border-left: 1px solid var(--line); }
th, td { border-right: 1px solid var(--line); border-bottom: 1px solid var(--line);
  padding: .45rem .6rem; text-align: left; vertical-align: top; }
td:first-child { overflow-wrap: anywhere; }
th { background: var(--band); }
blockquote { margin: 1rem 0; padding: .5rem 1rem; border-left: 4px solid #f0b429;
  background: #fffbea; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, "DejaVu Sans Mono", monospace;
  font-size: .9em; background: var(--band); padding: .1rem .3rem; border-radius: 3px; }
section.reply { margin-top: 2.5rem; padding: 1.2rem 1.4rem; border: 2px solid var(--accent);
  border-radius: 8px; }
section.reply h2 { margin-top: 0; border: none; }
section.reply button { font: inherit; padding: .5rem 1rem; margin: .6rem .6rem 0 0;
  border-radius: 6px; border: 1px solid var(--accent); background: var(--accent);
  color: #fff; cursor: pointer; }
section.reply button.secondary { background: #fff; color: var(--accent); }
#reply-status { font-weight: bold; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media screen and (max-width: 40rem) {
  main { margin: 0; padding: 1.25rem 1rem 2rem; border: none; border-radius: 0; }
  h1 { font-size: 1.45rem; }
  table, tbody, tr, td { display: block; }
  table { border: none; }
  thead { display: none; }
  tr { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem;
    margin-bottom: .75rem; }
  td { border: none; padding: .15rem 0; overflow-wrap: anywhere; }
  td:first-child { font-weight: 600; }
  td:not(:first-child)::before { content: attr(data-label) ": "; color: var(--muted); }
}
@page { margin: 16mm 15mm 18mm; }
@media print {
  body { background: none; font-size: 10.5pt; }
  main { margin: 0; padding: 0; border: none; max-width: none; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  section.short { break-inside: avoid; page-break-inside: avoid; }
  p, li { orphans: 3; widows: 3; }
  li, tr, blockquote, details { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  /* Chromium lays a printed page out up to a pixel wider than the paper's printable
     width, and cuts what falls past it: the table's right border stays inside. */
  table { width: calc(100% - 2px); }
  [data-reply-only], details.comment, footer { display: none !important; }
  li.step.done { background: none; }
  li.step.changed { outline: none; }
}
"""

REPLY_SCRIPT = files("successplan.export").joinpath("reply.js").read_text(encoding="utf-8")
SCRIPT_HASH = base64.b64encode(hashlib.sha256(REPLY_SCRIPT.encode("utf-8")).digest()).decode()
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src 'sha256-{SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
)
# Without a script: a page for PDF and the body of an email.
STATIC_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@cache
def markdown_renderer() -> MarkdownIt:
    """CommonMark with GFM tables and strikethrough; raw HTML off."""
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


def _html(content: str, *, block: bool = False) -> Token:
    """A token of HTML written here (never user text): rendered as it is."""
    token = Token("html_block" if block else "html_inline", "", 0)
    token.content = content
    return token


def _box(number: int, step: TaskLine, *, static: bool) -> str:
    if static:
        return f'<span class="box" aria-hidden="true">{"✓" if step.done else "☐"}</span>'
    checked = " checked" if step.done else ""
    data = {
        "step": str(number),
        "kind": step.kind,
        "id": step.id,
        "was": step.state,
        "digest": step.digest,
        "text": " ".join(step.plain.split()),
    }
    attributes = " ".join(f'data-{key}="{_attribute(value)}"' for key, value in data.items())
    state = "done" if step.done else "not done yet"
    return (
        f'<input type="checkbox" class="step-box" id="step-{number}" {attributes}{checked} '
        f'disabled aria-label="Done ({state} when we sent it)">'
    )


def _comment_box(number: int) -> str:
    return (
        f'<details class="comment" data-reply-only hidden><summary>Comment on this step'
        f'</summary><textarea id="comment-{number}" rows="2" maxlength="{COMMENT_MAX}" '
        f'aria-label="Your comment on this step"></textarea></details>\n'
    )


@dataclass(frozen=True)
class StepControls:
    """What a page writes around each step (numbered from 1): before its text (a box, a
    label's opening), right after it, and after its whole list item (a comment box)."""

    before: Callable[[int, TaskLine], str]
    after_text: Callable[[int, TaskLine], str]
    after_item: Callable[[int, TaskLine], str]


EXPORT_CONTROLS = StepControls(
    lambda number, step: (
        f'<label class="step-line" for="step-{number}">'
        + _box(number, step, static=False)
        + '<span class="step-text">'
    ),
    lambda number, step: "</span></label>",
    lambda number, step: _comment_box(number),
)
STATIC_CONTROLS = StepControls(
    lambda number, step: _box(number, step, static=True) + '<span class="step-text">',
    lambda number, step: "</span>",
    lambda number, step: "",
)


def _with_steps(tokens: list[Token], steps: list[TaskLine], controls: StepControls) -> list[Token]:
    """The token stream with each task line made a step: its box, and its comment box."""
    out: list[Token] = []
    pending = iter(enumerate(steps, start=1))
    open_steps: list[tuple[int, int, TaskLine]] = []  # (level of the list item, number, step)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        inline = tokens[index + 2] if index + 2 < len(tokens) else None
        is_task = (
            token.type == "list_item_open"
            and inline is not None
            and inline.type == "inline"
            and inline.content.startswith(("[ ] ", "[x] "))
            and inline.children
        )
        if is_task and inline is not None and inline.children:
            number, step = next(pending)
            token.attrSet("class", "step done" if step.done else "step")
            first = inline.children[0]
            first.content = first.content[4:]
            inline.children = [
                _html(controls.before(number, step)),
                *inline.children,
                _html(controls.after_text(number, step)),
            ]
            open_steps.append((token.level, number, step))
        if token.type == "list_item_close" and open_steps and open_steps[-1][0] == token.level:
            _, number, step = open_steps.pop()
            after = controls.after_item(number, step)
            if after:
                out.append(_html(after, block=True))
        out.append(token)
        index += 1
    if next(pending, None) is not None:
        raise AssertionError("every step of the plan must be a task line of the page")
    return out


# The most paragraphs and list items a section without subsections may hold to be kept
# whole on one printed page; a longer one may break where it must.
SHORT_SECTION = 8


@dataclass
class _Section:
    level: int
    opening: Token
    blocks: int = 0
    leaf: bool = True


def _sections(tokens: list[Token]) -> list[Token]:
    """The token stream with each heading (h2–h4) and what follows it in a `<section>`; a
    short one without subsections is `short`, so that print keeps it on one page."""
    out: list[Token] = []
    open_sections: list[_Section] = []

    def close(level: int) -> None:
        while open_sections and open_sections[-1].level >= level:
            section = open_sections.pop()
            short = section.leaf and section.blocks <= SHORT_SECTION
            section.opening.content = '<section class="short">\n' if short else "<section>\n"
            out.append(_html("</section>\n", block=True))

    for token in tokens:
        if token.type == "heading_open" and token.tag in ("h2", "h3", "h4"):
            level = int(token.tag[1])
            close(level)
            if open_sections:
                open_sections[-1].leaf = False
            opening = _html("<section>\n", block=True)
            open_sections.append(_Section(level, opening))
            out.append(opening)
        elif token.type in ("paragraph_open", "list_item_open") and open_sections:
            open_sections[-1].blocks += 1
        out.append(token)
    close(0)
    return out


def page_title(customer: Customer, *, internal: bool, today: date) -> str:
    """The title of the page (and the PDF's footer): whose plan, of which day."""
    label = "INTERNAL — " if internal else ""
    return f"{label}Success plan for {customer.name} — {human_date(today)}"


# Table parts keep their roles when a narrow screen lays them out as blocks.
_TABLE_ROLES = {
    "table_open": "table",
    "thead_open": "rowgroup",
    "tbody_open": "rowgroup",
    "tr_open": "row",
    "th_open": "columnheader",
    "td_open": "cell",
}


def _labelled_cells(tokens: list[Token]) -> list[Token]:
    """Each table cell named by its column's heading (`data-label`), so that a phone can
    show a row as labelled values, one under the other, instead of a table too wide."""
    headings: list[str] = []
    column = 0
    for index, token in enumerate(tokens):
        if token.type in _TABLE_ROLES:
            token.attrSet("role", _TABLE_ROLES[token.type])
        if token.type == "thead_open":
            headings = []
        elif token.type == "th_open":
            children = tokens[index + 1].children or []
            headings.append("".join(child.content for child in children))
        elif token.type == "tr_open":
            column = 0
        elif token.type == "td_open":
            if column < len(headings):
                token.attrSet("data-label", headings[column])
            column += 1
    return tokens


def _reply_section(customer: Customer) -> str:
    owner = html.escape(customer.account_owner) if customer.account_owner else "us"
    return f"""<section class="reply" id="reply" data-reply-only hidden>
<h2>Your reply</h2>
<p>Tick what is done, add a comment to any step, and tell {owner} anything else here.
Then save your reply and attach the file to an email, or copy it into one.</p>
<p><label for="plan-comment">Anything else about the plan?</label></p>
<textarea id="plan-comment" rows="4" maxlength="{PLAN_COMMENT_MAX}"></textarea>
<p><button type="button" id="save-reply">Save my reply</button>
<button type="button" class="secondary" id="copy-reply">Copy my reply for an email</button></p>
<p id="reply-status" role="status"></p>
<textarea id="reply-text" rows="12" readonly hidden aria-label="Your reply as text"></textarea>
</section>
"""


def plan_body(
    customer: Customer,
    *,
    internal: bool,
    today: date,
    plan_version: int | None,
    controls: StepControls,
) -> str:
    """The plan as the HTML of a page's body (its title, sections and steps, each step
    with `controls`): what every HTML view of a plan shows."""
    markdown, steps = markdown_with_steps(
        customer, internal=internal, today=today, markers=False, plan_version=plan_version
    )
    renderer = markdown_renderer()
    tokens = _with_steps(renderer.parse(markdown), steps, controls)
    tokens = _sections(_labelled_cells(tokens))
    return str(renderer.renderer.render(tokens, renderer.options, {}))


def render_html(
    customer: Customer,
    *,
    internal: bool = False,
    today: date | None = None,
    plan_version: int | None = None,
    static: bool = False,
) -> str:
    """The plan as a self-contained HTML page: customer-facing unless `internal`.

    The page lets the customer tick steps, comment and save a reply naming the customer,
    the export date and `plan_version`; `static=True` gives the plan to read only.
    """
    today = today or clock.today()
    controls = STATIC_CONTROLS if static else EXPORT_CONTROLS
    body = plan_body(
        customer, internal=internal, today=today, plan_version=plan_version, controls=controls
    )
    title = html.escape(page_title(customer, internal=internal, today=today))
    if static:
        policy, script, reply, main = STATIC_POLICY, "", "", "<main>"
    else:
        reply_file = f"{export_stem(customer, today.isoformat())}-reply.json"
        data = {
            "customer": customer.id,
            "exported": today.isoformat(),
            "plan-version": "" if plan_version is None else str(plan_version),
            "audience": "internal" if internal else "customer",
            "reply-file": reply_file,
        }
        attributes = " ".join(f'data-{key}="{_attribute(value)}"' for key, value in data.items())
        policy, reply = CONTENT_SECURITY_POLICY, _reply_section(customer)
        script = f"<script>{REPLY_SCRIPT}</script>\n"
        main = f"<main {attributes}>"
        hint = (
            '<p class="hint" data-reply-only hidden><strong>You can answer in this page:</strong> '
            "tick the steps that are done and comment on any of them; your reply is at the "
            "end.</p>\n"
        )
        body = body.replace("</h1>\n", "</h1>\n" + hint, 1)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="successplan">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
{main}
{body}{reply}<footer>Exported {html.escape(today.isoformat())} with successplan.</footer>
</main>
{script}</body>
</html>
"""
