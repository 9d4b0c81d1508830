"""The words for the kinds of things in a plan, defined once.

The app, the exports and the help all take their labels from here, so that one idea
has one name wherever a CSM or a customer reads it.
"""

from __future__ import annotations

from successplan.enums import (
    AccountabilityPart,
    InteractionDirection,
    MilestoneKind,
    OwnerSide,
    SuccessVector,
)

# What each kind of milestone is, in the model's words (the app and the help).
MILESTONE_KIND_MEANINGS = {
    MilestoneKind.FUNCTIONAL: "actions taken in the product",
    MilestoneKind.OPERATIONAL: "actions the product supports or enables",
    MilestoneKind.TACTICAL: "events the operational progress supports",
    MilestoneKind.STRATEGIC: "the goal itself being reached",
}

# Headings of the milestone kinds in what the customer reads: plain words, no jargon.
MILESTONE_KIND_HEADINGS = {
    MilestoneKind.FUNCTIONAL: "Steps in the product",
    MilestoneKind.OPERATIONAL: "What the product now does for you",
    MilestoneKind.TACTICAL: "Results along the way",
    MilestoneKind.STRATEGIC: "Reaching the goal",
}

# The four parts of joint accountability, as the CSM reads them in the app.
ACCOUNTABILITY_PART_LABELS = {
    AccountabilityPart.CUSTOMER_OUTSIDE_PRODUCT: "Customer, on their own, outside the product",
    AccountabilityPart.CUSTOMER_INSIDE_PRODUCT: "Customer, on their own, inside the product",
    AccountabilityPart.VENDOR_WITH_CUSTOMER: "We, with the customer, in the product or with users",
    AccountabilityPart.VENDOR_BEHIND_THE_SCENES: "We, for the customer, behind the scenes",
}

# The same, short enough for a narrow terminal.
ACCOUNTABILITY_PART_SHORT = {
    AccountabilityPart.CUSTOMER_OUTSIDE_PRODUCT: "Customer, outside product",
    AccountabilityPart.CUSTOMER_INSIDE_PRODUCT: "Customer, in product",
    AccountabilityPart.VENDOR_WITH_CUSTOMER: "We, with the customer",
    AccountabilityPart.VENDOR_BEHIND_THE_SCENES: "We, behind the scenes",
}

# The four parts as the customer reads them, addressed to the customer.
ACCOUNTABILITY_PART_HEADINGS = {
    AccountabilityPart.CUSTOMER_OUTSIDE_PRODUCT: "What you will do outside the product",
    AccountabilityPart.CUSTOMER_INSIDE_PRODUCT: "What you will do in the product",
    AccountabilityPart.VENDOR_WITH_CUSTOMER: "What we will do with you",
    AccountabilityPart.VENDOR_BEHIND_THE_SCENES: "What we will do for you behind the scenes",
}

# Who owns a step, as the customer reads it.
OWNER_SIDES_FOR_CUSTOMER = {
    OwnerSide.CUSTOMER: "your team",
    OwnerSide.VENDOR: "our team",
    OwnerSide.JOINT: "together",
}

# The success vector as the customer reads it.
OUTLOOK_LABELS = {
    SuccessVector.ON_TRACK: "On track",
    SuccessVector.AT_RISK: "At risk",
    SuccessVector.OFF_TRACK: "Off track",
    SuccessVector.ACHIEVED: "Achieved",
    SuccessVector.NO_TIME_FRAME: "No time frame yet",
    SuccessVector.NO_MILESTONES: "No milestones yet",
}

# Who started an interaction, and why, in plain words (the app's form and log, the
# internal export, the help); the command line takes the codes (`--direction`).
INTERACTION_DIRECTION_LABELS = {
    InteractionDirection.OUTBOUND_PROACTIVE: "we reached out, ahead of need",
    InteractionDirection.OUTBOUND_REACTIVE: "we reached out because something happened",
    InteractionDirection.INBOUND_REACTIVE: "the customer came to us",
}

# The same, short enough for a column of the relationship log.
INTERACTION_DIRECTION_SHORT = {
    InteractionDirection.OUTBOUND_PROACTIVE: "we reached out",
    InteractionDirection.OUTBOUND_REACTIVE: "we reacted",
    InteractionDirection.INBOUND_REACTIVE: "they came to us",
}
