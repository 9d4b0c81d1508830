"""The enumerations of the success-plan vocabulary.

Kept apart from the pydantic models so that code which only needs the words (the
accounts table, the success vector) starts without loading pydantic.
"""

from enum import StrEnum


class OutcomeStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ACHIEVED = "achieved"
    MISSED = "missed"
    SUPERSEDED = "superseded"


class MilestoneKind(StrEnum):
    """The four kinds of Progress Milestone, from first steps to the goal itself."""

    FUNCTIONAL = "functional"
    OPERATIONAL = "operational"
    TACTICAL = "tactical"
    STRATEGIC = "strategic"


class OwnerSide(StrEnum):
    CUSTOMER = "customer"
    VENDOR = "vendor"
    JOINT = "joint"


class AccountabilityPart(StrEnum):
    """The four parts of Joint Accountability."""

    CUSTOMER_OUTSIDE_PRODUCT = "customer-outside-product"
    CUSTOMER_INSIDE_PRODUCT = "customer-inside-product"
    VENDOR_WITH_CUSTOMER = "vendor-with-customer"
    VENDOR_BEHIND_THE_SCENES = "vendor-behind-the-scenes"


class ItemStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    BLOCKED = "blocked"
    DROPPED = "dropped"


class InteractionDirection(StrEnum):
    INBOUND_REACTIVE = "inbound-reactive"
    OUTBOUND_REACTIVE = "outbound-reactive"
    OUTBOUND_PROACTIVE = "outbound-proactive"


# An interaction logged without saying who started it: most that a CSM logs are their own.
DEFAULT_INTERACTION_DIRECTION = InteractionDirection.OUTBOUND_PROACTIVE


class InteractionType(StrEnum):
    ONE_ON_ONE = "1:1 meeting"
    ASYNC_VIDEO = "async video"
    BROADCAST_VIDEO = "broadcast video"
    CHAT = "chat"
    EMAIL = "email"
    CALL = "call"
    ON_SITE = "on-site"
    BUSINESS_REVIEW = "business review"
    WORKSHOP = "workshop"
    OTHER = "other"


class ContextCategory(StrEnum):
    TEAM_CHANGE = "team change"
    CHAMPION_CHANGE = "champion change"
    COMPANY_EVENT = "company event"
    GOAL_CHANGE = "goal change"
    RENEWAL = "renewal"
    UPGRADE = "upgrade"
    DOWNGRADE = "downgrade"
    USAGE = "usage"
    OTHER = "other"


class ContactRole(StrEnum):
    """A person's part in the customer's success plan."""

    CHAMPION = "champion"
    EXECUTIVE_SPONSOR = "executive sponsor"
    DECISION_MAKER = "decision maker"
    USER_LEAD = "user lead"
    NONE = "none"


class Sentiment(StrEnum):
    """How a person on the customer's side feels about us, as the CSM reads it."""

    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class SignalKind(StrEnum):
    """What a signal of the customer's experience measures."""

    NPS = "nps"  # an answer of 0 to 10: would you recommend us?
    CSAT = "csat"  # an answer of 1 to 5: how satisfied are you?
    USAGE = "usage"  # a figure of a named metric, e.g. weekly active users


class ExpectationStatus(StrEnum):
    PENDING = "pending"
    MET = "met"
    MISSED = "missed"


class SuccessVector(StrEnum):
    """Where an outcome is heading: progress compared with the time frame elapsed."""

    ON_TRACK = "on track"
    AT_RISK = "at risk"
    OFF_TRACK = "off track"
    ACHIEVED = "achieved"
    NO_TIME_FRAME = "no time frame"
    NO_MILESTONES = "no milestones"


# Worst first: the vector a customer shows is the worst of its active outcomes'.
VECTORS_WORST_FIRST = (
    SuccessVector.OFF_TRACK,
    SuccessVector.AT_RISK,
    SuccessVector.NO_TIME_FRAME,
    SuccessVector.NO_MILESTONES,
    SuccessVector.ON_TRACK,
    SuccessVector.ACHIEVED,
)


class VersionSource(StrEnum):
    """Where a change to a plan came from."""

    APP = "app"
    COMMAND_LINE = "command line"
    IMPORT = "import"
    RETURNED_PLAN = "returned plan"
    EVOLVE = "evolve"
    RESTORE = "restore"
    DEMO = "demo"
    HANDOFF = "handoff"
    CRM_IMPORT = "CRM import"
    BEFORE_HISTORY = "before history"
    CUSTOMER_PAGE = "customer page"


class PlanObject(StrEnum):
    """The kinds of object a plan is made of: what a plan check or a form field is about."""

    CUSTOMER = "customer"
    OUTCOME = "desired outcome"
    CONDITION = "condition"
    EXPERIENCE = "appropriate experience"
    MILESTONE = "milestone"
    ACCOUNTABILITY_ITEM = "accountability item"
    SUCCESS_GAP = "success gap"
    INTERACTION = "interaction"
    CONTEXT_EVENT = "context event"
    EXPECTATION = "expectation"
    CONTACT = "contact"

    @classmethod
    def of_model(cls, model_name: str) -> "PlanObject | None":
        """The object a model class (by its name, e.g. "Milestone") describes, if any."""
        return _OBJECT_OF_MODEL.get(model_name)


_OBJECT_OF_MODEL = {
    "Customer": PlanObject.CUSTOMER,
    "DesiredOutcome": PlanObject.OUTCOME,
    "EvolveRequest": PlanObject.OUTCOME,
    "Condition": PlanObject.CONDITION,
    "AppropriateExperience": PlanObject.EXPERIENCE,
    "Milestone": PlanObject.MILESTONE,
    "AccountabilityItem": PlanObject.ACCOUNTABILITY_ITEM,
    "SuccessGap": PlanObject.SUCCESS_GAP,
    "Interaction": PlanObject.INTERACTION,
    "ContextEvent": PlanObject.CONTEXT_EVENT,
    "Expectation": PlanObject.EXPECTATION,
    "Contact": PlanObject.CONTACT,
}


class Role(StrEnum):
    """What a person of the team may do: a manager edits everything and runs the team, a
    CSM edits the accounts they own or co-own and reads the team's, an observer reads."""

    MANAGER = "manager"
    CSM = "csm"
    OBSERVER = "observer"
