"""The success-plan domain as pydantic models: no I/O, only shape and rules.

A Customer holds Desired Outcomes (Goal + Appropriate Experience, with Progress
Milestones, Joint Accountability and Success Gaps) and its Relationship log
(Interactions, Context events) and Orchestration (Expectations).
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from successplan import clock
from successplan.enums import (
    AccountabilityPart,
    ContactRole,
    ContextCategory,
    ExpectationStatus,
    InteractionDirection,
    InteractionType,
    ItemStatus,
    MilestoneKind,
    OutcomeStatus,
    OwnerSide,
    Sentiment,
    SignalKind,
)
from successplan.errors import PlanValidationError
from successplan.signals import Signal, new_signal
from successplan.text import neutralise

NAME_MAX = 120
LINE_MAX = 300
TEXT_MAX = 4000

# C0 and C1 control characters; tab and newline are allowed only in multi-line text.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n\r]")


def new_id() -> str:
    """A short random identifier, stable once assigned (used in exports and links)."""
    return uuid.uuid4().hex[:12]


def _check_text(value: str, *, max_length: int, multiline: bool) -> str:
    value = neutralise(value)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL_CHARACTERS.search(value) or (not multiline and _LINE_BREAKS.search(value)):
        what = "control characters" if multiline else "line breaks or control characters"
        raise PydanticCustomError("text_control", f"must not contain {what}")
    if len(value) > max_length:
        raise PydanticCustomError(
            "text_too_long",
            "is {length} characters long; keep it under {max_length}",
            {"length": len(value), "max_length": max_length},
        )
    return value


def _required(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("text_empty", "must not be empty")
    return value


def _line(max_length: int) -> AfterValidator:
    return AfterValidator(lambda v: _check_text(v, max_length=max_length, multiline=False))


# Validation context of a plan read back from the store (`parse_customer(stored=True)`).
STORED = "stored"


def _not_in_future(value: date | None, info: ValidationInfo) -> date | None:
    # A stored completion date was someone's today when they saved it, and a colleague a
    # time zone ahead is already on the next day: only what is typed in is held to ours.
    if info.context and info.context.get(STORED):
        return value
    if value is not None and value > clock.today():
        raise PydanticCustomError(
            "date_in_future",
            "{value} is in the future; a completion date can only be today or earlier",
            {"value": value.isoformat()},
        )
    return value


Name = Annotated[str, _line(NAME_MAX), AfterValidator(_required)]
Line = Annotated[str, _line(LINE_MAX)]
RequiredLine = Annotated[str, _line(LINE_MAX), AfterValidator(_required)]
Text = Annotated[str, AfterValidator(lambda v: _check_text(v, max_length=TEXT_MAX, multiline=True))]
RequiredText = Annotated[Text, AfterValidator(_required)]
CompletionDate = Annotated[date | None, AfterValidator(_not_in_future)]
Identifier = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
# NaN and infinities are not amounts: JSON cannot hold them and SQLite stores them as null.
Number = Annotated[float, Field(allow_inf_nan=False)]


class DomainModel(BaseModel):
    """Shared configuration: unknown fields are errors, whitespace is trimmed."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_assignment=True,
        use_enum_values=False,
    )


class Noted(DomainModel):
    """Every object carries internal notes that never leave the tool in a customer export."""

    internal_notes: Text = ""


class Identified(Noted):
    id: Identifier = Field(default_factory=new_id)


class Carried(Identified):
    """A part of an outcome that an evolved goal can carry into its new outcome."""

    # The id of the item this one was carried from when the goal evolved, so that a
    # customer's answer to an older version of the plan lands on this copy.
    carried_from: Identifier | None = None


class Measure(Noted):
    """What makes an objective measurable: e.g. new sales revenue, 0 → 250,000 USD."""

    metric: RequiredLine
    baseline: Number | None = None
    target: Number
    unit: Line = ""


class Condition(Carried):
    """A quality of the result without which the customer will still feel unsuccessful."""

    text: RequiredText
    why_it_matters: Text = ""


class TimeFrame(Noted):
    start: date | None = None
    due: date

    @model_validator(mode="after")
    def _due_not_before_start(self) -> TimeFrame:
        if self.start is not None and self.due < self.start:
            raise PydanticCustomError(
                "due_before_start",
                "the due date {due} is before the start {start}",
                {"due": self.due.isoformat(), "start": self.start.isoformat()},
            )
        return self


class Goal(Noted):
    """Objective + Conditions + Time frame. Without a time frame a goal is only a wish."""

    objective: RequiredText
    measure: Measure | None = None
    conditions: list[Condition] = Field(default_factory=list)
    time_frame: TimeFrame | None = None


class AppropriateExperience(Noted):
    """How the customer needs to experience getting there: content, channels, cadence."""

    content: Text = ""
    channels: list[RequiredLine] = Field(default_factory=list)
    cadence: Line = ""


class Milestone(Carried):
    kind: MilestoneKind
    title: RequiredLine
    description: Text = ""
    due: date | None = None
    done_on: CompletionDate = None
    owner_side: OwnerSide | None = None
    owner_name: Line = ""

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class AccountabilityItem(Carried):
    part: AccountabilityPart
    description: RequiredText
    owner: Line = ""
    due: date | None = None
    status: ItemStatus = ItemStatus.OPEN
    done_on: CompletionDate = None
    consequence_of_inaction: Text = ""

    @property
    def is_done(self) -> bool:
        return self.status is ItemStatus.DONE


class SuccessGap(Carried):
    """The gap between doing the 'right' steps in the product and reaching the outcome."""

    gap: RequiredText
    bridge: Text = ""


class DesiredOutcome(Identified):
    """Goal + Appropriate Experience, with the milestones and obligations that get there."""

    status: OutcomeStatus = OutcomeStatus.DRAFT
    supersedes: Identifier | None = None
    created_on: date = Field(default_factory=clock.today)
    goal: Goal
    experience: AppropriateExperience = Field(default_factory=AppropriateExperience)
    milestones: list[Milestone] = Field(default_factory=list)
    accountability: list[AccountabilityItem] = Field(default_factory=list)
    success_gaps: list[SuccessGap] = Field(default_factory=list)


class Interaction(Identified):
    occurred_on: date
    direction: InteractionDirection
    type: InteractionType
    summary: RequiredText
    # Who logged it (a person of the team, by name); empty before the team was known.
    logged_by: Line = ""


class ContextEvent(Identified):
    """A change that bears on success: team, champion, company, goal, contract, usage."""

    occurred_on: date
    category: ContextCategory
    summary: RequiredText


class Expectation(Identified):
    """Orchestration: what we told the customer will happen later, and whether it did."""

    description: RequiredText
    expected_on: date | None = None
    status: ExpectationStatus = ExpectationStatus.PENDING


def _email(value: str) -> str:
    if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise PydanticCustomError("email", "must be an email address, like priya@acme.com")
    return value


Email = Annotated[str, _line(LINE_MAX), AfterValidator(_email)]


class Contact(Identified):
    """A person on the customer's side, their part in the plan and how they feel about us."""

    name: Name
    title: Line = ""
    email: Email = ""
    role: ContactRole = ContactRole.NONE
    # The CSM's reading of how they feel, and the day it was read.
    sentiment: Sentiment | None = None
    sentiment_on: date | None = None
    # The last day we were in touch with them (a call, a meeting, an answered email).
    contacted_on: date | None = None
    # The day they left the customer's team; kept so that the history still names them.
    left_on: date | None = None

    @property
    def is_current(self) -> bool:
        """Still on the customer's team."""
        return self.left_on is None


class Customer(Identified):
    """An account with its desired outcomes and relationship log: one success plan."""

    name: Name
    segment: Line = ""
    account_owner: Line = ""
    renewal_on: date | None = None
    # The team's facts of the account: the person who owns it (`account_owner` is their
    # name), those who share it, its annual recurring revenue, the CRM's id and its tier.
    owner_id: Identifier | None = None
    co_owners: list[Identifier] = Field(default_factory=list)
    arr: Number | None = None
    external_id: Line = ""
    tier: Line = ""
    outcomes: list[DesiredOutcome] = Field(default_factory=list)
    interactions: list[Interaction] = Field(default_factory=list)
    context_events: list[ContextEvent] = Field(default_factory=list)
    expectations: list[Expectation] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    # The stored version this plan was read from (or last saved as): the base a save is
    # merged from, so that a writer holding an older copy never overwrites newer changes.
    # Not part of the plan's data: never exported, validated or compared.
    _stored_version: int | None = PrivateAttr(default=None)

    @property
    def stored_version(self) -> int | None:
        """The version of the plan in the store this copy was read from, if known."""
        return self._stored_version

    def remember_version(self, version: int | None) -> None:
        """Record which stored version this copy is (the store calls it on load and save)."""
        self._stored_version = version

    def __eq__(self, other: object) -> bool:
        # Two plans with the same data are equal whichever version each was read from.
        if not isinstance(other, Customer):
            return NotImplemented
        return self.__dict__ == other.__dict__

    @model_validator(mode="after")
    def _links_are_consistent(self) -> Customer:
        seen: set[str] = set()
        for identified in iter_identified(self):
            if identified.id in seen:
                raise PydanticCustomError(
                    "duplicate_id", "the id {id} is used twice", {"id": identified.id}
                )
            seen.add(identified.id)
        outcome_ids = {outcome.id for outcome in self.outcomes}
        for outcome in self.outcomes:
            if outcome.supersedes is None:
                continue
            if outcome.supersedes == outcome.id:
                raise PydanticCustomError("supersedes_self", "an outcome cannot supersede itself")
            if outcome.supersedes not in outcome_ids:
                raise PydanticCustomError(
                    "supersedes_unknown",
                    "outcome {id} supersedes {target}, which is not an outcome of this customer",
                    {"id": outcome.id, "target": outcome.supersedes},
                )
        return self

    def outcome(self, outcome_id: str) -> DesiredOutcome:
        """The outcome with this id; KeyError when there is none."""
        for outcome in self.outcomes:
            if outcome.id == outcome_id:
                return outcome
        raise KeyError(outcome_id)


def iter_identified(customer: Customer) -> list[Identified]:
    """Every object of a customer's plan that carries an id, the customer first."""
    found: list[Identified] = [customer]
    for outcome in customer.outcomes:
        found.append(outcome)
        found.extend(outcome.goal.conditions)
        found.extend(outcome.milestones)
        found.extend(outcome.accountability)
        found.extend(outcome.success_gaps)
    found.extend(customer.interactions)
    found.extend(customer.context_events)
    found.extend(customer.expectations)
    found.extend(customer.contacts)
    return found


# Pydantic's wording for common mistakes, said the way a CSM reads it.
_PLAIN_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a field of a success plan",
    "date_type": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date without a time of day",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "string_type": "must be text",
    "list_type": "must be a list",
    "model_type": "must be an object with fields",
    "model_attributes_type": "must be an object with fields",
    "string_pattern_mismatch": "may only hold letters, digits, '-' and '_'",
}


def problems_of(error: ValidationError) -> list[tuple[str, str]]:
    """Each validation error as (dotted location, message a CSM understands)."""
    problems = []
    for detail in error.errors(include_url=False):
        location = ".".join(str(part) for part in detail["loc"])
        message = _PLAIN_MESSAGES.get(detail["type"], detail["msg"])
        if detail["type"] == "enum":
            message = f"must be one of {detail.get('ctx', {}).get('expected', '')}"
        elif detail["type"] in ("model_type", "model_attributes_type") and not location:
            message = "must be a JSON object describing one customer's plan"
        problems.append((location, message))
    return problems


def parse_customer(data: Any, *, stored: bool = False) -> Customer:
    """Validate plain data (e.g. parsed JSON) as a Customer, raising every problem at once.

    `stored`: the data is a plan as the store kept it, whose completion dates may be a
    colleague's today (a time zone ahead of ours)."""
    try:
        return Customer.model_validate(data, context={STORED: stored})
    except ValidationError as error:
        raise PlanValidationError(problems_of(error)) from None


def parse_customer_json(text: str | bytes) -> Customer:
    """Validate a JSON plan document, raising every problem at once."""
    try:
        return Customer.model_validate_json(text)
    except ValidationError as error:
        raise PlanValidationError(problems_of(error)) from None


class SignalEntry(BaseModel):
    """A signal as typed in the app, before it is checked (`signal`)."""

    kind: SignalKind = SignalKind.NPS
    value: float
    answered_on: date
    metric: str = ""
    comment: str = ""
    respondent: str = ""

    def signal(self, customer_id: str, source: str) -> Signal:
        """The signal of a customer; SignalError says what is wrong."""
        return new_signal(
            customer_id,
            self.kind,
            self.value,
            self.answered_on,
            metric=self.metric,
            comment=self.comment,
            respondent=self.respondent,
            source=source,
        )
