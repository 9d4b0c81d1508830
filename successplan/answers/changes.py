"""The kinds of difference a returned file can make to a plan, one change at a time."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ChangeKind(StrEnum):
    DONE = "done"
    REOPENED = "reopened"
    TEXT_EDITED = "text edited"
    UNKNOWN = "unknown line"
    # A step without its marker, found in the plan by its text: applied only if confirmed.
    MATCHED_DONE = "done?"
    MATCHED_REOPENED = "reopened?"
    # What the customer wrote under a step (target set) or on the whole plan.
    COMMENT = "comment"


MATCHED_KINDS = (ChangeKind.MATCHED_DONE, ChangeKind.MATCHED_REOPENED)


@dataclass(frozen=True)
class ReturnedChange:
    """One difference between the returned file and the plan."""

    kind: ChangeKind
    line: int  # 1-based line of the returned file
    text: str  # the task line's text as the customer returned it
    target: str | None = None  # "milestone" or "item"
    target_id: str | None = None  # where the change lands: the current copy of the item
    outcome_id: str | None = None
    plan_text: str | None = None  # what the plan says, for an edited or matched line
    reason: str = ""
    sent_id: str | None = None  # the item the file names, when its copy is another one

    @property
    def is_completion(self) -> bool:
        """True for the changes `apply_return` applies: done and reopened."""
        return self.kind in (ChangeKind.DONE, ChangeKind.REOPENED)

    @property
    def needs_confirmation(self) -> bool:
        """True for a step matched by its text only: the CSM confirms it explicitly."""
        return self.kind in MATCHED_KINDS

    def describe(self) -> str:
        """One line for a person: what changed and where."""
        where = f"line {self.line}" if self.line else "reply"
        if self.kind is ChangeKind.COMMENT:
            about = f"on {self.plan_text!r}" if self.plan_text else "on the whole plan"
            return f"{where}: comment {about}: {self.text!r}"
        if self.needs_confirmation:
            done = "done" if self.kind is ChangeKind.MATCHED_DONE else "reopened"
            if self.text == self.plan_text:
                step = f"the step {self.plan_text!r}"
            else:
                step = f"{self.text!r} if it is the step {self.plan_text!r}"
            return (
                f"{where}: {done}: {step} (matched by its text, {self.reason}): "
                "confirm before it is recorded"
            )
        if self.kind is ChangeKind.TEXT_EDITED:
            return f"{where}: text edited: {self.text!r} (the plan says {self.plan_text!r})"
        if self.kind is ChangeKind.UNKNOWN:
            return f"{where}: unknown line ({self.reason}): {self.text!r}"
        if self.sent_id is not None and self.sent_id != self.target_id:
            return f"{where}: {self.kind.value}: {self.text} (on its copy in the current outcome)"
        return f"{where}: {self.kind.value}: {self.text}"
