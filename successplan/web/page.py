"""The customer's page as HTML: the plan as the customer-facing export shows it, with a
box on each step they may answer, and their answers' form; and the few plain pages
around it (an invalid link, a refusal, thanks).

Every word of user text goes through the export's view code, which escapes it; every
attribute written here is escaped too. The page works without its script, which only
says that answers are not sent yet.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from importlib.resources import files

from successplan.answers.page import (
    COMMENT_MAX,
    GOAL_SENTENCE_MAX,
    NAME_MAX,
    PLAN_COMMENT_MAX,
    AnswerableStep,
    GoalWord,
    answerable_steps,
    page_goals,
)
from successplan.answers.replies import step_name
from successplan.export.html import STATIC_CONTROLS, STYLE, StepControls, plan_body
from successplan.export.markdown import TaskLine
from successplan.export.view import customer_view
from successplan.model import Customer

PAGE_STYLE = (
    STYLE
    + """
form.plan-page fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 1rem 0;
  padding: .6rem 1rem; }
form.plan-page legend { font-weight: 600; padding: 0 .3rem; }
form.plan-page .choice { display: block; margin: .3rem 0; }
form.plan-page input[type=text] { width: 100%; font: inherit; padding: .4rem;
  border: 1px solid var(--line); border-radius: 4px; }
form.plan-page button { font: inherit; padding: .6rem 1.2rem; margin-top: 1rem;
  border-radius: 6px; border: 1px solid var(--accent); background: var(--accent);
  color: #fff; cursor: pointer; }
.notice { padding: .8rem 1rem; border-radius: 6px; background: var(--done);
  border: 1px solid var(--accent); }
.notice.refused { background: #fff4f4; border-color: #b42318; }
@media print { section.answer, .notice { display: none !important; } }
"""
)
PAGE_SCRIPT = files("successplan.web").joinpath("page.js").read_text(encoding="utf-8")
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


def _field_key(step: TaskLine) -> str:
    return f"{step.kind}:{step.id}"


def _controls(steps: dict[tuple[str, str], AnswerableStep]) -> StepControls:
    """A live box and a comment box on each step the customer may answer; the others as
    the printed export shows them."""

    def before(number: int, line: TaskLine) -> str:
        if (line.kind, line.id) not in steps:
            return STATIC_CONTROLS.before(number, line)
        checked = " checked" if line.done else ""
        return (
            f'<label class="step-line"><input type="checkbox" class="step-box" name="done" '
            f'value="{_attribute(_field_key(line))}"{checked}><span class="step-text">'
        )

    def after_text(number: int, line: TaskLine) -> str:
        if (line.kind, line.id) not in steps:
            return STATIC_CONTROLS.after_text(number, line)
        return "</span></label>"

    def after_item(number: int, line: TaskLine) -> str:
        answerable = steps.get((line.kind, line.id))
        if answerable is None:
            return ""
        name = _attribute(f"Your comment on “{step_name(answerable.step)}”")
        return (
            '<details class="comment"><summary>Comment on this step</summary>'
            f'<textarea name="comment:{_attribute(_field_key(line))}" rows="2" '
            f'maxlength="{COMMENT_MAX}" aria-label="{name}"></textarea></details>\n'
        )

    return StepControls(before, after_text, after_item)


def _goal_fields(plan: Customer) -> str:
    parts = []
    for outcome in page_goals(plan):
        objective = html.escape(outcome.goal.objective)
        key = _attribute(outcome.id)
        parts.append(
            f"""<fieldset><legend>The goal “{objective}”</legend>
<label class="choice"><input type="radio" name="goal:{key}" value="{GoalWord.STILL_RIGHT}">
This goal is still right</label>
<label class="choice"><input type="radio" name="goal:{key}" value="{GoalWord.CHANGED}">
The goal has changed</label>
<label class="choice">In a sentence (what has changed, or anything to add)
<input type="text" name="goal-sentence:{key}" maxlength="{GOAL_SENTENCE_MAX}"></label>
</fieldset>"""
        )
    return "\n".join(parts)


@dataclass(frozen=True)
class DrawnPlan:
    """The parts of a plan's page that depend on the plan alone (drawing them is the
    costly part of a page): kept per version and day, and dressed per request with the
    form's own fields."""

    customer_id: str
    version: int
    day: date
    title: str
    body: str
    goals: str


def draw_plan(plan: Customer, version: int, *, today: date) -> DrawnPlan:
    """The plan as the customer-facing export shows it, with a box on each step the
    customer may answer, and its goals' questions."""
    view = customer_view(plan)
    steps = answerable_steps(plan)
    body = plan_body(
        view, internal=False, today=today, plan_version=version, controls=_controls(steps)
    )
    title = f"Success plan for {plan.name}"
    return DrawnPlan(plan.id, version, today, title, body, _goal_fields(plan))


def _answer_section(drawn: DrawnPlan, form_id: str, csrf: str) -> str:
    return f"""<section class="answer" id="answer">
<h2>Your answers</h2>
<p>Tick what is done (or untick what is not), comment on any step you are part of, and
tell us whether each goal still holds. Then send your answers: we see them at once.</p>
{drawn.goals}
<p><label for="plan-comment">Anything else about the plan?</label></p>
<textarea id="plan-comment" name="comment" rows="4" maxlength="{PLAN_COMMENT_MAX}"></textarea>
<p><label for="your-name">Your name</label>
<input type="text" id="your-name" name="name" required maxlength="{NAME_MAX}"
 autocomplete="name"></p>
<input type="hidden" name="version" value="{drawn.version}">
<input type="hidden" name="form" value="{_attribute(form_id)}">
<input type="hidden" name="csrf" value="{_attribute(csrf)}">
<p><button type="submit">Send my answers</button></p>
<p id="answer-status" role="status"></p>
</section>
"""


def _document(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{html.escape(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/page.css">
</head>
<body>
<main>
{body}
</main>
<script src="/page.js"></script>
</body>
</html>
"""


def plan_page(drawn: DrawnPlan, *, action: str, form_id: str, csrf: str, notice: str = "") -> str:
    """The customer's page of a drawn plan, with the form that answers it."""
    said = f'<p class="notice" role="status">{html.escape(notice)}</p>\n' if notice else ""
    form = (
        f'<form class="plan-page" method="post" action="{_attribute(action)}">\n'
        f"{said}{drawn.body}{_answer_section(drawn, form_id, csrf)}</form>"
    )
    return _document(drawn.title, form)


def message_page(title: str, message: str, *, refused: bool = True) -> str:
    """A plain page that says one thing (a link not valid, an answer refused, thanks)."""
    kind = "notice refused" if refused else "notice"
    said = html.escape(message)
    body = f'<h1>{html.escape(title)}</h1>\n<p class="{kind}" role="status">{said}</p>'
    return _document(title, body)


INVALID_LINK = message_page(
    "This link is not valid",
    "This link is not valid. Ask your Customer Success Manager for a new one.",
)
