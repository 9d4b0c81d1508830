"""The vocabulary of the success-plan model: every term with its meaning and an example,
found by name, alias or a close misspelling, and the term behind each field of a form.

The terms themselves are in `glossary.toml` beside this module, so that a team can read
and improve them without reading code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from successplan.closest import closest_names as closest_names  # misspelt terms
from successplan.closest import name_key
from successplan.enums import PlanObject


class Area(StrEnum):
    """Where a term belongs in a plan: the order the glossary is listed in."""

    PLAN = "plan"
    GOAL = "goal"
    EXPERIENCE = "experience"
    MILESTONES = "milestones"
    ACCOUNTABILITY = "accountability"
    RELATIONSHIP = "relationship"
    TRACKING = "tracking"
    CHECKS = "checks"

    @property
    def heading(self) -> str:
        """The area's heading in the glossary."""
        return _AREA_TITLES[self]


_AREA_TITLES = {
    Area.PLAN: "The plan and the customer",
    Area.GOAL: "The goal",
    Area.EXPERIENCE: "The experience",
    Area.MILESTONES: "Progress milestones",
    Area.ACCOUNTABILITY: "Joint accountability and success gaps",
    Area.RELATIONSHIP: "The relationship",
    Area.TRACKING: "Tracking",
    Area.CHECKS: "Plan checks",
}


@dataclass(frozen=True)
class Term:
    """One term of the model: what it means, an example, and where to read on."""

    name: str
    area: Area
    meaning: str
    example: str
    aliases: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()  # codes of the plan checks that look at it

    @property
    def summary(self) -> str:
        """The first sentence of the meaning."""
        return re.split(r"(?<=\.)\s", self.meaning, maxsplit=1)[0]


def _words(text: str) -> str:
    return " ".join(text.split())


@cache
def terms() -> tuple[Term, ...]:
    """Every term, in the order of the glossary."""
    data = tomllib.loads(
        resources.files("successplan.knowledge")
        .joinpath("glossary.toml")
        .read_text(encoding="utf-8")
    )
    return tuple(
        Term(
            name=entry["name"],
            area=Area(entry["area"]),
            meaning=_words(entry["meaning"]),
            example=_words(entry["example"]),
            aliases=tuple(entry.get("aliases", ())),
            see_also=tuple(entry.get("see", ())),
            checks=tuple(entry.get("checks", ())),
        )
        for entry in data["term"]
    )


@cache
def _index() -> dict[str, Term]:
    index: dict[str, Term] = {}
    for term in terms():
        for name in (term.name, *term.aliases):
            index.setdefault(name_key(name), term)
    return index


def term(name: str) -> Term | None:
    """The term with this name or alias (any case), if there is one."""
    return _index().get(name_key(name))


def matching_terms(text: str) -> list[Term]:
    """Terms whose name or alias contains the text: for searching the glossary."""
    wanted = name_key(text)
    if not wanted:
        return list(terms())
    found: list[Term] = []
    for term_ in terms():
        names = (term_.name, *term_.aliases)
        if any(wanted in name_key(name) for name in names) and term_ not in found:
            found.append(term_)
    return found


def lookup_names() -> list[str]:
    """Every name and alias a term can be found by."""
    return [name for term_ in terms() for name in (term_.name, *term_.aliases)]


# --- the term behind each field of the app's forms ---------------------------------------

# (object, field as the form names it) → term. Fields shared by every form come after.
_FIELD_TERMS: dict[tuple[PlanObject | None, str], str] = {
    (PlanObject.CUSTOMER, "name"): "customer",
    (PlanObject.CUSTOMER, "segment"): "segment",
    (PlanObject.CUSTOMER, "account_owner"): "account owner",
    (PlanObject.CUSTOMER, "renewal_on"): "renewal",
    (PlanObject.OUTCOME, "goal.objective"): "objective",
    (PlanObject.OUTCOME, "objective"): "evolve",
    (PlanObject.OUTCOME, "goal.time_frame.due"): "time frame",
    (PlanObject.OUTCOME, "goal.time_frame.start"): "time frame",
    (PlanObject.OUTCOME, "time_frame"): "time frame",
    (PlanObject.OUTCOME, "due"): "time frame",
    (PlanObject.OUTCOME, "goal.measure.metric"): "measure",
    (PlanObject.OUTCOME, "goal.measure.baseline"): "measure",
    (PlanObject.OUTCOME, "goal.measure.target"): "measure",
    (PlanObject.OUTCOME, "goal.measure.unit"): "measure",
    (PlanObject.OUTCOME, "target"): "measure",
    (PlanObject.OUTCOME, "measure"): "measure",
    (PlanObject.OUTCOME, "conditions"): "conditions",
    (PlanObject.OUTCOME, "experience"): "appropriate experience",
    (PlanObject.OUTCOME, "experience.content"): "appropriate experience",
    (PlanObject.OUTCOME, "experience.channels"): "channel",
    (PlanObject.OUTCOME, "experience.cadence"): "cadence",
    (PlanObject.OUTCOME, "status"): "outcome status",
    (PlanObject.OUTCOME, "open_milestones"): "evolve",
    (PlanObject.OUTCOME, "open_accountability"): "evolve",
    (PlanObject.OUTCOME, "done_milestones"): "evolve",
    (PlanObject.OUTCOME, "done_accountability"): "evolve",
    (PlanObject.OUTCOME, "success_gaps"): "success gap",
    (PlanObject.CONDITION, "text"): "conditions",
    (PlanObject.CONDITION, "why_it_matters"): "conditions",
    (PlanObject.EXPERIENCE, "content"): "appropriate experience",
    (PlanObject.EXPERIENCE, "channels"): "channel",
    (PlanObject.EXPERIENCE, "cadence"): "cadence",
    (PlanObject.MILESTONE, "kind"): "progress milestone",
    (PlanObject.MILESTONE, "title"): "progress milestone",
    (PlanObject.MILESTONE, "description"): "progress milestone",
    (PlanObject.MILESTONE, "due"): "progress milestone",
    (PlanObject.MILESTONE, "done_on"): "progress",
    (PlanObject.MILESTONE, "owner_side"): "owner side",
    (PlanObject.MILESTONE, "owner_name"): "owner side",
    (PlanObject.ACCOUNTABILITY_ITEM, "part"): "joint accountability",
    (PlanObject.ACCOUNTABILITY_ITEM, "description"): "joint accountability",
    (PlanObject.ACCOUNTABILITY_ITEM, "owner"): "joint accountability",
    (PlanObject.ACCOUNTABILITY_ITEM, "due"): "joint accountability",
    (PlanObject.ACCOUNTABILITY_ITEM, "status"): "item status",
    (PlanObject.ACCOUNTABILITY_ITEM, "done_on"): "item status",
    (PlanObject.ACCOUNTABILITY_ITEM, "consequence_of_inaction"): "consequence of inaction",
    (PlanObject.SUCCESS_GAP, "gap"): "success gap",
    (PlanObject.SUCCESS_GAP, "bridge"): "success gap",
    (PlanObject.INTERACTION, "occurred_on"): "interaction",
    (PlanObject.INTERACTION, "summary"): "interaction",
    (PlanObject.INTERACTION, "direction"): "interaction direction",
    (PlanObject.INTERACTION, "type"): "interaction type",
    (PlanObject.CONTEXT_EVENT, "occurred_on"): "context",
    (PlanObject.CONTEXT_EVENT, "category"): "context",
    (PlanObject.CONTEXT_EVENT, "summary"): "context",
    (PlanObject.EXPECTATION, "description"): "expectation",
    (PlanObject.EXPECTATION, "expected_on"): "expectation",
    (PlanObject.EXPECTATION, "status"): "expectation",
    (PlanObject.CONTACT, "name"): "contact",
    (PlanObject.CONTACT, "title"): "contact",
    (PlanObject.CONTACT, "email"): "contact",
    (PlanObject.CONTACT, "role"): "contact",
    (PlanObject.CONTACT, "sentiment"): "contact",
    (PlanObject.CONTACT, "contacted_on"): "contact",
    (PlanObject.CONTACT, "left_on"): "contact",
    (None, "internal_notes"): "internal notes",
}
# The fields of forms of what is not part of a plan, by the form's model: a signal.
_OTHER_FIELD_TERMS = {
    ("SignalEntry", field): "signal"
    for field in ("kind", "value", "metric", "answered_on", "respondent", "comment")
}


def field_term(obj: PlanObject | str | None, field: str) -> Term | None:
    """The term that explains a form's field: F1 in the app.

    `obj` is the object the form edits, or the name of the model class the form
    validates with ("Milestone", "DesiredOutcome"…); `field` is the field's name in the
    form ("goal.time_frame.due", "cadence", "part"). A dotted path from an outcome, such
    as "experience.cadence", is understood too.
    """
    if isinstance(obj, str) and (obj, field) in _OTHER_FIELD_TERMS:
        return term(_OTHER_FIELD_TERMS[obj, field])
    if isinstance(obj, str) and not isinstance(obj, PlanObject):
        obj = PlanObject.of_model(obj) or _object_named(obj)
    name = _FIELD_TERMS.get((obj, field)) or _FIELD_TERMS.get((None, field))
    if name is None and obj is None:
        name = _FIELD_TERMS.get((PlanObject.OUTCOME, field))
    return term(name) if name is not None else None


def _object_named(text: str) -> PlanObject | None:
    try:
        return PlanObject(text)
    except ValueError:
        return None


def form_fields() -> list[tuple[PlanObject | None, str]]:
    """Every (object, field) the glossary explains: for tests and the app's help."""
    return list(_FIELD_TERMS)
