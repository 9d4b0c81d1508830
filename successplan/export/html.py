"""The success plan as one self-contained HTML page, rendered from the Markdown export.

Raw HTML is disabled in the renderer, so user text can only ever be text; a Content
Security Policy forbids scripts and every outside request as a second line of defence.
The page has its CSS inline and prints cleanly.
"""

from __future__ import annotations

import html
from datetime import date
from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from successplan.export.markdown import human_date, render_markdown
from successplan.model import Customer

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
:root { color-scheme: light; --ink: #1f2933; --muted: #52606d; --line: #d9e2ec;
  --accent: #0b6e4f; --paper: #ffffff; --band: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--band); color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
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
li.task-list-item { list-style: none; margin-left: -1.4rem; }
li.task-list-item input { margin: 0 .5rem 0 0; transform: scale(1.15); accent-color: var(--accent);
  opacity: 1; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .45rem .6rem; text-align: left;
  vertical-align: top; }
th { background: var(--band); }
blockquote { margin: 1rem 0; padding: .5rem 1rem; border-left: 4px solid #f0b429;
  background: #fffbea; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .9em;
  background: var(--band); padding: .1rem .3rem; border-radius: 3px; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media print {
  body { background: none; font-size: 11pt; }
  main { margin: 0; padding: 0; border: none; max-width: none; }
  h2, h3, h4 { break-after: avoid; }
  li, tr { break-inside: avoid; }
  footer { display: none; }
}
"""


@cache
def markdown_renderer() -> MarkdownIt:
    """CommonMark with GFM tables, strikethrough and task lists; raw HTML off."""
    renderer = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    return renderer.use(tasklists_plugin)


def render_html(
    customer: Customer,
    *,
    internal: bool = False,
    today: date | None = None,
    plan_version: int | None = None,
) -> str:
    """The plan as a self-contained HTML page: customer-facing unless `internal`."""
    today = today or date.today()
    markdown = render_markdown(customer, internal=internal, today=today, markers=False)
    body = markdown_renderer().render(markdown)
    label = "INTERNAL — " if internal else ""
    title = html.escape(f"{label}Success plan for {customer.name} — {human_date(today)}")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
{body}<footer>Exported {html.escape(today.isoformat())} with successplan.</footer>
</main>
</body>
</html>
"""
