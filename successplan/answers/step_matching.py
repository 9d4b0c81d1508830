"""Steps that came back without their hidden marker, found in the plan by their text.

A file that went through a word processor keeps its words and boxes but loses every
HTML comment. Each of its steps is compared with the plan's steps as the customer read
them; a step is matched only when one plan step is clearly the closest, and a match is
a suggestion the CSM confirms, never a change applied on its own (`matched_changes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from successplan.answers.changes import ChangeKind, ReturnedChange
from successplan.answers.files import ReturnedFile, ReturnedStep, StepKind
from successplan.answers.replies import comment_change
from successplan.answers.text import ExportText, find_words, words
from successplan.export.markdown import TaskLine, item_line, milestone_line
from successplan.model import AccountabilityItem, Customer, DesiredOutcome, Milestone

# How alike a returned step and a plan step must be (0–1), and how clearly ahead of the
# next best the best one must be, to be offered as a match.
MATCH_AT_LEAST = 0.8
MATCH_AHEAD_BY = 0.08

_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
# A dash as pandoc's Markdown spells it: `---` (and `--` for the short one).
_ASCII_DASH = re.compile(r"(?<=\s)-{2,3}(?=\s)")
_MARKUP = re.compile(r"^[\s#>*+\-|]*(?:\[[ xX]\])?\s*|[*_`\\|]")


def normalized(text: str) -> str:
    """Text as compared: case, typography, Markdown markup and spacing folded away."""
    folded = " ".join(_ASCII_DASH.sub("—", text).translate(_TYPOGRAPHY).casefold().split())
    return " ".join(_MARKUP.sub("", folded).split()).strip(" .")


@dataclass(frozen=True)
class StepMatch:
    """The plan step a returned step was matched with, and what else the customer wrote."""

    kind: StepKind
    step_id: str
    outcome_id: str
    plan_text: str
    score: float
    text: str  # the returned step's text: its line and the lines that continue it
    comment: str  # the lines under it that the plan does not have: the customer's


Step = Milestone | AccountabilityItem


def plan_steps(
    customer: Customer, *, internal: bool
) -> list[tuple[DesiredOutcome, Step, TaskLine]]:
    """Every milestone and accountability item with its task line as exported."""
    found: list[tuple[DesiredOutcome, Step, TaskLine]] = []
    for outcome in customer.outcomes:
        for milestone in outcome.milestones:
            found.append((outcome, milestone, milestone_line(milestone, internal=internal)))
        for item in outcome.accountability:
            found.append((outcome, item, item_line(item, internal=internal)))
    return found


def _score(returned: str, line: TaskLine) -> float:
    head = normalized(line.parts[0])
    title = normalized(line.parts[0].split(" — ")[0])
    mine = normalized(returned)
    mine_title = normalized(_ASCII_DASH.sub("—", returned).split(" — ")[0].split(" - ")[0])
    return max(
        SequenceMatcher(None, mine, head).ratio(),
        SequenceMatcher(None, mine_title, title).ratio(),
    )


def continuation(
    step: ReturnedStep, plan_text: str, export: ExportText
) -> tuple[list[str], list[str]]:
    """The lines under a step that continue its text (a word processor wraps long lines),
    and the lines the customer added there.

    A line continues the step when its words come next in the plan's text, after those
    already read; a line the export wrote elsewhere (a heading that lost its marks) is
    neither.
    """
    plan, first = words(plan_text), words(step.text)
    start = find_words(plan, first)
    read = start + len(first) if start is not None else 0
    continued: list[str] = []
    added: list[str] = []
    for line in step.following:
        said = words(line)
        at = find_words(plan, said, read) if said else None
        if at is not None:
            continued.append(line)
            read = at + len(said)
        elif not export.has(line):
            added.append(line)
    return continued, added


def match_steps(
    steps: Iterable[tuple[int, ReturnedStep]],
    customer: Customer,
    *,
    internal: bool,
    taken: set[tuple[str, str]],
    export: ExportText,
) -> dict[int, StepMatch]:
    """For each (index, step) without a marker, the plan step it clearly is, if any.

    `taken` holds the (kind, id) of plan steps already named by a marker; each plan step
    is matched at most once, the closest pairs first. `export` is the plan's text as
    exported, which is never the customer's comment.
    """
    steps = list(steps)
    candidates = [
        (outcome, step, line)
        for outcome, step, line in plan_steps(customer, internal=internal)
        if (line.kind, step.id) not in taken
    ]
    pairs: list[tuple[float, int, int]] = []
    for index, returned in steps:
        scores = sorted(
            (
                (_score(returned.text, line), number)
                for number, (_, _, line) in enumerate(candidates)
            ),
            reverse=True,
        )
        if not scores or scores[0][0] < MATCH_AT_LEAST:
            continue
        if len(scores) > 1 and scores[0][0] - scores[1][0] < MATCH_AHEAD_BY:
            continue  # two plan steps read alike: the CSM must decide, not a guess
        pairs.append((scores[0][0], index, scores[0][1]))
    returned_by_index = dict(steps)
    matches: dict[int, StepMatch] = {}
    used: set[int] = set()
    for score, index, number in sorted(pairs, reverse=True):
        if number in used or index in matches:
            continue
        used.add(number)
        outcome, step, line = candidates[number]
        returned = returned_by_index[index]
        continued, added = continuation(returned, line.plain, export)
        matches[index] = StepMatch(
            StepKind(line.kind),
            step.id,
            outcome.id,
            line.plain,
            round(score, 2),
            text=" ".join([returned.text, *(" ".join(part.split()) for part in continued)]),
            comment="\n".join(added),
        )
    return matches


def matched_changes(
    customer: Customer,
    returned: ReturnedFile,
    unmarked: list[tuple[int, ReturnedStep]],
    seen: set[tuple[str, str]],
    export: ExportText,
) -> list[ReturnedChange]:
    """Steps without a marker: found in the plan by their text (to confirm), or unknown.

    `export` is the plan's text as it was exported: the lines under a step that it holds
    are not the customer's.
    """
    matches = match_steps(unmarked, customer, internal=returned.internal, taken=seen, export=export)
    objects = {
        (line.kind, step.id): (outcome, step)
        for outcome, step, line in plan_steps(customer, internal=returned.internal)
    }
    changes: list[ReturnedChange] = []
    for index, step in unmarked:
        match = matches.get(index)
        if match is None:
            reason = "no marker" if not returned.markers_lost else "no step of the plan reads so"
            added = [line for line in step.following if not export.has(line)]
            text = " ".join([step.text, *(" ".join(line.split()) for line in added)])
            changes.append(ReturnedChange(ChangeKind.UNKNOWN, step.line, text, reason=reason))
            continue
        outcome, obj = objects[(match.kind.value, match.step_id)]
        details = {"target": match.kind.value, "target_id": obj.id, "outcome_id": outcome.id}
        kind = None
        if step.ticked and not obj.is_done:
            kind = ChangeKind.MATCHED_DONE
        elif not step.ticked and obj.is_done:
            kind = ChangeKind.MATCHED_REOPENED
        if kind is not None:
            reason = f"{match.score:.0%} alike"
            changes.append(
                ReturnedChange(
                    kind, step.line, match.text, plan_text=match.plan_text, reason=reason, **details
                )
            )
        comment = "\n".join(filter(None, [step.comment, match.comment]))
        changes.extend(comment_change(customer, step.line, comment, obj, **details))
    return changes
