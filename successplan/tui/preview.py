"""The customer-facing Markdown of a plan, for the live preview and the export command.

The app asks for a plan's Markdown in exactly two places, `plan_markdown` (the
preview) and `export_plan` (the export key). Both render a plain, customer-facing
view here (internal notes left out, user text escaped). Once the exporters are in
the package, these two functions are the call sites to point at them:
`successplan.export.markdown.render_markdown(customer, internal=False, today=today,
markers=False)` and `successplan.export.write_export(customer, "md", folder,
today=today)`.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from successplan.model import Customer, DesiredOutcome, ItemStatus, OutcomeStatus
from successplan.plans import outcome_progress, success_vector
from successplan.tui.parts import KIND_HELP, PART_LABELS

# Inline syntax anywhere in user text, and block syntax at the start of a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_BLOCK_START = re.compile(r"^(\s*)([#+\-=>])")
_ORDERED_START = re.compile(r"^(\s*\d+)([.)])")
_LIVE = (OutcomeStatus.DRAFT, OutcomeStatus.ACTIVE)


def escape(text: str) -> str:
    """User text as inert Markdown: no headings, links, emphasis or HTML it did not mean."""
    lines = (_INLINE.sub(r"\\\1", line) for line in text.splitlines())
    lines = (_BLOCK_START.sub(r"\1\\\2", line) for line in lines)
    return " ".join(_ORDERED_START.sub(r"\1\\\2", line) for line in lines)


def _due(day: date | None) -> str:
    return f" — due {day.isoformat()}" if day else ""


def _outcome(outcome: DesiredOutcome, today: date) -> list[str]:
    goal = outcome.goal
    lines = [f"## {escape(goal.objective)}", ""]
    facts = [f"Status: {outcome.status.value}"]
    if outcome.status in _LIVE:
        progress = outcome_progress(outcome)
        facts.append(f"progress {progress:.0%}, {success_vector(outcome, today).value}")
    if goal.time_frame:
        start = goal.time_frame.start
        facts.append(
            f"time frame {start.isoformat() + ' → ' if start else 'until '}"
            f"{goal.time_frame.due.isoformat()}"
        )
    lines += ["*" + " · ".join(facts) + "*", ""]
    if goal.measure:
        measure = goal.measure
        baseline = f"{measure.baseline:,g} → " if measure.baseline is not None else ""
        lines += [
            f"**Measure:** {escape(measure.metric)}: {baseline}{measure.target:,g} "
            f"{escape(measure.unit)}".rstrip(),
            "",
        ]
    if goal.conditions:
        lines += ["### Conditions", ""]
        for condition in goal.conditions:
            why = f" — *why it matters:* {escape(condition.why_it_matters)}"
            lines.append(f"- {escape(condition.text)}{why if condition.why_it_matters else ''}")
        lines.append("")
    experience = outcome.experience
    if experience.content or experience.channels or experience.cadence:
        lines += ["### Appropriate Experience", ""]
        if experience.content:
            lines.append(f"- {escape(experience.content)}")
        if experience.channels:
            lines.append(f"- Channels: {', '.join(escape(c) for c in experience.channels)}")
        if experience.cadence:
            lines.append(f"- Cadence: {escape(experience.cadence)}")
        lines.append("")
    if outcome.milestones:
        lines += ["### Progress milestones", ""]
        for kind in KIND_HELP:
            milestones = [m for m in outcome.milestones if m.kind is kind]
            if not milestones:
                continue
            lines += [f"**{kind.value.capitalize()}** — {KIND_HELP[kind]}", ""]
            for milestone in milestones:
                box = "x" if milestone.is_done else " "
                owner = f" ({escape(milestone.owner_name)})" if milestone.owner_name else ""
                lines.append(f"- [{box}] {escape(milestone.title)}{owner}{_due(milestone.due)}")
            lines.append("")
    if outcome.accountability:
        lines += ["### Joint accountability", ""]
        for part, label in PART_LABELS.items():
            items = [i for i in outcome.accountability if i.part is part]
            items = [i for i in items if i.status is not ItemStatus.DROPPED]
            if not items:
                continue
            lines += [f"**{label}**", ""]
            for item in items:
                box = "x" if item.is_done else " "
                owner = f" ({escape(item.owner)})" if item.owner else ""
                lines.append(f"- [{box}] {escape(item.description)}{owner}{_due(item.due)}")
            lines.append("")
    if outcome.success_gaps:
        lines += ["### Success gaps", ""]
        for gap in outcome.success_gaps:
            bridge = f" — bridged by: {escape(gap.bridge)}" if gap.bridge else ""
            lines.append(f"- {escape(gap.gap)}{bridge}")
        lines.append("")
    return lines


def plan_markdown(customer: Customer, today: date) -> str:
    """The customer-facing Markdown of a customer's current plan (no internal notes)."""
    lines = [f"# Success plan: {escape(customer.name)}", ""]
    if customer.renewal_on:
        lines += [f"Renewal: {customer.renewal_on.isoformat()}", ""]
    live = [o for o in customer.outcomes if o.status in _LIVE]
    if not live:
        lines += ["*No desired outcome is active yet.*", ""]
    for outcome in live:
        lines += _outcome(outcome, today)
    expectations = customer.expectations
    if expectations:
        lines += ["## What we agreed will happen", ""]
        for expectation in expectations:
            when = f" — {expectation.expected_on.isoformat()}" if expectation.expected_on else ""
            lines.append(f"- {escape(expectation.description)}{when} ({expectation.status.value})")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def slug(name: str) -> str:
    """A file name from a customer's name."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "customer"


def export_plan(customer: Customer, today: date, folder: Path) -> Path:
    """Write the customer-facing Markdown to folder/<customer>-<date>.md; never overwrite."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{slug(customer.name)}-{today.isoformat()}"
    path, counter = folder / f"{stem}.md", 1
    while path.exists():
        counter += 1
        path = folder / f"{stem}-{counter}.md"
    with path.open("x", encoding="utf-8") as file:
        file.write(plan_markdown(customer, today))
    return path
