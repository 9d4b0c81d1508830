"""Hypothesis strategies that build valid success plans of any shape."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from successplan.model import (
    AccountabilityItem,
    AccountabilityPart,
    AppropriateExperience,
    Condition,
    ContextCategory,
    ContextEvent,
    Customer,
    DesiredOutcome,
    Expectation,
    ExpectationStatus,
    Goal,
    Interaction,
    InteractionDirection,
    InteractionType,
    ItemStatus,
    Measure,
    Milestone,
    MilestoneKind,
    OutcomeStatus,
    OwnerSide,
    SuccessGap,
    TimeFrame,
    neutralise,
)
from tests.conftest import TODAY

# Printable text of every script, plus the punctuation that Markdown and SQL care about.
_characters = st.characters(
    blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029\x85"
)


def _trimmed(text: str) -> str:
    # As the model keeps it: without invisible characters that could disguise it.
    return neutralise(text).strip()


line = st.text(_characters, max_size=40).map(_trimmed)
required_line = line.filter(bool)
text = st.text(st.one_of(_characters, st.just("\n")), max_size=80).map(_trimmed)
required_text = text.filter(lambda value: bool(value.strip()))
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
# Completion dates: never after the day the tests run on.
past_days = st.dates(min_value=date(2020, 1, 1), max_value=TODAY)
numbers = st.floats(allow_nan=False, allow_infinity=False, width=32)


@st.composite
def time_frames(draw: st.DrawFn) -> TimeFrame:
    start = draw(st.none() | days)
    due = draw(days if start is None else st.dates(min_value=start, max_value=date(2031, 1, 1)))
    return TimeFrame(start=start, due=due, internal_notes=draw(text))


goals = st.builds(
    Goal,
    objective=required_text,
    measure=st.none()
    | st.builds(
        Measure, metric=required_line, baseline=st.none() | numbers, target=numbers, unit=line
    ),
    conditions=st.lists(
        st.builds(Condition, text=required_text, why_it_matters=text, internal_notes=text),
        max_size=3,
    ),
    time_frame=st.none() | time_frames(),
    internal_notes=text,
)

milestones = st.builds(
    Milestone,
    kind=st.sampled_from(MilestoneKind),
    title=required_line,
    description=text,
    due=st.none() | days,
    done_on=st.none() | past_days,
    owner_side=st.none() | st.sampled_from(OwnerSide),
    owner_name=line,
    internal_notes=text,
)

accountability_items = st.builds(
    AccountabilityItem,
    part=st.sampled_from(AccountabilityPart),
    description=required_text,
    owner=line,
    due=st.none() | days,
    status=st.sampled_from(ItemStatus),
    done_on=st.none() | past_days,
    consequence_of_inaction=text,
    internal_notes=text,
)

outcomes = st.builds(
    DesiredOutcome,
    status=st.sampled_from(OutcomeStatus),
    created_on=days,
    goal=goals,
    experience=st.builds(
        AppropriateExperience,
        content=text,
        channels=st.lists(required_line, max_size=3),
        cadence=line,
        internal_notes=text,
    ),
    milestones=st.lists(milestones, max_size=5),
    accountability=st.lists(accountability_items, max_size=5),
    success_gaps=st.lists(st.builds(SuccessGap, gap=required_text, bridge=text), max_size=2),
    internal_notes=text,
)


@st.composite
def customers(draw: st.DrawFn) -> Customer:
    plan_outcomes = draw(st.lists(outcomes, max_size=3))
    # An evolved goal links to an earlier outcome of the same customer.
    if len(plan_outcomes) >= 2 and draw(st.booleans()):
        plan_outcomes[0].supersedes = plan_outcomes[1].id
    return Customer(
        name=draw(required_line.filter(lambda value: len(value) <= 120)),
        segment=draw(line),
        account_owner=draw(line),
        renewal_on=draw(st.none() | days),
        outcomes=plan_outcomes,
        interactions=draw(
            st.lists(
                st.builds(
                    Interaction,
                    occurred_on=days,
                    direction=st.sampled_from(InteractionDirection),
                    type=st.sampled_from(InteractionType),
                    summary=required_text,
                ),
                max_size=2,
            )
        ),
        context_events=draw(
            st.lists(
                st.builds(
                    ContextEvent,
                    occurred_on=days,
                    category=st.sampled_from(ContextCategory),
                    summary=required_text,
                ),
                max_size=2,
            )
        ),
        expectations=draw(
            st.lists(
                st.builds(
                    Expectation,
                    description=required_text,
                    expected_on=st.none() | days,
                    status=st.sampled_from(ExpectationStatus),
                ),
                max_size=2,
            )
        ),
        internal_notes=draw(text),
    )
