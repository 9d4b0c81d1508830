"""Plan edits and history from the command line: what the app does, for scripts.

`evolve`, `done`, `reopen` and `log` change a plan through the same edits as the app and
record a version with source "command line"; `history`, `diff` and `restore` read and
bring back versions.
"""

from __future__ import annotations

from datetime import date

import click

from successplan.cli.session import session_of, store_of
from successplan.cli.values import AMOUNT, AMOUNT_HELP, DATE, DATE_HELP, SINCE, Since, SinceWhat
from successplan.enums import (
    DEFAULT_INTERACTION_DIRECTION,
    InteractionDirection,
    InteractionType,
    OutcomeStatus,
    VersionSource,
)
from successplan.errors import NotFoundError
from successplan.model import AccountabilityItem, Customer, DesiredOutcome, Interaction, Milestone
from successplan.plan import contacts, edits, history
from successplan.store import Store, records
from successplan.store.permissions import author

SOURCE = VersionSource.COMMAND_LINE


def _save(ctx: click.Context, store: Store, customer: Customer, done: str) -> None:
    """Save the plan (and record its health) and say what was `done` and the version, then
    where changes landed when a goal evolved elsewhere after the plan was read."""
    from successplan.knowledge.health_book import save_plan

    saved = save_plan(store, customer, session_of(ctx).today, source=SOURCE)
    click.echo(f"{done} Version {saved.version}.")
    for sentence in saved.landed:
        click.echo(sentence)


# --- evolve -------------------------------------------------------------------------------


def _outcome(customer: Customer, wanted: str | None) -> DesiredOutcome:
    """The outcome named by id or objective prefix, or the one live outcome."""
    live = [o for o in customer.outcomes if o.status is not OutcomeStatus.SUPERSEDED]
    if wanted is not None:
        matches = [o for o in customer.outcomes if o.id == wanted] or [
            o for o in live if o.goal.objective.casefold().startswith(wanted.casefold())
        ]
    else:
        active = [o for o in live if o.status is OutcomeStatus.ACTIVE]
        matches = active or live
    if len(matches) == 1:
        return matches[0]
    listing = "; ".join(f"{o.id} ({o.goal.objective})" for o in live) or "none"
    if not matches:
        raise NotFoundError(f"No outcome of {customer.name} matches {wanted!r}: {listing}.")
    raise NotFoundError(f"Name the outcome with --outcome; {customer.name} has: {listing}.")


@click.command()
@click.argument("customer")
@click.option("--outcome", "outcome_ref", help="The outcome's id or the start of its objective.")
@click.option("--objective", required=True, help="The new objective.")
@click.option("--due", type=DATE, help=f"A new due date: {DATE_HELP}")
@click.option("--target", type=AMOUNT, help=f"A new target for the measure: {AMOUNT_HELP}")
@click.pass_context
def evolve(
    ctx: click.Context,
    customer: str,
    outcome_ref: str | None,
    objective: str,
    due: date | None,
    target: float | None,
) -> None:
    """Evolve a goal: a new outcome supersedes the old one and keeps everything in it.

    The time frame, conditions, experience, milestones and items (done ones stay done),
    success gaps and notes are carried; each carried item remembers where it came from.
    """
    store = store_of(ctx)
    plan = store.find_customer(customer)
    old = _outcome(plan, outcome_ref)
    request = edits.EvolveRequest(objective=objective, due=due, target=target)
    changed, new = edits.evolved(plan, old.id, request, session_of(ctx).today)
    _save(
        ctx,
        store,
        changed,
        f'Evolved "{old.goal.objective}" into "{new.goal.objective}" ({new.id}): '
        f"kept {len(new.milestones)} milestones, {len(new.accountability)} items.",
    )


# --- done and reopen ----------------------------------------------------------------------

Step = Milestone | AccountabilityItem


def _steps(customer: Customer) -> list[tuple[DesiredOutcome, Step]]:
    found: list[tuple[DesiredOutcome, Step]] = []
    for outcome in customer.outcomes:
        found.extend((outcome, milestone) for milestone in outcome.milestones)
        found.extend((outcome, item) for item in outcome.accountability)
    return found


def _step_name(step: Step) -> str:
    return step.title if isinstance(step, Milestone) else step.description


def _find_step(customer: Customer, ref: str, done: bool) -> tuple[DesiredOutcome, Step]:
    """A milestone or item by id (one a goal carried into a newer outcome: its copy
    there), or by the start of its title (live outcomes only)."""
    current = edits.current_steps(customer).get(ref)
    if current is not None:
        return current
    steps = _steps(customer)
    by_id = [(o, s) for o, s in steps if s.id == ref]
    if by_id:
        return by_id[0]
    live = [(o, s) for o, s in steps if o.status is not OutcomeStatus.SUPERSEDED]
    matches = [(o, s) for o, s in live if _step_name(s).casefold().startswith(ref.casefold())]
    if len(matches) == 1:
        return matches[0]
    candidates = matches or [(o, s) for o, s in live if s.is_done != done]
    listing = "\n".join(f"  {s.id}  {_step_name(s)}" for _, s in candidates[:15])
    problem = "matches several" if matches else "matches no"
    raise NotFoundError(
        f"{ref!r} {problem} milestone or item of {customer.name}; name one by its id:\n{listing}"
    )


def _mark(ctx: click.Context, customer: str, refs: tuple[str, ...], done: bool) -> None:
    store = store_of(ctx)
    plan = store.find_customer(customer)
    if not refs:
        _list_steps(plan, done)
        return
    today = session_of(ctx).today
    changed, names = plan, []
    for ref in refs:
        outcome, step = _find_step(changed, ref, done)
        changed = edits.with_completion(changed, outcome.id, step.id, done, today)
        names.append(_step_name(step))
    if changed == plan:
        click.echo("Nothing to change: " + ("already done." if done else "already open."))
        return
    verb = "Done" if done else "Reopened"
    _save(ctx, store, changed, f"{verb}: " + "; ".join(names) + ".")


def _list_steps(plan: Customer, done: bool) -> None:
    """What `done` (open steps) or `reopen` (done steps) can be given, with ids."""
    candidates = [
        (o, s)
        for o, s in _steps(plan)
        if o.status is not OutcomeStatus.SUPERSEDED and s.is_done != done
    ]
    if not candidates:
        click.echo("Nothing to mark.")
    for _, step in candidates:
        click.echo(f"{step.id}  {_step_name(step)}")


@click.command()
@click.argument("customer")
@click.argument("steps", nargs=-1)
@click.pass_context
def done(ctx: click.Context, customer: str, steps: tuple[str, ...]) -> None:
    """Mark milestones or accountability items done today.

    Name each by its id or the start of its title; with none, list the open ones.
    """
    _mark(ctx, customer, steps, done=True)


@click.command()
@click.argument("customer")
@click.argument("steps", nargs=-1)
@click.pass_context
def reopen(ctx: click.Context, customer: str, steps: tuple[str, ...]) -> None:
    """Mark milestones or accountability items not done again (with none, list done ones)."""
    _mark(ctx, customer, steps, done=False)


# --- log ----------------------------------------------------------------------------------


@click.command()
@click.argument("customer")
@click.argument("text")
@click.option(
    "--type",
    "kind",
    type=click.Choice([t.value for t in InteractionType]),
    default=InteractionType.OTHER.value,
    show_default=True,
)
@click.option(
    "--direction",
    type=click.Choice([d.value for d in InteractionDirection]),
    default=DEFAULT_INTERACTION_DIRECTION.value,
    show_default=True,
)
@click.option("--on", "on", type=DATE, help=f"When it happened (default today): {DATE_HELP}")
@click.option(
    "--with",
    "people",
    multiple=True,
    metavar="CONTACT",
    help="A contact it was with (name or email, as often as needed): their last contacted "
    "day becomes this one.",
)
@click.pass_context
def log(
    ctx: click.Context,
    customer: str,
    text: str,
    kind: str,
    direction: str,
    on: date | None,
    people: tuple[str, ...],
) -> None:
    """Record an interaction with the customer in one line."""
    store = store_of(ctx)
    plan = store.find_customer(customer)
    interaction = Interaction(
        occurred_on=on or session_of(ctx).today,
        direction=InteractionDirection(direction),
        type=InteractionType(kind),
        summary=text,
        logged_by=author(store),
    )
    day = interaction.occurred_on.isoformat()
    changed, met = contacts.contacted(plan, list(people), interaction.occurred_on)
    changed = edits.with_item(changed, edits.Slot("interactions"), interaction)
    _save(ctx, store, changed, f"Logged {kind} of {day}.")
    if met:
        click.echo(f"Last contacted on {day}: {', '.join(person.name for person in met)}.")


# --- history, diff, restore ---------------------------------------------------------------


def _customer_id(store: Store, customer: str) -> tuple[str, str]:
    """Id and name of a customer, also of a deleted one named by its exact id."""
    try:
        plan = store.find_customer(customer)
        return plan.id, plan.name
    except NotFoundError:
        if records.versions(store, customer):
            return customer, f"the deleted plan {customer}"
        raise


@click.command("history")
@click.argument("customer")
@click.pass_context
def history_command(ctx: click.Context, customer: str) -> None:
    """List the versions of a customer's plan: when, from where, what changed."""
    store = store_of(ctx, read_only=True)
    customer_id, name = _customer_id(store, customer)
    found = history.versions(store, customer_id)
    shares = history.shares(store, customer_id)
    click.echo(f"{name}: {len(found)} version{'s' if len(found) != 1 else ''}")
    for version in reversed(found):
        when = version.local_time.strftime("%Y-%m-%d %H:%M")
        said = f"{version.author}: {version.summary}" if version.author else version.summary
        click.echo(f"{version.number:>4}  {when}  {version.source.value:<14} {said}")
        for share in shares.get(version.number, []):
            audience = "internal copy" if share.internal else "for the customer"
            click.echo(f"{'':>6}shared as {share.format} {audience} on {share.day}: {share.file}")


@click.command()
@click.argument("customer")
@click.option(
    "--since",
    type=SINCE,
    default=None,
    help="A version number, a date ('last monday') or 'shared' (default: the previous version).",
)
@click.pass_context
def diff(ctx: click.Context, customer: str, since: Since | None) -> None:
    """Say what changed in a customer's plan, in words."""
    store = store_of(ctx, read_only=True)
    customer_id, name = _customer_id(store, customer)
    latest = records.plan_version(store, customer_id)
    base, described = _since(store, customer_id, since, latest)
    changes = history.changes_between(store, customer_id, base)
    click.echo(f"{name}: changes since {described} (now version {latest})")
    authors = history.authors_between(store, customer_id, base)
    if authors:
        click.echo(f"  by {', '.join(authors)}")
    if not changes:
        click.echo("  Nothing changed.")
    for change in changes:
        click.echo(f"  - {change.describe()}")


def _since(store: Store, customer_id: str, since: Since | None, latest: int) -> tuple[int, str]:
    if since is None:
        return max(latest - 1, 0), f"version {max(latest - 1, 0)}"
    if isinstance(since, SinceWhat):
        share = history.last_share(store, customer_id)
        if share is None:
            return 0, "the start (never shared with the customer)"
        return share.version, f"it was last shared (version {share.version}, {share.day})"
    if isinstance(since, int):
        return since, f"version {since}"
    return history.version_before(store, customer_id, since), since.isoformat()


@click.command()
@click.argument("customer")
@click.argument("version", type=int)
@click.pass_context
def restore(ctx: click.Context, customer: str, version: int) -> None:
    """Bring a plan back to an earlier version, as a new version (nothing is lost)."""
    store = store_of(ctx)
    customer_id, _ = _customer_id(store, customer)
    saved = history.restore(store, customer_id, version)
    click.echo(f"Restored {saved.customer.name} to version {version}: now version {saved.version}.")
