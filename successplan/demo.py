"""Realistic sample plans: eight accounts from different industries, dated around `today`.

Ids are derived from the account and position, so the same `today` always gives the same plans.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

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
    VersionSource,
)
from successplan.model import (
    AccountabilityItem,
    AppropriateExperience,
    Condition,
    Contact,
    ContextEvent,
    Customer,
    DesiredOutcome,
    Expectation,
    Goal,
    Interaction,
    Measure,
    Milestone,
    SuccessGap,
    TimeFrame,
)
from successplan.store import Store

OUT = AccountabilityPart.CUSTOMER_OUTSIDE_PRODUCT
IN = AccountabilityPart.CUSTOMER_INSIDE_PRODUCT
WITH = AccountabilityPart.VENDOR_WITH_CUSTOMER
BEHIND = AccountabilityPart.VENDOR_BEHIND_THE_SCENES
FUNCTIONAL, OPERATIONAL, TACTICAL, STRATEGIC = (
    MilestoneKind.FUNCTIONAL,
    MilestoneKind.OPERATIONAL,
    MilestoneKind.TACTICAL,
    MilestoneKind.STRATEGIC,
)
C, V, J = OwnerSide.CUSTOMER, OwnerSide.VENDOR, OwnerSide.JOINT


@dataclass
class _Draft:
    """A second outcome still being drafted: no time frame agreed yet."""

    objective: str
    measure: tuple[str, float | None, float, str]
    condition: tuple[str, str]
    started: int  # days ago
    # kind, title, owner side
    milestones: list[tuple[MilestoneKind, str, OwnerSide]]
    # part, description, owner
    items: list[tuple[AccountabilityPart, str, str]]


@dataclass
class _Account:
    """One demo account, with dates as day offsets from today."""

    name: str
    segment: str
    owner: str
    renewal_in: int
    objective: str
    measure: tuple[str, float | None, float, str] | None
    conditions: list[tuple[str, str]]
    experience: tuple[str, list[str], str]
    time_frame: tuple[int | None, int]
    # kind, title, due in days, done days ago (None = open), owner side, owner name
    milestones: list[tuple[MilestoneKind, str, int, int | None, OwnerSide, str]]
    # part, description, owner, due in days, status, consequence of inaction
    items: list[tuple[AccountabilityPart, str, str, int, ItemStatus, str]]
    gaps: list[tuple[str, str]]
    interactions: list[tuple[int, InteractionDirection, InteractionType, str]] = field(
        default_factory=list
    )
    context: list[tuple[int, ContextCategory, str]] = field(default_factory=list)
    expectations: list[tuple[str, int, ExpectationStatus]] = field(default_factory=list)
    notes: str = ""
    earlier_objective: str = ""
    draft: _Draft | None = None


_ACCOUNTS = [
    _Account(
        name="Northwind Outfitters",
        segment="Retail · Mid-market",
        owner="Dana Whitfield",
        renewal_in=74,
        objective="Grow new online sales revenue from zero to 250,000 USD in the first year",
        measure=("new online sales revenue", 0, 250_000, "USD"),
        conditions=[
            (
                "Average new-customer order value at least 120 USD",
                "Their margin model fails below it, so revenue alone would not feel like success",
            ),
            (
                "No more than 2% of orders need manual correction",
                "The store team is three people; manual fixes eat the time the plan frees up",
            ),
        ],
        experience=(
            "Monthly 1:1 working session with the e-commerce lead, async video updates "
            "after each release",
            ["1:1 video call", "Slack Connect", "async video"],
            "monthly",
        ),
        time_frame=(-120, 245),
        milestones=[
            (FUNCTIONAL, "Product catalogue imported and live", -90, 95, J, "Priya (Northwind)"),
            (FUNCTIONAL, "Checkout configured with local payment methods", -60, 58, V, "Sam Ortiz"),
            (OPERATIONAL, "Abandoned-cart emails running automatically", -10, None, C, "Priya"),
            (TACTICAL, "First 500 online orders fulfilled", 40, None, C, "Store operations"),
            (STRATEGIC, "250,000 USD new online revenue reached", 245, None, J, ""),
        ],
        items=[
            (
                OUT,
                "Brief the store staff on click-and-collect",
                "Priya",
                -5,
                ItemStatus.OPEN,
                "Collected orders wait at the till and customers complain",
            ),
            (
                IN,
                "Upload product photos for the top 200 items",
                "Marketing team",
                14,
                ItemStatus.OPEN,
                "Product pages convert at half the rate",
            ),
            (
                WITH,
                "Run the conversion-rate workshop",
                "Dana Whitfield",
                21,
                ItemStatus.OPEN,
                "Tuning happens by guesswork",
            ),
            (
                BEHIND,
                "Raise the API rate limit for the holiday peak",
                "Support engineering",
                30,
                ItemStatus.DONE,
                "Checkout slows down at peak",
            ),
        ],
        gaps=[
            (
                "Orders are coming in, but repeat purchases are rare",
                "Set up a post-purchase email series with a second-order offer",
            )
        ],
        interactions=[
            (
                -30,
                InteractionDirection.OUTBOUND_PROACTIVE,
                InteractionType.ONE_ON_ONE,
                "Monthly working session: reviewed checkout funnel",
            ),
            (
                -12,
                InteractionDirection.INBOUND_REACTIVE,
                InteractionType.CHAT,
                "Question about shipping-rate rules",
            ),
        ],
        context=[(-45, ContextCategory.TEAM_CHANGE, "New e-commerce lead Priya joined")],
        expectations=[
            ("At go-live we will discuss the analytics add-on", 20, ExpectationStatus.PENDING)
        ],
        notes="Budget holder is the CFO; Priya is the champion.",
    ),
    _Account(
        name="Helix Biotech",
        segment="Life sciences · Enterprise",
        owner="Marcus Lee",
        renewal_in=210,
        objective="Cut the time to assemble a regulatory submission from 12 weeks to 6",
        measure=("weeks per submission", 12, 6, "weeks"),
        conditions=[
            (
                "Every document keeps a complete audit trail",
                "An auditor finding would cost more than the time saved",
            ),
            ("Validation evidence is accepted by QA without rework", ""),
        ],
        experience=(
            "Quarterly business review with the VP Regulatory; fortnightly working "
            "sessions with the submissions team; email for formal sign-offs",
            ["on-site", "email", "video call"],
            "fortnightly",
        ),
        time_frame=(-200, 165),
        milestones=[
            (FUNCTIONAL, "Document templates migrated", -150, 150, V, "Implementation team"),
            (FUNCTIONAL, "Electronic signatures validated", -100, 92, J, "QA"),
            (
                OPERATIONAL,
                "First submission assembled in the platform",
                -20,
                None,
                C,
                "Submissions team",
            ),
            (TACTICAL, "Two submissions filed on the new process", 90, None, C, "VP Regulatory"),
            (STRATEGIC, "Submission time down to 6 weeks", 165, None, J, ""),
        ],
        items=[
            (
                OUT,
                "Update the SOP for document review",
                "QA lead",
                -14,
                ItemStatus.BLOCKED,
                "Teams keep following the old paper process",
            ),
            (
                IN,
                "Assign reviewers in every workflow",
                "Submissions team",
                7,
                ItemStatus.OPEN,
                "Documents wait in unassigned queues",
            ),
            (
                WITH,
                "Validation workshop with QA",
                "Marcus Lee",
                -40,
                ItemStatus.DONE,
                "Validation drags on",
            ),
            (
                BEHIND,
                "Prepare the computer-system validation pack",
                "Compliance team",
                10,
                ItemStatus.OPEN,
                "QA cannot sign off the system",
            ),
        ],
        gaps=[
            (
                "Documents are in the platform, but reviews still happen by email",
                "Turn on review tasks and retire the email review loop",
            )
        ],
        interactions=[
            (
                -21,
                InteractionDirection.OUTBOUND_PROACTIVE,
                InteractionType.BUSINESS_REVIEW,
                "QBR: agreed the 6-week target and the SOP change",
            ),
        ],
        context=[(-60, ContextCategory.COMPANY_EVENT, "Phase III trial started; filings ahead")],
        expectations=[
            (
                "After the first filing we will review the e-archive option",
                60,
                ExpectationStatus.PENDING,
            ),
            (
                "Before the next QBR we will send the validation report template",
                -6,
                ExpectationStatus.PENDING,
            ),
        ],
        notes="SOP owner is sceptical; escalate through the VP if the SOP stays blocked.",
    ),
    _Account(
        name="Brightline Logistics",
        segment="Transport · Mid-market",
        owner="Dana Whitfield",
        renewal_in=35,
        objective="Reach 98% on-time delivery across the regional fleet",
        measure=("on-time deliveries", 91, 98, "%"),
        conditions=[
            (
                "Drivers adopt the route app without overtime",
                "Union agreement caps overtime; adoption through overtime would be reversed",
            ),
        ],
        experience=(
            "Weekly 20-minute check-in with the operations manager during rollout, then "
            "monthly; broadcast video for drivers",
            ["call", "broadcast video"],
            "weekly during rollout, then monthly",
        ),
        time_frame=(-90, 60),
        milestones=[
            (FUNCTIONAL, "All 120 vehicles on the route app", -60, 61, C, "Fleet manager"),
            (OPERATIONAL, "Dynamic re-routing on for the north depot", -25, None, V, "Sam Ortiz"),
            (TACTICAL, "Two consecutive weeks above 95% on time", 20, None, C, "Operations"),
            (STRATEGIC, "98% on-time delivery for a full month", 60, None, J, ""),
        ],
        items=[
            (
                OUT,
                "Agree the new shift pattern with the drivers' union",
                "HR director",
                -20,
                ItemStatus.OPEN,
                "Re-routing changes shifts and will be refused",
            ),
            (
                IN,
                "Keep delivery windows in the app up to date",
                "Dispatch",
                5,
                ItemStatus.OPEN,
                "Routes are planned on stale windows",
            ),
            (
                WITH,
                "Driver training videos",
                "Dana Whitfield",
                -45,
                ItemStatus.DONE,
                "Drivers ignore the app's suggestions",
            ),
            (
                BEHIND,
                "Tune the traffic model for the north depot",
                "Data science",
                12,
                ItemStatus.OPEN,
                "Re-routing suggestions stay poor",
            ),
        ],
        gaps=[
            (
                "Routes are optimised, yet loading at the depot starts late",
                "Share the loading plan with the depot the evening before",
            )
        ],
        interactions=[
            (
                -7,
                InteractionDirection.OUTBOUND_REACTIVE,
                InteractionType.CALL,
                "Call about the north depot re-routing delay",
            ),
        ],
        context=[(-15, ContextCategory.RENEWAL, "Renewal talks start next month")],
        expectations=[
            ("Before renewal we will present the on-time trend", 25, ExpectationStatus.PENDING)
        ],
        notes="Renewal at risk if the north depot stays below 93%.",
        draft=_Draft(
            objective="Cut empty running on return trips by 15%",
            measure=("empty return miles", 100, 85, "% of today"),
            condition=(
                "Delivery times do not suffer",
                "On-time delivery is the outcome they renew for",
            ),
            started=35,
            milestones=[
                (FUNCTIONAL, "Backhaul loads visible in the route app", V),
                (OPERATIONAL, "Dispatch plans return trips with backhaul loads", C),
                (STRATEGIC, "Empty return miles down 15%", J),
            ],
            items=[
                (OUT, "Sign up two backhaul partners", "Commercial director"),
                (BEHIND, "Connect the load-board feed", "Integration team"),
            ],
        ),
    ),
    _Account(
        name="Cobalt Credit Union",
        segment="Financial services · Enterprise",
        owner="Marcus Lee",
        renewal_in=300,
        objective="Open 40% of new member accounts digitally",
        measure=("accounts opened digitally", 8, 40, "%"),
        conditions=[
            (
                "Fraud losses do not rise",
                "The board approved digital onboarding on that condition",
            ),
            ("Members can finish without calling the branch", ""),
        ],
        experience=(
            "Monthly steering meeting with the digital director; email summaries; "
            "a named contact for compliance questions",
            ["video call", "email"],
            "monthly",
        ),
        time_frame=(-30, 335),
        milestones=[
            (FUNCTIONAL, "Identity verification connected", -5, 3, V, "Integration team"),
            (OPERATIONAL, "Onboarding flow published on the website", 30, None, C, "Digital team"),
            (TACTICAL, "1,000 members onboarded digitally", 150, None, C, "Digital director"),
            (STRATEGIC, "40% of new accounts opened digitally", 335, None, J, ""),
        ],
        items=[
            (
                OUT,
                "Train branch staff to send members to the digital flow",
                "Branch network",
                60,
                ItemStatus.OPEN,
                "Branches keep opening accounts on paper",
            ),
            (
                IN,
                "Set fraud-score thresholds",
                "Risk team",
                21,
                ItemStatus.OPEN,
                "Either fraud rises or good members are rejected",
            ),
            (
                WITH,
                "Journey-mapping workshop",
                "Marcus Lee",
                -10,
                ItemStatus.DONE,
                "The flow copies the paper form",
            ),
            (
                BEHIND,
                "Pen test of the onboarding flow",
                "Security",
                25,
                ItemStatus.OPEN,
                "Launch is held by compliance",
            ),
        ],
        gaps=[
            (
                "Members start online but drop out at document upload",
                "Allow photo capture on mobile instead of file upload",
            )
        ],
        interactions=[
            (
                -3,
                InteractionDirection.OUTBOUND_PROACTIVE,
                InteractionType.EMAIL,
                "Sent the launch checklist",
            ),
        ],
        expectations=[
            ("We will share benchmark data from similar credit unions", -2, ExpectationStatus.MET)
        ],
    ),
    _Account(
        name="Meridian Health Clinics",
        segment="Healthcare · Mid-market",
        owner="Aisha Karim",
        renewal_in=150,
        objective="Reduce appointment no-shows from 18% to 8%",
        measure=("no-show rate", 18, 8, "%"),
        conditions=[
            (
                "Reminders respect patient contact preferences",
                "Complaints to the patient board would stop the programme",
            ),
            ("Front-desk workload does not increase", ""),
        ],
        experience=(
            "Fortnightly call with the practice manager; async video for new features; "
            "on-site visit at each new clinic go-live",
            ["call", "async video", "on-site"],
            "fortnightly",
        ),
        time_frame=(-150, 30),
        milestones=[
            (FUNCTIONAL, "SMS reminders switched on", -130, 131, V, "Implementation team"),
            (OPERATIONAL, "Rebooking link in every reminder", -80, 70, J, "Practice manager"),
            (TACTICAL, "No-shows below 12% for a month", -20, None, C, "Clinic leads"),
            (STRATEGIC, "No-shows at 8%", 30, None, J, ""),
        ],
        items=[
            (
                OUT,
                "Collect preferred contact channel at registration",
                "Front desk",
                -30,
                ItemStatus.OPEN,
                "Reminders reach the wrong channel",
            ),
            (
                IN,
                "Fill cancelled slots from the waiting list",
                "Schedulers",
                10,
                ItemStatus.OPEN,
                "Freed slots stay empty",
            ),
            (
                WITH,
                "Quarterly review of reminder timing",
                "Aisha Karim",
                15,
                ItemStatus.OPEN,
                "Timing stays at the default",
            ),
            (
                BEHIND,
                "Add the regional SMS gateway",
                "Platform team",
                -50,
                ItemStatus.DONE,
                "Messages fail in rural areas",
            ),
        ],
        gaps=[
            (
                "Reminders go out but elderly patients still miss appointments",
                "Add a voice-call reminder for patients over 75",
            )
        ],
        interactions=[
            (
                -16,
                InteractionDirection.INBOUND_REACTIVE,
                InteractionType.EMAIL,
                "Complaint: reminders sent at 6 a.m.",
            ),
        ],
        context=[
            (-40, ContextCategory.CHAMPION_CHANGE, "Practice manager Lena left; Omar took over")
        ],
        expectations=[
            ("At the 12% mark we will plan the second clinic", -10, ExpectationStatus.MISSED)
        ],
        notes="Omar is new and cautious; keep meetings short.",
    ),
    _Account(
        name="Quarry & Co. Architects",
        segment="Professional services · SMB",
        owner="Aisha Karim",
        renewal_in=45,
        objective="Bill 90% of project hours within the month they are worked",
        measure=("hours billed in month", 62, 90, "%"),
        conditions=[("Partners keep approving timesheets on their phones", "")],
        experience=(
            "Light touch: a monthly email digest and a 30-minute call each quarter; chat "
            "for questions",
            ["email", "chat"],
            "monthly digest, quarterly call",
        ),
        time_frame=(-60, 120),
        milestones=[
            (FUNCTIONAL, "Timesheet app rolled out to all staff", -40, 38, C, "Office manager"),
            (OPERATIONAL, "Automatic invoice drafts at month end", -15, None, V, "Sam Ortiz"),
            (TACTICAL, "Month-end close within 3 days", 45, None, C, "Finance"),
            (STRATEGIC, "90% of hours billed within the month", 120, None, J, ""),
        ],
        items=[
            (
                OUT,
                "Agree the billing rule with the partners",
                "Managing partner",
                -7,
                ItemStatus.OPEN,
                "Invoices stay on hold for review",
            ),
            (
                IN,
                "Approve timesheets weekly",
                "Partners",
                3,
                ItemStatus.OPEN,
                "Hours pile up and are billed late",
            ),
            (
                WITH,
                "Set up invoice templates together",
                "Aisha Karim",
                -20,
                ItemStatus.DONE,
                "Drafts need manual rework",
            ),
            (
                BEHIND,
                "Map project codes to the accounting export",
                "Integration team",
                14,
                ItemStatus.OPEN,
                "Finance re-keys every invoice",
            ),
            (
                IN,
                "Tag every project with its billing code",
                "",
                21,
                ItemStatus.OPEN,
                "Hours land on the wrong invoice",
            ),
        ],
        gaps=[
            (
                "Hours are tracked, but invoices wait for partner review",
                "Allow auto-send for invoices under 5,000 USD",
            )
        ],
    ),
    _Account(
        name="Atlas Manufacturing",
        segment="Industrial · Enterprise",
        owner="Marcus Lee",
        renewal_in=20,
        objective="Raise overall equipment effectiveness on line 3 from 61% to 75%",
        measure=("OEE on line 3", 61, 75, "%"),
        conditions=[
            ("Scrap rate stays under 2%", "Faster lines that scrap more lose money"),
            ("Operators trust the downtime reasons they log", ""),
        ],
        experience=(
            "On-site visit each quarter; monthly call with the plant manager; dashboard "
            "snapshot by email every Monday",
            ["on-site", "call", "email"],
            "monthly",
        ),
        time_frame=(-300, -10),
        milestones=[
            (FUNCTIONAL, "Sensors connected on line 3", -270, 265, V, "Field engineering"),
            (OPERATIONAL, "Downtime reasons logged at every stop", -200, 190, C, "Shift leads"),
            (TACTICAL, "Changeover time halved", -60, None, C, "Plant manager"),
            (STRATEGIC, "OEE at 75% on line 3", -10, None, J, ""),
        ],
        items=[
            (
                OUT,
                "Run a weekly downtime review on the shop floor",
                "Plant manager",
                -30,
                ItemStatus.OPEN,
                "Downtime data is collected but nobody acts on it",
            ),
            (
                IN,
                "Keep the reason codes list short and current",
                "Shift leads",
                -5,
                ItemStatus.OPEN,
                "Operators pick 'other' for everything",
            ),
            (
                WITH,
                "Changeover SMED workshop",
                "Marcus Lee",
                -90,
                ItemStatus.DONE,
                "Changeovers stay long",
            ),
            (
                BEHIND,
                "Build the line-3 OEE dashboard",
                "Analytics",
                -120,
                ItemStatus.DONE,
                "Progress is invisible",
            ),
        ],
        gaps=[
            (
                "Downtime is logged, but changeovers still take 40 minutes",
                "Pre-stage tooling for the next batch during the run",
            )
        ],
        context=[(-100, ContextCategory.UPGRADE, "Added lines 4 and 5 to the contract")],
        expectations=[
            (
                "At 70% OEE we will propose rolling out to lines 4 and 5",
                15,
                ExpectationStatus.PENDING,
            )
        ],
        notes="Off track and renewing in three weeks: exec sponsor call needed.",
        earlier_objective="Connect every machine on line 3 to the monitoring platform",
    ),
    _Account(
        name="Lumen Learning Academy",
        segment="Education · SMB",
        owner="Dana Whitfield",
        renewal_in=400,
        objective="Have every teacher publish weekly lessons online by the spring term",
        measure=None,
        conditions=[
            (
                "Teachers spend no more than one extra hour a week on it",
                "Teachers will quietly stop if it adds workload",
            )
        ],
        experience=(
            "Termly on-site training day; short async videos for tips; chat support during "
            "school hours",
            ["on-site", "async video", "chat"],
            "termly",
        ),
        time_frame=(-20, 140),
        milestones=[
            (FUNCTIONAL, "Teacher accounts created", -15, 16, V, "Onboarding team"),
            (
                OPERATIONAL,
                "Lesson templates shared by each department",
                20,
                None,
                C,
                "Heads of department",
            ),
            (TACTICAL, "Half the teachers publishing weekly", 70, None, C, "Deputy head"),
            (STRATEGIC, "Every teacher publishing weekly lessons", 140, None, J, ""),
        ],
        items=[
            (
                OUT,
                "Reserve an hour in the staff meeting for lesson planning",
                "Head teacher",
                10,
                ItemStatus.OPEN,
                "Teachers have no time to start",
            ),
            (
                IN,
                "Upload existing worksheets",
                "Teachers",
                30,
                ItemStatus.OPEN,
                "Every lesson is built from scratch",
            ),
            (
                WITH,
                "Training day for all staff",
                "Dana Whitfield",
                12,
                ItemStatus.OPEN,
                "Only the keen teachers adopt",
            ),
            (
                BEHIND,
                "Single sign-on with the school directory",
                "Integration team",
                -2,
                ItemStatus.OPEN,
                "Teachers juggle passwords and give up",
            ),
        ],
        gaps=[
            (
                "Lessons are published, but students do not open them",
                "Link lessons from the timetable students already use",
            ),
            ("Parents do not know where to find the lessons", ""),
        ],
        interactions=[
            (
                -4,
                InteractionDirection.OUTBOUND_PROACTIVE,
                InteractionType.ASYNC_VIDEO,
                "Sent a 3-minute video on lesson templates",
            ),
        ],
    ),
]


def _stable_id(*parts: object) -> str:
    return hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()[:12]


def _customer(account: _Account, today: date) -> Customer:
    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    def ident(*parts: object) -> str:
        return _stable_id(account.name, *parts)

    start_in, due_in = account.time_frame
    outcome_id = ident("outcome")
    goal = Goal(
        objective=account.objective,
        measure=Measure(
            metric=account.measure[0],
            baseline=account.measure[1],
            target=account.measure[2],
            unit=account.measure[3],
        )
        if account.measure
        else None,
        conditions=[
            Condition(id=ident("condition", n), text=text, why_it_matters=why)
            for n, (text, why) in enumerate(account.conditions)
        ],
        time_frame=TimeFrame(
            start=day(start_in) if start_in is not None else None, due=day(due_in)
        ),
    )
    content, channels, cadence = account.experience
    outcome = DesiredOutcome(
        id=outcome_id,
        status=OutcomeStatus.ACTIVE,
        created_on=day(start_in or 0),
        goal=goal,
        experience=AppropriateExperience(content=content, channels=channels, cadence=cadence),
        milestones=[
            Milestone(
                id=ident("milestone", n),
                kind=kind,
                title=title,
                due=day(due),
                done_on=day(-done_ago) if done_ago is not None else None,
                owner_side=side,
                owner_name=owner,
            )
            for n, (kind, title, due, done_ago, side, owner) in enumerate(account.milestones)
        ],
        accountability=[
            AccountabilityItem(
                id=ident("item", n),
                part=part,
                description=description,
                owner=owner,
                due=day(due),
                status=status,
                done_on=min(day(due), today) if status is ItemStatus.DONE else None,
                consequence_of_inaction=consequence,
            )
            for n, (part, description, owner, due, status, consequence) in enumerate(account.items)
        ],
        success_gaps=[
            SuccessGap(id=ident("gap", n), gap=gap, bridge=bridge)
            for n, (gap, bridge) in enumerate(account.gaps)
        ],
        internal_notes=account.notes,
    )
    outcomes = [outcome]
    if account.earlier_objective:
        earlier = DesiredOutcome(
            id=ident("earlier-outcome"),
            status=OutcomeStatus.SUPERSEDED,
            created_on=day((start_in or 0) - 180),
            goal=Goal(
                objective=account.earlier_objective,
                time_frame=TimeFrame(start=day((start_in or 0) - 180), due=day(start_in or 0)),
            ),
        )
        outcome.supersedes = earlier.id
        outcomes.append(earlier)
    if account.draft is not None:
        outcomes.append(_draft_outcome(account.draft, today, ident))
    return Customer(
        id=ident("customer"),
        name=account.name,
        segment=account.segment,
        account_owner=account.owner,
        renewal_on=day(account.renewal_in),
        outcomes=outcomes,
        interactions=[
            Interaction(
                id=ident("interaction", n),
                occurred_on=day(offset),
                direction=direction,
                type=kind,
                summary=summary,
            )
            for n, (offset, direction, kind, summary) in enumerate(account.interactions)
        ],
        context_events=[
            ContextEvent(
                id=ident("context", n), occurred_on=day(offset), category=category, summary=summary
            )
            for n, (offset, category, summary) in enumerate(account.context)
        ],
        expectations=[
            Expectation(
                id=ident("expectation", n),
                description=description,
                expected_on=day(offset),
                status=status,
            )
            for n, (description, offset, status) in enumerate(account.expectations)
        ],
        contacts=_people(account.name, today, ident),
    )


def _draft_outcome(draft: _Draft, today: date, ident: Callable[..., str]) -> DesiredOutcome:
    metric, baseline, target, unit = draft.measure
    text, why = draft.condition
    return DesiredOutcome(
        id=ident("draft-outcome"),
        status=OutcomeStatus.DRAFT,
        created_on=today - timedelta(days=draft.started),
        goal=Goal(
            objective=draft.objective,
            measure=Measure(metric=metric, baseline=baseline, target=target, unit=unit),
            conditions=[Condition(id=ident("draft-condition"), text=text, why_it_matters=why)],
        ),
        milestones=[
            Milestone(id=ident("draft-milestone", n), kind=kind, title=title, owner_side=side)
            for n, (kind, title, side) in enumerate(draft.milestones)
        ],
        accountability=[
            AccountabilityItem(id=ident("draft-item", n), part=part, description=what, owner=who)
            for n, (part, what, who) in enumerate(draft.items)
        ],
    )


# Each account's champion and executive sponsor: (name, title, email), the sponsor last
# contacted so many days ago.
_PEOPLE: dict[str, tuple[tuple[str, str, str], tuple[str, str, str], int]] = {
    "Northwind Outfitters": (
        ("Priya Shah", "E-commerce lead", "priya@northwind.example"),
        ("Marcus Lee", "COO", "marcus@northwind.example"),
        21,
    ),
    "Helix Biotech": (
        ("Ingrid Falk", "Lab operations manager", "ingrid@helix.example"),
        ("Dr. Ruth Adeyemi", "VP Research", "ruth@helix.example"),
        35,
    ),
    "Brightline Logistics": (
        ("Tomás Ruiz", "Dispatch lead", "tomas@brightline.example"),
        ("Helen Park", "CEO", "helen@brightline.example"),
        12,
    ),
    "Cobalt Credit Union": (
        ("Aisha Khan", "Member services director", "aisha@cobalt.example"),
        ("George Brandt", "CFO", "george@cobalt.example"),
        40,
    ),
    "Meridian Health Clinics": (
        ("Lena Novak", "Practice manager", "lena@meridian.example"),
        ("Dr. Sam Oyelaran", "Medical director", "sam@meridian.example"),
        60,
    ),
    "Quarry & Co. Architects": (
        ("Jonas Berg", "Studio manager", "jonas@quarry.example"),
        ("Clara Quarry", "Founding partner", "clara@quarry.example"),
        28,
    ),
    "Atlas Manufacturing": (
        ("Ravi Menon", "Plant systems lead", "ravi@atlas.example"),
        ("Beth Carver", "VP Operations", "beth@atlas.example"),
        75,
    ),
    "Lumen Learning Academy": (
        ("Noor Haddad", "Head of digital learning", "noor@lumen.example"),
        ("Paul Whitman", "Principal", "paul@lumen.example"),
        45,
    ),
}


def _people(name: str, today: date, ident: Callable[..., str]) -> list[Contact]:
    if name not in _PEOPLE:
        return []
    (champion, title, email), (sponsor, sponsor_title, sponsor_email), days = _PEOPLE[name]
    return [
        Contact(
            id=ident("contact", 0),
            name=champion,
            title=title,
            email=email,
            role=ContactRole.CHAMPION,
            sentiment=Sentiment.POSITIVE,
            sentiment_on=today - timedelta(days=10),
            contacted_on=today - timedelta(days=7),
        ),
        Contact(
            id=ident("contact", 1),
            name=sponsor,
            title=sponsor_title,
            email=sponsor_email,
            role=ContactRole.EXECUTIVE_SPONSOR,
            contacted_on=today - timedelta(days=days),
        ),
    ]


def build_demo_customers(today: date) -> list[Customer]:
    """The demo accounts, their dates placed around `today`."""
    return [_customer(account, today) for account in _ACCOUNTS]


def create_demo_database(path: Path | str, today: date | None = None) -> Store:
    """Create (or refill) a database at `path` with the demo accounts, and return it open."""
    from successplan.demo_signals import record_demo_signals

    store = Store.open(path)
    today = today or clock.today()
    customers = build_demo_customers(today)
    store.save_customers(customers, source=VersionSource.DEMO)
    record_demo_signals(store, customers, today)
    return store
